"""A document's translation checked against the glossary, unit after unit.

A source term needs one of its accepted forms in the translation, or its short form once
an earlier unit (or this one) has named it in full; repeating the full form where a short
one is house style is a problem of its own kind ("repeat"), so it can be a warning. A
forbidden form is reported wherever its term applies; a do-not-translate term must stay
as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import Glossary, grammar


@dataclass(frozen=True)
class Problem:
    kind: str  # "term", "forbidden", "dnt" or "repeat"
    message: str


class Mentions:
    """What one document's translation has named in full so far (review its units in
    document order, one Mentions per document and target language)."""

    def __init__(self) -> None:
        self._named: set[str] = set()  # keys of the full forms the reader has seen
        self._last: tuple[tuple[str, str], list[Problem]] | None = None

    def review(self, glossary: Glossary, source: str, target: str, source_lang: str,
               target_lang: str, *, standalone: bool = False) -> list[Problem]:
        """The glossary's problems with one unit's translation; asking again about the same
        unit gives the same answer (several checks share one review). A `standalone` unit
        (a headline, a page's title or description) is read on its own: it names terms in
        full, and that is no first mention for the running text."""
        if self._last is not None and self._last[0] == (source, target, standalone):
            return self._last[1]
        problems: list[Problem] = []
        named: set[str] = set()
        allowed: list[tuple[int, int]] = []  # spans of accepted forms in the target
        reviewed: set[int] = set()
        for found in glossary.occurrences(source, source_lang):
            term = found.term
            if id(term) in reviewed:
                continue
            reviewed.add(id(term))
            written = source[found.start:found.end]
            if term.dnt:
                if written not in target:
                    problems.append(Problem("dnt", f"«{written}» is not to be translated"))
                continue
            forms = term.get(target_lang)
            if not forms.accepted:
                continue
            keys = {grammar.key(form, target_lang) for form in forms.accepted}
            full = glossary.spans(target, target_lang, term, "accepted")
            allowed += full
            if full:
                if forms.short and not standalone and (keys & self._named or len(full) > 1):
                    problems.append(Problem("repeat", f"«{forms.preferred}» again: after the "
                                                      f"first mention, «{forms.short}» is "
                                                      "house style"))
                named |= keys
                continue
            short = glossary.spans(target, target_lang, term, "short")
            if short and keys & self._named:
                allowed += short
                continue
            later = (f" (its short form «{forms.short}» only after a first full mention)"
                     if short else "")
            problems.append(Problem("term", f"glossary: «{written}» is «{forms.preferred}» "
                                            f"in {target_lang}{later}"))
        for hit in glossary.forbidden(target, target_lang, source=source,
                                      source_lang=source_lang):
            if any(start <= hit.start and hit.end <= end for start, end in allowed):
                continue  # «لواء» inside «اللواء الطيار الركن», where that title is right
            preferred = hit.term.get(target_lang).preferred
            instead = f" (write «{preferred}»)" if preferred else ""
            problems.append(Problem("forbidden", f"glossary: «{target[hit.start:hit.end]}» "
                                                 f"is not used in {target_lang}{instead}"))
        problems = list(dict.fromkeys(problems))
        if not standalone:
            self._named |= named
        self._last = ((source, target, standalone), problems)
        return problems
