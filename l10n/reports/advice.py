"""The line a command prints last when something is left to do, as git does: what is
left, and the command (or the editor) that does it next. None when nothing is left."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..commands.approve import Approval
    from ..commands.build import Built
    from ..commands.pretranslate import Filled
    from ..gate import Gate, Readiness


def count(n: int, word: str) -> str:
    """
    >>> count(1, "unit"), count(12, "unit")
    ('1 unit', '12 units')
    """
    return f"{n} {word}{'' if n == 1 else 's'}"


def open_command(item: Readiness) -> str:
    return f"`l10n open {shlex.quote(item.doc.name)} --lang {item.target}`"


def init() -> str:
    return "put communiqués in sources/fr/ (or ar/, en/), then run `l10n update`"


def after_update(written: int) -> str | None:
    if not written:
        return None
    return "`l10n status` says what is left to translate; `l10n pretranslate` proposes " \
           "translations for new units"


def after_gate(gate: Gate) -> str | None:
    """For `status` and `check`: the first thing left, in the order of the workflow."""
    from ..catalog.model import Status
    if not gate.items:
        return init()
    left = [item for item in gate.items if not item.ready]
    if not left:
        return "every translation is ready: `l10n build` writes the editions"
    outdated = [item for item in left if item.missing or item.stale]
    if outdated:
        return f"{count(len(outdated), 'PO file')} not up to date with the sources: " \
               "`l10n update`"
    for status, todo in ((Status.UNTRANSLATED, "untranslated"),
                         (Status.NEEDS_REVIEW, "to review")):
        found = [(item, item.count(status)[0]) for item in left if item.count(status)[0]]
        if found:
            units = sum(n for _, n in found)
            where = count(len({item.doc.name for item, _ in found}), "document")
            first = found[0][0]
            if status is Status.UNTRANSLATED:
                return f"{count(units, 'unit')} {todo} in {where}: `l10n pretranslate` " \
                       f"proposes drafts, or translate them in Poedit ({open_command(first)})"
            return f"{count(units, 'unit')} {todo} in {where}: review in Poedit " \
                   f"({open_command(first)}), or `l10n approve` what a person has checked"
    errors = sum(len(item.qa_errors()) for item in left)
    if errors:
        return f"{count(errors, 'QA error')} in " \
               f"{count(len({i.doc.name for i in left if i.qa_errors()}), 'document')}: " \
               "fix them in Poedit (`l10n check` lists them with their lines)"
    return "`l10n check` says what blocks them"


def after_build(results: list[Built]) -> str | None:
    refused = sum(1 for b in results if b.outcome == "refused")
    if refused:
        return f"{count(refused, 'edition')} refused: fix what `l10n check` lists, or " \
               "`l10n build --allow-partial` keeps the source text where a translation " \
               "may not be published"
    kept = sum(len(b.withheld) for b in results)
    if kept:
        return f"{count(kept, 'unit')} kept in the source language: `l10n status` says " \
               "what is left"
    return None


def after_pretranslate(filled: list[Filled]) -> str | None:
    total = sum(sum(f.counts.values()) for f in filled)
    if not total:
        return None
    memory = sum(f.counts.get("memory", 0) for f in filled)
    return f"{count(total, 'proposal')} to review in Poedit (needs work)" + (
        "; exact memory matches in bulk: `l10n approve --origin memory --exact`"
        if memory else "")


def after_approve(approvals: list[Approval], *, dry_run: bool) -> str | None:
    if not any(a.entries for a in approvals):
        return None
    if dry_run:
        return "run the same command without --dry-run to approve them"
    return "`l10n check` says whether the documents are ready, then `l10n build`"
