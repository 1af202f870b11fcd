"""The registry of document formats, keyed by file extension. Nothing else knows formats."""

from __future__ import annotations

from pathlib import Path

from ..errors import L10nError
from . import docx, html, md, odt, txt
from .base import Block, Edit, Format, Span

FORMATS: tuple[Format, ...] = (txt, html, md, docx, odt)
BY_EXTENSION: dict[str, Format] = {ext: fmt for fmt in FORMATS for ext in fmt.EXTENSIONS}


def for_path(path: Path) -> Format:
    try:
        return BY_EXTENSION[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(BY_EXTENSION))
        raise L10nError(
            f"unsupported document format {path.suffix or '(no extension)'!r}",
            path=path, hint=f"supported: {known}",
        ) from None


__all__ = ["BY_EXTENSION", "FORMATS", "Block", "Edit", "Format", "Span", "for_path"]
