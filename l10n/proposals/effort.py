"""How much a reviewer changed a proposal: the two measures MT research uses for post-editing.

- chrF (Popović 2015): the character n-gram F-score (n = 1…6, β = 2, whitespace left
  out) of the proposal against the text the reviewer approved, 0–100; 100 is kept as it
  was. The same figure as sacreBLEU's `sentence_chrf` with its defaults.
- word edit rate: word insertions, deletions and substitutions needed to turn the proposal
  into the approved text, per word of the approved text (HTER without block shifts;
  words are what whitespace separates), as a percentage; it exceeds 100 when the
  reviewer cut a long proposal short.

Written here rather than taken from sacreBLEU, whose dependencies (lxml, tabulate,
portalocker, colorama…) a report does not need; the tests compare the two.
"""

from __future__ import annotations

from collections import Counter

from rapidfuzz.distance import Levenshtein

from .. import parallel

CHAR_ORDER = 6
BETA = 2
_BATCH = 100  # pairs measured per task


def chrf(proposal: str, approved: str) -> float:
    """chrF of `proposal` (the hypothesis) against `approved` (the reference).

    >>> chrf("Le chat dort.", "Le chat dort.")
    100.0
    >>> round(chrf("Le chat dort.", "Le chien dort."), 1)
    39.8
    """
    if proposal == approved and not approved.isspace() and approved:
        return 100.0  # kept: the common case, spared the counting
    hypothesis, reference = "".join(proposal.split()), "".join(approved.split())
    precision = recall = 0.0
    orders = 0
    for n in range(1, CHAR_ORDER + 1):
        found = Counter(hypothesis[i:i + n] for i in range(len(hypothesis) - n + 1))
        wanted = Counter(reference[i:i + n] for i in range(len(reference) - n + 1))
        if not found or not wanted:
            continue
        matched = sum((found & wanted).values())
        precision += matched / (len(hypothesis) - n + 1)
        recall += matched / (len(reference) - n + 1)
        orders += 1
    if not orders or not precision + recall:
        return 0.0
    precision, recall = precision / orders, recall / orders
    factor = BETA ** 2
    return 100 * (1 + factor) * precision * recall / (factor * precision + recall)


def word_edit_rate(proposal: str, approved: str) -> float:
    """Word edits from `proposal` to `approved`, per 100 words of `approved`.

    >>> round(word_edit_rate("the cat sat on the mat", "the cat sat on a mat"), 1)
    16.7
    """
    words = approved.split()
    edits = Levenshtein.distance(proposal.split(), words)
    return 100 * edits / max(len(words), 1)


def measure(pairs: list[tuple[str, str]], *, workers: int = 1) -> list[tuple[float, float]]:
    """chrF and word edit rate of each (proposal, approved) pair, in several processes
    when there are many: chrF counts every character n-gram of both texts."""
    batches = [pairs[i:i + _BATCH] for i in range(0, len(pairs), _BATCH)]
    return [found for batch in parallel.ordered(_measure, batches, workers=workers)
            for found in batch]


def _measure(batch: list[tuple[str, str]]) -> list[tuple[float, float]]:
    return [(chrf(p, a), word_edit_rate(p, a)) for p, a in batch]
