"""What every document format gives the rest of the tool: translatable blocks with spans.

A format is a module with `EXTENSIONS`, `blocks(text)`, `escape(text, context, rtl=)` and
`retarget(text, source=, target=)`. Everything a format finds is a span of the source
text, so rebuilding is splicing translations into the original at those offsets and the
identity round trip is byte for byte by construction (po4a's one base, one module per
format; no serializer ever rewrites the page).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

OBJECT = "\ufffc"  # what the segmenter sees for an embedded object: an image, inline code

Kind = Literal["open", "close", "empty", "char"]


@dataclass(frozen=True)
class Span:
    """Something inside a block that translators do not edit, `text[start:end]`.

    "open"/"close" (`<a href=…>`, `</a>`) and "empty" (`<br>`, an image, inline code)
    are markup: translators see numbered placeholders and rendering copies the source.
    "char" is an escape (`&amp;`, `\\*`) or a run of layout whitespace (a line break and
    the next line's indentation): translators see `text` instead. For markup, `text` is
    what the sentence splitter sees in its place (default: nothing for open/close, an
    object character for empty; a `<br>` says "\\n").
    """

    start: int
    end: int
    kind: Kind
    text: str | None = None


@dataclass(frozen=True)
class Block:
    """A stretch of translatable text, `text[start:end]`, that sentences are cut from.

    `note` tells the translator what they are looking at ("title", "paragraph 3").
    `spans` are the block's protected parts in order; `context` tells the format's
    `escape` where a translation goes (element text, a quoted attribute…). Blocks may
    nest inside another block's markup span (an image's alt text inside a paragraph).
    """

    start: int
    end: int
    note: str
    spans: tuple[Span, ...] = ()
    context: str = ""


@dataclass(frozen=True)
class Edit:
    """A document-level change of the source made for a target language (`lang`, `dir`)."""

    start: int
    end: int
    text: str


class Format(Protocol):
    """A document format: a module with these names, registered in `formats/__init__`."""

    EXTENSIONS: tuple[str, ...]

    def blocks(self, text: str) -> list[Block]: ...

    def escape(self, text: str, context: str, *, rtl: bool) -> str:
        """Translated text as the format writes it there; for a right-to-left target,
        left-to-right runs (URLs, e-mails, Latin names, phone numbers) isolated."""

    def retarget(self, text: str, *, source: str, target: str) -> list[Edit]:
        """Edits that declare the target language and direction (none for plain text)."""
