"""The best monotonic chain of beads between two sequences, and how sure each step is.

Dynamic programming as in Gale & Church: a path from (0, 0) to (n, m) through beads of
1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1 and 1-3 units, each scored by its prior plus its
evidence; the best path wins (Viterbi). The same table summed instead of maximised (forward-backward)
gives each bead's posterior probability: the share of all paths, weighted by their
scores, that go through it.

Cells are searched in a band around the diagonal (as hunalign and vecalign do), wide
enough for the difference in length plus a margin, or the whole table when it is
small. Row i of the band holds the points (i, j) for j = `Band.start[i]` + k, k in
[0, width); every score is an array over the band, and a row is worked out at once with
numpy: the beads from the rows above are shifted arrays, and the 0-1 beads within the
row a running maximum (or log-sum) of prefix sums.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BEADS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))
ADD = BEADS.index((0, 1))  # the only bead that stays in its row
_MARGIN = 8     # units of slack around the diagonal, beyond the difference in length
_WHOLE = 120    # up to this many units on the shorter side, the whole table is searched
NEG = -np.inf


@dataclass(frozen=True)
class Band:
    """The points searched: row i (0..n) holds j = start[i] + k for k in [0, width)."""

    n: int
    m: int
    start: np.ndarray  # (n + 1,) int
    width: int

    @staticmethod
    def whole(n: int, m: int) -> bool:
        """Whether the whole table of n by m units is searched."""
        return min(n, m) <= _WHOLE

    @classmethod
    def around(cls, n: int, m: int) -> Band:
        if cls.whole(n, m):
            return cls(n, m, np.zeros(n + 1, dtype=np.intp), m + 1)
        half = abs(n - m) + _MARGIN
        centre = np.rint(np.arange(n + 1) * (m / n)).astype(np.intp)
        return cls(n, m, centre - half, 2 * half + 1)

    @property
    def columns(self) -> np.ndarray:
        """The j of every cell, (n + 1, width); outside [0, m] for cells off the table."""
        return self.start[:, None] + np.arange(self.width)[None, :]

    def k(self, i: int, j: int) -> int:
        return j - int(self.start[i])


@dataclass(frozen=True)
class Step:
    """Source units [i, i+di) with target units [j, j+dj); `score` = prior + evidence.

    `posterior`: the probability of this bead; `through`: that of any path passing
    through its end point (i+di, j+dj), whatever beads lead there.
    """

    i: int
    di: int
    j: int
    dj: int
    score: float
    posterior: float
    through: float


def best_path(band: Band, scores: list[np.ndarray]) -> list[Step]:
    """The best chain of beads from (0, 0) to (n, m).

    `scores[b]` (one per bead of `BEADS`, shape of the band) is the score of bead b
    starting at each cell: source units from i, target units from j; -inf where the bead
    cannot start (it would run past the end).
    """
    n, m = band.n, band.m
    if n == 0 or m == 0:  # nothing to choose: all omissions, or all additions
        return [Step(i, 1, 0, 0, float(scores[BEADS.index((1, 0))][i, band.k(i, 0)]), 1.0, 1.0)
                for i in range(n)] + \
               [Step(n, 0, j, 1, float(scores[ADD][n, band.k(n, j)]), 1.0, 1.0)
                for j in range(m)]
    best, came, forward, backward = _passes(band, scores)
    return _trace(band, scores, best, came, forward, backward)


def likely(band: Band, scores: list[np.ndarray]) -> tuple[list[Step], np.ndarray, np.ndarray]:
    """The pairs (beads with units on both sides) more probable than not, in order: they
    cannot overlap, since two overlapping beads are never on one path and their
    probabilities add up to at most one. Also, for each unit of each side, the
    probability that it is in no pair."""
    n, m = band.n, band.m
    alone = (np.ones(n), np.ones(m))
    if n == 0 or m == 0:
        return [], *alone
    _, _, forward, backward = _passes(band, scores)
    total = forward[n, band.k(n, m)]
    source, target = np.zeros(n), np.zeros(m)
    found = []
    k = np.arange(band.width)[None, :]
    for b, (di, dj) in enumerate(BEADS):
        if not (di and dj) or di > n or dj > m:
            continue
        rows = np.arange(n + 1 - di)[:, None]  # the bead starts in these rows, ends di below
        at = k + (band.start[rows] - band.start[rows + di]) + dj
        ok = (at >= 0) & (at < band.width)
        end = np.where(ok, backward[rows + di, np.clip(at, 0, band.width - 1)], NEG)
        posterior = np.exp(np.minimum(0.0, forward[:n + 1 - di] + scores[b][:n + 1 - di]
                                      + end - total))
        j = band.start[rows] + k
        inside = (j >= 0) & (j <= m - dj)
        posterior = np.where(inside, posterior, 0.0)
        for shift in range(di):
            source[shift:shift + n + 1 - di] += posterior.sum(1)
        for shift in range(dj):
            target += np.bincount((j + shift)[inside], posterior[inside], minlength=m)[:m]
        for i, c in zip(*np.nonzero(posterior > 0.5)):
            found.append(Step(int(i), di, int(j[i, c]), dj, float(scores[b][i, c]),
                              float(posterior[i, c]), 1.0))
    found.sort(key=lambda step: step.i)
    return found, np.clip(1 - source, 0.0, 1.0), np.clip(1 - target, 0.0, 1.0)


def _passes(band: Band, scores: list[np.ndarray]):
    """Viterbi (best score to each cell and the bead it ends with), forward and backward
    (log of the summed weight of all paths to and from each cell). A row takes the beads
    from the rows above all at once: a table of candidates, one per bead, gathered from
    where each bead starts."""
    n, m, width = band.n, band.m, band.width
    start = band.start
    stacked = np.stack(scores)
    down = np.array([b for b, (di, _) in enumerate(BEADS) if di])  # beads leaving the row
    di = np.array([BEADS[b][0] for b in down])[:, None]
    dj = np.array([BEADS[b][1] for b in down])[:, None]
    k = np.arange(width)[None, :]
    best = np.full((n + 1, width), NEG)
    forward = np.full((n + 1, width), NEG)
    came = np.full((n + 1, width), -1, dtype=np.int8)
    columns = band.columns
    inside = (columns >= 0) & (columns <= m)
    for i in range(n + 1):
        rows = i - di  # where each bead ending in row i starts
        at = k + (start[i] - start[np.maximum(rows, 0)])[:, :1] - dj
        ok = (rows >= 0) & (at >= 0) & (at < width)
        rows, at = np.maximum(rows, 0), np.clip(at, 0, width - 1)
        score = np.where(ok, stacked[down[:, None], rows, at], NEG)
        value = best[rows, at] + score
        top = value.max(0)
        arrow = down[value.argmax(0)].astype(np.int8)
        total = np.logaddexp.reduce(forward[rows, at] + score, axis=0)
        if i == 0:
            top[band.k(0, 0)] = total[band.k(0, 0)] = 0.0
        lo, hi = _span(inside[i])
        step = stacked[ADD, i, lo:hi - 1]  # the 0-1 bead from k - 1 to k
        best[i, lo:hi], added = _running(top[lo:hi], step, np.maximum.accumulate)
        forward[i, lo:hi], _ = _running(total[lo:hi], step, np.logaddexp.accumulate)
        arrow[lo:hi][added] = ADD
        came[i] = arrow
    backward = np.full((n + 1, width), NEG)
    for i in range(n, -1, -1):
        rows = i + di  # where each bead starting in row i ends
        at = k + (start[i] - start[np.minimum(rows, n)])[:, :1] + dj
        ok = (rows <= n) & (at >= 0) & (at < width)
        rows, at = np.minimum(rows, n), np.clip(at, 0, width - 1)
        total = np.logaddexp.reduce(
            np.where(ok, stacked[down, i] + backward[rows, at], NEG), axis=0)
        if i == n:
            total[band.k(n, m)] = 0.0
        lo, hi = _span(inside[i])
        step = stacked[ADD, i, lo:hi - 1][::-1]
        backward[i, lo:hi] = _running(total[lo:hi][::-1], step, np.logaddexp.accumulate)[0][::-1]
    return best, came, forward, backward


def _trace(band: Band, scores: list[np.ndarray], best: np.ndarray, came: np.ndarray,
           forward: np.ndarray, backward: np.ndarray) -> list[Step]:
    start = band.start
    i, j = band.n, band.m
    total = forward[i, band.k(i, j)]
    steps = []
    while i or j:
        k = band.k(i, j)
        b = int(came[i, k])
        di, dj = BEADS[b]
        r, s = i - di, j - dj
        value = float(scores[b][r, s - start[r]])
        posterior = np.exp(min(0.0, forward[r, s - start[r]] + value + backward[i, k] - total))
        through = np.exp(min(0.0, forward[i, k] + backward[i, k] - total))
        steps.append(Step(r, di, s, dj, value, float(posterior), float(through)))
        i, j = r, s
    steps.reverse()
    return steps


def _shift(values: np.ndarray, offset: int) -> np.ndarray:
    """out[k] = values[k + offset], -inf where that is outside."""
    size = len(values)
    if offset == 0:
        return values
    out = np.full(size, NEG)
    if offset > 0 and offset < size:
        out[:size - offset] = values[offset:]
    elif offset < 0 and -offset < size:
        out[-offset:] = values[:size + offset]
    return out


def _span(inside: np.ndarray) -> tuple[int, int]:
    """The cells of a row that are on the table: a slice."""
    where = np.flatnonzero(inside)
    return int(where[0]), int(where[-1]) + 1


def _running(into: np.ndarray, step: np.ndarray, accumulate) -> tuple[np.ndarray, np.ndarray]:
    """out[k] = combine(into[k], out[k-1] + step[k-1]) along a row, at once: with
    prefix sums P of the steps, out = P + accumulate(into - P). Also says which cells
    are better reached along the row (by max only)."""
    prefix = np.concatenate(([0.0], np.cumsum(step)))
    out = prefix + accumulate(into - prefix)
    along = np.zeros(len(into), dtype=bool)
    along[1:] = out[:-1] + step > into[1:]
    return out, along
