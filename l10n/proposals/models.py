"""Installed Argos Translate packages: list, validate, install, remove, fetch from an index.

argostranslate reads package metadata and index entries. Changes to the models folder are
made here: its `install_from_path` only checks that the file is a zip and extracts it over
whatever is there. An archive is checked first (one top-level folder, no path escaping it,
sane sizes, metadata, model, SentencePiece model), extracted into a hidden staging folder,
loaded once, and only then renamed into place: a failure never leaves half a package.

`folder=None` means Argos's own packages folder (where argospm and LibreTranslate install).
With a folder given, argostranslate is imported with its settings folders kept out of $HOME.
"""

from __future__ import annotations

import importlib
import io
import json
import os
import re
import shutil
import stat
import sys
import tempfile
import urllib.error
import urllib.request
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import BinaryIO

from .. import checkpoints
from ..errors import L10nError
from ..workspace.lock import alive

MAX_BYTES = 4_000_000_000  # unpacked size of one package; Argos packages are 50-500 MB
MAX_RATIO = 100  # unpacked / packed: models hardly compress, a zip bomb compresses 1000×
_SMALL = 64 * 1024**2  # below this size no ratio is suspicious
MAX_FILES = 10_000
MAX_INDEX_BYTES = 16 * 1024**2
TIMEOUT = 10.0  # seconds without an answer before a download gives up
STAGING = ".l10n-"  # hidden work folders and files inside the models folder
_CODE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z0-9]+)?")
_NAMED_PAIR = re.compile(r"translate-([a-z]{2,3})_([a-z]{2,3})(?:-|\Z)")  # Argos's names
Progress = Callable[[str, int, int], None]  # ("download" or "unpack", bytes done, total)
_OFFLINE_HINT = ("to install without network, copy the package file (e.g. translate-{0}_{1}"
                 ".argosmodel) from a machine with internet access and run "
                 "`l10n models install FILE`")


@dataclass(frozen=True)
class Package:
    """An installed translation package: one language pair, one folder."""

    source: str
    target: str
    version: str
    path: Path
    size: int  # bytes on disk
    target_prefix: str = ""

    @property
    def name(self) -> str:
        """Argos's name for the pair, as in argospm and its index."""
        return f"translate-{self.source}_{self.target}"

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}" if self.version else self.name


@dataclass(frozen=True)
class Scan:
    folder: Path
    packages: list[Package]
    ignored: list[tuple[Path, str]] = field(default_factory=list)  # folder, why


def argos(folder: Path | None) -> ModuleType:
    """`argostranslate.package`, imported (once) without touching $HOME when `folder` is set.

    Argos's settings module reads XDG_* and ARGOS_* variables at import and creates folders;
    they are pointed at a private scratch folder for the import only. l10n never relies on
    Argos's own folder settings afterwards: it passes package paths explicitly.
    """
    if folder is not None and "argostranslate.settings" not in sys.modules:
        home = _scratch_home()
        borrowed = {"XDG_DATA_HOME": home / "data", "XDG_CONFIG_HOME": home / "config",
                    "XDG_CACHE_HOME": home / "cache", "ARGOS_PACKAGES_DIR": home / "packages"}
        saved = {name: os.environ.get(name) for name in borrowed}
        os.environ.update({name: str(path) for name, path in borrowed.items()})
        try:
            importlib.import_module("argostranslate.package")
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
    import argostranslate.package
    return argostranslate.package


def _scratch_home() -> Path:
    """A per-user folder in the system's temporary folder, refused if someone else owns it."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    home = Path(tempfile.gettempdir()) / f"l10n-argos-{uid if uid is not None else 'user'}"
    with _fs_errors("cannot create a scratch folder for Argos's settings", home):
        home.mkdir(mode=0o700, exist_ok=True)
        info = home.lstat()
    if not stat.S_ISDIR(info.st_mode) or (uid is not None and info.st_uid != uid):
        raise L10nError("this scratch folder for Argos's settings is not yours", path=home,
                        hint="remove it, or set TMPDIR to another folder")
    return home


def resolve(folder: Path | None) -> Path:
    """The models folder: the one given, or Argos's own."""
    if folder is not None:
        return folder
    return Path(argos(None).settings.package_data_dir)


# -- listing ---------------------------------------------------------------------------

def scan(folder: Path | None) -> Scan:
    """Every translation package in the folder; sub-folders that are not one are reported."""
    folder = resolve(folder)
    module = argos(folder)
    packages, ignored = [], []
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or not path.is_dir():
                continue
            try:
                packages.append(_read(module, path))
            except L10nError as exc:
                ignored.append((path, exc.message))
    return Scan(folder, packages, ignored)


