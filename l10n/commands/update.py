"""`l10n update`: bring every PO file up to date with its source, as msgmerge does.

Read → plan → write: every source and PO file is read and merged first; any error stops
the command before the first write. Then the planned files are written, each atomically,
each PO file after its proposals file (`workspace.proposals`: a changed unit's suggestion
is a proposal too, its text the old translation).

What only a changed document needs (PO reading and writing, segmentation, the glossary) is
imported where it is used: a run that finds nothing changed (the pre-commit hook) reads
nothing but signatures, and starts fast.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .. import checkpoints, parallel
from ..files import Signature, sync_dirs
from ..languages import LANGUAGES
from ..parallel import Progress
from ..workspace import Document, Orphan, Workspace, WriteGuard, refuse, select
from ..workspace import proposals as store
from ..workspace.cache import Cache, key
from ..workspace.sources import rules_key

if TYPE_CHECKING:
    from ..catalog import pofile
    from ..catalog.model import Catalog, Entry
    from ..glossary import Glossary
    from ..workspace.sources import Source


@dataclass
class Updated:
    """What `update` did (or, with `check`, would do)."""

    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    renamed: list[tuple[Path, Path]] = field(default_factory=list)
    orphans: list[Orphan] = field(default_factory=list)
    pruned: list[Path] = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)  # files under sources/ of no format
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Task:
    """One document's PO files to bring up to date: the unit of work a process takes."""

    ws: Workspace
    doc: Document
    targets: list[str]
    now: datetime
    glossary: Glossary | None


@dataclass
class _Planned:
    """What one document needs: its PO rewrites (None: up to date), per target."""

    source: Source
    rewrites: dict[str, pofile.Rewrite | None]
    signatures: dict[str, Signature | None]  # of each PO as read
    stores: dict[str, store.Store | None]  # the proposals file to write before each PO


def update(ws: Workspace, *, now: datetime, prune: bool = False,
           names: list[str] | None = None, check: bool = False,
           workers: int = 1, progress: Progress | None = None) -> Updated:
    """Create or merge every PO file from its source; never drops a translation.

    With `check`, nothing is written: `written` lists the PO files that would change.
    `prune` deletes PO files whose source is gone, never those of a language that only
    stopped being a target (restoring it in l10n.toml brings them back). A PO file is
    "up to date" when it holds the source's units: how an editor wrapped or ended its
    lines does not count. `progress` hears ("documents read", done, total), then
    ("documents written", done, total).
    """
    documents = ws.documents()
    chosen = select(documents, names=names)
    refuse(list(dict.fromkeys(doc for doc, _ in chosen)))
    left = ws.orphans(documents)
    result = Updated(ignored=ws.ignored())
    guard = WriteGuard(ws.root)
    terms = Signature.of(ws.glossary_path)
    rules = {lang: key(rules_key(ws, lang), terms.digest if terms else None)
             for lang in LANGUAGES}
    with Cache(ws.cache_path) as cache:
        # read: which documents changed since the last run (by content), then plan them
        pending: dict[str, _Task] = {}
        for doc, target in chosen:
            po = ws.po_path(doc.name, target)
            if cache.get("update", f"{target}/{doc.name}", _job_key(doc, po, rules)) is not None:
                result.unchanged += 1
                continue
            guard(po)
            pending.setdefault(doc.name, _Task(ws, doc, [], now, None)).targets.append(target)
        tasks = list(pending.values())
        glossary = None
        if tasks:  # its notes tell translators about the terms a unit holds
            from ..glossary import Glossary
            glossary = Glossary.load(ws.glossary_path)
            for task in tasks:
                task.glossary = glossary
        plans = []
        for planned in parallel.ordered(_plan_document, tasks, workers=workers):
            plans.append(planned)
            if progress:
                progress("documents read", len(plans), len(tasks))
        moves = _adoptions(ws, plans, [o for o in left if o.source_gone], now, glossary)
        if check:
            for planned in plans:
                result.written += [ws.po_path(planned.source.doc.name, t)
                                   for t, r in planned.rewrites.items() if r]
            result.unchanged += sum(1 for p in plans for r in p.rewrites.values() if not r)
            result.orphans = left
            return result
        # write
        from ..formats import units as unitlib
        kept: list[Path] = []  # proposals files written
        try:
            for done, planned in enumerate(plans, 1):
                doc = planned.source.doc
                checkpoints.reached("between-documents")
                for target, rewrite in planned.rewrites.items():
                    po = ws.po_path(doc.name, target)
                    adopted = moves.get(po)
                    records = planned.stores[target]
                    if records is not None:
                        guard(records.path)
                        records.write()
                        kept.append(records.path)
                    if rewrite is not None and rewrite.write(sync_dir=False):
                        result.written.append(po)
                    else:
                        result.unchanged += 1
                    if adopted is not None:
                        os.unlink(adopted.path)
                        _remove(store.path(ws, adopted.name, target))
                        result.renamed.append((adopted.path, po))
                    cache.put("update", f"{target}/{doc.name}", _job_key(doc, po, rules))
                if not planned.source.cached:
                    cache.put("units", doc.name, planned.source.units_key,
                              unitlib.dump(planned.source.units))
                result.warnings += [w for w in planned.source.warnings
                                    if w not in result.warnings]
                if progress:
                    progress("documents written", done, len(plans))
        finally:
            sync_dirs(result.written + kept)
    adopted = {old for old, _ in result.renamed}
    for orphan in (o for o in left if o.path not in adopted):
        if prune and orphan.source_gone:
            guard(orphan.path).unlink()
            _remove(guard(store.path(ws, orphan.name, orphan.target)))
            result.pruned.append(orphan.path)
        else:
            result.orphans.append(orphan)
    return result


