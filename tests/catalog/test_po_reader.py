"""The PO reader reads what polib reads, the same way, and what gettext reads as gettext does.

Three references: the entries a test wrote (and where their msgstr lines are), polib's
public API on files polib reads correctly, and gettext itself (msgfmt's compiled catalog
for strings, msgcat's rewrite for comments, flags and obsolete entries).
"""

from __future__ import annotations

import gettext
import re
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from po_text import HEADER, entries, fields, layouts, render
from support import require_corpora, require_tool

from l10n.catalog import pofile
from l10n.catalog.model import Catalog, Entry
from l10n.errors import L10nError

SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def files(draw, polib_safe: bool, newlines_agree: bool = False):
    """A PO file, its entries in file order and the line of each msgstr. msgfmt refuses
    translations that do not begin and end with a newline when their msgid does:
    `newlines_agree` gives it none."""
    live = draw(st.lists(entries(polib_safe), max_size=6, unique_by=lambda e: e.key))
    keys = {e.key for e in live}
    dead = [e for e in draw(st.lists(entries(polib_safe, obsolete=True), max_size=3,
                                     unique_by=lambda e: e.key)) if e.key not in keys]
    items = draw(st.permutations(live + dead))
    if newlines_agree:
        for entry in items:
            entry.msgid = entry.msgid.strip("\n") or "a"
            entry.msgstr = entry.msgstr.strip("\n")
            if entry.msgid_plural is not None:
                entry.msgid_plural = entry.msgid_plural.strip("\n") or "a"
            entry.msgstr_plural = {n: v.strip("\n") for n, v in entry.msgstr_plural.items()}
        seen: set = set()
        items = [e for e in items if not (e.key in seen or seen.add(e.key))]
    data, lines = render(dict(HEADER), items, draw(layouts(polib_safe)))
    return data, items, lines


def from_polib(item: polib.POEntry) -> Entry:
    """polib's entry in our terms (what the reader built on polib used to return)."""
    return Entry(
        msgid=item.msgid, msgstr=item.msgstr, msgctxt=item.msgctxt,
        msgid_plural=item.msgid_plural or None,
        msgstr_plural={int(k): v for k, v in item.msgstr_plural.items()},
        flags=list(item.flags),
        translator_comments=item.tcomment.split("\n") if item.tcomment else [],
        notes=item.comment.split("\n") if item.comment else [],
        references=[f"{f}:{n}" if n else f for f, n in item.occurrences],
        previous_msgctxt=item.previous_msgctxt, previous_msgid=item.previous_msgid,
        previous_msgid_plural=item.previous_msgid_plural, obsolete=bool(item.obsolete))


def polib_view(text: str) -> tuple[dict, list, list, list]:
    po = polib.pofile(text, check_for_duplicates=False)
    items = [from_polib(e) for e in po]
    return (dict(po.metadata), po.header.split("\n") if po.header else [],
            [fields(e) for e in items if not e.obsolete], [fields(e) for e in items if e.obsolete])


def our_view(catalog: Catalog) -> tuple[dict, list, list, list]:
    return (catalog.header, catalog.header_comments, [fields(e) for e in catalog.entries],
            [fields(e) for e in catalog.obsolete])


@SLOW
@given(files(polib_safe=True))
def test_reads_what_polib_reads_and_where_each_msgstr_is(case):
    data, items, lines = case
    catalog = pofile.parse(data, Path("x.po"))
    assert our_view(catalog) == polib_view(data.decode("utf-8"))
    live = [e for e in items if not e.obsolete]
    assert [fields(e) for e in catalog.entries] == [fields(e) for e in live]
    assert [e.line for e in catalog.entries] == \
        [line for e, line in zip(items, lines) if not e.obsolete]