def _read(module: ModuleType, path: Path) -> Package:
    """A package folder as argostranslate reads it, checked for what translation needs."""
    try:
        pkg = module.Package(path)
    except FileNotFoundError:
        raise L10nError("no metadata.json", path=path) from None
    except (ValueError, OSError) as exc:  # JSONDecodeError is a ValueError
        raise L10nError(f"unreadable metadata.json: {exc}", path=path) from None
    _check_metadata({"type": pkg.type, "from_code": pkg.from_code, "to_code": pkg.to_code},
                    path, folder=path.name)
    for needed in ("sentencepiece.model", "model/model.bin"):
        if not (path / needed).is_file():
            raise L10nError(f"no {needed}", path=path)
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return Package(pkg.from_code, pkg.to_code, str(pkg.package_version or ""), path, size,
                   str(pkg.target_prefix or ""))


def _check_metadata(metadata: object, where: Path, *, folder: str) -> None:
    if not isinstance(metadata, dict):
        raise L10nError("metadata.json is not a JSON object", path=where)
    kind = metadata.get("type", "translate")
    if kind != "translate":
        raise L10nError(f"not a translation package (type {kind!r})", path=where)
    for key in ("from_code", "to_code"):
        code = metadata.get(key)
        if not isinstance(code, str) or not _CODE.fullmatch(code):
            raise L10nError(f"metadata.json has no valid {key} (got {code!r})", path=where)
    named = _NAMED_PAIR.match(folder)
    claimed = (metadata["from_code"], metadata["to_code"])
    if named and named.groups() != claimed:
        raise L10nError(f"the package folder {folder!r} is named for {'→'.join(named.groups())}"
                        f" but its metadata.json says {'→'.join(claimed)}", path=where,
                        hint="the package mixes files of different models")


def find(scan_: Scan, source: str, target: str) -> list[Package]:
    return [p for p in scan_.packages if (p.source, p.target) == (source, target)]


# -- installing from a file --------------------------------------------------------------

def inspect(archive: Path, *, max_bytes: int = MAX_BYTES) -> tuple[str, dict]:
    """Check an .argosmodel without extracting it: its top folder name and metadata."""
    try:
        handle = zipfile.ZipFile(archive)
    except FileNotFoundError:
        raise L10nError("no such file", path=archive) from None
    except (zipfile.BadZipFile, OSError, EOFError):
        raise L10nError("not an Argos package: not a readable zip archive", path=archive,
                        hint="the file may be truncated; copy it again") from None
    with handle:
        infos = handle.infolist()
        top = _top_folder(infos, archive, max_bytes=max_bytes)
        names = {i.filename.rstrip("/") for i in infos}
        for needed in ("metadata.json", "sentencepiece.model", "model/model.bin"):
            if f"{top}/{needed}" not in names:
                raise L10nError(f"not an Argos package: no {top}/{needed} inside",
                                path=archive)
        try:
            metadata = json.loads(handle.read(f"{top}/metadata.json"))
        except (zipfile.BadZipFile, zlib.error, EOFError):
            raise L10nError("corrupt archive: metadata.json cannot be read", path=archive,
                            hint="copy the file again") from None
        except ValueError as exc:
            raise L10nError(f"metadata.json is not valid JSON: {exc}", path=archive) from None
    _check_metadata(metadata, archive, folder=top)
    return top, metadata


def _top_folder(infos: list[zipfile.ZipInfo], archive: Path, *, max_bytes: int) -> str:
    if not infos:
        raise L10nError("not an Argos package: the archive is empty", path=archive)
    if len(infos) > MAX_FILES:
        raise L10nError(f"not an Argos package: {len(infos)} files inside", path=archive)
    total = sum(i.file_size for i in infos)  # reading stops at these sizes: they bound it
    if total > max_bytes:
        raise L10nError(f"refused: it would unpack to {total:,} bytes, above the limit of "
                        f"{max_bytes:,}", path=archive,
                        hint="raise [models] max_package_bytes in l10n.toml if it is genuine")
    packed = archive.stat().st_size
    if total > _SMALL and total > MAX_RATIO * packed:
        raise L10nError(f"refused: it would unpack to {total:,} bytes from {packed:,}, "
                        f"{total // packed:,} times its size (a zip bomb?)", path=archive,
                        hint="translation models hardly compress; get the package again")
    tops = set()
    for info in infos:
        name = info.filename
        parts = PurePosixPath(name).parts
        if (not parts or name.startswith("/") or "\\" in name or ".." in parts
                or ":" in parts[0] or stat.S_ISLNK(info.external_attr >> 16)):
            raise L10nError(f"refused: {name!r} would be written outside the package folder",
                            path=archive)
        tops.add(parts[0])
        if len(parts) == 1 and not info.is_dir():
            raise L10nError(f"not an Argos package: {name!r} lies outside a package folder",
                            path=archive, hint="a package is a zip of one folder")
    if len(tops) != 1:
        raise L10nError(f"not an Argos package: {len(tops)} top-level folders "
                        f"({', '.join(sorted(tops)[:3])}), expected exactly one", path=archive)
    top = tops.pop()
    if top.startswith("."):
        raise L10nError(f"refused: hidden package folder name {top!r}", path=archive)
    return top


