"""The workflow over a whole workspace: update catalogs, report status, check, build, approve.

Each operation returns plain data for the CLI to print; nothing here prints or exits.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import checkpoints, document, formats
from .catalog import pofile
from .catalog.model import Catalog, Entry, Status
from .config import CONFIG_NAME, DEFAULT_CONFIG, LANGUAGES, PLURAL_FORMS, Settings
from .errors import L10nError
from .files import read_text, sync_dirs, write_atomic
from .state import State, UnitsCache, units_key
from .workspace import Document, Orphan, WriteGuard, discover, orphans, select

if TYPE_CHECKING:
    from .segmentation import Segmenter

GITIGNORE = ".l10n/\n/build/\n*.mo\n"
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def init(folder: Path) -> list[Path]:
    """Create l10n.toml, sources/, translations/ and .gitignore where missing."""
    created = []
    config = folder / CONFIG_NAME
    if not config.exists():
        write_atomic(config, DEFAULT_CONFIG.replace("{name}", folder.resolve().name).encode())
        created.append(config)
    for sub in ("sources", "translations"):
        if not (folder / sub).is_dir():
            (folder / sub).mkdir(parents=True)
            created.append(folder / sub)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        write_atomic(ignore, GITIGNORE.encode())
        created.append(ignore)
    return created


# -- units of a document -------------------------------------------------------------

@dataclass
class Source:
    """A document read and cut into units, with its PO template entries."""

    doc: Document
    text: str
    units: list[document.Unit]
    template: list[Entry]
    warnings: tuple[str, ...] = ()  # about the segmentation rules (see Segmenter)


def segmenter(settings: Settings | None, lang: str) -> Segmenter:
    """The workspace's segmenter for `lang`: built-in or SRX rules, its own exceptions."""
    from .segmentation import Segmenter  # compiles its rules: only when a source is cut
    if settings is None:
        return Segmenter.for_language(lang)
    return Segmenter.for_language(lang, abbreviations=settings.abbreviations.get(lang, ()),
                                  no_break=settings.no_break.get(lang, ()),
                                  srx=settings.srx_path)


def _rules_key(settings: Settings, lang: str) -> str:
    """What the cut of a `lang` source depends on besides its text and format."""
    srx = settings.srx_path
    try:
        srx_data = hashlib.sha256(srx.read_bytes()).hexdigest() if srx else ""
    except OSError:
        srx_data = "unreadable"  # cutting will say why
    return repr((lang, settings.abbreviations.get(lang, ()), settings.no_break.get(lang, ()),
                 str(srx or ""), srx_data))


def rule_files(settings: Settings) -> list[Path]:
    """Files whose change re-segments every source: l10n.toml and the SRX file."""
    return [settings.root / CONFIG_NAME, *([settings.srx_path] if settings.srx_path else [])]


def read_source(settings: Settings, doc: Document, cache: UnitsCache | None = None) -> Source:
    """The document's text, units and PO template; units come from `cache` when it holds
    them for this very text and these rules."""
    text = read_text(doc.source, limit=settings.max_source_bytes)
    control = _CONTROL.search(text)
    if control:
        raise L10nError(f"control character U+{ord(control.group()):04X} in the text",
                        path=doc.source, line=text.count("\n", 0, control.start()) + 1,
                        hint="this does not look like a text document; remove it")
    key = units_key(_rules_key(settings, doc.lang), doc.extension, text)
    units = cache.load(doc.name, key, text) if cache else None
    warnings: tuple[str, ...] = ()
    if units is None:
        rules = segmenter(settings, doc.lang)
        units, warnings = document.extract(text, formats.for_path(doc.source), rules), \
            rules.warnings
        if cache:
            cache.store(doc.name, key, units)
    reference = doc.reference(settings)
    entries: dict[str, Entry] = {}
    for unit in units:
        entry = entries.setdefault(unit.msgid, Entry(msgid=unit.msgid))
        if f"{reference}:{unit.line}" not in entry.references:
            entry.references.append(f"{reference}:{unit.line}")
        if unit.note not in entry.notes:
            entry.notes.append(unit.note)
    return Source(doc, text, units, list(entries.values()), warnings)


