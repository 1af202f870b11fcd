"""Turning results into what people and scripts read: text and JSON. Formatting only."""

from __future__ import annotations

import json
from pathlib import Path

from .catalog.model import Status
from .models import Scan
from .project import Built, Progress, UpdateResult

STATES = (Status.REVIEWED, Status.NEEDS_REVIEW, Status.UNTRANSLATED)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def update_text(result: UpdateResult, root: Path) -> list[str]:
    lines = [f"moved {_rel(a, root)} -> {_rel(b, root)} (source renamed)" for a, b in result.renamed]
    lines += [f"updated {_rel(p, root)}" for p in result.written]
    lines += [f"removed orphan {_rel(p, root)}" for p in result.pruned]
    lines += [f"orphan {_rel(p, root)}: its source is gone (kept; `l10n update --prune` "
              "removes it)" for p in result.orphans]
    lines.append(f"{len(result.written)} PO file(s) written, {result.unchanged} unchanged")
    return lines


def status_json(items: list[Progress], orphans: list[Path], root: Path) -> str:
    documents = []
    for item in items:
        counts = {s.value: item.count(s) for s in STATES}
        documents.append({
            "document": item.doc.name,
            "source_language": item.doc.lang,
            "language": item.target,
            "po": _rel(item.po, root),
            "required": item.required,
            "missing": item.missing,
            "stale": item.stale,
            "units": {k: v[0] for k, v in counts.items()},
            "words": {k: v[1] for k, v in counts.items()},
            "needs_review_by_origin": item.by_origin(),
            "ready": item.ready,
        })
    return json.dumps({"documents": documents, "orphans": [_rel(p, root) for p in orphans]},
                      ensure_ascii=False, indent=2)


def status_text(items: list[Progress], orphans: list[Path], root: Path,
                *, changes: bool = False) -> list[str]:
    width = max((len(i.doc.name) for i in items), default=8)
    lines = [f"{'document':<{width}}  lang  {'reviewed':>14}  {'needs review':>14}  "
             f"{'untranslated':>14}"]
    for item in items:
        if item.missing:
            lines.append(f"{item.doc.name:<{width}}  {item.target:<4}  no PO yet")
            continue
        cells = [f"{n} ({w} w)" for n, w in (item.count(s) for s in STATES)]
        flag = "  (stale: run l10n update)" if item.stale else ""
        lines.append(f"{item.doc.name:<{width}}  {item.target:<4}  " +
                     "  ".join(f"{c:>14}" for c in cells) + flag)
        if changes:
            for entry in item.changes():
                prov = entry.provenance
                where = entry.references[0] if entry.references else ""
                lines.append(f"    {where}: {prov.detail if prov else ''}")
    lines += [f"orphan {_rel(p, root)}: its source is gone" for p in orphans]
    return lines


def check_text(items: list[Progress]) -> list[str]:
    lines = []
    for item in items:
        if item.ready:
            verdict = "ready"
        else:
            verdict = "blocked" if item.required else "not ready (not required)"
        lines.append(f"{item.doc.name} [{item.target}]: {verdict}")
        lines += [f"  - {reason}" for reason in item.reasons()]
    blocked = sum(1 for i in items if i.required and not i.ready)
    lines.append(f"{len(items) - blocked} ready or not required, {blocked} blocked")
    return lines


def build_text(results: list[Built], root: Path) -> list[str]:
    lines = []
    for built in results:
        head = f"{_rel(built.output, root)}: {built.outcome} ({built.percent:.0f}% reviewed)"
        lines.append(head)
        label = "missing" if built.outcome == "refused" else "kept in the source language"
        for entry in built.missing[:20]:
            where = entry.references[0] if entry.references else ""
            lines.append(f"  {label}: {where} {entry.msgid[:70]!r}")
        if len(built.missing) > 20:
            lines.append(f"  … and {len(built.missing) - 20} more")
    return lines


def models_text(scan: Scan) -> list[str]:
    lines = [f"models folder: {scan.folder}"]
    for p in scan.packages:
        lines.append(f"{p.source}→{p.target}  {p.version or '?':<8}  {p.size / 1e6:7.1f} MB  "
                     f"{p.path}")
    lines += [f"ignored {path}: {why}" for path, why in scan.ignored]
    if not scan.packages:
        lines.append("no packages installed: `l10n models install FILE.argosmodel`")
    return lines


def models_json(scan: Scan) -> str:
    return json.dumps({
        "folder": str(scan.folder),
        "packages": [{"from": p.source, "to": p.target, "version": p.version,
                      "bytes": p.size, "path": str(p.path)} for p in scan.packages],
        "ignored": [{"path": str(path), "reason": why} for path, why in scan.ignored],
    }, ensure_ascii=False, indent=2)


def pretranslate_text(filled: list, proposers: list, root: Path) -> list[str]:
    """What each PO received, then what machine translation did and could not do."""
    from .machine import MachineProposer
    lines = [f"filled {_rel(f.po, root)}: " +
             ", ".join(f"{n} {origin}" for origin, n in f.counts.items()) for f in filled]
    for proposer in proposers:
        if not isinstance(proposer, MachineProposer):
            continue
        engine = proposer.engine
        lines.append(f"machine translation: {engine.model_calls} sentence(s) decoded, "
                     f"{engine.cache_hits} from the cache")
        if proposer.flagged:
            lines.append(f"  {proposer.flagged} proposal(s) flagged for checking (see the "
                         "`check:` in their notes)")
        for (source, target), count in proposer.missing.items():
            lines.append(f"  no model for {source}→{target}: {count} unit(s) left "
                         f"(see `l10n models list`)")
    total = sum(sum(f.counts.values()) for f in filled)
    lines.append(f"{total} entr{'y' if total == 1 else 'ies'} pre-translated in "
                 f"{len(filled)} PO file(s)")
    return lines
