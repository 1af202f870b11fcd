"""The in-process verdict equals what `msgfmt --check` (gettext, the reference) reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from po_text import layouts, render
from support import require_corpora, require_tool, write

from l10n.catalog import pofile
from l10n.catalog.model import Catalog, Entry
from l10n.catalog.msgfmt import Msgfmt, Unsupported, verdict
from l10n.errors import L10nError

# why a file goes to msgfmt itself (see l10n.catalog.msgfmt)
FALLBACKS = ("no header entry", "a byte order mark", "a header not in", "a charset other",
             "a #= or #! flag line", "flag", "msgstr[n] not numbered", "a NUL or EOT")


def compare(path: Path) -> str:
    """"same" when our verdict is msgfmt's, else why msgfmt had to run; fails if they differ."""
    try:
        ours = verdict(pofile.read(path))
    except Unsupported as why:
        assert any(reason in str(why) for reason in FALLBACKS), why
        return "msgfmt"
    assert ours == Msgfmt().run(path), path.read_text(encoding="utf-8", errors="replace")
    return "same"


def test_every_real_po_file_gets_msgfmts_verdict():
    require_tool("msgfmt")
    corpora = require_corpora()
    outcomes = {"same": 0, "msgfmt": 0}
    for path in sorted((corpora / "po").rglob("*.po*")):
        try:
            pofile.read(path)
        except L10nError:
            continue  # never reaches a verdict: check stops at the reader's error
        outcomes[compare(path)] += 1
    print(outcomes)
    assert outcomes["same"] >= 18


FORMATS = ["%d", "%s", "%i", "%u", "%ld", "%lld", "%zu", "%hhd", "%5.2f", "%Lf", "%c", "%lc",
           "%p", "%n", "%m", "%%", "%", "%1$s", "%2$d", "%2$s", "%0$d", "%*d", "%.*s",
           "%1$*2$d", "%<PRId64>", "%<PRIu32>", "%<PRIx>", "%jd", "%Id", "%y", "%é", "%(a)s",
           "%(b)d", "%(a)d", "%(a).0s", "%(a", "%r", "%x", "%e", "a", " ", "\n", "é"]
FLAGS = [[], ["c-format"], ["python-format"], ["possible-c-format"], ["no-c-format"],
         ["c-format", "python-format"], ["fuzzy", "c-format"], ["fuzzy"]]
PLURAL_FORMS = ["nplurals=2; plural=(n != 1);", "nplurals=2; plural=(n > 1);",
                "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? "
                "3 : n%100>=11 ? 4 : 5;", "nplurals=1; plural=0;", "nplurals=3; plural=n%3;",
                "nplurals=2; plural=n/0;", "nplurals=2; plural=n-2;", "nplurals=2; plural=n;",
                "nplurals=x; plural=n;", "nplurals=2; plural=(n;", "nplurals=2; plural=n=1;",
                "nplurals=2; plural=!n ? 0 : n && 1 || 0;", "nplurals=2;", "plural=n!=1;",
                "nplurals = 3 ; plural = n>1 ? 2 : n ;", "nplurals=2; plural=1 ? n : 0 ? 1 : 0;"]


@st.composite
def headers(draw) -> dict[str, str]:
    header = {"Project-Id-Version": "communiques", "PO-Revision-Date": "2021-10-11 10:00+0000",
              "Last-Translator": "", "Language-Team": "Arabic", "Language": "ar",
              "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
              "Content-Transfer-Encoding": "8bit"}
    for name in draw(st.lists(st.sampled_from(sorted(header)), max_size=3)):
        if name != "Content-Type":
            header.pop(name, None)
    defaults = {"Project-Id-Version": "PACKAGE VERSION", "Language": "",
                "Last-Translator": "FULL NAME <EMAIL@ADDRESS>", "Content-Transfer-Encoding":
                "ENCODING", "Language-Team": "LANGUAGE <LL@li.org>"}
    for name in draw(st.lists(st.sampled_from(sorted(defaults)), max_size=2)):
        header[name] = defaults[name]
    forms = draw(st.none() | st.sampled_from(PLURAL_FORMS))
    if forms is not None:
        header["Plural-Forms"] = forms
    return header


def format_text(min_size: int = 0) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(FORMATS), min_size=min_size, max_size=5).map("".join)


@st.composite
def entries(draw) -> Entry:
    entry = Entry(msgid=draw(format_text(1)), msgstr=draw(format_text()),
                  flags=list(draw(st.sampled_from(FLAGS))))
    if draw(st.integers(0, 3)) == 0:
        entry.msgid_plural = draw(format_text(1))
        entry.msgstr_plural = {i: draw(format_text()) for i in range(draw(st.integers(1, 7)))}
        entry.msgstr = ""
    return entry


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(headers(), st.lists(entries(), max_size=6, unique_by=lambda e: e.msgid),
       layouts(polib_safe=False))
def test_generated_files_get_msgfmts_verdict(tmp_path_factory, header, items, layout):
    """Format flags and strings, plural forms, newlines, odd or missing header fields, in
    any layout (see --hypothesis-show-statistics for how many needed msgfmt itself)."""
    require_tool("msgfmt")
    path = tmp_path_factory.mktemp("po") / "x.po"
    path.write_bytes(render(header, items, layout)[0])
    event(compare(path))


def test_files_written_by_l10n_never_need_msgfmt(workspace, run):
    """So that `check` in CI runs no program at all."""
    write(workspace / "sources/fr/a.txt", "Le ministre a reçu 3 délégations.\n\nFin.\n")
    run("update", cwd=workspace)
    for po in (workspace / "translations").rglob("*.po"):
        assert verdict(pofile.read(po)) == []


def test_a_file_outside_the_checks_done_here_goes_to_msgfmt(tmp_path, monkeypatch):
    require_tool("msgfmt")
    path = write(tmp_path / "x.po", 'msgid ""\nmsgstr "Content-Type: text/plain; '
                 'charset=UTF-8\\n"\n\n#, java-format\nmsgid "{0}"\nmsgstr "{1}"\n')
    catalog = pofile.read(path)
    with pytest.raises(Unsupported, match="java-format"):
        verdict(catalog)
    found = Msgfmt().check(path, catalog)
    assert [d.severity for d in found].count("error") == 1 and found[-1].line == 6
    monkeypatch.setattr(shutil, "which", lambda name: None)
    missing = Msgfmt()
    [unchecked] = missing.check(path, catalog)
    assert missing.skipped == [path] and unchecked.severity == "error"
    assert "not checked" in unchecked.message and "java-format" in unchecked.message


def test_a_catalog_made_here_has_no_verdict_of_its_own():
    with pytest.raises(Unsupported):
        verdict(Catalog(header={"Content-Type": "text/plain; charset=UTF-8"}))
