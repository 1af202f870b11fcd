"""`l10n pretranslate` and `l10n tm`: what a translator sees in the PO files and on screen."""

from __future__ import annotations

import json

import pytest
from support import msgcat_no_wrap, msgfmt_check, require_corpora, review, write

from l10n.catalog import pofile
from l10n.catalog.model import Status

REVIEWED = {
    "Le ministre a reçu la délégation le 11 octobre 2021.":
        ("The minister received the delegation on 11 October 2021.",
         "استقبل الوزير الوفد في 11 أكتوبر 2021."),
    "Il a salué le rôle de la Malaisie dans la lutte contre le terrorisme.":
        ("He praised Malaysia's role in the fight against terrorism.",
         "وأشاد بدور ماليزيا في مكافحة الإرهاب."),
    "Merci.": ("Thank you.", "شكرا."),
}
NEW = ("Le ministre a reçu la délégation le 11 octobre 2021. "
       "Le ministre a reçu la délégation le 14 novembre 2021. "
       "Il a salué le rôle important de la Malaisie dans la lutte contre le terrorisme. "
       "Merci ! Une phrase sans aucun rapport.\n")


def reviewed_workspace(workspace, run):
    write(workspace / "sources/fr/old.txt", " ".join(REVIEWED) + "\n")
    write(workspace / "sources/fr/new.txt", NEW)
    assert run("update", cwd=workspace).code == 0
    for index, lang in enumerate(("en", "ar")):
        review(workspace / f"translations/{lang}/old.po",
               {msgid: texts[index] for msgid, texts in REVIEWED.items()})
    return workspace / "translations/en/new.po"


def test_pretranslate_fills_from_memory_as_fuzzy_with_provenance(workspace, run):
    po = reviewed_workspace(workspace, run)
    catalog = pofile.read(po)
    catalog.entries[4].msgstr = "Unrelated, by a translator."  # started work, not approved
    catalog.entries[4].fuzzy = True
    po.write_bytes(pofile.serialize(catalog))
    result = run("pretranslate", cwd=workspace)
    assert result.code == 0, result.err
    assert "filled translations/en/new.po: 4 memory" in result.out
    assert "no model for fr→ar: 1 unit(s) left" in result.out  # en: all filled or started
    entries = pofile.read(po).entries
    assert [e.msgstr for e in entries] == [
        "The minister received the delegation on 11 October 2021.",
        "The minister received the delegation on 14 November 2021.",
        "He praised Malaysia's role in the fight against terrorism.",
        "Thank you.",
        "Unrelated, by a translator."]
    assert all(e.status() is Status.NEEDS_REVIEW for e in entries)
    notes = [e.provenance.detail for e in entries[:4]]
    assert notes[0] == "exact 100 from old [en]"
    assert notes[1] == "repaired 95 from old [en] (11 → 14, octobre → novembre)"
    assert notes[2].startswith("fuzzy ") and notes[2].endswith(" from old [en]")
    assert 75 <= int(notes[2].split()[1]) <= 94
    assert notes[3] == "near 97 from old [en]"
    assert msgcat_no_wrap(po) == po.read_bytes()
    msgfmt_check(po)
    ar = pofile.read(workspace / "translations/ar/new.po").entries
    assert ar[1].msgstr == "استقبل الوزير الوفد في 14 نوفمبر 2021."


def test_only_approve_exact_accepts_memory_matches_in_bulk(workspace, run):
    po = reviewed_workspace(workspace, run)
    run("pretranslate", "--lang", "en", cwd=workspace)
    assert pofile.read(workspace / "translations/ar/new.po").entries[0].msgstr == ""
    result = run("approve", "--origin", "memory", "--exact", "--by", "ana", cwd=workspace)
    assert "approved 1 entry in" in result.out
    statuses = [e.status() for e in pofile.read(po).entries]
    assert statuses[0] is Status.REVIEWED and statuses.count(Status.REVIEWED) == 1


def test_pretranslate_never_touches_a_translation_and_tm_only_says_nothing_of_mt(workspace, run):
    po = reviewed_workspace(workspace, run)
    run("pretranslate", "--doc", "new", cwd=workspace)
    before = po.read_bytes()
    again = run("pretranslate", "--tm-only", "--doc", "new", cwd=workspace)
    assert again.code == 0 and po.read_bytes() == before
    assert "nothing filled" in again.out and "machine translation" not in again.out


def test_memory_sees_the_translator_approving_in_poedit(workspace, run):
    reviewed_workspace(workspace, run)
    write(workspace / "sources/fr/third.txt", "Une phrase sans aucun rapport.\n")
    run("update", cwd=workspace)
    run("pretranslate", "--doc", "third", cwd=workspace)
    assert pofile.read(workspace / "translations/en/third.po").entries[0].msgstr == ""
    po = workspace / "translations/en/new.po"
    catalog = pofile.read(po)
    catalog.entries[4].msgstr = "A sentence with no link at all."  # approved in Poedit
    po.write_bytes(pofile.serialize(catalog))
    run("pretranslate", "--doc", "third", cwd=workspace)
    entry = pofile.read(workspace / "translations/en/third.po").entries[0]
    assert (entry.msgstr, entry.provenance.detail) == ("A sentence with no link at all.",
                                                       "exact 100 from new [en]")