@SLOW
@given(files(polib_safe=False))
def test_reads_every_layout_gettext_accepts(case):
    """Octal escapes, several strings on a line, keywords alone on theirs, `#~|`, empty
    comments, U+2028 in strings, CRLF, indentation: the entries written, at their lines."""
    data, items, lines = case
    catalog = pofile.parse(data, Path("x.po"))
    assert [fields(e) for e in catalog.entries] == [fields(e) for e in items if not e.obsolete]
    assert [fields(e) for e in catalog.obsolete] == [fields(e) for e in items if e.obsolete]
    assert [e.line for e in catalog.entries + catalog.obsolete] == \
        [line for e, line in sorted(zip(items, lines), key=lambda p: p[0].obsolete)]


@SLOW
@given(files(polib_safe=False), st.sampled_from([1, 5, 64]))
def test_a_file_read_piece_by_piece_is_the_file_read_at_once(case, piece):
    """Big files are decoded and read a piece at a time: wherever a piece ends (inside a
    string, a comment, a UTF-8 character, a byte order mark, an obsolete entry), the
    entries are the same."""
    for data in (case[0], b"\xef\xbb\xbf" + case[0]):
        whole = pofile.parse(data, Path("x.po"))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(pofile, "_PIECE", piece)
            assert pofile.parse(data, Path("x.po")) == whole


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files(polib_safe=False, newlines_agree=True))
def test_strings_decode_as_msgfmt_compiles_them(tmp_path_factory, case):
    """gettext is the reference: every translation msgfmt puts in the .mo, we read."""
    require_tool("msgfmt")
    data, _, _ = case
    folder = tmp_path_factory.mktemp("mo")
    (folder / "x.po").write_bytes(data)
    subprocess.run(["msgfmt", "-o", str(folder / "x.mo"), str(folder / "x.po")], check=True,
                   capture_output=True)
    with open(folder / "x.mo", "rb") as handle:
        compiled = {k: v for k, v in gettext.GNUTranslations(handle)._catalog.items() if k}
    ours = {}
    for entry in pofile.parse(data, Path("x.po")).entries:
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.fuzzy or not entry.translations[0]:
            continue
        if entry.msgid_plural is None:
            ours[key] = entry.msgstr
        else:
            ours.update({(key, n): s for n, s in entry.msgstr_plural.items()})
    assert ours == compiled


def as_msgcat_rewrites(catalog: Catalog) -> tuple[dict, list, list, list]:
    """What msgcat keeps of a catalog: `fuzzy` only with a msgstr[0], obsolete entries only
    with one, each reference once; flags in its own order."""
    for entry in catalog.entries + catalog.obsolete:
        entry.flags = sorted(f for f in entry.flags if f != "fuzzy" or entry.translations[0])
        entry.references = list(dict.fromkeys(entry.references))
    catalog.obsolete = [e for e in catalog.obsolete if e.translations[0]]
    return our_view(catalog)


def read_as_gettext(path: Path, scratch: Path) -> tuple[dict, list, list, list]:
    """The file as gettext reads it: what we read of msgcat's rewrite of it.

    gettext before 0.26 lets an entry's last `#,` line replace the ones above it; polib,
    gettext 0.26 and we add them up: the lines are joined first, so that any version reads
    them alike."""
    require_tool("msgcat")
    joined = scratch / "joined.po"
    joined.write_bytes(re.sub(rb"(?m)^(#,[^\r\n]*)\r?\n#,", rb"\1,", path.read_bytes()))
    again = subprocess.run(["msgcat", "--force-po", "--no-wrap", str(joined)],
                           capture_output=True, check=True).stdout
    return as_msgcat_rewrites(pofile.parse(again, path))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files(polib_safe=False))
def test_comments_flags_and_obsolete_entries_read_as_msgcat_reads_them(tmp_path_factory,
                                                                       case):
    """msgcat rewrites the file from what gettext read: reading its output gives the same."""
    data, _, _ = case
    path = tmp_path_factory.mktemp("po") / "x.po"
    path.write_bytes(data)
    assert read_as_gettext(path, path.parent) == as_msgcat_rewrites(pofile.parse(data, path))


