"""A source document cut into translatable units, and put back together with translations.

Extraction and rendering share the same units, so they cannot drift apart: rendering
replaces each unit's span and copies every other character of the source.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from .formats import Format
from .segmentation import Segmenter

_NEWLINE = re.compile("\n")


@dataclass(frozen=True)
class Unit:
    """One sentence, `text[start:end]` of its document, found on `line`."""

    start: int
    end: int
    text: str
    line: int
    note: str

    @property
    def msgid(self) -> str:
        """The text as a PO msgid: CRLF line breaks written as LF."""
        return self.text.replace("\r\n", "\n")


def extract(text: str, fmt: Format, segmenter: Segmenter) -> list[Unit]:
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    units = []
    for block in fmt.blocks(text):
        body = text[block.start:block.end]
        for start, end in segmenter.split(body):
            start += block.start
            end += block.start
            units.append(Unit(start, end, text[start:end],
                              bisect.bisect_right(line_starts, start), block.note))
    return units


def render(text: str, units: list[Unit], translate: Callable[[Unit], str | None]) -> str:
    """The source with each unit replaced by `translate(unit)`; None keeps the source."""
    out = []
    pos = 0
    for unit in units:
        translation = translate(unit)
        if translation is None:
            continue
        if translation == unit.msgid:
            translation = unit.text  # exactly the source, whatever its line breaks
        elif "\r\n" in unit.text:
            translation = translation.replace("\n", "\r\n")
        out.append(text[pos:unit.start])
        out.append(translation)
        pos = unit.end
    out.append(text[pos:])
    return "".join(out)
