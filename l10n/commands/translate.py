"""`l10n segment` and `l10n translate`: one file cut into units, or drafted by MT; and the
MT engine a workspace uses."""

from __future__ import annotations

from pathlib import Path

from .. import formats, languages
from ..files import read_text
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
    return extract(read_text(path), formats.for_path(path), rules), rules.warnings


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
          ws: Workspace | None, progress: Progress | None = None
          ) -> tuple[str, list[Unit], list[Translation]]:
    """A machine draft of `text` (plain text) or of the document at `path`, in its layout."""
    languages.get(source, what="source language")
    languages.get(target, what="target language")
    body = read_text(path) if path is not None else text
    fmt = formats.for_path(path) if path is not None else formats.get(".txt")
    return machine.draft(body, fmt, segmenter(ws, source), engine, source=source,
                         target=target, progress=progress)
