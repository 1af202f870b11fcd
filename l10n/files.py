"""Reading text strictly and writing files atomically: the only place that touches bytes on disk."""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import checkpoints
from .errors import L10nError


@dataclass(frozen=True)
class Signature:
    """What a file looked like when read; a later mismatch means someone else wrote it."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> Signature | None:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return None
        return cls(st.st_size, st.st_mtime_ns)

    def as_list(self) -> list[int]:
        return [self.size, self.mtime_ns]


def decode_utf8(data: bytes, path: Path) -> str:
    """Decode UTF-8 exactly (a BOM stays in the text as one character) or say where it breaks."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise L10nError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path=path, line=line,
            hint="save the file as UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8",
        ) from None


def read_bytes(path: Path, *, limit: int | None = None) -> bytes:
    """The file's bytes; `limit` refuses files too large to handle safely."""
    try:
        if limit is not None and path.stat().st_size > limit:
            raise L10nError(f"the file is {path.stat().st_size:,} bytes, above the limit of "
                            f"{limit:,}", path=path,
                            hint="split it, or raise [workspace] max_source_bytes in l10n.toml")
        return path.read_bytes()
    except OSError as exc:
        raise L10nError(f"cannot read: {exc.strerror}", path=path) from None


def read_text(path: Path, *, limit: int | None = None) -> str:
    """The file's text, strictly UTF-8."""
    return decode_utf8(read_bytes(path, limit=limit), path)


def write_atomic(path: Path, data: bytes, *, expected: Signature | None | bool = True,
                 durable: bool = True, sync_dir: bool = True) -> bool:
    """Write `data` to `path` through a flushed temporary file and a rename.

    The temporary file is named `.<name>.<pid>.<random>.tmp`, so the leftovers of a
    killed process can be told from a live one's (see `lock`).
    `expected` is the signature the file had when its content was read (None: it did not
    exist). If the file changed since, nothing is written and False is returned, so the
    caller can merge again instead of overwriting someone's save. `True` skips the check.
    `durable=False` skips the fsyncs for files rebuilt from others (build outputs): still
    never half-written, but a crash may leave the previous version, which a rerun rebuilds.
    A caller writing many files passes `sync_dir=False` and calls `sync_dirs` once at
    the end: the rename is atomic either way, only its durability is batched.
    """
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
        if expected is not True and Signature.of(path) != expected:
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
