"""Sentence boundaries inside one block of text, per language, as character spans.

Spans never include surrounding whitespace and never overlap; the text between them
(spaces, line breaks) belongs to the layout and is kept by whoever renders.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

ABBREVIATIONS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        "m mm mme mmes mlle mlles dr drs pr me mgr st ste s.e se sm ll.mm art al av apr "
        "j.-c cf env éd vol chap fig p pp n no nos gén col cdt lt capt adj sgt ex p.ex "
        "tél fax bd boul éts ets cie vs réf janv févr avr juil sept oct nov déc".split()
    ),
    "en": frozenset(
        "mr mrs ms mx dr prof sr jr st gen maj col lt capt sgt cmdr adm gov sen rep hon rev "
        "no nos vs e.g i.e etc.al u.s u.k u.n ph.d inc ltd co corp dept est approx fig vol "
        "p pp art sec jan feb mar apr jun jul aug sep sept oct nov dec mt ft op cf".split()
    ),
    "ar": frozenset("د م أ ص ه ق ج ت".split()),
}

_TERMINAL = re.compile(r"[.!?…؟]+(?:[ \u00a0\u202f]?[»”)\]]|[\"'’])*(?=\s)")
_WORD_BEFORE = re.compile(r"(\S+?)[.!?…؟]*$")


@dataclass(frozen=True)
class Segmenter:
    """Rule-based sentence splitter for one language."""

    lang: str
    abbreviations: frozenset[str]

    @classmethod
    def for_language(cls, lang: str, extra_abbreviations: Iterable[str] = ()) -> Segmenter:
        extra = {a.lower().rstrip(".") for a in extra_abbreviations}
        return cls(lang, ABBREVIATIONS.get(lang, frozenset()) | extra)

    def split(self, text: str) -> list[tuple[int, int]]:
        """Spans of the sentences of `text`, whitespace around them excluded."""
        spans: list[tuple[int, int]] = []
        start = 0
        for match in _TERMINAL.finditer(text):
            end = match.end()
            if self._is_boundary(text, match.start(), end):
                spans.append((start, end))
                start = end
        spans.append((start, len(text)))
        return [s for s in (_strip(text, a, b) for a, b in spans) if s[0] < s[1]]

    def _is_boundary(self, text: str, mark: int, end: int) -> bool:
        rest = text[end:].lstrip()
        if not rest:
            return False
        following = rest[0]
        if following.islower() or following in ",;:،؛":
            return False
        if text[mark] != ".":
            return True
        token = _WORD_BEFORE.search(text, 0, mark + 1)
        word = (token.group(1) if token else "").lstrip("(«“\"'").lower()
        if not word or word in self.abbreviations:
            return False
        if len(word) == 1 and word.isalpha():
            return False  # an initial, as in "E. Macron"
        return not re.fullmatch(r"(?:\w\.)+\w", word)  # U.S., Ph.D.


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
