"""A workspace: where every file lives (sources, PO files, builds, memories, caches) and
which documents it holds. Every path the tool reads or writes is derived here, once.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .. import formats, languages
from ..errors import L10nError
from ..languages import CODES, quote
from ..settings import CONFIG_NAME, Settings, find_root, load

STATE_DIR = ".l10n"
PROPOSALS_DIR = "proposals"
GLOSSARY_NAME = "glossary.csv"


@dataclass(frozen=True)
class Document:
    """A source communiqué: `name` is its path under sources/<lang>/ without extension.

    `refusal` says why the file cannot be read as a document (a symlink, a FIFO, a name
    with a line break, two sources sharing one name): commands that write stop on it,
    reports show it on the document's own row.
    """

    name: str
    lang: str
    source: Path
    targets: tuple[str, ...]
    refusal: L10nError | None = None

    @property
    def extension(self) -> str:
        return self.source.suffix


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


@dataclass(frozen=True)
class Workspace:
    root: Path
    settings: Settings

    @classmethod
    def open(cls, root: Path | None = None) -> Workspace:
        """The workspace at `root`, or the one found from the current folder up."""
        root = root if root is not None else find_root(Path.cwd())
        return cls(root, load(root))

    # -- folders and files ----------------------------------------------------------------

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def sources_dir(self) -> Path:
        return self.root / self.settings.sources

    @property
    def translations_dir(self) -> Path:
        return self.root / self.settings.translations

    @property
    def proposals_dir(self) -> Path:
        """What pre-translation proposed, beside the PO files (see `workspace.proposals`)."""
        return self.root / PROPOSALS_DIR

    @property
    def build_dir(self) -> Path:
        return self.root / self.settings.build

    @property
    def tm_dir(self) -> Path:
        return self.root / self.settings.tm

    @property
    def state_dir(self) -> Path:
        """The tool's caches and lock: never needed to rebuild anything."""
        return self.root / STATE_DIR

    @property
    def cache_path(self) -> Path:
        """Units, job records and msgfmt verdicts (see `workspace.cache`)."""
        return self.state_dir / "cache.sqlite3"

    @property
    def memory_index_path(self) -> Path:
        """What each memory file held (see `proposals.memory`)."""
        return self.state_dir / "memory.json"

    @property
    def mt_cache_path(self) -> Path:
        """Machine translations already made, by model and text (see `proposals.mt`)."""
        return self.state_dir / "mt-cache.sqlite3"

    @property
    def glossary_path(self) -> Path:
        return self.root / GLOSSARY_NAME

    @property
    def srx_path(self) -> Path | None:
        return self.root / self.settings.srx if self.settings.srx else None

    @property
    def models_dir(self) -> Path | None:
        """The configured models folder (None: Argos's own default)."""
        return self.root / self.settings.models_folder if self.settings.models_folder else None

    def po_path(self, name: str, target: str) -> Path:
        """The PO file of document `name` in `target`."""
        return self.translations_dir / target / f"{name}.po"

    def build_path(self, doc: Document, target: str) -> Path:
        return self.build_dir / target / f"{doc.name}{doc.extension}"

    def reference(self, doc: Document) -> str:
        """How PO references (`#:`) name a document's source."""
        return self.relative(doc.source)

    def relative(self, path: Path | str) -> str:
        """A path as messages show it: relative to the workspace when inside it."""
        try:
            return Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def rule_files(self) -> list[Path]:
        """Files whose change re-segments every source: l10n.toml and the SRX file."""
        return [self.config_path, *([self.srx_path] if self.srx_path else [])]

    # -- what the workspace holds ---------------------------------------------------------

    def documents(self) -> list[Document]:
        """Every source document, sorted by name, refused ones included (see Document)."""
        found: dict[str, Document] = {}
        for lang_dir in self._language_folders():
            targets = self.settings.targets.get(lang_dir.name, ())
            for relative in files(lang_dir, symlinks=True):
                stem, dot, extension = relative.rpartition(".")
                if not dot or "/" in extension or \
                        f".{extension.lower()}" not in formats.EXTENSIONS:
                    continue
                path = lang_dir / relative
                doc = Document(stem, lang_dir.name, path, targets, _refusal(path, relative))
                other = found.get(stem)
                if other is not None:
                    clash = L10nError(
                        f"{self.relative(path)} and {self.relative(other.source)} would share "
                        f"the PO files of document {stem!r}", path=path, hint="rename one of them")
                    doc = Document(stem, doc.lang, path, targets, clash)
                found[stem] = doc
        return sorted(found.values(), key=lambda d: d.name)

    def ignored(self) -> list[Path]:
        """Files under sources/ that are not in a document format, so not translated."""
        return [lang_dir / relative for lang_dir in self._language_folders()
                for relative in files(lang_dir, symlinks=True)
                if Path(relative).suffix.lower() not in formats.EXTENSIONS]

    def _language_folders(self) -> list[Path]:
        root = self.sources_dir
        if root.is_symlink() or root.is_dir() and any(p.is_symlink() for p in root.iterdir()):
            raise L10nError("source folders may not be symbolic links", path=root,
                            hint="keep the sources inside the workspace")
        if not root.is_dir():
            raise L10nError("sources folder is missing", path=root,
                            hint="create it with `l10n init`, or set [paths] sources in "
                                 "l10n.toml")
        folders = []
        for lang_dir in sorted(p for p in root.iterdir() if not p.name.startswith(".")):
            if not lang_dir.is_dir():
                continue
            if lang_dir.name not in CODES:
                raise L10nError(f"unknown source language folder {lang_dir.name!r}",
                                path=lang_dir,
                                hint=f"source folders are named {', '.join(CODES)}")
            folders.append(lang_dir)
        return folders

    def orphans(self, documents: list[Document]) -> list[Orphan]:
        """PO files whose source is gone, or whose language is no longer a target."""
        expected = {(t, d.name) for d in documents for t in d.targets}
        known = {d.name for d in documents}
        found = []
        for target in CODES:
            folder = self.translations_dir / target
            if not folder.is_dir():
                continue
            for relative in files(folder, suffix=".po"):
                name = relative[:-3]
                if (target, name) not in expected:
                    found.append(Orphan(target, name, folder / relative,
                                        source_gone=name not in known))
        return found

    def memory_files(self) -> list[Path]:
        """Every PO under translations/<lang>/ and every TMX under tm/, in a stable order."""
        found = []
        for lang in CODES:
            folder = self.translations_dir / lang
            if folder.is_dir():
                found += [folder / relative for relative in files(folder, suffix=".po")]
        if self.tm_dir.is_dir():
            found += [self.tm_dir / relative for relative in files(self.tm_dir, suffix=".tmx")]
        return found

    def lock(self):
        """The lock a command holds while it changes files (see `workspace.lock`)."""
        from .lock import WorkspaceLock
        return WorkspaceLock(self.state_dir, timeout=self.settings.lock_timeout,
                             clean=[self.translations_dir, self.proposals_dir, self.build_dir,
                                    self.tm_dir, self.state_dir])


