"""Where things live in a workspace: source documents, their PO files and their builds."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

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
        return Path(f"{settings.translations_dir}/{target}/{self.name}.po")

    def build_path(self, settings: Settings, target: str) -> Path:
        return Path(f"{settings.build_dir}/{target}/{self.name}{self.extension}")

    def reference(self, settings: Settings) -> str:
        return self.source.relative_to(settings.root).as_posix()


def discover(settings: Settings) -> list[Document]:
    """Every source document, sorted by name; clashes and unknown folders are errors.

    Files of no document format (an image beside a page) are not documents: skipped here,
    listed by `ignored`.
    """
    documents: dict[str, Document] = {}
    for lang_dir in _language_folders(settings):
        for relative in files(lang_dir):
            stem, dot, extension = relative.rpartition(".")
            if not dot or "/" in extension or f".{extension.lower()}" not in formats.BY_EXTENSION:
                continue
            path = lang_dir / relative
            name = stem
            if name in documents:
                other = documents[name].source
                raise L10nError(f"{path.relative_to(settings.root)} and "
                                f"{other.relative_to(settings.root)} would share the PO files "
                                f"of document {name!r}", path=path,
                                hint="rename one of them")
            documents[name] = Document(name, lang_dir.name, path,
                                       settings.targets.get(lang_dir.name, ()))
    return sorted(documents.values(), key=lambda d: d.name)


def ignored(settings: Settings) -> list[Path]:
    """Files under sources/ that are not in a document format, so not translated."""
    found = [lang_dir / relative for lang_dir in _language_folders(settings)
             for relative in files(lang_dir)]
    return [path for path in found if path.suffix.lower() not in formats.BY_EXTENSION]


def _language_folders(settings: Settings) -> list[Path]:
    root = settings.sources_dir
    if not root.is_dir():
        raise L10nError("sources folder is missing", path=root,
                        hint="create it with `l10n init`, or set [paths] sources in l10n.toml")
    folders = []
    for lang_dir in sorted(p for p in root.iterdir() if not p.name.startswith(".")):
        if not lang_dir.is_dir():
            continue
        if lang_dir.name not in LANGUAGES:
            raise L10nError(f"unknown source language folder {lang_dir.name!r}", path=lang_dir,
                            hint=f"source folders are named {', '.join(LANGUAGES)}")
        folders.append(lang_dir)
    return folders


def select(documents: list[Document], *, names: list[str] | None = None,
           langs: list[str] | None = None) -> list[tuple[Document, str]]:
    """The (document, target language) pairs a command works on; unknown names or
    languages are errors, so a typo never passes a check by selecting nothing."""
    for lang in langs or ():
        if lang not in LANGUAGES:
            raise L10nError(f"unknown language {lang!r}",
                            hint=f"languages are {', '.join(LANGUAGES)}")
    return [(doc, target) for doc in find(documents, names) for target in doc.targets
            if not langs or target in langs]


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


@dataclass(frozen=True)
class Orphan:
    """A PO file no document and language of the workspace asks for any more."""

    target: str
    name: str
    path: Path
    source_gone: bool  # False: its language is no longer a target in l10n.toml

    @property
    def reason(self) -> str:
        return "its source is gone" if self.source_gone else \
            f"{self.target} is no longer a target language of its source in l10n.toml"


def orphans(settings: Settings, documents: list[Document]) -> list[Orphan]:
    """PO files whose source is gone, or whose language is no longer a target."""
    expected = {(t, d.name) for d in documents for t in d.targets}
    known = {d.name for d in documents}
    found = []
    for target in LANGUAGES:
        folder = settings.translations_dir / target
        if not folder.is_dir():
            continue
        for relative in files(folder, suffix=".po"):
            name = relative[:-3]
            if (target, name) not in expected:
                found.append(Orphan(target, name, folder / relative,
                                    source_gone=name not in known))
    return found


def files(folder: Path, suffix: str | None = None) -> list[str]:
    """The path of every file under `folder`, relative and in POSIX form, sorted; hidden
    files and folders left out, and the `~$…` owner files Word keeps beside an open
    document. Strings, not Paths: a workspace has thousands."""
    result = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        prefix = os.path.relpath(dirpath, folder).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        result += [prefix + name for name in sorted(filenames)
                   if not name.startswith((".", "~$")) and (not suffix or name.endswith(suffix))]
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
