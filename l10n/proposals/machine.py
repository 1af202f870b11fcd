"""Machine translation in the workspace: the pre-translation proposer and one-shot drafts.

The bridge between `mt` (which knows no catalogs) and the commands: it builds the engine
from the installed packages, a glossary and a cache file, starts pivots from reviewed
English translations, and writes the provenance detail of each proposal: engine,
packages and versions, route and date, and any degenerate-output flags.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import L10nError
from ..formats import Format
from ..formats.units import Unit, extract, render
from ..glossary import Glossary
from ..segmentation import Segmenter
from . import models
from .mt import ENGINE, PIVOT, Cache, Engine, Options, Progress, Translation
from .pipeline import Proposal, Request


def open_engine(folder: Path | None, *, threads: int, beam_size: int,
                cache: Path | None = None, glossary: Glossary | None = None) -> Engine:
    """An engine over the packages in `folder` (None: Argos's own), with a glossary whose
    terms it keeps and a cache file of its outputs when given."""
    scan = models.scan(folder)
    return Engine(scan.packages, options=Options(beam_size=beam_size, threads=threads),
                  cache=Cache(cache) if cache else None, glossary=glossary)


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


@dataclass
class MachineStats:
    """What machine translation did in one run, for the command's summary."""

    model_calls: int = 0  # sentences a model decoded
    cache_hits: int = 0  # sentences taken from the cache
    flagged: int = 0  # proposals whose note says to check them
    missing: dict[tuple[str, str], int] = field(default_factory=dict)  # no model: units left


class MachineProposer:
    """Proposes machine translations for untranslated units (see `pipeline`).

    Through English, a unit whose reviewed English translation is known (`reviewed_english`,
    by document) starts from it, so the second leg translates human text. Pairs with no
    model are left for the next proposer and counted in `stats.missing`.
    """

    def __init__(self, engine: Engine, *, today: date,
                 reviewed_english: Callable[[str], dict[tuple[str | None, str], str]],
                 progress: Progress | None = None) -> None:
        self.engine = engine
        self.today = today
        self.reviewed_english = reviewed_english
        self.progress = progress
        self.stats = MachineStats()

    def propose(self, requests: list[Request]) -> list[Proposal | None]:
        answers: list[Proposal | None] = [None] * len(requests)
        groups: dict[tuple[str, str], list[int]] = {}
        for i, request in enumerate(requests):
            groups.setdefault((request.source_lang, request.target_lang), []).append(i)
        for (source, target), indexes in groups.items():
            try:
                route = self.engine.route(source, target)
            except L10nError:
                missing = self.stats.missing
                missing[(source, target)] = missing.get((source, target), 0) + len(indexes)
                continue
            chosen = [requests[i] for i in indexes]
            pivots = [self.reviewed_english(r.document).get((r.msgctxt, r.msgid))
                      for r in chosen] if len(route) == 2 else None
            results = self.engine.translate([r.msgid for r in chosen], source=source,
                                            target=target, pivots=pivots,
                                            progress=self.progress)
            kind = "pivot" if len(route) == 2 else "direct"
            for i, result in zip(indexes, results):
                answers[i] = Proposal(result.text, "machine", kind, describe(result, self.today))
                self.stats.flagged += bool(result.flags)
        self.stats.model_calls = self.engine.model_calls
        self.stats.cache_hits = self.engine.cache_hits
        return answers


def draft(text: str, fmt: Format, segmenter: Segmenter, engine: Engine, *, source: str,
          target: str, progress: Progress | None = None
          ) -> tuple[str, list[Unit], list[Translation]]:
    """A one-shot machine draft of a document: cut into units as `l10n update` would,
    translated, rebuilt in the source's layout."""
    units = extract(text, fmt, segmenter)
    translations = engine.translate([u.msgid for u in units], source=source, target=target,
                                    progress=progress)
    by_start = {u.start: t.text for u, t in zip(units, translations)}
    rebuilt = render(text, units, lambda unit: by_start[unit.start], fmt=fmt, source=source,
                     target=target)
    return rebuilt, units, translations
