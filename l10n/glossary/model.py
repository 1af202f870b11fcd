"""A concept of the glossary: its forms in each language, a note, and when it applies."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

SEPARATOR = "|"  # between the forms of a list in glossary.csv


@dataclass(frozen=True)
class Forms:
    """How one language names a concept.

    `preferred` is what a translation should say; `admitted` are accepted too; `short` is
    house style after a first full mention in the same document («التحالف», "the
    Coalition"); `forbidden` must never be written.
    """

    preferred: str = ""
    admitted: tuple[str, ...] = ()
    short: str = ""
    forbidden: tuple[str, ...] = ()

    @property
    def accepted(self) -> tuple[str, ...]:
        """The full forms a first mention may use."""
        return ((self.preferred,) if self.preferred else ()) + self.admitted


NO_FORMS = Forms()


@dataclass(frozen=True)
class Term:
    """One concept: its forms per language (only languages that have some), a note for
    translators, do-not-translate, and a scope: words or phrases one of which the source
    unit must contain for the term to apply (a title that belongs to one person)."""

    forms: dict[str, Forms]
    note: str = ""
    dnt: bool = False
    scope: tuple[str, ...] = ()
    line: int = field(default=0, compare=False)  # where it was read, for messages

    def get(self, lang: str) -> Forms:
        return self.forms.get(lang, NO_FORMS)

    def form(self, lang: str) -> str | None:
        """The preferred form in `lang`, if any."""
        return self.get(lang).preferred or None

    def problem(self) -> str | None:
        """What makes this term unusable, in words a glossary editor acts on."""
        for lang, forms in self.forms.items():
            if (forms.admitted or forms.short) and not forms.preferred:
                return f"{lang}: admitted or short forms need a preferred form"
            accepted = {f.lower() for f in forms.accepted}
            if forms.short.lower() in accepted:
                return f"the short form «{forms.short}» is also a full form in {lang}"
            clash = (accepted | {forms.short.lower()}) & {f.lower() for f in forms.forbidden}
            if clash:
                return f"«{clash.pop()}» is both accepted and forbidden in {lang}"
        for text in (*(f for forms in self.forms.values() for f in _all(forms)), *self.scope):
            if SEPARATOR in text:
                return f"«{text}» contains {SEPARATOR}, which separates forms in a list"
            if any(unicodedata.category(ch) == "Cc" for ch in text):
                return f"«{text!r}» contains a control character"
        return None


@dataclass(frozen=True)
class Occurrence:
    start: int
    end: int
    term: Term


def clean(text: str) -> str:
    """Text as the glossary keeps it: NFC, one space between words, none around."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _all(forms: Forms) -> tuple[str, ...]:
    return (*forms.accepted, *((forms.short,) if forms.short else ()), *forms.forbidden)
