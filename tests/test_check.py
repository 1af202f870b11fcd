"""The publication gate through the CLI: verdicts, reasons, settings and CI formats."""

from __future__ import annotations

import json
import shutil
from xml.etree import ElementTree

import pytest
from support import msgcat_no_wrap, require_corpora, require_tool, review, write

from l10n.catalog import pofile

DOC = "Le ministre a reçu 4 délégations le 11/10/2021.\n\nLa réunion a eu lieu à Riyad.\n"
GOOD = {"Le ministre a reçu 4 délégations le 11/10/2021.": "The minister received 4 delegations on 11/10/2021.",
        "La réunion a eu lieu à Riyad.": "The meeting took place in Riyadh."}


@pytest.fixture
def english(workspace, run):
    (workspace / "l10n.toml").write_text('[languages]\nfr = ["en"]\n[check]\nrequired = ["en"]\n')
    write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    return workspace


def test_ready_when_reviewed_and_clean(english, run):
    review(english / "translations/en/a.po", GOOD)
    result = run("check", cwd=english)
    assert result.code == 0 and "a [en]: ready" in result.out


def test_a_qa_error_blocks_and_points_at_the_msgstr_line(english, run):
    po = english / "translations/en/a.po"
    review(po, {**GOOD, "Le ministre a reçu 4 délégations le 11/10/2021.":
                   "The minister received 5 delegations on 11/10/2021."})
    result = run("check", "--format", "json", cwd=english)
    assert result.code == 1
    data = json.loads(result.out)
    assert set(data) == {"ready", "languages", "documents", "summary", "msgfmt"}
    [doc] = data["documents"]
    assert set(doc) == {"document", "source_language", "language", "po", "required", "ready",
                        "blocked", "reasons", "counts", "findings"}
    numbers = [f for f in doc["findings"] if f["check"] == "numbers"]
    assert {f["message"] for f in numbers} == {"number 4 of the source is missing",
                                               "number 5 is not in the source"}
    line = po.read_text().splitlines()[numbers[0]["line"] - 1]
    assert line.startswith('msgstr "The minister received 5')
    assert set(numbers[0]) == {"file", "line", "msgctxt", "msgid", "check", "severity", "message"}
    assert doc["reasons"] == ["2 QA error(s) (2 numbers)"]


def test_severity_settings_per_document_and_language(english, run):
    review(english / "translations/en/a.po", {**GOOD, "La réunion a eu lieu à Riyad.":
                                                 "The meeting took place in Riyadh 2."})
    assert run("check", cwd=english).code == 1
    with (english / "l10n.toml").open("a") as config:
        config.write('[[qa.rules]]\ndocuments = "a"\nlanguages = ["en"]\nseverity = { numbers = "warning" }\n')
    result = run("check", cwd=english)
    assert result.code == 0 and "warning: [numbers]" in result.out


def test_not_required_languages_and_exempt_documents_never_block(workspace, run):
    write(workspace / "sources/fr/a.txt", DOC)
    write(workspace / "sources/fr/drafts/b.txt", "Brouillon.\n")
    (workspace / "l10n.toml").write_text(
        '[check]\nrequired = ["en"]\nexempt = ["drafts/*"]\n')
    run("update", cwd=workspace)
    review(workspace / "translations/en/a.po", GOOD)
    result = run("check", cwd=workspace)
    assert result.code == 0, result.out
    assert "a [ar]: not ready (not required)" in result.out
    assert "drafts/b [en]: not ready (not required)" in result.out


def test_needs_review_counts_by_origin(english, run):
    review(english / "translations/en/a.po", GOOD, fuzzy=True)
    result = run("check", cwd=english)
    assert result.code == 1 and "2 need review (2 unknown)" in result.out
    status = json.loads(run("status", "--json", cwd=english).out)
    assert status["documents"][0]["units"]["needs-review"] == 2


def test_msgfmt_errors_block(english, run):
    require_tool("msgfmt")
    po = english / "translations/en/a.po"
    review(po, GOOD)
    catalog = pofile.read(po)
    catalog.entries[0].flags.append("c-format")
    catalog.entries[0].msgstr = "The minister received 4 delegations on 11/10/2021 %d."
    po.write_bytes(pofile.serialize(catalog))
    result = run("check", cwd=english)
    assert result.code == 1 and "msgfmt error" in result.out


