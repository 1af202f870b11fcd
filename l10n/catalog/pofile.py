"""Reading PO files (with polib) and writing them exactly as gettext's msgcat would.

A file is written in the style it was found in (wrapped or not, CRLF or LF), as Poedit
detects it and has msgcat write it: a Poedit save then changes nothing but the header
fields Poedit stamps, and an update changes nothing but the entries it must. A new file
is written as `msgcat --no-wrap` writes it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib

from ..errors import L10nError
from ..files import Signature, decode_utf8, read_bytes, write_atomic
from . import linebreak
from .model import Catalog, Entry

_CHARSET = re.compile(r'"Content-Type:[^"]*charset=([^\\"\s;]+)', re.IGNORECASE)
_POLIB_LINE = re.compile(r"\(line (\d+)\):?\s*(.*)")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r",
                          "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v"})
_CONTENT_LINES = re.compile(r"^[ \t]*(?:[^#\s]|#[~|])", re.MULTILINE)
_GOOD_LINES = re.compile(
    r'^[ \t]*(?:#~\|?|#\|)?[ \t]*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?'
    r'"(?:[^"\\\n]|\\.)*"[ \t]*\r?$', re.MULTILINE)
_BELL = re.compile(r"(?<!\\)(?:\\\\)*\\a")
_FIRST_MSGID = re.compile(r"^msgid[ \t]", re.MULTILINE)
_HEADER = re.compile(r'msgid[ \t]+""[ \t]*\r?\nmsgstr')  # the first entry is the header
_MSGSTR = re.compile(r"^msgstr(?:\[0\])?[ \t]", re.MULTILINE)
_NEWLINE = re.compile("\n")
_SPECIAL = re.compile(r'[\\"\n\t\r\a\b\f\v]')
_LINES = re.compile(r"[^\n]*\n|[^\n]+")
_PAGE_WIDTH = 79  # msgcat's default, and its reference lines' width with --no-wrap
_STRING_LINE = re.compile(
    r'(?:#~\|?|#\|)?[ \t]*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?'
    r'("(?:[^"\\]|\\.)*"[ \t]*)?$')


# -- reading ---------------------------------------------------------------------------

def parse(data: bytes, path: Path) -> Catalog:
    """The catalog in `data`, or an L10nError naming the file, the line and the fix."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00\x00" not in data[:200] and \
            data[:200].count(b"\x00") > 10:
        raise L10nError("PO file is UTF-16, not UTF-8", path=path, line=1,
                        hint="convert it: msgconv --to-code=UTF-8, or iconv -f UTF-16 -t UTF-8")
    if b"\x00" in data:
        raise L10nError("PO file contains a NUL byte", path=path,
                        line=data.count(b"\n", 0, data.index(b"\x00")) + 1,
                        hint="this is not a text file: restore it from version control")
    charset = _CHARSET.search(data.decode("latin-1"))
    if charset and charset.group(1).lower() not in ("utf-8", "utf8", "ascii", "us-ascii"):
        line = data.count(b"\n", 0, charset.start()) + 1
        raise L10nError(f"PO charset is {charset.group(1)}; l10n works in UTF-8", path=path,
                        line=line, hint="convert it with msgconv --to-code=UTF-8")
    text = decode_utf8(data, path).removeprefix("\ufeff")
    _check_strings(text, path)
    try:
        parser = polib._POFileParser(text, check_for_duplicates=False)
        # polib splits content with str.splitlines(), which also breaks at U+2028, U+0085
        # and other separators that gettext keeps inside strings: split at LF only
        parser.fhandle = text.split("\n")
        po = parser.parse()
    except (OSError, ValueError) as exc:
        found = _POLIB_LINE.search(str(exc))
        what = (found.group(2) if found and found.group(2) else "syntax error").rstrip(".")
        raise L10nError(f"malformed PO: {what}", path=path,
                        line=int(found.group(1)) if found else None,
                        hint="fix the entry by hand or check it with msgfmt --check") from None
    catalog = Catalog(
        header=dict(po.metadata),
        header_comments=po.header.split("\n") if po.header else [],
        header_flags=["fuzzy"] if po.metadata_is_fuzzy else [],
    )
    msgstr_lines = iter(m.start() for m in _MSGSTR.finditer(text))
    first = _FIRST_MSGID.search(text)
    if first and _HEADER.match(text, first.start()):
        next(msgstr_lines, None)  # the header's
    newlines = [m.start() for m in _NEWLINE.finditer(text)]
    seen: set[tuple[str | None, str]] = set()
    for item in po:
        entry = _entry(item)
        if not entry.obsolete:
            offset = next(msgstr_lines, None)
            if offset is not None:
                entry.line = bisect.bisect_left(newlines, offset) + 1
        if entry.key in seen:
            raise L10nError(f"duplicate entry for msgid {entry.msgid[:60]!r}", path=path,
                            line=entry.line, hint="keep one of them, e.g. msguniq --use-first")
        seen.add(entry.key)
        (catalog.obsolete if entry.obsolete else catalog.entries).append(entry)
    return catalog


