"""Reading PO files as gettext does, in one pass, and writing them exactly as msgcat would.

A file is written in the style it was found in (wrapped or not, CRLF or LF), as Poedit
detects it and has msgcat write it: a Poedit save then changes nothing but the header
fields Poedit stamps, and an update changes nothing but the entries it must. A new file
is written as `msgcat --no-wrap` writes it.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import L10nError
from ..files import Signature, decode_utf8, read_bytes, write_if_unchanged
from ..gcpause import collector_paused
from ..languages import quote
from .model import Catalog, Entry

_CHARSET = re.compile(rb'"Content-Type:[^"]*charset=([^\\"\s;]+)', re.IGNORECASE)
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r",
                          "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v"})
_SPECIAL = re.compile(r'[\\"\n\t\r\a\b\f\v]')
_LINES = re.compile(r"[^\n]*\n|[^\n]+")
_PAGE_WIDTH = 79  # msgcat's default, and its reference lines' width with --no-wrap
_PIECE = 1 << 20  # bytes decoded and read at a time


# -- reading ---------------------------------------------------------------------------
#
# One pass over the text: one regular expression takes a whole entry (comment lines, `#|`
# lines, msgctxt, msgid, msgid_plural, msgstr or msgstr[n], each string possibly continued
# on the next lines), entries following one another to the end. Comment lines in
# gettext's order (translator, `#.`, `#:`, `#,`) land in a group per kind, so that an
# entry costs a few calls into `re`; others are read line by line. A block of `#~` lines
# is read by the same expression once its prefixes are gone. Only when the expression
# stops short is the text looked at token by token, to say what is wrong and where.
# Strings are decoded as gettext decodes them.

_STRING = r'"(?:[^"\\\n]++|\\.)*+"'
_STRINGS = rf"{_STRING}(?:\s*+{_STRING})*+"
_ENTRY = re.compile(rf"""
    \s*+
    (?: ((?:[ \t]*+\#(?![.:,=!~|])[^\n]*+\n)*+)       # 1 translator comments
        ((?:[ \t]*+\#\.[^\n]*+\n)*+)                   # 2 notes
        ((?:[ \t]*+\#:[^\n]*+\n)*+)                    # 3 references
        ((?:[ \t]*+\#[,=!][^\n]*+\n)*+)                # 4 flags
        ((?:[ \t]*+\#\|[^\n]*+\n)*+)                   # 5 previous
        \s*+(?=m)
      | ((?:[ \t]*+\#(?![~|])[^\n]*+\n|[ \t\r\f\v]*+\n)*+)  # 6 comments in another order
        ((?:[ \t]*+\#\|[^\n]*+\n)*+)\s*+ )             # 7 previous
    (?: (?:msgctxt\s*+({_STRINGS})\s*+)?               # 8 msgctxt
        msgid\s*+({_STRINGS})\s*+                      # 9 msgid
        (?: msgid_plural\s*+({_STRINGS})\s*+           # 10 msgid_plural, 11 msgstr[n]
            (msgstr\s*+\[\s*+[0-9]++\s*+\]\s*+{_STRINGS}
             (?:\s*+msgstr\s*+\[\s*+[0-9]++\s*+\]\s*+{_STRINGS})*+)
          | (msgstr)\s*+({_STRINGS}) )                 # 12 keyword, 13 msgstr
      | ((?:[ \t]*+\#~[^\n]*+(?:\n|\Z))++) )           # 14 obsolete lines
    """, re.VERBOSE)
_FORM = re.compile(rf"msgstr\s*+\[\s*+([0-9]++)\s*+\]\s*+({_STRINGS})")
_PREVIOUS = re.compile(rf"""\s*+(?:msgctxt\s*+({_STRINGS})\s*+)?(?:msgid\s*+({_STRINGS})\s*+)?
    (?:msgid_plural\s*+({_STRINGS})\s*+)?\Z""", re.VERBOSE)
_TRANSLATOR = re.compile(r"[ \t]*+# ?([^\n]*?)\r?\n")
_NOTE = re.compile(r"[ \t]*+#\. ?([^\n]*?)\r?\n")
_MARK = re.compile(r"^[ \t]*+#[:,=!|]", re.MULTILINE)
_OBSOLETE_MARK = re.compile(r"^[ \t]*+#~(\|)?", re.MULTILINE)
_FLAG_LINES = re.compile(rb"^[ \t]*+\#(?:[=!]|,[^\n]*+\n[ \t]*+\#,)", re.MULTILINE)
_TRAILING = re.compile(r"(?:\s++|\#(?![~|])[^\n]*+)*+\Z")  # comments after the last entry
_PART = re.compile(r'"((?:[^"\\\n]++|\\.)*+)"')
_ESCAPE = re.compile(r"\\(?:([ntbrfva\\\"])|([0-7]{1,3})|x([0-9A-Fa-f]++)|(.?))", re.DOTALL)
_CONTROL = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a",
            "\\": "\\", '"': '"'}
_TOKEN = re.compile(r"""\s++|(?P<comment>\#(?![~|])[^\n]*+)|(?P<previous>\#~?\|[^\n]*+)
    |(?P<obsolete>\#~)|(?P<string>"(?:[^"\\\n]|\\.)*+")
    |(?P<keyword>msgctxt|msgid_plural|msgid|msgstr\s*+\[\s*+[0-9]++\s*+\]|msgstr)(?![\w$])
    |(?P<other>"[^\n]*+|[^\s"]++)""", re.VERBOSE)
_FOLLOWS = {"start": ("msgctxt", "msgid"), "msgctxt": ("msgid",),
            "msgid": ("msgid_plural", "msgstr"), "msgid_plural": ("msgstr[n]",),
            "msgstr": (), "msgstr[n]": ("msgstr[n]",)}


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
    charset = _CHARSET.search(data)
    if charset and charset.group(1).lower() not in (b"utf-8", b"utf8", b"ascii", b"us-ascii"):
        line = data.count(b"\n", 0, charset.start()) + 1
        raise L10nError(f"PO charset is {charset.group(1).decode('latin-1')}; l10n works in "
                        "UTF-8", path=path, line=line,
                        hint="convert it with msgconv --to-code=UTF-8")
    with collector_paused():
        entries = _entries(data, path)
    catalog = Catalog()
    seen: set[str | tuple[str, str]] = set()  # a msgid, or (msgctxt, msgid)
    for entry in entries:
        key = entry.msgid if entry.msgctxt is None else (entry.msgctxt, entry.msgid)
        if key in seen:
            raise L10nError(f"duplicate entry for msgid {quote(entry.msgid)}", path=path,
                            line=entry.line, hint="keep one of them, e.g. msguniq --use-first")
        seen.add(key)
        if entry.obsolete:
            catalog.obsolete.append(entry)
        elif key == "":
            _header(catalog, entry)
        else:
            catalog.entries.append(entry)
    if data.startswith(codecs.BOM_UTF8):
        catalog.irregular = "a byte order mark"
    elif _FLAG_LINES.search(data):
        catalog.irregular = "a #= or #! flag line, or two #, lines for an entry"
    return catalog


def read(path: Path) -> Catalog:
    return parse(read_bytes(path), path)


def _header(catalog: Catalog, entry: Entry) -> None:
    """Header fields as polib reads them: `Name: value` lines, a line without a colon
    continuing the previous value."""
    name = None
    for line in entry.msgstr.splitlines():
        if ":" in line:
            name, value = line.split(":", 1)
            catalog.header[name] = value.strip()
        elif name is not None:
            catalog.header[name] += "\n" + line.strip()
    catalog.header_comments = entry.translator_comments
    catalog.header_flags = entry.flags
    catalog.header_line = entry.line
    if entry.msgstr != "".join(f"{k}: {v}\n" for k, v in catalog.header.items()):
        catalog.irregular = "a header not in `Name: value` lines"


def _entries(data: bytes, path: Path) -> list[Entry]:
    """Every entry, live and obsolete in file order, decoding a megabyte at a time: a big
    file is never held twice, as bytes and as text."""
    entries: list[Entry] = []
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    text, line, size = "", 1, _PIECE
    while True:
        final = start + size >= len(data)
        try:
            text += decoder.decode(view[start:start + size], final)
        except UnicodeDecodeError:
            decode_utf8(data, path)  # says where
            raise
        start += size
        used, line = _read(text, path, line, entries, final)
        if final:
            return entries
        text = text[used:]
        size = _PIECE if used else 2 * size  # an entry longer than a piece: take more


def _read(text: str, path: Path, line: int, entries: list[Entry], final: bool,
          obsolete: bool = False) -> tuple[int, int]:
    """Add the entries of `text` to `entries`, `line` being the number of its first line.
    Unless `text` is `final`, its last entry may go on in the text that follows: it is
    left, and where it starts is returned (position and line)."""
    match = _ENTRY.match
    pos = counted = 0
    found = match(text)
    while found is not None:
        following = match(text, found.end())
        if following is None and not final:
            return found.start(), line + text.count("\n", counted, found.start())
        if found.start(14) >= 0:  # #~ lines: the same grammar once the marks are gone
            start = found.start()
            line += text.count("\n", counted, start)
            counted = start
            lines = _OBSOLETE_MARK.sub(lambda m: "#|" if m.group(1) else "", found[14])
            _read(text[start:found.start(14)] + lines, path, line, entries, True, True)
        else:
            at = found.start(12) if found.start(12) >= 0 else found.start(11)
            line += text.count("\n", counted, at)
            counted = at
            try:
                entries.append(_entry(found.groups(), obsolete, line))
            except ValueError as error:
                raise L10nError(f"malformed PO: {error}", path=path, line=line,
                                hint="fix the entry by hand or check it with msgfmt --check") \
                    from None
        pos = found.end()
        found = following
    if final and not _TRAILING.match(text, pos):
        _refuse(text, pos, path, line + text.count("\n", counted, pos))
    return pos, line + text.count("\n", counted, pos)


def _entry(groups: tuple, obsolete: bool, line: int) -> Entry:
    (translator, notes, references, flags, previous, comments, previous_other, msgctxt,
     msgid, plural, forms, _, msgstr, _) = groups
    if comments is not None:
        translator, notes, references, flags = _sorted_comments(comments)
        previous = previous_other
    if previous:
        previous = _PREVIOUS.match(_MARK.sub("", previous))
        if previous is None:
            raise ValueError("a #| line is not a previous msgctxt, msgid or msgid_plural")
        previous = [None if s is None else _decode(s) for s in previous.groups()]
    else:
        previous = (None, None, None)
    if plural is None:
        msgstr, forms = _decode(msgstr), {}
    else:
        plural, forms = _decode(plural), {int(n): _decode(s) for n, s in _FORM.findall(forms)}
        msgstr = ""
    # positional: the fastest way to build a dataclass (Entry's fields, in their order)
    return Entry(
        _decode(msgid), msgstr, None if msgctxt is None else _decode(msgctxt), plural, forms,
        [f for f in map(str.strip, _MARK.sub(",", flags).split(",")) if f] if flags else [],
        _TRANSLATOR.findall(translator) if translator else [],
        _NOTE.findall(notes) if notes else [],
        [*_MARK.sub(" ", references).split()] if references else [],  # split() over-allocates
        *previous, obsolete, line)


def _sorted_comments(comments: str) -> tuple[str, str, str, str]:
    """Comment lines written in another order than gettext's, by kind (translator,
    notes, references, flags), blank lines left out."""
    kinds: dict[str, list[str]] = {"t": [], ".": [], ":": [], ",": []}
    for line in comments.split("\n")[:-1]:
        stripped = line.lstrip()
        if stripped:
            mark = stripped[1:2]
            kinds[mark if mark in ".:," else "," if mark in "=!" else "t"].append(line + "\n")
    return tuple("".join(kinds[k]) for k in "t.:,")  # type: ignore[return-value]


def _decode(strings: str) -> str:
    """The value of `"…"` strings that follow one another, unescaped as gettext does."""
    if strings.find('"', 1) == len(strings) - 1:
        value = strings[1:-1]
    else:
        value = "".join(_PART.findall(strings))
    return _unescape(value) if "\\" in value else value


def _unescape(value: str) -> str:
    """gettext's escapes: \\n \\t \\b \\r \\f \\v \\a \\\\ \\" and bytes in octal or hex."""
    as_bytes = False

    def one(escape: re.Match) -> str:
        nonlocal as_bytes
        if escape.group(1):
            return _CONTROL[escape.group(1)]
        if escape.group(4) is not None:
            raise ValueError(f"unknown escape {escape.group()!r} in a string")
        as_bytes = True
        code = int(escape.group(2), 8) if escape.group(2) else int(escape.group(3), 16)
        return chr(code & 0xFF if code & 0xFF < 0x80 else 0xDC00 + (code & 0xFF))

    value = _ESCAPE.sub(one, value)
    if as_bytes:  # octal and hex escapes are bytes of the file's encoding
        try:
            value = value.encode("utf-8", "surrogateescape").decode("utf-8")
        except UnicodeError:
            raise ValueError("octal or hex escapes that are not UTF-8") from None
    return value


def _refuse(text: str, pos: int, path: Path, line: int) -> None:
    """Say where and why the entry reader stopped: the first token that gettext's grammar
    does not allow there, or a string that is not properly quoted."""
    hint = "fix the entry by hand or check it with msgfmt --check"
    state, strings, at = "start", False, len(text.rstrip())
    for token in _TOKEN.finditer(text, pos):
        kind, word = token.lastgroup, token.group()
        if kind in (None, "obsolete") or kind == "previous" and state == "start":
            continue
        complete = state == "start" or state.startswith("msgstr") and strings
        if kind == "comment" and complete:
            state = "start"
            continue
        if kind == "string" and state != "start":
            strings = True
            continue
        at = token.start()
        if kind == "keyword":
            word = "msgstr[n]" if word.startswith("msgstr[") else word
            allowed = _FOLLOWS[state] if strings or state == "start" else ()
            if complete:
                allowed += _FOLLOWS["start"]
            if word in allowed:
                state, strings = word, False
                continue
            what = (f"malformed PO: {state} has no string" if not allowed else
                    f"malformed PO: {word} where {' or '.join(allowed)} should be")
        elif kind == "other" and word.startswith('"'):
            what = "malformed PO: a string is not properly quoted"
            hint = 'strings are "…" with \\" for a quote inside'
        elif word == "domain":
            what = "a `domain` line: l10n reads one domain per PO file"
            hint = "split the file, e.g. with msggrep, one per domain"
        elif kind == "other":
            what = f"malformed PO: {word[:30]!r} is not a PO keyword"
        else:
            what = {"comment": "malformed PO: a comment line inside an entry",
                    "previous": "malformed PO: a #| line inside an entry",
                    "string": "malformed PO: a string outside an entry"}[kind]
        break
    else:
        what = "malformed PO: " + ("the file ends inside an entry" if state != "start"
                                   else "syntax error")
    raise L10nError(what, path=path, line=line + text.count("\n", pos, at), hint=hint)


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
    before = serialize(catalog) if catalog is not None else None  # `change` may edit it
    changed = change(catalog)
    if changed is None:
        return None
    canonical = serialize(changed)
    if canonical == before:
        return None  # the same content: how an editor wrapped or ended lines is no change
    style = Style.of(current) if current is not None else Style()
    data = canonical if style == Style() else serialize(changed, style)
    return Rewrite(path, change, data,
                   Signature.of_bytes(current) if current is not None else None, changed)


def rewrite(path: Path, change: Change, *, sync_dir: bool = True) -> bool:
    """Read, change and write one PO file now (see `Rewrite`)."""
    planned = plan(path, change)
    return planned.write(sync_dir=sync_dir) if planned else False


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
    from . import linebreak  # Unicode line breaking: only for a file wrapped by an editor
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
