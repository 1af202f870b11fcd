"""Plain text: units and the rebuild round trip, on generated documents."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.formats import txt
from l10n.formats import units as document
from l10n.segmentation import Segmenter

WORDS = ["Le", "ministre", "a", "reçu", "la", "délégation", "M.", "11/10/2021", "1 000,5",
         "«", "»", "CIMCT", "l'État", "(idéologie)", "الرياض", "et", "?", "!", "…", "-", "•", "3."]
SPACES = [" ", " ", "  ", "\t", "\u00a0", "\u202f", " \n", "\r\n", "\n", "\n\n", "\r\n\r\n",
          "\n\n\n", " \n\n", "   \n"]


@st.composite
def documents(draw):
    pieces = draw(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SPACES)),
                           max_size=60))
    body = "".join(w + s for w, s in pieces)
    if draw(st.booleans()):
        body = body.rstrip("\r\n \t")  # no final newline
    prefix = draw(st.sampled_from(["", "\ufeff", " \n\n\n", "\ufeff\r\n"]))
    tail = draw(st.sampled_from(["", "Fin.", "Fin.\n", "x" * 5000 + "."]))
    return prefix + body + tail


def units_of(text: str, lang: str = "fr") -> list[document.Unit]:
    return document.extract(text, txt, Segmenter.for_language(lang))


def render(text, units, translate):
    return document.render(text, units, translate, fmt=txt, source="fr", target="ar")


@settings(max_examples=300, deadline=None)
@given(documents())
def test_identity_rebuild_is_byte_exact(text):
    units = units_of(text)
    assert render(text, units, lambda u: u.msgid) == text
    assert render(text, units, lambda u: None) == text


@settings(max_examples=300, deadline=None)
@given(documents())
def test_each_translation_lands_in_its_units_place(text):
    units = units_of(text)
    rendered = render(text, units, lambda u: f"⟦{u.msgid}⟧")
    expected, pos = [], 0
    for unit in units:
        translation = f"⟦{unit.msgid}⟧"
        if "\r\n" in text:  # a line break is written like the document's
            translation = translation.replace("\n", "\r\n")
        expected += [text[pos:unit.start], translation]
        pos = unit.end
    expected.append(text[pos:])
    assert rendered == "".join(expected)
    assert rendered.count("⟦") == len(units)
    for unit in units:
        assert unit.text.strip() == unit.text and unit.text
        assert "\ufeff" not in unit.text
    assert "\u2067" not in rendered and "\u200f" not in rendered  # no bidi marks in text


def test_paragraphs_titles_datelines_and_bullets():
    text = " \n\nLe titre\n\nRiyad – 11/10/2021\n\nUne phrase. Une autre.\n- un point\n- un autre point\n"
    units = units_of(text)
    assert [(u.msgid, u.note, u.line) for u in units] == [
        ("Le titre", "title", 3),
        ("Riyad – 11/10/2021", "dateline", 5),
        ("Une phrase.", "paragraph 1", 7),
        ("Une autre.", "paragraph 1", 7),
        ("un point", "paragraph 2", 8),
        ("un autre point", "paragraph 3", 9),
    ]


def test_line_break_inside_a_sentence_stays_in_the_msgid():
    text = "Le ministre a reçu\r\nla délégation.\r\n"
    [unit] = units_of(text)
    assert unit.msgid == "Le ministre a reçu\nla délégation."
    assert render(text, [unit], lambda u: "The minister received\nthe delegation.") == \
        "The minister received\r\nthe delegation.\r\n"


def test_empty_and_blank_documents_have_no_units():
    for text in ("", "\n\n", "\ufeff", " \t\n"):
        assert units_of(text) == []
