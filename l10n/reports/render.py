"""Turning results into what people and scripts read: text, JSON, GitHub annotations,
JUnit XML. Formatting only: nothing here decides anything. (The `status` table is drawn
in `table`, progress in `progress`, the line saying what to do next in `advice`.)

Imports are made where they are needed: `l10n update --check` reads this module at
every commit and needs two of its functions.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from ..languages import quote

if TYPE_CHECKING:
    from ..commands.approve import Approval
    from ..commands.build import Built
    from ..commands.doctor import Diagnosis
    from ..commands.pretranslate import Filled
    from ..commands.update import Updated
    from ..gate import Gate, Problem, Readiness
    from ..proposals.machine import MachineStats
    from ..proposals.memory import Imported, Match
    from ..proposals.models import Scan

ANNOTATIONS_PER_FILE = 10


def _json(data, **options) -> str:
    import json  # not for text output: the pre-commit hook prints text
    return json.dumps(data, **options)


@functools.lru_cache(maxsize=4096)
def _rel(path: Path, root: Path) -> str:
    """Cached: a report names the same PO file once per problem (20,000 problems took
    a fifth of a second of `Path.relative_to`)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _paint(text: str, color: str | None, enabled: bool) -> str:
    codes = {"green": "32", "red": "31", "yellow": "33", "dim": "2"}
    return f"\033[{codes[color]}m{text}\033[0m" if enabled and color else text


def location(problem: Problem, root: Path) -> str:
    path = _rel(problem.file, root)
    return f"{path}:{problem.line}" if problem.line else path


def verdict(item: Readiness) -> str:
    if item.ready:
        return "ready"
    return "blocked" if item.required else "not ready (not required)"


# -- update and build --------------------------------------------------------------------

def update_text(result: Updated, root: Path, *, check: bool = False) -> list[str]:
    verb = "out of date" if check else "updated"
    lines = [f"moved {_rel(a, root)} -> {_rel(b, root)} (source renamed)" for a, b in result.renamed]
    lines += [f"{verb} {_rel(p, root)}" for p in result.written]
    lines += [f"removed orphan {_rel(p, root)}" for p in result.pruned]
    lines += [f"orphan {_rel(o.path, root)}: {o.reason} (kept"
              + ("; `l10n update --prune` removes it)" if o.source_gone else ")")
              for o in result.orphans]
    lines += [_not_read(p, root) for p in result.ignored]
    if check:
        lines.append(f"{len(result.written)} PO file(s) out of date with their sources"
                     + (": run `l10n update`" if result.written else ""))
    else:
        lines.append(f"{len(result.written)} PO file(s) written, {result.unchanged} unchanged")
    return lines


def _not_read(path: Path, root: Path) -> str:
    from .. import formats
    known = ", ".join(sorted(formats.EXTENSIONS))
    return (f"not read: {_rel(path, root)} ({path.suffix or 'no extension'} is not a format "
            f"l10n reads: {known})")


def build_text(results: list[Built], root: Path) -> list[str]:
    """Each document built, refused or skipped, with why; the untouched ones counted."""
    lines = []
    for built in results:
        if built.outcome == "unchanged":
            continue
        where = _rel(built.output, root)
        if built.outcome == "withdrawn":
            source = _rel(built.doc.source, root)
            lines.append(f"{where}: removed: its source {source} is gone" if built.removed else
                         f"{where}: its source {source} is gone, but the file changed since "
                         "l10n wrote it: left as it is")
            continue
        if built.outcome in ("refused", "skipped"):
            why = "refused" if built.outcome == "refused" else "skipped (not ready; not required)"
            lines.append(f"{where}: {why}: " + "; ".join(built.reasons))
            if built.removed:
                lines.append(f"  removed out-of-date {where}")
            continue
        kept = f", {len(built.withheld)} unit(s) kept in the source language" \
            if built.withheld else ""
        lines.append(f"{where}: written{kept}")
        for entry, why in built.withheld:
            ref = entry.references[0] if entry.references else ""
            lines.append(f"  {ref}: {why}: {quote(entry.msgid, built.doc.lang)}")
    counts = {o: sum(1 for b in results if b.outcome == o)
              for o in ("written", "unchanged", "refused", "skipped")}
    lines.append(f"{counts['written']} document(s) written, {counts['unchanged']} unchanged, "
                 f"{counts['refused']} refused"
                 + (f", {counts['skipped']} skipped (not required)" if counts["skipped"] else "")
                 + (f", {removed} removed (source gone)" if (removed := sum(
                     1 for b in results if b.outcome == "withdrawn" and b.removed)) else ""))
    return lines


