"""The translation memory: what it holds, how it scores, and how its index stays right."""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from support import NOW, write

from l10n.catalog import pofile
from l10n.catalog.model import Entry
from l10n.commands.init import init
from l10n.commands.update import new_catalog
from l10n.errors import L10nError
from l10n.languages import CODES
from l10n.proposals import memory
from l10n.proposals.memory import Memory, PoRecord, TmxRecord
from l10n.workspace import Document, Workspace

SENT = "Le ministre a reçu la délégation le 11 octobre 2021."
SENT_EN = "The minister received the delegation on 11 October 2021."
SENT_AR = "استقبل الوزير الوفد في ١١ أكتوبر ٢٠٢١."


def po_record(entries, source="fr", target="en", document="a") -> PoRecord:
    return PoRecord(f"translations/{target}/{document}.po", document, source, target,
                    tuple(entries))


def best(mem: Memory, text: str, source="fr", target="en", threshold=75.0):
    found = mem.lookup(text, source_lang=source, target_lang=target, threshold=threshold)
    return found[0] if found else None


# -- scoring -----------------------------------------------------------------------------

def test_the_score_ladder_exact_near_repaired_fuzzy():
    mem = Memory([po_record([(SENT, SENT_EN), ("Merci pour votre visite.", "Thank you for your visit.")])])
    assert (best(mem, SENT).kind, best(mem, SENT).score) == ("exact", 100)
    assert best(mem, SENT.replace(" la ", "  la ")).score == 99          # whitespace only
    assert best(mem, SENT.upper()).score == 98                            # case
    assert best(mem, SENT.rstrip(".") + " !").score == 97                 # punctuation
    assert {best(mem, t).kind for t in (SENT.upper(), SENT.rstrip("."))} == {"near"}
    repaired = best(mem, SENT.replace("11", "12"))
    assert (repaired.kind, repaired.score) == ("repaired", 95)
    assert repaired.translation == SENT_EN.replace("11", "12") and repaired.target == SENT_EN
    fuzzy = best(mem, "Merci pour votre longue visite.")
    assert fuzzy.kind == "fuzzy" and 75 <= fuzzy.score <= 94
    assert fuzzy.detail.startswith("fuzzy ") and fuzzy.detail.endswith("from a [en]")


def test_numbers_and_dates_are_put_into_the_old_translation():
    mem = Memory([po_record([(SENT, SENT_EN)]), po_record([(SENT, SENT_AR)], target="ar"),
                  po_record([("La réunion a réuni 1 000 personnes.",
                              "The meeting brought together 1,000 people.")], document="b")])
    query = "Le ministre a reçu la délégation le 3 avril 2022."
    en, ar = best(mem, query), best(mem, query, target="ar")
    assert en.translation == "The minister received the delegation on 3 April 2022."
    assert ar.translation == "استقبل الوزير الوفد في ٣ أبريل ٢٠٢٢."  # Arabic-Indic digits kept
    assert en.detail == "repaired 95 from a [en] (11 → 3, octobre → avril, 2021 → 2022)"
    thousands = best(mem, "La réunion a réuni 2\u00a0500 personnes.")
    assert thousands.translation == "The meeting brought together 2,500 people."


def test_no_repair_when_the_new_values_cannot_be_placed_for_certain():
    mem = Memory([po_record([("Il a 3 ans et 3 mois.", "He is 3 years and 3 months old."),
                             ("Il a vu 2 chats.", "He saw two cats.")])])
    ambiguous = best(mem, "Il a 4 ans et 3 mois.")   # which "3" in the translation?
    assert ambiguous.kind == "fuzzy" and ambiguous.translation == "He is 3 years and 3 months old."
    spelled = best(mem, "Il a vu 5 chats.")           # "two" is not a number to replace
    assert spelled.kind == "fuzzy" and spelled.translation == "He saw two cats."


def test_a_repaired_match_ranks_above_a_closer_plain_fuzzy_one():
    exact_words = "Le ministre a reçu 12 délégations le 3 mars 2021."
    one_letter = "Le ministre a reçu 12 délégation le 4 mars 2021."
    mem = Memory([po_record([(one_letter, "one letter off"), (exact_words, "On 3 March 2021, 12")])])
    found = mem.lookup("Le ministre a reçu 12 délégations le 4 mars 2021.", source_lang="fr",
                       target_lang="en", threshold=75, limit=2)
    assert [(m.kind, m.source) for m in found] == [("repaired", exact_words),
                                                   ("fuzzy", one_letter)]
    assert found[0].translation == "On 4 March 2021, 12" and found[1].score <= 94


