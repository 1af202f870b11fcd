"""One published edition of a document: its paragraphs, each cut into sentences.

Paragraphs are the blocks of the document's format and sentences the units `l10n update`
would make of them, so an aligned pair is exactly the (msgid, msgstr) a PO file would
hold for the same text: the memory finds it again with the same cut.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import formats
from ..files import read_bytes
from ..formats.units import extract

if TYPE_CHECKING:
    from ..segmentation import Segmenter


@dataclass(frozen=True)
class Edition:
    """`name` says where the text came from (shown in provenance and reports)."""

    lang: str
    name: str
    paragraphs: tuple[tuple[str, ...], ...]

    @property
    def sentences(self) -> list[str]:
        return [s for paragraph in self.paragraphs for s in paragraph]


def from_text(text: str, *, lang: str, name: str, fmt: formats.Format,
              segmenter: Segmenter) -> Edition:
    """The edition of `text`, a document in format `fmt`: each block with its sentences.

    A block nested in another one's markup (an image's alt text in a paragraph) counts
    as its own paragraph, after the one holding it.
    """
    blocks = sorted(fmt.blocks(text), key=lambda b: (b.start, -b.end))
    starts = [b.start for b in blocks]
    paragraphs: dict[int, list[str]] = {}
    for unit in extract(text, fmt, segmenter):
        k = bisect.bisect_right(starts, unit.start) - 1
        while k > 0 and not blocks[k].start <= unit.start < blocks[k].end:
            k -= 1  # the innermost block that holds the unit
        paragraphs.setdefault(k, []).append(unit.msgid)
    return Edition(lang, name, tuple(tuple(paragraphs[k]) for k in sorted(paragraphs)))


def read(path: Path, *, lang: str, name: str, segmenter: Segmenter,
         limit: int | None = None) -> Edition:
    """The edition in the file at `path` (any format l10n reads)."""
    fmt = formats.for_path(path)
    return from_text(fmt.decode(read_bytes(path, limit=limit), path), lang=lang, name=name,
                     fmt=fmt, segmenter=segmenter)
