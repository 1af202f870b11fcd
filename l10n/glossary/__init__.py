"""The workspace glossary (`glossary.csv`): approved terms per language, and finding them.

A term is a concept with, per language, a preferred form, admitted variants, forbidden
forms and a short form for later mentions, plus a note, do-not-translate and a scope
(`model`). `table` reads and writes the CSV, `tbx` exchanges TBX-Basic with CAT tools,
`grammar` finds forms through elision, plurals and Arabic clitics, `review` checks a
document's translations against the terms and `notes` tells translators about them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..files import read_text
from . import grammar, table
from .model import Forms, Occurrence, Term

__all__ = ["FILE_NAME", "Forms", "Glossary", "Occurrence", "Term"]

FILE_NAME = "glossary.csv"


class Glossary:
    """Terms, and where they occur in a text.

    Each language has one combined pattern for the forms a source may use (preferred and
    admitted) and one for forbidden forms, compiled on first use: a glossary of a thousand
    terms costs one scan of a text, not a thousand.
    """

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = tuple(terms)
        self._combined: dict[tuple[str, str], tuple[re.Pattern[str], list[list[Term]]] | None] = {}
        self._single: dict[tuple[int, str, str], re.Pattern[str]] = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Glossary) and self.terms == other.terms

    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def load(cls, path: Path) -> Glossary:
        """The glossary at `path`; an absent file is an empty glossary."""
        if not path.exists():
            return cls([])
        return cls.parse(read_text(path), path)

    @classmethod
    def parse(cls, text: str, path: Path | str | None) -> Glossary:
        return cls(table.read(text, path))

    def occurrences(self, text: str, lang: str) -> list[Occurrence]:
        """Non-overlapping occurrences of terms in `text`, by their preferred or admitted
        forms. Where forms overlap, the longest found first wins; where terms share a form,
        one whose scope `text` holds comes before one without a scope."""
        return self._scan(text, lang, "accepted", text)

    def forbidden(self, text: str, lang: str, *, source: str, source_lang: str
                  ) -> list[Occurrence]:
        """Forbidden forms in `text`, of terms that apply to its `source`."""
        return self._scan(text, lang, "forbidden", source, source_lang)

    def spans(self, text: str, lang: str, term: Term, kind: str) -> list[tuple[int, int]]:
        """Where the term's "accepted" forms (or its "short" one) occur in `text`."""
        forms = term.get(lang)
        wanted = forms.accepted if kind == "accepted" else (forms.short,) if forms.short else ()
        if not wanted:
            return []
        return [m.span() for m in self._pattern(term, lang, kind, list(wanted)).finditer(text)]

    def applies(self, term: Term, source: str, lang: str) -> bool:
        """Whether `source` holds one of the term's scope phrases (or it has no scope)."""
        return not term.scope or self._pattern(term, lang, "scope", list(term.scope)).search(
            source) is not None

    def _pattern(self, term: Term, lang: str, kind: str, forms: list[str]) -> re.Pattern[str]:
        key = (id(term), lang, kind)
        if key not in self._single:
            self._single[key] = re.compile(grammar.single(forms, lang), grammar.flags(lang))
        return self._single[key]

    def _scan(self, text: str, lang: str, kind: str, source: str,
              source_lang: str | None = None) -> list[Occurrence]:
        matcher = self._matcher(lang, kind)
        if matcher is None:
            return []
        pattern, candidates = matcher
        found, pos = [], 0
        while match := pattern.search(text, pos):
            index = int(match.lastgroup[1:])
            term = next((t for t in candidates[index]
                         if self.applies(t, source, source_lang or lang)), None)
            if term is None:  # every term of this form is out of its scope here
                pos = match.start() + 1
                continue
            found.append(Occurrence(*match.span(f"t{index}"), term))
            pos = match.end()
        return found

    def _matcher(self, lang: str, kind: str) -> tuple[re.Pattern[str], list[list[Term]]] | None:
        if (lang, kind) not in self._combined:
            by_key: dict[str, tuple[str, list[Term]]] = {}
            for term in self.terms:
                for form in getattr(term.get(lang), kind):
                    by_key.setdefault(grammar.key(form, lang), (form, []))[1].append(term)
            ordered = sorted(by_key.values(), key=lambda entry: -len(entry[0]))
            self._combined[lang, kind] = (
                re.compile(grammar.combined([form for form, _ in ordered], lang),
                           grammar.flags(lang)),
                [sorted(terms, key=lambda t: not t.scope) for _, terms in ordered],
            ) if ordered else None
        return self._combined[lang, kind]
