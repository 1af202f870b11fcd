"""The languages the tool works in: one table that every other module reads.

Plural-Forms are gettext's exact strings (Poedit and msgfmt recognise them); date orders
and quotes are what a reader of that language expects (how each writes numbers is read
in `numbers`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import L10nError


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    direction: str  # "ltr" or "rtl"
    plural_forms: str
    # orders in which readers of the language take a numeric date, the usual one first:
    # British readers take 11/10/2021 day first, American readers month first
    date_orders: tuple[str, ...]
    quotes: tuple[str, str]  # how its prose quotes text

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


LANGUAGES: dict[str, Language] = {lang.code: lang for lang in (
    Language("fr", "French", "ltr", "nplurals=2; plural=(n > 1);",
             date_orders=("dmy",), quotes=("« ", " »")),
    Language("ar", "Arabic", "rtl",
             "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
             ": n%100>=11 ? 4 : 5;", date_orders=("dmy",),
             quotes=("", "")),  # as it is: «…» would reverse around Latin text in a terminal
    Language("en", "English", "ltr", "nplurals=2; plural=(n != 1);",
             date_orders=("dmy", "mdy"), quotes=("“", "”")),
)}
CODES = tuple(LANGUAGES)
# how a target language may write dates (the `[style] dates` setting): in full with the
# month's name, in full with the Hijri date beside the Gregorian one (Arabic), or as the
# translator likes
DATE_STYLES = ("long", "long-hijri", "any")


def get(code: str, *, what: str = "language") -> Language:
    """The language of `code`, or a clear error listing the known ones.

    >>> get("ar").rtl
    True
    """
    try:
        return LANGUAGES[code]
    except KeyError:
        raise L10nError(f"unknown {what} {code!r}", hint=f"use one of {', '.join(CODES)}") \
            from None


def is_rtl(code: str) -> bool:
    return code in LANGUAGES and LANGUAGES[code].rtl


def quote(text: str, lang: str | None = None) -> str:
    """`text` quoted as a reader of `lang` expects it in a message, whole, line breaks
    shown as ⏎; without a language (text someone typed), as English prose quotes.

    >>> quote("Le 11 octobre", "fr"), quote("On 11 October"), quote("في 11 أكتوبر", "ar")
    ('« Le 11 octobre »', '“On 11 October”', 'في 11 أكتوبر')
    """
    opening, closing = LANGUAGES[lang].quotes if lang in LANGUAGES else LANGUAGES["en"].quotes
    return f"{opening}{text.replace(chr(10), ' ⏎ ')}{closing}"
