"""How a glossary form is found in running text, whatever grammar attaches to it.

- Everywhere: case is ignored (Arabic has none), any run of whitespace matches any other,
  apostrophes ' ’ ʼ match each other and so do hyphens - ‐ ‑. A form stands between
  non-word characters, so French elision and the English possessive stay outside it:
  l'État, d’État, qu'IMCTC, IMCTC's, the Member States' (no rule needed).
- French: each word of three letters or more may take the plural -s or -x; -al may be -aux;
  acronyms do not change.
- English: likewise -s (acronyms too); -es after s, x, z, ch, sh; -y after a consonant may
  be -ies.
- Arabic: diacritics and tatweel are ignored. The conjunctions و ف, then the prepositions
  ب ك ل, may be attached. A form written without the article also matches with it
  (اللواء, باللواء, للواء for لواء); a form written with it requires it (التحالف,
  بالتحالف, للتحالف: ل + ال is written لل).

>>> import re
>>> bool(re.search(single(["État membre"], "fr", False), "les États membres", re.I))
True
>>> bool(re.search(single(["member country"], "en", False), "the member countries'", re.I))
True
>>> [m.group() for m in re.finditer(single(["التحالف"], "ar", False), "وللتحالف والتحالفات")]
['وللتحالف']
>>> [m.group() for m in re.finditer(single(["التحالف"], "ar", True), "لِلتَّحالُفِ")]
['لِلتَّحالُف']
"""

from __future__ import annotations

import functools
import re

MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # Arabic diacritics and tatweel
_MARKS = MARKS.pattern + "*"
_ALIKE = {**dict.fromkeys("'’ʼ", "['’ʼ]"), **dict.fromkeys("-‐‑", "[-‐‑]")}
_TOKEN = re.compile(r"\w+|\s+|.", re.DOTALL)
_ARTICLE = "ال"


WORD = re.compile(r"[\w\u064b-\u065f\u0670]+")  # a word of running text, diacritics included


def flags(lang: str) -> int:
    return 0 if lang == "ar" else re.IGNORECASE


@functools.lru_cache(maxsize=16384)  # a few per term and language
def compiled(pattern: str, lang: str) -> re.Pattern[str]:
    """`pattern` compiled for `lang` once per process. Compiling is most of what a large
    glossary costs (about 1 ms a form), and a command's workers get a glossary per batch
    of documents: they share what the others compiled (`re`'s own cache holds 512)."""
    return re.compile(pattern, flags(lang))


def key(form: str, lang: str) -> str:
    """Forms that match the same texts have the same key."""
    return "".join(parts(form if lang == "ar" else form.lower(), lang))


def index_key(form: str, lang: str) -> str | None:
    """The form's first word as `word_keys` gives it for every text the form matches
    (None if the form does not start with a word): a word of a text can only begin a
    form indexed under one of its keys."""
    first = re.match(r"\w+", MARKS.sub("", form) if lang == "ar" else form.lower())
    if first is None:
        return None
    word = first.group()
    return word[len(_ARTICLE):] if lang == "ar" and _definite(word) else word


@functools.lru_cache(maxsize=1 << 16)
def word_keys(word: str, lang: str) -> frozenset[str]:
    """What a word of running text may be once grammar is taken off: the keys of the
    forms that may start with it (cached: running text repeats its words)."""
    return frozenset(_word_keys(word, lang))


def _word_keys(word: str, lang: str) -> set[str]:
    if lang != "ar":
        word = word.lower()
        keys = {word, word[:-1]} if word.endswith(("s", "x")) else {word}
        if lang == "fr" and word.endswith("aux"):
            keys.add(word[:-3] + "al")
        if lang == "en" and word.endswith("es"):
            keys |= {word[:-2], word[:-3] + "y"} if word.endswith("ies") else {word[:-2]}
        return keys
    word = MARKS.sub("", word)
    keys = {word}
    for conjunction in ("", "و", "ف"):
        if not word.startswith(conjunction):
            continue
        rest = word[len(conjunction):]
        if rest.startswith("لل"):
            keys.add(rest[2:])
        for preposition in ("", "ب", "ك", "ل"):
            if rest.startswith(preposition):
                stem = rest[len(preposition):]
                keys |= {stem, stem[len(_ARTICLE):]} if stem.startswith(_ARTICLE) else {stem}
    return keys


