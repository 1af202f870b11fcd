"""`l10n pretranslate`: proposals for untranslated entries, as needs work with provenance.

Read → plan → write: every selected PO file is read once and checked; the proposers (the
memory, then machine translation) answer every untranslated entry; only then are the PO
files written, each atomically, each after its proposals file (`workspace.proposals`:
the proposed texts, to measure post-editing). A non-empty msgstr is never touched, and a
PO saved meanwhile (a translator in Poedit) is read again and filled, not overwritten.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import checkpoints
from ..catalog.model import Catalog, Entry, Provenance, Status, text_hash
from ..files import sync_dirs
from ..proposals.pipeline import Proposal, Proposer, Request, ask
from ..workspace import Workspace, WriteGuard, refuse, select
from ..workspace import proposals as store
from ..workspace.translations import PoFile, read_catalog, read_po

Key = tuple[str | None, str]


@dataclass
class Filled:
    po: Path
    counts: Counter = field(default_factory=Counter)  # origin ("memory", "machine") -> entries
    skipped: str = ""  # why nothing was asked for this PO


@dataclass
class Pending:
    """The untranslated entries of the selected PO files, read and checked."""

    catalogs: list[tuple[PoFile, Path]]  # each PO file as read, and its proposals file
    requests: list[Request]
    owners: list[tuple[int, Key]]  # for each request: its catalog and entry
    skipped: list[Filled]


def pending(ws: Workspace, *, names: list[str] | None = None,
            langs: list[str] | None = None) -> Pending:
    """Read every selected PO file (any error stops here) and list what to ask for."""
    chosen = select(ws.documents(), names=names, langs=langs)
    refuse(list(dict.fromkeys(doc for doc, _ in chosen)))
    guard = WriteGuard(ws.root)
    found = Pending([], [], [], [])
    for doc, target in chosen:
        po = guard(ws.po_path(doc.name, target))
        if not po.exists():
            found.skipped.append(Filled(po, skipped="no PO file yet: run `l10n update`"))
            continue
        read = read_po(po, target)
        catalog = read.catalog
        for entry in catalog.entries:
            if entry.msgid_plural is None and \
                    entry.status(catalog.nplurals) is Status.UNTRANSLATED:
                found.requests.append(Request(entry.msgid, entry.msgctxt, doc.lang, target,
                                              doc.name))
                found.owners.append((len(found.catalogs), entry.key))
        found.catalogs.append((read, guard(store.path(ws, doc.name, target))))
    return found


def reviewed_english(ws: Workspace) -> Callable[[str], dict[Key, str]]:
    """The reviewed English translations of a document, for MT pivots through English."""
    @functools.cache
    def of(name: str) -> dict[Key, str]:
        po = ws.po_path(name, "en")
        return read_catalog(po, "en")[0].reviewed() if po.exists() else {}
    return of


def pretranslate(work: Pending, proposers: list[Proposer]) -> list[Filled]:
    """Ask the proposers, then write every proposal into its PO file."""
    answers = ask(proposers, work.requests)
    chosen: list[dict[Key, Proposal]] = [{} for _ in work.catalogs]
    for (index, key), answer in zip(work.owners, answers):
        if answer is not None:
            chosen[index][key] = answer
    rewrites = []
    for (read, beside), proposals in zip(work.catalogs, chosen):
        if proposals:
            rewrite = read.plan(functools.partial(_filled, proposals=proposals))
            rewrites.append((read.path, rewrite, rewrite and store.plan(beside, rewrite.catalog),
                             proposals))
    results = list(work.skipped)
    written = []
    for po, rewrite, records, proposals in rewrites:
        checkpoints.reached("between-documents")
        if records is not None:
            records.write()
            written.append(records.path)
        if rewrite is not None and rewrite.write(sync_dir=False):
            written.append(po)
            results.append(Filled(po, Counter(p.origin for p in proposals.values())))
    sync_dirs(written)
    return results


def _filled(catalog: Catalog | None, *, proposals: dict[Key, Proposal]) -> Catalog | None:
    """The catalog with each proposal in its entry, if that entry is still untranslated."""
    if catalog is None:
        return None
    changed = False
    for entry in catalog.entries:
        proposal = proposals.get(entry.key)
        if proposal and entry.status(catalog.nplurals) is Status.UNTRANSLATED:
            _apply(entry, proposal)
            changed = True
    return catalog if changed else None


def _apply(entry: Entry, proposal: Proposal) -> None:
    entry.msgstr = proposal.text
    entry.fuzzy = True
    entry.provenance = Provenance(proposal.origin, proposal.detail,
                                  proposed=text_hash(proposal.text))
