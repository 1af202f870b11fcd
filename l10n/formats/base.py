"""What every document format gives the rest of the tool: translatable blocks with spans.

A format is a module with `EXTENSIONS`, `BINARY`, `decode(data, path)`, `blocks(text)`,
`escape(text, context, rtl=)`, `retarget(text, source=, target=, link=)` and
`encode(text, original)`. Everything a format finds is a span of the document's text, so
rebuilding is splicing translations into the original at those offsets and the identity
round trip is byte for byte by construction (po4a's one base, one module per format; no
serializer ever rewrites the page). Bytes become text only at the edge: a text format
decodes UTF-8, a package (.docx, .odt) joins its XML parts into one text and puts them
back into a copy of the original zip.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from ..errors import L10nError
from ..files import decode_utf8

OBJECT = "\ufffc"  # what the segmenter sees for an embedded object: an image, inline code

Kind = Literal["open", "close", "empty", "char"]
Link = Callable[[str], str]  # a link's address in the target's edition (see links.Links)
# notes of blocks read on their own (a headline, a search result, a tab, a tooltip): they
# name things in full, and are no first mention for the running text's short forms
STANDALONE = frozenset({"title", "heading", "page title", "page description", "document title",
                        "document subject", "image description (alt)", "tooltip (title)",
                        "link title", "figure caption", "header", "footer"})


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
    `line` is where translators find it when the text's own lines mean nothing to them
    (a paragraph's number in a Word document); None: the line the block starts on.
    """

    start: int
    end: int
    note: str
    spans: tuple[Span, ...] = ()
    context: str = ""
    line: int | None = None


@dataclass(frozen=True)
class Edit:
    """A document-level change of the source made for a target language (`lang`, `dir`)."""

    start: int
    end: int
    text: str


class Format(Protocol):
    """A document format: a module with these names, registered in `formats/__init__`."""

    EXTENSIONS: tuple[str, ...]
    BINARY: bool  # its files are not text (cannot be printed)

    def decode(self, data: bytes, path: Path) -> str:
        """The document's text, or an L10nError saying why the file cannot be read."""

    def encode(self, text: str, original: bytes) -> bytes:
        """The file for `text`, a rendering of `decode(original)`."""

    def blocks(self, text: str) -> list[Block]: ...

    def escape(self, text: str, context: str, *, rtl: bool) -> str:
        """Translated text as the format writes it there; for a right-to-left target,
        left-to-right runs (URLs, e-mails, Latin names, phone numbers) isolated."""

    def retarget(self, text: str, *, source: str, target: str,
                 link: Link | None = None) -> list[Edit]:
        """Edits that declare the target language and direction (none for plain text),
        and with `link`, point each link of the markup at the address it gives."""


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
# what XML 1.0 cannot hold: an office document's text cannot have these characters
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def decode_text(data: bytes, path: Path) -> str:
    """`decode` of the text formats: strict UTF-8 and no control character."""
    text = decode_utf8(data, path)
    control = _CONTROL.search(text)
    if control:
        raise L10nError(f"control character U+{ord(control.group()):04X} in the text",
                        path=path, line=text.count("\n", 0, control.start()) + 1,
                        hint="this does not look like a text document; remove it")
    return text


def encode_text(text: str, original: bytes) -> bytes:
    """`encode` of the text formats."""
    return text.encode("utf-8")
