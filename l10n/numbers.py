"""Digits and month names of fr, ar and en: shared by the QA numbers check and the
translation memory's repaired matches, so both read a date the same way."""

from __future__ import annotations

ARABIC_DIGITS = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}

MONTH_FORMS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "en": "january february march april may june july august september october november december",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "ar-maghreb": "جانفي فيفري مارس أفريل ماي جوان جويلية أوت سبتمبر أكتوبر نوفمبر ديسمبر",
}
_SPELLINGS = {  # other spellings read as the family's month
    "fr": "fevrier=2 aout=8 decembre=12",
    "ar": "إبريل=4 ابريل=4 يونيه=6 يوليه=7 اغسطس=8 اكتوبر=10",
    "ar-maghreb": "افريل=4 اوت=8",
}
_FAMILIES = {"fr": ("fr",), "en": ("en",), "ar": ("ar", "ar-maghreb")}


def month_table(lang: str) -> dict[str, tuple[str, int]]:
    """Month words of a language (lower case) -> (family, month number); the first
    family wins, so a word shared by MSA and Maghreb Arabic reads as MSA.

    >>> month_table("ar")["جانفي"]
    ('ar-maghreb', 1)
    """
    table: dict[str, tuple[str, int]] = {}
    for family in _FAMILIES[lang]:
        for month, word in enumerate(MONTH_FORMS[family].split(), 1):
            table.setdefault(word, (family, month))
        for item in _SPELLINGS.get(family, "").split():
            word, _, month = item.partition("=")
            table.setdefault(word, (family, int(month)))
    return table
