"""The registry of document formats, keyed by file extension. Nothing else knows formats.

A format's module is imported when a document of its kind is read: listing a workspace's
documents (every command, `l10n update --check` at each commit) needs only the
extensions, which this table gives (a test checks it against each module's EXTENSIONS).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import L10nError

if TYPE_CHECKING:
    from .base import Block, Edit, Format, Span

_MODULES = {".txt": "txt", ".html": "html", ".htm": "html", ".xhtml": "html",
            ".md": "md", ".markdown": "md", ".docx": "docx", ".docm": "docx", ".odt": "odt"}
EXTENSIONS: tuple[str, ...] = tuple(_MODULES)


def get(extension: str) -> Format:
    """The format of files ending in `extension` (lower case, with its dot)."""
    return importlib.import_module(f"{__name__}.{_MODULES[extension]}")


def for_path(path: Path) -> Format:
    extension = path.suffix.lower()
    if extension not in _MODULES:
        raise L10nError(
            f"unsupported document format {path.suffix or '(no extension)'!r}",
            path=path, hint=f"supported: {', '.join(sorted(EXTENSIONS))}",
        )
    return get(extension)


def __getattr__(name: str):
    """FORMATS and BY_EXTENSION import every format: for tests and tools, not start-up;
    the types of `base` on first use."""
    if name in ("Block", "Edit", "Format", "Span"):
        from . import base
        return getattr(base, name)
    if name == "BY_EXTENSION":
        return {extension: get(extension) for extension in EXTENSIONS}
    if name == "FORMATS":
        return tuple(dict.fromkeys(get(extension) for extension in EXTENSIONS))
    raise AttributeError(name)


__all__ = ["BY_EXTENSION", "EXTENSIONS", "FORMATS", "Block", "Edit", "Format", "Span",
           "for_path", "get"]
