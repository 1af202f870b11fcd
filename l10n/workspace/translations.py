"""Reading a workspace's PO file: the catalog, checked against where the file lives."""

from __future__ import annotations

import time
from pathlib import Path

from ..catalog import pofile
from ..catalog.model import Catalog
from ..errors import L10nError
from ..files import Signature, read_bytes


def read_catalog(path: Path, target: str) -> tuple[Catalog, Signature]:
    """The catalog at `path` (the PO of one document in `target`) and what the file held.

    An editor that saves in place (truncate, then write) can be caught half-way: when the
    file turns out malformed but changed while it was read, it is read once more before
    being called malformed. A `Language` header naming another language than the folder
    is an input error: the file was copied into the wrong place.
    """
    for attempt in range(2):
        data = read_bytes(path)
        try:
            catalog = pofile.parse(data, path)
            break
        except L10nError:
            if attempt or Signature.of(path) == Signature.of_bytes(data):
                raise
            time.sleep(0.05)
    language = catalog.header.get("Language", "").strip()
    if language and language.replace("-", "_").split("_")[0].lower() != target:
        raise L10nError(f"the PO says Language: {language}, but it is in the {target} folder",
                        path=path, line=_header_line(data, b"Language:"),
                        hint=f"move it to the folder of its language, or set Language: {target}")
    return catalog, Signature.of_bytes(data)


def _header_line(data: bytes, field: bytes) -> int | None:
    at = data.find(b'"' + field)
    return data.count(b"\n", 0, at) + 1 if at >= 0 else None