# -- status ------------------------------------------------------------------------------

def counts(item: Readiness) -> dict:
    from ..catalog.model import Status
    counts = {s.value: item.count(s) for s in (Status.REVIEWED, Status.NEEDS_REVIEW,
                                               Status.UNTRANSLATED)}
    return {
        "units": {k: v[0] for k, v in counts.items()},
        "words": {k: v[1] for k, v in counts.items()},
        "needs_review_by_origin": item.by_origin(),
        "reviewed_by_origin": item.reviews(),
        "qa_errors": len(item.qa_errors()),
        "qa_warnings": sum(1 for p in item.problems if p.severity == "warning"),
    }


def _identity(item: Readiness, root: Path) -> dict:
    """The keys that name a document and language in every JSON output."""
    return {"document": item.doc.name, "source_language": item.doc.lang,
            "language": item.target, "po": _rel(item.po, root), "required": item.required}


def state(item: Readiness) -> str:
    """The state column of `status`: the verdict, and why the PO is not current."""
    if item.missing:
        return f"{verdict(item)} (no PO yet)"
    return f"{verdict(item)} (stale)" if item.stale else verdict(item)


def status_json(gate: Gate, root: Path, *, changes: bool = False) -> str:
    """Everything the table shows (and, with `changes`, the changed units listed)."""
    documents = [{
        **_identity(item, root),
        "missing": item.missing,
        "stale": item.stale,
        **counts(item),
        "ready": item.ready,
        "state": state(item),
        **({"changes": [_change(entry, item, root) for entry in item.changes()]}
           if changes else {}),
    } for item in gate.items]
    return _json({
        "documents": documents,
        "orphans": [{"po": _rel(o.path, root), "reason": o.reason} for o in gate.orphans],
        "not_read": [_rel(p, root) for p in gate.ignored],
    }, ensure_ascii=False, indent=2)


def _change(entry, item: Readiness, root: Path) -> dict:
    prov = entry.provenance
    return {"po": _rel(item.po, root), "line": entry.line, "msgctxt": entry.msgctxt,
            "msgid": entry.msgid, "previous_msgid": entry.previous_msgid,
            "detail": prov.detail if prov else ""}


def changes_text(gate: Gate, root: Path) -> list[str]:
    """Units whose source changed since review, each with its word diff, as PO:LINE (what
    `l10n approve` takes)."""
    found = [(item, entry) for item in gate.items for entry in item.changes()]
    if not found:
        return ["no unit changed since review"]
    lines = [f"{len(found)} unit(s) changed since review:"]
    for item, entry in found:
        prov = entry.provenance
        lines.append(f"  {_rel(item.po, root)}:{entry.line}: {prov.detail if prov else ''}")
    return lines


def leftovers_text(gate: Gate, root: Path) -> list[str]:
    """What a report found beside the documents: orphan PO files, files of no format."""
    return ([f"orphan {_rel(o.path, root)}: {o.reason}" for o in gate.orphans]
            + [_not_read(p, root) for p in gate.ignored])


# -- check -------------------------------------------------------------------------------

def _notice(gate: Gate) -> list[str]:
    return [] if gate.msgfmt_available else [
        "note: msgfmt (gettext) is not installed: the PO files that need it (listed above) "
        "could not be checked and are not ready; install gettext"]


