"""Where things live in a workspace: source documents, their PO files and their builds."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import formats
from .config import LANGUAGES, Settings
from .errors import L10nError


@dataclass(frozen=True)
class Document:
    """A source communiqué: `name` is its path under sources/<lang>/ without extension."""

    name: str
    lang: str
    source: Path
    targets: tuple[str, ...]

    @property
    def extension(self) -> str:
        return self.source.suffix

    def po_path(self, settings: Settings, target: str) -> Path:
        return settings.translations_dir / target / f"{self.name}.po"

    def build_path(self, settings: Settings, target: str) -> Path:
        return settings.build_dir / target / f"{self.name}{self.extension}"

    def reference(self, settings: Settings) -> str:
        return self.source.relative_to(settings.root).as_posix()


def discover(settings: Settings) -> list[Document]:
    """Every source document, sorted by name; clashes and unknown folders are errors."""
    root = settings.sources_dir
    if not root.is_dir():
        raise L10nError("sources folder is missing", path=root,
                        hint="create it with `l10n init`, or set [paths] sources in l10n.toml")
    documents: dict[str, Document] = {}
    for lang_dir in sorted(p for p in root.iterdir() if not p.name.startswith(".")):
        if not lang_dir.is_dir():
            continue
        if lang_dir.name not in LANGUAGES:
            raise L10nError(f"unknown source language folder {lang_dir.name!r}", path=lang_dir,
                            hint=f"source folders are named {', '.join(LANGUAGES)}")
        for path in _files(lang_dir):
            formats.for_path(path)
            name = PurePosixPath(path.relative_to(lang_dir).as_posix()).with_suffix("").as_posix()
            if name in documents:
                other = documents[name].source
                raise L10nError(f"{path.relative_to(settings.root)} and "
                                f"{other.relative_to(settings.root)} would share the PO files "
                                f"of document {name!r}", path=path,
                                hint="rename one of them")
            documents[name] = Document(name, lang_dir.name, path,
                                       settings.targets.get(lang_dir.name, ()))
    return sorted(documents.values(), key=lambda d: d.name)


def find(documents: list[Document], names: list[str] | None) -> list[Document]:
    """The documents named (all when None); an unknown name is an error."""
    if not names:
        return documents
    by_name = {d.name: d for d in documents}
    missing = [n for n in names if n not in by_name]
    if missing:
        raise L10nError(f"no document named {missing[0]!r}",
                        hint="names are paths under sources/<lang>/ without extension; "
                             "see `l10n status`")
    return [by_name[n] for n in names]


def orphans(settings: Settings, documents: list[Document]) -> list[tuple[str, str, Path]]:
    """PO files whose source is gone: (target language, document name, path)."""
    expected = {(t, d.name) for d in documents for t in d.targets}
    found = []
    for target in LANGUAGES:
        folder = settings.translations_dir / target
        if not folder.is_dir():
            continue
        for path in _files(folder, suffix=".po"):
            name = path.relative_to(folder).with_suffix("").as_posix()
            if (target, name) not in expected:
                found.append((target, name, path))
    return found


def _files(folder: Path, suffix: str | None = None) -> list[Path]:
    result = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if filename.startswith(".") or (suffix and not filename.endswith(suffix)):
                continue
            result.append(Path(dirpath) / filename)
    return result


class WriteGuard:
    """Refuses to write where a symlink would lead out of the workspace.

    Each folder is resolved once per run: a workspace has few folders and many files.
    """

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._checked: set[Path] = set()

    def __call__(self, path: Path) -> Path:
        folder = path.parent
        if folder not in self._checked:
            real = folder.resolve()
            if real != self.root and self.root not in real.parents:
                raise L10nError("refusing to write outside the workspace (a symlink leads out)",
                                path=path, hint=f"its folder resolves to {real}")
            self._checked.add(folder)
        return path
