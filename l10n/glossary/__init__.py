"""The workspace glossary (`glossary.csv`): approved terms per language, and finding them.

A term is a concept with, per language, a preferred form, admitted variants, forbidden
forms and a short form for later mentions, plus a note, do-not-translate and a scope
(`model`). `table` reads and writes the CSV, `tbx` exchanges TBX-Basic with CAT tools,
`grammar` finds forms through elision, plurals and Arabic clitics, `review` checks a
document's translations against the terms and `notes` tells translators about them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..files import read_text
from . import grammar, table
from .model import Forms, Occurrence, Term

__all__ = ["Forms", "Glossary", "Occurrence", "Term"]


class Glossary:
    """Terms, and where they occur in a text.

    Forms are indexed by their first word, per language and kind of form (those a source
    may use, and forbidden ones), when first needed: finding terms in a text is one pass
    over its words with a dictionary look-up each, and a regex only where a form may
    start, so a glossary of a thousand terms costs about what a glossary of ten does.
    """

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = tuple(terms)
        self._indexes: dict[tuple[str, str], _Index] = {}
        self._single: dict[tuple[int, str, str, bool], re.Pattern[str]] = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Glossary) and self.terms == other.terms

    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def load(cls, path: Path) -> Glossary:
        """The glossary at `path`; an absent file is an empty glossary. The same text
        loaded again in a process is the same glossary, with what it has indexed (a
        command's workers load it once per batch of documents)."""
        if not path.exists():
            return cls([])
        return _parsed(read_text(path), path)

    @classmethod
    def parse(cls, text: str, path: Path | str | None) -> Glossary:
        return cls(table.read(text, path))

    def occurrences(self, text: str, lang: str) -> list[Occurrence]:
        """Non-overlapping occurrences of terms in `text`, by their preferred or admitted
        forms. Where forms overlap, the one that starts first, then the longest, wins;
        where terms share a form, one whose scope `text` holds comes before one without."""
        return self._scan(text, lang, "accepted", text, lang)

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
        pattern = self._pattern(term, lang, kind, list(wanted), grammar.marked(text, lang))
        return [m.span() for m in pattern.finditer(text)]

    def applies(self, term: Term, source: str, lang: str) -> bool:
        """Whether `source` holds one of the term's scope phrases (or it has no scope)."""
        if not term.scope:
            return True
        scope = self._pattern(term, lang, "scope", list(term.scope), grammar.marked(source, lang))
        return scope.search(source) is not None

    def _pattern(self, term: Term, lang: str, kind: str, forms: list[str], marks: bool
                 ) -> re.Pattern[str]:
        key = (id(term), lang, kind, marks)
        if key not in self._single:
            self._single[key] = grammar.compiled(grammar.single(forms, lang, marks), lang)
        return self._single[key]

    def _scan(self, text: str, lang: str, kind: str, source: str, source_lang: str
              ) -> list[Occurrence]:
        index = self._index(lang, kind)
        if not index.groups and index.rest is None:
            return []
        found: list[tuple[int, int, int, Occurrence]] = []
        marks = grammar.marked(text, lang)

        def take(group: _Group, match: re.Match[str]) -> None:
            number = int(match.lastgroup[1:])
            term = next((t for t in group.terms[number] if self.applies(t, source, source_lang)),
                        None)  # None: every term of this form is out of its scope here
            if term is not None:  # first, longest match, then longest form: the same every run
                found.append((match.start(), match.start() - match.end(), group.ranks[number],
                              Occurrence(*match.span(f"t{number}"), term)))

        for word in grammar.WORD.finditer(text):
            for key in grammar.word_keys(word.group(), lang):
                group = index.groups.get(key)
                if group is None:
                    continue
                if match := group.pattern(lang, marks).match(text, word.start()):
                    take(group, match)
        if index.rest is not None:
            for match in index.rest.pattern(lang, marks).finditer(text):
                take(index.rest, match)
        occurrences, end = [], 0
        for start, _, _, occurrence in sorted(found, key=lambda item: item[:3]):
            if start >= end:
                occurrences.append(occurrence)
                end = occurrence.end
        return occurrences

    def _index(self, lang: str, kind: str) -> _Index:
        if (lang, kind) not in self._indexes:
            by_form: dict[str, tuple[str, list[Term]]] = {}
            for term in self.terms:
                for form in getattr(term.get(lang), kind):
                    by_form.setdefault(grammar.key(form, lang), (form, []))[1].append(term)
            index = _Index({}, None)
            ordered = sorted(by_form.values(), key=lambda entry: -len(entry[0]))
            for rank, (form, terms) in enumerate(ordered):
                key = grammar.index_key(form, lang)
                if key is None:
                    index.rest = index.rest or _Group()
                    group = index.rest
                else:
                    group = index.groups.setdefault(key, _Group())
                group.forms.append(form)
                group.ranks.append(rank)
                group.terms.append(sorted(terms, key=lambda t: not t.scope))
            self._indexes[lang, kind] = index
        return self._indexes[lang, kind]


@functools.lru_cache(maxsize=4)
def _parsed(text: str, path: Path) -> Glossary:
    return Glossary.parse(text, path)


@dataclass
class _Group:
    """Forms that may start at the same word, longest first, with their terms (scoped
    ones first); their regex is compiled when a text first has such a word."""

    forms: list[str] = field(default_factory=list)
    ranks: list[int] = field(default_factory=list)  # of the forms, longest first, glossary-wide
    terms: list[list[Term]] = field(default_factory=list)
    _compiled: dict[bool, re.Pattern[str]] = field(default_factory=dict)

    def pattern(self, lang: str, marks: bool) -> re.Pattern[str]:
        if marks not in self._compiled:
            self._compiled[marks] = grammar.compiled(grammar.combined(self.forms, lang, marks),
                                                     lang)
        return self._compiled[marks]


@dataclass
class _Index:
    groups: dict[str, _Group]  # by the first word of their forms (grammar.index_key)
    rest: _Group | None  # forms that do not start with a word: searched for everywhere
