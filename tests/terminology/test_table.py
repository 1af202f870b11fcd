"""glossary.csv: the simple form reads as before, the richer columns are optional, bad rows
are refused with their line, and writing then reading gives the same glossary."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import translate_all, write
from terminology.glossaries import terms

from l10n.errors import L10nError
from l10n.glossary import Forms, Glossary, Term, table


def test_the_simple_form_reads_unchanged():
    sample = Glossary.parse(  # the sample's glossary before it had richer columns
        "fr,en,ar,note,dnt\nCIMCT,IMCTC,التحالف الإسلامي العسكري لمحاربة الإرهاب,the coalition "
        "(acronym; Arabic uses the full name),\nRiyad,Riyadh,الرياض,,\n", "glossary.csv")
    [coalition] = [t for t in sample.terms if t.form("fr") == "CIMCT"]
    assert coalition.forms["en"] == Forms("IMCTC")
    assert coalition.forms["ar"] == Forms("التحالف الإسلامي العسكري لمحاربة الإرهاب")
    assert coalition.note.startswith("the coalition")
    assert not coalition.dnt and coalition.scope == ()
    simple = Glossary.parse("fr,en,ar,note,dnt\nOTAN,NATO,,,\nNATO,NATO,,,yes\n", None)
    assert [t.dnt for t in simple.terms] == [False, True]


def test_richer_columns_are_optional_and_in_any_order():
    text = ("scope,fr,en,ar,en_admitted,en_forbidden,ar_short,note\n"
            "Al-Moghidi|Secrétaire général,Major-Général,Maj. Gen.,اللواء الطيار الركن,"
            "Major General| Major-General ,Maj Gen,,the SG's rank\n"
            ",CIMCT,IMCTC,التحالف الإسلامي العسكري لمحاربة الإرهاب,,,التحالف,\n")
    [rank, coalition] = Glossary.parse(text, None).terms
    assert rank.scope == ("Al-Moghidi", "Secrétaire général")
    assert rank.forms["en"] == Forms("Maj. Gen.", ("Major General", "Major-General"), "",
                                     ("Maj Gen",))
    assert rank.forms["en"].accepted == ("Maj. Gen.", "Major General", "Major-General")
    assert coalition.scope == () and coalition.forms["ar"].short == "التحالف"


@pytest.mark.parametrize("text, line, message", [
    ("fr,en,colour\n", 1, "unknown column 'colour'"),
    ("fr,en,en\n", 1, "column 'en' appears twice"),
    ("note\nx\n", 1, "the header row names no language column"),
    ("fr,en\na,b,c\n", 2, "more cells than columns"),
    ("fr,en,en_admitted\nÉtat,,State\n", 2, "en: admitted or short forms need a preferred form"),
    ("fr,en,en_short\nCIMCT,,the Coalition\n", 2, "en: admitted or short forms need"),
    ("fr,en,en_forbidden\nMalaisie,Malaysia,State|malaysia\n", 2,
     "«malaysia» is both accepted and forbidden in en"),
    ("fr,en,en_short\nCIMCT,IMCTC,the Coalition|IMCTC\n", 2, "contains |"),
    ("fr,en,en_short\nCIMCT,IMCTC,imctc\n", 2, "the short form «imctc» is also a full form"),
])
def test_bad_rows_are_refused_with_their_line(text, line, message):
    with pytest.raises(L10nError) as info:
        Glossary.parse(text, "glossary.csv")
    assert message in info.value.message and info.value.line == line
    assert str(info.value).startswith(f"glossary.csv:{line}: ")


def test_a_simple_glossary_is_written_in_the_simple_form():
    terms = [Term({"fr": Forms("Riyad"), "en": Forms("Riyadh")}, "capital")]
    assert table.write(terms) == "fr,en,ar,note,dnt\nRiyad,Riyadh,,capital,\n"


def test_cells_are_kept_as_one_line_of_single_spaces():
    [term] = Glossary.parse('fr,en,note\n"  Royaume  d\'Arabie ",KSA,"a \t note"\n', None).terms
    assert term.forms["fr"].preferred == "Royaume d'Arabie" and term.note == "a note"


@pytest.mark.parametrize("text, line", [
    ('fr,en\nRiyad,Riyadh\n"Malaisie,Malaysia\nOTAN,NATO\n', 3),  # never closed
    ('fr,en\n"Malaisie,Malaysia\nOTAN,NATO\nÉtat",State\nRiyad,Riyadh\n', 2),  # closed later
    ('fr,en\nRiyad,Riyadh\n"Malaisie" (pays),Malaysia\n', 3),  # text after a closing quote
])
def test_a_stray_quote_is_refused_at_the_line_it_starts_not_read_as_one_cell(text, line):
    with pytest.raises(L10nError) as info:
        Glossary.parse(text, "glossary.csv")
    assert info.value.line == line and "quote" in info.value.message, info.value
    assert '""' in info.value.hint


def test_glossary_check_refuses_a_glossary_with_an_unclosed_quote(workspace, run):
    (workspace / "l10n.toml").write_text('[languages]\nfr = ["en"]\n')
    write(workspace / "sources/fr/a.txt", "Le Secrétaire général est en Malaisie.\n")
    run("update", cwd=workspace)
    translate_all(workspace / "translations/en/a.po",
                  lambda e: "The General Secretary is in the State of Malaysia.")
    write(workspace / "glossary.csv", 'fr,en,en_forbidden\nRiyad,Riyadh,\n'
                                      '"Malaisie,Malaysia,State of Malaysia\n'
                                      'Secrétaire général,Secretary-General,General Secretary\n')
    result = run("glossary", "check", cwd=workspace)
    assert result.code == 2, result.out
    assert result.err.startswith("l10n: error: glossary.csv:3: "), result.err
    assert "disagreement" not in result.out  # no count: the glossary could not be read


@settings(max_examples=200, deadline=None)
@given(st.lists(terms(), max_size=6))
def test_writing_then_reading_gives_the_same_glossary(written):
    assert Glossary.parse(table.write(written), None) == Glossary(written)