def test_length_penalty_keeps_short_sentences_off_long_ones():
    mem = Memory([po_record([("Merci beaucoup.", "Thank you very much.")])])
    # plain similarity is 53 here; the length penalty halves it
    assert best(mem, "Merci.", threshold=50) is None
    assert best(mem, "Merci beaucoup !", threshold=50).score == 97


def test_reordered_words_cost_at_most_twenty_points():
    mem = Memory([po_record([("Tom aime beaucoup Marie.", "Tom loves Mary very much.")])])
    assert best(mem, "Marie aime beaucoup Tom.").score == pytest.approx(80)


def test_among_several_translations_the_most_frequent_wins_and_the_note_says_so():
    records = [po_record([("Merci.", "Thanks.")], document="a"),
               po_record([("Merci.", "Thank you.")], document="b"),
               po_record([("Merci.", "Thank you.")], document="c")]
    match = best(Memory(records), "Merci.")
    assert match.translation == "Thank you."
    assert match.detail == "exact 100 from b [en], 1 other translation"


def test_every_direction_between_fr_ar_en_from_one_document():
    mem = Memory([po_record([(SENT, SENT_EN)]), po_record([(SENT, SENT_AR)], target="ar")])
    texts = {"fr": SENT, "en": SENT_EN, "ar": SENT_AR}
    for source in texts:
        for target in texts:
            if source != target:
                match = best(mem, texts[source], source, target)
                assert (match.kind, match.translation) == ("exact", texts[target])
    assert best(mem, SENT_EN, "en", "ar").origin == "a [en+ar]"


def test_tmx_units_serve_every_direction_they_hold():
    mem = Memory(tms=[TmxRecord("tm/x.tmx", ((("en", "Yes."), ("fr", "Oui."), ("ar", "نعم.")),))])
    assert best(mem, "نعم.", "ar", "fr").translation == "Oui."
    assert best(mem, "Yes.", "en", "ar").origin == "tm/x.tmx"


def test_unknown_languages_are_refused():
    with pytest.raises(L10nError, match="unknown language 'de'"):
        Memory().lookup("x", source_lang="de", target_lang="fr", threshold=75)
    with pytest.raises(L10nError, match="the same"):
        Memory().pairs("fr", "fr")


WORDS = ["alpha", "bravo", "delta", "kilo", "mike", "oscar", "sierra", "tango", "zulu", "7",
         "12", "mars", "mai"]
SENTENCES = st.lists(st.sampled_from(WORDS), min_size=1, max_size=7).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(SENTENCES, min_size=1, max_size=40, unique=True), SENTENCES,
       st.sampled_from([50, 75, 90]))
def test_the_index_finds_what_scoring_every_entry_would(sources, query, threshold):
    """The candidate search loses nothing here: compare with one memory per entry,
    each searched with no threshold (so no length window) and filtered afterwards."""
    mem = Memory([po_record([(s, f"<{s}>") for s in sources])])
    found = mem.lookup(query, source_lang="fr", target_lang="en", threshold=threshold)
    alone = [m.score for s in sources
             for m in Memory([po_record([(s, f"<{s}>")])]).lookup(
                 query, source_lang="fr", target_lang="en", threshold=0)]
    top = max((score for score in alone if score >= threshold), default=None)
    assert (found[0].score if found else None) == top


def test_among_many_sentences_sharing_the_same_common_words_the_closest_is_kept():
    """60 sentences share "je suis" and are as long as the query: ranked by shared words
    they tie, and the old index kept the 50 closest in length, never the right one."""
    names = ["".join(random.Random(i).choices("bcdfglmnprstv", k=11)) for i in range(60)]
    mem = Memory([po_record([("Je suis tranquille.", "I am calm.")]
                            + [(f"Je suis {name}.", name) for name in names])])
    found = best(mem, "Je suis tranquilles.")
    assert (found.source, found.score) == ("Je suis tranquille.", 94)


def test_one_or_two_word_sentences_are_found_with_no_word_in_common():
    """A clitic or an agreement ending changes every word of a short sentence."""
    arabic = Memory([po_record([("خدعها.", "She deceived her."), ("خذها.", "Take it.")],
                               source="ar")])
    found = best(arabic, "وخدعها.", source="ar")  # "and she deceived her"
    assert (found.source, found.kind) == ("خدعها.", "fuzzy") and found.score > 90
    french = Memory([po_record([("Petit futé !", "Smart cookie!"),
                                ("Petit à petit.", "Little by little.")])])
    assert best(french, "Petite futée !").translation == "Smart cookie!"


COMMON = ["le", "la", "de", "et", "il", "je", "ne", "pas", "un", "est"]
RARE = ["ministre", "délégation", "sommet", "accord", "reçu", "signé", "conseil", "paix"]
PHRASES = st.lists(st.sampled_from(COMMON * 3 + RARE), min_size=1, max_size=8).map(" ".join)


