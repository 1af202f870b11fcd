"""QA checks: each catches a real problem (true positive) and accepts a correct
translation written differently (no false positive)."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.glossary import Glossary
from l10n.quality import checks as qa

GLOSSARY = Glossary.parse(
    "fr,en,ar,note,dnt\n"
    "CIMCT,IMCTC,التحالف الإسلامي العسكري لمحاربة الإرهاب,,\n"
    "État de Malaisie,State of Malaysia,دولة ماليزيا,,\n"
    "Al-Moghidi,Al-Moghedi,المغيدي,,\n"
    "NATO,NATO,,,yes\n", Path("glossary.csv"))


def findings(source, target, src="fr", tgt="en", digits="western"):
    ctx = qa.Context(src, tgt, GLOSSARY, digits)
    return {(f.check, f.message) for f in qa.run(source, target, ctx, {})}


def checks(source, target, src="fr", tgt="en", **kw):
    return {check for check, _ in findings(source, target, src, tgt, **kw)}


@pytest.mark.parametrize("source, target, src, tgt", [
    ("Plus de 1 000,5 tonnes.", "More than 1,000.5 tonnes.", "fr", "en"),
    ("Plus de 1\u202f000,5 tonnes.", "More than 1,000.5 tonnes.", "fr", "en"),
    ("Plus de 1\u00a0000 personnes.", "أكثر من ١٬٠٠٠ شخص.", "fr", "ar"),
    ("Le taux est de 3,5 %.", "The rate is 3.5%.", "fr", "en"),
    ("The rate is 3.5%.", "النسبة ٣٫٥٪.", "en", "ar"),
    ("Riyad, le 11/10/2021.", "Riyadh, 11 October 2021.", "fr", "en"),
    ("Riyad, le 11.10.2021.", "Riyadh, October 11, 2021.", "fr", "en"),
    ("Le 11 octobre 2021.", "في 11 أكتوبر 2021.", "fr", "ar"),
    ("Il y a 2 024 participants.", "There are 2,024 participants.", "fr", "en"),
])
def test_numbers_in_another_notation_are_accepted(source, target, src, tgt):
    assert "numbers" not in checks(source, target, src, tgt, digits="any")


@pytest.mark.parametrize("source, target", [
    ("Plus de 1 000 personnes.", "More than 1,001 people."),
    ("Le 11/10/2021.", "On 11/10/2022."),
    ("Le taux est de 3,5 %.", "The rate is 35%."),
    ("Quatre domaines.", "4 domains and 12 more."),
    ("En 2021, 40 pays.", "In 2021, 4 countries."),
])
def test_a_real_number_mismatch_is_caught(source, target):
    assert "numbers" in checks(source, target)


def test_placeholders_printf_and_brace():
    assert "placeholders" not in checks("Bonjour %s, %(name)s, {0} et {nom}.",
                                        "Hello {nom}, {0}, %(name)s and %s.")
    assert ("placeholders", "placeholder %(name)s is missing") in \
        findings("Bonjour %(name)s.", "Hello %(nom)s.")
    assert "placeholders" in checks("Il reste {count}.", "{count} left {count}.")
    assert "placeholders" not in checks("100 % des pays.", "100% of countries.")


def test_markup_placeholders_same_set_and_well_formed():
    source = "Le programme de <1>cinq jours</1> réunit <2/> des spécialistes."
    assert "placeholders" not in checks(source, "The <1>five-day</1> programme brings <2/> specialists together.")
    assert ("placeholders", "markup placeholder <2/> is missing") in \
        findings(source, "The <1>five-day</1> programme brings specialists together.")
    assert "placeholders" in checks(source, "The <1>five-day programme brings <2/> specialists.")
    assert "placeholders" in checks(source, "The <1>five-day</1> <3/> programme <2/>.")


def test_urls_and_emails_are_kept():
    source = "Voir https://www.imctc.org/fr/news. Écrire à presse@imctc.org."
    assert "links" not in checks(source, "See https://www.imctc.org/fr/news. Write to presse@imctc.org.")
    assert checks(source, "See https://www.imctc.org/en/news. Write to press@imctc.org.") >= {"links"}


def test_final_punctuation_maps_between_scripts():
    assert "punctuation" not in checks("Pourquoi ?", "لماذا؟", tgt="ar")
    assert "punctuation" not in checks("Why?", "Pourquoi\u202f?", src="en", tgt="fr")
    assert "punctuation" not in checks("Le ministre est venu.", "The minister came.")
    assert "punctuation" in checks("Pourquoi ?", "لماذا.", tgt="ar")
    assert ("punctuation", "Latin ? in Arabic text: use ؟") in findings("Pourquoi ?", "لماذا?", tgt="ar")
    assert "punctuation" in checks("Why?", "Pourquoi?", src="en", tgt="fr")
    assert "punctuation" in checks("Pourquoi ?", "Why ?")
    assert "punctuation" not in checks("Voir https://x.org", "Voir https://x.org", src="en", tgt="fr")


def test_glossary_sees_through_elision_and_arabic_prefixes():
    assert "glossary" not in checks("La CIMCT et l'État de Malaisie.", "IMCTC and the State of Malaysia.")
    assert "glossary" not in checks("La CIMCT salue l'État de Malaisie.",
                                    "يشيد التحالف الإسلامي العسكري لمحاربة الإرهاب بدولة ماليزيا.", tgt="ar")
    assert "glossary" not in checks("Le rôle de la CIMCT.", "دور للتحالف الإسلامي العسكري لمحاربة الإرهاب.", tgt="ar")
    assert ("glossary", "glossary: «Al-Moghidi» is «Al-Moghedi» in en") in \
        findings("Le Major-Général Al-Moghidi a dit.", "Maj. Gen. Al-Moghidi said.")
    assert ("glossary", "«NATO» is not to be translated") in findings("L'NATO.", "L'OTAN.", tgt="fr")


def test_glossary_ignores_arabic_diacritics_and_case():
    assert "glossary" not in checks("La cimct.", "The imctc.")
    assert "glossary" not in checks("L'État de Malaisie.", "دَوْلَةُ ماليزيا.", tgt="ar")


def test_identical_and_empty_looking_translations():
    assert "content" in checks("Le ministre est arrivé.", "Le ministre est arrivé.")
    assert "content" not in checks("CIMCT – IMCTC", "CIMCT – IMCTC")
    assert "content" not in checks("Riyad – 11/10/2021", "Riyad – 11/10/2021")
    assert "content" in checks("Le ministre est arrivé.", " … ")


def test_spacing_doubled_words_and_edges():
    assert ("spacing", "doubled word “The”") in findings("Le ministre.", "The the minister.")
    assert "spacing" not in checks("« Nous nous engageons », a-t-il dit.", "“Nous nous engageons”, he said.")
    assert ("spacing", "doubled space") in findings("Le ministre.", "The  minister.")
    assert "spacing" in checks("Le ministre.", "The minister. ")


def test_direction_marks_do_not_belong_in_po():
    assert "bidi" in checks("Le site imctc.org.", "الموقع \u200fimctc.org.", tgt="ar")
    assert "bidi" in checks("Le site.", "الموقع\u2067 x\u2069.", tgt="ar")
    assert "bidi" not in checks("Le site.", "الموقع.", tgt="ar")


def test_length_ratio_outliers():
    source = "Le ministre a reçu une délégation de haut niveau au siège de la coalition."
    assert "length" in checks(source, "Minister.")
    assert "length" in checks(source, source.upper() * 3)
    assert "length" not in checks(source, "The minister received a high-level delegation at the coalition's headquarters.")


def test_arabic_digit_style_follows_the_setting():
    assert "arabic-digits" in checks("En 2021.", "في ٢٠٢١.", tgt="ar")
    assert "arabic-digits" not in checks("En 2021.", "في 2021.", tgt="ar")
    assert "arabic-digits" in checks("En 2021.", "في 2021.", tgt="ar", digits="arabic-indic")
    assert "arabic-digits" not in checks("En 2021.", "في ٢٠٢١.", tgt="ar", digits="any")


def test_severity_off_skips_a_check_and_warning_downgrades_it():
    ctx = qa.Context("fr", "en", GLOSSARY)
    assert qa.run("En 2021.", "In 2022.", ctx, {"numbers": "off"}) == []
    [finding] = qa.run("En 2021.", "In 2022 and 2023.", ctx, {"numbers": "warning"})[:1]
    assert finding.severity == "warning" and finding.check == "numbers"


def test_month_words_count_only_next_to_a_day_or_year():
    assert "numbers" not in checks("Le premier vice-ministre.", "النائب الأول للوزير.", tgt="ar")
    assert "numbers" not in checks("Il pourra venir.", "He may come.")
    assert "numbers" not in checks("Il a pratiqué le sport.", "مارس الرياضة.", tgt="ar")
    assert "numbers" not in checks("Le 3 janvier 2022.", "في 3 جانفي 2022.", tgt="ar")
    assert "numbers" in checks("Le 3 janvier 2022.", "On 3 February 2022.")


def test_placeholder_numbers_are_not_figures():
    source = "Le programme de <1>cinq jours</1> réunit <2/> des spécialistes."
    target = "يجمع البرنامج <2/> الممتد <1>خمسة أيام</1> متخصصين."
    assert "numbers" not in checks(source, target, tgt="ar")
    assert "arabic-digits" not in checks(source, target, tgt="ar", digits="arabic-indic")


@pytest.mark.parametrize("source, target, src, tgt, name", [
    # Poedit reads a typed \r as an escape and stores a carriage return
    ("Les rapports sont dans C:/rapports.", "The reports are in C:\rapports.", "fr", "en",
     "U+000D (carriage return)"),
    ("The reports are in C:/rapports.", "التقارير في C:\rapports.", "en", "ar",
     "U+000D (carriage return)"),
    ("Le ministre est arrivé.", "The minister \x1b[1marrived.", "fr", "en", "U+001B (escape)"),
    ("The minister arrived.", "Le ministre est\x08 arrivé.", "en", "fr", "U+0008 (backspace)"),
    ("Le ministre est arrivé.", "وصل الوزير.\x0c", "fr", "ar", "U+000C (form feed)"),
    ("Le ministre est arrivé.", "The minister\x7f arrived.", "fr", "en", "U+007F (delete)"),
    ("Le ministre est arrivé.", "The minister\x85 arrived.", "fr", "en", "U+0085 (next line)"),
    ("Le ministre est arrivé.", "The minister\x9b arrived.", "fr", "en", "U+009B"),
])
def test_control_characters_in_a_translation_are_errors(source, target, src, tgt, name):
    assert ("control", f"control character {name} is not in the source") in \
        findings(source, target, src, tgt)
    ctx = qa.Context(src, tgt, GLOSSARY)
    [finding] = [f for f in qa.run(source, target, ctx, {}) if f.check == "control"]
    assert finding.severity == "error"


def test_a_control_character_of_the_source_may_stay():
    assert "control" not in checks("Colonne A\x0cColonne B", "Column A\x0cColumn B")
    assert "control" not in checks("Ligne 1\r\nLigne 2", "السطر 1\r\nالسطر 2", tgt="ar")
    # tab and line feed are text: the spacing rules judge them, not this check
    assert "control" not in checks("Nom :", "Name:\t", tgt="en")
    assert "control" not in checks("Une ligne.", "One\nline.", tgt="en")


def test_l10n_ignore_comment_names_the_accepted_checks():
    assert qa.accepted(["l10n-ignore: numbers"]) == {"numbers"}
    assert qa.accepted(["vérifié", " l10n-ignore:numbers,Spacing  le titre du livre"]) == \
        {"numbers", "spacing"}
    assert qa.accepted(["l10n-ignore: numbers", "l10n-ignore: length"]) == {"numbers", "length"}
    assert qa.accepted(["voir l10n-ignore: numbers plus tard"]) == frozenset()  # prose
    assert qa.accepted([]) == frozenset()


def test_an_accepted_check_is_not_run_for_that_translation():
    ctx = qa.Context("fr", "en", GLOSSARY)
    source, target = "Les Mille et Une Nuits", "The Arabian Nights"  # the English title
    assert {f.check for f in qa.run(source, target, ctx, {})} == {"numbers"}
    assert qa.run(source, target, ctx, {}, frozenset({"numbers"})) == []
    # accepting one check accepts nothing else
    ctx = qa.Context("fr", "en", GLOSSARY)
    assert {f.check for f in qa.run("En 2021.", "In 2022\r.", ctx, {},
                                    frozenset({"numbers"}))} == {"control"}


def test_an_unknown_check_in_the_comment_is_a_warning_and_accepts_nothing():
    ctx = qa.Context("fr", "en", GLOSSARY)
    found = qa.run("En 2021.", "In 2022.", ctx, {}, frozenset({"numbrs", "all"}))
    assert {(f.check, f.severity) for f in found} == {("l10n-ignore", "warning"),
                                                      ("numbers", "error")}
    messages = sorted(f.message for f in found if f.check == "l10n-ignore")
    assert messages[0].startswith("unknown check 'all' in '# l10n-ignore:' (checks: numbers, ")
    assert messages[1].startswith("unknown check 'numbrs'")


def test_every_check_the_settings_accept_is_one_that_runs():
    """The settings validate `[qa.severity]` against the light table of checks; every
    check in it has a function, and no function is left out of it."""
    from l10n.quality import DEFAULT_SEVERITY
    assert set(qa._FUNCTIONS) == set(DEFAULT_SEVERITY)
    assert {check_id: default for check_id, (default, _) in qa.CHECKS.items()} \
        == DEFAULT_SEVERITY
