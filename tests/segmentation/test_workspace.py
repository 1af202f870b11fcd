"""Segmentation in a workspace: l10n.toml, an SRX file, what a rule change does to
translations (nothing is lost: changed units become fuzzy suggestions or obsolete), and the
editions built from the units."""

from __future__ import annotations

import json

from support import translate_all, write

from l10n.catalog import pofile

SOURCE = "Le ministre a reçu l'Insp. Dupont au siège de la Coalition. La visite a duré une heure.\n"
SPLIT = ["Le ministre a reçu l'Insp.", "Dupont au siège de la Coalition.",
         "La visite a duré une heure."]
JOINED = ["Le ministre a reçu l'Insp. Dupont au siège de la Coalition.",
          "La visite a duré une heure."]

SRX = """<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header cascade="no"/>
<body><languagerules><languagerule languagerulename="Default">
{exception}<rule break="yes"><beforebreak>[.?!]</beforebreak><afterbreak>\\s+\\p{{Lu}}</afterbreak></rule>
</languagerule></languagerules>
<maprules><languagemap languagepattern=".*" languagerulename="Default"/></maprules>
</body></srx>
"""
INSP = '<rule break="no"><beforebreak>\\bInsp\\.</beforebreak><afterbreak></afterbreak></rule>\n'


def configure(workspace, segmentation: str) -> None:
    write(workspace / "l10n.toml", f'[languages]\nfr = ["en"]\n\n[segmentation]\n{segmentation}\n')


def assert_rule_change_keeps_translations(po) -> None:
    catalog = pofile.read(po)
    assert [e.msgid for e in catalog.entries] == JOINED
    merged, unchanged = catalog.entries
    assert merged.fuzzy and merged.msgstr == "<Dupont au siège de la Coalition.>"
    assert merged.previous_msgid == "Dupont au siège de la Coalition."
    assert not unchanged.fuzzy and unchanged.msgstr == "<La visite a duré une heure.>"
    # both old halves stay obsolete, the one that lent its translation included, so that
    # undoing the rule change brings both back reviewed
    assert [(e.msgid, e.msgstr) for e in catalog.obsolete] == [
        ("Le ministre a reçu l'Insp.", "<Le ministre a reçu l'Insp.>"),
        ("Dupont au siège de la Coalition.", "<Dupont au siège de la Coalition.>")]


def test_a_new_abbreviation_in_l10n_toml_turns_cut_units_into_suggestions(workspace, run):
    configure(workspace, "abbreviations = { fr = [] }")
    write(workspace / "sources/fr/a.txt", SOURCE)
    assert run("update", cwd=workspace).code == 0
    po = workspace / "translations/en/a.po"
    assert [e.msgid for e in pofile.read(po).entries] == SPLIT
    translate_all(po)
    configure(workspace, 'abbreviations = { fr = ["Insp"] }')
    assert run("update", cwd=workspace).code == 0
    assert_rule_change_keeps_translations(po)


def test_editing_the_srx_file_alone_resegments_on_the_next_update(workspace, run):
    configure(workspace, 'srx = "rules/segment.srx"')
    rules = write(workspace / "rules/segment.srx", SRX.format(exception=""))
    write(workspace / "sources/fr/a.txt", SOURCE)
    assert run("update", cwd=workspace).code == 0
    po = workspace / "translations/en/a.po"
    assert [e.msgid for e in pofile.read(po).entries] == SPLIT
    translate_all(po)
    assert "0 PO file(s) written" in run("update", cwd=workspace).out  # state recorded
    rules.write_text(SRX.format(exception=INSP), encoding="utf-8")  # l10n.toml untouched
    result = run("update", cwd=workspace)
    assert result.code == 0 and "1 PO file(s) written" in result.out
    assert_rule_change_keeps_translations(po)
    segmented = run("segment", "sources/fr/a.txt", "--lang", "fr", "--json", cwd=workspace)
    assert [json.loads(line)["text"] for line in segmented.out.splitlines()] == JOINED


def test_rules_that_do_not_compile_are_reported_by_update_and_segment(workspace, run):
    configure(workspace, 'srx = "segment.srx"')
    bad = '<rule break="no"><beforebreak>[unclosed</beforebreak><afterbreak></afterbreak></rule>\n'
    write(workspace / "segment.srx", SRX.format(exception=bad))
    write(workspace / "sources/fr/a.txt", SOURCE)
    for args in (["update"], ["segment", "sources/fr/a.txt", "--lang", "fr"]):
        result = run(*args, cwd=workspace)
        assert result.code == 0
        assert "l10n: warning: segment.srx: languagerule 'Default', rule 1" in result.err.replace(
            str(workspace) + "/", "")
        assert "'[unclosed'" in result.err


def test_bad_segmentation_settings_are_clear_errors(workspace, run):
    write(workspace / "sources/fr/a.txt", SOURCE)
    configure(workspace, 'no_break = { fr = ["(unclosed"] }')
    result = run("update", cwd=workspace)
    assert result.code == 2 and "l10n.toml:5: [segmentation] no_break fr: '(unclosed'" in result.err
    configure(workspace, 'no_break = { de = ["x"] }')
    assert "must map fr/ar/en to lists" in run("update", cwd=workspace).err
    configure(workspace, "srx = 3")
    assert "[segmentation] srx must be the path" in run("update", cwd=workspace).err
    configure(workspace, 'srx = "missing.srx"')
    result = run("update", cwd=workspace)
    assert result.code == 2 and "missing.srx: cannot read the SRX file" in result.err
    assert "Traceback" not in result.err


QUOTED = ("Le ministre a salué la délégation. "
          "Il a conclu\u00a0: «\u00a0Nous saluons ce rôle.\u00a0»\n\n"
          "« Le travail continue. » Fin de la visite.\n")
QUOTED_UNITS = ["Le ministre a salué la délégation.",
                "Il a conclu\u00a0: «\u00a0Nous saluons ce rôle.\u00a0»",
                "« Le travail continue. »", "Fin de la visite."]
EDITIONS = {
    "en": ["The minister welcomed the delegation.", "He concluded: “We commend this role.”",
           "“The work goes on.”", "End of the visit."],
    "ar": ["رحب الوزير بالوفد.", "واختتم قائلاً: «نثمن هذا الدور.»", "«العمل مستمر.»",
           "انتهت الزيارة."],
}


def test_closing_quotes_are_translated_with_their_sentence_and_never_doubled(workspace, run):
    write(workspace / "l10n.toml", '[languages]\nfr = ["en", "ar"]\n')
    write(workspace / "sources/fr/a.txt", QUOTED)
    assert run("update", cwd=workspace).code == 0
    for lang, sentences in EDITIONS.items():
        po = workspace / f"translations/{lang}/a.po"
        catalog = pofile.read(po)
        assert [e.msgid for e in catalog.entries] == QUOTED_UNITS
        for entry, sentence in zip(catalog.entries, sentences):
            entry.msgstr, entry.fuzzy = sentence, False
        po.write_bytes(pofile.serialize(catalog))
    assert run("build", cwd=workspace).code == 0
    en, ar = EDITIONS["en"], EDITIONS["ar"]
    assert (workspace / "build/en/a.txt").read_text(encoding="utf-8") == \
        f"{en[0]} {en[1]}\n\n{en[2]} {en[3]}\n"
    assert (workspace / "build/ar/a.txt").read_text(encoding="utf-8") == \
        f"{ar[0]} {ar[1]}\n\n{ar[2]} {ar[3]}\n"
