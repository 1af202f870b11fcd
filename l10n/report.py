"""Turning results into what people and scripts read: text and JSON. Formatting only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from .catalog.model import Status
from .project import Built, Progress, UpdateResult

if TYPE_CHECKING:
    from .memory import Imported, Match
    from .pretranslate import Filled

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


def pretranslate_text(filled: list[Filled], notes: list[str], root: Path) -> list[str]:
    lines = []
    for item in filled:
        detail = ", ".join(f"{origin} {n}" for origin, n in item.counts.items())
        lines.append(f"{_rel(item.po, root)}: {sum(item.counts.values())} filled ({detail})")
    total = sum(sum(f.counts.values()) for f in filled)
    if total:
        lines.append(f"{total} entr{'y' if total == 1 else 'ies'} filled as needs work "
                     "(fuzzy): review them in Poedit, or accept exact memory matches with "
                     "`l10n approve --origin memory --exact`")
    else:
        lines.append("nothing filled: no untranslated entry had a proposal")
    return lines + notes


def imported_text(imported: Imported, root: Path) -> list[str]:
    where = _rel(imported.path, root)
    head = f"{where}: already imported" if imported.already else f"imported {where}"
    pairs = ", ".join(f"{k.replace('-', '↔')} {n}" for k, n in sorted(imported.pairs.items()))
    usable = pairs or "none between fr, ar and en, so the memory will not use it"
    return [f"{head}: {imported.units} unit{'' if imported.units == 1 else 's'}; "
            f"pairs {usable}"]


def matches_text(matches: list[Match], source: str, target: str, threshold: float) -> list[str]:
    if not matches:
        return [f"no match at or above {threshold:g}"]
    lines = []
    for match in matches:
        lines += [match.detail, f"  {source}: {match.source}", f"  {target}: {match.translation}"]
        if match.translation != match.target:
            lines.append(f"  (memory: {match.target})")
    return lines


def matches_json(matches: list[Match]) -> str:
    return json.dumps({"matches": [{
        "kind": m.kind, "score": round(m.score, 1), "source": m.source, "target": m.target,
        "translation": m.translation, "origin": m.origin, "others": m.others,
        "changes": list(m.changes), "detail": m.detail,
    } for m in matches]}, ensure_ascii=False, indent=2)
