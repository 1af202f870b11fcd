"""Gold segmentation data in ../shared/corpora and how a segmenter is scored on it.

Shared by tests/segmentation/test_corpora.py and benchmarks/bench_segmentation.py, so the
tests and the benchmark table measure the same way: exact equality of segment lists after
stripping each segment (as pySBD's own benchmark does), and FLORES line boundaries found.
A segmenter here is any function (text, lang) -> list of segment strings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from support import CORPORA

Split = Callable[[str, str], list[str]]

SEGMENTATION = CORPORA / "segmentation"
FLORES = CORPORA / "documents" / "flores200_devtest_excerpts_en_fr_ar.jsonl"
# The rule for Arabic: sentences end at . ! ? ؟ …, never at a colon, the Arabic
# comma or semicolon. Gold data that splits there is disputed (see test_corpora.py).
_AGAINST_THE_RULE = (":", "،", "؛")


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def same(got: list[str], expected: list[str], *, collapse: bool = False) -> bool:
    """Segment lists equal after stripping (and collapsing whitespace, for sentencex)."""
    def norm(segments):
        segments = [s.strip() for s in segments if s.strip()]
        return [" ".join(s.split()) for s in segments] if collapse else segments
    return norm(got) == norm(expected)


def golden_rules() -> list[dict]:
    return read_jsonl(SEGMENTATION / "pysbd_golden_rules_en.jsonl")


@dataclass(frozen=True)
class Case:
    source: str  # "pysbd" or "sentencex"
    lang: str
    text: str
    expected: list[str]

    @property
    def collapse(self) -> bool:
        return self.source == "sentencex"

    @property
    def disputed(self) -> bool:
        """The gold splits where the issue's rule says a sentence never ends."""
        return any(s.rstrip().endswith(_AGAINST_THE_RULE) for s in self.expected[:-1])

    def by_the_rule(self) -> list[str]:
        """The gold segments joined again across colons and Arabic commas."""
        joined: list[str] = []
        glue = False
        for segment in self.expected:
            if glue:
                joined[-1] = f"{joined[-1].rstrip()} {segment.strip()}"
            else:
                joined.append(segment)
            glue = segment.rstrip().endswith(_AGAINST_THE_RULE)
        return joined


def french_arabic_cases() -> list[Case]:
    """The fr and ar cases of pySBD's and sentencex's tests (clean text only)."""
    cases = []
    for source, name in (("pysbd", "pysbd_tests_all_langs.jsonl"),
                         ("sentencex", "sentencex_tests_all_langs.jsonl")):
        for record in read_jsonl(SEGMENTATION / name):
            if record["lang"] in ("fr", "ar") and not record.get("options", {}).get("clean"):
                cases.append(Case(source, record["lang"], record["text"], record["expected"]))
    return cases


@dataclass(frozen=True)
class Boundaries:
    found: int
    total: int
    crossing: int  # segments that run over a line boundary
    missed: tuple[str, ...]  # the text around each boundary not found

    @property
    def percent(self) -> float:
        return 100.0 * self.found / self.total


def flores_excerpts() -> list[dict]:
    return read_jsonl(FLORES)


def line_boundaries(split: Split, lang: str, excerpts: list[dict]) -> Boundaries:
    """How many FLORES line boundaries are segment boundaries, per language.

    A line is a translation unit, sometimes of two sentences: extra breaks inside a line
    are not counted against the segmenter.
    """
    found = total = crossing = 0
    missed = []
    for excerpt in excerpts:
        text, lines = excerpt[f"{lang}_text"], excerpt[f"{lang}_sentences"]
        ends, position = [], 0
        for line in lines[:-1]:
            ends.append(position + len(line.rstrip()))
            position += len(line) + 1
        spans = locate(text, split(text, lang))
        segment_ends = {end for _, end in spans}
        for end in ends:
            total += 1
            if end in segment_ends:
                found += 1
            else:
                missed.append(text[max(0, end - 40):end + 20])
        crossing += sum(any(start < end < stop for end in ends) for start, stop in spans)
    return Boundaries(found, total, crossing, tuple(missed))


def locate(text: str, segments: list[str]) -> list[tuple[int, int]]:
    """Offsets of each stripped segment in `text`, found in order (tools that return only
    strings); a segment the tool rewrote is matched ignoring whitespace, or skipped."""
    spans, position = [], 0
    for segment in segments:
        segment = segment.strip()
        if not segment:
            continue
        start = text.find(segment, position)
        if start < 0:
            loose = re.compile(r"\s+".join(map(re.escape, segment.split())))
            match = loose.search(text, position)
            if match is None:
                continue
            start, stop = match.span()
        else:
            stop = start + len(segment)
        spans.append((start, stop))
        position = stop
    return spans
