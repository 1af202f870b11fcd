"""Markdown (CommonMark with GFM tables): headings, paragraphs, list items, quotations, cells.

markdown-it-py finds the block structure (it reports each block's line range) and the
inline tokens; it gives no column offsets, so each inline token is found again in the
block's source text, in order. Emphasis, links, inline code, images and inline HTML
become placeholders; image alt texts and link titles are units of their own. Fenced and
indented code, HTML blocks (comments included) and YAML front matter are left alone,
except that a front-matter `lang:`/`dir:` follows the target language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..languages import is_rtl
from . import bidi
from .base import Block, Edit, Link, Span, decode_text, encode_text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

EXTENSIONS = (".md", ".markdown")
BINARY = False
decode, encode = decode_text, encode_text

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(?:.*\r?\n)*?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")  # line ends as markdown-it reads them
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*\r?\n?\Z")
_BREAK = re.compile(r"[ \t]*\r?\n[ \t]*")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>", re.S)
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_NOTES = {"blockquote_open": "quotation", "list_item_open": "list item"}


class _Misaligned(Exception):
    """An inline token could not be found where expected: offer the block as plain text."""


def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported on first use: most commands never parse Markdown
    # text_join off: escapes and entities stay separate tokens carrying their source form
    return MarkdownIt("commonmark", {"html": True}).enable("table").disable("text_join")


def blocks(text: str) -> list[Block]:
    md = _parser()
    front = _FRONT_MATTER.match(text)
    hidden = len(front.group().splitlines()) if front else 0
    lines = _LINE.findall(text)
    line_starts = [0]
    for line in lines:
        line_starts.append(line_starts[-1] + len(line))
    source = "".join("\n" if i < hidden else line for i, line in enumerate(lines))
    if source.startswith("\ufeff"):
        source = " " + source[1:]
    env: dict = {}
    tokens = md.parse(source, env)
    result: list[Block] = []
    containers: list[str] = []
    for k, token in enumerate(tokens):
        if token.type in _NOTES:
            containers.append(_NOTES[token.type])
        elif token.type in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif token.type == "inline" and token.map:
            parent = tokens[k - 1].type
            if parent in ("th_open", "td_open"):
                continue  # cells are read from their row, below
            note = "heading" if parent == "heading_open" else (
                containers[-1] if containers else "paragraph")
            result += _inline_block(text, lines, line_starts, token, note, md, env,
                                    heading=parent == "heading_open")
        elif token.type == "tr_open" and token.map:
            result += _row(text, lines[token.map[0]], line_starts[token.map[0]], md, env)
    return result


def _inline_block(text: str, lines: list[str], line_starts: list[int], token, note: str,
                  md: MarkdownIt, env: dict, *, heading: bool) -> list[Block]:
    content = token.content
    first = token.map[0]
    starts = []  # (offset in content, offset in text) of each content line
    at = 0
    for i, part in enumerate(content.split("\n")):
        line = lines[first + i].rstrip("\r\n")
        if heading and len(content.split("\n")) == 1 and _HEADING.match(lines[first]):
            inner = _HEADING.match(lines[first])
            column = inner.start(1) if inner.group(1) is not None else -1
        elif line.endswith(part):
            column = len(line) - len(part)
        elif line.rstrip().endswith(part):
            column = len(line.rstrip()) - len(part)
        else:
            column = line.find(part) if part else len(line)
        if column < 0 or line[column:column + len(part)] != part:
            return []  # markdown-it rewrote this line (tabs in a container): leave it alone
        starts.append((at, line_starts[first + i] + column))
        at += len(part) + 1

    def to_text(offset: int) -> int:
        k = max(i for i, (c, _) in enumerate(starts) if c <= offset) if offset else 0
        return starts[k][1] + offset - starts[k][0]

    return _inline(text, content, token.children or [], to_text, note, "md")


def _row(text: str, line: str, offset: int, md: MarkdownIt, env: dict) -> list[Block]:
    """Each cell of a table row, read from the row's source (markdown-it unescapes `\\|`)."""
    body = line.rstrip("\r\n")
    cells = []
    pos = 0
    for m in _CELL_SPLIT.finditer(body + "|"):
        cells.append((pos, m.start()))
        pos = m.end()
    if body.strip().startswith("|"):
        cells = cells[1:]
    if body.rstrip().endswith("|") and cells:
        cells = cells[:-1]
    if re.fullmatch(r"[\s|:-]*", body):
        return []  # the delimiter row
    result = []
    for a, b in cells:
        raw = body[a:b]
        stripped = raw.strip()
        if not stripped:
            continue
        a += len(raw) - len(raw.lstrip())
        children = md.parseInline(stripped, env)[0].children or []
        result += _inline(text, stripped, children, lambda x, at=offset + a: at + x,
                          "table cell", "md-cell")
    return result