def marked(text: str, lang: str) -> bool:
    """Whether `text` needs the patterns that step over diacritics and tatweel: Arabic
    text that has some. Those are ten times dearer to compile, and running text seldom
    has any (without, the plain pattern finds exactly the same spans)."""
    return lang == "ar" and MARKS.search(text) is not None


def parts(form: str, lang: str, marks: bool = True) -> tuple[str, str]:
    """The regex of what grammar attaches before the form, and of the form itself
    (`marks`: Arabic diacritics and tatweel may come between its letters)."""
    if lang == "ar":
        return _arabic(MARKS.sub("", form), _MARKS if marks else "")
    return "", "".join(_word(token, lang) if token[0].isalnum() or token[0] == "_"
                       else r"\s+" if token.isspace() else _ALIKE.get(token, re.escape(token))
                       for token in _TOKEN.findall(form))


def single(forms: list[str], lang: str, marks: bool) -> str:
    """A regex for any of `forms`, as words of running text."""
    return r"(?<!\w)(?:" + "|".join(f"{before}(?:{core})" for before, core in
                                    (parts(form, lang, marks) for form in forms)) + r")(?!\w)"


def combined(forms: list[str], lang: str, marks: bool) -> str:
    """A regex for any of `forms`, tried in the order given: the match of `forms[i]` is
    the group named `g<i>`, the form without what grammar attached to it is `t<i>`."""
    return r"(?<!\w)(?:" + "|".join(
        f"(?P<g{i}>{before}(?P<t{i}>{core}))" for i, (before, core)
        in enumerate(parts(form, lang, marks) for form in forms)) + r")(?!\w)"


def _word(word: str, lang: str) -> str:
    lower = word.lower()
    if len(word) < 3 or not word[-1].isalpha():
        return re.escape(word)
    if word.isupper():  # an acronym: invariable in French, CIMCTs in English
        return re.escape(word) + ("s?" if lang == "en" else "")
    if lang == "fr":
        if lower.endswith("al"):
            return re.escape(word[:-2]) + "(?:al|aux)"
        return re.escape(word) + ("" if lower[-1] in "sxz" else "[sx]?")
    if lang == "en":
        if lower[-1] == "y" and lower[-2] not in "aeiou":
            return re.escape(word[:-1]) + "(?:y|ies)"
        return re.escape(word) + ("(?:es)?" if lower.endswith(("s", "x", "z", "ch", "sh"))
                                  else "s?")
    return re.escape(word)


def _arabic(form: str, marks: str) -> tuple[str, str]:
    def body(text: str) -> str:
        return marks.join(r"\s+" if token.isspace() else _ALIKE.get(token, re.escape(token))
                          for token in re.findall(r"\s+|.", text, re.DOTALL))

    conjunction = f"(?:[وف]{marks})?"
    if _definite(form):
        rest = body(form[len(_ARTICLE):])
        # ل + التحالف is written للتحالف: after that ل, the article's alif goes
        after_lam = "|".join(f"(?<=ل{MARKS.pattern * n})" for n in range(3 if marks else 1))
        return f"{conjunction}(?:[بكل]{marks})?", f"{body(form)}|(?:{after_lam})ل{marks}{rest}"
    article = f"(?:[بك]{marks})?(?:ا{marks}ل{marks})?|ل{marks}(?:ل{marks})?"
    return f"{conjunction}(?:{article})", body(form)


def _definite(word: str) -> bool:
    return word.startswith(_ARTICLE) and len(word) > len(_ARTICLE)