def install(folder: Path | None, archive: Path, *, max_bytes: int = MAX_BYTES,
            progress: Progress | None = None) -> Package:
    """Validate `archive` and install it, replacing any package for the same pair."""
    top, _ = inspect(archive, max_bytes=max_bytes)
    folder = resolve(folder)
    module = argos(folder)
    with _fs_errors("cannot install into the models folder", folder):
        return _install(module, folder, archive, top, progress)


def _install(module: ModuleType, folder: Path, archive: Path, top: str,
             progress: Progress | None) -> Package:
    folder.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(folder)
    staging = folder / _staging("install")
    staging.mkdir()
    try:
        _extract(archive, staging, progress)
        fresh = _read(module, staging / top)
        _check_loads(fresh, archive)
        checkpoints.reached("after-temp")  # unpacked and checked, not yet in place
        current = scan(folder)
        replaced = [p.path for p in find(current, fresh.source, fresh.target)]
        if (folder / top).exists() and folder / top not in replaced:
            replaced.append(folder / top)
        for n, path in enumerate(replaced):
            os.replace(path, staging / f"old-{n}")
        try:
            os.replace(staging / top, folder / top)
        except OSError:
            for n, path in enumerate(replaced):
                os.replace(staging / f"old-{n}", path)
            raise
        checkpoints.reached("after-rename")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return _read(module, folder / top)


def _staging(what: str) -> str:
    """A hidden work name carrying this process's id, e.g. `.l10n-install-4242-1a2b3c4d`."""
    return f"{STAGING}{what}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def _remove_leftovers(folder: Path) -> None:
    """Delete what killed installs and removals left (a live one's work is kept)."""
    for path in folder.glob(f"{STAGING}*"):
        parts = path.name.split("-")
        if len(parts) >= 4 and parts[2].isdigit() and parts[2] != str(os.getpid()) \
                and not alive(int(parts[2])):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def _extract(archive: Path, staging: Path, progress: Progress | None) -> None:
    try:
        with zipfile.ZipFile(archive) as handle:
            infos = handle.infolist()
            total, done = sum(info.file_size for info in infos), 0
            for info in infos:
                target = staging / info.filename
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with handle.open(info) as src, open(target, "wb") as dst:
                    while chunk := src.read(1024 * 1024):
                        dst.write(chunk)
                        done += len(chunk)
                        if progress:
                            progress("unpack", done, total)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise L10nError(f"corrupt archive ({exc}); nothing was installed", path=archive,
                        hint="copy the file again") from None
    except OSError as exc:
        raise L10nError(f"cannot unpack: {exc.strerror or exc}; nothing was installed",
                        path=archive) from None


def _check_loads(package: Package, archive: Path) -> None:
    """Load the package once: a broken or mismatched file fails here, not at first use."""
    try:
        load(package.path, inter_threads=1, intra_threads=1)
    except L10nError as exc:
        raise L10nError(f"{exc.message}; nothing was installed", path=archive) from None


def load(path: Path, *, inter_threads: int, intra_threads: int) -> tuple[object, object]:
    """The SentencePiece processor and CTranslate2 translator of the package at `path`,
    checked to belong together (most pieces of one are words of the other)."""
    import ctranslate2
    import sentencepiece

    try:
        pieces = sentencepiece.SentencePieceProcessor(
            model_file=str(path / "sentencepiece.model"))
    except (RuntimeError, OSError) as exc:
        raise L10nError(f"the SentencePiece model cannot be loaded ({exc})", path=path,
                        hint="install the package again") from None
    try:
        translator = ctranslate2.Translator(str(path / "model"), device="cpu",
                                            inter_threads=inter_threads,
                                            intra_threads=intra_threads)
    except (RuntimeError, ValueError, OSError) as exc:
        raise L10nError(f"the translation model cannot be loaded ({exc})", path=path,
                        hint="install the package again") from None
    vocabulary = _vocabulary(path / "model")
    if vocabulary is not None:
        count = pieces.get_piece_size()
        unknown = sum(1 for i in range(count) if pieces.id_to_piece(i) not in vocabulary)
        if unknown > count / 2:
            raise L10nError(f"the SentencePiece model does not match the translation model: "
                            f"{unknown} of its {count} pieces are not in the model's "
                            "vocabulary", path=path,
                            hint="the package mixes files of different models")
    return pieces, translator