def _job_key(doc: Document, po: Path, rules: dict[str, str]) -> str:
    """The content of everything an update of `po` depends on."""
    source, catalog = Signature.of(doc.source), Signature.of(po)
    return key(rules[doc.lang], source.digest if source else None,
               catalog.digest if catalog else None)


def _plan_document(task: _Task) -> _Planned:
    """Merge one source into each of its PO files, in memory."""
    from ..catalog import pofile
    from ..workspace.sources import read_source
    from ..workspace.translations import read_po
    ws, doc = task.ws, task.doc
    with Cache(ws.cache_path) as cache:
        source = read_source(ws, doc, cache, store=False)
    rewrites, signatures, stores = {}, {}, {}
    for target in task.targets:
        po = ws.po_path(doc.name, target)
        change = _merging(ws, source, target, now=task.now, glossary=task.glossary)
        if po.exists():
            read = read_po(po, target)
            signatures[target] = read.signature
            rewrites[target] = read.plan(change)
        else:
            signatures[target] = None
            rewrites[target] = pofile.plan(po, change)
        rewrite = rewrites[target]
        if rewrite is not None:
            stores[target] = store.plan(store.path(ws, doc.name, target), rewrite.catalog)
            rewrites[target] = replace(rewrite, catalog=None)  # not sent back from a worker
        else:
            stores[target] = None
    return _Planned(source, rewrites, signatures, stores)


def _remove(path: Path) -> None:
    if path.exists():
        path.unlink()


def _merging(ws: Workspace, source: Source, target: str, *, now: datetime,
             glossary: Glossary) -> pofile.Change:
    """The change that brings the PO of `source`'s document in `target` up to date with it
    (a partial of `merged`: it travels back from a worker process with its rewrite)."""
    doc = source.doc
    template = annotated(source.template, glossary, doc.lang, target)
    return functools.partial(merged, template=template, doc=doc, target=target, now=now,
                             project=ws.settings.project,
                             threshold=ws.settings.suggestion_threshold)


def annotated(template: list[Entry], glossary: Glossary, source: str,
              target: str) -> list[Entry]:
    """The template's entries with the glossary's notes for `target` after their own, so
    translators see in Poedit the terms a unit holds (and the notes go when terms do)."""
    from ..glossary.notes import notes
    if not glossary.terms:
        return template
    return [entry.copy(notes=entry.notes + found) if (found := notes(
        glossary, entry.msgid, source, target)) else entry for entry in template]


def merged(old: Catalog | None, *, template: list[Entry], doc: Document, target: str,
           now: datetime, project: str, threshold: float) -> Catalog:
    """The PO of `doc` in `target` holding the template's units, with every translation
    `old` had (see `catalog.merge`)."""
    from ..catalog.merge import merge  # rapidfuzz: only when a PO is merged
    fresh = old is None
    old = old or new_catalog(doc, target, now=now, project=project)
    catalog = merge(template, old, threshold=threshold)
    header = catalog.header
    header.setdefault("Language", target)
    header.setdefault("Plural-Forms", LANGUAGES[target].plural_forms)
    header.setdefault("X-Source-Language", doc.lang)
    if not fresh and [e.key for e in catalog.entries] != [e.key for e in old.entries]:
        header["POT-Creation-Date"] = stamp(now)
    return catalog


def new_catalog(doc: Document, target: str, *, now: datetime, project: str) -> Catalog:
    """The header of a new PO file: what Poedit and msgfmt need, nothing personal."""
    from ..catalog.model import Catalog
    language = LANGUAGES[target]
    return Catalog(header={
        "Project-Id-Version": project,
        "POT-Creation-Date": stamp(now),
        "PO-Revision-Date": stamp(now),
        "Last-Translator": "",
        "Language-Team": language.name,
        "Language": target,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": language.plural_forms,
        "X-Source-Language": doc.lang,
    })


def stamp(now: datetime) -> str:
    return now.strftime("%Y-%m-%d %H:%M%z")


def _adoptions(ws: Workspace, plans: list[_Planned], candidates: list[Orphan],
               now: datetime, glossary: Glossary) -> dict[Path, Orphan]:
    """A renamed source takes its PO files with it: an orphan PO holding exactly the units
    of a document that has no PO yet becomes that document's PO (its plan is redone from
    the orphan). Returns new PO -> orphan to delete once the new one is written."""
    if not plans or not candidates:
        return {}
    from ..catalog import pofile
    from ..workspace.translations import read_catalog
    moves: dict[Path, Orphan] = {}
    keys: dict[Path, frozenset] = {}  # each orphan is read once, when first needed
    for planned in plans:
        doc = planned.source.doc
        wanted = frozenset(planned.source.keys)
        for target in planned.rewrites:
            po = ws.po_path(doc.name, target)
            if planned.signatures[target] is not None:
                continue
            for orphan in candidates:
                if orphan.target != target or orphan in moves.values():
                    continue
                if orphan.path not in keys:
                    keys[orphan.path] = frozenset(
                        e.key for e in read_catalog(orphan.path, target)[0].entries)
                if keys[orphan.path] == wanted:
                    catalog = read_catalog(orphan.path, target)[0]
                    change = _merging(ws, planned.source, target, now=now, glossary=glossary)
                    changed = change(catalog)
                    planned.rewrites[target] = pofile.Rewrite(
                        po, change, pofile.serialize(changed), None, changed)
                    planned.stores[target] = store.plan(
                        store.path(ws, doc.name, target), changed,
                        source=store.path(ws, orphan.name, target))
                    moves[po] = orphan
                    break
    return moves