def test_tm_lookup_text_json_and_exit_codes(workspace, run):
    reviewed_workspace(workspace, run)
    result = run("tm", "lookup", "Merci !", "--from", "fr", "--to", "en", cwd=workspace)
    assert result.code == 0
    assert result.out.splitlines() == ["near 97 from old [en]", "  fr: Merci.", "  en: Thank you."]
    data = json.loads(run("tm", "lookup", "The minister received the delegation on 1 October 2021.",
                          "--from", "en", "--to", "ar", "--json", cwd=workspace).out)
    match = data["matches"][0]
    assert match["kind"] == "repaired" and match["origin"] == "old [en+ar]"
    assert match["translation"] == "استقبل الوزير الوفد في 1 أكتوبر 2021."
    assert match["changes"] == ["11 → 1"]
    none = run("tm", "lookup", "Rien à voir avec tout cela.", "--from", "fr", "--to", "en",
               cwd=workspace)
    assert none.code == 1 and "no match at or above 75" in none.out
    bad = run("tm", "lookup", "x", "--from", "de", "--to", "en", cwd=workspace)
    assert bad.code == 2 and bad.err.count("\n") == 1 and "unknown language 'de'" in bad.err


def test_threshold_setting_applies(workspace, run):
    reviewed_workspace(workspace, run)
    config = workspace / "l10n.toml"
    config.write_text(config.read_text().replace("threshold = 75", "threshold = 98"))
    result = run("tm", "lookup", "Merci !", "--from", "fr", "--to", "en", cwd=workspace)
    assert result.code == 1 and "no match at or above 98" in result.out
    config.write_text(config.read_text().replace("threshold = 98", "threshold = 101"))
    assert "[memory] threshold must be a number from 0 to 100" in \
        run("tm", "lookup", "x", "--from", "fr", "--to", "en", cwd=workspace).err


def test_tm_import_okapi_sample_and_look_it_up(workspace, run):
    sample = require_corpora() / "tmx/okapi/mytm_omegat_EN-US_FR-FR.tmx"
    result = run("tm", "import", sample, cwd=workspace)
    assert result.code == 0, result.err
    assert result.out == "imported tm/mytm_omegat_EN-US_FR-FR.tmx: 25 units; pairs en↔fr 25\n"
    assert (workspace / "tm/mytm_omegat_EN-US_FR-FR.tmx").read_bytes() == sample.read_bytes()
    found = run("tm", "lookup", "Elephants cannot fly.", "--from", "en", "--to", "fr",
                "--limit", "1", cwd=workspace)
    assert found.out.splitlines()[:3] == ["exact 100 from tm/mytm_omegat_EN-US_FR-FR.tmx",
                                          "  en: Elephants cannot fly.",
                                          "  fr: Les éléphants ne peuvent pas voler."]
    assert run("tm", "lookup", "Otters can swim.", "--from", "en", "--to", "fr",
               cwd=workspace).code == 1


def test_tm_import_refuses_entities_and_copies_nothing(workspace, run, tmp_path):
    evil = write(tmp_path / "evil.tmx", '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x '
                 'SYSTEM "file:///etc/passwd">]>\n<tmx><body/></tmx>')
    result = run("tm", "import", evil, cwd=workspace)
    assert result.code == 2 and "DOCTYPE declares entities" in result.err
    assert not (workspace / "tm").exists()


def test_tm_export_writes_one_direction(workspace, run, tmp_path):
    reviewed_workspace(workspace, run)
    out = tmp_path / "ar-fr.tmx"
    result = run("tm", "export", out, "--from", "ar", "--to", "fr", cwd=workspace)
    assert result.out == f"exported 3 pairs ar→fr to {out}\n"
    assert out.read_text().count("<tu>") == 3 and 'srclang="ar"' in out.read_text()


def test_tm_import_takes_every_sample_file_and_the_memory_reads_them(workspace, run):
    folder = require_corpora() / "tmx"
    files = sorted(folder.rglob("*.tmx"))
    result = run("tm", "import", *files, cwd=workspace)
    assert result.code == 0, result.err
    assert len(list((workspace / "tm").glob("*.tmx"))) == len(files) == 33
    assert "imported tm/ImportTest1G.tmx: 3 units; pairs none between fr, ar and en" in result.out
    assert "imported tm/ImportTest2B.tmx: 7 units; pairs en↔fr 7" in result.out
    found = run("tm", "lookup", "Du text avec une portion délimitée.", "--from", "fr", "--to",
                "en", "--json", cwd=workspace)
    match = json.loads(found.out)["matches"][0]
    assert (match["kind"], match["translation"]) == ("exact", "Some text with a part highlighted.")


@pytest.mark.parametrize("args", [
    ("tm", "export", "{out}", "--from", "fr", "--to", "en"),
    ("glossary", "export", "{out}"),
    ("report", "--output", "{out}"),
    ("translate", "--from", "fr", "--to", "en", "Bonjour.", "--output", "{out}"),
])
def test_a_file_named_in_a_folder_that_does_not_exist_is_refused_not_created(
        workspace, run, tmp_path_factory, args):
    """Outside the workspace, that is: in it, l10n makes its folders (`-o tm/a.tmx`)."""
    out = tmp_path_factory.mktemp("elsewhere") / "typo" / "out.file"
    result = run(*(a.format(out=out) for a in args), cwd=workspace)
    assert result.code == 2
    assert f"the folder {out.parent} does not exist" in result.err
    assert not out.parent.exists()
