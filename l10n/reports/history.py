"""When units were reviewed, read from the git history of the PO files: the office's pace.

A unit counts as reviewed in a commit when that commit's version of its PO file has it
reviewed and the version before did not (`git log --raw` gives both versions of every
file a commit changed; `git cat-file --batch` reads them). Merge commits add nothing of
their own: the work is counted in the commits that did it, on whichever branch.
"""

from __future__ import annotations

import subprocess
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..catalog import pofile
from ..catalog.model import Status
from ..errors import L10nError
from ..workspace import Workspace

Key = tuple[str | None, str]
_NO_BLOB = "0" * 40


@dataclass(frozen=True)
class Review:
    """A unit that became reviewed in a commit."""

    when: datetime  # the commit's author date
    po: str  # the PO file, relative to the workspace
    key: Key
    words: int


def reviews(ws: Workspace) -> list[Review] | None:
    """Every review the history holds, oldest first; None when the workspace is not in a
    git repository (or git is not installed)."""
    top = _git(ws.root, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    top_path = Path(top.decode("utf-8").strip())
    folder = ws.translations_dir.resolve()
    try:
        folder.relative_to(top_path)
    except ValueError:
        return None
    log = _git(top_path, "log", "--reverse", "--format=%x01%aI", "--raw", "--no-abbrev",
               "--no-renames", "-z", "--", folder.relative_to(top_path).as_posix() or ".")
    if log is None:
        return None
    changes = list(_changes(log.decode("utf-8", "surrogateescape")))
    blobs = {blob for _, old, new, _ in changes for blob in (old, new) if blob != _NO_BLOB}
    reviewed = _reviewed(top_path, blobs)
    found = []
    root = ws.root.resolve()
    for when, old, new, path in changes:
        if new == _NO_BLOB or new not in reviewed:
            continue
        before = reviewed.get(old, {})
        relative = (top_path / path).relative_to(root).as_posix() \
            if (top_path / path).is_relative_to(root) else path
        found += [Review(when, relative, key, words)
                  for key, words in reviewed[new].items() if key not in before]
    return found


def _git(folder: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                              timeout=600)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _changes(log: str):
    """(author date, old blob, new blob, path) for each PO file each commit changed."""
    when = None
    fields = iter(log.split("\0"))
    for field in fields:
        field = field.lstrip("\n")
        if field.startswith("\x01"):
            when = datetime.fromisoformat(field[1:])
        elif field.startswith(":"):
            meta = field[1:].split()
            path = next(fields, "")
            if when is not None and path.endswith(".po") and len(meta) >= 5:
                yield when, meta[2], meta[3], path


def _reviewed(top: Path, blobs: set[str]) -> dict[str, dict[Key, int]]:
    """The reviewed units (with their words) of each version; unreadable ones left out."""
    order = sorted(blobs)
    process = subprocess.Popen(["git", "-C", str(top), "cat-file", "--batch"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)

    def ask() -> None:
        try:
            process.stdin.write("".join(b + "\n" for b in order).encode())
        finally:
            process.stdin.close()

    writer = threading.Thread(target=ask, daemon=True)
    writer.start()
    found = {}
    try:
        for blob in order:
            header = process.stdout.readline().split()
            if len(header) < 3:
                continue  # "<blob> missing": a shallow clone
            data = process.stdout.read(int(header[2]) + 1)[:-1]
            try:
                catalog = pofile.parse(data, Path(blob))
            except L10nError:
                continue
            found[blob] = {e.key: e.words for e in catalog.entries
                           if e.status(catalog.nplurals) is Status.REVIEWED}
    finally:
        process.stdout.close()
        process.wait()
        writer.join()
    return found
