"""PO reading: clear errors on bad files (writing: test_write)."""

from __future__ import annotations

import pytest
from support import require_corpora

from l10n.catalog import pofile
from l10n.errors import L10nError


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


def test_line_numbers_point_at_each_msgstr_with_or_without_a_header(tmp_path):
    without = pofile.parse(b'msgid "a"\nmsgstr "A"\n\nmsgid "b"\nmsgstr "B"\n', tmp_path / "x.po")
    assert [(e.msgid, e.line) for e in without.entries] == [("a", 2), ("b", 5)]
    empty_header = b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "A"\n'
    assert [e.line for e in pofile.parse(empty_header, tmp_path / "x.po").entries] == [5]
    multiline_first = b'msgid ""\n"a"\nmsgstr "A"\n'
    assert [e.line for e in pofile.parse(multiline_first, tmp_path / "x.po").entries] == [3]
