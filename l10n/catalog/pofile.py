"""Reading PO files (with polib) and writing them exactly as `msgcat --no-wrap` would.

Writing in msgcat's own layout means a Poedit save (which reformats with msgcat and keeps
a file's no-wrap style) changes nothing but the header fields Poedit stamps.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib

from ..errors import L10nError
from ..files import Signature, decode_utf8, read_bytes, write_if_unchanged
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
_REFERENCE_WIDTH = 79
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


Change = Callable[[Catalog | None], Catalog | None]  # None: nothing to write


@dataclass
class Rewrite:
    """A planned change of one PO file: what to write, and what the file held when the
    change was computed. `change` is kept to apply it again to someone's newer save."""

    path: Path
    change: Change
    data: bytes
    expected: Signature | None  # None: the file did not exist
    catalog: Catalog | None = None  # what `data` holds

    def write(self, *, sync_dir: bool = True) -> bool:
        """Write the new content atomically. If someone saved the file since it was read
        (a translator in Poedit), their save is read and the change applied to it anew:
        merged, never overwritten. Returns whether the file changed."""
        data, expected = self.data, self.expected
        for _ in range(5):
            if write_if_unchanged(self.path, data, expected=expected, sync_dir=sync_dir):
                return True
            again = plan(self.path, self.change)
            if again is None:
                return False
            data, expected = again.data, again.expected
        raise L10nError("the PO file kept changing while l10n worked on it", path=self.path,
                        hint="save it in Poedit, close it, and run the command again")


def plan(path: Path, change: Change, current: bytes | None = None,
         catalog: Catalog | None = None) -> Rewrite | None:
    """The rewrite `change` asks for, or None when the file would stay as it is.

    `current` and `catalog` are the file's bytes and catalog when the caller has read
    them already; otherwise the file is read here (absent: None is passed to `change`).
    """
    if current is None and path.exists():
        current = read_bytes(path)
    if catalog is None and current is not None:
        catalog = parse(current, path)
    changed = change(catalog)
    if changed is None:
        return None
    data = serialize(changed)
    if data == current:
        return None
    return Rewrite(path, change, data,
                   Signature.of_bytes(current) if current is not None else None, changed)


def rewrite(path: Path, change: Change, *, sync_dir: bool = True) -> bool:
    """Read, change and write one PO file now (see `Rewrite`)."""
    planned = plan(path, change)
    return planned.write(sync_dir=sync_dir) if planned else False


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

def serialize(catalog: Catalog) -> bytes:
    """The catalog as `msgcat --no-wrap` writes it, UTF-8."""
    header = Entry(
        msgid="",
        msgstr="".join(f"{k}: {v}\n" for k, v in catalog.header.items()),
        translator_comments=catalog.header_comments,
        flags=list(catalog.header_flags),
    )
    # like msgcat: an obsolete entry without translation is dropped
    obsolete = [e for e in catalog.obsolete if e.translations[0]]
    blocks = [_entry_lines(e) for e in [header, *catalog.entries, *obsolete]]
    return "\n\n".join("\n".join(b) for b in blocks).encode("utf-8") + b"\n"


def _entry_lines(entry: Entry) -> list[str]:
    lines = [f"# {c}" if c else "#" for c in entry.translator_comments]
    lines += [f"#. {c}" if c else "#." for c in entry.notes]
    lines += _reference_lines(entry.references)
    flags = sorted(entry.flags, key=lambda flag: flag != "fuzzy")
    if entry.msgid and not entry.translations[0]:
        flags = [f for f in flags if f != "fuzzy"]  # msgcat drops fuzzy without a translation
    if flags:
        lines.append("#, " + ", ".join(flags))
    prev = "#~| " if entry.obsolete else "#| "
    for keyword, value in (("msgctxt", entry.previous_msgctxt), ("msgid", entry.previous_msgid),
                           ("msgid_plural", entry.previous_msgid_plural)):
        if value is not None:
            lines += _string_lines(keyword, value, prev)
    live = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        lines += _string_lines("msgctxt", entry.msgctxt, live)
    lines += _string_lines("msgid", entry.msgid, live)
    if entry.msgid_plural is None:
        lines += _string_lines("msgstr", entry.msgstr, live)
    else:
        lines += _string_lines("msgid_plural", entry.msgid_plural, live)
        for index, value in sorted(entry.msgstr_plural.items()):
            lines += _string_lines(f"msgstr[{index}]", value, live)
    return lines


def _string_lines(keyword: str, value: str, prefix: str) -> list[str]:
    """msgcat starts a string that has a line break before its end on a line of its own."""
    if "\n" not in value[:-1]:
        return [f'{prefix}{keyword} "{_escape(value)}"']
    return [f'{prefix}{keyword} ""'] + [f'{prefix}"{_escape(part)}"'
                                         for part in _LINES.findall(value)]


def _escape(value: str) -> str:
    return value.translate(_ESCAPES) if _SPECIAL.search(value) else value


def _reference_lines(references: list[str]) -> list[str]:
    """`#:` lines filled up to 79 bytes, as msgcat does even with --no-wrap."""
    lines: list[str] = []
    current = ""
    for ref in dict.fromkeys(references):  # msgcat lists a position once
        if current and len((current + " " + ref).encode("utf-8")) > _REFERENCE_WIDTH:
            lines.append(current)
            current = ""
        current = (current or "#:") + " " + ref
    if current:
        lines.append(current)
    return lines
