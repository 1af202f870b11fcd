"""Bytes on disk: reading text strictly, writing files atomically, and content signatures."""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import checkpoints
from .errors import L10nError


@dataclass(frozen=True)
class Signature:
    """What a file held: a digest of its content. Only content decides "changed": an edit
    that keeps a file's size and modification time (`cp -p`, `rsync -t`, coarse
    timestamps) is still a change, and a file rewritten with the same bytes is not."""

    digest: str

    @classmethod
    def of(cls, path: Path | str) -> Signature | None:
        """The signature of the file at `path`; None when there is none."""
        try:
            with open(path, "rb") as handle:
                return cls.of_bytes(handle.read())
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise L10nError(f"cannot read: {exc.strerror}", path=path) from None

    @classmethod
    def of_bytes(cls, data: bytes) -> Signature:
        return cls(hashlib.blake2b(data, digest_size=16).hexdigest())


def decode_utf8(data: bytes, path: Path) -> str:
    """Decode UTF-8 exactly (a BOM stays in the text as one character) or say where it breaks."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise L10nError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}){_guess(data)}",
            path=path, line=line,
            hint=f"save it as UTF-8, e.g. iconv -f {_guess(data, name=True) or 'ENCODING'} "
                 f"-t UTF-8 '{path}' > new.txt, then replace it",
        ) from None


def _guess(data: bytes, *, name: bool = False) -> str:
    """The encoding bytes that are not UTF-8 most likely are: older Word and Windows
    exports of French use Windows-1252 (a superset of Latin-1), of Arabic Windows-1256."""
    arabic = sum(1 for b in data if 0xC1 <= b <= 0xDA or 0xDC <= b <= 0xDF)
    latin = sum(1 for b in data if b in b"\xe0\xe2\xe7\xe8\xe9\xea\xeb\xee\xef\xf4\xf9\xfb")
    found = "WINDOWS-1256" if arabic > latin else "WINDOWS-1252"
    try:
        data.decode(found)
    except UnicodeDecodeError:
        return ""
    if name:
        return found
    return f"; it looks like {'Windows-1256 (Arabic)' if arabic > latin else 'Windows-1252 / Latin-1'}"


def read_bytes(path: Path | str, *, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path`; `limit` refuses files too large to handle.

    A FIFO, a device or a folder is refused before anything is read from it (opening a
    FIFO would block for ever, reading /dev/zero would never end)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise L10nError(f"cannot read: {exc.strerror}", path=path) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise L10nError("not a regular file", path=path,
                            hint="l10n reads only regular files; replace it with one")
        if limit is not None and info.st_size > limit:
            raise L10nError(f"the file is {info.st_size:,} bytes, above the limit of "
                            f"{limit:,}", path=path,
                            hint="split it, or raise [workspace] max_source_bytes in l10n.toml")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    except OSError as exc:
        raise L10nError(f"cannot read: {exc.strerror}", path=path) from None
    finally:
        os.close(fd)


def read_text(path: Path, *, limit: int | None = None) -> str:
    """The file's text, strictly UTF-8."""
    return decode_utf8(read_bytes(path, limit=limit), path)


def write_atomic(path: Path, data: bytes, *, durable: bool = True,
                 sync_dir: bool = True) -> None:
    """Write `data` to `path` through a flushed temporary file and a rename, so that a
    crash at any point leaves the old file or the new one, never half of either.

    The temporary file is named `.<name>.<pid>.<random>.tmp`, so the leftovers of a
    killed process can be told from a live one's (see `workspace.lock`).
    `durable=False` skips the fsyncs for files rebuilt from others (build outputs): still
    never half-written, but a crash may leave the previous version, which a rerun rebuilds.
    A caller writing many files passes `sync_dir=False` and calls `sync_dirs` once at
    the end: the rename is atomic either way, only its durability is batched.
    """
    _write(path, data, durable=durable, sync_dir=sync_dir, expected=None, check=False)


def write_if_unchanged(path: Path, data: bytes, *, expected: Signature | None,
                       sync_dir: bool = True) -> bool:
    """`write_atomic`, unless the file no longer holds what was read (`expected`; None: it
    did not exist): then nothing is written and False is returned, so the caller can merge
    again instead of overwriting someone's save."""
    return _write(path, data, durable=True, sync_dir=sync_dir, expected=expected, check=True)


def _write(path: Path, data: bytes, *, durable: bool, sync_dir: bool,
           expected: Signature | None, check: bool) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        checkpoints.reached("before-temp")
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp",
                                   dir=path.parent)
    except OSError as exc:
        raise L10nError(f"cannot write: {exc.strerror}", path=path) from None
    try:
        os.fchmod(fd, _mode(path))  # mkstemp makes 0600; keep the file's own permissions
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        checkpoints.reached("after-temp")
        if check and Signature.of(path) != expected:
            os.unlink(tmp)
            return False
        os.replace(tmp, path)
    except BaseException as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise L10nError(f"cannot write: {exc.strerror}", path=path,
                            hint="the previous file is unchanged") from None
        raise
    checkpoints.reached("after-rename")
    if durable and sync_dir:
        _fsync_dir(path.parent)
    return True


def _mode(path: Path) -> int:
    """The permissions a replaced file keeps; a new one gets 0o666 less the umask, as
    open() would give (mkstemp's 0o600 would hide the file from the rest of a team)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def sync_dirs(paths: list[Path]) -> None:
    """Make the renames of these files durable: one fsync per folder."""
    for directory in dict.fromkeys(p.parent for p in paths):
        _fsync_dir(directory)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
