"""`l10n segment` and `l10n translate`: one file cut into units, or drafted by MT; and the
MT engine a workspace uses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import formats, languages
from ..files import read_bytes
from ..formats.units import Unit, extract
from ..glossary import Glossary
from ..proposals import machine
from ..proposals.mt import Engine, Progress, Translation
from ..workspace import Workspace
from ..workspace.sources import segmenter


def segment(path: Path, lang: str, ws: Workspace | None) -> tuple[list[Unit], tuple[str, ...]]:
    """How a file is cut into units, with the workspace's rules when there is one, and
    warnings about those rules."""
    languages.get(lang)
    rules = segmenter(ws, lang)
    fmt = formats.for_path(path)
    return extract(fmt.decode(read_bytes(path), path), fmt, rules), rules.warnings


@dataclass
class Draft:
    text: str  # the document's text, as its format decodes it
    data: bytes  # the document itself, in its format
    units: list[Unit]
    translations: list[Translation]


def engine(ws: Workspace | None, *, models: Path | None, threads: int,
           beam_size: int | None = None) -> Engine:
    """The MT engine over the packages in `models` (None: Argos's own folder), with the
    workspace's glossary, beam size and cache when there is a workspace."""
    if ws is None:
        return machine.open_engine(models, threads=threads, beam_size=beam_size or 4)
    return machine.open_engine(models, threads=threads,
                               beam_size=beam_size or ws.settings.beam_size,
                               cache=ws.mt_cache_path,
                               glossary=Glossary.load(ws.glossary_path))


def draft(engine: Engine, *, text: str | None, path: Path | None, source: str, target: str,
          ws: Workspace | None, progress: Progress | None = None) -> Draft:
    """A machine draft of `text` (plain text) or of the document at `path`, in its layout
    and format."""
    languages.get(source, what="source language")
    languages.get(target, what="target language")
    fmt = formats.for_path(path) if path is not None else formats.get(".txt")
    original = read_bytes(path) if path is not None else text.encode("utf-8")
    body = fmt.decode(original, path) if path is not None else text
    rebuilt, units, translations = machine.draft(body, fmt, segmenter(ws, source), engine,
                                                 source=source, target=target,
                                                 progress=progress)
    return Draft(rebuilt, fmt.encode(rebuilt, original), units, translations)
