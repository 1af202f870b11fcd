"""`l10n report`: every figure of the report, as plain data: what `--format json` prints
and `reports.page` shows, nothing more (the page computes nothing).

- progress: per document and target language, units and words reviewed, needing review
  (by origin) and untranslated, from the publication gate's own reading;
- where translations came from, per entry holding one: its provenance note sorted into
  exact memory, fuzzy memory, aligned archive (memory units `l10n tm align` made),
  machine, machine through a pivot language, the earlier translation of a changed
  source, and people (no proposal);
- post-editing: every reviewed entry whose proposal text is known (`workspace.proposals`)
  measured with chrF and the word edit rate (`proposals.effort`), per origin and per
  language pair, in bands, and the most edited units;
- QA and glossary findings by check;
- pace: units reviewed per week, from the git history (`workspace.history`).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

from .. import gate
from ..catalog.model import Entry, Provenance, Status
from ..errors import L10nError
from ..proposals import effort
from ..workspace import Workspace, history
from ..workspace import proposals as store

CATEGORIES = {
    "exact-memory": "exact memory",
    "fuzzy-memory": "fuzzy memory",
    "aligned-archive": "aligned archive",
    "machine": "machine",
    "pivot": "machine via a pivot",
    "earlier-translation": "earlier translation",
    "people": "people",
}
ORIGINS = ("changed", "memory", "machine", "unknown")  # a needs-review entry's origin
CHRF_BANDS = ("100", "90–99", "70–89", "50–69", "0–49")
EDIT_BANDS = ("0 %", "up to 10 %", "10–30 %", "30–60 %", "over 60 %")
MOST_EDITED = 20
STATES = tuple(s.value for s in (Status.REVIEWED, Status.NEEDS_REVIEW, Status.UNTRANSLATED))


def category(provenance: Provenance | None) -> str:
    """Where a translation came from, by its provenance note (see CATEGORIES)."""
    if provenance is None or provenance.origin not in ("changed", "memory", "machine"):
        return "people"
    if provenance.origin == "changed":
        return "earlier-translation"
    detail = provenance.detail
    if provenance.origin == "memory":
        source = detail.split(" from ", 1)[1] if " from " in detail else ""
        if source.startswith("aligned from "):
            return "aligned-archive"
        return "exact-memory" if detail.startswith("exact ") else "fuzzy-memory"
    parts = detail.split("; ")
    return "pivot" if len(parts) > 1 and parts[1].count("→") >= 2 else "machine"


def report(ws: Workspace, *, now: datetime, since: date | None = None,
           workers: int = 1) -> dict:
    """Every figure of the workspace's report (see the module's docstring); `workers`
    processes read the history and measure post-editing."""
    past = history.read(ws, workers=workers)
    if since is not None and past.missing:
        raise L10nError(f"--since needs the workspace's git history: {past.missing}",
                        hint="leave --since out")
    checked = gate.review(ws)
    reviewed_at = {(r.po, r.key): r.when.date() for r in past.reviews}
    unreadable = [{"file": ws.relative(p.file), "line": p.line, "message": p.message}
                  for item in checked.items for p in item.problems if p.check == "input"]
    measured: list[dict] = []
    unrecorded: Counter = Counter()
    for item in checked.items:
        po = ws.relative(item.po)
        try:
            found = store.Proposals(store.read(store.path(ws, item.doc.name, item.target)))
        except L10nError as exc:
            unreadable.append({"file": ws.relative(exc.path or ""), "line": exc.line,
                               "message": exc.message})
            found = store.Proposals(set())
        for entry in item.entries:
            if since is not None and reviewed_at.get((po, entry.key), now.date()) < since:
                continue
            unit = _measure(item, entry, found, po)
            if unit is None:
                continue
            if "proposal" in unit:
                measured.append(unit)
            else:
                unrecorded[unit["origin"]] += 1
    scores = effort.measure([(u["proposal"], u["approved"]) for u in measured],
                            workers=workers)
    for unit, (chrf, rate) in zip(measured, scores):
        unit["chrf"], unit["edit_rate"] = round(chrf, 2), round(rate, 2)
    return {
        "project": ws.settings.project,
        "generated": now.isoformat(timespec="seconds"),
        "since": since.isoformat() if since else None,
        "categories": CATEGORIES,
        "totals": _totals(checked),
        "progress": [_progress(item, ws) for item in checked.items],
        "by_language": _by_language(checked),
        "origins": _origins(checked),
        "post_editing": _post_editing(measured, unrecorded),
        "findings": _findings(checked),
        "pace": _pace(past, since=since, today=now.date()),
        "unreadable": unreadable,
    }


def _measure(item: gate.Readiness, entry: Entry, found: store.Proposals, po: str) -> dict | None:
    """A reviewed entry that had a proposal, with what was proposed and approved, or only
    its origin when the proposal's text is not known (made before the tool kept it)."""
    if entry.msgid_plural is not None or entry.status(item.nplurals) is not Status.REVIEWED:
        return None
    origin = category(entry.provenance)
    if origin == "people":
        return None
    proposal = found.find(entry)
    if proposal is None:
        return {"origin": origin}
    return {
        "document": item.doc.name, "language": item.target,
        "pair": f"{item.doc.lang}→{item.target}", "po": po, "line": entry.line,
        "origin": origin, "source": entry.msgid, "proposal": proposal,
        "approved": entry.msgstr, "words": entry.words,
    }


