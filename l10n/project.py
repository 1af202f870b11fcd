"""The workflow over a whole workspace: update catalogs, report status, check, build, approve.

Each operation returns plain data for the CLI to print; nothing here prints or exits.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import document, formats
from .catalog import pofile
from .catalog.merge import merge
from .catalog.model import Catalog, Entry, Provenance, Status
from .config import CONFIG_NAME, DEFAULT_CONFIG, LANGUAGES, PLURAL_FORMS, Settings
from .errors import L10nError
from .files import Signature, read_text, write_atomic
from .segmentation import Segmenter
from .state import State
from .workspace import Document, discover, find, orphans

GITIGNORE = ".l10n/\n/build/\n*.mo\n"


def init(folder: Path) -> list[Path]:
    """Create l10n.toml, sources/, translations/ and .gitignore where missing."""
    created = []
    config = folder / CONFIG_NAME
    if not config.exists():
        write_atomic(config, DEFAULT_CONFIG.format(name=folder.resolve().name).encode())
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


def read_source(settings: Settings, doc: Document) -> Source:
    text = read_text(doc.source)
    segmenter = Segmenter.for_language(doc.lang, settings.abbreviations.get(doc.lang, ()))
    units = document.extract(text, formats.for_path(doc.source), segmenter)
    reference = doc.reference(settings)
    entries: dict[str, Entry] = {}
    for unit in units:
        entry = entries.setdefault(unit.msgid, Entry(msgid=unit.msgid))
        entry.references.append(f"{reference}:{unit.line}")
        if unit.note not in entry.notes:
            entry.notes.append(unit.note)
    return Source(doc, text, units, list(entries.values()))


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
    orphans: list[Path] = field(default_factory=list)
    pruned: list[Path] = field(default_factory=list)


def update(settings: Settings, *, now: datetime, prune: bool = False,
           names: list[str] | None = None) -> UpdateResult:
    """Create or merge every PO file from its source; never drops a translation."""
    documents = discover(settings)
    selected = find(documents, names)
    state = State(settings.state_dir / "state.json")
    result = UpdateResult()
    left = {(t, n): p for t, n, p in orphans(settings, documents)}
    config = settings.root / CONFIG_NAME
    try:
        for doc in selected:
            source = None
            for target in doc.targets:
                po = doc.po_path(settings, target)
                job = f"update {target}/{doc.name}"
                if state.unchanged(job, [config, doc.source, po]):
                    result.unchanged += 1
                    continue
                source = source or read_source(settings, doc)
                if not po.exists():
                    moved = _adopt_renamed(source, target, po, left)
                    if moved:
                        result.renamed.append((moved, po))
                if _update_po(settings, source, target, po, now):
                    result.written.append(po)
                else:
                    result.unchanged += 1
                state.record(job, [config, doc.source, po])
    finally:
        state.save()
    for (_, _), path in sorted(left.items()):
        if prune:
            path.unlink()
            result.pruned.append(path)
        else:
            result.orphans.append(path)
    return result


def _adopt_renamed(source: Source, target: str, po: Path,
                   left: dict[tuple[str, str], Path]) -> Path | None:
    """An orphan PO holding exactly this document's units (a renamed source) moves here."""
    keys = {e.key for e in source.template}
    for (lang, name), path in list(left.items()):
        if lang != target:
            continue
        if {e.key for e in pofile.read(path).entries} == keys:
            po.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, po)
            del left[(lang, name)]
            return path
    return None


def _update_po(settings: Settings, source: Source, target: str, po: Path,
               now: datetime) -> bool:
    """Merge the source into the PO; if someone saves the PO meanwhile, merge again."""
    for _ in range(5):
        signature = Signature.of(po)
        data = po.read_bytes() if signature else None
        old = pofile.parse(data, po) if data is not None else \
            new_catalog(settings, source.doc, target, now)
        catalog = merge(source.template, old, threshold=settings.suggestion_threshold)
        _settle_header(catalog, old, source.doc, target, now)
        output = pofile.serialize(catalog)
        if output == data:
            return False
        if write_atomic(po, output, expected=signature):
            return True
    raise L10nError("the PO file kept changing while l10n updated it", path=po,
                    hint="save it in Poedit, close it, and run `l10n update` again")


def _settle_header(catalog: Catalog, old: Catalog, doc: Document, target: str,
                   now: datetime) -> None:
    header = catalog.header
    header.setdefault("Language", target)
    header.setdefault("Plural-Forms", PLURAL_FORMS[target])
    header.setdefault("X-Source-Language", doc.lang)
    if [e.key for e in catalog.entries] != [e.key for e in old.entries] and old.entries:
        header["POT-Creation-Date"] = _stamp(now)


# -- status and check ----------------------------------------------------------------

