"""Known alignments: one edition changed in ways editors change them, in fr-en, fr-ar, ar-en."""

from __future__ import annotations

import pytest
from align.editions import (
    CONVERTED,
    EXTRA,
    JOINED_3_4,
    OTHER,
    SPLIT_FIRST,
    TEXTS,
    THREE_FIRST,
    edition,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.align import align
from l10n.align.anchors import features
from l10n.align.edition import Edition
from l10n.glossary import Forms, Glossary, Term

PAIRS = [("fr", "en"), ("fr", "ar"), ("ar", "en")]

# A target edition as paragraphs of (sentence, the source sentences it translates).
Plan = list[list[tuple[str, tuple[int, ...]]]]


def unchanged(lang: str) -> Plan:
    plan, k = [], 0
    for paragraph in TEXTS[lang]:
        plan.append([(sentence, (k + i,)) for i, sentence in enumerate(paragraph)])
        k += len(paragraph)
    return plan


def merge(plan: Plan, lang: str) -> Plan:
    """Sentences 3 and 4 (the end of paragraph 2) joined in one: a 2-1 bead."""
    plan[1][1:3] = [(JOINED_3_4[lang], (3, 4))]
    return plan


def split(plan: Plan, lang: str) -> Plan:
    """The first sentence cut in two: a 1-2 bead."""
    plan[0][0:1] = [(text, (0,)) for text in SPLIT_FIRST[lang]]
    return plan


def omit(plan: Plan, lang: str) -> Plan:
    """Sentence 6 (in paragraph 3) left out: 1-0."""
    del plan[2][1]
    return plan


def add(plan: Plan, lang: str) -> Plan:
    """A sentence no other edition has, at the end of the first paragraph: 0-1."""
    plan[0].append((EXTRA[lang], ()))
    return plan


def shift(plan: Plan, lang: str) -> Plan:
    """Paragraph 2's last sentence moved to the start of paragraph 3: still 1-1."""
    plan[2].insert(0, plan[1].pop())
    return plan


def everything(plan: Plan, lang: str) -> Plan:
    return shift(add(omit(merge(split(plan, lang), lang), lang), lang), lang)


CHANGES = [merge, split, omit, add, shift, everything]


def expected(plan: Plan) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Pairs: runs of target sentences translating the same source sentences."""
    flat = [ids for paragraph in plan for _, ids in paragraph]
    pairs, j = set(), 0
    while j < len(flat):
        end = j + 1
        while end < len(flat) and flat[end] == flat[j]:
            end += 1
        if flat[j]:
            pairs.add((flat[j], tuple(range(j, end))))
        j = end
    return pairs


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.__name__)
@pytest.mark.parametrize("source_lang,target_lang", PAIRS, ids=lambda p: p)
def test_known_alignment_is_found(source_lang, target_lang, change):
    plan = change(unchanged(target_lang), target_lang)
    source = edition(source_lang, TEXTS[source_lang])
    target = edition(target_lang, [[text for text, _ in p] for p in plan])
    alignment = align(source, target)
    assert {(b.source, b.target) for b in alignment.pairs} == expected(plan)
    covered = [i for b in alignment.beads for i in b.source]
    assert covered == list(range(len(source.sentences)))  # each once, in order
    assert alignment.corresponds


def move_up(plan: Plan, paragraph: int) -> Plan:
    """The first sentence of the next paragraph moved to the end of this one."""
    plan[paragraph].append(plan[paragraph + 1].pop(0))
    return plan


def move_down(plan: Plan, paragraph: int) -> Plan:
    """The last sentence of this paragraph moved to the start of the next one."""
    plan[paragraph + 1].insert(0, plan[paragraph].pop())
    return plan


@pytest.mark.parametrize("change", [
    lambda plan, lang: move_down(move_up(omit(plan, lang), 0), 1),
    lambda plan, lang: move_up(move_down(merge(plan, lang), 1), 2),
    lambda plan, lang: move_down(move_up(add(plan, lang), 0), 1),
], ids=["omit-up-down", "merge-down-up", "add-up-down"])
@pytest.mark.parametrize("source_lang,target_lang", PAIRS, ids=lambda p: p)
def test_paragraph_breaks_moved_twice_lose_no_pair(source_lang, target_lang, change):
    """Two paragraph breaks moved by one sentence around a change: where both editions
    seem to start a paragraph together is no place to cut the search (the paragraphs
    of the second edition no longer hold what they held)."""
    plan = change(unchanged(target_lang), target_lang)
    alignment = align(edition(source_lang, TEXTS[source_lang]),
                      edition(target_lang, [[text for text, _ in p] for p in plan]))
    assert {(b.source, b.target) for b in alignment.pairs} == expected(plan)


@pytest.mark.parametrize("three_in", ["source", "target"])
@pytest.mark.parametrize("source_lang,target_lang", PAIRS, ids=lambda p: p)
def test_a_sentence_told_in_three_is_one_bead(source_lang, target_lang, three_in):
    """A sentence split in two and one half split again (or three merged): a 1-3 (3-1)
    bead, which no bead of two sentences can hold."""
    source, target = [list(p) for p in TEXTS[source_lang]], [list(p) for p in TEXTS[target_lang]]
    if three_in == "source":
        source[0][0:1] = THREE_FIRST[source_lang]
    else:
        target[0][0:1] = THREE_FIRST[target_lang]
    alignment = align(edition(source_lang, source), edition(target_lang, target))
    first = ((0, 1, 2), (0,)) if three_in == "source" else ((0,), (0, 1, 2))
    assert (alignment.beads[0].source, alignment.beads[0].target) == first
    assert alignment.beads[0].confidence >= alignment.threshold
    assert len(alignment.pairs) == 10


@pytest.mark.parametrize("source_lang,target_lang", PAIRS, ids=lambda p: p)
def test_left_out_and_added_sentences_are_beads_of_their_own(source_lang, target_lang):
    plan = add(omit(unchanged(target_lang), target_lang), target_lang)
    alignment = align(edition(source_lang, TEXTS[source_lang]),
                      edition(target_lang, [[text for text, _ in p] for p in plan]))
    alone = {(b.source, b.target) for b in alignment.beads if not b.is_pair}
    assert alone == {((6,), ()), ((), (2,))}


@pytest.mark.parametrize("source_lang,target_lang", PAIRS, ids=lambda p: p)
def test_editions_of_different_documents_are_refused(source_lang, target_lang):
    """The communiqué against another one with as many paragraphs and sentences."""
    alignment = align(edition(source_lang, TEXTS[source_lang]),
                      edition(target_lang, OTHER[target_lang]))
    assert not alignment.corresponds
    assert alignment.score < align(edition(source_lang, TEXTS[source_lang]),
                                   edition(target_lang, TEXTS[target_lang])).score


def test_confidence_is_high_for_clean_editions_and_low_for_a_wrong_pair():
    source = edition("fr", TEXTS["fr"])
    clean = align(source, edition("en", TEXTS["en"]))
    assert all(b.confidence >= clean.threshold for b in clean.pairs)
    # the English edition's sentence 6 replaced by an unrelated one of the same length
    swapped = [list(p) for p in TEXTS["en"]]
    swapped[2][1] = EXTRA["en"]
    doubtful = align(source, edition("en", swapped))
    by_source = {b.source: b for b in doubtful.beads if b.source}
    assert by_source[(6,)].confidence < 0.9 or not by_source[(6,)].is_pair


def test_arabic_indic_digits_question_marks_and_links_are_anchors():
    """١١ أكتوبر ٢٠٢١ is 11 October 2021; ؟ is ?; a URL is itself in any script."""
    glossary = Glossary([])
    ar = features("من سيموّل المرحلة ١١ في ٢٠٢١ www.a.example.org؟", lang="ar", other="en",
                  glossary=glossary)
    en = features("Who will fund phase 11 in 2021 www.a.example.org?", lang="en", other="ar",
                  glossary=glossary)
    assert ar.anchors == en.anchors == ("#11", "#2021", "?", "@www.a.example.org")
    assert features("Le 3,5 % du 11/10/2021", lang="fr", other="ar",
                    glossary=glossary).anchors == ("#10", "#11", "#2021", "#3.5")


@pytest.mark.parametrize("source_lang,target_lang", [("fr", "en"), ("fr", "ar")],
                         ids=lambda p: p)
def test_a_translation_that_converts_its_measures_is_still_a_pair(source_lang, target_lang):
    """Three figures on each side, none shared (kilograms against pounds): the misses of
    one conversion are one clue, so the pair stays a pair in an edition where nothing
    else could take its place."""
    editions = {}
    for lang in (source_lang, target_lang):
        editions[lang] = [list(p) for p in TEXTS[lang]]
        editions[lang][2][1] = CONVERTED[lang]
    alignment = align(edition(source_lang, editions[source_lang]),
                      edition(target_lang, editions[target_lang]))
    assert {(b.source, b.target) for b in alignment.pairs} == \
        {((k,), (k,)) for k in range(10)}


def test_commas_are_anchors_but_not_in_figures():
    """A comma of either script counts; the decimal comma of 3,5 and the grouping comma of
    1,000 are part of their figure."""
    glossary = Glossary([])
    fr = features("Selon le rapport, 3,5 millions de personnes, soit 1,000 familles.",
                  lang="fr", other="ar", glossary=glossary)
    ar = features("وحسب التقرير، يحتاج ٣٫٥ مليون شخص، أي ألف عائلة.", lang="ar", other="fr",
                  glossary=glossary)
    assert fr.anchors.count(",") == ar.anchors.count(",") == 2


def test_glossary_terms_and_transliterated_names_are_shared_across_scripts():
    term = Term({"fr": Forms("Haut-Commissariat"), "en": Forms("High Commission"),
                 "ar": Forms("المفوضية السامية")}, line=2)
    glossary = Glossary([term])
    fr = features("Le Haut-Commissariat à Dalhousie.", lang="fr", other="ar", glossary=glossary)
    ar = features("وصلت المفوضية السامية إلى دالهوزي.", lang="ar", other="fr", glossary=glossary)
    assert fr.anchors == ar.anchors == ("g2",)
    assert "s:DLS" in fr.words & ar.words


def test_machine_translation_draft_decides_what_length_cannot():
    """One target sentence for two source sentences of the same length and no anchors:
    which one it translates, only the MT draft of the source tells (here given, as an
    installed model would make it)."""
    source = Edition("fr", "s", (("Les enfants jouent dans le grand parc.",
                                  "Le vieux chat dort sur le canapé."),))
    target = Edition("en", "t", (("The old cat sleeps on the sofa.",),))
    drafts = ["The children play in the big park.", "The old cat is sleeping on the couch."]
    with_mt = align(source, target, drafts=drafts)
    assert with_mt.machine and not align(source, target).machine
    assert {(b.source, b.target) for b in with_mt.pairs} == {((1,), (0,))}
    wrong = ["The old cat is sleeping on the couch.", "The children play in the big park."]
    assert {(b.source, b.target) for b in align(source, target, drafts=wrong).pairs} == \
        {((0,), (0,))}


texts = st.text(alphabet=st.sampled_from("abcdefgh éè0123 "), min_size=1, max_size=60).map(
    lambda t: t.strip() or "x")
paragraphs = st.lists(st.lists(texts, min_size=1, max_size=4).map(tuple), min_size=0,
                      max_size=4).map(tuple)


@settings(max_examples=60, deadline=None)
@given(paragraphs, paragraphs)
def test_beads_cover_every_sentence_once_in_order(ours, theirs):
    alignment = align(Edition("fr", "a", ours), Edition("en", "b", theirs))
    assert [i for b in alignment.beads for i in b.source] == \
        list(range(sum(map(len, ours))))
    assert [j for b in alignment.beads for j in b.target] == \
        list(range(sum(map(len, theirs))))
    assert all(0.0 <= b.confidence <= 1.0 for b in alignment.beads)
