"""The best monotonic chain of beads between two sequences, and how sure each step is.

Dynamic programming as in Gale & Church: a path from (0, 0) to (n, m) through beads of
1-1, 1-2, 2-1, 1-0, 0-1 and 2-2 units, each scored by its prior plus its evidence; the
best path wins (Viterbi). The same table summed instead of maximised (forward-backward)
gives each bead's posterior probability: the share of all paths, weighted by their
scores, that go through it. Long sequences are searched in a band around the diagonal,
wide enough for the difference in length plus a margin.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

BEADS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2))
_MARGIN = 8  # units of slack around the diagonal, beyond the difference in length


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


def best_path(n: int, m: int, score: Callable[[int, int, int, int], float]) -> list[Step]:
    """The best chain of beads from (0, 0) to (n, m); `score(i, di, j, dj)` of a bead."""
    if n == 0 or m == 0:  # nothing to choose: all omissions, or all additions
        return [Step(i, 1, 0, 0, score(i, 1, 0, 0), 1.0, 1.0) for i in range(n)] + \
               [Step(n, 0, j, 1, score(n, 0, j, 1), 1.0, 1.0) for j in range(m)]
    width = abs(n - m) + _MARGIN
    columns = m + 1
    size = (n + 1) * columns
    best = [-math.inf] * size      # Viterbi: the best path's score to each point
    came = [-1] * size             # the bead (index into BEADS) it ends with
    forward = [-math.inf] * size   # the log of the sum over all paths to each point
    scores: list[list[float] | None] = [None] * size  # per point, each bead ending there
    best[0] = forward[0] = 0.0
    for i in range(n + 1):
        low = max(0, -(-(i * m - width * max(n, m)) // n))
        high = min(m, (i * m + width * max(n, m)) // n)
        for j in range(low, high + 1):
            if i == 0 and j == 0:
                continue
            here = [-math.inf] * len(BEADS)
            top, arrow, terms = -math.inf, -1, []
            for k, (di, dj) in enumerate(BEADS):
                if di > i or dj > j:
                    continue
                before = (i - di) * columns + j - dj
                if forward[before] == -math.inf:
                    continue
                value = here[k] = score(i - di, di, j - dj, dj)
                if best[before] + value > top:
                    top, arrow = best[before] + value, k
                terms.append(forward[before] + value)
            if terms:
                at = i * columns + j
                best[at], came[at], forward[at] = top, arrow, _logsumexp(terms)
                scores[at] = here
    backward = [-math.inf] * size
    backward[size - 1] = 0.0
    for at in range(size - 1, -1, -1):
        if forward[at] == -math.inf or at == size - 1:
            continue
        i, j = divmod(at, columns)
        terms = []
        for k, (di, dj) in enumerate(BEADS):
            if i + di <= n and j + dj <= m:
                end = (i + di) * columns + j + dj
                if scores[end] is not None and backward[end] > -math.inf:
                    terms.append(scores[end][k] + backward[end])
        if terms:
            backward[at] = _logsumexp(terms)
    total = forward[size - 1]
    steps = []
    at = size - 1
    while at:
        di, dj = BEADS[came[at]]
        value = scores[at][came[at]]
        i, j = divmod(at, columns)
        before = (i - di) * columns + j - dj
        posterior = math.exp(min(0.0, forward[before] + value + backward[at] - total))
        through = math.exp(min(0.0, forward[at] + backward[at] - total))
        steps.append(Step(i - di, di, j - dj, dj, value, posterior, through))
        at = before
    steps.reverse()
    return steps


def _logsumexp(values: list[float]) -> float:
    top = max(values)
    if top == -math.inf:
        return top
    return top + math.log(sum(math.exp(v - top) for v in values))
