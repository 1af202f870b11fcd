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

from .. import dates
from ..formats import placeholders as markup
from ..formats.base import XML_ILLEGAL
from ..glossary import Glossary
from ..glossary.review import Mentions, Problem
from ..languages import LANGUAGES, quote
from ..links import Links
from ..numbers import figures
from ..patterns import EMAIL, PLACEHOLDER, URL
from . import DEFAULT_SEVERITY

_BIDI = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Context:
    source_lang: str
    target_lang: str
    glossary: Glossary
    arabic_digits: str = "western"  # "western", "arabic-indic" or "any"
    date_style: str = "long"  # of the target language: one of languages.DATE_STYLES
    links: Links = Links()  # the sites whose pages exist in several languages
    standalone: bool = False  # the unit is read on its own (formats.base.STANDALONE)
    # what earlier units of the document named: one Context per document, units in order
    mentions: Mentions = field(default_factory=Mentions, compare=False, repr=False)


@dataclass(frozen=True)
class Finding:
    check: str
    severity: str
    message: str


Check = Callable[[str, str, Context], list[str]]

# -- numbers ---------------------------------------------------------------------------


def check_numbers(source: str, target: str, ctx: Context) -> list[str]:
    """Figures in any notation, in digits or words; a word that is a figure only in
    company ("un", "one", «الأول») may confirm a figure of the other text, never require one.
    A Hijri date that restates a Gregorian date of the same text is no figure of its own."""
    ours = figures(_read(source, ctx.source_lang), ctx.source_lang)
    theirs = figures(_read(target, ctx.target_lang), ctx.target_lang)
    if not ours.values and not theirs.values:
        return []
    messages = [f"number {n} of the source is missing" for n in sorted(ours.firm - theirs.values)]
    messages += [f"number {n} is not in the source" for n in sorted(theirs.firm - ours.values)]
    return messages


def _read(text: str, lang: str) -> str:
    """The text whose figures count: no placeholders (<1> is no figure), no restated day."""
    text = markup.PATTERN.sub(" ", text)
    for start, end in reversed(dates.restated(text, lang)):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


# -- dates -------------------------------------------------------------------------------


def check_dates(source: str, target: str, ctx: Context) -> list[str]:
    """Dates in figures where the house style writes them in full (11/10/2021 is
    11 October to a French reader, 10 November to an American one), and the Hijri date:
    beside every Gregorian one where the style asks for it, and right wherever given."""
    if ctx.date_style == "any":
        return []
    lang = ctx.target_lang
    hijri = ctx.date_style == "long-hijri"
    copied = {found.written for found in dates.numeric(source)}
    messages = []
    for found in dates.numeric(target):
        writer = ctx.source_lang if found.written in copied else lang
        meant = found.readings(LANGUAGES[writer].date_orders)
        if len(meant) > 1:
            messages.append(f"date in figures {found.written} is ambiguous "
                            f"({' or '.join(dates.long_form(d, lang) for d in meant)}): "
                            "write it in full")
        elif meant:
            misread = [d for d in found.readings(LANGUAGES[lang].date_orders) if d != meant[0]]
            messages.append(f"date in figures {found.written}: write "
                            f"«{dates.long_form(meant[0], lang, hijri=hijri)}»" + (
                                f" ({LANGUAGES[lang].name} readers may take it for "
                                f"{dates.long_form(misread[0], lang)})" if misread else ""))
    return messages + (_hijri(target, required=hijri) if lang == "ar" else [])


def _hijri(target: str, *, required: bool) -> list[str]:
    days = [(found, day, dates.to_hijri(day)) for found, day in dates.days(target, "ar")]
    days = [item for item in days if item[2] is not None]
    given = dates.hijri_dates(target)
    messages = [f"«{found.written}» without its Hijri date: add "
                f"«الموافق {dates.hijri_form(hijri)}»"
                for found, _, hijri in days if required and isinstance(found, dates.Written)
                and hijri not in {h.date for h in given}]
    if days:
        expected = ", ".join(f"«{found.written}» is «{dates.hijri_form(hijri)}»"
                             for found, _, hijri in days)
        messages += [f"the Hijri date «{h.written}» is not the day of the Gregorian date "
                     f"(Umm al-Qura: {expected})"
                     for h in given if h.date not in {hijri for *_, hijri in days}]
    return messages


