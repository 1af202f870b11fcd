"""Reading a workspace's PO file: the catalog, checked against where the file lives."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ..catalog import pofile
from ..catalog.model import Catalog
from ..errors import L10nError
from ..files import Signature, read_bytes


@dataclass(frozen=True)
class PoFile:
    """A PO file read once: its bytes and the catalog parsed from those very bytes. A change
    planned from it is written only over what was parsed: a save since (Poedit) is read
    again and the change applied to it, never overwritten."""

    path: Path
    catalog: Catalog
    data: bytes

    @property
    def signature(self) -> Signature:
        return Signature.of_bytes(self.data)

    def plan(self, change: pofile.Change) -> pofile.Rewrite | None:
        return pofile.plan(self.path, change, self.data, self.catalog)


def read_catalog(path: Path, target: str) -> tuple[Catalog, Signature]:
    """The catalog at `path` (the PO of one document in `target`) and what the file held."""
    po = read_po(path, target)
    return po.catalog, po.signature


def read_po(path: Path, target: str) -> PoFile:
    """The PO of one document in `target` at `path`, as read.

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
    return PoFile(path, catalog, data)


def _header_line(data: bytes, field: bytes) -> int | None:
    at = data.find(b'"' + field)
    return data.count(b"\n", 0, at) + 1 if at >= 0 else None
