"""The MT engine on real (copy-model) packages: routes, masking, whitespace, order, cache."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.glossary import Glossary
from l10n.proposals import masking, models, mt

SIX = [
    ("fr", "en", "[en] Bonjour.", ("fr", "en")),
    ("en", "fr", "[fr] Bonjour.", ("en", "fr")),
    ("en", "ar", "[ar] Bonjour.", ("en", "ar")),
    ("ar", "en", "[en] Bonjour.", ("ar", "en")),
    ("fr", "ar", "[ar] [en] Bonjour.", ("fr", "en", "ar")),
    ("ar", "fr", "[fr] [en] Bonjour.", ("ar", "en", "fr")),
]


@pytest.fixture
def engine(models_dir):
    return mt.Engine(models.scan(models_dir).packages, options=mt.Options(threads=2))


@pytest.fixture
def model_inputs(monkeypatch):
    """What the models were given, leg by leg."""
    seen: list[list[str]] = []
    real = mt.Model.translate

    def spy(self, texts):
        seen.append(list(texts))
        return real(self, texts)

    monkeypatch.setattr(mt.Model, "translate", spy)
    return seen


@pytest.mark.parametrize("source, target, expected, route", SIX)
def test_all_six_directions_direct_or_through_english(engine, source, target, expected, route):
    [result] = engine.translate(["Bonjour."], source=source, target=target)
    assert (result.text, result.route, result.flags) == (expected, route, ())
    assert [f"{p.source}_{p.target}" for p in result.packages] == \
        [f"{a}_{b}" for a, b in zip(route, route[1:])]


def test_a_missing_route_names_the_packages_to_install(models_dir):
    only_fr_en = [p for p in models.scan(models_dir).packages if p.source == "fr"]
    with pytest.raises(Exception) as info:
        mt.Engine(only_fr_en).translate(["Bonjour."], source="fr", target="ar")
    assert str(info.value) == ("no model installed for fr→ar (install translate-fr_ar, or "
                               "translate-fr_en and translate-en_ar with `l10n models install`)")


def test_placeholders_numbers_urls_and_emails_never_reach_the_model(engine, model_inputs):
    text = ("Bienvenue, %(user_name)s : 1\u202f000 invités le 12/05/2024 à 10h30, voir "
            "https://x.org/a_b?c=1 ou écrire à presse@cimct.org, <b>{page}</b>.")
    [result] = engine.translate([text], source="fr", target="ar")
    assert result.text == "[ar] [en] " + text  # exact, narrow no-break space included
    assert result.flags == ()
    assert model_inputs[0] == ["Bienvenue, ⟦0⟧ : ⟦1⟧ invités le ⟦2⟧ à ⟦3⟧, voir ⟦4⟧ ou "
                               "écrire à ⟦5⟧, ⟦6⟧⟦7⟧⟦8⟧."]
    assert model_inputs[1] == ["[en] " + model_inputs[0][0]]


def test_inline_markup_placeholders_are_masked_whole(engine, model_inputs):
    text = "Une durée de <1>cinq jours</1>, voir <2/>."
    [result] = engine.translate([text], source="fr", target="en")
    assert result.text == "[en] " + text
    assert model_inputs[0] == ["Une durée de ⟦0⟧cinq jours⟦1⟧, voir ⟦2⟧."]


def test_glossary_terms_come_back_in_their_approved_target_form(models_dir, model_inputs):
    glossary = Glossary.parse("fr,en,ar,dnt\n"
                              "Secrétaire général,Secretary-General,الأمين العام,\n"
                              "CIMCT,CIMCT,CIMCT,yes\n", path=None)
    engine = mt.Engine(models.scan(models_dir).packages, glossary=glossary)
    [to_ar, to_en] = [engine.translate(["Le secrétaire général du CIMCT l'a dit."], source="fr",
                                       target=t)[0].text for t in ("ar", "en")]
    assert to_ar == "[ar] [en] Le الأمين العام du CIMCT l'a dit."
    assert to_en == "[en] Le Secretary-General du CIMCT l'a dit."
    assert model_inputs[0] == ["Le ⟦0⟧ du ⟦1⟧ l'a dit."]


def test_whitespace_outside_and_inside_is_kept(engine):
    texts = ["  Bonjour.\n", "Un titre :\n\n  la suite.", "A\tB", "   "]
    assert [r.text for r in engine.translate(texts, source="fr", target="en")] == [
        "  [en] Bonjour.\n", "[en] Un titre :\n\n  la suite.", "[en] A\tB", "   "]


def test_many_sentences_of_every_length_come_back_in_order(models_dir, model_inputs):
    engine = mt.Engine(models.scan(models_dir).packages,
                       options=mt.Options(threads=2, batch_size=4))
    texts = ["Le ministre a reçu les délégations. " * (i % 7) + f"Phrase {chr(65 + i % 26)}"
             f"{chr(97 + i // 26)}." for i in range(45)] + ["Phrase 1.", "Phrase 2."]
    results = engine.translate(texts, source="fr", target="en")
    assert [r.text for r in results] == ["[en] " + t for t in texts]
    assert sum(len(batch) for batch in model_inputs) == engine.model_calls == 46
    assert "Phrase ⟦0⟧." in model_inputs[-1]  # the two differ only by a masked number


def test_the_same_sentence_is_never_translated_twice(models_dir, tmp_path):
    cache = mt.Cache(tmp_path / ".l10n" / "mt-cache.sqlite3")
    packages = models.scan(models_dir).packages
    first = mt.Engine(packages, cache=cache)
    assert [r.text for r in first.translate(["Bonjour.", "Bonjour.", "Merci."], source="fr",
                                            target="ar")] == \
        ["[ar] [en] Bonjour.", "[ar] [en] Bonjour.", "[ar] [en] Merci."]
    assert (first.model_calls, first.cache_hits) == (4, 0)  # two sentences, two legs
    later = mt.Engine(packages, cache=cache)  # another run, another document
    assert later.translate(["Merci."], source="fr", target="ar")[0].text == "[ar] [en] Merci."
    assert later.translate(["Merci."], source="fr", target="en")[0].text == "[en] Merci."
    assert (later.model_calls, later.cache_hits) == (0, 3)
    other_beam = mt.Engine(packages, cache=cache, options=mt.Options(beam_size=1))
    other_beam.translate(["Merci."], source="fr", target="en")
    assert other_beam.model_calls == 1  # the cache is keyed by model and decoding


def test_reviewed_english_starts_the_pivot(engine, model_inputs):
    results = engine.translate(["Bonjour.", "Merci."], source="fr", target="ar",
                               pivots=["Hello there.", None])
    assert [r.text for r in results] == ["[ar] Hello there.", "[ar] [en] Merci."]
    assert [r.reviewed_pivot for r in results] == [True, False]
    assert [[p.name for p in r.packages] for r in results] == \
        [["translate-en_ar"], ["translate-fr_en", "translate-en_ar"]]
    assert [sorted(leg) for leg in model_inputs] == [["Merci."], ["Hello there.", "[en] Merci."]]


def test_degenerate_output_is_returned_but_flagged(random_archive, tmp_path):
    package = models.install(tmp_path / "models", random_archive)
    [result] = mt.Engine([package]).translate(["Le ministre a reçu 12 délégations."],
                                              source="fr", target="en")
    assert result.text
    assert any(f.startswith(("length ratio", "repetition", "invented number", "lost number"))
               for f in result.flags), result.flags


@pytest.mark.parametrize("output, flags", [
    ("[en] He received ⟦0⟧ delegations.", []),
    ("[en] He received delegations.", ["lost number 12"]),
    ("[en] He received ⟦0⟧ delegations in 2023.", ["invented number 2023"]),
    ("[en] He received ⟦0⟧ ⟦0⟧ delegations.", ["repeated number 12"]),
    ("[en] He " + "received " * 4 + "⟦0⟧.", ["repetition «received» ×4"]),
    ("[en] He " + "received " * 9 + "⟦0⟧.",
     ["repetition «received» ×9", "length ratio 2.9"]),
    ("He.", ["lost number 12", "length ratio 0.4"]),
])
def test_guards(output, flags):
    source = "Il a reçu 12 délégations."
    masked = masking.mask(source, source="fr", target="en")
    restored, problems = masking.unmask(output, masked)
    assert problems + mt.check(source, restored, masked=masked.text, output=output) == flags


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80))
def test_masking_round_trips_any_text(text):
    lead, core, trail = masking.split_outer(text)
    assert lead + core + trail == text
    masked = masking.mask(core, source="fr", target="en")
    assert masking.unmask(masked.text, masked) == (core, [])
    assert masking.unmask("[en] " + masked.text, masked) == ("[en] " + core, [])