def test_a_po_msgfmt_must_check_is_not_ready_while_msgfmt_is_missing(workspace, run,
                                                                    monkeypatch, tmp_path):
    """A `java-format` flag is outside l10n's own msgfmt checks: without gettext that file
    is not checked, so not ready; the other files' findings are still remembered."""
    (workspace / "l10n.toml").write_text('[languages]\nfr = ["en"]\n[check]\nrequired = ["en"]\n')
    write(workspace / "sources/fr/a.txt", DOC)
    write(workspace / "sources/fr/b.txt", "Merci.\n")
    run("update", cwd=workspace)
    review(workspace / "translations/en/a.po", GOOD)
    review(workspace / "translations/en/b.po", {"Merci.": "Thank you."})
    catalog = pofile.read(workspace / "translations/en/a.po")
    catalog.entries[1].flags.append("java-format")
    (workspace / "translations/en/a.po").write_bytes(pofile.serialize(catalog))
    with monkeypatch.context() as without_gettext:
        without_gettext.setenv("PATH", str(tmp_path / "no-programs"))
        result = run("check", cwd=workspace)
        assert result.code == 1
        assert "a [en]: blocked" in result.out and "b [en]: ready" in result.out
        assert "translations/en/a.po: error: [msgfmt] not checked: this file needs gettext's " \
               "msgfmt (a java-format flag), which is not installed; install gettext" in result.out
        assert "note: msgfmt (gettext) is not installed: the PO files that need it (listed " \
               "above) could not be checked and are not ready; install gettext" in result.out
        from l10n.quality import checks
        rechecked = []
        without_gettext.setattr(checks, "run", lambda source, *args: rechecked.append(source)
                                or [])
        assert run("check", cwd=workspace).code == 1
        assert "Merci." not in rechecked  # b, after a in the same batch, was remembered
        assert "La réunion a eu lieu à Riyad." in rechecked  # a was not: ask msgfmt again
    require_tool("msgfmt")
    assert run("check", cwd=workspace).code == 0


def test_github_annotations_are_escaped_capped_and_summarised(english, run, monkeypatch, tmp_path):
    doc = "".join(f"Phrase numéro {n}, avec 100% de virgules.\n\n" for n in range(14))
    write(english / "sources/fr/a.txt", doc)
    run("update", cwd=english)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("check", cwd=english)
    assert result.code == 1
    annotations = [l for l in result.out.splitlines() if l.startswith("::")]
    errors = [l for l in annotations if l.startswith("::error ")]
    assert len(errors) == 10
    assert errors[0].startswith("::error file=translations/en/a.po,line=")
    assert "title=untranslated [en]::not translated yet: Phrase numéro 0, avec 100%25 de virgules." \
        in errors[0]
    assert annotations[-1].startswith("::notice file=translations/en/a.po::+4 more")
    table = summary.read_text()
    assert "| a | en | blocked |" in table and table.count("| untranslated |") == 14
    chart = table[table.index("```mermaid\n"):]  # after the table, before the findings
    assert chart[:chart.index("\n```\n") + 5] == (
        '```mermaid\npie showData title Units by state\n    "untranslated" : 14\n```\n')
    assert table.index("| a | en | blocked |") < table.index("```mermaid") < \
        table.index("| file | line |")


def test_junit_for_other_dashboards(english, run):
    result = run("check", "--format", "junit", cwd=english)
    assert result.code == 1
    suite = ElementTree.fromstring(result.out.split("?>", 1)[1]).find("testsuite")
    assert suite.get("tests") == "1" and suite.get("failures") == "1"
    assert "2 untranslated" in suite.find("testcase/failure").get("message")


def test_update_check_says_when_pos_are_out_of_date(english, run):
    assert run("update", "--check", cwd=english).code == 0
    write(english / "sources/fr/a.txt", DOC + "\nUne phrase de plus.\n")
    before = (english / "translations/en/a.po").read_bytes()
    result = run("update", "--check", cwd=english)
    assert result.code == 1 and "out of date translations/en/a.po" in result.out
    assert (english / "translations/en/a.po").read_bytes() == before
    run("update", cwd=english)
    assert run("update", "--check", cwd=english).code == 0


def test_glossary_check_lists_disagreements(english, run):
    write(english / "glossary.csv", "fr,en,ar\nRiyad,Riyadh,الرياض\n")
    review(english / "translations/en/a.po", {**GOOD, "La réunion a eu lieu à Riyad.":
                                                 "The meeting took place in Riyad."})
    result = run("glossary", "check", cwd=english)
    assert result.code == 1
    assert "translations/en/a.po:" in result.out and "«Riyad» is «Riyadh» in en" in result.out
    write(english / "glossary.csv", "fr,en,ar,colour\n")
    bad = run("glossary", "check", cwd=english)
    assert bad.code == 2 and "glossary.csv:1: unknown column 'colour'" in bad.err


def test_a_poedit_save_changes_nothing_we_wrote(english, run):
    """msgcat is what Poedit runs on save: notes, flags and comments survive, bytes too."""
    po = english / "translations/en/a.po"
    review(po, GOOD)
    write(english / "sources/fr/a.txt", DOC.replace("4", "5"))
    run("update", cwd=english)
    catalog = pofile.read(po)
    catalog.entries[1].translator_comments = ["vérifié avec le service de presse"]
    po.write_bytes(pofile.serialize(catalog))
    assert msgcat_no_wrap(po) == po.read_bytes()
    text = po.read_text()
    assert "#. l10n: changed; proposed " in text and "#, fuzzy" in text and "#| msgid" in text
    assert "# vérifié avec le service de presse" in text


def test_every_real_po_file_gives_a_verdict_or_a_clear_error(english, run):
    corpora = require_corpora()
    po = english / "translations/en/a.po"
    seen = 0
    for sample in sorted((corpora / "po").rglob("*.po")):
        shutil.copyfile(sample, po)
        for command in ("check", "status", "update"):
            result = run(command, cwd=english)
            assert result.code in (0, 1, 2), (sample, command)
            if result.code == 2:
                assert result.err.startswith("l10n: error: ") and "a.po:" in result.err, \
                    (sample, command, result.err)
        seen += 1
    assert seen >= 20