def _counts(entries: list[Entry], nplurals: int) -> dict:
    units, words = Counter(), Counter()
    origin_units, origin_words = Counter(), Counter()
    for entry in entries:
        state = entry.status(nplurals).value
        units[state] += 1
        words[state] += entry.words
        if state == Status.NEEDS_REVIEW.value:
            origin = entry.origin() or "unknown"
            origin_units[origin] += 1
            origin_words[origin] += entry.words
    return {"units": {s: units[s] for s in STATES}, "words": {s: words[s] for s in STATES},
            "needs_review_by_origin": {"units": {o: origin_units[o] for o in ORIGINS},
                                       "words": {o: origin_words[o] for o in ORIGINS}}}


def _progress(item: gate.Readiness, ws: Workspace) -> dict:
    return {"document": item.doc.name, "source_language": item.doc.lang,
            "language": item.target, "po": ws.relative(item.po), "required": item.required,
            "ready": item.ready, **_counts(item.entries, item.nplurals)}


def _add(total: dict, counts: dict) -> None:
    for group in ("units", "words"):
        for state, n in counts[group].items():
            total[group][state] += n
        for origin, n in counts["needs_review_by_origin"][group].items():
            total["needs_review_by_origin"][group][origin] += n


def _empty() -> dict:
    return {"units": Counter(), "words": Counter(),
            "needs_review_by_origin": {"units": Counter(), "words": Counter()}}


def _plain(total: dict) -> dict:
    return {"units": {s: total["units"][s] for s in STATES},
            "words": {s: total["words"][s] for s in STATES},
            "needs_review_by_origin": {g: {o: total["needs_review_by_origin"][g][o]
                                           for o in ORIGINS} for g in ("units", "words")}}


def _totals(checked: gate.Gate) -> dict:
    total = _empty()
    for item in checked.items:
        _add(total, _counts(item.entries, item.nplurals))
    return {"documents": len({item.doc.name for item in checked.items}),
            "editions": len(checked.items),
            "ready": sum(1 for item in checked.items if item.ready),
            "blocked": sum(1 for item in checked.items if item.blocked), **_plain(total)}


def _by_language(checked: gate.Gate) -> dict:
    totals: dict[str, dict] = {}
    for item in checked.items:
        _add(totals.setdefault(item.target, _empty()), _counts(item.entries, item.nplurals))
    return {lang: _plain(totals[lang]) for lang in sorted(totals)}


def _origins(checked: gate.Gate) -> dict:
    """Entries holding a translation, by where it came from, reviewed or not."""
    found = {c: {"units": Counter(), "words": Counter()} for c in CATEGORIES}
    for item in checked.items:
        for entry in item.entries:
            state = entry.status(item.nplurals)
            if state is Status.UNTRANSLATED:
                continue
            counts = found[category(entry.provenance)]
            counts["units"][state.value] += 1
            counts["words"][state.value] += entry.words
    return {c: {g: {s: found[c][g][s] for s in STATES[:2]} for g in ("units", "words")}
            for c in CATEGORIES}


