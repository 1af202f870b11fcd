"""QA checks on translations: each check has an id, a default severity, and a function.

A check is `(source, target, context) -> list[str]` (one message per problem); `run`
applies every check whose severity is not "off". Checks know French, Arabic and English
conventions: numbers in any of their notations, Arabic punctuation, French spacing,
direction marks that belong in rendered output and not in a PO file.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from . import placeholders as markup
from .glossary import Glossary
from .glossary.review import Mentions, Problem
from .numbers import ARABIC_DIGITS, month_table

SEVERITIES = ("error", "warning", "off")
_BIDI = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Context:
    source_lang: str
    target_lang: str
    glossary: Glossary
    arabic_digits: str = "western"  # "western", "arabic-indic" or "any"
    # what earlier units of the document named: one Context per document, units in order
    mentions: Mentions = field(default_factory=Mentions, compare=False, repr=False)


@dataclass(frozen=True)
class Finding:
    check: str
    severity: str
    message: str


Check = Callable[[str, str, Context], list[str]]

# -- numbers ---------------------------------------------------------------------------

_DIGITS = str.maketrans(ARABIC_DIGITS)
_GROUP_SPACES = " \u00a0\u202f"
_NUMBER = {
    # French: 1 000,5 (space, NBSP or narrow NBSP groups; also 1.000,5), decimal comma
    "fr": re.compile(r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?(?!\d)|\d+(?:,\d+)?"),
    # English and Arabic: 1,000.5 (Arabic also ١٬٠٠٠٫٥), decimal point
    "en": re.compile(r"\d{1,3}(?:[,٬]\d{3})+(?:[.٫]\d+)?(?!\d)|\d+(?:[.٫]\d+)?"),
}
_NUMBER["ar"] = _NUMBER["en"]
_MONTHS = {lang: {word: month for word, (_, month) in month_table(lang).items()}
           for lang in ("fr", "en", "ar")}
# a month name counts as a figure only next to a day or a year ("11 octobre", "May 3"):
# "may", "الأول" or the verb "مارس" alone are words
_MONTH = {lang: re.compile(r"(?:(?<=\d)|(?<=\d )|(?<=\d(?:er|st|nd|rd|th) ))(" + "|".join(
              sorted(map(re.escape, table), key=len, reverse=True)) + r")(?!\w)"
              r"|(?<!\w)(" + "|".join(sorted(map(re.escape, table), key=len, reverse=True))
              + r")(?=,? \d)", re.IGNORECASE)
          for lang, table in _MONTHS.items()}
# +966 11 234 5678: a phone number is one value, whatever its grouping
_PHONE = re.compile(r"\+\d{1,3}(?:[ \u00a0\u202f.\-]?\(?\d{1,4}\)?){2,}")
# 11/10/2021, 11.10.2021, 2021-10-11: each part is a number of its own
_DATE = re.compile(r"\d{1,4}(?:[/.\-]\d{1,2}){1,2}(?:[/.\-]\d{2,4})?(?!\d)")


def numbers(text: str, lang: str) -> Counter[str]:
    """The numeric values in `text`, whatever the notation, as canonical strings.

    >>> sorted(numbers("1 000,5 et 11/10/2021", "fr"))
    ['10', '1000.5', '11', '2021']
    >>> numbers("١٬٠٠٠٫٥ و 1,000.5", "ar") == Counter({"1000.5": 2})
    True
    >>> numbers("+966 11 234 5678", "fr") == numbers("+966-11-234-5678", "en")
    True
    """
    text = markup.PATTERN.sub(" ", text).translate(_DIGITS)  # <1> is markup, not a figure
    values: Counter[str] = Counter()
    for month in _MONTH[lang].finditer(text):
        values[str(_MONTHS[lang][(month.group(1) or month.group(2)).lower()])] += 1

    def take_date(match: re.Match[str]) -> str:
        parts = re.split(r"[/.\-]", match.group())
        if len(parts) == 2 and lang == "fr" and "." in match.group():
            return match.group()  # 1.000 is a grouped number in French, not a date
        if len(parts) == 2 and "." in match.group():
            return match.group()  # 3.5 is a decimal
        values.update(str(int(p)) for p in parts)
        return " "

    def take_phone(match: re.Match[str]) -> str:
        values["tel:" + re.sub(r"\D", "", match.group())] += 1
        return " "

    text = _PHONE.sub(take_phone, text)
    text = _DATE.sub(take_date, text)
    for match in _NUMBER[lang].finditer(text):
        raw = match.group()
        if lang == "fr":
            raw = re.sub(f"[{_GROUP_SPACES}.]", "", raw).replace(",", ".")
        else:
            raw = raw.replace(",", "").replace("٬", "").replace("٫", ".")
        try:
            values[_canonical(Decimal(raw))] += 1
        except InvalidOperation:
            continue
    return values


def _canonical(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def check_numbers(source: str, target: str, ctx: Context) -> list[str]:
    ours, theirs = numbers(source, ctx.source_lang), numbers(target, ctx.target_lang)
    messages = [f"number {n} of the source is missing" for n in sorted(ours - theirs)]
    messages += [f"number {n} is not in the source" for n in sorted(theirs - ours)]
    return messages


# -- placeholders, URLs, e-mails --------------------------------------------------------

_PLACEHOLDER = re.compile(
    r"%(?:\d+\$)?(?:\([A-Za-z_]\w*\))?[-+#0]*\d*(?:\.\d+)?[sdifxXoeEgGcr%]"
    r"|\{[A-Za-z_0-9]*(?:[!:][^{}]*)?\}")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>«»\"]+[^\s<>«»\".,;:!?؟،)\]]")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


def placeholders(text: str) -> Counter[str]:
    return Counter(m.group() for m in _PLACEHOLDER.finditer(text) if m.group() != "%%")


def check_placeholders(source: str, target: str, ctx: Context) -> list[str]:
    """printf and brace placeholders, and the numbered inline-markup ones (<1>…</1>, <2/>)."""
    messages = [f"markup placeholder {p.message}" for p in markup.problems(target, source)]
    ours, theirs = placeholders(source), placeholders(target)
    messages += [f"placeholder {p} is missing" for p in sorted(ours - theirs)]
    messages += [f"placeholder {p} is not in the source" for p in sorted(theirs - ours)]
    if target.count("{") != target.count("}") and source.count("{") == source.count("}"):
        messages.append("unbalanced braces")
    return messages


def check_links(source: str, target: str, ctx: Context) -> list[str]:
    return [f"{kind} {found} is missing" for kind, pattern in (("URL", _URL), ("e-mail", _EMAIL))
            for found in dict.fromkeys(m.group() for m in pattern.finditer(source))
            if found not in target]


# -- punctuation and spacing ------------------------------------------------------------

_CLOSERS = "\"'»”’)]"
_FINAL = {".": ".", "?": "?", "؟": "?", "!": "!", ":": ":", ";": ";", "؛": ";",
          "…": "…", ",": ",", "،": ","}
_ARABIC_FORM = {"?": "؟", ";": "؛", ",": "،"}
_LATIN_IN_ARABIC = re.compile(r"(?:(?<=[\u0600-\u06ff])|(?<=[\u0600-\u06ff] ))([?;,])")


def _final(text: str) -> str:
    stripped = _BIDI.sub("", text).rstrip().rstrip(_CLOSERS + " \u00a0\u202f")
    if stripped.endswith("..."):
        return "…"
    return _FINAL.get(stripped[-1:], "") if stripped else ""


def check_punctuation(source: str, target: str, ctx: Context) -> list[str]:
    messages = []
    want, got = _final(source), _final(target)
    if want != got:
        shown = _ARABIC_FORM.get(want, want) if ctx.target_lang == "ar" else want
        messages.append(f"ends with {got or 'no punctuation'!r}, the source with {shown!r}"
                        if want else f"ends with {got!r}; the source has no final punctuation")
    if ctx.target_lang == "ar":
        latin = sorted(set(_LATIN_IN_ARABIC.findall(target)))
        messages += [f"Latin {ch!r} in Arabic text: use {_ARABIC_FORM[ch]!r}" for ch in latin]
    elif ctx.target_lang == "fr":
        if re.search(r"[^\s\u00a0\u202f][?!:;](?!\S)", target) and not _URL.search(target):
            messages.append("French puts a (narrow) no-break space before ? ! : ;")
    elif re.search(r"[ \u00a0\u202f][?!:;](?!\w)", target):
        messages.append("no space before ? ! : ; in English")
    return messages


def check_spacing(source: str, target: str, ctx: Context) -> list[str]:
    messages = []
    if "  " in target and "  " not in source:
        messages.append("doubled space")
    lead = lambda s: s[:len(s) - len(s.lstrip())]  # noqa: E731
    trail = lambda s: s[len(s.rstrip()):]  # noqa: E731
    if lead(source) != lead(target) or trail(source) != trail(target):
        messages.append("leading or trailing whitespace differs from the source")
    doubled = re.search(r"(?<!\w)(\w+)\s+\1(?!\w)", target, re.IGNORECASE)
    if doubled and not re.search(rf"(?<!\w){re.escape(doubled.group(1))}\s+"
                                 rf"{re.escape(doubled.group(1))}(?!\w)", source, re.I):
        messages.append(f"doubled word {doubled.group(1)!r}")
    return messages


def check_content(source: str, target: str, ctx: Context) -> list[str]:
    if not any(ch.isalnum() for ch in target) and any(ch.isalnum() for ch in source):
        return ["the translation has no words"]
    if target.strip() == source.strip() and ctx.source_lang != ctx.target_lang:
        words = re.findall(r"[^\W\d_]+", source)
        if any(w.islower() and len(w) > 3 for w in words):  # not only names, codes, numbers
            return ["the translation is identical to the source"]
    return []


def check_bidi(source: str, target: str, ctx: Context) -> list[str]:
    marks = sorted({f"U+{ord(ch):04X}" for ch in _BIDI.findall(target)}
                   - {f"U+{ord(ch):04X}" for ch in _BIDI.findall(source)})
    return [f"direction control character {m} (direction marks belong in the rendered "
            "output, not in the PO file)" for m in marks]


# characters of target per character of source, for sentences of 20+ characters
_RATIO = {("fr", "en"): (0.5, 1.6), ("en", "fr"): (0.7, 2.0), ("fr", "ar"): (0.4, 1.5),
          ("ar", "fr"): (0.7, 2.5), ("en", "ar"): (0.5, 1.7), ("ar", "en"): (0.6, 2.2)}


def check_length(source: str, target: str, ctx: Context) -> list[str]:
    bounds = _RATIO.get((ctx.source_lang, ctx.target_lang))
    if not bounds or len(source) < 20:
        return []
    ratio = len(target) / len(source)
    if bounds[0] <= ratio <= bounds[1]:
        return []
    return [f"the translation is {ratio:.1f}× the source's length "
            f"(expected {bounds[0]}–{bounds[1]}× for {ctx.source_lang}→{ctx.target_lang})"]


def check_glossary(source: str, target: str, ctx: Context) -> list[str]:
    """Terms: an accepted form for each source term, no forbidden form, untranslated
    terms kept, a short form only after a first full mention."""
    return [p.message for p in _terms(source, target, ctx) if p.kind != "repeat"]


def check_glossary_repeat(source: str, target: str, ctx: Context) -> list[str]:
    """A full form repeated where the glossary's short form is house style."""
    return [p.message for p in _terms(source, target, ctx) if p.kind == "repeat"]


