"""The search against every path of small tables, enumerated one by one."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.align import search
from l10n.align.search import BEADS, Band, best_path


def _paths(i: int, j: int, n: int, m: int):
    """Every chain of beads from (i, j) to (n, m)."""
    if (i, j) == (n, m):
        yield []
        return
    for b, (di, dj) in enumerate(BEADS):
        if i + di <= n and j + dj <= m:
            for rest in _paths(i + di, j + dj, n, m):
                yield [(b, i, j)] + rest


def _scores(band: Band, rng: np.random.Generator) -> list[np.ndarray]:
    """Random scores for each bead starting at each cell; -inf where it runs past the end."""
    columns = band.columns
    rows = np.arange(band.n + 1)[:, None]
    out = []
    for di, dj in BEADS:
        valid = (columns >= 0) & (columns <= band.m - dj) & (rows <= band.n - di)
        out.append(np.where(valid, rng.normal(-1.0, 2.0, columns.shape), -np.inf))
    return out


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 4), st.integers(0, 4), st.integers(0, 2**32 - 1), st.booleans())
def test_best_path_and_posteriors_are_those_of_all_paths(n, m, seed, banded):
    """The best path is the best of all paths; each bead's posterior is the weight of the
    paths through it over the weight of all; the same in a band (tables searched whole
    or not: the band then covers these small tables)."""
    with pytest.MonkeyPatch.context() as patch:
        if banded:
            patch.setattr(search, "_WHOLE", 0)  # a band unless a side is empty
        band = Band.around(n, m)
    scores = _scores(band, np.random.default_rng(seed))

    def value(b: int, i: int, j: int) -> float:
        return float(scores[b][i, j - band.start[i]])

    paths = [(sum(value(*bead) for bead in path), path) for path in _paths(0, 0, n, m)]
    total = math.log(sum(math.exp(v) for v, _ in paths))
    best_value, best = max(paths, key=lambda p: p[0])
    steps = best_path(band, scores)
    assert [(BEADS.index((s.di, s.dj)), s.i, s.j) for s in steps] == best
    assert math.isclose(sum(s.score for s in steps), best_value, abs_tol=1e-9)
    if n and m:
        for step in steps:
            bead = (BEADS.index((step.di, step.dj)), step.i, step.j)
            through = [v for v, path in paths if bead in path]
            assert math.isclose(step.posterior, math.exp(math.log(sum(map(math.exp, through)))
                                                         - total), rel_tol=1e-6)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 4), st.integers(0, 4), st.integers(0, 2**32 - 1))
def test_likely_pairs_are_those_more_probable_than_not(n, m, seed):
    """Every pair more probable than not over all paths, and no other; each unit's
    probability of being in no pair, from the enumeration."""
    band = Band.around(n, m)
    scores = _scores(band, np.random.default_rng(seed))
    paths = [(math.exp(sum(float(scores[b][i, j - band.start[i]]) for b, i, j in path)), path)
             for path in _paths(0, 0, n, m)]
    total = sum(w for w, _ in paths)
    weight: dict[tuple[int, int, int], float] = {}
    source, target = [0.0] * n, [0.0] * m
    for w, path in paths:
        for b, i, j in path:
            di, dj = BEADS[b]
            if di and dj:
                weight[(b, i, j)] = weight.get((b, i, j), 0.0) + w / total
                for k in range(i, i + di):
                    source[k] += w / total
                for k in range(j, j + dj):
                    target[k] += w / total
    pairs, s_alone, t_alone = search.likely(band, scores)
    assert [(BEADS.index((p.di, p.dj)), p.i, p.j) for p in pairs] == \
        sorted((bead for bead, p in weight.items() if p > 0.5), key=lambda bead: bead[1])
    for p in pairs:
        assert math.isclose(p.posterior, weight[(BEADS.index((p.di, p.dj)), p.i, p.j)],
                            rel_tol=1e-6)
    assert np.allclose(s_alone, [1 - p for p in source], atol=1e-9)
    assert np.allclose(t_alone, [1 - p for p in target], atol=1e-9)
