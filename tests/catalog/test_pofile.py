"""PO reading and writing: byte-identical to `msgcat --no-wrap`, clear errors on bad files."""

from __future__ import annotations

import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import require_corpora, require_tool

from l10n.catalog import pofile
from l10n.catalog.model import Catalog, Entry
from l10n.errors import L10nError

HEADER = {"Project-Id-Version": "t", "Language": "ar", "MIME-Version": "1.0",
          "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
          "Plural-Forms": "nplurals=2; plural=(n != 1);"}
text = st.lists(st.sampled_from(list("ab é\"\\\t\n«»؟،\u00a0\u202f") + ["ال", "%s", "{0}"]),
                max_size=40).map("".join)
nonempty = text.filter(bool)
refs = st.lists(st.from_regex(r"sources/fr/[a-z]{1,30}\.txt:[1-9][0-9]{0,3}", fullmatch=True),
                max_size=6, unique=True)
notes = st.lists(st.text(alphabet=st.sampled_from(list("l10n: ;«»→abc")), min_size=1,
                         max_size=30).map(str.strip).filter(bool), max_size=3)


@st.composite
def entries(draw, obsolete=False):
    entry = Entry(msgid=draw(nonempty), msgstr=draw(text), notes=draw(notes),
                  references=[] if obsolete else draw(refs),
                  translator_comments=draw(st.lists(st.sampled_from(["relu", "à revoir"]),
                                                    max_size=2)),
                  msgctxt=draw(st.none() | nonempty), obsolete=obsolete)
    if draw(st.booleans()):
        entry.fuzzy = True
        entry.previous_msgid = draw(st.none() | nonempty)
    if not obsolete and draw(st.integers(0, 5)) == 0:
        entry.msgid_plural = draw(nonempty)
        entry.msgstr_plural = {0: draw(text), 1: draw(text)}
        entry.msgstr = ""
    return entry


@st.composite
def catalogs(draw):
    live = draw(st.lists(entries(), max_size=6, unique_by=lambda e: e.key))
    keys = {e.key for e in live}
    dead = draw(st.lists(entries(obsolete=True), max_size=3, unique_by=lambda e: e.key))
    return Catalog(header=dict(HEADER), entries=live,
                   obsolete=[e for e in dead if e.key not in keys])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_writer_is_byte_identical_to_msgcat_no_wrap(tmp_path_factory, catalog):
    require_tool("msgcat")
    data = pofile.serialize(catalog)
    path = tmp_path_factory.mktemp("po") / "x.po"
    path.write_bytes(data)
    out = subprocess.run(["msgcat", "--force-po", "--no-wrap", str(path)], capture_output=True)
    assert out.returncode == 0, out.stderr.decode()
    assert out.stdout == data
    again = pofile.parse(data, path)
    assert [(e.key, e.msgstr, e.msgstr_plural, e.status(), e.notes, e.references)
            for e in again.entries] == \
        [(e.key, e.msgstr, e.msgstr_plural, e.status(), e.notes, e.references)
         for e in catalog.entries]
    assert [e.key for e in again.obsolete] == \
        [e.key for e in catalog.obsolete if e.msgstr]  # msgcat drops untranslated ones


def test_long_reference_lines_wrap_like_msgcat(tmp_path):
    refs = [f"sources/fr/communique-{i:03}.txt:{i * 7}" for i in range(1, 12)]
    catalog = Catalog(header=dict(HEADER), entries=[Entry(msgid="x", references=refs)])
    lines = [l for l in pofile.serialize(catalog).decode().splitlines() if l.startswith("#:")]
    assert len(lines) > 1 and all(len(l) <= 79 for l in lines)
    assert " ".join(l[3:] for l in lines).split() == refs


@pytest.mark.parametrize("content, line, words", [
    (b'\xff\xfem\x00s\x00g\x00', 1, "UTF-16"),
    (b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n', 3, "ISO-8859-1"),
    (b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "\xe9"\nmsgstr ""\n',
     5, "not valid UTF-8"),
    (b'msgid ""\nmsgstr ""\n\nmsgid "a\nmsgstr "b"\n', 4, "not properly quoted"),
    (b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 8, "duplicate"),
    (b'msgid ""\nmsgstr ""\n\nmsgstr "a"\nmsgid "b"\n', None, "malformed"),
])
def test_bad_files_name_the_line_and_the_fix(tmp_path, content, line, words):
    path = tmp_path / "bad.po"
    with pytest.raises(L10nError) as error:
        pofile.parse(content, path)
    assert words in str(error.value)
    assert error.value.path == path and error.value.hint
    if line:
        assert error.value.line == line


def test_real_po_files_parse_or_fail_clearly():
    corpora = require_corpora()
    outcomes = {"parsed": 0, "refused": 0}
    for path in sorted((corpora / "po").rglob("*.po*")):
        try:
            catalog = pofile.read(path)
        except L10nError as error:
            assert error.path == path and str(error)
            outcomes["refused"] += 1
            continue
        outcomes["parsed"] += 1
        assert pofile.parse(pofile.serialize(catalog), path).by_key().keys() == \
            catalog.by_key().keys()
    assert outcomes["parsed"] >= 15 and outcomes["refused"] >= 5


def test_msgcat_leaves_gnome_clocks_untouched_after_our_rewrite(tmp_path):
    """A real 800-entry catalog, rewritten by us, is what msgcat --no-wrap would write."""
    corpora = require_corpora()
    require_tool("msgcat")
    source = corpora / "po/gnome-clocks/ar.po"
    ours = tmp_path / "ar.po"
    ours.write_bytes(pofile.serialize(pofile.read(source)))
    again = subprocess.run(["msgcat", "--force-po", "--no-wrap", str(ours)], capture_output=True, check=True)
    assert again.stdout == ours.read_bytes()


def test_line_numbers_point_at_each_msgstr_with_or_without_a_header(tmp_path):
    without = pofile.parse(b'msgid "a"\nmsgstr "A"\n\nmsgid "b"\nmsgstr "B"\n', tmp_path / "x.po")
    assert [(e.msgid, e.line) for e in without.entries] == [("a", 2), ("b", 5)]
    empty_header = b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "A"\n'
    assert [e.line for e in pofile.parse(empty_header, tmp_path / "x.po").entries] == [5]
    multiline_first = b'msgid ""\n"a"\nmsgstr "A"\n'
    assert [e.line for e in pofile.parse(multiline_first, tmp_path / "x.po").entries] == [3]
