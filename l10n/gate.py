"""The publication rule: per document and language, ready or blocked, and every reason.

Ready means: the PO holds the source's current units, every live entry is reviewed
(all plural forms filled), gettext's `msgfmt --check` finds no error, and no QA check of
severity "error" fails. This is the one definition `status`, `check` and `build` use: a
translation is publishable when it is reviewed and no error is found in it.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import parallel
from .catalog.model import ORIGINS, Catalog, Entry, Status
from .errors import L10nError
from .files import Signature
from .formats.base import STANDALONE
from .workspace import Document, Orphan, Workspace, select
from .workspace.cache import Cache, key
from .workspace.sources import read_source
from .workspace.translations import read_catalog

if TYPE_CHECKING:
    from .catalog.msgfmt import Msgfmt
    from .glossary import Glossary

STATUS_CHECKS = ("input", "missing", "stale", "untranslated", "needs-review", "msgfmt")
Key = tuple[str | None, str]


@dataclass(frozen=True)
class Problem:
    """One finding, located at a line of a file (the msgstr line for an entry)."""

    file: Path
    line: int | None
    msgctxt: str | None
    msgid: str | None
    check: str  # a QA check id, or one of STATUS_CHECKS
    severity: str  # "error" blocks, "warning" does not
    message: str

    @property
    def key(self) -> Key | None:
        return (self.msgctxt, self.msgid) if self.msgid is not None else None


@dataclass
class Readiness:
    """One document in one target language."""

    doc: Document
    target: str
    po: Path
    required: bool
    entries: list[Entry] = field(default_factory=list)
    nplurals: int = 2
    problems: list[Problem] = field(default_factory=list)
    _counts: dict[Status, tuple[int, int]] | None = field(default=None, init=False,
                                                          repr=False, compare=False)

    def count(self, status: Status) -> tuple[int, int]:
        """Entries and words in this state (counted in one pass, the first time: the
        entries are set once, when the item is assessed)."""
        if self._counts is None:
            counts = {s: [0, 0] for s in Status}
            for entry in self.entries:
                tally = counts[entry.status(self.nplurals)]
                tally[0] += 1
                tally[1] += entry.words
            self._counts = {s: (n, words) for s, (n, words) in counts.items()}
        return self._counts[status]

    def by_origin(self) -> dict[str, int]:
        counts = {"changed": 0, "memory": 0, "machine": 0, "unknown": 0}
        for entry in self.entries:
            if entry.status(self.nplurals) is Status.NEEDS_REVIEW:
                counts[entry.origin() or "unknown"] += 1
        return counts

    def reviews(self) -> dict[str, dict[str, int]]:
        """Reviewed proposals by origin: how many the reviewer kept as proposed or edited."""
        counts = {o: {"kept": 0, "edited": 0} for o in ORIGINS}
        for entry in self.entries:
            review = entry.review(self.nplurals)
            if review and entry.provenance.origin in counts:
                counts[entry.provenance.origin][review] += 1
        return counts

    def changes(self) -> list[Entry]:
        return [e for e in self.entries
                if e.status(self.nplurals) is Status.NEEDS_REVIEW and e.origin() == "changed"]

    def has(self, check: str) -> bool:
        return any(p.check == check for p in self.problems)

    @property
    def missing(self) -> bool:
        return self.has("missing")

    @property
    def stale(self) -> bool:
        return self.has("stale")

    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def qa_errors(self) -> list[Problem]:
        return [p for p in self.errors() if p.check not in STATUS_CHECKS]

    @property
    def ready(self) -> bool:
        return not self.errors()

    @property
    def blocked(self) -> bool:
        return self.required and not self.ready

    def publishable(self) -> dict[Key, str]:
        """The translations that may be published: reviewed, and no error found in them."""
        flawed = {p.key for p in self.errors()}
        return {e.key: e.msgstr for e in self.entries if e.msgid_plural is None
                and e.status(self.nplurals) is Status.REVIEWED and e.key not in flawed}

    def withheld(self) -> list[tuple[Entry, str]]:
        """Entries whose translation is not publishable, each with why."""
        why: dict[Key, str] = {}
        for problem in self.errors():
            if problem.key is not None:
                why.setdefault(problem.key, problem.message if problem.check in STATUS_CHECKS
                               else f"{problem.check}: {problem.message}")
        publishable = self.publishable()
        return [(e, why.get(e.key, "not reviewed")) for e in self.entries
                if e.key not in publishable]

    def reasons(self) -> list[str]:
        """Why it is not ready, one short line per kind of problem."""
        kinds = Counter(p.check for p in self.errors())
        reasons = [p.message for p in self.problems if p.check in ("input", "missing", "stale")]
        if kinds["untranslated"]:
            reasons.append(f"{kinds['untranslated']} untranslated")
        if kinds["needs-review"]:
            detail = ", ".join(f"{n} {o}" for o, n in self.by_origin().items() if n)
            reasons.append(f"{kinds['needs-review']} need review ({detail})")
        if kinds["msgfmt"]:
            reasons.append(f"{kinds['msgfmt']} msgfmt error(s)")
        qa_errors = Counter(p.check for p in self.qa_errors())
        if qa_errors:
            detail = ", ".join(f"{n} {k}" for k, n in sorted(qa_errors.items()))
            reasons.append(f"{sum(qa_errors.values())} QA error(s) ({detail})")
        return reasons


@dataclass
class Gate:
    items: list[Readiness]
    orphans: list[Orphan]
    msgfmt_available: bool
    ignored: list[Path] = field(default_factory=list)  # files under sources/ of no format

    @property
    def blocked(self) -> bool:
        return any(item.blocked for item in self.items)


class Assessor:
    """What the gate needs once per run: the glossary, msgfmt's checks, the cache.

    The findings of msgfmt and QA on a PO file are remembered by the content of the file,
    the glossary and the settings that decide them: a warm `status` or `check` reruns no
    check, and imports none (what a cache miss needs is loaded on the first one)."""

    def __init__(self, ws: Workspace, cache: Cache) -> None:
        self.ws = ws
        self.cache = cache
        glossary = Signature.of(ws.glossary_path)
        self._qa_inputs = glossary.digest if glossary else ""
        self._glossary: Glossary | None = None
        self._msgfmt: Msgfmt | None = None

    @property
    def msgfmt(self) -> Msgfmt:
        if self._msgfmt is None:
            from .catalog.msgfmt import Msgfmt  # gettext's checks: only on a cache miss
            self._msgfmt = Msgfmt()
        return self._msgfmt

    @property
    def unchecked(self) -> int:
        """How many PO files needed msgfmt itself while it is not installed."""
        return len(self._msgfmt.skipped) if self._msgfmt else 0

    @property
    def glossary(self) -> Glossary:
        if self._glossary is None:
            from .glossary import Glossary
            self._glossary = Glossary.load(self.ws.glossary_path)
        return self._glossary

    def assess(self, doc: Document, target: str, expected: list[Key], catalog: Catalog | None,
               signature: Signature | None = None) -> Readiness:
        """One document in one language: its catalog against the entries its source asks
        for (`expected`: their keys, `Source.keys`), msgfmt and QA. `catalog` None
        means there is no PO file yet."""
        po = self.ws.po_path(doc.name, target)
        item = Readiness(doc, target, po, self.ws.settings.blocks(doc.name, target))
        if catalog is None:
            if expected:
                item.problems.append(Problem(po, None, None, None, "missing", "error",
                                             "no PO file yet: run `l10n update`"))
            return item
        item.entries, item.nplurals = catalog.entries, catalog.nplurals
        if [e.key for e in catalog.entries] != expected:
            item.problems.append(Problem(po, 1, None, None, "stale", "error",
                                         "the PO does not match its source: run `l10n update`"))
        item.problems += _status_problems(item)
        item.problems += self._findings(item, catalog, signature)
        return item

    def _findings(self, item: Readiness, catalog: Catalog,
                  signature: Signature | None) -> list[Problem]:
        """msgfmt's verdict and the QA findings of every translation."""
        settings = self.ws.settings
        severity = settings.severities(item.doc.name, item.target)
        date_style = settings.date_styles[item.target]
        inputs = key(signature.digest if signature else None, self._qa_inputs, item.doc.lang,
                     item.target, settings.arabic_digits, repr(sorted(severity.items())),
                     date_style, repr(settings.links))
        name = f"{item.target}/{item.doc.name}"
        stored = self.cache.get("findings", name, inputs) if signature else None
        if stored is not None:
            return [Problem(item.po, *found) for found in json.loads(stored)]
        from .quality import checks
        unchecked = self.unchecked
        problems = [Problem(item.po, d.line, None, None, "msgfmt", d.severity, d.message)
                    for d in self.msgfmt.check(item.po, catalog)]
        context = checks.Context(item.doc.lang, item.target, self.glossary,
                                 settings.arabic_digits, date_style, settings.links)
        for entry in item.entries:
            if not entry.has_translation():
                continue
            unit = replace(context, standalone=not STANDALONE.isdisjoint(entry.notes))
            for finding in checks.run(entry.msgid, entry.translations[0], unit, severity,
                                      checks.accepted(entry.translator_comments)):
                problems.append(Problem(item.po, entry.line, entry.msgctxt, entry.msgid,
                                        finding.check, finding.severity, finding.message))
        if signature and self.unchecked == unchecked:  # msgfmt missing: ask again next time
            self.cache.put("findings", name, inputs, json.dumps(
                [[p.line, p.msgctxt, p.msgid, p.check, p.severity, p.message] for p in problems],
                ensure_ascii=False))
        return problems