def _vocabulary(model: Path) -> set[str] | None:
    """The source vocabulary CTranslate2 saved beside model.bin (None: kept inside it)."""
    for name in ("shared_vocabulary", "source_vocabulary"):
        try:
            if (model / f"{name}.json").is_file():
                words = json.loads((model / f"{name}.json").read_text(encoding="utf-8"))
                return {w for w in words if isinstance(w, str)} if isinstance(words, list) \
                    else set()
            if (model / f"{name}.txt").is_file():
                return set((model / f"{name}.txt").read_text(encoding="utf-8").splitlines())
        except (OSError, ValueError) as exc:
            raise L10nError(f"unreadable vocabulary {name}: {exc}", path=model) from None
    return None


def remove(folder: Path | None, source: str, target: str) -> list[Package]:
    """Delete the packages for a pair (moved aside first, so none is ever half there)."""
    found = scan(folder)
    gone = find(found, source, target)
    if not gone:
        raise L10nError(f"no {source}→{target} package installed", path=found.folder,
                        hint="see `l10n models list`")
    for package in gone:
        trash = found.folder / _staging("remove")
        with _fs_errors("cannot remove the package", package.path):
            os.replace(package.path, trash)
        shutil.rmtree(trash, ignore_errors=True)
    return gone


@contextmanager
def _fs_errors(what: str, path: Path) -> Iterator[None]:
    """A permission or disk problem, said in one line."""
    try:
        yield
    except OSError as exc:
        raise L10nError(f"{what}: {exc.strerror or exc}", path=path) from None


# -- installing from an index ------------------------------------------------------------

def install_from_index(folder: Path | None, *, index: str, source: str, target: str,
                       timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
                       progress: Progress | None = None) -> Package:
    """Download the newest `source`→`target` package listed in the Argos index, install it.

    This is the only network access in l10n, and happens only on the user's request.
    """
    hint = _OFFLINE_HINT.format(source, target)
    buffer = io.BytesIO()
    _download(index, buffer, timeout=timeout, limit=MAX_INDEX_BYTES, what="the package index",
              hint=hint)
    try:
        entries = json.loads(buffer.getvalue())
    except ValueError:
        entries = None
    if not isinstance(entries, list):
        raise L10nError("the package index is not a JSON list", path=index, hint=hint)
    folder = resolve(folder)
    module = argos(folder)
    offers = []
    for entry in entries:
        if isinstance(entry, dict) and entry.get("type", "translate") == "translate" and \
                (entry.get("from_code"), entry.get("to_code")) == (source, target):
            offers.append(module.AvailablePackage(entry))
    if not offers:
        raise L10nError(f"the package index has no {source}→{target} package", path=index)
    best = max(offers, key=lambda p: _version_key(p.package_version))
    with _fs_errors("cannot write to the models folder", folder):
        folder.mkdir(parents=True, exist_ok=True)
    download = folder / f"{_staging('download')}.argosmodel"
    try:
        failure = L10nError(f"the index lists no download link for {source}→{target}",
                            path=index)
        for link in best.links:
            try:
                with open(download, "wb") as out:
                    _download(link, out, timeout=timeout, limit=max_bytes, what="the package",
                              hint=hint, progress=progress)
                break
            except L10nError as exc:
                failure = exc
        else:
            raise failure
        return install(folder, download, max_bytes=max_bytes, progress=progress)
    finally:
        download.unlink(missing_ok=True)


def _version_key(version: str) -> tuple:
    return tuple(int(n) if n.isdigit() else 0 for n in re.split(r"[._-]", str(version)))


def _download(url: str, out: BinaryIO, *, timeout: float, limit: int, what: str,
              hint: str, progress: Progress | None = None) -> None:
    """Copy `url` into `out`, giving up after `timeout` seconds of silence or `limit` bytes."""
    if not url.startswith(("https://", "http://", "file:")):
        raise L10nError(f"{what} address must start with https://, http:// or file:",
                        path=url)
    size = 0
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            length = response.headers.get("Content-Length") or ""
            total = int(length) if length.isdigit() else 0  # 0: the server did not say
            while chunk := response.read(1024 * 1024):
                size += len(chunk)
                if size > limit:
                    raise L10nError(f"{what} is larger than {limit // 1024**2} MB; refused",
                                    path=url)
                out.write(chunk)
                if progress:
                    progress("download", size, total)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise L10nError(f"cannot download {what}: {reason}", path=url, hint=hint) from None