def _check_strings(text: str, path: Path) -> None:
    """Refuse badly quoted strings, which polib would silently truncate."""
    if "\\a" not in text and \
            len(_CONTENT_LINES.findall(text)) == len(_GOOD_LINES.findall(text)):
        return  # every line that must be a string is one: no need to look line by line
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped or (stripped[0] == "#" and stripped[:2] not in ("#~", "#|")):
            continue
        match = _STRING_LINE.match(stripped)
        if match is None or match.group(1) is None:
            raise L10nError("malformed PO: a string is not properly quoted", path=path,
                            line=number, hint='strings are "…" with \\" for a quote inside')
        if _BELL.search(match.group(1)):
            raise L10nError("unsupported escape \\a (bell) in a string", path=path,
                            line=number, hint="remove the control character")


def read(path: Path) -> Catalog:
    return parse(read_bytes(path), path)


def rewrite(path: Path, change: Callable[[Catalog | None], Catalog | None], *,
            dry_run: bool = False, sync_dir: bool = True) -> bool:
    """Apply `change` to the catalog at `path` (None: no file yet) and write what it
    returns, atomically and in the file's own style, when its content differs; None
    means nothing to write.

    Content, not bytes: both catalogs are compared in one canonical layout, so the way
    an editor wrapped the lines, its line endings and its header stamps are never a
    change. If someone saves the file meanwhile (a translator in Poedit), it is read
    again and `change` applied anew: their save is merged, never overwritten. Returns
    whether the file changed (or would, with `dry_run`).
    """
    for _ in range(5):
        signature = Signature.of(path)
        data = read_bytes(path) if signature else None
        old = parse(data, path) if data is not None else None
        before = serialize(old) if old is not None else None  # `change` may edit `old`
        catalog = change(old)
        if catalog is None:
            return False
        canonical = serialize(catalog)
        if canonical == before:
            return False
        style = Style.of(data) if data is not None else Style()
        output = canonical if style == Style() else serialize(catalog, style)
        if dry_run or write_atomic(path, output, expected=signature, sync_dir=sync_dir):
            return True
    raise L10nError("the PO file kept changing while l10n worked on it", path=path,
                    hint="save it in Poedit, close it, and run the command again")


def _entry(item: polib.POEntry) -> Entry:
    return Entry(
        msgid=item.msgid,
        msgstr=item.msgstr,
        msgctxt=item.msgctxt,
        msgid_plural=item.msgid_plural or None,
        msgstr_plural={int(k): v for k, v in item.msgstr_plural.items()},
        flags=list(item.flags),
        translator_comments=item.tcomment.split("\n") if item.tcomment else [],
        notes=item.comment.split("\n") if item.comment else [],
        references=[f"{f}:{n}" if n else f for f, n in item.occurrences],
        previous_msgctxt=item.previous_msgctxt,
        previous_msgid=item.previous_msgid,
        previous_msgid_plural=item.previous_msgid_plural,
        obsolete=bool(item.obsolete),
        line=item.linenum,
    )


# -- writing ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Style:
    """How a PO file is laid out: the width msgcat wraps strings at (`--width`; None for
    `--no-wrap`) and its line endings."""

    width: int | None = None
    crlf: bool = False

    @classmethod
    def of(cls, data: bytes) -> Style:
        """The style of an existing file, detected as Poedit detects it before it has
        msgcat rewrite the file: no string continued on a next line without a `\\n`
        before the break means no wrap; otherwise the width is that of the widest line
        with a space after its third character (comments `#` and `#.` aside). CRLF when
        most lines end so."""
        text = data.decode("utf-8", "replace")
        crlf = 2 * text.count("\r\n") > text.count("\n")
        wrapped, widest = False, 0
        hard = previous_hard = True  # whether a line (the one before) ends where it must
        for line in text.split("\n"):
            line = line.removesuffix("\r")
            if not line:
                continue
            previous_hard, hard = hard, False
            if line.startswith(("# ", "#. ")):
                continue
            if line.endswith('\\n"') or line in ('msgid ""', 'msgstr ""'):
                hard = True
            elif line.rfind(" ") > 2:
                widest = max(widest, len(line))
            stripped = line.strip()
            if stripped[0] == '"' and stripped[-1] == '"' and not previous_hard:
                wrapped = True
        return cls(widest if wrapped else None, crlf)


