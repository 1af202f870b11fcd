"""Translators see the glossary in Poedit: `update` writes the terms that apply to a unit
as `#.` notes, removes them when they no longer apply, and a Poedit save keeps them."""

from __future__ import annotations

import subprocess

import pytest
from support import msgcat_no_wrap, msgfmt_check, require_tool, write
from terminology import poedit

from l10n.catalog import pofile


def workspace_with(workspace, glossary: str):
    (workspace / "l10n.toml").write_text('[languages]\nfr = ["en", "ar"]\n')
    write(workspace / "glossary.csv", glossary)
    write(workspace / "sources/fr/a.txt", "La CIMCT a reçu le ministre.\n\n"
                                          "Le ministre a remercié la Malaisie.\n")
    return workspace


def notes_of(po) -> dict[str, list[str]]:
    return {e.msgid: e.notes for e in pofile.read(po).entries}


def test_update_writes_the_notes_and_removes_them_when_they_no_longer_apply(workspace, run):
    workspace_with(workspace, "fr,en,ar,note\nCIMCT,IMCTC,التحالف,the coalition\n"
                              "Malaisie,Malaysia,ماليزيا,\n")
    assert run("update", cwd=workspace).code == 0
    en, ar = workspace / "translations/en/a.po", workspace / "translations/ar/a.po"
    assert notes_of(en) == {
        "La CIMCT a reçu le ministre.": ["title", "term: CIMCT → IMCTC (the coalition)"],
        "Le ministre a remercié la Malaisie.": ["paragraph 1", "term: Malaisie → Malaysia"]}
    assert notes_of(ar)["La CIMCT a reçu le ministre."] == [
        "title", "term: CIMCT → التحالف (the coalition)"]
    msgfmt_check(en)
    assert run("update", "--check", cwd=workspace).code == 0  # unchanged workspace: clean

    write(workspace / "glossary.csv", "fr,en,ar,note\nCIMCT,IMCTC,التحالف,the alliance\n")
    stale = run("update", "--check", cwd=workspace)
    assert stale.code == 1 and "out of date translations/en/a.po" in stale.out
    assert run("update", cwd=workspace).code == 0
    assert notes_of(en) == {
        "La CIMCT a reçu le ministre.": ["title", "term: CIMCT → IMCTC (the alliance)"],
        "Le ministre a remercié la Malaisie.": ["paragraph 1"]}

    (workspace / "glossary.csv").unlink()
    assert run("update", cwd=workspace).code == 0
    assert all(not any(n.startswith("term: ") for n in ns) for ns in notes_of(en).values())
    assert run("update", "--check", cwd=workspace).code == 0


def test_the_notes_stay_above_the_provenance_and_keep_the_translation(workspace, run):
    workspace_with(workspace, "fr,en\nCIMCT,IMCTC\n")
    run("update", cwd=workspace)
    po = workspace / "translations/en/a.po"
    catalog = pofile.read(po)
    catalog.entries[0].msgstr = "IMCTC received the minister."
    po.write_bytes(pofile.serialize(catalog))
    write(workspace / "sources/fr/a.txt", "La CIMCT a reçu les ministres.\n\n"
                                          "Le ministre a remercié la Malaisie.\n")
    run("update", cwd=workspace)
    [entry] = [e for e in pofile.read(po).entries if e.msgid == "La CIMCT a reçu les ministres."]
    assert entry.fuzzy and entry.msgstr == "IMCTC received the minister."
    assert entry.notes[:2] == ["title", "term: CIMCT → IMCTC"]
    assert entry.notes[2].startswith("l10n: changed; proposed ")


def test_a_poedit_style_save_keeps_the_notes_and_update_check_stays_clean(workspace, run):
    """What Poedit does on save is msgcat --force-po (--no-wrap for files without
    continuation lines, as ours are): the notes come back byte for byte."""
    workspace_with(workspace, "fr,en,ar,note\nCIMCT,IMCTC,التحالف الإسلامي العسكري لمحاربة "
                              "الإرهاب,the coalition; a long note that goes well past the "
                              "seventy-nine columns msgcat would wrap text at\n")
    run("update", cwd=workspace)
    for po in (workspace / "translations/en/a.po", workspace / "translations/ar/a.po"):
        catalog = pofile.read(po)
        catalog.entries[0].msgstr = "Traduit."
        po.write_bytes(pofile.serialize(catalog))
        saved = msgcat_no_wrap(po)
        assert saved == po.read_bytes()
        po.write_bytes(saved)
        assert b"#. term: CIMCT" in saved
    require_tool("msgcat")
    wrapped = workspace / "translations/en/a.po"  # a translator whose Poedit wraps at 79
    subprocess.run(["msgcat", "--force-po", "-o", str(wrapped), str(wrapped)], check=True)
    assert "#. term: CIMCT → IMCTC (the coalition; a long note" in wrapped.read_text()
    assert run("update", "--check", cwd=workspace).code == 0


@pytest.mark.program
def test_a_real_poedit_save_keeps_the_notes(workspace, run, tmp_path_factory):
    workspace_with(workspace, "fr,en,ar,note,ar_short\n"
                              "CIMCT,IMCTC,التحالف الإسلامي العسكري لمحاربة الإرهاب,the coalition,"
                              "التحالف\nMalaisie,Malaysia,ماليزيا,,\n")
    run("update", cwd=workspace)
    po = workspace / "translations/ar/a.po"
    before = notes_of(po)
    with poedit.display() as screen:
        poedit.edit_and_save(po, 1, "ok", home=tmp_path_factory.mktemp("poedit"), screen=screen)
    catalog = pofile.read(po)
    assert catalog.header.get("X-Generator", "").startswith("Poedit")  # Poedit did save
    assert catalog.entries[0].msgstr == "ok"  # xdotool types Latin letters reliably
    assert notes_of(po) == before
    assert "#. term: CIMCT → التحالف الإسلامي العسكري لمحاربة الإرهاب, after the first mention " \
           "التحالف (the coalition)" in po.read_text()
    assert run("update", "--check", cwd=workspace).code == 0
