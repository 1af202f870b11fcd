"""The translator's workflow through the CLI: update, status, check, build, approve."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from support import msgcat_no_wrap, msgfmt_check, review, translate_all, update, write

from l10n.catalog import pofile
from l10n.catalog.model import text_hash

DOC = "Premier paragraphe. Il a deux phrases.\n\nLe Secrétaire général a reçu quatre délégations.\n"


def stand_in(entry) -> str:
    """A translation QA accepts: «quatre» is no figure in en or ar, so it is written 4."""
    return f"<{entry.msgid.replace('quatre', '4')}>"


def edited(workspace, run):
    """A document whose English PO was translated, then whose source changed a word."""
    src = write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    po = workspace / "translations/en/a.po"
    translate_all(po)
    src.write_text(DOC.replace("quatre", "cinq"))
    return src, po


def test_update_creates_one_po_per_target_that_gettext_accepts(workspace, run):
    write(workspace / "sources/fr/news/a.txt", DOC)
    result = run("update", cwd=workspace)
    assert result.code == 0, result.err
    for lang in ("en", "ar"):
        po = workspace / f"translations/{lang}/news/a.po"
        assert msgcat_no_wrap(po) == po.read_bytes()
        assert msgfmt_check(po) == ""
        text = po.read_text()
        assert f'"Language: {lang}\\n"' in text and '"X-Source-Language: fr\\n"' in text
        assert "#: sources/fr/news/a.txt:3" in text
        assert [e.msgid for e in pofile.read(po).entries] == [
            "Premier paragraphe.", "Il a deux phrases.",
            "Le Secrétaire général a reçu quatre délégations."]


def test_rerun_that_changes_nothing_rewrites_nothing(workspace, run):
    write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    po = workspace / "translations/en/a.po"
    before = po.stat().st_mtime_ns
    shutil.rmtree(workspace / ".l10n", ignore_errors=True)  # no cache: the PO itself is compared
    result = run("update", cwd=workspace)
    assert "0 PO file(s) written" in result.out
    assert po.stat().st_mtime_ns == before


def test_edit_gives_fuzzy_suggestion_with_previous_msgid_and_diff(workspace, run):
    src, po = edited(workspace, run)
    run("update", cwd=workspace)
    text = po.read_text()
    assert '#| msgid "Le Secrétaire général a reçu quatre délégations."' in text
    assert "«quatre» → «cinq»" in text
    entry = pofile.read(po).by_key()[(None, "Le Secrétaire général a reçu cinq délégations.")]
    assert entry.fuzzy and entry.msgstr == "<Le Secrétaire général a reçu quatre délégations.>"
    status = run("status", "--changes", cwd=workspace)
    assert "«quatre» → «cinq»" in status.out
    data = json.loads(run("status", "--json", cwd=workspace).out)
    en = [d for d in data["documents"] if d["language"] == "en"][0]
    assert en["units"] == {"reviewed": 2, "needs-review": 1, "untranslated": 0}
    assert en["needs_review_by_origin"]["changed"] == 1


def test_removed_unit_becomes_obsolete_and_comes_back(workspace, run):
    src = write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    po = workspace / "translations/en/a.po"
    translate_all(po)
    src.write_text("Premier paragraphe. Il a deux phrases.\n")
    run("update", cwd=workspace)
    catalog = pofile.read(po)
    assert [e.msgid for e in catalog.obsolete] == ["Le Secrétaire général a reçu quatre délégations."]
    assert "#~ msgstr" in po.read_text()
    src.write_text("Le Secrétaire général a reçu quatre délégations.\n\n" + DOC.split("\n\n")[0] + "\n")
    run("update", cwd=workspace)
    catalog = pofile.read(po)
    assert not catalog.obsolete
    assert all(e.msgstr == f"<{e.msgid}>" and not e.fuzzy for e in catalog.entries)


def test_check_and_build_refuse_until_reviewed(workspace, run):
    write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    check = run("check", cwd=workspace)
    assert check.code == 1
    assert "a [en]: blocked" in check.out and "3 untranslated" in check.out
    build = run("build", cwd=workspace)
    assert build.code == 1 and "refused" in build.out
    assert not (workspace / "build/en/a.txt").exists()
    partial = run("build", "--allow-partial", cwd=workspace)
    assert partial.code == 0
    assert (workspace / "build/en/a.txt").read_text() == DOC
    for lang in ("en", "ar"):
        translate_all(workspace / f"translations/{lang}/a.po", stand_in)
    assert run("check", cwd=workspace).code == 0
    assert run("build", cwd=workspace).code == 0
    assert (workspace / "build/ar/a.txt").read_text() == (
        "<Premier paragraphe.> <Il a deux phrases.>\n\n"
        "<Le Secrétaire général a reçu 4 délégations.>\n")


def test_check_blocks_on_fuzzy_and_stale_po(workspace, run):
    src = write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    for lang in ("en", "ar"):
        translate_all(workspace / f"translations/{lang}/a.po")
    src.write_text(DOC.replace("quatre", "cinq"))
    stale = run("check", cwd=workspace)
    assert stale.code == 1 and "does not match its source" in stale.out
    run("update", cwd=workspace)
    fuzzy = run("check", cwd=workspace)
    assert fuzzy.code == 1 and "1 need review (1 changed)" in fuzzy.out


def test_build_does_not_rewrite_unchanged_outputs(workspace, run):
    write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    for lang in ("en", "ar"):
        translate_all(workspace / f"translations/{lang}/a.po", stand_in)
    run("build", cwd=workspace)
    out = workspace / "build/en/a.txt"
    before = out.stat().st_mtime_ns
    again = run("build", cwd=workspace)
    assert "unchanged" in again.out and out.stat().st_mtime_ns == before


def test_approve_records_who_and_keeps_the_proposal(workspace, run):
    src, po = edited(workspace, run)
    run("update", cwd=workspace)
    proposed = text_hash("<Le Secrétaire général a reçu quatre délégations.>")
    result = run("approve", "--origin", "changed", "--lang", "en", "--by", "Amina", cwd=workspace)
    [line] = [e.line for e in pofile.read(po).entries if e.fuzzy]
    assert result.code == 0 and "nothing to approve" in result.out  # 4 ≠ 5: held back
    assert f"held back translations/en/a.po:{line}: numbers: number 5 of the source is " \
           "missing" in result.out
    result = run("approve", f"translations/en/a.po:{line}", "--by", "Amina", cwd=workspace)
    assert result.code == 0 and "approved 1 entry" in result.out
    text = po.read_text()
    assert f"#. l10n: changed; proposed {proposed}; «quatre» → «cinq»; approved by Amina" in text
    assert "#, fuzzy" not in text and "#|" not in text
    assert [e.review() for e in pofile.read(po).entries] == [None, None, "kept"]
    assert run("update", "--check", cwd=workspace).code == 0


def test_review_in_poedit_needs_no_rewrite_and_reads_as_kept_or_edited(workspace, run):
    src = write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    po = workspace / "translations/en/a.po"
    translate_all(po)
    src.write_text(DOC.replace("quatre", "cinq").replace("deux", "trois"))
    run("update", cwd=workspace)
    catalog = pofile.read(po)
    notes = {e.msgid: e.notes for e in catalog.entries}
    for entry in catalog.entries:
        if entry.fuzzy:  # the translator clears "needs work", editing one of the two
            entry.fuzzy = False
            if "trois" in entry.msgid:
                entry.msgstr = "It has three sentences."
    po.write_bytes(pofile.serialize(catalog))
    saved = po.read_bytes()
    assert run("update", "--check", cwd=workspace).code == 0
    assert "0 PO file(s) written" in run("update", cwd=workspace).out
    assert po.read_bytes() == saved
    again = pofile.read(po)
    assert {e.msgid: e.notes for e in again.entries} == notes  # the notes as proposed
    assert {e.msgid: e.review() for e in again.entries} == {
        "Premier paragraphe.": None, "Il a trois phrases.": "edited",
        "Le Secrétaire général a reçu cinq délégations.": "kept"}
    status = json.loads(run("status", "--json", "--lang", "en", cwd=workspace).out)
    assert status["documents"][0]["units"]["reviewed"] == 3
    assert status["documents"][0]["reviewed_by_origin"]["changed"] == {"kept": 1, "edited": 1}


def test_notes_of_reviews_recorded_by_earlier_versions_still_read(workspace, run):
    write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    po = workspace / "translations/en/a.po"
    translate_all(po, stand_in)
    catalog = pofile.read(po)
    catalog.entries[1].notes.append("l10n: reviewed; memory edited; fuzzy 80 from b [en]")
    catalog.entries[2].notes.append("l10n: reviewed; changed kept; «quatre» → «cinq»")
    po.write_bytes(pofile.serialize(catalog))
    assert run("update", "--check", cwd=workspace).code == 0
    again = pofile.read(po)
    assert [e.review() for e in again.entries] == [None, "edited", "kept"]
    assert [e.origin() for e in again.entries] == [None, None, None]  # none awaits review
    assert run("check", "--lang", "en", cwd=workspace).code == 0


def test_orphan_kept_until_prune_and_rename_carries_translations(workspace, run):
    src = write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    translate_all(workspace / "translations/en/a.po")
    src.rename(workspace / "sources/fr/b.txt")
    run("update", cwd=workspace)
    assert not (workspace / "translations/en/a.po").exists()
    moved = pofile.read(workspace / "translations/en/b.po")
    assert all(e.msgstr for e in moved.entries)
    assert "#: sources/fr/b.txt:1" in (workspace / "translations/en/b.po").read_text()
    (workspace / "sources/fr/b.txt").unlink()
    write(workspace / "sources/fr/c.txt", "Autre chose.\n")
    result = run("update", cwd=workspace)
    assert "orphan translations/en/b.po" in result.out
    assert (workspace / "translations/en/b.po").exists()
    assert "orphan translations/en/b.po" in run("status", cwd=workspace).out
    run("update", "--prune", cwd=workspace)
    assert not (workspace / "translations/en/b.po").exists()


def test_two_sources_sharing_a_po_is_an_error(workspace, run):
    write(workspace / "sources/fr/a.txt", DOC)
    write(workspace / "sources/en/a.txt", "Hello.\n")
    result = run("update", cwd=workspace)
    assert result.code == 2
    assert "would share the PO files of document 'a'" in result.err


def test_bad_input_is_one_clear_line_and_exit_2(workspace, run, tmp_path_factory):
    write(workspace / "sources/fr/a.txt", b"Bonjour\n\xe9t\xe9.\n")
    result = run("update", cwd=workspace)
    assert result.code == 2
    assert re.fullmatch(r"l10n: error: .*sources/fr/a\.txt:2: not valid UTF-8.*\n", result.err)
    (workspace / "sources/fr/a.txt").unlink()
    write(workspace / "sources/de/a.txt", "Hallo.\n")
    result = run("update", cwd=workspace)
    assert result.code == 2 and "unknown source language folder 'de'" in result.err
    (workspace / "sources/de/a.txt").unlink()
    (workspace / "sources/de").rmdir()
    write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    po = workspace / "translations/en/a.po"
    po.write_bytes(po.read_bytes().replace(b'msgstr ""\n\n#. paragraph 1', b'msgstr "x\n\n#. paragraph 1', 1))
    for command in ("update", "status", "check", "build"):
        result = run(command, cwd=workspace)
        assert result.code == 2, command
        assert "translations/en/a.po:" in result.err and "Traceback" not in result.err
    empty = tmp_path_factory.mktemp("not-a-workspace")
    result = run("status", cwd=empty)
    assert result.code == 2 and "no l10n.toml" in result.err


def test_usage_error_exits_2(workspace, run):
    assert run("build", "--no-such-option", cwd=workspace).code == 2
    assert run("approve", "--origin", "guess", cwd=workspace).code == 2


def test_segment_prints_offsets_into_decoded_text(tmp_path, run):
    text = "\ufeffM. Dupont est venu. Il est reparti !\r\nFin."
    path = write(tmp_path / "x.txt", text)
    result = run("segment", path, "--lang", "fr", "--json", cwd=tmp_path)
    assert result.code == 0
    spans = [json.loads(line) for line in result.out.splitlines()]
    assert [s["text"] for s in spans] == ["M. Dupont est venu.", "Il est reparti !\r\nFin."] or \
        [s["text"] for s in spans] == ["M. Dupont est venu.", "Il est reparti !", "Fin."]
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"]


def test_a_poedit_save_during_update_is_merged_not_overwritten(workspace, run, monkeypatch):
    src = write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    po = workspace / "translations/en/a.po"
    src.write_text(DOC + "\nUne nouvelle phrase.\n")
    from l10n.catalog import merge as merge_module
    real_merge = merge_module.merge
    saved = []

    def merge_while_translator_saves(*args, **kwargs):
        result = real_merge(*args, **kwargs)
        if not saved:  # the translator saves in Poedit while l10n is merging
            translate_all(po, lambda e: f"saved by Poedit: {e.msgid}")
            saved.append(True)
        return result

    monkeypatch.setattr(merge_module, "merge", merge_while_translator_saves)
    assert run("update", cwd=workspace).code == 0
    entries = pofile.read(po).by_key()
    assert entries[(None, "Premier paragraphe.")].msgstr == "saved by Poedit: Premier paragraphe."
    assert (None, "Une nouvelle phrase.") in entries


def saving_during_qa(monkeypatch, save):
    """Have the translator save in Poedit (`save()`) while `l10n approve` runs its QA."""
    from l10n.commands import approve as approve_module
    real_assess = approve_module.Assessor.assess

    def assess_while_translator_saves(self, *args, **kwargs):
        item = real_assess(self, *args, **kwargs)
        save()
        return item

    monkeypatch.setattr(approve_module.Assessor, "assess", assess_while_translator_saves)


def needing_review(workspace, run):
    """The English PO: its first entry reviewed, the two others translated, needing review."""
    write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    po = workspace / "translations/en/a.po"
    translate_all(po, stand_in)
    review(po, {"Il a deux phrases.": "It has two sentences.",
                "Le Secrétaire général a reçu quatre délégations.":
                    "The Secretary-General received 4 delegations."}, fuzzy=True)
    return po


def test_a_poedit_save_during_approve_is_kept_and_approved_on(workspace, run, monkeypatch):
    po = needing_review(workspace, run)
    saving_during_qa(monkeypatch, lambda: review(po, {"Premier paragraphe.": "Saved in Poedit."}))
    result = run("approve", "--all", "--by", "Amina", cwd=workspace)
    assert result.code == 0 and "approved 2 entries" in result.out, result.out + result.err
    entries = pofile.read(po).by_key()
    assert entries[(None, "Premier paragraphe.")].msgstr == "Saved in Poedit."
    assert not any(e.fuzzy for e in entries.values())


def test_approve_refuses_a_translation_changed_since_it_was_read(workspace, run, monkeypatch):
    po = needing_review(workspace, run)
    new = "The Secretary-General received four delegations."
    saving_during_qa(monkeypatch, lambda: review(
        po, {"Le Secrétaire général a reçu quatre délégations.": new}, fuzzy=True))
    result = run("approve", "--all", "--by", "Amina", cwd=workspace)
    saved = pofile.read(po).by_key()[(None, "Le Secrétaire général a reçu quatre délégations.")]
    assert result.code == 2
    assert f"translations/en/a.po:{saved.line}: this translation changed since it was read" \
        in result.err, result.err
    assert saved.msgstr == new and saved.fuzzy  # the save is kept, and not approved unseen
    assert "approved by" not in po.read_text()


def test_approving_a_line_of_a_missing_po_file_says_the_file_is_missing(workspace, run):
    needing_review(workspace, run)
    result = run("approve", "translations/en/nope.po:3", "--by", "Amina", cwd=workspace)
    assert result.code == 2
    assert "translations/en/nope.po: no such PO file" in result.err, result.err
    assert "needing review" not in result.err


@pytest.mark.parametrize("config, words", [
    ("[update\nsuggestion_threshold = 90\n", "l10n.toml:1: invalid TOML"),
    ("[update]\nsugestion_threshold = 90\n", "unknown setting [update] sugestion_threshold"),
    ("[update]\nsuggestion_threshold = 190\n",
     "l10n.toml:2: [update] suggestion_threshold must be a number from 0 to 100"),
    ("[build]\ncompleteness = 90\n", "unknown setting table [build]"),
    ('[languages]\nfr = ["de"]\n', '[languages] fr must be a list of languages among "ar", "en"'),
    ('[qa.severity]\nnumber = "error"\n', "unknown check 'number'"),
])
def test_bad_settings_are_clear_errors(workspace, run, config, words):
    (workspace / "l10n.toml").write_text(config)
    result = run("status", cwd=workspace)
    assert result.code == 2 and words in result.err, result.err


def test_an_unknown_language_is_a_usage_error_not_an_empty_pass(workspace, run):
    write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    for command in ("check", "status", "build", "approve", "pretranslate"):
        result = run(command, "--lang", "de", cwd=workspace)
        assert result.code == 2 and "unknown language 'de'" in result.err, command


def test_a_document_without_po_does_not_stop_the_others(workspace, run):
    write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    for lang in ("en", "ar"):
        translate_all(workspace / f"translations/{lang}/a.po", stand_in)
    write(workspace / "sources/fr/zz-new.txt", "Nouveau.\n")
    result = run("build", cwd=workspace)
    assert result.code == 1
    assert "build/en/a.txt: written" in result.out
    assert "build/en/zz-new.txt: refused: no PO file yet: run `l10n update`" in result.out
    assert "skipped translations/en/zz-new.po: no PO file yet" in \
        run("pretranslate", "--tm-only", cwd=workspace).out


def test_removing_a_target_language_never_prunes_its_translations(workspace, run):
    write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    translate_all(workspace / "translations/ar/a.po")
    (workspace / "l10n.toml").write_text('[languages]\nfr = ["en"]\n')
    result = run("update", "--prune", cwd=workspace)
    assert "ar is no longer a target language of its source" in result.out
    assert (workspace / "translations/ar/a.po").exists()


def test_pruning_one_document_is_refused_as_it_would_prune_them_all(workspace, run):
    write(workspace / "sources/fr/a.txt", DOC)
    write(workspace / "sources/fr/b.txt", DOC)
    run("update", cwd=workspace)
    (workspace / "sources/fr/b.txt").unlink()
    result = run("update", "--prune", "--doc", "a", cwd=workspace)
    assert result.code == 2 and "run it without --doc" in result.err
    assert (workspace / "translations/en/b.po").exists()


def test_files_of_no_document_format_are_listed_as_not_read(workspace, run):
    write(workspace / "sources/fr/a.txt", DOC)
    write(workspace / "sources/fr/img/logo.png", b"\x89PNG")
    write(workspace / "sources/fr/communique.pdf", b"%PDF-1.4")
    for command in ("update", "status"):
        result = run(command, cwd=workspace)
        assert result.code == 0
        assert "not read: sources/fr/img/logo.png (.png is not a format l10n reads: " \
            in result.out, command
        assert "not read: sources/fr/communique.pdf (.pdf" in result.out, command


def test_undoing_an_edit_brings_the_reviewed_translation_back(workspace, run):
    src, po = edited(workspace, run)
    run("update", cwd=workspace)
    src.write_text(DOC)
    run("update", cwd=workspace)
    entries = pofile.read(po).entries
    assert all(e.status().value == "reviewed" and e.msgstr == f"<{e.msgid}>" for e in entries)


def test_written_files_keep_the_usual_permissions(workspace, run):
    import os
    import stat
    write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    po = workspace / "translations/en/a.po"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(po.stat().st_mode) == 0o666 & ~umask
    po.chmod(0o640)
    translate_all(po)
    po.chmod(0o640)
    write(workspace / "sources/fr/a.txt", DOC + "\nEncore.\n")
    run("update", cwd=workspace)
    assert stat.S_IMODE(po.stat().st_mode) == 0o640


def test_a_folder_where_a_file_belongs_is_one_clear_line(tmp_path, run):
    (tmp_path / "sources").write_text("not a folder")
    result = run("init", tmp_path, cwd=tmp_path)
    assert result.code == 2 and result.err.startswith("l10n: error: ") and "Traceback" not in result.err


def test_many_documents_are_shared_between_processes_with_the_same_result(tmp_path):
    from l10n.commands.build import build
    from l10n.commands.init import init
    from l10n.workspace import Workspace
    folders = []
    for workers in (1, 2):
        root = tmp_path / f"w{workers}" / "office"  # the same project name in both
        init(root)
        for n in range(40):
            write(root / f"sources/fr/d{n:02}.txt", DOC.replace("quatre", f"{n}"))
        result = update(root, workers=workers)
        assert len(result.written) == 80
        for po in (root / "translations").rglob("*.po"):
            translate_all(po)
        built = build(Workspace.open(root), workers=workers)
        assert [b.outcome for b in built] == ["written"] * 80
        folders.append(root)
    for path in (folders[0] / "translations").rglob("*.po"):
        twin = folders[1] / path.relative_to(folders[0])
        assert twin.read_bytes() == path.read_bytes()
    for path in (folders[0] / "build").rglob("*.txt"):
        assert (folders[1] / path.relative_to(folders[0])).read_bytes() == path.read_bytes()


def test_an_error_in_a_worker_process_names_the_file(tmp_path):
    from l10n.commands.init import init
    from l10n.errors import L10nError
    init(tmp_path)
    for n in range(40):
        write(tmp_path / f"sources/fr/d{n:02}.txt", DOC)
    write(tmp_path / "sources/fr/d17.txt", b"Bonjour \xe9t\xe9.\n")
    with pytest.raises(L10nError) as error:
        update(tmp_path, workers=2)
    assert "d17.txt:1: not valid UTF-8 (byte 0xe9 at offset 8)" in str(error.value)
