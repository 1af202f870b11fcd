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

    def inside(i: int, j: int) -> bool:
        return abs(j * n - i * m) <= width * max(n, m)

    scores: dict[tuple[int, int, int, int], float] = {}
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {(0, 0): (0.0, None)}
    forward: dict[tuple[int, int], float] = {(0, 0): 0.0}
    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) == (0, 0) or not inside(i, j):
                continue
            top, came, terms = -math.inf, None, []
            for di, dj in BEADS:
                before = (i - di, j - dj)
                if before not in forward:
                    continue
                s = scores[(i - di, di, j - dj, dj)] = score(i - di, di, j - dj, dj)
                value = best[before][0] + s
                if value > top:
                    top, came = value, (di, dj)
                terms.append(forward[before] + s)
            if terms:
                best[(i, j)] = (top, came)
                forward[(i, j)] = _logsumexp(terms)
    backward: dict[tuple[int, int], float] = {(n, m): 0.0}
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            if (i, j) == (n, m) or (i, j) not in forward:
                continue
            terms = [scores[(i, di, j, dj)] + backward[(i + di, j + dj)]
                     for di, dj in BEADS if (i + di, j + dj) in backward
                     and (i, di, j, dj) in scores]
            if terms:
                backward[(i, j)] = _logsumexp(terms)
    total = forward[(n, m)]
    steps = []
    i, j = n, m
    while (i, j) != (0, 0):
        di, dj = best[(i, j)][1]
        i, j = i - di, j - dj
        s = scores[(i, di, j, dj)]
        end = (i + di, j + dj)
        posterior = math.exp(min(0.0, forward[(i, j)] + s + backward[end] - total))
        through = math.exp(min(0.0, forward[end] + backward[end] - total))
        steps.append(Step(i, di, j, dj, s, posterior, through))
    steps.reverse()
    return steps


def _logsumexp(values: list[float]) -> float:
    top = max(values)
    if top == -math.inf:
        return top
    return top + math.log(sum(math.exp(v - top) for v in values))
