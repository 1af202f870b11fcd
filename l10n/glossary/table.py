"""glossary.csv: one row per concept, in UTF-8 with a header row.

The simple form has the columns `fr`, `en`, `ar` (the preferred form in each language),
`note` and `dnt` (yes: do not translate). Richer columns are optional, in any order:
`<lang>_admitted` and `<lang>_forbidden` (forms separated by |), `<lang>_short` (the
form for later mentions) for lang fr, en or ar, and `scope` (words or phrases separated
by |, one of which the source unit must contain for the row to apply).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from ..errors import L10nError
from .model import NO_FORMS, SEPARATOR, Forms, Term, clean

LANGS = ("fr", "en", "ar")
BASE = (*LANGS, "note", "dnt")
RICH = (*(f"{lang}_{kind}" for lang in LANGS for kind in ("admitted", "short", "forbidden")),
        "scope")
_TRUE = {"1", "yes", "true", "x", "dnt"}
_HINT = ("columns are fr, en, ar, note, dnt and, optionally, fr_admitted, fr_short, "
         "fr_forbidden (likewise for en and ar) and scope")
_QUOTES = ('a cell in quotes ends with a quote followed by a comma or the end of the line, '
           'on the same line; write a quote inside it as ""')


def read(text: str, path: Path | str | None) -> list[Term]:
    """The terms of a glossary.csv, or an L10nError naming the line to fix."""
    records = _records(text.removeprefix("\ufeff"), path)
    _, columns = next(records, (1, []))
    if not set(columns) & set(LANGS):
        raise L10nError("the header row names no language column", path=path, line=1,
                        hint="start the file with a header such as: fr,en,ar,note,dnt")
    for column in columns:
        if column not in BASE + RICH:
            raise L10nError(f"unknown column {column!r}", path=path, line=1, hint=_HINT)
        if columns.count(column) > 1:
            raise L10nError(f"column {column!r} appears twice", path=path, line=1)
    terms = []
    for line, values in records:
        if len(values) > len(columns):
            raise L10nError("more cells than columns", path=path, line=line,
                            hint="quote cells that contain commas")
        row = dict(zip(columns, values))

        def cell(name: str) -> str:
            return clean(row.get(name) or "")

        def listed(name: str) -> tuple[str, ...]:
            return tuple(dict.fromkeys(
                form for form in map(clean, (row.get(name) or "").split(SEPARATOR)) if form))

        forms = {lang: Forms(cell(lang), listed(f"{lang}_admitted"), cell(f"{lang}_short"),
                             listed(f"{lang}_forbidden")) for lang in LANGS}
        forms = {lang: f for lang, f in forms.items() if f != NO_FORMS}
        if not forms:
            continue
        term = Term(forms, cell("note"), cell("dnt").lower() in _TRUE, listed("scope"), line)
        problem = term.problem()
        if problem:
            raise L10nError(problem, path=path, line=line,
                            hint="a row holds one concept: one preferred and at most one "
                                 "short form per language")
        terms.append(term)
    return terms


def _records(text: str, path: Path | str | None) -> Iterator[tuple[int, list[str]]]:
    """Each non-empty row's cells, with the line it starts on. A row is one line: a quote
    left open would otherwise swallow the rows after it into one cell, terms lost unseen."""
    rows = csv.reader(io.StringIO(text), strict=True)
    while True:
        line = rows.line_num + 1
        try:
            values = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            raise L10nError(f"a quote is misplaced or never closed ({exc})", path=path,
                            line=line, hint=_QUOTES) from None
        if any("\n" in value or "\r" in value for value in values):
            raise L10nError("a quote opens a cell that runs over several lines", path=path,
                            line=line, hint=_QUOTES)
        if values:
            yield line, values


def write(terms: list[Term]) -> str:
    """glossary.csv for `terms`: the simple columns, and the richer ones only if used."""
    header = [*BASE, *(c for c in RICH if any(_cell(t, c) for t in terms))]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(term, column) for column in header] for term in terms)
    return out.getvalue()


def _cell(term: Term, column: str) -> str:
    if column == "note":
        return term.note
    if column == "dnt":
        return "yes" if term.dnt else ""
    if column == "scope":
        return SEPARATOR.join(term.scope)
    lang, _, kind = column.partition("_")
    value = getattr(term.get(lang), kind or "preferred")
    return SEPARATOR.join(value) if isinstance(value, tuple) else value