def serialize(catalog: Catalog, style: Style = Style()) -> bytes:
    """The catalog as `msgcat --force-po` writes it in `style` (`--no-wrap` by default),
    UTF-8."""
    page = _PAGE_WIDTH if style.width is None else style.width
    if page == 0:  # msgcat's --width=0: no limit, not even for references
        page = 2 ** 31 - 1
    page = max(page, 20)  # msgcat's smallest width
    header = Entry(
        msgid="",
        msgstr="".join(f"{k}: {v}\n" for k, v in catalog.header.items()),
        translator_comments=catalog.header_comments,
        flags=list(catalog.header_flags),
    )
    # like msgcat: an obsolete entry without translation is dropped
    obsolete = [e for e in catalog.obsolete if e.translations[0]]
    blocks = [_entry_lines(e, page, wrap=style.width is not None)
              for e in [header, *catalog.entries, *obsolete]]
    text = "\n\n".join("\n".join(b) for b in blocks) + "\n"
    return (text.replace("\n", "\r\n") if style.crlf else text).encode("utf-8")


def _entry_lines(entry: Entry, page: int, *, wrap: bool) -> list[str]:
    lines = [f"# {c}" if c else "#" for c in entry.translator_comments]
    lines += [f"#. {c}" if c else "#." for c in entry.notes]
    lines += _reference_lines(entry.references, page)
    flags = sorted(entry.flags, key=lambda flag: flag != "fuzzy")
    if entry.msgid and not entry.translations[0]:
        flags = [f for f in flags if f != "fuzzy"]  # msgcat drops fuzzy without a translation
    if flags:
        lines.append("#, " + ", ".join(flags))
    width = page if wrap and "no-wrap" not in entry.flags else None
    prev = "#~| " if entry.obsolete else "#| "
    for keyword, value in (("msgctxt", entry.previous_msgctxt), ("msgid", entry.previous_msgid),
                           ("msgid_plural", entry.previous_msgid_plural)):
        if value is not None:
            lines += _string_lines(keyword, value, prev, width)
    live = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        lines += _string_lines("msgctxt", entry.msgctxt, live, width)
    lines += _string_lines("msgid", entry.msgid, live, width)
    if entry.msgid_plural is None:
        lines += _string_lines("msgstr", entry.msgstr, live, width)
    else:
        lines += _string_lines("msgid_plural", entry.msgid_plural, live, width)
        for index, value in sorted(entry.msgstr_plural.items()):
            lines += _string_lines(f"msgstr[{index}]", value, live, width)
    return lines


def _string_lines(keyword: str, value: str, prefix: str, width: int | None) -> list[str]:
    """One string as msgcat lays it out (write-po.c, `wrap`): cut after each line break
    it holds, each part wrapped to `width` columns counting the quotes (None: not
    wrapped); when the string takes more than one line, its first line is `keyword ""`.
    """
    parts = _LINES.findall(value) or [""]
    if width is None and len(parts) == 1:
        return [f'{prefix}{keyword} "{_escape(value)}"']
    limit = (width or 2 ** 31) - len(prefix) - 2  # columns between the quotes
    lines: list[str] = []
    head = f"{prefix}{keyword} "
    for number, part in enumerate(parts):
        text = _escape(part)
        cuts = _cuts(text, limit, len(head) - len(prefix)) if width and head else []
        if head and text and (number < len(parts) - 1 or cuts):
            lines.append(f'{head}""')  # more than one line: start on the next one
            head = ""
        if not head:
            cuts = _cuts(text, limit, 0) if width else []
        ends = [*cuts, len(text)]
        lines.append(f'{head or prefix}"{text[:ends[0]]}"')
        lines += [f'{prefix}"{text[a:b]}"' for a, b in zip(ends, ends[1:])]
        head = ""
    return lines


def _cuts(text: str, limit: int, start: int) -> list[int]:
    """Where msgcat breaks an escaped string part: never inside an escape sequence, nor
    before the `\\n` that ends it."""
    keep = set()
    if "\\" in text:
        index = text.find("\\")
        while index >= 0:
            keep.add(index + 1)
            index = text.find("\\", index + 2)
        if text.endswith("\\n"):
            keep.add(len(text) - 2)
    return linebreak.breaks(text, limit, start, keep=frozenset(keep))


def _escape(value: str) -> str:
    return value.translate(_ESCAPES) if _SPECIAL.search(value) else value


def _reference_lines(references: list[str], page: int) -> list[str]:
    """`#:` lines filled up to `page` bytes, as msgcat does (even with --no-wrap)."""
    lines: list[str] = []
    current = ""
    for ref in dict.fromkeys(references):  # msgcat lists a position once
        if current and len((current + " " + ref).encode("utf-8")) > page:
            lines.append(current)
            current = ""
        current = (current or "#:") + " " + ref
    if current:
        lines.append(current)
    return lines
