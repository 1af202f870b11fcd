"""Machine pre-translation in a workspace, and one-shot drafts, through the CLI."""

from __future__ import annotations

import shutil

import pytest
from support import NOW, review, write

from l10n import cli
from l10n.catalog import pofile
from l10n.catalog.model import Provenance, Status, text_hash
from l10n.reports import progress

DOC = "Bonjour.\n\nLe ministre a reçu 12 délégations. Merci.\n"


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    monkeypatch.setattr(cli, "_now", lambda: NOW)


def entries(po):
    return {e.msgid: e for e in pofile.read(po).entries}


def test_pretranslate_fills_every_target_as_fuzzy_with_engine_route_and_date(
        workspace, run, models_env):
    write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    result = run("pretranslate", cwd=workspace)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "filled translations/en/a.po: 3 machine",
        "filled translations/ar/a.po: 3 machine",
        "machine translation: 6 sentence(s) decoded, 3 from the cache",  # fr→en once
        "6 entries pre-translated in 2 PO file(s)",
        "6 proposals to review in Poedit (needs work)",
    ]
    en = entries(workspace / "translations/en/a.po")
    assert en["Le ministre a reçu 12 délégations."].msgstr == \
        "[en] Le ministre a reçu 12 délégations."
    assert en["Bonjour."].provenance == Provenance(
        "machine", "argos translate-fr_en 0.0.1; fr→en; 2026-11-29",
        proposed=text_hash("[en] Bonjour."))
    ar = entries(workspace / "translations/ar/a.po")
    assert ar["Merci."].msgstr == "[ar] [en] Merci."
    assert ar["Merci."].provenance.detail == \
        "argos translate-fr_en 0.0.1, translate-en_ar 0.0.1; fr→en→ar; 2026-11-29"
    assert all(e.status() is Status.NEEDS_REVIEW for e in [*en.values(), *ar.values()])
    text = (workspace / "translations/ar/a.po").read_text()
    assert '#. l10n: machine; proposed ' in text and "\n#, fuzzy\n" in text


def test_human_translations_are_never_touched(workspace, run, models_env):
    write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    po = workspace / "translations/en/a.po"
    review(po, {"Bonjour.": "Good morning."})
    catalog = pofile.read(po)
    catalog.entries[2].msgstr = "Thanks, (draft)"  # work in progress, still needs work
    catalog.entries[2].fuzzy = True
    po.write_bytes(pofile.serialize(catalog))
    before = po.read_text()
    assert run("pretranslate", "--lang", "en", cwd=workspace).code == 0
    after = entries(po)
    assert (after["Bonjour."].msgstr, after["Bonjour."].status()) == \
        ("Good morning.", Status.REVIEWED)
    assert after["Merci."].msgstr == "Thanks, (draft)" and after["Merci."].provenance is None
    assert after["Le ministre a reçu 12 délégations."].origin() == "machine"
    assert before.count("msgstr") == po.read_text().count("msgstr")
    assert run("pretranslate", cwd=workspace).out.splitlines()[0] == \
        "filled translations/ar/a.po: 3 machine"  # en has nothing left to fill


def test_the_pivot_to_arabic_starts_from_reviewed_english(workspace, run, models_env):
    write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    review(workspace / "translations/en/a.po", {"Bonjour.": "Hello there."})
    run("pretranslate", "--lang", "ar", cwd=workspace)
    ar = entries(workspace / "translations/ar/a.po")
    assert ar["Bonjour."].msgstr == "[ar] Hello there."
    assert ar["Bonjour."].provenance.detail == \
        "reviewed en + argos translate-en_ar 0.0.1; fr→en→ar; 2026-11-29"
    assert ar["Merci."].msgstr == "[ar] [en] Merci."


def test_cached_sentences_are_not_translated_again(workspace, run, models_env):
    write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    assert "machine translation: 6 sentence(s) decoded" in \
        run("pretranslate", "--lang", "ar", cwd=workspace).out  # 3 sentences, 2 legs
    write(workspace / "sources/fr/b.txt", "Merci.\n\nUne phrase nouvelle.\n")
    run("update", cwd=workspace)
    out = run("pretranslate", "--lang", "ar", "--doc", "b", cwd=workspace).out
    assert "machine translation: 2 sentence(s) decoded, 2 from the cache" in out
    po = workspace / "translations/ar/a.po"
    catalog = pofile.read(po)
    for entry in catalog.entries:  # a translator clears the proposals
        entry.msgstr, entry.fuzzy, entry.notes = "", False, []
    po.write_bytes(pofile.serialize(catalog))
    out = run("pretranslate", "--lang", "ar", "--doc", "a", cwd=workspace).out
    assert "machine translation: 0 sentence(s) decoded, 6 from the cache" in out
    assert entries(po)["Merci."].msgstr == "[ar] [en] Merci."


def test_degenerate_output_is_offered_with_a_check_in_its_note(workspace, run, random_archive,
                                                               monkeypatch, tmp_path):
    folder = tmp_path / "models"
    monkeypatch.setenv("L10N_MODELS_DIR", str(folder))
    run("models", "install", random_archive, cwd=workspace)
    write(workspace / "sources/fr/a.txt", "Le ministre a reçu 12 délégations.\n")
    run("update", cwd=workspace)
    result = run("pretranslate", "--lang", "en", cwd=workspace)
    assert "1 proposal(s) flagged for checking" in result.out
    [entry] = pofile.read(workspace / "translations/en/a.po").entries
    assert entry.msgstr and entry.fuzzy
    assert "; check: " in entry.provenance.detail


