"""Plain text: paragraphs are runs of non-blank lines; a bulleted line starts its own block.

Everything outside blocks (blank lines, indentation, bullets, a BOM) is layout and is
copied to the output untouched. Plain text gets no direction marks.
"""

from __future__ import annotations

import re

from .base import Block, Edit, Link, decode_text, encode_text

EXTENSIONS = (".txt",)
BINARY = False
decode, encode = decode_text, encode_text

_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_BULLET = re.compile(r"[ \t]*(?:[-*•–]|\d{1,3}[.)])[ \t]+(?=\S)")
_DATELINE = re.compile(r"\S.{0,40}[–—-]\s*\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\s*$")


def blocks(text: str) -> list[Block]:
    spans = list(_paragraph_spans(text))
    result = []
    paragraph = 0
    for start, end in spans:
        body = text[start:end]
        if start == spans[0][0] and "\n" not in body.strip() and len(spans) > 1:
            note = "title"
        elif _DATELINE.match(body.strip()):
            note = "dateline"
        else:
            paragraph += 1
            note = f"paragraph {paragraph}"
        result.append(Block(start, end, note))
    return result


def _paragraph_spans(text: str):
    """Spans of non-blank line runs, each bulleted line split off without its bullet."""
    start = end = None
    pos = 1 if text.startswith("\ufeff") else 0
    for match in _LINE.finditer(text, pos):
        line = match.group()
        if not line.strip():
            if start is not None:
                yield start, end
                start = None
            continue
        bullet = _BULLET.match(line)
        if bullet and start is not None:
            yield start, end
            start = None
        if start is None:
            start = match.start() + (bullet.end() if bullet else 0)
        end = match.start() + len(line.rstrip())
    if start is not None:
        yield start, end


def escape(text: str, context: str, *, rtl: bool) -> str:
    return text


def retarget(text: str, *, source: str, target: str, link: Link | None = None) -> list[Edit]:
    return []  # plain text has no markup: its addresses are the translators' (QA checks them)