def _terms(source: str, target: str, ctx: Context) -> list[Problem]:
    return ctx.mentions.review(ctx.glossary, source, target, ctx.source_lang, ctx.target_lang)


def check_arabic_digits(source: str, target: str, ctx: Context) -> list[str]:
    if ctx.target_lang != "ar" or ctx.arabic_digits == "any":
        return []
    target = markup.PATTERN.sub(" ", target)  # placeholders are numbered in ASCII digits
    indic = re.search("[٠-٩۰-۹]", target)
    western = re.search("[0-9]", target)
    if ctx.arabic_digits == "western" and indic:
        return ["Arabic-Indic digits: this office writes Western digits (0-9)"]
    if ctx.arabic_digits == "arabic-indic" and western:
        return ["Western digits: this office writes Arabic-Indic digits (٠-٩)"]
    return []


CHECKS: dict[str, tuple[str, Check]] = {
    "numbers": ("error", check_numbers),
    "placeholders": ("error", check_placeholders),
    "links": ("error", check_links),
    "glossary": ("error", check_glossary),
    "glossary-repeat": ("warning", check_glossary_repeat),
    "bidi": ("error", check_bidi),
    "content": ("error", check_content),
    "punctuation": ("warning", check_punctuation),
    "spacing": ("warning", check_spacing),
    "length": ("warning", check_length),
    "arabic-digits": ("warning", check_arabic_digits),
}


def run(source: str, target: str, ctx: Context, severity: dict[str, str]) -> list[Finding]:
    """Every finding of every check that is not switched off, for one translation."""
    source = unicodedata.normalize("NFC", source)
    target = unicodedata.normalize("NFC", target)
    findings = []
    for check_id, (default, check) in CHECKS.items():
        level = severity.get(check_id, default)
        if level == "off":
            continue
        findings += [Finding(check_id, level, message) for message in check(source, target, ctx)]
    return findings