def new_catalog(settings: Settings, doc: Document, target: str, now: datetime) -> Catalog:
    stamp = _stamp(now)
    return Catalog(header={
        "Project-Id-Version": settings.project,
        "POT-Creation-Date": stamp,
        "PO-Revision-Date": stamp,
        "Last-Translator": "",
        "Language-Team": LANGUAGES[target],
        "Language": target,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS[target],
        "X-Source-Language": doc.lang,
    })


def _stamp(now: datetime) -> str:
    return now.strftime("%Y-%m-%d %H:%M%z")


# -- update --------------------------------------------------------------------------

@dataclass
class UpdateResult:
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    renamed: list[tuple[Path, Path]] = field(default_factory=list)
    orphans: list[Orphan] = field(default_factory=list)
    pruned: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def update(settings: Settings, *, now: datetime, prune: bool = False,
           names: list[str] | None = None, dry_run: bool = False,
           workers: int = 1) -> UpdateResult:
    """Create or merge every PO file from its source; never drops a translation.

    With `dry_run`, nothing is written: `written` lists the PO files that would change.
    `prune` deletes PO files whose source is gone, never those of a language that only
    stopped being a target (restoring it in l10n.toml brings them back). Documents are
    worked on by up to `workers` processes when there are many.
    """
    documents = discover(settings)
    state = State(settings.state_dir / "state.json")
    result = UpdateResult()
    left = orphans(settings, documents)
    renames = _Renames([o for o in left if o.source_gone])
    rules = state.signatures(rule_files(settings))
    guard = WriteGuard(settings.root)
    pending: dict[str, _UpdateTask] = {}
    for doc, target in select(documents, names=names):
        po = f"{settings.translations_dir}/{target}/{doc.name}.po"  # a str: stat it only
        if state.unchanged(f"update {target}/{doc.name}", [doc.source, po], shared=rules):
            result.unchanged += 1
            continue
        guard(doc.po_path(settings, target))
        task = pending.setdefault(doc.name, _UpdateTask(settings, doc, [], now, dry_run))
        task.targets.append(target)
    tasks = list(pending.values())
    try:
        units = settings.state_dir / "units.sqlite3"
        if renames.candidates and not dry_run:  # a renamed source may claim an orphan PO
            done = _in_turn(functools.partial(_update_document, renames=renames), units, tasks)
        else:
            done = each(_update_document, tasks, units=units, workers=workers)
        for task, (written, moved, warnings) in zip(tasks, done):
            result.warnings += [w for w in warnings if w not in result.warnings]
            result.renamed += moved
            for target in task.targets:
                po = task.doc.po_path(settings, target)
                if po in written:
                    result.written.append(po)
                else:
                    result.unchanged += 1
                if not dry_run:
                    state.record(f"update {target}/{task.doc.name}", [task.doc.source, po],
                                 shared=rules)
    finally:
        sync_dirs(result.written if not dry_run else [])
        state.save()
    adopted = {moved for moved, _ in result.renamed}
    for orphan in (o for o in left if o.path not in adopted):
        if prune and orphan.source_gone and not dry_run:
            guard(orphan.path).unlink()
            result.pruned.append(orphan.path)
        else:
            result.orphans.append(orphan)
    return result


@dataclass
class _UpdateTask:
    """One document's PO files to bring up to date: the unit of work a process takes."""

    settings: Settings
    doc: Document
    targets: list[str]
    now: datetime
    dry_run: bool


def _update_document(task: _UpdateTask, units: UnitsCache, renames: _Renames | None = None
                     ) -> tuple[list[Path], list[tuple[Path, Path]], tuple[str, ...]]:
    """Merge one source into its PO files: the ones written, PO files adopted from a
    renamed source, and what the segmenter warned about."""
    checkpoints.reached("between-documents")
    settings, doc = task.settings, task.doc
    source = read_source(settings, doc, units)
    written, moved = [], []
    for target in task.targets:
        po = doc.po_path(settings, target)
        if renames is not None and not po.exists():
            adopted = renames.adopt(source, target, po)
            if adopted:
                moved.append((adopted, po))
        if _update_po(settings, source, target, po, task.now, dry_run=task.dry_run):
            written.append(po)
    return written, moved, source.warnings


_PARALLEL_FROM = 32  # documents: fewer are not worth starting processes for


