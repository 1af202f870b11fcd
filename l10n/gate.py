"""The publication gate: per document and language, ready or blocked, and every reason.

Ready means: the PO holds the source's current units, every live entry is reviewed
(all plural forms filled), `msgfmt --check` reports no error, and no QA check of
severity "error" fails. `l10n status` and `l10n check` both read this.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import qa
from .catalog import pofile
from .catalog.model import ORIGINS, Entry, Status
from .config import Settings
from .glossary import FILE_NAME as GLOSSARY
from .glossary import Glossary
from .msgfmt import Msgfmt
from .project import read_source
from .state import UnitsCache
from .workspace import Document, Orphan, discover, ignored, orphans, select

STATUS_CHECKS = ("missing", "stale", "untranslated", "needs-review", "msgfmt")


@dataclass(frozen=True)
class Problem:
    """One finding, located at a line of a PO file (the msgstr line for an entry)."""

    po: Path
    line: int | None
    msgctxt: str | None
    msgid: str | None
    check: str  # a QA check id, or one of STATUS_CHECKS
    severity: str  # "error" blocks, "warning" does not
    message: str


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

    def count(self, status: Status) -> tuple[int, int]:
        """Entries and words in this state."""
        chosen = [e for e in self.entries if e.status(self.nplurals) is status]
        return len(chosen), sum(e.words for e in chosen)

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

    @property
    def missing(self) -> bool:
        return any(p.check == "missing" for p in self.problems)

    @property
    def stale(self) -> bool:
        return any(p.check == "stale" for p in self.problems)

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

    def reasons(self) -> list[str]:
        """Why it is not ready, one short line per kind of problem."""
        kinds = Counter(p.check for p in self.errors())
        reasons = [p.message for p in self.problems if p.check in ("missing", "stale")]
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


def assess(settings: Settings, *, names: list[str] | None = None,
           langs: list[str] | None = None) -> Gate:
    """Every selected document and target language, with its problems."""
    documents = discover(settings)
    glossary = Glossary.load(settings.root / GLOSSARY)
    msgfmt = Msgfmt(settings.state_dir / "msgfmt.json")
    units = UnitsCache(settings.state_dir / "units.sqlite3")
    items = []
    template_keys: dict[str, list] = {}
    try:
        for doc, target in select(documents, names=names, langs=langs):
            item = Readiness(doc, target, doc.po_path(settings, target),
                             settings.blocks(doc.name, target))
            items.append(item)
            if not item.po.exists():
                item.problems.append(Problem(item.po, None, None, None, "missing", "error",
                                             "no PO file yet: run `l10n update`"))
                continue
            catalog = pofile.read(item.po)
            item.entries, item.nplurals = catalog.entries, catalog.nplurals
            if doc.name not in template_keys:
                template_keys[doc.name] = [e.key for e in
                                           read_source(settings, doc, units).template]
            if [e.key for e in catalog.entries] != template_keys[doc.name]:
                item.problems.append(Problem(
                    item.po, 1, None, None, "stale", "error",
                    "the PO does not match its source: run `l10n update`"))
            item.problems += _status_problems(item)
            if msgfmt.available:
                item.problems += [Problem(item.po, d.line, None, None, "msgfmt", d.severity,
                                          d.message) for d in msgfmt.check(item.po)]
            item.problems += _qa_problems(item, settings, glossary)
    finally:
        msgfmt.save()
        units.close()
    return Gate(items, orphans(settings, documents), msgfmt.available, ignored(settings))


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


def _qa_problems(item: Readiness, settings: Settings, glossary: Glossary) -> list[Problem]:
    context = qa.Context(item.doc.lang, item.target, glossary, settings.arabic_digits)
    severity = settings.severities(item.doc.name, item.target)
    problems = []
    for entry in item.entries:
        if not entry.has_translation():
            continue
        for finding in qa.run(entry.msgid, entry.translations[0], context, severity):
            problems.append(Problem(item.po, entry.line, entry.msgctxt, entry.msgid,
                                    finding.check, finding.severity, finding.message))
    return problems

