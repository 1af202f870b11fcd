"""What every document format gives the rest of the tool: translatable blocks with spans."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Block:
    """A stretch of translatable text, `text[start:end]`, that sentences are cut from.

    `note` tells the translator what they are looking at ("title", "paragraph 3").
    """

    start: int
    end: int
    note: str


class Format(Protocol):
    """A document format: a module with these names, registered in `formats/__init__`."""

    EXTENSIONS: tuple[str, ...]
    RTL_MARKUP: bool  # whether the format can carry a right-to-left direction

    def blocks(self, text: str) -> list[Block]: ...