# -- placeholders, URLs, e-mails --------------------------------------------------------



def placeholders(text: str) -> Counter[str]:
    return Counter(m.group() for m in PLACEHOLDER.finditer(text) if m.group() != "%%")


def check_placeholders(source: str, target: str, ctx: Context) -> list[str]:
    """printf and brace placeholders, and the numbered inline-markup ones (<1>…</1>, <2/>)
    missing or repeated (those the build cannot render are `unwritable`'s)."""
    messages = [f"markup placeholder {p.message}" for p in markup.problems(target, source)
                if p.kind not in markup.UNRENDERABLE]
    ours, theirs = placeholders(source), placeholders(target)
    messages += [f"placeholder {p} is missing" for p in sorted(ours - theirs)]
    messages += [f"placeholder {p} is not in the source" for p in sorted(theirs - ours)]
    if target.count("{") != target.count("}") and source.count("{") == source.count("}"):
        messages.append("unbalanced braces")
    return messages


def unwritable(source: str, target: str) -> list[Finding]:
    """What an edition cannot be built from: markup placeholders not in the source or
    pairs not well nested, characters an office document cannot hold that the source does
    not have. Errors whatever the settings and `l10n-ignore` say, or `check` would pass a
    translation `build` cannot write."""
    return [Finding("placeholders", "error", f"markup placeholder {p.message}")
            for p in markup.unrenderable(target, source)] + [
        Finding("control", "error", f"{_control(ch)} is not in the source")
        for ch in _unwritable(source, target)]


def check_links(source: str, target: str, ctx: Context) -> list[str]:
    """Every URL and e-mail address of the source, a URL in the target language's pages
    where the site has them ([[links.sites]])."""
    return [f"{kind} {found} is missing" for kind, pattern in (("URL", URL), ("e-mail", EMAIL))
            for found in dict.fromkeys(m.group() for m in pattern.finditer(source))
            if found not in target and _localized(found, ctx) not in target]


def check_link_language(source: str, target: str, ctx: Context) -> list[str]:
    """A URL a translator kept that points at the source language's pages of a site that
    has pages in the target language (the build points the source's markup links there)."""
    return [f"{url} points at the {LANGUAGES[ctx.source_lang].name} pages: write "
            f"{_localized(url, ctx)}"
            for url in dict.fromkeys(m.group() for m in URL.finditer(target))
            if _localized(url, ctx) != url]


def _localized(url: str, ctx: Context) -> str:
    return ctx.links.localize(url, source=ctx.source_lang, target=ctx.target_lang)


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
        tgt = ctx.target_lang
        messages.append(f"ends with {quote(got, tgt)}, the source with {quote(shown, tgt)}"
                        if want and got else
                        f"ends without punctuation, the source with {quote(shown, tgt)}"
                        if want else
                        f"ends with {quote(got, tgt)}; the source has no final punctuation")
    if ctx.target_lang == "ar":
        latin = sorted(set(_LATIN_IN_ARABIC.findall(target)))
        messages += [f"Latin {ch} in Arabic text: use {_ARABIC_FORM[ch]}" for ch in latin]
    elif ctx.target_lang == "fr":
        if re.search(r"[^\s\u00a0\u202f][?!:;](?!\S)", target) and not URL.search(target):
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
        messages.append(f"doubled word {quote(doubled.group(1), ctx.target_lang)}")
    return messages


def check_content(source: str, target: str, ctx: Context) -> list[str]:
    if not any(ch.isalnum() for ch in target) and any(ch.isalnum() for ch in source):
        return ["the translation has no words"]
    if target.strip() == source.strip() and ctx.source_lang != ctx.target_lang:
        words = re.findall(r"[^\W\d_]+", source)
        if any(w.islower() and len(w) > 3 for w in words):  # not only names, codes, numbers
            return ["the translation is identical to the source"]
    return []