@dataclass
class Progress:
    """One document in one target language, counted by status."""

    doc: Document
    target: str
    po: Path
    required: bool
    entries: list[Entry] = field(default_factory=list)
    nplurals: int = 2
    stale: bool = False  # the PO misses units of the current source
    missing: bool = False  # no PO yet

    def count(self, status: Status) -> tuple[int, int]:
        chosen = [e for e in self.entries if e.status(self.nplurals) is status]
        return len(chosen), sum(e.words for e in chosen)

    def by_origin(self) -> dict[str, int]:
        counts = {"changed": 0, "memory": 0, "machine": 0, "unknown": 0}
        for e in self.entries:
            if e.status(self.nplurals) is Status.NEEDS_REVIEW:
                counts[e.origin() or "unknown"] += 1
        return counts

    def changes(self) -> list[Entry]:
        return [e for e in self.entries
                if e.status(self.nplurals) is Status.NEEDS_REVIEW and e.origin() == "changed"]

    def reasons(self) -> list[str]:
        if self.missing:
            return ["no PO file yet: run `l10n update`"]
        reasons = []
        if self.stale:
            reasons.append("the PO is older than its source: run `l10n update`")
        untranslated = self.count(Status.UNTRANSLATED)[0]
        if untranslated:
            reasons.append(f"{untranslated} untranslated")
        review = self.count(Status.NEEDS_REVIEW)[0]
        if review:
            detail = ", ".join(f"{n} {o}" for o, n in self.by_origin().items() if n)
            reasons.append(f"{review} need review ({detail})")
        return reasons

    @property
    def ready(self) -> bool:
        return not self.reasons()


def progress(settings: Settings, *, names: list[str] | None = None,
             langs: list[str] | None = None) -> tuple[list[Progress], list[Path]]:
    """Every document and target language with its counts, and the orphaned PO files."""
    documents = discover(settings)
    result = []
    for doc in find(documents, names):
        template_keys = None
        for target in doc.targets:
            if langs and target not in langs:
                continue
            po = doc.po_path(settings, target)
            item = Progress(doc, target, po, target in settings.required)
            if not po.exists():
                item.missing = True
            else:
                catalog = pofile.read(po)
                item.entries, item.nplurals = catalog.entries, catalog.nplurals
                if template_keys is None:
                    template_keys = [e.key for e in read_source(settings, doc).template]
                item.stale = [e.key for e in catalog.entries] != template_keys
            result.append(item)
    return result, [p for _, _, p in orphans(settings, documents)]


# -- build ---------------------------------------------------------------------------

@dataclass
class Built:
    doc: Document
    target: str
    output: Path
    outcome: str  # "written", "unchanged" or "refused"
    percent: float
    missing: list[Entry] = field(default_factory=list)


def build(settings: Settings, *, allow_partial: bool = False, names: list[str] | None = None,
          langs: list[str] | None = None) -> list[Built]:
    """Rebuild target documents from reviewed translations; incomplete ones are refused."""
    state = State(settings.state_dir / "state.json")
    results = []
    config = settings.root / CONFIG_NAME
    try:
        for doc in find(discover(settings), names):
            source = None
            for target in doc.targets:
                if langs and target not in langs:
                    continue
                po, output = doc.po_path(settings, target), doc.build_path(settings, target)
                if not po.exists():
                    raise L10nError("no PO file for this document", path=po,
                                    hint="run `l10n update` first")
                job = f"build {target}/{doc.name}{' partial' if allow_partial else ''}"
                inputs = [config, doc.source, po, output]
                if state.unchanged(job, inputs):
                    results.append(Built(doc, target, output, "unchanged", 100.0))
                    continue
                source = source or read_source(settings, doc)
                built = _build_one(settings, source, target, po, output, allow_partial)
                results.append(built)
                if built.outcome != "refused" and not built.missing:
                    state.record(job, inputs)
    finally:
        state.save()
    return results


def _build_one(settings: Settings, source: Source, target: str, po: Path, output: Path,
               allow_partial: bool) -> Built:
    catalog = pofile.read(po)
    reviewed = {e.key: e.msgstr for e in catalog.entries
                if e.status(catalog.nplurals) is Status.REVIEWED}
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
    for doc in find(discover(settings), names):
        for target in doc.targets:
            if langs and target not in langs:
                continue
            po = doc.po_path(settings, target)
            if po.exists():
                count = _approve_po(po, by=by, origin=origin, exact=exact)
                if count:
                    changed.append((po, count))
    return changed


def _approve_po(po: Path, *, by: str, origin: str | None, exact: bool) -> int:
    for _ in range(5):
        signature = Signature.of(po)
        catalog = pofile.read(po)
        count = 0
        for entry in catalog.entries:
            provenance = entry.provenance
            if entry.status(catalog.nplurals) is not Status.NEEDS_REVIEW or not provenance:
                continue
            if (origin and provenance.origin != origin) or \
                    (exact and not provenance.detail.startswith("exact")):
                continue
            entry.fuzzy = False
            entry.provenance = provenance.reviewed(entry.msgstr, by=by)
            count += 1
        if not count or write_atomic(po, pofile.serialize(catalog), expected=signature):
            return count
    raise L10nError("the PO file kept changing while l10n approved entries", path=po)



def segment(path: Path, lang: str, settings: Settings | None) -> list[document.Unit]:
    """How a file is cut into units, with the workspace's rules when there is one."""
    if lang not in LANGUAGES:
        raise L10nError(f"unknown language {lang!r}", hint=f"use one of {', '.join(LANGUAGES)}")
    extra = settings.abbreviations.get(lang, ()) if settings else ()
    return document.extract(read_text(path), formats.for_path(path),
                            Segmenter.for_language(lang, extra))
