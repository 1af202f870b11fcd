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
from dataclasses import dataclass

from ..formats import placeholders as markup
from ..glossary import Glossary
from ..languages import quote
from ..numbers import figures
from ..patterns import EMAIL, PLACEHOLDER, URL

SEVERITIES = ("error", "warning", "off")
_BIDI = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Context:
    source_lang: str
    target_lang: str
    glossary: Glossary
    arabic_digits: str = "western"  # "western", "arabic-indic" or "any"


@dataclass(frozen=True)
class Finding:
    check: str
    severity: str
    message: str


Check = Callable[[str, str, Context], list[str]]

# -- numbers ---------------------------------------------------------------------------


def check_numbers(source: str, target: str, ctx: Context) -> list[str]:
    """Figures in any notation, in digits or words; a word that is a figure only in
    company ("un", "one", «الأول») may confirm a figure of the other text, never require one."""
    ours = figures(markup.PATTERN.sub(" ", source), ctx.source_lang)  # <1> is no figure
    theirs = figures(markup.PATTERN.sub(" ", target), ctx.target_lang)
    messages = [f"number {n} of the source is missing" for n in sorted(ours.firm - theirs.values)]
    messages += [f"number {n} is not in the source" for n in sorted(theirs.firm - ours.values)]
    return messages


# -- placeholders, URLs, e-mails --------------------------------------------------------



def placeholders(text: str) -> Counter[str]:
    return Counter(m.group() for m in PLACEHOLDER.finditer(text) if m.group() != "%%")


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
    return [f"{kind} {found} is missing" for kind, pattern in (("URL", URL), ("e-mail", EMAIL))
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
    found = sorted(set(_CONTROL.findall(target)) - set(_CONTROL.findall(source)))
    return [f"control character U+{ord(ch):04X}"
            + (f" ({_CONTROL_NAMES[ch]})" if ch in _CONTROL_NAMES else "")
            + " is not in the source" for ch in found]


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
    messages = []
    for found in ctx.glossary.occurrences(source, ctx.source_lang):
        term = found.term
        if term.dnt:
            written = source[found.start:found.end]
            if written not in target:
                messages.append(f"«{written}» is not to be translated")
            continue
        wanted = term.form(ctx.target_lang)
        if wanted and not ctx.glossary.contains(target, ctx.target_lang, term):
            messages.append(f"glossary: «{source[found.start:found.end]}» is «{wanted}» "
                            f"in {ctx.target_lang}")
    return messages


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
    "bidi": ("error", check_bidi),
    "control": ("error", check_control),
    "content": ("error", check_content),
    "punctuation": ("warning", check_punctuation),
    "spacing": ("warning", check_spacing),
    "length": ("warning", check_length),
    "arabic-digits": ("warning", check_arabic_digits),
}


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
    source = unicodedata.normalize("NFC", source)
    target = unicodedata.normalize("NFC", target)
    findings = [Finding(IGNORE, "warning", f"unknown check {name!r} in '# {IGNORE}:' "
                        f"(checks: {', '.join(CHECKS)})") for name in sorted(ignore - set(CHECKS))]
    for check_id, (default, check) in CHECKS.items():
        level = severity.get(check_id, default)
        if level == "off" or check_id in ignore:
            continue
        findings += [Finding(check_id, level, message) for message in check(source, target, ctx)]
    return findings
