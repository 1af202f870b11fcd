"""The workspace glossary (`glossary.csv`): approved terms per language, and finding them.

One row per concept, columns `fr`, `en`, `ar`, optional `note` and `dnt` (do not
translate: the term stays as written in every language). Matching ignores case and
Arabic diacritics and sees through French elision (l'État) and Arabic attached
prefixes (و ف ب ل ك, and لل for ال).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from .config import LANGUAGES
from .errors import L10nError
from .files import read_text

FILE_NAME = "glossary.csv"
_DIACRITICS = "[\u064b-\u065f\u0670\u0640]*"
_TRUE = {"1", "yes", "true", "x", "dnt"}


@dataclass(frozen=True)
class Term:
    forms: dict[str, str]  # language -> approved term
    note: str = ""
    dnt: bool = False
    line: int = 0

    def form(self, lang: str) -> str | None:
        return self.forms.get(lang)


@dataclass(frozen=True)
class Occurrence:
    start: int
    end: int
    term: Term


class Glossary:
    """Terms and compiled matchers, one per language."""

    def __init__(self, terms: list[Term]) -> None:
        self.terms = tuple(terms)
        self._patterns: dict[str, tuple[re.Pattern[str], list[Term]] | None] = {}
        self._single: dict[tuple[str, str], re.Pattern[str]] = {}

    @classmethod
    def load(cls, path: Path) -> Glossary:
        """The glossary at `path`; an absent file is an empty glossary."""
        if not path.exists():
            return cls([])
        return cls.parse(read_text(path), path)

    @classmethod
    def parse(cls, text: str, path: Path) -> Glossary:
        reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
        columns = set(reader.fieldnames or ())
        if not columns & set(LANGUAGES):
            raise L10nError("the header row names no language column", path=path, line=1,
                            hint="start the file with a header such as: fr,en,ar,note,dnt")
        unknown = columns - set(LANGUAGES) - {"note", "dnt"}
        if unknown:
            raise L10nError(f"unknown column {sorted(unknown)[0]!r}", path=path, line=1,
                            hint="columns are fr, en, ar, note and dnt")
        terms = []
        for row in reader:
            if None in row:
                raise L10nError("more cells than columns", path=path, line=reader.line_num,
                                hint="quote cells that contain commas")
            forms = {lang: row[lang].strip() for lang in LANGUAGES if (row.get(lang) or "").strip()}
            if forms:
                terms.append(Term(forms, (row.get("note") or "").strip(),
                                  (row.get("dnt") or "").strip().lower() in _TRUE,
                                  reader.line_num))
        return cls(terms)

    def occurrences(self, text: str, lang: str) -> list[Occurrence]:
        """Non-overlapping occurrences of terms in `text`; where terms overlap, the
        longest one found first wins (one combined pattern per language, so a glossary
        of a thousand terms costs one scan, not a thousand)."""
        matcher = self._matcher(lang)
        if matcher is None:
            return []
        pattern, terms = matcher
        found = []
        for match in pattern.finditer(text):
            index = int(match.lastgroup[1:])
            found.append(Occurrence(*match.span(f"t{index}"), terms[index]))
        return found

    def contains(self, text: str, lang: str, term: Term) -> bool:
        form = term.form(lang)
        if not form:
            return False
        if (form, lang) not in self._single:
            self._single[(form, lang)] = re.compile(_expression(form, lang, "t"),
                                                    0 if lang == "ar" else re.IGNORECASE)
        return self._single[(form, lang)].search(text) is not None

    def _matcher(self, lang: str) -> tuple[re.Pattern[str], list[Term]] | None:
        if lang not in self._patterns:
            terms = sorted((t for t in self.terms if t.form(lang)),
                           key=lambda t: -len(t.forms[lang]))
            alternatives = "|".join(f"(?P<g{i}>{_expression(t.forms[lang], lang, f't{i}')})"
                                    for i, t in enumerate(terms))
            self._patterns[lang] = (re.compile(alternatives, 0 if lang == "ar"
                                               else re.IGNORECASE), terms) if terms else None
        return self._patterns[lang]


def _expression(term: str, lang: str, group: str) -> str:
    """A regex for `term` that tolerates case, diacritics and attached prefixes; the term
    itself (without prefix) is the named `group`."""
    def body(chars: str) -> str:
        pieces = [r"\s+" if ch.isspace() else re.escape(ch) for ch in chars]
        return _DIACRITICS.join(pieces) if lang == "ar" else "".join(pieces)

    if lang != "ar":
        return rf"(?<!\w)(?P<{group}>{body(term)})(?!\w)"
    core = body(term)
    if term.startswith("ال") and len(term) > 2:
        core = f"{core}|ل{_DIACRITICS}{body(term[2:])}"  # ل + التحالف is written للتحالف
    return rf"(?<!\w)[وف]?[بكل]?(?P<{group}>{core})(?!\w)"