def _inline(text: str, content: str, children: list, to_text: Callable[[int], int],
            note: str, context: str) -> list[Block]:
    try:
        spans, nested = _align(content, children)
    except _Misaligned:
        spans = [(m.start(), m.end(), "char", " ") for m in _BREAK.finditer(content)]
        nested = []
    block = Block(to_text(0), to_text(len(content)), note,
                  tuple(Span(to_text(a), to_text(b), kind, shown)
                        for a, b, kind, shown in spans), context)
    return [block] + [Block(to_text(a), to_text(b), n, (), c) for a, b, n, c in nested]


def _align(content: str, children: list) -> tuple[list, list]:
    """Find each inline token in `content`: spans (start, end, kind, shown) and nested units."""
    spans: list[tuple[int, int, str, str | None]] = []
    nested: list[tuple[int, int, str, str]] = []
    pos = 0

    def at(needle: str, start: int) -> int:
        found = content.find(needle, start)
        if found < 0 or content[start:found].strip():
            raise _Misaligned
        return found

    skip_until_close = False
    for token in children:
        kind = token.type
        if skip_until_close:
            skip_until_close = kind != "link_close"
            continue
        if kind == "text":
            pos = at(token.content, pos) + len(token.content)
        elif kind == "text_special":
            start = at(token.markup, pos)
            pos = start + len(token.markup)
            spans.append((start, pos, "char", token.content))
        elif kind in ("softbreak", "hardbreak"):
            match = re.compile(r"(?:[ \t]*|\\)\r?\n[ \t]*").match(content, pos)
            if not match:
                raise _Misaligned
            spans.append((pos, match.end(), *(("char", " ") if kind == "softbreak"
                                               else ("empty", "\n"))))
            pos = match.end()
        elif kind.endswith("_open") and kind != "link_open" or kind.endswith("_close") \
                and kind != "link_close":
            start = at(token.markup, pos)
            pos = start + len(token.markup)
            spans.append((start, pos, "open" if kind.endswith("_open") else "close", None))
        elif kind == "code_inline":
            start = at(token.markup, pos)
            end = re.compile(rf"(?<!`){token.markup}(?!`)").search(content, start + len(token.markup))
            if not end:
                raise _Misaligned
            spans.append((start, end.end(), "empty", None))
            pos = end.end()
        elif kind == "link_open" and token.markup == "autolink":
            start = at("<", pos)
            pos = content.index(">", start) + 1
            spans.append((start, pos, "empty", None))
            skip_until_close = True
        elif kind == "link_open":
            start = at("[", pos)
            pos = start + 1
            spans.append((start, pos, "open", None))
        elif kind == "link_close":
            start = at("]", pos)
            pos = _destination(content, start + 1)
            spans.append((start, pos, "close", None))
            nested += _title(content, start, pos)
        elif kind == "image":
            start = at("![" + token.content + "]", pos)
            label_end = start + 2 + len(token.content)
            pos = _destination(content, label_end + 1)
            spans.append((start, pos, "empty", None))
            if token.content.strip():
                nested.append((start + 2, label_end, "image description (alt)", "md-alt"))
            nested += _title(content, label_end, pos)
        elif kind == "html_inline":
            start = at(token.content, pos)
            pos = start + len(token.content)
            tag = _TAG.fullmatch(token.content)
            if not tag:
                shape = "empty"  # a comment, a declaration
            elif tag.group(1):
                shape = "close"
            else:
                shape = "empty" if tag.group(3) or tag.group(2).lower() in _VOID else "open"
            spans.append((start, pos, shape, "" if token.content.startswith("<!") else None))
        else:
            raise _Misaligned
    if content[pos:].strip():
        raise _Misaligned
    return spans, nested


