"""Dates as an edition writes them: a date in figures and the days it may mean to readers
of each language, the long form («11 October 2021», «11 أكتوبر 2021م»), and the Hijri
date of the Umm al-Qura calendar (Saudi Arabia's civil calendar) that Arabic editions
give beside the Gregorian one.

Shared by two QA checks: `dates` (a date in figures where the house style writes dates
in full; a Gregorian date without its Hijri date where the style asks for both) and
`numbers` (a Hijri date that restates a Gregorian date of the same text brings no figure
of its own). The conversion is `hijridate`'s: Umm al-Qura is a table of observed months,
not a formula, and that package ships the table (1343–1500 AH, 1924–2077).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .languages import LANGUAGES
from .numbers import MONTH_FORMS, month_table, western_digits

# the Hijri months as Saudi calendars write them, then other spellings of the same month
HIJRI_MONTHS = (
    ("محرم",), ("صفر",), ("ربيع الأول",), ("ربيع الآخر", "ربيع الثاني"),
    ("جمادى الأولى", "جمادى الأول"), ("جمادى الآخرة", "جمادى الثانية", "جمادى الآخر"),
    ("رجب",), ("شعبان",), ("رمضان",), ("شوال",), ("ذو القعدة", "ذي القعدة"),
    ("ذو الحجة", "ذي الحجة"),
)
_ALIKE = {"ا": "[اأإآ]", "أ": "[اأإآ]", "إ": "[اأإآ]", "ة": "[ةه]", "ه": "[ةه]",
          "ى": "[ىي]", "ي": "[ىي]"}
_MARKS = "[\u064b-\u0652\u0640]*"  # diacritics and tatweel, ignored between letters

_ANY_DIGIT = re.compile(r"[\d\u0660-\u0669\u06f0-\u06f9]")


def _arabic(word: str) -> str:
    """A regex for `word` written with or without hamza, ة/ه, ى/ي, diacritics."""
    return "".join(r"\s+" if ch == " " else _ALIKE.get(ch, re.escape(ch)) + _MARKS
                   for ch in word)


def _names(groups) -> str:
    forms = sorted(((form, number) for number, group in enumerate(groups, 1)
                    for form in group), key=lambda item: -len(item[0]))
    return "|".join(f"(?P<m{number}_{i}>{_arabic(form)})"
                    for i, (form, number) in enumerate(forms))


def _month(match: re.Match[str]) -> int:
    """The month number of the named group `m<number>_<i>` that matched."""
    return int(next(name for name, value in match.groupdict().items()
                    if value and name.startswith("m"))[1:].split("_")[0])


_DAY = r"(?<![\d/.\-])(?P<day>\d{1,2})\s+(?:من\s+)?"
_HIJRI = re.compile(_DAY + rf"(?:{_names(HIJRI_MONTHS)})\s+(?:عام\s+|سنة\s+)?"
                    r"(?P<year>\d{3,4})(?!\d)(?:\s*(?:هـ|ه(?!\w)|للهجرة|هجري(?:ة)?))?")
_AR_MONTHS = tuple(tuple(word for word, (_, number) in month_table("ar").items()
                         if number == month) for month in range(1, 13))
_GREGORIAN = re.compile(
    _DAY + rf"(?:{_names(_AR_MONTHS)})\s+"
    r"(?:عام\s+|سنة\s+)?(?P<year>\d{4})(?!\d)(?:\s*(?:م(?!\w)|ميلادية?))?")
# 11/10/2021, 11.10.2021, 11-10-21 (the same separator twice), 2021-10-11
_NUMERIC = re.compile(r"(?<![\d/.\-])(?:(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})"
                      r"|(\d{4})-(\d{1,2})-(\d{1,2}))(?![\d]|[/.\-]\d)(?!\s*هـ)")


@dataclass(frozen=True)
class Numeric:
    """A date written in figures, `text[start:end]`: `fields` as written (two numbers
    and a year, or for an ISO date year, month, day)."""

    start: int
    end: int
    written: str
    fields: tuple[int, int, int]
    iso: bool

    def readings(self, orders: tuple[str, ...]) -> tuple[dt.date, ...]:
        """The days it means to readers taking it in each of `orders` ("dmy", "mdy"),
        without repeats; an ISO date means one day to every reader.

        >>> [d.isoformat() for d in numeric("11/10/2021")[0].readings(("dmy", "mdy"))]
        ['2021-10-11', '2021-11-10']
        >>> [d.isoformat() for d in numeric("25/10/2021")[0].readings(("dmy", "mdy"))]
        ['2021-10-25']
        """
        if self.iso:
            orders = ("ymd",)
        found = []
        for order in orders:
            values = dict(zip(order, self.fields))
            year = values["y"] if values["y"] >= 100 else 2000 + values["y"]
            try:
                day = dt.date(year, values["m"], values["d"])
            except ValueError:
                continue
            if day not in found:
                found.append(day)
        return tuple(found)


def numeric(text: str) -> list[Numeric]:
    """The dates written in figures in `text` (a Hijri one, «1443/3/5هـ», is left out)."""
    if not _ANY_DIGIT.search(text):
        return []  # most sentences: no figure, no date
    text = western_digits(text)
    found = []
    for m in _NUMERIC.finditer(text):
        iso = m.group(5) is not None
        fields = m.group(5, 6, 7) if iso else m.group(1, 3, 4)
        found.append(Numeric(m.start(), m.end(), m.group(), tuple(map(int, fields)), iso))
    return found


def long_form(day: dt.date, lang: str, *, hijri: bool = False) -> str:
    """How an edition writes `day` in full; `hijri`: with its Umm al-Qura date (Arabic).

    >>> long_form(dt.date(2021, 10, 11), "en"), long_form(dt.date(2021, 10, 1), "fr")
    ('11 October 2021', '1er octobre 2021')
    >>> long_form(dt.date(2021, 10, 11), "ar", hijri=True)
    '11 أكتوبر 2021م الموافق 5 ربيع الأول 1443هـ'
    """
    month = MONTH_FORMS[lang].split()[day.month - 1]
    if lang == "en":
        return f"{day.day} {month.capitalize()} {day.year}"
    if lang == "fr":
        return f"{'1er' if day.day == 1 else day.day} {month} {day.year}"
    written = f"{day.day} {month} {day.year}م"
    converted = to_hijri(day) if hijri else None
    return f"{written} الموافق {hijri_form(converted)}" if converted else written


def to_hijri(day: dt.date) -> tuple[int, int, int] | None:
    """(year, month, day) of the Umm al-Qura calendar; None outside its table."""
    from hijridate import Gregorian  # its table loads only where Hijri dates are wanted
    try:
        converted = Gregorian(day.year, day.month, day.day).to_hijri()
    except OverflowError:
        return None
    return converted.year, converted.month, converted.day


def hijri_form(date: tuple[int, int, int]) -> str:
    year, month, day = date
    return f"{day} {HIJRI_MONTHS[month - 1][0]} {year}هـ"


@dataclass(frozen=True)
class Written:
    """A date written with its month's name, `text[start:end]`."""

    start: int
    end: int
    written: str
    date: tuple[int, int, int]  # (year, month, day) of its calendar