def each(function: Callable, tasks: list, *, units: Path, workers: int) -> Iterator:
    """`function(task, units cache)` over `tasks`, results in order; in up to `workers`
    processes when there are enough tasks to pay for them (parsing, segmenting and
    merging are CPU-bound). Each process opens the units cache once."""
    if workers < 2 or len(tasks) < _PARALLEL_FROM:
        yield from _in_turn(function, units, tasks)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    size = -(-len(tasks) // (min(workers, 4) * 4))
    batches = [tasks[i:i + size] for i in range(0, len(tasks), size)]
    try:
        with ProcessPoolExecutor(min(workers, 4),
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            for done in pool.map(functools.partial(_batch, function, units), batches):
                yield from done
    except BrokenProcessPool:
        raise L10nError("a worker process stopped before finishing its documents",
                        hint="run the command again: the work done so far is kept") from None


def _in_turn(function: Callable, units: Path, tasks: list) -> Iterator:
    cache = UnitsCache(units)
    try:
        for task in tasks:
            yield function(task, cache)
    finally:
        cache.close()


def _batch(function: Callable, units: Path, tasks: list) -> list:
    return list(_in_turn(function, units, tasks))


class _Renames:
    """Orphan PO files a renamed source may claim: one holding exactly its units."""

    def __init__(self, candidates: list[Orphan]) -> None:
        self.candidates = candidates
        self._keys: dict[Path, frozenset] = {}  # each orphan is read once, when first needed

    def adopt(self, source: Source, target: str, po: Path) -> Path | None:
        keys = frozenset(e.key for e in source.template)
        for orphan in self.candidates:
            if orphan.target != target:
                continue
            if orphan.path not in self._keys:
                self._keys[orphan.path] = frozenset(e.key for e in pofile.read(orphan.path).entries)
            if self._keys[orphan.path] == keys:
                po.parent.mkdir(parents=True, exist_ok=True)
                os.replace(orphan.path, po)
                self.candidates.remove(orphan)
                return orphan.path
        return None


def _update_po(settings: Settings, source: Source, target: str, po: Path,
               now: datetime, *, dry_run: bool) -> bool:
    """Merge the source into the PO; if someone saves the PO meanwhile, merge again."""
    def merged(old: Catalog | None) -> Catalog:
        from .catalog.merge import merge  # rapidfuzz: only when a PO is merged
        old = old or new_catalog(settings, source.doc, target, now)
        catalog = merge(source.template, old, threshold=settings.suggestion_threshold)
        _settle_header(catalog, old, source.doc, target, now)
        return catalog

    return pofile.rewrite(po, merged, dry_run=dry_run, sync_dir=False)


def _settle_header(catalog: Catalog, old: Catalog, doc: Document, target: str,
                   now: datetime) -> None:
    header = catalog.header
    header.setdefault("Language", target)
    header.setdefault("Plural-Forms", PLURAL_FORMS[target])
    header.setdefault("X-Source-Language", doc.lang)
    if [e.key for e in catalog.entries] != [e.key for e in old.entries] and old.entries:
        header["POT-Creation-Date"] = _stamp(now)


# -- build ---------------------------------------------------------------------------

@dataclass
class Built:
    doc: Document
    target: str
    output: Path
    outcome: str  # "written", "unchanged" or "refused"
    percent: float | None  # None when skipped because nothing changed since the last build
    missing: list[Entry] = field(default_factory=list)
    reason: str = ""  # why it was refused, when not for missing translations


def build(settings: Settings, *, allow_partial: bool = False, names: list[str] | None = None,
          langs: list[str] | None = None, workers: int = 1) -> list[Built]:
    """Rebuild target documents from reviewed translations; incomplete ones are refused."""
    state = State(settings.state_dir / "state.json")
    rules = state.signatures(rule_files(settings))
    guard = WriteGuard(settings.root)
    results: dict[tuple[str, str], Built] = {}
    pending: dict[str, _BuildTask] = {}
    for doc, target in select(discover(settings), names=names, langs=langs):
        po = f"{settings.translations_dir}/{target}/{doc.name}.po"  # strs: stat them only
        output = f"{settings.build_dir}/{target}/{doc.name}{doc.extension}"
        if state.unchanged(_build_job(doc, target, allow_partial), [doc.source, po, output],
                           shared=rules):
            results[doc.name, target] = Built(doc, target, Path(output), "unchanged", None)
        elif not os.path.exists(po):
            results[doc.name, target] = Built(doc, target, Path(output), "refused", 0.0,
                                              reason="no PO file yet: run `l10n update`")
        else:
            guard(Path(output))
            results[doc.name, target] = None  # keeps the document order
            task = pending.setdefault(doc.name, _BuildTask(settings, doc, [], allow_partial))
            task.targets.append(target)
    tasks = list(pending.values())
    try:
        for task, built in zip(tasks, each(_build_document, tasks, workers=workers,
                                           units=settings.state_dir / "units.sqlite3")):
            for one in built:
                results[task.doc.name, one.target] = one
                if one.outcome != "refused":
                    state.record(_build_job(task.doc, one.target, allow_partial),
                                 [task.doc.source, task.doc.po_path(settings, one.target),
                                  one.output], shared=rules)
    finally:
        state.save()
    return [r for r in results.values() if r is not None]


def _build_job(doc: Document, target: str, allow_partial: bool) -> str:
    return f"build {target}/{doc.name}{' partial' if allow_partial else ''}"


@dataclass
class _BuildTask:
    """One document's translations to rebuild: the unit of work a process takes."""

    settings: Settings
    doc: Document
    targets: list[str]
    allow_partial: bool


def _build_document(task: _BuildTask, units: UnitsCache) -> list[Built]:
    checkpoints.reached("between-documents")
    settings, doc = task.settings, task.doc
    source = read_source(settings, doc, units)
    return [_build_one(settings, source, target, doc.po_path(settings, target),
                       doc.build_path(settings, target), task.allow_partial)
            for target in task.targets]


def _build_one(settings: Settings, source: Source, target: str, po: Path, output: Path,
               allow_partial: bool) -> Built:
    catalog = pofile.read(po)
    reviewed = catalog.reviewed()
    missing = [e for e in source.template if e.key not in reviewed]
    percent = 100.0 * (len(source.template) - len(missing)) / max(len(source.template), 1)
    if percent < settings.completeness and not allow_partial:
        return Built(source.doc, target, output, "refused", percent, missing)
    try:
        text = document.render(source.text, source.units,
                               lambda unit: reviewed.get((None, unit.msgid)),
                               fmt=formats.for_path(source.doc.source), source=source.doc.lang,
                               target=target)
    except L10nError as exc:
        raise L10nError(exc.message, path=po, hint=exc.hint) from None
    data = text.encode("utf-8")
    if output.exists() and output.read_bytes() == data:
        return Built(source.doc, target, output, "unchanged", percent, missing)
    write_atomic(output, data, durable=False)  # rebuilt from sources and POs at will
    return Built(source.doc, target, output, "written", percent, missing)


# -- approve -------------------------------------------------------------------------

def approve(settings: Settings, *, by: str, origin: str | None = None, exact: bool = False,
            names: list[str] | None = None, langs: list[str] | None = None) -> list[tuple[Path, int]]:
    """Mark needs-review entries reviewed on a person's explicit request, saying who."""
    changed = []
    guard = WriteGuard(settings.root)
    for doc, target in select(discover(settings), names=names, langs=langs):
        po = guard(doc.po_path(settings, target))
        if po.exists():
            count = _approve_po(po, by=by, origin=origin, exact=exact)
            if count:
                changed.append((po, count))
    return changed


def _approve_po(po: Path, *, by: str, origin: str | None, exact: bool) -> int:
    approved = 0

    def approve_entries(catalog: Catalog | None) -> Catalog | None:
        nonlocal approved
        approved = 0
        for entry in catalog.entries if catalog else ():
            provenance = entry.provenance
            if entry.status(catalog.nplurals) is not Status.NEEDS_REVIEW or not provenance:
                continue
            if (origin and provenance.origin != origin) or \
                    (exact and not provenance.detail.startswith("exact")):
                continue
            entry.fuzzy = False
            entry.provenance = provenance.approved_by(by)
            approved += 1
        return catalog if approved else None

    pofile.rewrite(po, approve_entries)
    return approved


def segment(path: Path, lang: str,
            settings: Settings | None) -> tuple[list[document.Unit], tuple[str, ...]]:
    """How a file is cut into units, with the workspace's rules when there is one, and
    warnings about those rules."""
    if lang not in LANGUAGES:
        raise L10nError(f"unknown language {lang!r}", hint=f"use one of {', '.join(LANGUAGES)}")
    rules = segmenter(settings, lang)
    return document.extract(read_text(path), formats.for_path(path), rules), rules.warnings
