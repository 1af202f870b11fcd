"""Two editions of one document in, beads of sentences with a confidence out.

Sentences are aligned over the whole document: a bead that joins sentences of two
paragraphs on one side only, or a pair that starts a paragraph on one side only, is
penalised, not forbidden, since a paragraph break placed elsewhere in one edition is
common and costs the alignment nothing. (Cutting documents at the paragraph boundaries
both editions surely share lost pairs around moved breaks: measured in the benchmark.)
Long documents, whose search keeps to a band around the diagonal, are aligned
paragraphs first: paragraphs are aligned like sentences (their lengths and anchors add
up), and each point where both editions surely start a paragraph together (posterior
≥ `CUT`) cuts them into regions the band is laid over.

A pair's confidence is the probability that the bead is in the alignment (its
posterior, forward-backward over all alignments). The pairs are those more probable than
not, wherever the single best alignment would put them (it may join two sentences that
are each more probably left out); the other sentences are reported as left out or
added, with the probability that they are in no pair.
The document's score is the evidence of its pairs per sentence: the best path between
editions of different documents still finds a few pairs that look alike, but little
evidence for them (measured in the benchmark; below `MIN_SCORE` they are refused)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..glossary import Glossary
from .anchors import ARABIC, Features, features
from .edition import Edition
from .model import LengthModel, Scorer, join, trigrams
from .search import BEADS, Band, Step, best_path, likely

# log prior of each kind of bead against 1-1 (Gale & Church's are -4.5, -2.3 and -4.4;
# omissions are made likelier here, as editions of communiqués drop and add sentences;
# 3-1 and 1-3 meet a sentence merged with, or split from, a sentence already cut in two)
PRIOR = {(1, 1): 0.0, (1, 0): -2.5, (0, 1): -2.5, (2, 1): -2.5, (1, 2): -2.5, (2, 2): -4.5,
         (3, 1): -5.0, (1, 3): -5.0}
CROSSING = -1.5     # a bead joining two paragraphs on one side only
BREAK_MISMATCH = -1.0  # a pair starting where one edition starts a paragraph, the other not
CUT = 0.99          # paragraph boundaries surer than this cut the sentence search
THRESHOLD = 0.9     # confidence from which a pair goes to the memory
MIN_SCORE = 0.4     # evidence per sentence below which editions are of different documents


@dataclass(frozen=True)
class Bead:
    """Source sentences with target sentences (indexes into each edition's `sentences`).

    One side empty is an omission or an addition. `confidence` is in [0, 1]; `evidence`
    is what the bead's own text says (log-likelihood ratio; see `model`).
    """

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float
    evidence: float

    @property
    def is_pair(self) -> bool:
        return bool(self.source and self.target)


@dataclass(frozen=True)
class Alignment:
    source: Edition
    target: Edition
    beads: tuple[Bead, ...]
    threshold: float
    machine: bool  # whether an MT draft of the source took part

    @property
    def pairs(self) -> list[Bead]:
        return [b for b in self.beads if b.is_pair]

    @property
    def score(self) -> float:
        """The evidence of the pairs per sentence (mean of both editions' counts): near 0
        or below for editions of different documents."""
        sentences = (len(self.source.sentences) + len(self.target.sentences)) / 2
        return sum(b.evidence for b in self.pairs) / sentences if sentences else 0.0

    @property
    def corresponds(self) -> bool:
        return self.score >= MIN_SCORE

    def text(self, bead: Bead) -> tuple[str, str]:
        """The bead's source and target text (sentences joined by a space)."""
        source, target = self.source.sentences, self.target.sentences
        return " ".join(source[i] for i in bead.source), " ".join(target[j] for j in bead.target)


def align(source: Edition, target: Edition, *, glossary: Glossary = Glossary([]),
          drafts: list[str] | None = None, threshold: float = THRESHOLD) -> Alignment:
    """Align two editions; `drafts` are MT outputs of the source sentences, in order, in the
    target's language (Bleualign's clue), when a model is installed."""
    s_text, t_text = source.sentences, target.sentences
    if drafts is not None and len(drafts) != len(s_text):
        raise ValueError("one draft per source sentence")
    s_features = [features(s, lang=source.lang, other=target.lang, glossary=glossary)
                  for s in s_text]
    t_features = [features(t, lang=target.lang, other=source.lang, glossary=glossary)
                  for t in t_text]
    length = LengthModel.between(source.lang, target.lang)
    latin = ARABIC not in (source.lang, target.lang)
    s_drafts = [trigrams(d) for d in drafts] if drafts is not None else None
    t_trigrams = [trigrams(t) for t in t_text] if drafts is not None else None
    s_starts, t_starts = _starts(source), _starts(target)
    regions = [(0, 0), (len(s_text), len(t_text))]
    if not Band.whole(len(s_text), len(t_text)):  # long: paragraphs first
        paragraphs = Scorer(_pooled(s_features, s_starts), _pooled(t_features, t_starts),
                            length=length, latin=latin,
                            source_drafts=_summed(s_drafts, s_starts) if s_drafts else None,
                            target_trigrams=_summed(t_trigrams, t_starts) if t_trigrams
                            else None)
        regions = _regions(paragraphs, s_starts, t_starts)
    scorer = Scorer(s_features, t_features, length=length, latin=latin,
                    source_drafts=s_drafts, target_trigrams=t_trigrams)
    layout = _Layout(s_starts, t_starts)
    beads = []
    for (i0, j0), (i1, j1) in zip(regions, regions[1:]):
        band = Band.around(i1 - i0, j1 - j0)
        evidence = [_table(scorer, band, i0, j0, di, dj) if di and dj else None
                    for di, dj in BEADS]
        scores = [PRIOR[(di, dj)] + (evidence[b] + layout.penalties(band, i0, j0, di, dj)
                                     if di and dj else _room(band, di, dj))
                  for b, (di, dj) in enumerate(BEADS)]
        pairs, s_alone, t_alone = likely(band, scores)
        i, j = 0, 0  # the units before each pair are left out or added
        for step in pairs + [Step(i1 - i0, 0, j1 - j0, 0, 0.0, 1.0, 1.0)]:
            beads += [Bead((i0 + k,), (), float(s_alone[k]), 0.0) for k in range(i, step.i)]
            beads += [Bead((), (j0 + k,), float(t_alone[k]), 0.0) for k in range(j, step.j)]
            if step.di:
                found = evidence[BEADS.index((step.di, step.dj))][step.i, band.k(step.i, step.j)]
                beads.append(Bead(tuple(range(i0 + step.i, i0 + step.i + step.di)),
                                  tuple(range(j0 + step.j, j0 + step.j + step.dj)),
                                  step.posterior, float(found)))
            i, j = step.i + step.di, step.j + step.dj
    return Alignment(source, target, tuple(beads), threshold, drafts is not None)


def _regions(scorer: Scorer, s_starts: list[int], t_starts: list[int]) -> list[tuple[int, int]]:
    """Sentence positions (i, j) where both editions surely start a paragraph together,
    from (0, 0) to the ends."""
    band = Band.around(len(s_starts) - 1, len(t_starts) - 1)
    scores = [PRIOR[(di, dj)] + (_table(scorer, band, 0, 0, di, dj) if di and dj
                                 else _room(band, di, dj)) for di, dj in BEADS]
    cuts = [(0, 0)]
    for step in best_path(band, scores):
        if step.through >= CUT:
            cuts.append((s_starts[step.i + step.di], t_starts[step.j + step.dj]))
    end = (s_starts[-1], t_starts[-1])
    return cuts if cuts[-1] == end else cuts + [end]


_CELLS = 1 << 22  # evidence is worked out this many (cell x anchor or word) at a time


def _table(scorer: Scorer, band: Band, i0: int, j0: int, di: int, dj: int) -> np.ndarray:
    """The evidence of the bead di-dj starting at each cell of the band (units from
    i0 + i and j0 + j); -inf where it would run past the end."""
    columns = band.columns
    rows = np.arange(band.n + 1)
    valid = (columns >= 0) & (columns <= band.m - dj) & (rows <= band.n - di)[:, None]
    out = np.full(columns.shape, -np.inf)
    grams = scorer.source.grams
    depth = 1 + max(scorer.hit.size, 0 if grams is None else grams.shape[1])
    block = max(1, min(band.width, _CELLS // (band.width * depth)))  # about a square
    for r0 in range(0, band.n - di + 1, block):
        r1 = min(r0 + block, band.n - di + 1)
        inside = valid[r0:r1]
        if not inside.any():
            continue
        where = np.nonzero(inside)
        j = columns[r0:r1][where]
        c0, c1 = int(j.min()), int(j.max()) + 1
        dense = scorer.evidence(di, dj, slice(i0 + r0, i0 + r1), slice(j0 + c0, j0 + c1))
        out[r0:r1][where] = dense[where[0], j - c0]
    return out


def _room(band: Band, di: int, dj: int) -> np.ndarray:
    """0 where an omission (1-0) or an addition (0-1) can start, -inf elsewhere."""
    columns = band.columns
    rows = np.arange(band.n + 1)[:, None]
    valid = (columns >= 0) & (columns <= band.m - dj) & (rows <= band.n - di)
    return np.where(valid, 0.0, -np.inf)


class _Layout:
    """Where paragraphs start, for the penalties of beads that disagree with them."""

    def __init__(self, s_starts: list[int], t_starts: list[int]) -> None:
        self.paragraph = (_paragraph_of(s_starts), _paragraph_of(t_starts))
        self.starts = (_starting(s_starts), _starting(t_starts))

    def penalties(self, band: Band, i0: int, j0: int, di: int, dj: int) -> np.ndarray:
        """A bead joining sentences of two paragraphs on one side only; a pair starting
        where one edition starts a paragraph and the other does not."""
        s_para, t_para = self.paragraph
        s_start, t_start = self.starts
        # cells where the bead cannot start are clipped to any sentence: their evidence
        # is -inf whatever the penalty
        i = np.clip(i0 + np.arange(band.n + 1), 0, max(0, len(s_para) - di))[:, None]
        j = np.clip(j0 + band.columns, 0, max(0, len(t_para) - dj))
        if len(s_para) < di or len(t_para) < dj:
            return np.zeros(band.columns.shape)
        crossing = (s_para[i] != s_para[i + di - 1]) != (t_para[j] != t_para[j + dj - 1])
        mismatch = s_start[i] != t_start[j]
        return CROSSING * crossing + BREAK_MISMATCH * mismatch


def _starts(edition: Edition) -> list[int]:
    """The sentence index where each paragraph starts, and the number of sentences."""
    starts = [0]
    for paragraph in edition.paragraphs:
        starts.append(starts[-1] + len(paragraph))
    return starts


def _paragraph_of(starts: list[int]) -> np.ndarray:
    """The paragraph of each sentence (and one past the last, for clipped lookups)."""
    return np.repeat(np.arange(len(starts)), np.diff(starts + [starts[-1] + 1]))


def _starting(starts: list[int]) -> np.ndarray:
    """Whether each sentence starts a paragraph."""
    starting = np.zeros(starts[-1] + 1, dtype=bool)
    starting[starts] = True
    return starting


def _pooled(units: list[Features], starts: list[int]) -> list[Features]:
    """Paragraphs as units."""
    return [join(*units[a:b]) for a, b in zip(starts, starts[1:])]


def _summed(grams: list[Counter[str]], starts: list[int]) -> list[Counter[str]]:
    return [sum(grams[a:b], Counter()) for a, b in zip(starts, starts[1:])]