def check_text(gate: Gate, root: Path, *, color: bool = False) -> list[str]:
    lines = []
    for item in gate.items:
        tone = "green" if item.ready else ("red" if item.required else "yellow")
        lines.append(f"{item.doc.name} [{item.target}]: {_paint(verdict(item), tone, color)}")
        lines += [f"  - {reason}" for reason in item.reasons()]
        for problem in item.problems:
            if problem.check in ("missing", "stale", "untranslated", "needs-review"):
                continue  # counted in the reasons
            lines.append(f"    {location(problem, root)}: {problem.severity}: "
                         f"[{problem.check}] {problem.message}")
    blocked = sum(1 for i in gate.items if i.blocked)
    lines.append(f"{len(gate.items) - blocked} ready or not required, {blocked} blocked")
    return lines + _notice(gate)


def _finding(problem: Problem, root: Path) -> dict:
    return {"file": _rel(problem.file, root), "line": problem.line, "msgctxt": problem.msgctxt,
            "msgid": problem.msgid, "check": problem.check, "severity": problem.severity,
            "message": problem.message}


def check_json(gate: Gate, root: Path) -> str:
    documents = [{
        **_identity(item, root),
        "ready": item.ready,
        "blocked": item.blocked,
        "reasons": item.reasons(),
        "counts": counts(item),
        "findings": [_finding(p, root) for p in item.problems],
    } for item in gate.items]
    languages = sorted({item.target for item in gate.items})
    return _json({
        "ready": not gate.blocked,
        "languages": languages,
        "documents": documents,
        "summary": {"documents": len(gate.items),
                    "blocked": sum(1 for i in gate.items if i.blocked),
                    "ready": sum(1 for i in gate.items if i.ready)},
        "msgfmt": gate.msgfmt_available,
    }, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def check_github(gate: Gate, root: Path) -> list[str]:
    """Workflow commands: at most ANNOTATIONS_PER_FILE per file, then a '+N more' notice."""
    lines = []
    by_file: dict[Path, list[tuple[Readiness, Problem]]] = defaultdict(list)
    for item in gate.items:
        for problem in item.problems:
            if problem.severity == "error" and not item.required:
                continue
            by_file[problem.file].append((item, problem))
    for po, found in by_file.items():
        for item, problem in found[:ANNOTATIONS_PER_FILE]:
            level = problem.severity if item.required else "warning"
            props = f"file={_escape_property(_rel(po, root))}"
            if problem.line:
                props += f",line={problem.line}"
            title = f"{problem.check} [{item.target}]"
            text = problem.message + (f": {problem.msgid}" if problem.msgid else "")
            lines.append(f"::{level} {props},title={_escape_property(title)}::{_escape_data(text)}")
        if len(found) > ANNOTATIONS_PER_FILE:
            rest = len(found) - ANNOTATIONS_PER_FILE
            lines.append(f"::notice file={_escape_property(_rel(po, root))}::"
                         f"+{rest} more finding(s) in this file (see the job summary)")
    return lines + check_text(gate, root)


def check_summary(gate: Gate, root: Path) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: the table and a chart of units by state (GitHub
    draws Mermaid), then every finding."""
    rows = ["## l10n check", "", "| document | language | state | reasons |", "|---|---|---|---|"]
    for item in gate.items:
        reasons = "; ".join(item.reasons()) or "—"
        rows.append(f"| {item.doc.name} | {item.target} | {verdict(item)} | {reasons} |")
    from ..catalog.model import Status
    units = {state: sum(item.count(state)[0] for item in gate.items)
             for state in (Status.REVIEWED, Status.NEEDS_REVIEW, Status.UNTRANSLATED)}
    if any(units.values()):
        rows += ["", "```mermaid", "pie showData title Units by state"]
        rows += [f'    "{state.value.replace("-", " ")}" : {n}'
                 for state, n in units.items() if n]
        rows.append("```")
    problems = [p for item in gate.items for p in item.problems]
    if problems:
        rows += ["", "| file | line | check | severity | message |", "|---|---|---|---|---|"]
        for p in problems:
            message = (p.message + (f": {p.msgid}" if p.msgid else "")).replace("|", "\\|")
            rows.append(f"| {_rel(p.file, root)} | {p.line or ''} | {p.check} | {p.severity} | "
                        f"{message.replace(chr(10), ' ')} |")
    limit = 1024 * 1024 - 200  # GitHub's limit is 1 MiB of summary, in bytes
    data = ("\n".join(rows) + "\n").encode("utf-8")
    if len(data) <= limit:
        return data.decode("utf-8")
    return data[:limit].decode("utf-8", "ignore") + "\n\n(cut at GitHub's 1 MiB limit)\n"


def check_junit(gate: Gate, root: Path) -> str:
    from xml.etree import ElementTree
    suite = ElementTree.Element("testsuite", name="l10n check", tests=str(len(gate.items)),
                                failures=str(sum(1 for i in gate.items if i.blocked)))
    for item in gate.items:
        case = ElementTree.SubElement(suite, "testcase", classname=item.doc.name,
                                      name=item.target, file=_rel(item.po, root))
        if item.blocked:
            failure = ElementTree.SubElement(case, "failure", message="; ".join(item.reasons()))
            failure.text = "\n".join(
                f"{_rel(p.file, root)}:{p.line or ''}: {p.severity}: [{p.check}] {p.message}"
                for p in item.problems)
        elif not item.ready:
            ElementTree.SubElement(case, "skipped", message="not required: "
                                   + "; ".join(item.reasons()))
    root_element = ElementTree.Element("testsuites")
    root_element.append(suite)
    return ElementTree.tostring(root_element, encoding="unicode", xml_declaration=True)


def pretranslate_text(filled: list[Filled], machine: MachineStats | None,
                      root: Path) -> list[str]:
    """What each PO received, then what machine translation did and could not do."""
    lines = [f"skipped {_rel(f.po, root)}: {f.skipped}" if f.skipped else
             f"filled {_rel(f.po, root)}: " + ", ".join(f"{n} {origin}"
                                                      for origin, n in f.counts.items())
             for f in filled]
    if machine is not None:
        lines.append(f"machine translation: {machine.model_calls} sentence(s) decoded, "
                     f"{machine.cache_hits} from the cache")
        if machine.flagged:
            lines.append(f"  {machine.flagged} proposal(s) flagged for checking (see the "
                         "`check:` in their notes)")
        for (source, target), count in machine.missing.items():
            lines.append(f"  no model for {source}→{target}: {count} unit(s) left "
                         f"(`l10n models install --from-index {source} {target}`)")
    total = sum(sum(f.counts.values()) for f in filled)
    if not total:
        return lines + ["nothing filled: no untranslated entry had a proposal"]
    return lines + [f"{total} entr{'y' if total == 1 else 'ies'} pre-translated in "
                    f"{sum(1 for f in filled if f.counts)} PO file(s)"]


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
    return _json({"matches": [{
        "kind": m.kind, "score": round(m.score, 1), "source": m.source, "target": m.target,
        "translation": m.translation, "origin": m.origin, "others": m.others,
        "changes": list(m.changes), "detail": m.detail,
    } for m in matches]}, ensure_ascii=False, indent=2)


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
    return _json({
        "folder": str(scan.folder),
        "packages": [{"from": p.source, "to": p.target, "version": p.version,
                      "bytes": p.size, "path": str(p.path)} for p in scan.packages],
        "ignored": [{"path": str(path), "reason": why} for path, why in scan.ignored],
    }, ensure_ascii=False, indent=2)


def approve_text(approvals: list[Approval], root: Path, *, dry_run: bool) -> list[str]:
    """What was (or would be) approved, per PO file, and what was held back and why."""
    verb = "would approve" if dry_run else "approved"
    lines = []
    for approval in approvals:
        where = _rel(approval.po, root)
        if approval.entries:
            count = len(approval.entries)
            lines.append(f"{verb} {count} entr{'y' if count == 1 else 'ies'} in {where}")
            if dry_run:
                lines += [f"  {where}:{e.line}: {e.origin() or 'unknown'}: "
                          f"{quote(e.msgid, approval.source)}" for e in approval.entries]
        for entry, why in approval.held:
            lines.append(f"  held back {where}:{entry.line}: {why} (name it to approve it "
                         f"anyway: `l10n approve {where}:{entry.line}`)")
    return lines


ORIGINS = {"changed": "whose source changed since review", "memory": "from the memory",
           "machine": "from machine translation",
           "unknown": "of origin unknown (marked needs work by hand)"}


def nothing_to_approve(gate: Gate, *, origin: str | None, exact: bool, held: int) -> str:
    """Why nothing was approved, what there is instead, and which command handles it."""
    if held:
        return (f"nothing to approve: {held} entr{'y' if held == 1 else 'ies'} held back for "
                "QA errors (above)")
    waiting: dict[str, int] = {}
    for item in gate.items:
        for name, count in item.by_origin().items():
            waiting[name] = waiting.get(name, 0) + count
    if not any(waiting.values()):
        from ..catalog.model import Status
        untranslated = sum(item.count(Status.UNTRANSLATED)[0] for item in gate.items)
        return "nothing to approve: no entry needs review here" + (
            f"; {untranslated} untranslated (`l10n pretranslate` proposes translations)"
            if untranslated else "")
    asked = f"of origin {origin}" if origin else "chosen"
    if exact and (origin in (None, "memory")) and waiting["memory"]:
        return (f"nothing to approve: none of the {waiting['memory']} memory proposals is an "
                "exact match; review them in Poedit, or `l10n approve --origin memory`")
    there = "; ".join(f"{count} {ORIGINS[name]} (`l10n approve --origin {name}`)"
                      for name, count in waiting.items() if count)
    return f"nothing to approve {asked}; needing review: {there}"


def doctor_text(found: list[Diagnosis]) -> list[str]:
    """One line per check, "ok", "problem" or "note"; a problem's fix under it."""
    lines = []
    for diagnosis in found:
        lines.append(f"{diagnosis.state:<8} {diagnosis.what}")
        if diagnosis.fix:
            lines.append(f"{'':<8} fix: {diagnosis.fix}")
    problems = sum(1 for d in found if d.state == "problem")
    lines.append(f"{problems} problem(s)" if problems else "no problem found")
    return lines


def error(exc, output: str) -> str:
    """An input error in a machine-readable output format (`json`, `github`, `junit`)."""
    path = str(exc.path) if exc.path is not None else None
    message = exc.message + (f" ({exc.hint})" if exc.hint else "")
    if output == "json":
        return _json({"error": {"file": path, "line": exc.line, "message": exc.message,
                                     "hint": exc.hint}}, ensure_ascii=False, indent=2)
    if output == "github":
        props = ",".join(p for p in (f"file={_escape_property(path)}" if path else "",
                                     f"line={exc.line}" if exc.line else "",
                                     "title=l10n input error") if p)
        return f"::error {props}::{_escape_data(message)}"
    from xml.etree import ElementTree
    suites = ElementTree.Element("testsuites")
    suite = ElementTree.SubElement(suites, "testsuite", name="l10n check", tests="1",
                                   errors="1")
    case = ElementTree.SubElement(suite, "testcase", classname="l10n", name="input",
                                  file=path or "")
    failure = ElementTree.SubElement(case, "error", message=message)
    failure.text = f"{path or ''}:{exc.line or ''}: {message}"
    return ElementTree.tostring(suites, encoding="unicode", xml_declaration=True)
