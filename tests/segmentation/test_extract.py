"""Document level: what `document.extract` leaves out of every unit is layout or markup.

A character of a block that no unit holds is copied as is into every edition; a closing
quote left out that way shows twice or in the wrong place once the translation carries
its own ("…role.” »"). Sentences here always have words, so every visible character of
their blocks must belong to a unit, whatever the quotes, brackets and spaces around them.
"""

from __future__ import annotations

import html
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n import formats
from l10n.formats import units as document
from l10n.segmentation import Segmenter

NBSP, NNBSP = "\u00a0", "\u202f"
WORDS = {
    "fr": ["Il", "a", "dit", "on", "verra", "le", "rôle", "Puis", "M", "Mme", "etc", "p", "ex"],
    "en": ["He", "said", "we", "will", "see", "the", "role", "Then", "Mr", "Dr", "U.S", "e.g"],
    "ar": ["قال", "الوزير", "سنرى", "الدور", "ثم", "غادر", "د", "بي", "سي"],
}
TERMINALS = [".", "!", "?", "…", "?!", "...", ". . .", "؟"]
OPENERS = ["", "«", "« ", f"«{NBSP}", "“", "‘", "(", "[", '"', f'"{NBSP}', "‹"]
CLOSERS = ["»", "”", "’", '"', ")", "]", "›"]
SPACES = ["", " ", NBSP, NNBSP]
SEPARATORS = [" ", "  ", "\n", f" {NBSP}"]


@st.composite
def sentence(draw, lang: str) -> str:
    words = draw(st.lists(st.sampled_from(WORDS[lang]), min_size=1, max_size=5))
    closing = draw(st.lists(st.tuples(st.sampled_from(SPACES), st.sampled_from(CLOSERS)),
                            max_size=2))
    return (draw(st.sampled_from(OPENERS)) + " ".join(words) + draw(st.sampled_from(TERMINALS))
            + "".join(space + mark for space, mark in closing))


@st.composite
def paragraphs(draw) -> tuple[str, list[str]]:
    lang = draw(st.sampled_from(["fr", "en", "ar"]))
    result = []
    for _ in range(draw(st.integers(1, 3))):
        parts = draw(st.lists(sentence(lang), min_size=1, max_size=5))
        text = parts[0]
        for part in parts[1:]:
            text += draw(st.sampled_from(SEPARATORS)) + part
        result.append(text)
    return lang, result


def as_document(kind: str, texts: list[str]) -> str:
    if kind == "html":
        return "<html><body>\n" + "".join(f"<p>{html.escape(t, quote=False)}</p>\n"
                                          for t in texts) + "</body></html>\n"
    return "\n\n".join(texts) + "\n"


def left_out(text: str, fmt, units: list[document.Unit]) -> list[tuple[int, str]]:
    """Visible characters of the blocks that no unit holds (markup and layout excepted)."""
    held = [False] * len(text)
    for unit in units:
        held[unit.start:unit.end] = [True] * (unit.end - unit.start)
    missing = []
    for block in fmt.blocks(text):
        for span in block.spans:
            if span.kind != "char" or not (span.text or "").strip():
                held[span.start:span.end] = [True] * (span.end - span.start)
        missing += [(i, text[i]) for i in range(block.start, block.end)
                    if not held[i] and not text[i].isspace()]
    return missing


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs(), st.sampled_from(["txt", "md", "html"]))
def test_every_visible_character_of_a_block_belongs_to_a_unit(document_, kind):
    lang, texts = document_
    text = as_document(kind, texts)
    fmt = formats.for_path(Path(f"doc.{kind}"))
    units = document.extract(text, fmt, Segmenter.for_language(lang))
    assert left_out(text, fmt, units) == []
    for before, after in zip(units, units[1:]):  # and the units do not overlap
        assert before.end <= after.start


def test_a_closing_guillemet_at_the_end_of_a_paragraph_is_in_its_unit():
    text = "Il a conclu : « Nous saluons ce rôle. »\n\nFin.\n"
    fmt = formats.for_path(Path("doc.txt"))
    units = document.extract(text, fmt, Segmenter.for_language("fr"))
    assert [u.msgid for u in units] == ["Il a conclu : « Nous saluons ce rôle. »", "Fin."]