def _written(pattern: re.Pattern[str], text: str) -> list[Written]:
    if not _ANY_DIGIT.search(text):
        return []
    text = western_digits(text)
    return [Written(m.start(), m.end(), m.group().strip(),
                    (int(m.group("year")), _month(m), int(m.group("day"))))
            for m in pattern.finditer(text)]


def hijri_dates(text: str) -> list[Written]:
    """Hijri dates with the month's Arabic name: «5 ربيع الأول 1443هـ».

    >>> [d.date for d in hijri_dates("الموافق 9 ربيع الثاني 1443 هـ")]
    [(1443, 4, 9)]
    """
    return _written(_HIJRI, text)


def gregorian_dates(text: str) -> list[Written]:
    """Gregorian dates with the month's Arabic name: «11 أكتوبر 2021م», «14 من نوفمبر 2021»."""
    return _written(_GREGORIAN, text)


def days(text: str, lang: str) -> list[tuple[Written | Numeric, dt.date]]:
    """The Gregorian days `text` names with their day, month and year: Arabic dates
    with the month's name, and dates in figures that mean one day to the language's
    readers."""
    found: list[tuple[Written | Numeric, dt.date]] = []
    for written in gregorian_dates(text) if lang == "ar" else ():
        year, month, day = written.date
        try:
            found.append((written, dt.date(year, month, day)))
        except ValueError:
            continue
    for date in numeric(text):
        readings = date.readings(LANGUAGES[lang].date_orders)
        if len(readings) == 1:
            found.append((date, readings[0]))
    return found


def restated(text: str, lang: str) -> list[tuple[int, int]]:
    """Where `text` gives the Hijri date of one of its Gregorian days: the same day again.

    >>> restated("11 أكتوبر 2021م الموافق 5 ربيع الأول 1443هـ", "ar")
    [(24, 43)]
    """
    hijri = hijri_dates(text) if lang == "ar" else []
    if not hijri:
        return []
    wanted = {to_hijri(day) for _, day in days(text, lang)}
    return [(h.start, h.end) for h in hijri if h.date in wanted]
