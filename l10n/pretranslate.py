"""Fill untranslated entries with proposals, memory first then machine, always as fuzzy.

A proposer (translation memory, MT engine) answers a batch of requests; whatever it
cannot answer goes to the next. Every proposal lands as `#, fuzzy` with an `l10n:`
provenance note holding its origin, details and the hash of the proposed text. A
non-empty msgstr is never touched, and a PO saved meanwhile is read again, not overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from . import checkpoints
from .catalog import pofile
from .catalog.model import Catalog, Entry, Provenance, Status, text_hash
from .config import Settings
from .workspace import Document, WriteGuard, discover, select

if TYPE_CHECKING:
    from .memory import Memory


@dataclass(frozen=True)
class Request:
    """One unit to translate, with where it comes from (for pivots and notes)."""

    msgid: str
    msgctxt: str | None
    source_lang: str
    target_lang: str
    document: str


@dataclass(frozen=True)
class Proposal:
    text: str
    origin: str  # "memory" or "machine"
    detail: str  # e.g. "exact 100 from news/a [en]" or "argos translate-fr_en 1.9 fr→en"


class Proposer(Protocol):
    def propose(self, requests: list[Request]) -> list[Proposal | None]: ...


class MemoryProposer:
    """The translation memory's best match at or above the threshold, for each request."""

    def __init__(self, memory: Memory, *, threshold: float) -> None:
        self.memory = memory
        self.threshold = threshold

    def propose(self, requests: list[Request]) -> list[Proposal | None]:
        proposals: list[Proposal | None] = []
        for request in requests:
            found = self.memory.lookup(request.msgid, source_lang=request.source_lang,
                                       target_lang=request.target_lang,
                                       threshold=self.threshold)
            proposals.append(Proposal(found[0].translation, "memory", found[0].detail)
                             if found else None)
        return proposals


def chain(settings: Settings, *, machine: Proposer | None) -> list[Proposer]:
    """The proposers in the order they are asked: the memory first, then machine
    translation (None: memory only)."""
    from . import memory
    proposers: list[Proposer] = [
        MemoryProposer(memory.load(settings), threshold=settings.memory_threshold)]
    return proposers + ([machine] if machine else [])


def untranslated(settings: Settings, *, names: list[str] | None = None,
                 langs: list[str] | None = None) -> int:
    """How many entries a run would ask proposers for (for progress)."""
    count = 0
    for doc, target in select(discover(settings), names=names, langs=langs):
        po = doc.po_path(settings, target)
        if po.exists():
            catalog = pofile.read(po)
            count += sum(1 for e in catalog.entries
                         if e.status(catalog.nplurals) is Status.UNTRANSLATED)
    return count


@dataclass
class Filled:
    po: Path
    counts: dict[str, int] = field(default_factory=dict)  # origin -> entries filled
    skipped: str = ""  # why nothing was asked for this PO


def pretranslate(settings: Settings, proposers: list[Proposer], *,
                 names: list[str] | None = None, langs: list[str] | None = None) -> list[Filled]:
    """Propose translations for every untranslated entry of the selected PO files."""
    results = []
    guard = WriteGuard(settings.root)
    previous = None
    for doc, target in select(discover(settings), names=names, langs=langs):
        if doc is not previous:
            checkpoints.reached("between-documents")
            previous = doc
        po = guard(doc.po_path(settings, target))
        if not po.exists():
            results.append(Filled(po, skipped="no PO file yet: run `l10n update`"))
            continue
        filled = _fill_po(po, doc, target, proposers)
        if filled.counts:
            results.append(filled)
    return results


def _fill_po(po: Path, doc: Document, target: str, proposers: list[Proposer]) -> Filled:
    proposals: dict[tuple[str | None, str], Proposal] = {}  # kept if the PO is read again
    filled = Filled(po)

    def fill(catalog: Catalog | None) -> Catalog | None:
        if catalog is None:
            return None
        pending = [e for e in catalog.entries
                   if e.status(catalog.nplurals) is Status.UNTRANSLATED and e.msgid_plural is None
                   and e.key not in proposals]
        for proposer in proposers:
            if not pending:
                break
            requests = [Request(e.msgid, e.msgctxt, doc.lang, target, doc.name) for e in pending]
            unanswered = []
            for entry, answer in zip(pending, proposer.propose(requests)):
                if answer is None:
                    unanswered.append(entry)
                else:
                    proposals[entry.key] = answer
            pending = unanswered
        filled.counts.clear()
        for entry in catalog.entries:
            proposal = proposals.get(entry.key)
            if proposal and entry.status(catalog.nplurals) is Status.UNTRANSLATED:
                _apply(entry, proposal)
                filled.counts[proposal.origin] = filled.counts.get(proposal.origin, 0) + 1
        return catalog if filled.counts else None

    pofile.rewrite(po, fill)
    return filled


def _apply(entry: Entry, proposal: Proposal) -> None:
    entry.msgstr = proposal.text
    entry.fuzzy = True
    entry.provenance = Provenance(proposal.origin, proposal.detail,
                                  proposed=text_hash(proposal.text))
