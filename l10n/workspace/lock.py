"""One l10n command at a time may change a workspace: an advisory lock under .l10n/.

The operating system releases the lock when its process dies, so a lock left by a
killed run is never stale. Temporary files a killed run left behind are removed once
the lock is held; their names carry the writer's process id, so the temporary file of a
command that takes no lock (`check` refreshing a cache) is left to finish.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from ..errors import L10nError

TEMPORARY = ".*.tmp"  # the pattern of write_atomic's temporary files


class WorkspaceLock:
    def __init__(self, state_dir: Path, *, timeout: float, clean: list[Path]) -> None:
        self.path = state_dir / "lock"
        self.timeout = timeout
        self.clean = clean
        self._fd: int | None = None

    def __enter__(self) -> WorkspaceLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise L10nError(f"cannot write: {exc.strerror}", path=self.path,
                            hint="a command that changes files needs a writable workspace"
                            ) from None
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "?"
                    os.close(fd)
                    raise L10nError(
                        f"another l10n command (pid {holder}) is working on this workspace",
                        path=self.path, hint=f"waited {self.timeout:g} s; try again when it "
                        "has finished, or raise [workspace] lock_timeout") from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        for leftover in self.leftovers():
            leftover.unlink(missing_ok=True)
        return self

    def leftovers(self) -> list[Path]:
        """Temporary files that killed commands left (their writer is gone)."""
        return [leftover for folder in self.clean if folder.is_dir()
                for leftover in folder.rglob(TEMPORARY) if not alive(_writer(leftover.name))]

    def holder(self) -> int | None:
        """The process id of the command that holds the lock now, None when it is free
        (asked without waiting and without taking it; 0 when the holder is unknown)."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = os.pread(fd, 64, 0).decode(errors="replace").strip()
            return int(pid) if pid.isdigit() else 0
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _writer(name: str) -> int | None:
    """The process id in a temporary file's name: `.<name>.<pid>.<random>.tmp`."""
    parts = name.rsplit(".", 3)
    return int(parts[1]) if len(parts) == 4 and parts[1].isdigit() else None


def alive(pid: int | None) -> bool:
    """Whether another process with this id runs (a reused id only delays a cleanup)."""
    if pid is None or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
