"""Sentence boundaries inside one block of text, per language, as character spans.

Spans never include surrounding whitespace and never overlap; the text between them
(spaces, line breaks) belongs to the layout and is kept by whoever renders. Breaks come
from the built-in rules (`rules.py`, word lists in `languages.py`) or from an SRX file
(`srx.py`); a workspace's extra abbreviations and no-break patterns then veto some.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..errors import L10nError
from .languages import LANGUAGES
from .rules import Rules

if TYPE_CHECKING:
    import regex

# a copyright notice is one unit to the end of its line, whatever its full stops:
# «© 2021 CIMCT. Tous droits réservés.» is translated as a whole
_NOTICE = re.compile(r"(?:©|\([cC]\)(?=\s*\d)|\bCopyright\b)[^\n]*")


class Engine(Protocol):
    """Proposes breaks: positions where one sentence ends and the next begins."""

    def breaks(self, text: str) -> list[int]: ...


@dataclass(frozen=True)
class Segmenter:
    """Splits the blocks of one language into sentences.

    `warnings` says what the user should know about the rules: SRX rules that do not
    compile and were left out, or an SRX file without rules for this language.
    """

    lang: str
    engine: Engine
    no_break: tuple[regex.Pattern, ...] = ()
    warnings: tuple[str, ...] = ()

    @classmethod
    def for_language(cls, lang: str, abbreviations: Iterable[str] = (), *,
                     no_break: Iterable[str] = (), srx: Path | None = None) -> Segmenter:
        """The segmenter for `lang`: built-in rules, or `srx`'s rules when given.

        `abbreviations` are words after which a full stop never ends a sentence (the
        second argument, as before SRX support); `no_break` are regular expressions no
        sentence may end inside or right after.
        """
        data = _read(srx) if srx is not None else None
        return _build(lang, tuple(abbreviations), tuple(no_break),
                      str(srx) if srx is not None else "", data)

    def split(self, text: str) -> list[tuple[int, int]]:
        """Spans of the sentences of `text`, whitespace around them excluded."""
        breaks = self.engine.breaks(text)
        if self.no_break and breaks:
            breaks = _allowed(text, breaks, self.no_break)
        if breaks and _NOTICE.search(text):
            notices = [m.span() for m in _NOTICE.finditer(text)]
            breaks = [at for at in breaks if not any(a < at < b for a, b in notices)]
        spans = []
        start = 0
        for end in (*breaks, len(text)):
            span = _strip(text, start, end)
            if span[0] < span[1]:
                spans.append(span)
            start = end
        return spans


@functools.lru_cache(maxsize=32)
def _build(lang: str, abbreviations: tuple[str, ...], no_break: tuple[str, ...],
           srx_name: str, srx_data: bytes | None) -> Segmenter:
    """Compile once per language and rule set: a workspace of a thousand documents
    compiles its rules once, not a thousand times."""
    warnings: list[str] = []
    engine: Engine | None = None
    if srx_data is not None:
        from . import srx as srx_format  # lxml and the rule compiler, only when SRX is used
        engine, warnings = srx_format.parse(srx_data, name=srx_name).engine(lang)
        if engine is None:
            warnings.append(f"{srx_name}: no languagemap applies to {lang!r}; "
                            f"l10n's built-in rules segment it")
    if engine is None:
        engine = Rules(LANGUAGES[lang])
    patterns = [compile_pattern(p, setting=f"[segmentation] no_break {lang}")
                for p in no_break]
    words = sorted({a.strip().rstrip(".") for a in abbreviations} - {""}, key=len,
                   reverse=True)
    if words:
        import regex  # only for a workspace's own words and patterns: built-in rules use re
        alternatives = "|".join(regex.escape(w) for w in words)
        patterns.append(regex.compile(rf"(?<![\w.])(?:{alternatives})\.", regex.IGNORECASE))
    return Segmenter(lang, engine, tuple(patterns), tuple(warnings))


def compile_pattern(pattern: str, *, setting: str) -> regex.Pattern:
    """A user's no-break pattern, compiled by `regex` (so \\p{Lu} works) or a clear error."""
    import regex
    try:
        return regex.compile(pattern)
    except regex.error as exc:
        raise L10nError(f"{setting}: {pattern!r} is not a valid regular expression ({exc})",
                        hint="write it in Python's regular-expression syntax") from None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise L10nError(f"cannot read the SRX file: {exc.strerror}", path=path) from None


def _allowed(text: str, breaks: list[int], patterns: tuple[regex.Pattern, ...]) -> list[int]:
    """The breaks whose sentence does not end inside or at the end of a pattern's match."""
    covered = sorted((m.start(), m.end()) for pattern in patterns
                     for m in pattern.finditer(text, overlapped=True))
    kept = []
    reach = -1  # the furthest end among the matches that start before the sentence end
    index = 0
    for at in breaks:
        end = at
        while end > 0 and text[end - 1].isspace():
            end -= 1
        while index < len(covered) and covered[index][0] < end:
            reach = max(reach, covered[index][1])
            index += 1
        if reach < end:
            kept.append(at)
    return kept


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


__all__ = ["Engine", "Segmenter", "compile_pattern"]
