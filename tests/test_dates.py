"""House style for dates: a date in figures where an edition writes dates in full, read as
the source's writer meant it and as the edition's readers may take it; the Hijri date of
Arabic editions (Umm al-Qura) beside the Gregorian one, and never a figure of its own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from l10n import dates
from l10n.errors import L10nError
from l10n.glossary import Glossary
from l10n.quality import checks as qa
from l10n.settings import load


def findings(source, target, src="fr", tgt="en", style="long", digits="any"):
    ctx = qa.Context(src, tgt, Glossary([]), digits, style)
    return [(f.check, f.severity, f.message) for f in qa.run(source, target, ctx, {})]


def dates_messages(*args, **kw):
    return [message for check, _, message in findings(*args, **kw) if check == "dates"]


def test_a_french_dateline_in_figures_is_flagged_in_english_with_how_americans_read_it():
    assert findings("Riyad – 11/10/2021", "Riyadh – 11/10/2021") == [
        ("dates", "warning", "date in figures 11/10/2021: write «11 October 2021» "
                             "(English readers may take it for 10 November 2021)")]


def test_the_long_form_is_accepted_in_each_language():
    assert findings("Riyad – 11/10/2021", "Riyadh – 11 October 2021") == []
    assert findings("Riyad – 11/10/2021", "الرياض – 11 أكتوبر 2021م", tgt="ar") == []
    assert findings("Riyadh – 11 October 2021", "Riyad – 11 octobre 2021", "en", "fr") == []


@pytest.mark.parametrize("source, target, src, tgt, wanted", [
    ("Riyad – 11/10/2021", "الرياض – 11/10/2021", "fr", "ar", "«11 أكتوبر 2021م»"),
    ("Riyad, le 11.10.2021", "Riyadh, 11.10.2021", "fr", "en", "«11 October 2021»"),
    ("الرياض – 11/10/2021", "Riyad – 11/10/2021", "ar", "fr", "«11 octobre 2021»"),
    ("Le 01/10/2021.", "On 01/10/2021.", "fr", "en", "«1 October 2021»"),
    ("Le 1/10/2021.", "Le 1/10/2021.", "ar", "fr", "«1er octobre 2021»"),
    ("Published 2021-10-11.", "Publié le 2021-10-11.", "en", "fr", "«11 octobre 2021»"),
])
def test_a_date_in_figures_is_read_as_its_writer_meant_it(source, target, src, tgt, wanted):
    [message] = dates_messages(source, target, src, tgt)
    assert wanted in message


def test_french_and_arabic_readers_take_it_day_first_so_no_misreading_is_named():
    [message] = dates_messages("Riyad – 11/10/2021", "الرياض – 11/10/2021", "fr", "ar")
    assert "may take it" not in message
    [message] = dates_messages("Riyad – 25/10/2021", "Riyadh – 25/10/2021")
    assert message == "date in figures 25/10/2021: write «25 October 2021»"  # 25 is no month


def test_an_english_source_in_figures_is_ambiguous_unless_one_reading_is_a_date():
    assert dates_messages("Riyadh – 11/10/2021", "Riyad – 11/10/2021", "en", "fr") == [
        "date in figures 11/10/2021 is ambiguous (11 octobre 2021 or 10 novembre 2021): "
        "write it in full"]
    assert dates_messages("Riyadh – 10/25/2021", "الرياض – 10/25/2021", "en", "ar") == [
        "date in figures 10/25/2021: write «25 أكتوبر 2021م»"]


def test_arabic_indic_figures_are_a_date_in_figures_too():
    [message] = dates_messages("Riyad – 11/10/2021", "الرياض – ١١/١٠/٢٠٢١", "fr", "ar")
    assert "«11 أكتوبر 2021م»" in message


@pytest.mark.parametrize("text", ["version 2.1.3", "IP 10.1.1.12", "score 3-1", "1/2 finale",
                                  "+966 11 234 5678", "le 11/10", "31/02/2021"])
def test_what_is_no_full_date_is_left_alone(text):
    assert dates_messages(text, text) == []


def test_style_any_allows_dates_in_figures():
    assert findings("Riyad – 11/10/2021", "Riyadh – 11/10/2021", style="any") == []


def test_long_hijri_asks_for_the_umm_al_qura_date_beside_the_gregorian_one():
    assert dates_messages("Riyad – 11/10/2021", "الرياض – 11 أكتوبر 2021م", "fr", "ar",
                          style="long-hijri") == [
        "«11 أكتوبر 2021م» without its Hijri date: add «الموافق 5 ربيع الأول 1443هـ»"]
    assert dates_messages("Riyad – 11/10/2021", "الرياض – 11/10/2021", "fr", "ar",
                          style="long-hijri") == [
        "date in figures 11/10/2021: write «11 أكتوبر 2021م الموافق 5 ربيع الأول 1443هـ»"]


@pytest.mark.parametrize("target", [
    "الرياض – 11 أكتوبر 2021م الموافق 5 ربيع الأول 1443هـ",
    "الرياض – الاثنين 5 ربيع الاول 1443 هـ الموافق 11 أكتوبر 2021م",  # Hijri first, no hamza
    "الرياض – ١١ أكتوبر ٢٠٢١م الموافق ٥ ربيع الأول ١٤٤٣هـ",
])
def test_the_right_hijri_date_in_either_order_passes_every_check(target):
    assert findings("Riyad – 11/10/2021", target, "fr", "ar", style="long-hijri") == []


def test_a_wrong_hijri_date_is_named_with_the_right_one():
    found = findings("Le 14 novembre 2021.", "في 14 نوفمبر 2021م الموافق 10 ربيع الآخر 1443هـ.",
                     "fr", "ar")
    assert ("dates", "warning", "the Hijri date «10 ربيع الآخر 1443هـ» is not the day of the "
            "Gregorian date (Umm al-Qura: «14 نوفمبر 2021م» is «9 ربيع الآخر 1443هـ»)") in found
    assert ("numbers", "error", "number 10 is not in the source") in found


def test_a_hijri_date_in_the_source_restates_its_gregorian_date():
    """An Arabic communiqué dated both ways: its English edition gives the Gregorian date."""
    source = "الرياض، 9 ربيع الآخر 1443هـ الموافق 14 نوفمبر 2021م"
    assert [f for f in findings(source, "Riyadh, 14 November 2021", "ar", "en")
            if f[0] in ("numbers", "dates")] == []
    assert ("numbers", "error", "number 13 is not in the source") in \
        findings(source, "Riyadh, 13 November 2021", "ar", "en")


def test_readings_and_forms():
    found = dates.numeric("Riyad – 11/10/2021 et 2021-10-11")
    assert [(d.written, d.iso) for d in found] == [("11/10/2021", False), ("2021-10-11", True)]
    assert found[0].readings(("mdy",)) == (dt.date(2021, 11, 10),)
    assert dates.to_hijri(dt.date(2021, 11, 14)) == (1443, 4, 9)
    assert dates.to_hijri(dt.date(1900, 1, 1)) is None  # outside the Umm al-Qura table
    assert dates.long_form(dt.date(1900, 1, 1), "ar", hijri=True) == "1 يناير 1900م"


def test_the_setting_is_per_target_language_and_checked(tmp_path: Path):
    (tmp_path / "l10n.toml").write_text('[style]\ndates = { ar = "long-hijri" }\n',
                                        encoding="utf-8")
    assert load(tmp_path).date_styles == {"fr": "long", "ar": "long-hijri", "en": "long"}
    (tmp_path / "l10n.toml").write_text('[style]\ndates = { en = "long-hijri" }\n',
                                        encoding="utf-8")
    with pytest.raises(L10nError) as caught:
        load(tmp_path)
    assert caught.value.line == 2 and "Arabic" in caught.value.message