def test_pairs_without_a_model_are_left_and_reported(workspace, run, models_dir, tmp_path,
                                                     monkeypatch):
    folder = tmp_path / "models"
    shutil.copytree(models_dir / "translate-fr_en-0_0_1", folder / "translate-fr_en-0_0_1")
    monkeypatch.setenv("L10N_MODELS_DIR", str(folder))
    write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    ar_before = (workspace / "translations/ar/a.po").read_bytes()
    result = run("pretranslate", cwd=workspace)
    assert result.code == 0
    assert "  no model for fr→ar: 3 unit(s) left (`l10n models install --from-index fr ar`)" \
        in result.out
    assert (workspace / "translations/ar/a.po").read_bytes() == ar_before


def test_progress_in_a_log_counts_units(workspace, run, models_env, monkeypatch):
    ticks = iter(range(0, 10_000, 11))  # a clock 11 s further at every look
    monkeypatch.setattr(progress.time, "monotonic", lambda: next(ticks))
    write(workspace / "sources/fr/a.txt", DOC)
    write(workspace / "sources/fr/b.txt", "Un. Deux. Trois. Quatre. Cinq.\n")
    run("update", cwd=workspace)
    err = run("pretranslate", "--lang", "en", cwd=workspace).err
    assert err.splitlines() == ["pretranslate: 8/8 units"]  # see tests/cli/test_progress.py


def test_translate_prints_a_draft_with_the_layout_kept(workspace, run, models_env):
    result = run("translate", "--from", "fr", "--to", "ar",
                 "  Bonjour.  Le ministre a reçu 12 délégations.\n\nMerci.", cwd=workspace)
    assert result.code == 0, result.err
    assert result.out == ("  [ar] [en] Bonjour.  [ar] [en] Le ministre a reçu 12 délégations."
                          "\n\n[ar] [en] Merci.\n")


def test_translate_a_file_into_an_output_file(workspace, run, models_env, tmp_path):
    source = write(tmp_path / "communique.txt", "Titre\n\n- Un point : 3,5 %.\n- Deux.\n")
    result = run("translate", "--from", "fr", "--to", "en", "--file", source,
                 "--output", tmp_path / "out.txt", cwd=workspace)
    assert result.code == 0, result.err
    assert result.out == f"wrote {tmp_path / 'out.txt'} (3 units)\n"
    assert (tmp_path / "out.txt").read_text() == \
        "[en] Titre\n\n- [en] Un point : 3,5 %.\n- [en] Deux.\n"


def test_translate_a_word_document_into_a_word_document(workspace, run, models_env, tmp_path):
    import io

    import docx
    from office_kit import body
    from office_kit import docx as word
    source = write(tmp_path / "communique.docx", word(body(
        "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Un point.</w:t></w:r></w:p>")))
    printed = run("translate", "--from", "fr", "--to", "en", "--file", source, cwd=workspace)
    assert printed.code == 2 and "a .docx document cannot be printed" in printed.err
    result = run("translate", "--from", "fr", "--to", "en", "--file", source,
                 "--output", tmp_path / "out.docx", cwd=workspace)
    assert result.code == 0, result.err
    paragraph = docx.Document(io.BytesIO((tmp_path / "out.docx").read_bytes())).paragraphs[0]
    assert [(r.text, r.bold) for r in paragraph.runs] == [("[en] Un point.", True)]


def test_translate_refuses_what_it_cannot_do(run, workspace, models_dir, monkeypatch, tmp_path):
    assert run("translate", "--from", "de", "--to", "en", "Hallo.", cwd=workspace).code == 2
    assert run("translate", "--from", "fr", "--to", "en", cwd=workspace).code == 2
    monkeypatch.setenv("L10N_MODELS_DIR", str(tmp_path / "empty"))
    result = run("translate", "--from", "fr", "--to", "ar", "Bonjour.", cwd=workspace)
    assert result.code == 2
    assert result.err == ("l10n: error: no model installed for fr→ar (install translate-fr_ar,"
                          " or translate-fr_en and translate-en_ar with `l10n models "
                          "install`)\n")


def test_a_corrupt_cache_is_started_afresh_an_unusable_one_is_a_clear_error(
        workspace, run, models_env):
    write(workspace / "sources/fr/a.txt", DOC)
    run("update", cwd=workspace)
    cache = write(workspace / ".l10n/mt-cache.sqlite3", b"not a database, some other file" * 100)
    result = run("pretranslate", "--lang", "en", cwd=workspace)
    assert result.code == 0, result.err
    assert "machine translation: 3 sentence(s) decoded, 0 from the cache" in result.out
    assert cache.read_bytes().startswith(b"SQLite format 3")
    cache.unlink()
    cache.mkdir()  # not a file at all: deleting it is not the tool's call
    result = run("pretranslate", "--lang", "ar", cwd=workspace)
    assert result.code == 2
    assert result.err == (f"l10n: error: {cache.relative_to(workspace)}: the translation cache is unusable: unable "
                          "to open database file (delete it; it only saves time)\n")
