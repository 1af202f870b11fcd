"""Machine translation in the workspace: the pre-translation proposer and one-shot drafts.

The bridge between `mt` (which knows no catalogs) and the workspace: it builds the engine
from the installed packages, the glossary and the cache under .l10n/, finds reviewed
English translations for pivots, and writes the provenance detail of each proposal:
engine, packages and versions, route and date, and any degenerate-output flags.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from . import document, models
from .catalog import pofile
from .config import Settings
from .errors import L10nError
from .formats import Format
from .glossary import FILE_NAME as GLOSSARY
from .glossary import Glossary
from .mt import ENGINE, PIVOT, Cache, Engine, Options, Progress, Translation
from .pretranslate import Proposal, Request
from .segmentation import Segmenter

CACHE_NAME = "mt-cache.sqlite3"


def open_engine(folder: Path | None, *, settings: Settings | None, threads: int,
                beam_size: int | None = None) -> Engine:
    """An engine over the packages in `folder`, with the workspace's glossary and cache."""
    scan = models.scan(folder)
    options = Options(beam_size=beam_size or (settings.beam_size if settings
                                              else Options.beam_size), threads=threads)
    if settings is None:
        return Engine(scan.packages, options=options)
    return Engine(scan.packages, options=options,
                  cache=Cache(settings.state_dir / CACHE_NAME),
                  glossary=Glossary.load(settings.root / GLOSSARY))


def describe(translation: Translation, when: date) -> str:
    """The provenance detail: engine, packages and versions, route, date, flags.

    e.g. "argos translate-fr_en 1.9, translate-en_ar 1.0; fr→en→ar; 2025-03-01"
    """
    used = ", ".join(p.label for p in translation.packages)
    engine = f"reviewed {PIVOT} + {ENGINE} {used}" if translation.reviewed_pivot \
        else f"{ENGINE} {used}"
    detail = f"{engine}; {'→'.join(translation.route)}; {when.isoformat()}"
    if translation.flags:  # on one line: a note is one PO comment line
        detail += "; check: " + ", ".join(" ".join(f.split()) for f in translation.flags)
    return detail


class MachineProposer:
    """Proposes machine translations for untranslated units (see `pretranslate`).

    Through English, a unit whose reviewed English translation is in the workspace starts
    from it, so the second leg translates human text. Pairs with no model are left for the
    next proposer and counted in `missing`.
    """

    def __init__(self, engine: Engine, *, translations_dir: Path, today: date,
                 progress: Progress | None = None) -> None:
        self.engine = engine
        self.translations_dir = translations_dir
        self.today = today
        self.progress = progress
        self.missing: dict[tuple[str, str], int] = {}  # (source, target) -> units
        self.flagged = 0  # proposals whose note says to check them
        self._english: dict[str, dict[tuple[str | None, str], str]] = {}

    def propose(self, requests: list[Request]) -> list[Proposal | None]:
        answers: list[Proposal | None] = [None] * len(requests)
        groups: dict[tuple[str, str], list[int]] = {}
        for i, request in enumerate(requests):
            groups.setdefault((request.source_lang, request.target_lang), []).append(i)
        for (source, target), indexes in groups.items():
            try:
                route = self.engine.route(source, target)
            except L10nError:
                self.missing[(source, target)] = \
                    self.missing.get((source, target), 0) + len(indexes)
                continue
            chosen = [requests[i] for i in indexes]
            pivots = [self._reviewed_english(r) for r in chosen] if len(route) == 2 else None
            results = self.engine.translate([r.msgid for r in chosen], source=source,
                                            target=target, pivots=pivots,
                                            progress=self.progress)
            for i, result in zip(indexes, results):
                answers[i] = Proposal(result.text, "machine", describe(result, self.today))
                self.flagged += bool(result.flags)
        return answers

    def _reviewed_english(self, request: Request) -> str | None:
        if request.document not in self._english:
            po = self.translations_dir / PIVOT / f"{request.document}.po"
            reviewed = {}
            if po.exists():
                reviewed = pofile.read(po).reviewed()
            self._english[request.document] = reviewed
        return self._english[request.document].get((request.msgctxt, request.msgid))


def draft(text: str, fmt: Format, segmenter: Segmenter, engine: Engine, *, source: str,
          target: str, progress: Progress | None = None
          ) -> tuple[str, list[document.Unit], list[Translation]]:
    """A one-shot machine draft of a document: cut into units as `l10n update` would,
    translated, rebuilt in the source's layout."""
    units = document.extract(text, fmt, segmenter)
    translations = engine.translate([u.msgid for u in units], source=source, target=target,
                                    progress=progress)
    by_start = {u.start: t.text for u, t in zip(units, translations)}
    rebuilt = document.render(text, units, lambda unit: by_start[unit.start], fmt=fmt,
                              source=source, target=target)
    return rebuilt, units, translations
