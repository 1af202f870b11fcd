"""PO files written by hand for tests: entries drawn by hypothesis, rendered in the many
layouts people, editors and gettext produce, with the line of each msgstr recorded.

`polib_safe=True` keeps to what polib reads correctly (its escapes, one string per line,
no line separators other than LF inside strings, no `#~|` lines, no empty comments);
otherwise everything gettext accepts may appear.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

from l10n.catalog.model import Entry

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r",
            "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v"}
SAFE = list("ab é\"\\\t\n\r«»؟،%") + ["ال", "%s", "%d", "{0}", "%(n)s", "\u00a0"]
EVERYTHING = SAFE + ["\a", "\b", "\f", "\v", "\x01", "\x7f", "\u2028", "\u2029", "\u0085",
                     "\x1c", "\u200f", "𝄞"]
FORMATS = ["c-format", "no-c-format", "python-format"]


def text(polib_safe: bool, min_size: int = 0) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(SAFE if polib_safe else EVERYTHING),
                    min_size=min_size, max_size=12).map("".join)


def comment(polib_safe: bool) -> st.SearchStrategy[str]:
    """Comment text: polib strips each line, so no spaces at the ends there."""
    chars = st.sampled_from(list("ab é.:,#|~«») ") + ["l10n: ", "\t"])
    words = st.lists(chars, max_size=10).map("".join)
    if polib_safe:
        return words.map(str.strip).filter(bool)
    return words


@st.composite
def entries(draw, polib_safe: bool, obsolete: bool = False) -> Entry:
    entry = Entry(msgid=draw(text(polib_safe, 1)), msgstr=draw(text(polib_safe)),
                  msgctxt=draw(st.none() | text(polib_safe)), obsolete=obsolete)
    entry.flags = (["fuzzy"] if draw(st.booleans()) else []) + \
        draw(st.lists(st.sampled_from(FORMATS), max_size=1))
    entry.translator_comments = draw(st.lists(comment(polib_safe), max_size=2))
    entry.notes = draw(st.lists(comment(polib_safe), max_size=2))
    if not obsolete:
        entry.references = draw(st.lists(st.from_regex(r"[a-z_][a-z/._-]{0,11}(:[1-9][0-9]{0,3})?",
                                                       fullmatch=True), max_size=4))
    if not (obsolete and polib_safe) and draw(st.booleans()):
        entry.previous_msgctxt = draw(st.none() | text(polib_safe))
        entry.previous_msgid = draw(text(polib_safe, 1))
    if draw(st.integers(0, 4)) == 0:
        entry.msgid_plural = draw(text(polib_safe, 1))
        forms = draw(st.integers(1, 6))
        entry.msgstr_plural = {i: draw(text(polib_safe)) for i in range(forms)}
        entry.msgstr = ""
    return entry


@dataclass
class Layout:
    """How a file is written: by msgcat, by hand, on Windows..."""

    crlf: bool = False
    indent: str = ""
    blank_lines: int = 1
    wrap: int = 0  # 0: one string per keyword; n: cut strings into pieces of n characters
    empty_first: bool = False  # `msgid ""` then the pieces on their own lines
    same_line: bool = False  # several "…" "…" on one line (gettext only)
    keyword_alone: bool = False  # the keyword on a line, its strings on the next (gettext)
    flags_sep: str = ", "
    octal: bool = False  # non-ASCII characters as octal byte escapes (gettext only)
    header_comments: list[str] = field(default_factory=list)


@st.composite
def layouts(draw, polib_safe: bool) -> Layout:
    layout = Layout(crlf=draw(st.booleans()), indent=draw(st.sampled_from(["", " ", "\t"])),
                    blank_lines=draw(st.integers(0 if polib_safe else 0, 2)),
                    wrap=draw(st.sampled_from([0, 0, 3, 7])), empty_first=draw(st.booleans()),
                    header_comments=draw(st.lists(comment(polib_safe), max_size=2)))
    if not polib_safe:
        layout.same_line = draw(st.booleans())
        layout.keyword_alone = draw(st.booleans())
        layout.flags_sep = draw(st.sampled_from([", ", ",", " , "]))
        layout.octal = draw(st.booleans())
    return layout


HEADER = {"Project-Id-Version": "t", "Language": "ar", "MIME-Version": "1.0",
          "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
          "Plural-Forms": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
                          "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"}


def quote(value: str, layout: Layout) -> str:
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif layout.octal and ord(char) > 127:
            out.append("".join(f"\\{byte:03o}" for byte in char.encode("utf-8")))
        else:
            out.append(char)
    return "".join(out)


def string_lines(keyword: str, value: str, layout: Layout) -> list[str]:
    pieces = [value[i:i + layout.wrap] for i in range(0, len(value), layout.wrap)] \
        if layout.wrap else [value]
    pieces = [f'"{quote(p, layout)}"' for p in pieces] or ['""']
    if layout.empty_first and len(pieces) > 1:
        pieces.insert(0, '""')
    if layout.same_line:
        pieces = [" ".join(pieces)]
    if layout.keyword_alone:
        return [keyword] + pieces
    return [f"{keyword} {pieces[0]}"] + pieces[1:]


def render(header: dict[str, str] | None, items: list[Entry], layout: Layout
           ) -> tuple[bytes, list[int]]:
    """The file's bytes and, for each item, the line of its msgstr (or msgstr[0])."""
    lines: list[str] = []
    msgstr_lines = []
    blocks = ([Entry(msgid="", msgstr="".join(f"{k}: {v}\n" for k, v in header.items()),
                     translator_comments=layout.header_comments)] if header else []) + items
    for number, entry in enumerate(blocks):
        if number:
            lines += [""] * layout.blank_lines
        lines += [f"# {c}" if c else "#" for c in entry.translator_comments]
        lines += [f"#. {c}" if c else "#." for c in entry.notes]
        if entry.references:
            lines.append("#: " + " ".join(entry.references))
        if entry.flags:
            lines.append("#, " + layout.flags_sep.join(entry.flags))
        previous = "#~| " if entry.obsolete else "#| "
        live = "#~ " if entry.obsolete else ""
        for keyword, value in (("msgctxt", entry.previous_msgctxt),
                               ("msgid", entry.previous_msgid)):
            if value is not None:
                lines += [previous + s for s in string_lines(keyword, value, layout)]
        if entry.msgctxt is not None:
            lines += [live + s for s in string_lines("msgctxt", entry.msgctxt, layout)]
        lines += [live + s for s in string_lines("msgid", entry.msgid, layout)]
        if entry.msgid_plural is None:
            if number or not header:
                msgstr_lines.append(len(lines) + 1)
            lines += [live + s for s in string_lines("msgstr", entry.msgstr, layout)]
        else:
            lines += [live + s for s in string_lines("msgid_plural", entry.msgid_plural,
                                                     layout)]
            msgstr_lines.append(len(lines) + 1)
            for index, value in sorted(entry.msgstr_plural.items()):
                lines += [live + s for s in string_lines(f"msgstr[{index}]", value, layout)]
    end = "\r\n" if layout.crlf else "\n"
    data = end.join(layout.indent + line if line else line for line in lines) + end
    return data.encode("utf-8"), msgstr_lines


def fields(entry: Entry) -> tuple:
    """Everything an Entry holds but its line."""
    return (entry.msgctxt, entry.msgid, entry.msgid_plural, entry.msgstr, entry.msgstr_plural,
            entry.flags, entry.translator_comments, entry.notes, entry.references,
            entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural,
            entry.obsolete)
