"""Proposals for untranslated units: the translation memory first, then machine translation.

A proposer answers a batch of requests; whatever it cannot answer goes to the next. A
proposal carries its kind and provenance as fields; the command that applies it (see
`commands.pretranslate`) writes it as needs work (`#, fuzzy`) with a provenance note. This
module knows no PO files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .memory import Memory


@dataclass(frozen=True)
class Request:
    """One unit to translate, with where it comes from (for pivots and notes)."""

    msgid: str
    msgctxt: str | None
    source_lang: str
    target_lang: str
    document: str


@dataclass(frozen=True)
class Proposal:
    text: str
    origin: str  # "memory" or "machine"
    kind: str  # memory: exact, near, repaired, fuzzy; machine: direct or pivot
    detail: str  # the provenance note's detail, e.g. "exact 100 from news/a [en]"


class Proposer(Protocol):
    def propose(self, requests: list[Request]) -> list[Proposal | None]: ...


class MemoryProposer:
    """The translation memory's best match at or above the threshold, for each request."""

    def __init__(self, memory: Memory, *, threshold: float) -> None:
        self.memory = memory
        self.threshold = threshold

    def propose(self, requests: list[Request]) -> list[Proposal | None]:
        proposals: list[Proposal | None] = []
        for request in requests:
            found = self.memory.lookup(request.msgid, source_lang=request.source_lang,
                                       target_lang=request.target_lang,
                                       threshold=self.threshold)
            proposals.append(Proposal(found[0].translation, "memory", found[0].kind,
                                      found[0].detail) if found else None)
        return proposals


def ask(proposers: list[Proposer], requests: list[Request]) -> list[Proposal | None]:
    """Each request's proposal from the first proposer that has one (None: nobody had)."""
    answers: list[Proposal | None] = [None] * len(requests)
    pending = list(range(len(requests)))
    for proposer in proposers:
        if not pending:
            break
        for i, answer in zip(pending, proposer.propose([requests[i] for i in pending])):
            answers[i] = answer
        pending = [i for i in pending if answers[i] is None]
    return answers
