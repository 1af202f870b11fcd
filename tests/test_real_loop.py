"""The translator's loop (issue 12): a command that fails writes nothing, reports keep
going past a broken file, one rule decides what is published, errors come in the format
asked for, and sources that are not what they seem are named."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from support import review, translate_all, write

from l10n.catalog import pofile

DOC = "Le ministre a reçu {n} délégations. La réunion a porté sur la coopération.\n"
NAMES = [f"d{n}" for n in range(6)]


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".l10n" not in p.parts}


@pytest.fixture
def six(workspace, run) -> Path:
    """Six documents updated; every PO pre-filled by a "memory" and needing review."""
    for n, name in enumerate(NAMES):
        write(workspace / f"sources/fr/{name}.txt", DOC.format(n=n + 2))
    assert run("update", cwd=workspace).code == 0
    for po in (workspace / "translations").rglob("*.po"):
        catalog = pofile.read(po)
        for entry in catalog.entries:
            entry.msgstr = "EN " + entry.msgid
            entry.fuzzy = True
            entry.notes.append("l10n: memory; proposed 00000000; exact 100 from x [en]")
        po.write_bytes(pofile.serialize(catalog))
    return workspace


def break_po(po: Path) -> None:
    po.write_bytes(po.read_bytes().replace(b'msgstr "', b'msgstr "broken\nmsgstr "', 1))


# -- a failing command writes nothing --------------------------------------------------------

def test_update_stops_before_writing_when_one_source_is_bad(six, run):
    for name in NAMES:
        path = six / f"sources/fr/{name}.txt"
        path.write_text(path.read_text().replace("coopération", "sécurité"))
    write(six / "sources/fr/d3.txt", "Réunion à Riyad.".encode("cp1252"))
    before = snapshot(six)
    result = run("update", cwd=six)
    assert result.code == 2 and "d3.txt" in result.err
    assert snapshot(six) == before


def test_approve_with_one_malformed_po_approves_nothing(six, run):
    break_po(six / "translations/en/d4.po")
    before = snapshot(six)
    result = run("approve", "--all", "--by", "Amina", cwd=six)
    assert result.code == 2 and "translations/en/d4.po" in result.err
    assert snapshot(six) == before


def test_build_with_one_malformed_po_writes_no_edition(six, run):
    for po in (six / "translations").rglob("*.po"):
        translate_all(po)
    break_po(six / "translations/ar/d2.po")
    result = run("build", cwd=six)
    assert result.code == 2 and "translations/ar/d2.po" in result.err
    assert not (six / "build").exists()


def test_tm_import_checks_every_file_before_copying_one(six, run, tmp_path):
    good = write(tmp_path / "a.tmx", '<tmx version="1.4"><header srclang="fr"/><body><tu>'
                 '<tuv xml:lang="fr"><seg>Un.</seg></tuv><tuv xml:lang="en"><seg>One.</seg>'
                 '</tuv></tu></body></tmx>')
    bad = write(tmp_path / "b.tmx", "<tmx><body><tu>")
    result = run("tm", "import", good, bad, write(tmp_path / "c.tmx", good.read_text()),
                 cwd=six)
    assert result.code == 2 and "b.tmx" in result.err
    assert not (six / "tm").exists()


# -- approve: a scope, a preview, and a person's decision per flagged entry -------------------

def test_approve_needs_a_scope_and_previews_with_dry_run(six, run):
    before = snapshot(six)
    bare = run("approve", cwd=six)
    assert bare.code == 2 and "--all" in bare.err
    preview = run("approve", "--doc", "d1", "--lang", "en", "--dry-run", "--by", "A", cwd=six)
    assert preview.code == 0
    assert preview.out.splitlines()[0] == "would approve 2 entries in translations/en/d1.po"
    assert "translations/en/d1.po:20: memory: « Le ministre a reçu 3 délégations. »" \
        in preview.out
    assert snapshot(six) == before


def test_approve_holds_back_qa_errors_unless_named(six, run):
    po = six / "translations/en/d0.po"
    review(po, {"Le ministre a reçu 2 délégations.": "The minister received 3 delegations."},
           fuzzy=True)
    result = run("approve", "--doc", "d0", "--lang", "en", "--by", "Amina", cwd=six)
    assert result.code == 0
    assert "approved 1 entry in translations/en/d0.po" in result.out
    flagged = next(e for e in pofile.read(po).entries if "3 delegations" in e.msgstr)
    assert flagged.fuzzy
    assert f"held back translations/en/d0.po:{flagged.line}: numbers:" in result.out
    named = run("approve", f"translations/en/d0.po:{flagged.line}", "--by", "Amina", cwd=six)
    assert named.code == 0, named.err
    assert not next(e for e in pofile.read(po).entries if "3 delegations" in e.msgstr).fuzzy


def test_approve_handles_entries_marked_needs_work_by_hand(workspace, run):
    write(workspace / "sources/fr/a.txt", DOC.format(n=4))
    run("update", cwd=workspace)
    po = workspace / "translations/en/a.po"
    review(po, {"Le ministre a reçu 4 délégations.": "The minister received 4 delegations."},
           fuzzy=True)  # by hand in Poedit: no l10n note
    assert "1 unknown" in run("check", cwd=workspace).out
    result = run("approve", "--origin", "unknown", "--by", "Amina", cwd=workspace)
    assert "approved 1 entry in translations/en/a.po" in result.out
    entry = pofile.read(po).entries[0]
    assert not entry.fuzzy and "approved by Amina" in entry.provenance.render()


def test_the_approver_is_gits_user_name(six, run, monkeypatch, tmp_path):
    subprocess.run(["git", "init", "-q", str(six)], check=True)
    subprocess.run(["git", "-C", str(six), "config", "user.name", "Amina Haddad"], check=True)
    monkeypatch.delenv("USER", raising=False)
    assert run("approve", "--doc", "d5", "--lang", "ar", cwd=six).code == 0
    notes = "".join(n for e in pofile.read(six / "translations/ar/d5.po").entries
                    for n in e.notes)
    assert "approved by Amina Haddad" in notes and "unknown" not in notes


# -- reports go on past a broken file, in the format asked for --------------------------------

def test_reports_show_a_broken_po_on_its_own_row_and_every_other_document(six, run):
    break_po(six / "translations/en/d2.po")
    result = run("check", "--format", "json", cwd=six)
    assert result.code == 2
    report = json.loads(result.out)
    assert len(report["documents"]) == 12
    broken = [d for d in report["documents"] if d["findings"] and
              d["findings"][0]["check"] == "input"]
    assert [(d["document"], d["language"]) for d in broken] == [("d2", "en")]
    junit = ElementTree.fromstring(run("check", "--format", "junit", cwd=six).out)
    assert len(junit.findall(".//testcase")) == 12
    github = run("check", "--format", "github", cwd=six).out
    assert "::error file=translations/en/d2.po,line=" in github
    status = run("status", "--json", cwd=six)
    assert status.code == 2 and len(json.loads(status.out)["documents"]) == 12


@pytest.mark.parametrize("output, parse", [
    ("json", lambda out: json.loads(out)["error"]["file"]),
    ("junit", lambda out: ElementTree.fromstring(out).find(".//testcase").get("file")),
    ("github", lambda out: out),
])
def test_an_input_error_comes_in_the_format_asked_for(workspace, run, output, parse):
    write(workspace / "l10n.toml", "[check]\nrequired = [\"de\"]\n")
    result = run("check", "--format", output, cwd=workspace)
    assert result.code == 2
    assert "l10n.toml" in parse(result.out)
    if output == "github":
        assert result.out.startswith("::error file=") and "l10n.toml" in result.out


@pytest.mark.parametrize("args", [
    ("status", "--json"), ("report", "--format", "json"), ("models", "list", "--json"),
    ("tm", "lookup", "Le ministre", "--from", "fr", "--to", "en", "--json"),
    ("segment", "sources/fr/a.txt", "--lang", "fr", "--json")])
def test_every_json_output_reports_an_input_error_as_json(workspace, run, args):
    write(workspace / "l10n.toml", "[languages\n")
    result = run(*args, cwd=workspace)
    assert result.code == 2
    error = json.loads(result.out)["error"]
    assert (error["file"].endswith("l10n.toml"), error["line"]) == (True, 1)


# -- one rule decides what is published -------------------------------------------------------

def test_build_refuses_what_check_blocks_and_says_why(workspace, run):
    write(workspace / "sources/fr/a.txt", DOC.format(n=4))
    run("update", cwd=workspace)
    for lang in ("en", "ar"):
        translate_all(workspace / f"translations/{lang}/a.po",
                      lambda e: "EN " + e.msgid.replace("4", "5"))  # reviewed, a wrong figure
    assert run("check", cwd=workspace).code == 1
    built = run("build", cwd=workspace)
    assert built.code == 1
    assert "build/en/a.txt: refused: 2 QA error(s) (2 numbers)" in built.out
    assert not (workspace / "build").exists()
    partial = run("build", "--allow-partial", cwd=workspace)
    assert partial.code == 0
    assert "sources/fr/a.txt:1: numbers: number 4 of the source is missing: " \
           "« Le ministre a reçu 4 délégations. »" in partial.out
    assert (workspace / "build/en/a.txt").read_text().startswith("Le ministre a reçu 4 ")


def test_a_document_with_nothing_to_translate_is_ready_and_built_as_is(workspace, run):
    write(workspace / "sources/fr/empty.txt", "")
    write(workspace / "sources/fr/rule.txt", "* * *\n")
    assert run("update", cwd=workspace).code == 0
    assert run("check", cwd=workspace).code == 0
    assert run("build", cwd=workspace).code == 0
    assert (workspace / "build/ar/rule.txt").read_text() == "* * *\n"
    assert (workspace / "build/en/empty.txt").read_text() == ""


# -- sources that are not what they seem ------------------------------------------------------

def test_a_windows_1252_source_names_the_encoding_and_the_fix(workspace, run):
    write(workspace / "sources/fr/a.txt", "Réunion à Riyad.\n".encode("cp1252"))
    for command in ("update", "status"):
        result = run(command, cwd=workspace)
        assert result.code == 2, command
        assert "sources/fr/a.txt:1: not valid UTF-8" in result.err
        assert "looks like Windows-1252" in result.err and "iconv -f WINDOWS-1252" in result.err
        assert "run `l10n update`" not in result.out + result.err