def select(documents: list[Document], *, names: list[str] | None = None,
           langs: list[str] | None = None) -> list[tuple[Document, str]]:
    """The (document, target language) pairs a command works on; unknown names or
    languages are errors, so a typo never passes a check by selecting nothing."""
    for lang in langs or ():
        languages.get(lang)
    return [(doc, target) for doc in find(documents, names) for target in doc.targets
            if not langs or target in langs]


def find(documents: list[Document], names: list[str] | None) -> list[Document]:
    """The documents named (all when None); an unknown name is an error."""
    if not names:
        return documents
    by_name = {d.name: d for d in documents}
    missing = [n for n in names if n not in by_name]
    if missing:
        raise L10nError(f"no document named {quote(missing[0])}",
                        hint="names are paths under sources/<lang>/ without extension; "
                             "see `l10n status`")
    return [by_name[n] for n in names]


def refuse(documents: list[Document]) -> None:
    """Stop on the first document that cannot be read (for commands that write)."""
    for doc in documents:
        if doc.refusal is not None:
            raise doc.refusal


def _refusal(path: Path, relative: str) -> L10nError | None:
    """Why a file under sources/ cannot be a document, if it cannot."""
    if any(ch in relative for ch in "\n\r"):
        return L10nError("a line break in a file name cannot be written in a PO reference",
                         path=repr(str(path)), hint="rename the file")
    try:
        info = path.lstat()
    except OSError as exc:
        return L10nError(f"cannot read: {exc.strerror}", path=path)
    if stat.S_ISLNK(info.st_mode):
        return L10nError("a source may not be a symbolic link (its content is not read)",
                         path=path, hint="copy the file into sources/ instead of linking it")
    if not stat.S_ISREG(info.st_mode):
        return L10nError("not a regular file (its content is not read)", path=path,
                         hint="sources are plain files")
    return None


def files(folder: Path, suffix: str | None = None, *, symlinks: bool = False) -> list[str]:
    """The path of every file under `folder`, relative and in POSIX form, sorted; hidden
    files and folders left out, and the `~$…` owner files Word keeps beside an open
    document. Strings, not Paths: a workspace has thousands.

    Folders that are symbolic links are not entered; with `symlinks`, other non-folder
    entries (symlinks to files, FIFOs) are listed too, so callers can refuse them by name.
    """
    result = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if symlinks:
            linked = [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
            dirnames[:] = [d for d in dirnames if d not in linked]
            filenames = filenames + linked
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