def _destination(content: str, pos: int) -> int:
    """End of a link's `(destination "title")` or `[label]` after its `]`."""
    if content.startswith("(", pos):
        depth = 0
        quote = None
        i = pos
        while i < len(content):
            char = content[i]
            if char == "\\":
                i += 2
                continue
            if quote:
                if char == quote:
                    quote = None
            elif char in "\"'" and content[i - 1] in " \t\n":
                quote = char
            elif char == "<" and depth == 1 and content[i - 1] == "(":
                i = content.index(">", i)
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        raise _Misaligned
    if content.startswith("[", pos):
        end = content.find("]", pos)
        if end < 0:
            raise _Misaligned
        return end + 1
    return pos


def _title(content: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    match = re.search(r"""[ \t\n](?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')[ \t\n]*\)\Z""",
                      content[start:end], re.S)
    if not match or not (match.group(1) or match.group(2) or "").strip():
        return []
    group = 1 if match.group(1) is not None else 2
    return [(start + match.start(group), start + match.end(group), "link title", "md-title")]


_SPECIAL = {"md": "\\`*_[]<", "md-cell": "\\`*_[]<|", "md-alt": "\\[]", "md-title": "\\\"'()"}


def escape(text: str, context: str, *, rtl: bool) -> str:
    r"""Translated text with Markdown's special characters backslash-escaped.

    >>> escape("Le *prix* & [co] R&amp;D", "md", rtl=False)
    'Le \\*prix\\* & \\[co\\] R\\&amp;D'
    """
    specials = _SPECIAL[context]

    def escaped(part: str) -> str:
        part = "".join("\\" + c if c in specials else c for c in part)
        return re.sub(r"&(?=#?[A-Za-z0-9]+;)", r"\\&", part)

    return bidi.isolate(text, escaped) if rtl else escaped(text)


def retarget(text: str, *, source: str, target: str, link: Link | None = None) -> list[Edit]:
    """A front matter's `lang:` and `dir:` values follow the target language; with `link`,
    the destinations of links (inline, autolinks, reference definitions) too."""
    edits = _relinked(text, link) if link is not None else []
    front = _FRONT_MATTER.match(text)
    if not front:
        return edits
    values = {"lang": target, "language": target,
              "dir": "rtl" if is_rtl(target) else "ltr"}
    for m in re.finditer(r"(?m)^(lang|language|dir):[ \t]*([\"']?)([A-Za-z_-]+)\2[ \t]*\r?$",
                         front.group()):
        edits.append(Edit(m.start(3), m.end(3), values[m.group(1)]))
    return sorted(edits, key=lambda e: e.start)


# a reference definition, `[label]: destination "title"`, on a line of its own
_DEFINITION = re.compile(r" {0,3}\[(?:[^\]\\]|\\.)+\]:[ \t]*(?:<([^>\n]*)>|(\S+))")


def _relinked(text: str, link: Link) -> list[Edit]:
    """Edits giving each link destination its address in the target's edition: the
    `](…)` of inline links and `<…>` autolinks, found among the blocks' markup, and the
    reference definitions, on lines no block (code and HTML blocks included) holds."""
    found: list[tuple[int, int]] = []
    for block in blocks(text):
        for span in block.spans:
            written = text[span.start:span.end]
            if span.kind == "close" and written.startswith("]("):
                inner = written[2:-1]
                lead = len(inner) - len(inner.lstrip())
                inner = inner.strip()
                at = span.start + 2 + lead
                if inner.startswith("<") and ">" in inner:
                    found.append((at + 1, at + inner.index(">")))
                elif inner:
                    found.append((at, at + len(inner.split()[0])))
            elif span.kind == "empty" and re.fullmatch(r"<[A-Za-z][\w+.-]*:[^<>\s]*>", written):
                found.append((span.start + 1, span.end - 1))
    held = {line for token in _parser().parse(text) if token.map
            for line in range(*token.map)}  # a definition makes no token
    offset = 0
    for number, line in enumerate(_LINE.findall(text)):
        definition = _DEFINITION.match(line)
        if definition and number not in held:
            group = 1 if definition.group(1) is not None else 2
            found.append((offset + definition.start(group), offset + definition.end(group)))
        offset += len(line)
    edits = []
    for start, end in found:
        url = text[start:end]
        if (moved := link(url)) != url:
            edits.append(Edit(start, end, moved))
    return edits