def readme_score(query: str, source: str) -> float:
    """The fuzzy score as README.md defines it, for texts that are already bare words."""
    similarity = max(fuzz.ratio(query, source), fuzz.token_sort_ratio(query, source) - 20)
    shorter, longer = sorted((len(query), len(source)))
    return min(94.0, similarity * min(1.0, shorter / longer / 0.7))


def _name(number: int, size: int) -> str:
    """A distinct made-up word for each number, `size` letters when it fits."""
    letters = ""
    while True:
        letters += "bcdfghjkmnpqrstvwxz"[number % 19]
        number //= 19
        if not number:
            return (letters + "y" * size)[:max(size, len(letters))]


@settings(max_examples=400, deadline=None)
@given(PHRASES, st.integers(0, 7), st.sampled_from(["replaced", "prefix", "ending"]),
       st.sampled_from(RARE + COMMON + ["traité", "lundi"]), st.integers(0, 120),
       st.lists(PHRASES, max_size=40), st.sampled_from([60, 75, 90]))
def test_one_changed_word_never_hides_its_sentence(original, at, change, new, alike,
                                                   others, threshold):
    """One word of a memory sentence replaced, or given a prefix (a clitic) or an ending:
    whenever the README's score of the pair reaches the threshold, the lookup finds a
    match at least as good, however many memory sentences differ from the original in
    that same word with one as long as the new one."""
    words = original.split()
    at %= len(words)
    changed = {"replaced": new, "prefix": "l" + words[at], "ending": words[at] + "s"}[change]
    query = " ".join(words[:at] + [changed] + words[at + 1:])
    own = readme_score(query, original)
    assume(query != original and own >= threshold)
    siblings = [" ".join(words[:at] + [_name(i, len(changed))] + words[at + 1:])
                for i in range(alike)]
    entries = dict.fromkeys([original, *siblings, *others])
    mem = Memory([po_record([(text, f"<{text}>") for text in entries])])
    found = mem.lookup(query, source_lang="fr", target_lang="en", threshold=threshold)
    assert found and found[0].score >= own


# -- the workspace's memory and its index --------------------------------------------------

def make_workspace(root: Path, documents: dict[str, list[tuple[str, str, bool]]]) -> Workspace:
    """Documents name -> [(msgid, en msgstr, fuzzy)], written as fr→en and fr→ar POs."""
    init(root)
    ws = Workspace.open(root)
    for name, entries in documents.items():
        doc = Document(name, "fr", root / f"sources/fr/{name}.txt", ("en", "ar"))
        write(doc.source, " ".join(e[0] for e in entries) + "\n")
        for target in doc.targets:
            catalog = new_catalog(doc, target, now=NOW, project="test")
            catalog.entries = [Entry(msgid=m, msgstr=t and f"{target}:{t}",
                                     flags=["fuzzy"] if fuzzy else []) for m, t, fuzzy in entries]
            write(ws.po_path(doc.name, target), pofile.serialize(catalog))
    return ws


def all_pairs(mem: Memory) -> dict:
    return {(a, b): mem.pairs(a, b) for a in CODES for b in CODES if a != b}


def test_only_reviewed_entries_enter_the_memory(tmp_path):
    ws = make_workspace(tmp_path, {"a": [("Un.", "One.", False), ("Deux.", "Two.", True),
                                               ("Trois.", "", False)]})
    mem = memory.load(ws)
    assert [(p.source, p.target) for p in mem.pairs("fr", "en")] == [("Un.", "en:One.")]
    assert [(p.source, p.target) for p in mem.pairs("en", "fr")] == [("en:One.", "Un.")]
    assert [(p.source, p.target) for p in mem.pairs("en", "ar")] == [("en:One.", "ar:One.")]