def test_what_gettext_accepts_and_polib_does_not(tmp_path):
    """gettext 0.26's `#=` flag line, marks without a space, a keyword alone on its line,
    several strings on one, U+2028 in a string, `#~|` lines and `#~msgid`."""
    data = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            '#=fuzzy\n#,c-format\n#.note\n#:a.c:1\nmsgid\n"a\u2028b" "c"\nmsgstr "x"\n\n'
            '#~| msgid "old"\n#~msgid "gone"\n#~ msgstr "parti"\n').encode()
    catalog = pofile.parse(data, tmp_path / "x.po")
    (entry,), (gone,) = catalog.entries, catalog.obsolete
    assert (entry.msgid, entry.msgstr, entry.flags, entry.notes, entry.references,
            entry.line) == ("a\u2028bc", "x", ["fuzzy", "c-format"], ["note"], ["a.c:1"], 11)
    assert (gone.msgid, gone.msgstr, gone.previous_msgid) == ("gone", "parti", "old")
    with pytest.raises(OSError):
        polib.pofile(data.decode())


@pytest.mark.parametrize("content, line, words", [
    (b'msgid "a"\nmsgstr "\\q"\n', 2, "unknown escape"),
    (b'msgid "a"\n# note\nmsgstr "b"\n', 2, "comment line inside an entry"),
    (b'msgid "a"\nmsgstr "b"\n\nmsgid "c"\n', 4, "ends inside an entry"),
    (b'msgid "a"\nmsgstr[0] "b"\n', 2, "msgstr[n] where msgid_plural or msgstr should be"),
    (b'msgid "a"\nmsgid_plural "b"\nmsgstr "c"\n', 3, "msgstr where msgstr[n] should be"),
    (b'msgid "a"\nmsgstr "b" x\n', 2, "'x' is not a PO keyword"),
    (b'domain "x"\nmsgid "a"\nmsgstr "b"\n', 1, "domain"),
    (b'msgid "a"\nmsgstr\n\nmsgid "b"\nmsgstr "c"\n', 4, "msgstr has no string"),
    (b'#| msgid "a\nmsgid "a"\nmsgstr "b"\n', 3, "#| line"),
    (b'msgid "a"\nmsgstr "\\303"\n', 2, "not UTF-8"),
    (b'msgid "a"\r\nmsgstr "b\r\n', 2, "not properly quoted"),
])
def test_malformed_files_name_the_line_and_what_is_wrong(tmp_path, content, line, words,
                                                        monkeypatch):
    for piece in (1 << 20, 3):
        monkeypatch.setattr(pofile, "_PIECE", piece)
        with pytest.raises(L10nError) as error:
            pofile.parse(content, tmp_path / "bad.po")
        assert words in error.value.message and error.value.line == line and error.value.hint


def test_every_real_po_file_reads_as_polib_reads_it_or_as_gettext_does(tmp_path):
    """Where polib and gettext differ (`#~|` lines, empty `#.` lines, `##` comments, the
    comments of a header that is not first, a string holding U+000B, `msgstr[0]` alone on
    its line), we read the file as gettext does. Every file polib reads, we read, but those
    in another charset than UTF-8."""
    corpora = require_corpora()
    outcomes = {"as polib": 0, "as gettext, not polib": 0, "refused": 0}
    for path in sorted((corpora / "po").rglob("*.po*")):
        try:
            theirs = polib_view(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeError):
            theirs = None
        try:
            catalog = pofile.read(path)
        except L10nError as error:
            assert theirs is None or "charset" in error.message, path
            outcomes["refused"] += 1
            continue
        if our_view(catalog) == theirs:
            outcomes["as polib"] += 1
        else:
            assert as_msgcat_rewrites(catalog) == read_as_gettext(path, tmp_path), path
            outcomes["as gettext, not polib"] += 1
    print(outcomes)
    assert outcomes["as polib"] >= 20 and outcomes["as gettext, not polib"] >= 8
