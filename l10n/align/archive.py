"""Published editions on disk to memory: documents paired, aligned, and what to write.

Reads files (any format l10n reads) but never writes: `outputs` returns the bytes of the
TMX for the memory, the review TMX and the review page, for the caller to write.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__, formats, parallel
from ..errors import L10nError
from ..glossary import Glossary
from ..proposals import tmx
from ..proposals.memory import ALIGNED, DOCUMENT_PROP, ORIGIN_PROP
from ..workspace import files
from . import review
from .aligner import MIN_SCORE, Alignment, align
from .edition import read
from .results import Job, Result
from .triples import Group, agree

if TYPE_CHECKING:
    from ..segmentation import Segmenter

CONFIDENCE_PROP = "x-l10n-confidence"
Translate = Callable[[list[str], str, str], "list[str] | None"]  # texts, from, to


def jobs(paths: Sequence[Path], *, name: Callable[[Path], str]
         ) -> tuple[list[Job], list[str]]:
    """The documents to align: files are one document; folders are paired by the path of
    their files (formats l10n reads). Also says which files have no partner."""
    if all(p.is_file() for p in paths):
        return [Job(name(paths[0]), tuple(paths))], []
    if not all(p.is_dir() for p in paths):
        missing = next((p for p in paths if not p.exists()), None)
        if missing is not None:
            raise L10nError("no such file or folder", path=missing)
        raise L10nError("give files or folders, not both",
                        hint="two files are two editions of one document; two folders "
                             "hold the editions of many, paired by file name")
    found = [{rel for rel in files(folder) if Path(rel).suffix.lower() in formats.BY_EXTENSION}
             for folder in paths]
    common = set.intersection(*found)
    result = [Job(name(paths[0] / rel), tuple(folder / rel for folder in paths))
              for rel in sorted(common)]
    unpaired = sorted(str(folder / rel) for folder, rels in zip(paths, found)
                      for rel in rels - common)
    return result, unpaired


def run_all(jobs: Sequence[Job], *, workers: int, langs: Sequence[str],
            segmenters: dict[str, Segmenter], glossary: Glossary, translate: Translate | None,
            threshold: float, limit: int | None = None) -> list[Result]:
    """`run` over every job, in order; in up to `workers` processes when there are many
    documents and no MT model (a loaded model is not shared with forked processes)."""
    one = functools.partial(run, langs=langs, segmenters=segmenters, glossary=glossary,
                            translate=translate, threshold=threshold, limit=limit)
    return list(parallel.ordered(one, jobs, workers=1 if translate is not None else workers))


def run(job: Job, *, langs: Sequence[str], segmenters: dict[str, Segmenter],
        glossary: Glossary, translate: Translate | None, threshold: float,
        limit: int | None = None) -> Result:
    """Align the editions of one document: two give pairs, three give triples whose three
    pairwise alignments agree."""
    editions = tuple(read(path, lang=lang, name=str(path), segmenter=segmenters[lang],
                          limit=limit) for path, lang in zip(job.paths, langs))
    alignments: list[Alignment] = []
    for a, b in combinations(range(len(editions)), 2):
        source, target = editions[a], editions[b]
        drafts = translate(source.sentences, source.lang, target.lang) \
            if translate and source.sentences else None
        alignments.append(align(source, target, glossary=glossary, drafts=drafts,
                                threshold=threshold))
    machine = any(a.machine for a in alignments)
    strangers = [a for a in alignments if not a.corresponds]
    if strangers:
        worst = min(strangers, key=lambda a: a.score)
        reason = (f"the {worst.source.lang} and {worst.target.lang} editions do not look like "
                  f"translations of each other (score {worst.score:.2f}, below "
                  f"{MIN_SCORE:.2f})")
        return Result(job, editions, (), machine, reason)
    return Result(job, editions, tuple(agree(alignments)), machine)


@dataclass(frozen=True)
class Outputs:
    memory: bytes   # TMX: the sure pairs (or triples), for tm/
    review: bytes   # TMX: the doubtful ones, each with a note
    page: str       # HTML: every document side by side, sure, doubtful and unmatched
    sure: int
    doubtful: int


def outputs(results: Sequence[Result], *, langs: Sequence[str], threshold: float) -> Outputs:
    sure, doubtful = [], []
    for result in results:
        for group in result.sure(threshold):
            sure.append(_unit(result, group, langs, ""))
        for group in result.doubtful(threshold):
            note = (f"confidence {group.confidence:.2f}, below {threshold:.2f}: check that "
                    "these translate each other") if group.agreed else \
                "the pairwise alignments disagree here: check which sentences belong together"
            doubtful.append(_unit(result, group, langs, note))
    source = langs[0]
    return Outputs(tmx.serialize_units(sure, source_lang=source, tool_version=__version__),
                   tmx.serialize_units(doubtful, source_lang=source, tool_version=__version__),
                   review.page(results, langs=langs, threshold=threshold),
                   len(sure), len(doubtful))


def _unit(result: Result, group: Group, langs: Sequence[str], note: str) -> tmx.Unit:
    editions = dict(zip(langs, result.editions))
    variants = tuple((lang, " ".join(editions[lang].sentences[i] for i in group.sentences[lang]))
                     for lang in langs if lang in group.sentences)
    props = ((ORIGIN_PROP, ALIGNED), (DOCUMENT_PROP, result.job.name),
             (CONFIDENCE_PROP, f"{group.confidence:.2f}"))
    return tmx.Unit(variants, props, note)