def test_refresh_reads_only_changed_files_and_matches_a_rebuild(tmp_path, monkeypatch):
    ws = make_workspace(tmp_path, {f"d{i}": [(f"Phrase {i}.", f"Sentence {i}.", False)]
                                         for i in range(5)})
    write(ws.tm_dir / "old.tmx", b'<tmx version="1.4"><header srclang="en"/><body><tu>'
          b'<tuv xml:lang="EN-GB"><seg>Hi.</seg></tuv><tuv xml:lang="fr-FR"><seg>Salut.</seg>'
          b'</tuv></tu></body></tmx>')
    reads = []
    original = pofile.read
    monkeypatch.setattr(memory.pofile, "read", lambda path: reads.append(path) or original(path))
    first = memory.load(ws)
    assert len(reads) == 10 and ("Salut.", "Hi.") in [(p.source, p.target)
                                                        for p in first.pairs("fr", "en")]
    reads.clear()
    assert all_pairs(memory.load(ws)) == all_pairs(first) and reads == []
    po = ws.translations_dir / "en/d3.po"
    catalog = pofile.read(po)
    catalog.entries[0].msgstr = "en:Changed."
    po.write_bytes(pofile.serialize(catalog))
    (ws.translations_dir / "ar/d1.po").unlink()
    reads.clear()
    refreshed = memory.load(ws)
    assert reads == [po]
    assert ("Phrase 3.", "en:Changed.") in [(p.source, p.target) for p in refreshed.pairs("fr", "en")]
    assert not [p for p in refreshed.pairs("fr", "ar") if p.source == "Phrase 1."]
    shutil.rmtree(ws.state_dir)
    assert all_pairs(memory.load(ws)) == all_pairs(refreshed)


def test_a_damaged_index_is_rebuilt(tmp_path):
    ws = make_workspace(tmp_path, {"a": [("Un.", "One.", False)]})
    expected = all_pairs(memory.load(ws))
    ws.memory_index_path.write_text("{not json")
    assert all_pairs(memory.load(ws)) == expected


def test_source_language_comes_from_the_document_when_the_header_lacks_it(tmp_path):
    ws = make_workspace(tmp_path, {"a": [("Un.", "One.", False)]})
    po = ws.translations_dir / "en/a.po"
    catalog = pofile.read(po)
    del catalog.header["X-Source-Language"]
    po.write_bytes(pofile.serialize(catalog))
    assert [(p.source, p.target) for p in memory.load(ws).pairs("fr", "en")] == \
        [("Un.", "en:One.")]


EDIT = st.tuples(st.sampled_from(["translate", "fuzzy", "clear", "delete"]),
                 st.integers(0, 2), st.sampled_from(["en", "ar"]), st.integers(0, 2))


@settings(max_examples=40, deadline=None)
@given(st.lists(EDIT, max_size=8))
def test_after_any_edits_the_refreshed_memory_equals_a_rebuild(edits):
    with tempfile.TemporaryDirectory() as tmp:
        ws = make_workspace(Path(tmp), {f"d{d}": [(f"Phrase {d}.{i}.", f"S{d}.{i}", False)
                                                        for i in range(3)] for d in range(3)})
        memory.load(ws)
        stamp = 1_700_000_000_000_000_000
        for number, (action, doc, lang, entry) in enumerate(edits):
            po = ws.translations_dir / lang / f"d{doc}.po"
            if not po.exists():
                continue
            if action == "delete":
                po.unlink()
            else:
                catalog = pofile.read(po)
                target = catalog.entries[entry]
                target.msgstr = "" if action == "clear" else f"edit {number}"
                target.fuzzy = action == "fuzzy"
                po.write_bytes(pofile.serialize(catalog))
                # a real edit comes later than the last run; same-nanosecond saves are not modelled
                stamp += 10_000_000
                os.utime(po, ns=(stamp, stamp))
            refreshed = all_pairs(memory.load(ws))
        if edits:
            shutil.rmtree(ws.state_dir)
            assert all_pairs(memory.load(ws)) == refreshed


# -- TMX import and export -------------------------------------------------------------

def test_export_then_import_elsewhere_gives_the_same_memory(tmp_path):
    ws = make_workspace(tmp_path / "a", {"a": [(SENT, "x", False), ("Merci.", "y", False)]})
    out = tmp_path / "out.tmx"
    assert memory.export_tmx(memory.load(ws), out, source_lang="fr", target_lang="en") == 2
    other = make_workspace(tmp_path / "b", {})
    [imported] = memory.import_tmx(other, [out])
    assert imported.pairs == {"en-fr": 2} and imported.units == 2 and not imported.already
    assert (other.tm_dir / "out.tmx").read_bytes() == out.read_bytes()
    again = tmp_path / "again.tmx"
    memory.export_tmx(memory.load(other), again, source_lang="fr", target_lang="en")
    assert again.read_bytes() == out.read_bytes()


def test_import_never_replaces_a_different_file(tmp_path):
    ws = make_workspace(tmp_path / "w", {})
    first = write(tmp_path / "x.tmx", "<tmx><body/></tmx>")
    assert not memory.import_tmx(ws, [first])[0].already
    assert memory.import_tmx(ws, [first])[0].already
    write(first, "<tmx><body><tu/></body></tmx>")
    with pytest.raises(L10nError, match="already exists with other content"):
        memory.import_tmx(ws, [first])
    assert (ws.tm_dir / "x.tmx").read_text() == "<tmx><body/></tmx>"