def _chrf_band(score: float) -> int:
    """Which of CHRF_BANDS a chrF falls in (100, then 90 up to 100, …)."""
    return next((i for i, low in enumerate((100, 90, 70, 50)) if score >= low), 4)


def _edit_band(rate: float) -> int:
    """Which of EDIT_BANDS an edit rate falls in (0, then above 0 up to 10, …)."""
    return next((i for i, high in enumerate((0, 10, 30, 60)) if rate <= high), 4)


def _summary(units: list[dict]) -> dict:
    chrfs = [u["chrf"] for u in units]
    rates = [u["edit_rate"] for u in units]
    chrf_bands, edit_bands = [0] * len(CHRF_BANDS), [0] * len(EDIT_BANDS)
    for unit in units:
        chrf_bands[_chrf_band(unit["chrf"])] += 1
        edit_bands[_edit_band(unit["edit_rate"])] += 1
    return {
        "units": len(units), "words": sum(u["words"] for u in units),
        "kept": sum(1 for u in units if u["proposal"] == u["approved"]),
        "chrf_mean": round(statistics.fmean(chrfs), 2),
        "chrf_median": round(statistics.median(chrfs), 2),
        "edit_rate_mean": round(statistics.fmean(rates), 2),
        "edit_rate_median": round(statistics.median(rates), 2),
        "chrf_bands": chrf_bands, "edit_rate_bands": edit_bands,
    }


def _post_editing(measured: list[dict], unrecorded: Counter) -> dict:
    by_origin, by_pair = defaultdict(list), defaultdict(list)
    for unit in measured:
        by_origin[unit["origin"]].append(unit)
        by_pair[unit["pair"]].append(unit)
    edited = sorted((u for u in measured if u["proposal"] != u["approved"]),
                    key=lambda u: (-u["edit_rate"], u["chrf"], u["po"], u["line"] or 0))
    return {
        "measured": len(measured),
        "unrecorded": {c: unrecorded[c] for c in CATEGORIES if unrecorded[c]},
        "chrf_bands": list(CHRF_BANDS), "edit_rate_bands": list(EDIT_BANDS),
        "overall": _summary(measured) if measured else None,
        "by_origin": {c: _summary(by_origin[c]) for c in CATEGORIES if by_origin[c]},
        "by_pair": {p: _summary(by_pair[p]) for p in sorted(by_pair)},
        "most_edited": [{k: v for k, v in u.items() if k != "words"}
                        for u in edited[:MOST_EDITED]],
    }


def _findings(checked: gate.Gate) -> list[dict]:
    """QA and glossary findings, by check: errors and warnings, per target language."""
    counts: dict[str, dict] = {}
    for item in checked.items:
        for problem in item.problems:
            if problem.check in gate.STATUS_CHECKS:
                continue
            found = counts.setdefault(problem.check, {"error": 0, "warning": 0,
                                                      "languages": Counter()})
            found[problem.severity] += 1
            found["languages"][item.target] += 1
    return [{"check": check, "error": c["error"], "warning": c["warning"],
             "languages": dict(sorted(c["languages"].items()))}
            for check, c in sorted(counts.items(), key=lambda kv: (-kv[1]["error"]
                                                                   - kv[1]["warning"], kv[0]))]


def _pace(past: history.History, *, since: date | None, today: date) -> dict:
    """Units and words reviewed per ISO week, every week from the first (or `since`) to
    this one; or why the history could not be read."""
    if past.missing:
        return {"available": False, "reason": past.missing, "weeks": [], "units": 0,
                "words": 0}
    chosen = [r for r in past.reviews if since is None or r.when.date() >= since]
    units, words = Counter(), Counter()
    for review in chosen:
        monday = _monday(review.when.date())
        units[monday] += 1
        words[monday] += review.words
    start = _monday(since) if since else min(units, default=_monday(today))
    weeks = []
    monday = start
    while monday <= _monday(today):
        year, week, _ = monday.isocalendar()
        weeks.append({"week": f"{year}-W{week:02d}", "start": monday.isoformat(),
                      "units": units[monday], "words": words[monday]})
        monday += timedelta(weeks=1)
    return {"available": True, "reason": None, "weeks": weeks, "units": len(chosen),
            "words": sum(r.words for r in chosen)}


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())
