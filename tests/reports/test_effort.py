"""The post-editing measures: chrF as sacreBLEU computes it, and the word edit rate."""

from __future__ import annotations

import pytest
import sacrebleu
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.proposals.effort import chrf, word_edit_rate

TEXT = st.lists(st.sampled_from(list("abcé ءبت،.«»?\n12") + ["ال", "ction", "  "]),
                max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXT, TEXT)
def test_chrf_is_sacrebleus_sentence_chrf(proposal, approved):
    assert chrf(proposal, approved) == pytest.approx(
        sacrebleu.sentence_chrf(proposal, [approved]).score, abs=1e-9)


@pytest.mark.parametrize("proposal, approved", [
    ("Le vice-ministre a reçu la délégation.", "Le vice-ministre a reçu la délégation malaisienne."),
    ("استقبل الأمين العام الوفد.", "استقبل الأمين العام للتحالف الوفد المرافق."),
    ("The minister received four delegations.", "The Minister received 4 delegations."),
])
def test_chrf_of_real_edits(proposal, approved):
    expected = sacrebleu.sentence_chrf(proposal, [approved]).score
    assert chrf(proposal, approved) == pytest.approx(expected, abs=1e-9)
    assert 0 < expected < 100


@pytest.mark.parametrize("proposal, approved, rate", [
    ("The cat sleeps.", "The cat sleeps.", 0),
    ("The cat sleeps.", "The cat is sleeping.", 50),  # one word replaced, one added: 2 / 4
    ("The big black cat sleeps here.", "The cat sleeps.", 4 / 3 * 100),  # 4 edits, 3 words
    ("استقبل الوفد", "استقبل معاليه الوفد", 100 / 3),
    ("  The cat\nsleeps. ", "The cat sleeps.", 0),  # spacing is not a word edit
])
def test_word_edit_rate_counts_word_edits_per_approved_word(proposal, approved, rate):
    assert word_edit_rate(proposal, approved) == pytest.approx(rate)


def test_many_pairs_measured_in_several_processes_give_the_same_figures():
    from l10n.proposals.effort import measure
    pairs = [(f"Le chat numéro {n} dort.", f"Le chat {n} dort bien.") for n in range(4000)]
    assert measure(pairs, workers=2) == measure(pairs, workers=1) == [
        (chrf(p, a), word_edit_rate(p, a)) for p, a in pairs]
