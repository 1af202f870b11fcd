"""What a sentence and its translation must share whatever the languages: anchors.

Hard anchors are kept by any faithful translation, so a difference is evidence against a
pair: figures in any script and notation and dates (`numbers`), URLs and e-mail
addresses, the glossary's concepts, question and exclamation marks (? ؟ !), parentheses
and quotations (« », " ", “ ”); commas (, ،) are kept often enough to count a little.

Words are soft anchors: kept more often than not, but often enough translated (Londres,
London) or written in another script that a word without a partner is only weak evidence
against a pair. Between French and English they are cognates, compared by their first
letters; facing Arabic, names compared by their consonant skeleton, which survives
transliteration (Dalhousie, دالهوزي: D L S), and acronyms written in Latin letters.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from .. import patterns
from ..formats import placeholders
from ..glossary import Glossary
from ..numbers import figures

ARABIC = "ar"
_LINK_HINT = re.compile(r"://|www\.|@")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’\-]*[A-Za-z\u00c0-\u024f]"
                         r"|[A-Z]")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")
_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")  # harakat, tatweel
_MARKS_KEPT = (("?", re.compile(r"[?؟]")), ("!", re.compile("!")), ("(", re.compile(r"\(")),
               (",", re.compile(r"[,،](?!\d)")))  # a comma, not in 3,5 or 1,000
_QUOTE = re.compile("[\"«»“”„]")
_SPACE = re.compile(r"\s+")

# Consonant classes shared by both scripts (vowels, h, w, y and their Arabic letters drop).
_LATIN_DIGRAPHS = (("ph", "f"), ("th", "t"), ("sh", "s"), ("ch", "s"), ("ck", "k"),
                   ("qu", "k"), ("gh", "k"), ("x", "ks"))
_LATIN_CLASSES = str.maketrans("bpfvtdkqgjszlmnrc", "BBFFTDKKKKSSLMNRK", "aeiouyhw")
_ARABIC_CLASSES = str.maketrans("بپفڤتطثدضذظكقغجخگسصزشلمنر", "BBFFTTTDDDDKKKKKKSSSSLMNR",
                                "اأإآءئؤىيوةهحع")
_ARABIC_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
_MIN_SKELETON = 3  # shorter skeletons match too many words by chance


@dataclass(frozen=True)
class Features:
    """A sentence as the aligner scores it."""

    length: int                 # characters, whitespace and markup placeholders left out
    anchors: tuple[str, ...]    # hard anchors, with repeats: "#2021", "?", "(", "g12", "@x.org"
    words: frozenset[str]       # soft anchors: "dalh" (a Latin word's start), "s:DLS"
    every_word: bool = False    # `words` holds every word (Arabic facing Latin): a lookup


def features(text: str, *, lang: str, other: str, glossary: Glossary) -> Features:
    """The features of a `lang` sentence, for aligning with an `other` edition."""
    plain = placeholders.PATTERN.sub("", text)
    anchors: list[str] = []
    if _LINK_HINT.search(plain):
        for match in [*patterns.URL.finditer(plain), *patterns.EMAIL.finditer(plain)]:
            link = match.group().rstrip("؟،؛")  # Arabic punctuation after a link
            anchors.append("@" + link.lower().removesuffix("/"))
            plain = plain.replace(link, " ")
    for value, count in figures(plain, lang).firm.items():
        anchors += ["#" + value] * count
    for mark, pattern in _MARKS_KEPT:
        anchors += [mark] * len(pattern.findall(plain))
    anchors += ['"'] * ((len(_QUOTE.findall(plain)) + 1) // 2)  # quotations, opened or not
    for found in glossary.occurrences(plain, lang):
        if found.term.dnt or found.term.form(other):
            anchors.append(f"g{found.term.line}")
    return Features(len(_SPACE.sub("", plain)), tuple(sorted(anchors)),
                    _words(plain, lang, other), lang == ARABIC and other != ARABIC)


def _words(text: str, lang: str, other: str) -> frozenset[str]:
    """Soft anchors: words that may find a partner on the other side.

    Between Latin-script languages (Simard's cognates): the first four letters of every
    word of four or more, accents and case aside; each may find a partner. Facing Arabic:
    the consonant skeletons of the Latin side's names (capitalised words but the first,
    acronyms), each of which may find a partner among the skeletons of every word of the
    Arabic side.
    """
    if lang != ARABIC and other != ARABIC:
        return frozenset(_fold(w)[:4] for w in _LATIN_WORD.findall(text) if len(w) >= 4)
    keys: set[str] = set()
    if lang == ARABIC:
        for word in _ARABIC_WORD.findall(_MARKS.sub("", text)):
            keys.update(_arabic_keys(word))
        keys.update("n:" + _fold(w) for w in _LATIN_WORD.findall(text) if len(w) > 1)
        return frozenset(keys)
    for i, word in enumerate(_LATIN_WORD.findall(text)):
        acronym = len(word) > 1 and word.isupper()
        if acronym:
            keys.add("n:" + _fold(word))
        elif i > 0 and word[0].isupper() and len(word) > 2:
            skeleton = _latin_skeleton(_fold(word))
            if len(skeleton) >= _MIN_SKELETON:
                keys.add("s:" + skeleton)
    return frozenset(keys)


@functools.lru_cache(maxsize=65536)
def _arabic_keys(word: str) -> tuple[str, ...]:
    """The skeletons of an Arabic word, with and without each prefix it may carry (the
    article, and, with...); a word recurs often, so it is worked out once."""
    forms = {word, *(word[len(p):] for p in _ARABIC_PREFIXES
                     if word.startswith(p) and len(word) > len(p) + 1)}
    skeletons = {_collapse(form.translate(_ARABIC_CLASSES)) for form in forms}
    return tuple("s:" + s for s in skeletons if len(s) >= _MIN_SKELETON)


@functools.lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """Lower case without accents: "Écosse" -> "ecosse"."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def _latin_skeleton(folded: str) -> str:
    """The consonant classes of a Latin word, lower case and without accents.

    >>> _latin_skeleton("halifax")
    'LFKS'
    """
    word = re.sub(r"c(?=[eiy])", "s", folded)
    for digraph, sound in _LATIN_DIGRAPHS:
        word = word.replace(digraph, sound)
    return _collapse(re.sub(r"[^A-Z]", "", word.translate(_LATIN_CLASSES)))


def _collapse(skeleton: str) -> str:
    """Doubled consonants count once (ll, Arabic shadda)."""
    return re.sub(r"(.)\1+", r"\1", skeleton)
