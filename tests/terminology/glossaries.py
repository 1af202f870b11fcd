"""Hypothesis strategies for glossaries: every kind of form, in the three languages."""

from __future__ import annotations

from hypothesis import strategies as st

from l10n.glossary import Forms, Term, table

_WORD = st.text(st.sampled_from("abcéÉ'’- ضصثقفغعهخحجدالأمين"), min_size=1, max_size=12)
_FORM = _WORD.map(lambda s: " ".join(s.split())).filter(bool)


@st.composite
def terms(draw) -> Term:
    forms = {}
    for lang in draw(st.lists(st.sampled_from(table.LANGS), min_size=1, unique=True)):
        preferred = draw(_FORM)
        accepted = {preferred.lower()}
        admitted = tuple(f for f in draw(st.lists(_FORM, max_size=2, unique=True))
                         if f.lower() not in accepted)
        accepted |= {f.lower() for f in admitted}
        short = draw(_FORM.filter(lambda f: f.lower() not in accepted) | st.just(""))
        accepted.add(short.lower())
        forbidden = tuple(dict.fromkeys(f for f in draw(st.lists(_FORM, max_size=2))
                                        if f.lower() not in accepted))
        forms[lang] = Forms(preferred, admitted, short, forbidden)
    return Term(forms, draw(_FORM | st.just("")), draw(st.booleans()),
                tuple(draw(st.lists(_FORM, max_size=2, unique=True))))