_BATCH = 16  # documents a worker assesses with one glossary and one cache connection


def review(ws: Workspace, *, names: list[str] | None = None,
           langs: list[str] | None = None, workers: int = 1) -> Gate:
    """Every selected document and target language, with its problems. A file that cannot
    be read is an "input" problem of its own document; every other one is still assessed.
    Documents are shared between up to `workers` processes when there are many (a fresh
    clone in CI has no cache: every source is cut and every translation checked)."""
    documents = ws.documents()
    chosen: dict[Document, list[str]] = {}
    for doc, target in select(documents, names=names, langs=langs):
        chosen.setdefault(doc, []).append(target)
    pending = list(chosen.items())
    batches = [(ws, pending[i:i + _BATCH]) for i in range(0, len(pending), _BATCH)]
    items, skipped = [], 0
    for done, missed in parallel.ordered(_review_batch, batches,
                                         workers=workers if len(pending) >= 64 else 1):
        items += done
        skipped += missed
    return Gate(items, ws.orphans(documents), not skipped, ws.ignored())


def _review_batch(task: tuple[Workspace, list[tuple[Document, list[str]]]]
                  ) -> tuple[list[Readiness], int]:
    """Assess some documents in all their languages; also how many PO files needed msgfmt
    itself while it was missing."""
    ws, documents = task
    items = []
    with Cache(ws.cache_path) as cache:
        assessor = Assessor(ws, cache)
        for doc, targets in documents:
            try:
                # only the keys: a large document's text and units are freed before its
                # PO files are read
                expected: list[Key] | L10nError = read_source(ws, doc, cache).keys
            except L10nError as exc:
                expected = exc
            for target in targets:
                po = ws.po_path(doc.name, target)
                try:
                    if isinstance(expected, L10nError):
                        raise expected
                    catalog, signature = read_catalog(po, target) if po.exists() \
                        else (None, None)
                    items.append(assessor.assess(doc, target, expected, catalog, signature))
                except L10nError as exc:
                    items.append(_unreadable(ws, doc, target, exc))
    return items, assessor.unchecked


def _unreadable(ws: Workspace, doc: Document, target: str, error: L10nError) -> Readiness:
    item = Readiness(doc, target, ws.po_path(doc.name, target),
                     ws.settings.blocks(doc.name, target))
    item.problems.append(Problem(Path(error.path) if error.path else item.po, error.line, None,
                                 None, "input", "error",
                                 error.message + (f" ({error.hint})" if error.hint else "")))
    return item


def _status_problems(item: Readiness) -> list[Problem]:
    problems = []
    for entry in item.entries:
        status = entry.status(item.nplurals)
        if status is Status.UNTRANSLATED:
            problems.append(Problem(item.po, entry.line, entry.msgctxt, entry.msgid,
                                    "untranslated", "error", "not translated yet"))
        elif status is Status.NEEDS_REVIEW:
            prov = entry.provenance
            origin = f" ({prov.origin}: {prov.detail})" if prov and not prov.verdict else ""
            problems.append(Problem(item.po, entry.line, entry.msgctxt, entry.msgid,
                                    "needs-review", "error", f"needs review{origin}"))
    return problems
