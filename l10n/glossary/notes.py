"""What translators see of the glossary in Poedit: `#.` notes on the entries it concerns.

Poedit shows extracted comments as "Notes for translators" and msgcat keeps them on save.
`update` writes them from the template, so a note disappears when its term no longer
applies (the source changed, or the glossary did).

>>> glossary = Glossary.parse("fr,en,ar,note\\nCIMCT,IMCTC,التحالف,the coalition\\n", None)
>>> notes(glossary, "La CIMCT a reçu la délégation.", "fr", "en")
['term: CIMCT → IMCTC (the coalition)']
"""

from __future__ import annotations

from . import Glossary, Term

PREFIX = "term: "


def notes(glossary: Glossary, text: str, source_lang: str, target_lang: str) -> list[str]:
    """One note per glossary term that applies to `text`, in order of first occurrence."""
    lines = [_note(found.term, source_lang, target_lang)
             for found in glossary.occurrences(text, source_lang)]
    return list(dict.fromkeys(line for line in lines if line))


def _note(term: Term, source_lang: str, target_lang: str) -> str | None:
    name = term.form(source_lang)
    forms = term.get(target_lang)
    if term.dnt:
        line = f"{PREFIX}{name} (do not translate"
        return line + (f"; {term.note})" if term.note else ")")
    if not forms.accepted and not forms.forbidden:
        return None
    line = f"{PREFIX}{name} → {' or '.join(forms.accepted)}" if forms.accepted else \
        f"{PREFIX}{name}"
    if forms.short:
        line += f", after the first mention {forms.short}"
    if forms.forbidden:
        line += f"; not {', '.join(forms.forbidden)}"
    return line + (f" ({term.note})" if term.note else "")
