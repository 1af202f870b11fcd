"""Three editions together: triples only where the three pairwise alignments agree."""

from __future__ import annotations

from align.editions import TEXTS, edition

from l10n.align import align
from l10n.align.aligner import Alignment, Bead
from l10n.align.edition import Edition
from l10n.align.triples import agree


def test_three_editions_give_triples_and_a_pair_where_one_left_a_sentence_out():
    fr, en = edition("fr", TEXTS["fr"]), edition("en", TEXTS["en"])
    shorter = [list(p) for p in TEXTS["ar"]]
    del shorter[2][1]  # the Arabic edition leaves sentence 6 out
    ar = edition("ar", shorter)
    groups = agree([align(fr, en), align(fr, ar), align(en, ar)])
    pairs = [g for g in groups if g.is_pair]
    assert all(g.agreed for g in pairs)
    assert [g.sentences for g in pairs] == [
        {"fr": (k,), "en": (k,), "ar": (k if k < 6 else k - 1,)} if k != 6
        else {"fr": (6,), "en": (6,)} for k in range(10)]
    assert min(g.confidence for g in pairs) > 0.5


def _alignment(source: Edition, target: Edition, beads: list[tuple[tuple, tuple]]) -> Alignment:
    return Alignment(source, target, tuple(Bead(s, t, 0.95, 3.0) for s, t in beads), 0.9, False)


def test_alignments_that_disagree_make_a_disputed_group():
    fr = Edition("fr", "fr", (("A.", "B."),))
    en = Edition("en", "en", (("A.", "B."),))
    ar = Edition("ar", "ar", (("أ.", "ب."),))
    fr_en = _alignment(fr, en, [((0,), (0,)), ((1,), (1,))])
    fr_ar = _alignment(fr, ar, [((0,), (0,)), ((1,), (1,))])
    crossed = _alignment(en, ar, [((0, 1), (0,)), ((), (1,))])  # en-ar says otherwise
    groups = agree([fr_en, fr_ar, crossed])
    assert [g.agreed for g in groups] == [False]
    assert groups[0].confidence == 0.0
    agreeing = _alignment(en, ar, [((0,), (0,)), ((1,), (1,))])
    assert [g.agreed for g in agree([fr_en, fr_ar, agreeing])] == [True, True]
