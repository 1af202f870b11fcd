"""Three editions at once: the pairwise alignments must agree to make triples.

Every pair of every pairwise alignment links its sentences; sentences linked directly or
through another language form a group. A group is a triple (or a pair, when one edition
leaves its sentences out) only if each alignment between two of its languages has exactly
one bead there, holding all the group's sentences of both: fr-en, fr-ar and ar-en then
tell the same story. Any other group is disputed and goes to review.
"""

from __future__ import annotations

from dataclasses import dataclass

from .aligner import Alignment


@dataclass(frozen=True)
class Group:
    """Sentences per language (indexes into each edition), and the alignments' verdict."""

    sentences: dict[str, tuple[int, ...]]
    confidence: float  # the least confident of its beads; 0 when disputed or alone
    agreed: bool

    @property
    def is_pair(self) -> bool:
        """Sentences of two languages or more: something to put in a memory."""
        return len(self.sentences) >= 2


def agree(alignments: list[Alignment]) -> list[Group]:
    """The groups of sentences the alignments link (a sentence none links is a group of
    its own), roughly in document order."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for alignment in alignments:
        a, b = alignment.source.lang, alignment.target.lang
        for bead in alignment.pairs:
            first = root((a, bead.source[0]))
            for node in [(a, i) for i in bead.source] + [(b, j) for j in bead.target]:
                parent[root(node)] = first
    sizes = {}
    for alignment in alignments:
        for edition in (alignment.source, alignment.target):
            sizes[edition.lang] = len(edition.sentences)
            for index in range(len(edition.sentences)):
                root((edition.lang, index))  # a sentence no pair links is a group alone
    members: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for node in list(parent):
        members.setdefault(root(node), []).append(node)
    groups = []
    for nodes in members.values():
        sentences: dict[str, tuple[int, ...]] = {}
        for lang, index in sorted(nodes):
            sentences[lang] = sentences.get(lang, ()) + (index,)
        groups.append(_judge(sentences, alignments))
    return sorted(groups, key=lambda g: min((found[0] + 0.5) / sizes[lang]
                                            for lang, found in g.sentences.items()))


def _judge(sentences: dict[str, tuple[int, ...]], alignments: list[Alignment]) -> Group:
    if len(sentences) == 1:
        return Group(sentences, 0.0, True)
    confidence, agreed = 1.0, True
    for alignment in alignments:
        ours = sentences.get(alignment.source.lang, ())
        theirs = sentences.get(alignment.target.lang, ())
        inside = [b for b in alignment.pairs if set(b.source) & set(ours)]
        if not (ours and theirs):
            agreed = agreed and not inside
            continue
        if len(inside) != 1 or (inside[0].source, inside[0].target) != (ours, theirs):
            agreed = False
            continue
        confidence = min(confidence, inside[0].confidence)
    return Group(sentences, confidence if agreed else 0.0, agreed)
