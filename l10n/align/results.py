"""What aligning a document gives: its editions and the groups of sentences that match."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .edition import Edition
from .triples import Group


@dataclass(frozen=True)
class Job:
    """One document: the file of each edition, in the order of the languages."""

    name: str  # how reports and provenance name it: the first edition's path
    paths: tuple[Path, ...]


@dataclass(frozen=True)
class Result:
    job: Job
    editions: tuple[Edition, ...]
    groups: tuple[Group, ...]
    machine: bool              # an MT draft took part in some alignment
    refused: str = ""          # why the editions were not aligned

    def sure(self, threshold: float) -> list[Group]:
        return [g for g in self.groups if g.is_pair and g.agreed and g.confidence >= threshold]

    def doubtful(self, threshold: float) -> list[Group]:
        return [g for g in self.groups if g.is_pair and not (g.agreed and
                                                           g.confidence >= threshold)]

    def unmatched(self) -> list[Group]:
        return [g for g in self.groups if not g.is_pair]
