"""Finding glossary terms in running text through French, English and Arabic grammar."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.glossary import Glossary, grammar


def glossary(*rows: str) -> Glossary:
    return Glossary.parse("fr,en,ar\n" + "\n".join(rows) + "\n", "glossary.csv")


SAMPLE = glossary(
    "État membre,member state,الدولة العضو",
    "Major-Général,Major General,لواء",
    "Royaume d'Arabie saoudite,Kingdom of Saudi Arabia,المملكة العربية السعودية",
    "CIMCT,IMCTC,التحالف الإسلامي العسكري لمحاربة الإرهاب",
    "domaine régional,regional domain,",
    "pays,country,",
    "Secrétaire général,Secretary-General,الأمين العام",
    "Malaisie,Malaysia,ماليزيا",
)


def found(text: str, lang: str) -> list[str]:
    return [text[o.start:o.end] for o in SAMPLE.occurrences(text, lang)]


@pytest.mark.parametrize("text, expected", [
    ("l'État membre", ["État membre"]),                     # elision l'
    ("d’État membre", ["État membre"]),                     # d’ with a typographic apostrophe
    ("qu'IMCTC", []),                                       # an English term is not French
    ("jusqu'à ce que la CIMCT", ["CIMCT"]),
    ("les États membres", ["États membres"]),               # plural -s on every word
    ("les Major-Généraux", ["Major-Généraux"]),             # -al → -aux
    ("deux domaines régionaux", ["domaines régionaux"]),
    ("trois pays", ["pays"]),                               # -s already: unchanged
    ("le Royaume d’Arabie saoudite", ["Royaume d’Arabie saoudite"]),  # ' ≡ ’ inside a term
    ("le major‑général", ["major‑général"]),                # case, non-breaking hyphen
    ("l'ÉTAT MEMBRE", ["ÉTAT MEMBRE"]),
    ("Etat membre", []),                                    # a missing accent is a spelling
    ("les Étatsuniens membres", []),                        # not inside another word
    ("la CIMCTX", []),                                      # acronyms do not inflect
    ("les CIMCTs", []),
])
def test_french(text, expected):
    assert found(text, "fr") == expected


@pytest.mark.parametrize("text, expected", [
    ("the member states", ["member states"]),               # plural -s
    ("two countries", ["countries"]),                       # -y → -ies
    ("the IMCTC's members", ["IMCTC"]),                     # possessive 's outside the term
    ("two IMCTCs", ["IMCTCs"]),                             # an acronym's plural
    ("the IMCTC’s members", ["IMCTC"]),
    ("the member states' delegations", ["member states"]),  # plural possessive s'
    ("the Secretary-General's visit", ["Secretary-General"]),
    ("two Major Generals", ["Major Generals"]),
    ("the Kingdom of Saudi Arabia", ["Kingdom of Saudi Arabia"]),
    ("the Kingdom of\u00a0Saudi  Arabia", ["Kingdom of\u00a0Saudi  Arabia"]),  # any spaces
    ("MALAYSIA", ["MALAYSIA"]),
    ("Malaysian", []),                                      # a longer word is another word
    ("the countrymen", []),
])
def test_english(text, expected):
    assert found(text, "en") == expected


@pytest.mark.parametrize("text, expected", [
    ("الدولة العضو", ["الدولة العضو"]),
    ("والدولة العضو", ["الدولة العضو"]),                       # و attached
    ("فالدولة العضو", ["الدولة العضو"]),                       # ف
    ("بالدولة العضو", ["الدولة العضو"]),                       # ب
    ("كالدولة العضو", ["الدولة العضو"]),                       # ك
    ("وبالدولة العضو", ["الدولة العضو"]),                      # و then ب
    ("للدولة العضو", ["لدولة العضو"]),                         # ل + ال is written لل
    ("وللتحالف الإسلامي العسكري لمحاربة الإرهاب", ["لتحالف الإسلامي العسكري لمحاربة الإرهاب"]),
    ("دولة عضو", []),                                        # a form with ال requires it
    ("لدولة العضو", []),                                     # ل alone is not لل
    ("اللواء", ["لواء"]),                                    # a bare form takes the article
    ("باللواء", ["لواء"]),
    ("للواء", ["لواء"]),
    ("ولواء", ["لواء"]),
    ("لوائه", []),                                           # a suffix makes another word
    ("المملكةُ العربيةُ السعوديةُ", ["المملكةُ العربيةُ السعودية"]),  # diacritics ignored
    ("الأمـــين العام", ["الأمـــين العام"]),                     # so is tatweel
    ("وماليزيا", ["ماليزيا"]),
    ("الماليزي", []),
])
def test_arabic(text, expected):
    assert found(text, "ar") == expected


def test_diacritics_in_the_glossary_form_are_ignored_too():
    vowelled = glossary("Malaisie,Malaysia,مَالِيزِيَا")
    assert [o.term.form("en") for o in vowelled.occurrences("زار ماليزيا", "ar")] == ["Malaysia"]


def test_the_longest_form_wins_where_forms_overlap():
    terms = glossary("Secrétaire,Secretary,", "Secrétaire général,Secretary-General,")
    [occurrence] = terms.occurrences("Le Secrétaire général a dit.", "fr")
    assert occurrence.term.form("en") == "Secretary-General"


def test_among_a_thousand_terms_each_is_found_through_its_grammar():
    rows = [f"terme{i} spécial,special term{i},المصطلح{i} الخاص" for i in range(1000)]
    big = glossary(*rows, "État membre,member state,الدولة العضو")
    text = "Les États membres, les terme5 spéciaux, le terme999 spécial et le terme42 spécial."
    assert [o.term.form("en") for o in big.occurrences(text, "fr")] == \
        ["member state", "special term5", "special term999", "special term42"]
    arabic = "وللمصطلح7 الخاص وبالدولة العضو"
    assert [arabic[o.start:o.end] for o in big.occurrences(arabic, "ar")] == \
        ["لمصطلح7 الخاص", "الدولة العضو"]


def test_a_form_that_starts_with_punctuation_is_found_too():
    odd = glossary(".NET,.NET,", "NET,réseau,")
    assert [o.term.form("en") for o in odd.occurrences("Le cadre .NET et le NET.", "fr")] == \
        [".NET", "réseau"]


def test_where_two_forms_match_the_same_words_the_longer_form_wins_every_time():
    """The same answer in every process (the notes it writes must not change between runs)."""
    for rows in (("considéré comme,deemed,", "considérés comme,regarded as,"),
                 ("considérés comme,regarded as,", "considéré comme,deemed,")):
        [found] = glossary(*rows).occurrences("Ils sont considérés comme alliés.", "fr")
        assert found.term.form("en") == "regarded as"


ARABIC_WORDS = st.tuples(
    st.sampled_from(["", "و", "ف", "ب", "ك", "ل", "لل", "ال", "وال", "بال", "ولل"]),
    st.sampled_from(["دولة", "الدولة", "العضو", "تحالف", "التحالف", "لواء", "ماليزيا", "الأمين",
                     "العام", "مصطلح"]),
    st.sampled_from(["", "ه"])).map("".join)


FORMS = ["الدولة العضو", "لواء", "التحالف", "ماليزيا", "الأمين العام"]


@settings(max_examples=300, deadline=None)
@given(st.lists(ARABIC_WORDS, max_size=8).map(" ".join))
def test_arabic_text_without_diacritics_is_matched_with_patterns_without_them(plain):
    """Text without diacritics or tatweel is matched with patterns that leave them out
    (ten times cheaper to compile): they must find exactly what the full patterns find."""
    assert [m.span() for m in re.finditer(grammar.single(FORMS, "ar", False), plain)] == \
        [m.span() for m in re.finditer(grammar.single(FORMS, "ar", True), plain)]
    terms = glossary(*(f"t{n},t{n},{form}" for n, form in enumerate(FORMS)))
    marked = plain + " \u064e"  # one mark after the text: the glossary takes the full patterns
    assert [(o.start, o.end, o.term) for o in terms.occurrences(plain, "ar")] == \
        [(o.start, o.end, o.term) for o in terms.occurrences(marked, "ar")]
