"""`l10n approve`: a person's explicit approval of needs-review entries, in bulk.

Read → plan → write: every selected PO file is read and every entry checked first. An
entry whose translation fails a QA check of severity "error" is not approved in bulk; it
must be named (`PO:LINE`, as `l10n check` prints it), so an approval is always a person's
decision about that very translation.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import pofile
from ..catalog.model import Catalog, Entry, Provenance, Status, text_hash
from ..errors import L10nError
from ..files import sync_dirs
from ..gate import Assessor
from ..workspace import Workspace, WriteGuard, refuse, select
from ..workspace.cache import Cache
from ..workspace.sources import read_source
from ..workspace.translations import read_po

ORIGINS = ("changed", "memory", "machine", "unknown")
NAMING = "name entries as `l10n check` prints them: PO:LINE"


@dataclass
class Approval:
    """Entries of one PO file to approve, and those held back, with why."""

    po: Path
    source: str  # the language of its msgids
    entries: list[Entry] = field(default_factory=list)
    held: list[tuple[Entry, str]] = field(default_factory=list)
    rewrite: pofile.Rewrite | None = None


def approve(ws: Workspace, *, by: Callable[[], str], origin: str | None = None, exact: bool = False,
            names: list[str] | None = None, langs: list[str] | None = None,
            named: list[tuple[Path, int]] = (), dry_run: bool = False) -> list[Approval]:
    """Approve the needs-review entries selected (by document, language, origin, or named
    as PO file and line); returns, per PO file, what was (or would be) approved. `by` says
    who approves; it is asked only when there is something to approve."""
    if origin is not None and origin not in ORIGINS:
        raise L10nError(f"unknown origin {origin!r}", hint=f"use one of {', '.join(ORIGINS)}")
    for path, _ in named:
        if not path.is_file():
            raise L10nError("no such PO file", path=path, hint=NAMING)
    chosen = select(ws.documents(), names=names, langs=langs)
    refuse(list(dict.fromkeys(doc for doc, _ in chosen)))
    wanted = {(p.resolve(), line) for p, line in named}
    guard = WriteGuard(ws.root)
    approvals = []
    who = None
    with Cache(ws.cache_path) as cache:
        assessor = Assessor(ws, cache)
        for doc, target in chosen:
            po = guard(ws.po_path(doc.name, target))
            if named and po.resolve() not in {p for p, _ in wanted}:
                continue
            if not po.exists():
                continue
            read = read_po(po, target)
            catalog = read.catalog
            item = assessor.assess(doc, target, read_source(ws, doc, cache).keys,
                                   catalog, read.signature)
            errors = {p.key: p for p in item.qa_errors()}
            approval = Approval(po, doc.lang)
            for entry in catalog.entries:
                if entry.status(catalog.nplurals) is not Status.NEEDS_REVIEW:
                    continue
                is_named = (po.resolve(), entry.line) in wanted
                if named and not is_named:
                    continue
                if not named and not _matches(entry, origin, exact):
                    continue
                problem = errors.get(entry.key)
                if problem and not is_named:
                    approval.held.append((entry, f"{problem.check}: {problem.message}"))
                else:
                    approval.entries.append(entry.copy())  # as it was: the plan changes it
            if approval.entries:
                seen = {e.key: e.translations for e in approval.entries}
                who = who or by()
                approval.rewrite = read.plan(functools.partial(_approved, po=ws.relative(po),
                                                               seen=seen, by=who))
            if approval.entries or approval.held:
                approvals.append(approval)
    missing = wanted - {(a.po.resolve(), e.line) for a in approvals for e in a.entries}
    if missing:
        path, line = sorted(missing)[0]
        raise L10nError("no entry needing review at this line", path=ws.relative(path),
                        line=line, hint=NAMING)
    if not dry_run:
        written = [a.po for a in approvals if a.rewrite and a.rewrite.write(sync_dir=False)]
        sync_dirs(written)
    return approvals


def _matches(entry: Entry, origin: str | None, exact: bool) -> bool:
    found = entry.origin() or "unknown"
    if origin and found != origin:
        return False
    return not exact or (entry.provenance is not None
                         and entry.provenance.detail.startswith("exact"))


def _approved(catalog: Catalog | None, *, po: str, seen: dict[tuple, list[str]],
              by: str) -> Catalog | None:
    """The catalog with the chosen needs-review entries marked reviewed, saying by whom.
    Applied again to a save made meanwhile (Poedit), it refuses an entry whose translation
    is no longer the one the person (and QA) saw."""
    if catalog is None:
        return None
    changed = False
    for entry in catalog.entries:
        if entry.key in seen and entry.status(catalog.nplurals) is Status.NEEDS_REVIEW:
            if entry.translations != seen[entry.key]:
                raise L10nError("this translation changed since it was read (saved in "
                                "Poedit?); nothing in this file was approved", path=po,
                                line=entry.line, hint="run `l10n approve` again to approve "
                                "the translation as it is now")
            provenance = entry.provenance or Provenance("unknown",
                                                        proposed=text_hash(entry.msgstr))
            entry.fuzzy = False
            entry.provenance = provenance.approved_by(by)
            changed = True
    return catalog if changed else None
