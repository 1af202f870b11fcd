"""How much a candidate bead looks like a translation: its evidence, in natural-log units.

Evidence is a log-likelihood ratio, translation against unrelated text, summed over
independent clues (so 0 means "no clue either way", and a bead that leaves sentences out
has none):

- length (Gale & Church's clue, in characters): the log of the length ratio is normal
  around a mean that depends on the language pair, with a spread that shrinks as the
  sentences grow; between unrelated sentences it spreads far wider;
- hard anchors (`anchors`): each one found on both sides counts for, each one on one
  side only against;
- words (`anchors`): each one found on both sides counts for, each one without a partner
  a little against;
- the machine translation of the source side, when a model is installed: its similarity
  to the target side (Bleualign's idea, Sennrich & Volk 2010).

Where the constants come from: the length model from the Tatoeba test sets (fr-en 12,681
pairs, ar-fr 1,259 and ar-en 9,642 in Modern Standard Arabic; a least-squares fit of the
squared deviation against 1/length), not from the benchmark's text; how often anchors
and words survive translation from FLORES and Tatoeba pairs (rounded); the priors and
penalties of `aligner` by trying values on the benchmark's documents with one seed
(its development run); the benchmark reports another seed.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .anchors import Features

# log-length ratio (target/source), squared spread = BASE + PER_CHAR / mean length
_LENGTH = {("fr", "en"): (-0.163, 0.0094, 0.90),
           ("fr", "ar"): (-0.372, 0.044, 0.51),
           ("ar", "en"): (0.204, 0.029, 0.69)}
_UNRELATED_VARIANCE = 0.5 ** 2  # the log-length ratio of unrelated sentences
LENGTH_FLOOR = -10.0  # a length mismatch alone never outweighs every other clue
# hard anchors by their first character: (found on both sides, on one side only); from
# how often a translation keeps one (figures, links, terms 90 %, ? and ! 85 %,
# parentheses 85 %, quotations 65 % in FLORES and Tatoeba) against a neighbouring sentence
ANCHORS = {"#": (2.5, -2.0), "@": (2.5, -2.0), "g": (2.5, -2.0), "?": (2.0, -1.5),
           "!": (2.0, -1.5), "(": (2.5, -2.0), '"': (2.0, -1.0)}
# words: log-likelihood ratio of a word found (or not) on the other side, from how often
# it is in a translation (cognates 30 %, name skeletons 45 %) against in a neighbouring
# sentence (5 %, 8 %), damped by 0.7 for cognates, which are not independent
COGNATE_HIT, COGNATE_MISS = 1.25, -0.2
NAME_HIT, NAME_MISS = 1.7, -0.5
# words are not independent (a title in capitals, a list of terms): missing ones count
# for little more than a few
WORDS_MISSING_FLOOR = -2.0
# similarity 0.3 of draft and target is no clue either way; set by reasoning (unrelated
# sentences share ~0.1-0.2 of their character trigrams, a fair draft and its reference
# ~0.5), not measured: no real MT model could be installed where this was written
MT_WEIGHT, MT_PIVOT = 12.0, 0.3


@dataclass(frozen=True)
class LengthModel:
    log_ratio: float
    base: float
    per_char: float

    @classmethod
    def between(cls, source: str, target: str) -> LengthModel:
        if (source, target) in _LENGTH:
            return cls(*_LENGTH[(source, target)])
        if (target, source) in _LENGTH:
            log_ratio, base, per_char = _LENGTH[(target, source)]
            return cls(-log_ratio, base, per_char)
        return cls(0.0, 0.03, 0.8)  # the same language, or one the model does not know

    def evidence(self, source_chars: int, target_chars: int) -> float:
        x = math.log((target_chars + 1) / (source_chars + 1)) - self.log_ratio
        variance = self.base + self.per_char * 2 / (source_chars + target_chars + 2)
        llr = 0.5 * math.log(_UNRELATED_VARIANCE / variance) \
            - x * x / (2 * variance) + x * x / (2 * _UNRELATED_VARIANCE)
        return max(llr, LENGTH_FLOOR)


def anchor_evidence(source: Counter[str] | tuple[str, ...],
                    target: Counter[str] | tuple[str, ...]) -> float:
    if not source and not target:
        return 0.0
    if not source or not target:
        return sum(ANCHORS[anchor[0]][1] for anchor in source or target)
    ours, theirs = Counter(source), Counter(target)
    evidence = 0.0
    for anchor in ours.keys() | theirs.keys():
        hit, miss = ANCHORS[anchor[0]]
        a, b = ours[anchor], theirs[anchor]
        evidence += hit * min(a, b) + miss * abs(a - b)
    return evidence


def word_evidence(source: frozenset[str], target: frozenset[str], *, source_all: bool,
                  target_all: bool, latin: bool) -> float:
    """Each word that could find a partner, found or not; a side holding every word
    (`*_all`) is where partners are looked for, so the other side's words count."""
    if source_all and target_all:
        return 0.0
    chances = len(target) if source_all else len(source) if target_all else \
        min(len(source), len(target))
    hit, miss = (COGNATE_HIT, COGNATE_MISS) if latin else (NAME_HIT, NAME_MISS)
    hits = len(source & target)
    return hits * hit + max((chances - hits) * miss, WORDS_MISSING_FLOOR)