# C0 and C1 controls and DEL; tab and line feed are text (see check_spacing)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_NAMES = {"\r": "carriage return", "\x1b": "escape", "\b": "backspace",
                  "\f": "form feed", "\v": "vertical tab", "\x00": "null", "\x7f": "delete",
                  "\x85": "next line"}


def check_control(source: str, target: str, ctx: Context) -> list[str]:
    """Control characters the source does not have: Poedit stores a typed `\\r` (as in
    `C:\\rapports`) as a carriage return, and they would reach the published text."""
    found = set(_CONTROL.findall(target)) - set(_CONTROL.findall(source))
    return [f"{_control(ch)} is not in the source"
            for ch in sorted(found - set(_unwritable(source, target)))]


def _control(char: str) -> str:
    name = _CONTROL_NAMES.get(char)
    kind = "control character" if _CONTROL.match(char) else "character"
    return f"{kind} U+{ord(char):04X}" + (f" ({name})" if name else "")


def _unwritable(source: str, target: str) -> list[str]:
    """The characters of `target` an office document cannot hold (`unwritable`)."""
    return sorted(set(XML_ILLEGAL.findall(target)) - set(XML_ILLEGAL.findall(source)))


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
    return ctx.mentions.review(ctx.glossary, source, target, ctx.source_lang, ctx.target_lang,
                               standalone=ctx.standalone)


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


_FUNCTIONS: dict[str, Check] = {
    "numbers": check_numbers,
    "placeholders": check_placeholders,
    "links": check_links,
    "link-language": check_link_language,
    "dates": check_dates,
    "glossary": check_glossary,
    "glossary-repeat": check_glossary_repeat,
    "bidi": check_bidi,
    "control": check_control,
    "content": check_content,
    "punctuation": check_punctuation,
    "spacing": check_spacing,
    "length": check_length,
    "arabic-digits": check_arabic_digits,
}
CHECKS: dict[str, tuple[str, Check]] = {
    check_id: (default, _FUNCTIONS[check_id]) for check_id, default in DEFAULT_SEVERITY.items()}


IGNORE = "l10n-ignore"  # the translator comment, and the id of its own findings
_IGNORE = re.compile(rf"\s*{IGNORE}:\s*([\w-]+(?:\s*,\s*[\w-]+)*)", re.IGNORECASE)


def accepted(translator_comments: list[str]) -> frozenset[str]:
    """The check ids a reviewer accepted for one entry, from translator comments such as
    `# l10n-ignore: numbers, spacing  (a book title)`; what follows the list is a note.

    >>> sorted(accepted(["checked by Amina", "l10n-ignore: numbers, Spacing  title"]))
    ['numbers', 'spacing']
    """
    return frozenset(name.strip().lower() for comment in translator_comments
                     if (found := _IGNORE.match(comment))
                     for name in found.group(1).split(","))


def run(source: str, target: str, ctx: Context, severity: dict[str, str],
        ignore: frozenset[str] = frozenset()) -> list[Finding]:
    """Every finding of every check that is neither switched off nor accepted for this
    translation (`ignore`, see `accepted`); a name in `ignore` that is no check is a
    warning, since it accepts nothing."""
    findings = unwritable(source, target)  # as the build reads them, not normalized
    source = unicodedata.normalize("NFC", source)
    target = unicodedata.normalize("NFC", target)
    findings += [Finding(IGNORE, "warning", f"unknown check {name!r} in '# {IGNORE}:' "
                        f"(checks: {', '.join(CHECKS)})") for name in sorted(ignore - set(CHECKS))]
    for check_id, (default, check) in CHECKS.items():
        level = severity.get(check_id, default)
        if level == "off" or check_id in ignore:
            continue
        findings += [Finding(check_id, level, message) for message in check(source, target, ctx)]
    return findings
