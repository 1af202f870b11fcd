"""A source document read and cut into units, with the PO entries it asks for.

Every command that needs a document's units reads them here: `update` to merge them into
PO files, `check` and `status` to tell whether a PO is current, `build` to splice the
translations back. Units are cached by the content of the text and of the rules.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import formats
from ..errors import L10nError
from ..files import Signature, read_bytes
from . import Document, Workspace
from .cache import Cache, key

if TYPE_CHECKING:
    from ..catalog.model import Entry
    from ..formats.units import Unit
    from ..segmentation import Segmenter

@dataclass
class Source:
    """A document's text, its units, and its PO template entries (one per distinct msgid)."""

    doc: Document
    text: str
    units: list[Unit]
    reference: str  # the source's path in `#:` references
    original: bytes = b""  # the file, which a package format rebuilds from
    units_key: str = ""  # what the units were cut from (text, format, rules, code)
    cached: bool = False  # the units came from the cache
    warnings: tuple[str, ...] = ()  # about the segmentation rules (see Segmenter)

    @functools.cached_property
    def template(self) -> list[Entry]:
        """Built when first asked for: the gate needs only `keys`, and the entries of a
        200,000-sentence source take a hundred megabytes."""
        return template(self.reference, self.units)

    @property
    def keys(self) -> list[tuple[None, str]]:
        """The keys of the template's entries, in their order."""
        return [(None, msgid) for msgid in dict.fromkeys(unit.msgid for unit in self.units)]


def segmenter(ws: Workspace | None, lang: str) -> Segmenter:
    """The workspace's segmenter for `lang` (built-in rules when there is no workspace)."""
    from ..segmentation import Segmenter  # compiles its rules: only when a source is cut
    if ws is None:
        return Segmenter.for_language(lang)
    settings = ws.settings
    return Segmenter.for_language(lang, abbreviations=settings.abbreviations.get(lang, ()),
                                  no_break=settings.no_break.get(lang, ()), srx=ws.srx_path)


def rules_key(ws: Workspace, lang: str) -> str:
    """What the cut of a `lang` source depends on besides its text and format."""
    srx = ws.srx_path
    try:
        signature = Signature.of(srx) if srx else None
    except L10nError:
        signature = None  # cutting will say why
    return repr((lang, ws.settings.abbreviations.get(lang, ()),
                 ws.settings.no_break.get(lang, ()), str(srx or ""),
                 signature.digest if signature else ""))


def read_source(ws: Workspace, doc: Document, cache: Cache | None = None, *,
                store: bool = True) -> Source:
    """The document's text, units and PO template; units come from `cache` when it holds
    them for this very text and these rules, and are stored there when cut (unless not
    `store`: a worker process leaves that to the command)."""
    from ..formats import units as unitlib  # not needed to tell whether a source changed
    if doc.refusal is not None:
        raise doc.refusal
    fmt = formats.for_path(doc.source)
    original = read_bytes(doc.source, limit=ws.settings.max_source_bytes)
    text = fmt.decode(original, doc.source)
    units_key = key(rules_key(ws, doc.lang), doc.extension,
                    hashlib.blake2b(text.encode("utf-8", "surrogatepass")).hexdigest())
    stored = cache.get("units", doc.name, units_key) if cache else None
    warnings: tuple[str, ...] = ()
    if stored is not None:
        units = unitlib.load(stored, text)
    else:
        rules = segmenter(ws, doc.lang)
        units, warnings = unitlib.extract(text, fmt, rules), rules.warnings
        if cache and store:
            cache.put("units", doc.name, units_key, unitlib.dump(units))
    return Source(doc, text, units, ws.reference(doc), original, units_key, stored is not None,
                  warnings)


def template(reference: str, units: list[Unit]) -> list[Entry]:
    """The PO entries a document's units ask for, in document order: a sentence repeated
    in the document is one entry with several references."""
    from ..catalog.model import Entry
    entries: dict[str, Entry] = {}
    for unit in units:
        entry = entries.setdefault(unit.msgid, Entry(msgid=unit.msgid))
        if f"{reference}:{unit.line}" not in entry.references:
            entry.references.append(f"{reference}:{unit.line}")
        if unit.note not in entry.notes:
            entry.notes.append(unit.note)
    return list(entries.values())
