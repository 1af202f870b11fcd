"""The notes that tell translators which glossary terms apply to a unit."""

from __future__ import annotations

from l10n.glossary import Glossary
from l10n.glossary.notes import notes

GLOSSARY = Glossary.parse(
    "fr,en,ar,note,dnt,en_admitted,en_short,ar_short,en_forbidden,scope\n"
    "CIMCT,IMCTC,التحالف الإسلامي العسكري لمحاربة الإرهاب,the coalition,,"
    "Islamic Military Counter Terrorism Coalition,the Coalition,التحالف,,\n"
    "Malaisie,Malaysia,ماليزيا,,,,,,State of Malaysia,\n"
    "Major-Général,Major General,لواء,,,,,,,\n"
    "Major-Général,Maj. Gen.,اللواء الطيار الركن,the Secretary-General's rank,,,,,,Al-Moghidi\n"
    "NATO,,,an alliance,yes,,,,,\n"
    "Riyad,,الرياض,,,,,,,\n", "glossary.csv")


def test_one_note_per_term_in_order_with_what_the_target_language_needs():
    text = "La CIMCT salue la Malaisie ; la CIMCT et l'NATO à Riyad."
    assert notes(GLOSSARY, text, "fr", "en") == [
        "term: CIMCT → IMCTC or Islamic Military Counter Terrorism Coalition, after the "
        "first mention the Coalition (the coalition)",
        "term: Malaisie → Malaysia; not State of Malaysia",
        "term: NATO (do not translate; an alliance)",
    ]  # Riyad has no English form: nothing to say
    assert notes(GLOSSARY, text, "fr", "ar") == [
        "term: CIMCT → التحالف الإسلامي العسكري لمحاربة الإرهاب, after the first mention "
        "التحالف (the coalition)",
        "term: Malaisie → ماليزيا",
        "term: NATO (do not translate; an alliance)",
        "term: Riyad → الرياض",
    ]


def test_a_scoped_term_is_noted_only_where_it_applies():
    assert notes(GLOSSARY, "Le Major-Général Al-Moghidi a reçu.", "fr", "en") == [
        "term: Major-Général → Maj. Gen. (the Secretary-General's rank)"]
    assert notes(GLOSSARY, "Le Major-Général Dupont a reçu.", "fr", "en") == [
        "term: Major-Général → Major General"]