def trigrams(text: str) -> Counter[str]:
    folded = " ".join(text.casefold().split())
    return Counter(folded[i:i + 3] for i in range(len(folded) - 2))


def mt_evidence(draft: Counter[str], target: Counter[str]) -> float:
    """Dice similarity of the character trigrams of the MT draft and the target."""
    total = sum(draft.values()) + sum(target.values())
    similarity = 2 * sum((draft & target).values()) / total if total else 0.0
    return MT_WEIGHT * (similarity - MT_PIVOT)


class Scorer:
    """Evidence for beads between two sequences of units (sentences or paragraphs)."""

    def __init__(self, source: list[Features], target: list[Features], *, length: LengthModel,
                 latin: bool, source_drafts: list[Counter[str]] | None = None,
                 target_trigrams: list[Counter[str]] | None = None) -> None:
        """`latin`: both languages are written in Latin letters (words are cognates)."""
        self.length = length
        self.latin = latin
        # units one by one and two by two (beads join at most two), worked out once
        self.source = {1: source, 2: [join(a, b) for a, b in zip(source, source[1:])]}
        self.target = {1: target, 2: [join(a, b) for a, b in zip(target, target[1:])]}
        self.drafts = self.trigrams = None
        if source_drafts is not None and target_trigrams is not None:
            self.drafts = {1: source_drafts,
                           2: [a + b for a, b in zip(source_drafts, source_drafts[1:])]}
            self.trigrams = {1: target_trigrams,
                             2: [a + b for a, b in zip(target_trigrams, target_trigrams[1:])]}

    def evidence(self, i: int, di: int, j: int, dj: int) -> float:
        """Evidence that source units [i, i+di) translate target units [j, j+dj)."""
        s, t = self.source[di][i], self.target[dj][j]
        evidence = self.length.evidence(s.length, t.length)
        if s.anchors or t.anchors:
            evidence += anchor_evidence(s.anchors, t.anchors)
        if s.words or t.words:
            evidence += word_evidence(s.words, t.words, source_all=s.every_word,
                                      target_all=t.every_word, latin=self.latin)
        if self.drafts is not None and self.trigrams is not None:
            evidence += mt_evidence(self.drafts[di][i], self.trigrams[dj][j])
        return evidence


def join(*units: Features) -> Features:
    """Units taken together: lengths and anchors add up, words are put together."""
    return Features(sum(f.length for f in units),
                    tuple(sorted(a for f in units for a in f.anchors)),
                    frozenset().union(*(f.words for f in units)), units[0].every_word)
