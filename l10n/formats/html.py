"""HTML and XHTML pages: block text, `alt`/`title` attributes and the page description.

The standard library's `html.parser` is the tokenizer: it reports where every token
starts (lxml and html5lib build trees but give no column offsets), it never fetches a
DTD or anything over the network, and it expands no entity (we decode character
references ourselves, for the msgid only). Rebuilding splices translations into the
original text, so the DOCTYPE, comments, entities, attribute quoting and whitespace of
the page stay as they were.

A block is a run of text and inline elements between block-level tags; inline markup
becomes placeholders. Blocks of a page's `<header>` and `<footer>` are noted as such. Scripts, styles, `code`/`pre`-like elements and anything under
`translate="no"` or `class="notranslate"` are left alone (inline ones become a single
placeholder).
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import NamedTuple

from ..languages import is_rtl
from . import bidi
from .base import OBJECT, Block, Edit, Link, Span, decode_text, encode_text

EXTENSIONS = (".html", ".htm", ".xhtml")
BINARY = False
decode, encode = decode_text, encode_text

INLINE = frozenset(
    "a abbr b bdi bdo big br cite code data del dfn em font i img input ins kbd mark q s "
    "samp small span strike strong sub sup time tt u var wbr".split())
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
PROTECTED = frozenset("code kbd pre samp script style svg math template textarea var".split())
TRANSPARENT = frozenset({"script", "style", "template"})  # no block boundary in a paragraph
TEXT_ONLY = frozenset({"title", "option"})  # no child elements: isolate with marks, not tags
_CLOSED_BY = {  # an open element that the start of another implicitly ends
    "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr"},
    "td": {"td", "th", "tr"}, "th": {"td", "th", "tr"}, "option": {"option"},
}
NOTES = {
    "title": "page title", "h1": "heading", "h2": "heading", "h3": "heading",
    "h4": "heading", "h5": "heading", "h6": "heading", "p": "paragraph",
    "li": "list item", "td": "table cell", "th": "table header", "caption": "table caption",
    "figcaption": "figure caption", "blockquote": "quotation", "dt": "term",
    "dd": "definition", "option": "option", "button": "button", "label": "label",
}
_META = {("name", "description"): "page description", ("property", "og:title"): "page title",
         ("property", "og:description"): "page description"}

_REF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_SPACE = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")
_ATTR = re.compile(r"""([^\s/>"'=][^\s/>"'=]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"'`=<]+))?""")


class _Token(NamedTuple):  # a tuple: pages have thousands of tokens
    kind: str  # "start", "end", "data", "other"
    start: int
    end: int
    tag: str = ""
    attrs: tuple[tuple[str, str | None], ...] = ()
    void: bool = False


class _Tokenizer(HTMLParser):
    """Records each token's kind and start offset; a token ends where the next begins."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.found: list[tuple[str, int, str, tuple, bool]] = []

    def _at(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        self.found.append(("start", self._at(), tag, tuple(attrs), tag in VOID))

    def handle_startendtag(self, tag, attrs):
        self.found.append(("start", self._at(), tag, tuple(attrs), True))

    def handle_endtag(self, tag):
        self.found.append(("end", self._at(), tag, (), False))

    def handle_data(self, data):
        self.found.append(("data", self._at(), "", (), False))

    handle_entityref = handle_charref = handle_data

    def handle_comment(self, data):
        self.found.append(("other", self._at(), "", (), False))

    handle_decl = handle_pi = unknown_decl = handle_comment


@functools.lru_cache(maxsize=4)
def _tokens(text: str) -> tuple[_Token, ...]:
    """The page's tokens; remembered for the few pages in hand, since a build reads the
    same page for its blocks and again for each target language's `lang`/`dir` edits."""
    parser = _Tokenizer(text)
    parser.feed(text)
    parser.close()
    found = parser.found
    ends = [f[1] for f in found[1:]] + [len(text)]
    return tuple(_Token(kind, start, end, tag, attrs, void)
                 for (kind, start, tag, attrs, void), end in zip(found, ends))


@dataclass
class _Element:
    tag: str
    skip: bool  # its content is not for translation
    start: int
    hidden: str | None = None  # inside a run, a skipped element is one placeholder showing this


@dataclass
class _Run:
    start: int
    end: int
    note: str
    context: str
    spans: list[Span]


def blocks(text: str) -> list[Block]:
    result: list[Block] = []
    stack: list[_Element] = []
    run: _Run | None = None

    def finish() -> None:
        nonlocal run
        if run is not None:
            result.append(Block(run.start, run.end, run.note, tuple(run.spans), run.context))
            run = None

    def extend(span: Span) -> None:
        assert run is not None
        run.spans.append(span)
        run.end = span.end

    def open_run(at: int) -> None:
        nonlocal run
        if run is None:
            owner = next((e.tag for e in reversed(stack) if e.tag not in INLINE), "")
            page = next((e.tag for e in stack if e.tag in ("header", "footer")), None)
            run = _Run(at, at, page or NOTES.get(owner, "text"),
                       "text" if owner in TEXT_ONLY else "html", [])

    for token in _tokens(text):
        skipping = bool(stack) and stack[-1].skip
        tag = token.tag
        if token.kind == "data" and not skipping:
            open_run(token.start)
            run.spans += _text_spans(text, token.start, token.end)
            run.end = token.end
        elif token.kind == "other" and not skipping and run is not None:
            extend(Span(token.start, token.end, "empty", ""))
        elif token.kind == "end":
            index = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].tag == tag), None)
            element = stack[index] if index is not None else None
            if index is not None:
                del stack[index:]
            if element and element.hidden is not None and run is not None:
                extend(Span(element.start, token.end, "empty", element.hidden))
            elif tag in INLINE and element and not element.skip and run is not None:
                extend(Span(token.start, token.end, "close"))
            elif tag not in INLINE and tag not in TRANSPARENT:
                finish()
        elif token.kind == "start":
            if tag not in INLINE and tag not in TRANSPARENT:
                finish()
                while stack and (stack[-1].tag in INLINE or stack[-1].tag == "p"
                                 or tag in _CLOSED_BY.get(stack[-1].tag, ())):
                    stack.pop()
            skip = _skip(tag, dict(token.attrs), skipping)
            if not skip:
                result += _attribute_blocks(text, token)
            hidden = None
            if not skipping and (tag in INLINE or (tag in TRANSPARENT and run is not None)):
                open_run(token.start)
                if skip and not token.void:
                    hidden = "" if tag in TRANSPARENT else OBJECT
                else:
                    kind = "empty" if token.void or skip else "open"
                    extend(Span(token.start, token.end, kind, "\n" if tag == "br" else None))
            if not token.void:
                stack.append(_Element(tag, skip, token.start, hidden))
    finish()
    return result


def _skip(tag: str, attrs: dict[str, str | None], inherited: bool) -> bool:
    if tag in PROTECTED or "notranslate" in (attrs.get("class") or "").split():
        return True
    translate = (attrs.get("translate") or "").strip().lower()
    if translate == "no":
        return True
    if translate == "yes":
        return False
    return inherited


def _text_spans(text: str, start: int, end: int) -> list[Span]:
    """Character references shown decoded, layout whitespace shown as one space."""
    spans = [Span(m.start(), m.end(), "char", html.unescape(m.group()))
             for m in _REF.finditer(text, start, end)]
    spans += [Span(m.start(), m.end(), "char", " ") for m in _SPACE.finditer(text, start, end)]
    return sorted(spans, key=lambda s: s.start)


def _attributes(text: str, token: _Token) -> list[tuple[str, int, int, str]]:
    """(name, value start, value end, quote) of each attribute written in the start tag."""
    found = []
    for m in _ATTR.finditer(text, token.start + 1 + len(token.tag), token.end):
        if m.group(2) is None:
            continue
        value_start, value_end = m.span(2)
        quote = text[value_start] if text[value_start] in "\"'" else ""
        if quote:
            value_start, value_end = value_start + 1, value_end - 1
        found.append((m.group(1).lower(), value_start, value_end, quote))
    return found


def _attribute_blocks(text: str, token: _Token) -> list[Block]:
    attrs = dict(token.attrs)
    wanted: dict[str, str] = {}
    if "title" in attrs and token.tag != "meta":
        wanted["title"] = "tooltip (title)"
    if token.tag in ("img", "area", "input") and "alt" in attrs:
        wanted["alt"] = "image description (alt)"
    if token.tag == "meta":
        for (key, value), note in _META.items():
            if (attrs.get(key) or "").lower() == value:
                wanted["content"] = note
    if not wanted:
        return []
    result = []
    for name, start, end, quote in _attributes(text, token):
        if name in wanted and html.unescape(text[start:end]) == attrs.get(name):
            result.append(Block(start, end, wanted.pop(name), tuple(_text_spans(text, start, end)),
                                f"attr{quote}"))
    return result


_ESCAPES = {
    "html": {"&": "&amp;", "<": "&lt;", ">": "&gt;"},
    "text": {"&": "&amp;", "<": "&lt;", ">": "&gt;"},
    'attr"': {"&": "&amp;", '"': "&quot;"},
    "attr'": {"&": "&amp;", "'": "&#39;"},
    "attr": {"&": "&amp;", '"': "&quot;", "'": "&#39;", "=": "&#61;", "<": "&lt;",
             ">": "&gt;", "`": "&#96;", " ": "&#32;", "\t": "&#9;", "\n": "&#10;"},
}


def escape(text: str, context: str, *, rtl: bool) -> str:
    """Translated text escaped for where it goes; LTR runs isolated in an RTL target.

    >>> escape("Voir <www.imctc.org> & co", "html", rtl=False)
    'Voir &lt;www.imctc.org&gt; &amp; co'
    >>> escape("موقع www.imctc.org", "html", rtl=True)
    'موقع <span dir="ltr">www.imctc.org</span>'
    """
    table = str.maketrans(_ESCAPES[context])
    if not rtl:
        return text.translate(table)
    if context == "html":
        return bidi.isolate(text, lambda t: t.translate(table), '<span dir="ltr">', "</span>")
    return bidi.isolate(text, lambda t: t.translate(table))


def retarget(text: str, *, source: str, target: str, link: Link | None = None) -> list[Edit]:
    """`lang`/`dir` of the root set to the target; other source-language marks follow.

    The root always gets `lang`, and `dir="rtl"` for a right-to-left target; elsewhere
    `lang`, `xml:lang` and `dir` change only where the source language was declared, and
    `<meta http-equiv="content-language">` too. With `link`, every `href` (but one whose
    `hreflang` says which language it is for, as a language switcher's) and the page's
    `og:url` get their address in the target's edition.
    """
    direction = "rtl" if is_rtl(target) else "ltr"
    edits: list[Edit] = []
    root_seen = False
    for token in _tokens(text):
        if token.kind != "start":
            continue
        attrs = _attributes(text, token)
        if link is not None:
            edits += _relinked(text, token, attrs, link)
        values = {name: text[a:b] for name, a, b, _ in attrs}
        is_root = token.tag == "html" and not root_seen
        root_seen = root_seen or token.tag == "html"
        own = [n for n in ("lang", "xml:lang") if _language(values.get(n)) == source]
        if token.tag == "meta" and (values.get("http-equiv") or "").lower() == "content-language":
            own.append("content")
        if not (is_root or own):
            continue
        for name, a, b, _quote in attrs:
            if name in own or (is_root and name in ("lang", "xml:lang")):
                edits.append(Edit(a, b, target))
            elif name == "dir" and (is_root or "lang" in own or "xml:lang" in own):
                edits.append(Edit(a, b, direction))
        if is_root:
            at = token.start + len("<html")
            added = "" if "lang" in values else f' lang="{target}"'
            if "dir" not in values and direction == "rtl":
                added += ' dir="rtl"'
            if added:
                edits.append(Edit(at, at, added))
    return sorted(edits, key=lambda e: e.start)


def _relinked(text: str, token: _Token, attrs: list[tuple[str, int, int, str]],
              link: Link) -> list[Edit]:
    values = dict(token.attrs)
    if "hreflang" in values:
        return []
    name = "content" if token.tag == "meta" and \
        (values.get("property") or "").lower() == "og:url" else "href"
    edits = []
    for attr, start, end, quote in attrs:
        if attr == name:
            url = html.unescape(text[start:end]).strip()
            if (moved := link(url)) != url:
                edits.append(Edit(start, end, moved.translate(
                    str.maketrans(_ESCAPES[f"attr{quote}"]))))
    return edits


def _language(value: str | None) -> str | None:
    return value.strip().lower().replace("_", "-").split("-")[0] if value else None
