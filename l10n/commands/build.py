"""`l10n build`: the finished editions, for every document the gate says is ready.

Read → plan → write: every source and PO file is read, assessed and assembled first;
an unreadable file stops the command before anything is written. A document that is not
ready is refused with the gate's reasons (or, with `partial`, built with its source text
where a translation may not be published, each such unit listed with why); one its
translations cannot be written into is refused with the PO file and line, alone. In a
language or document that never blocks (`Settings.blocks`) such an edition is skipped
instead: not written, listed, and no reason for the command to say no. The earlier
edition of a refused or skipped one is removed, never left looking publishable; so is,
after a build of the whole workspace, an edition l10n wrote for a document whose source is
gone (a withdrawn communiqué), unless someone changed that file since.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import checkpoints, parallel
from ..errors import L10nError
from ..files import Signature, write_atomic
from ..parallel import Progress
from ..workspace import Document, Workspace, WriteGuard, refuse, select
from ..workspace.cache import Cache, key

if TYPE_CHECKING:
    from ..catalog.model import Entry
    from ..gate import Readiness


@dataclass
class Built:
    doc: Document
    target: str
    output: Path
    outcome: str  # "written", "unchanged", "refused", "skipped" (refused, never blocks) or
    # "withdrawn" (its source is gone)
    readiness: Readiness | None = None  # None when skipped: nothing changed since the last build
    withheld: list[tuple[Entry, str]] = field(default_factory=list)  # kept in the source text
    data: bytes | None = None  # the edition, until it is written
    error: L10nError | None = None  # why a ready edition could not be assembled
    removed: bool = False  # an earlier, now out-of-date edition was removed

    @property
    def reasons(self) -> list[str]:
        if self.error:
            return [str(self.error)]
        return self.readiness.reasons() if self.readiness else []


@dataclass
class _Task:
    ws: Workspace
    doc: Document
    targets: list[str]
    partial: bool


def build(ws: Workspace, *, partial: bool = False, names: list[str] | None = None,
          langs: list[str] | None = None, workers: int = 1,
          progress: Progress | None = None) -> list[Built]:
    """Rebuild target documents from publishable translations; unready ones are refused.
    `progress` hears ("documents", done, total) as they are assembled."""
    documents = ws.documents()
    chosen = select(documents, names=names, langs=langs)
    refuse(list(dict.fromkeys(doc for doc, _ in chosen)))
    guard = WriteGuard(ws.root)
    shared = [Signature.of(p) for p in (*ws.rule_files(), ws.glossary_path)]
    shared_key = key(*(s.digest if s else None for s in shared), str(partial))
    results: dict[tuple[str, str], Built | None] = {}
    with Cache(ws.cache_path) as cache:
        pending: dict[str, _Task] = {}
        for doc, target in chosen:
            output = guard(ws.build_path(doc, target))
            if cache.get("build", f"{target}/{doc.name}",
                         _job_key(ws, doc, target, output, shared_key)) is not None:
                results[doc.name, target] = Built(doc, target, output, "unchanged")
                continue
            results[doc.name, target] = None  # keeps the document order
            pending.setdefault(doc.name, _Task(ws, doc, [], partial)).targets.append(target)
        tasks = list(pending.values())
        planned = parallel.ordered(_plan_document, tasks, workers=workers)
        for done, (task, built) in enumerate(zip(tasks, planned), 1):
            for one in built:
                results[task.doc.name, one.target] = one
            if progress:
                progress("documents", done, len(tasks))
        for built in results.values():  # write
            if built is not None and built.outcome in ("refused", "skipped"):
                built.removed = _remove(built.output)
            if built is None or built.data is None:
                continue
            checkpoints.reached("between-documents")
            if built.output.exists() and built.output.read_bytes() == built.data:
                built.outcome = "unchanged"
            else:
                write_atomic(built.output, built.data, durable=False)  # rebuilt at will
            written = json.dumps([os.path.relpath(built.output, ws.root),
                                  os.path.relpath(built.doc.source, ws.root),
                                  Signature.of_bytes(built.data).digest])
            built.data = None
            cache.put("build", f"{built.target}/{built.doc.name}",
                      _job_key(ws, built.doc, built.target, built.output, shared_key), written)
        built_now = [r for r in results.values() if r is not None]
        if names is None and langs is None:
            built_now += _withdraw(ws, cache, {doc.name for doc in documents})
    return built_now


def _withdraw(ws: Workspace, cache: Cache, present: set[str]) -> list[Built]:
    """The editions l10n wrote for documents whose source is gone, removed; one changed
    since l10n wrote it is left where it is (and listed), as is one l10n did not write."""
    gone = []
    for name, written in cache.named("build").items():
        target, _, doc_name = name.partition("/")
        if doc_name in present or not written:
            continue
        output, source, digest = json.loads(written)
        path = ws.root / output
        cache.forget("build", name)
        signature = Signature.of(path) if path.is_file() and not path.is_symlink() else None
        if signature is None:
            continue  # removed by hand already
        withdrawn = Built(Document(doc_name, "", ws.root / source, ()), target, path, "withdrawn")
        withdrawn.removed = signature.digest == digest and _remove(path)
        gone.append(withdrawn)
    return gone


def _remove(output: Path) -> bool:
    """Remove the earlier edition at `output` (a file l10n wrote: the build path of this
    document and language); whether there was one. One unlink: never half done."""
    if not (output.is_file() or output.is_symlink()):
        return False
    output.unlink()
    return True


def _job_key(ws: Workspace, doc: Document, target: str, output: Path, shared: str) -> str:
    signatures = [Signature.of(p) for p in (doc.source, ws.po_path(doc.name, target), output)]
    return key(shared, *(s.digest if s else None for s in signatures))


def _plan_document(task: _Task) -> list[Built]:
    """Assess and assemble one document in each of its target languages, in memory
    (what that needs is imported here: a run that finds nothing changed needs none of it)."""
    from ..assembly import assemble, publication
    from ..gate import Assessor
    from ..workspace.sources import read_source
    from ..workspace.translations import read_catalog
    ws, doc = task.ws, task.doc
    with Cache(ws.cache_path) as cache:
        source = read_source(ws, doc, cache, store=False)
        expected = source.keys
        assessor = Assessor(ws, cache)
        built = []
        for target in task.targets:
            po = ws.po_path(doc.name, target)
            catalog, signature = read_catalog(po, target) if po.exists() else (None, None)
            item = assessor.assess(doc, target, expected, catalog, signature)
            translations = publication(item, partial=task.partial)
            output = ws.build_path(doc, target)
            unwritten = "refused" if item.required else "skipped"
            if translations is None:
                built.append(Built(doc, target, output, unwritten, item))
                continue
            try:
                data = assemble(source, target, translations, po=ws.relative(po),
                                lines={e.key: e.line for e in item.entries},
                                links=ws.settings.links)
            except L10nError as exc:
                built.append(Built(doc, target, output, unwritten, item, error=exc))
                continue
            built.append(Built(doc, target, output, "written", item, item.withheld(), data))
    return built
