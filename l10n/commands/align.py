"""`l10n tm align`: published editions turned into translation memory.

Read → plan → write: every edition is read and aligned first; then the memory's TMX (sure
pairs, under tm/aligned/ where the memory reads them), the review TMX and the review page
are written, each atomically. Editions that turn out to be different documents are refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import languages
from ..align import archive
from ..errors import L10nError
from ..files import write_atomic
from ..glossary import Glossary
from ..proposals.mt import Engine
from ..workspace import Workspace
from ..workspace.sources import segmenter


@dataclass
class Aligned:
    results: list[archive.Result]
    unpaired: list[str]  # files with no edition of the same name in the other folders
    output: Path
    review_tmx: Path
    review_page: Path
    inside: bool  # the output is in the workspace: write under its lock
    outputs: archive.Outputs | None = None
    writes: list[tuple[Path, bytes]] = field(default_factory=list)

    @property
    def refused(self) -> list[archive.Result]:
        return [r for r in self.results if r.refused]


def align(paths: list[Path], *, langs: list[str], ws: Workspace | None, output: Path | None,
          review: Path | None, threshold: float, engine: Engine | None,
          workers: int) -> Aligned:
    """Align the editions at `paths` (files: one document; folders: paired by file name),
    in the order of `langs`. Nothing is written here: see `write`."""
    for code in langs:
        languages.get(code)
    if len(set(langs)) != len(langs) or len(langs) > 3:
        raise L10nError("name each language once (two or three editions)")
    if len(paths) != len(langs):
        raise L10nError(f"{len(langs)} languages need {len(langs)} editions, got {len(paths)}")
    if output is None:
        if ws is None:
            raise L10nError("no workspace here: say where to write the TMX (--output)")
        stem = paths[0].resolve().stem if paths[0].is_file() else paths[0].resolve().name
        output = ws.tm_dir / "aligned" / f"{stem}.{'-'.join(langs)}.tmx"
    folder = review or (ws.root / "align-review" if ws else output.parent)
    if ws and ws.tm_dir.resolve() in (folder.resolve(), *folder.resolve().parents):
        raise L10nError("the memory reads every TMX under tm/: put the review files elsewhere",
                        path=folder)
    base = output.name.removesuffix(".tmx")

    def name(path: Path) -> str:
        for root in ([ws.root] if ws else []) + [Path.cwd()]:
            if root.resolve() in path.resolve().parents:
                return path.resolve().relative_to(root.resolve()).as_posix()
        return path.name

    jobs, unpaired = archive.jobs(paths, name=name)
    results = archive.run_all(
        jobs, workers=workers, langs=langs,
        segmenters={lang: segmenter(ws, lang) for lang in langs},
        glossary=Glossary.load(ws.glossary_path) if ws else Glossary([]),
        translate=_translator(engine), threshold=threshold,
        limit=ws.settings.max_source_bytes if ws else None)
    aligned = Aligned(results, unpaired, output, folder / f"{base}.review.tmx",
                      folder / f"{base}.review.html",
                      ws is not None and ws.root.resolve() in output.resolve().parents)
    kept = [r for r in results if not r.refused]
    if kept:
        aligned.outputs = archive.outputs(kept, langs=langs, threshold=threshold)
        aligned.writes = [(aligned.output, aligned.outputs.memory),
                          (aligned.review_tmx, aligned.outputs.review),
                          (aligned.review_page, aligned.outputs.page.encode("utf-8"))]
    return aligned


def write(aligned: Aligned) -> None:
    for path, data in aligned.writes:
        write_atomic(path, data)


def _translator(engine: Engine | None):
    """MT drafts as a clue (Bleualign's idea), for the directions a model is installed for."""
    if engine is None or not engine.packages:
        return None

    def translate(texts: list[str], source: str, target: str) -> list[str] | None:
        try:
            engine.route(source, target)
        except L10nError:
            return None  # no model for this direction: length and anchors only
        return [t.text for t in engine.translate(texts, source=source, target=target)]
    return translate
