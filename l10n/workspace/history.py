"""When units were reviewed, read from the git history of the PO files: the office's pace.

A unit counts as reviewed in a commit when that commit's version of its PO file has it
reviewed and the version before did not (`git log --raw` gives both versions of every
file a commit changed; `git cat-file --batch` reads them). Merge commits add nothing of
their own: the work is counted in the commits that did it, on whichever branch.

A commit never changes, so what was found in it is kept in the workspace's cache: a
report reads only the PO versions of commits it has not seen yet.
"""

from __future__ import annotations

import json
import subprocess
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .. import parallel
from ..catalog import pofile
from ..catalog.model import Status
from ..errors import L10nError
from . import Workspace
from .cache import Cache, key

Key = tuple[str | None, str]
_NO_BLOB = "0" * 40
_BATCH = 200  # PO versions parsed per task


@dataclass(frozen=True)
class Review:
    """A unit that became reviewed in a commit."""

    when: datetime  # the commit's author date
    po: str  # the PO file, relative to the workspace
    key: Key
    words: int


@dataclass
class _Commit:
    sha: str
    when: datetime
    changes: list[tuple[str, str, str]]  # old blob, new blob, path from the top


SHALLOW = ("shallow clone: fetch the history with `git fetch --unshallow` or "
           "actions/checkout fetch-depth: 0")


@dataclass(frozen=True)
class History:
    """Every review the git history holds, oldest first, or why it cannot be read."""

    reviews: list[Review]
    missing: str | None = None  # why there is no history to read (then no reviews)


def read(ws: Workspace, *, workers: int = 1) -> History:
    """The history of the workspace's PO files. The repository is looked at first, so a
    workspace without one is told so at once; a shallow clone (actions/checkout's default)
    has no history to read: its oldest commit would seem to have made every review."""
    try:
        repo = _git(ws.root, "rev-parse", "--show-toplevel", "--is-shallow-repository")
    except FileNotFoundError:
        return History([], "git is not installed")
    if repo.returncode:
        return History([], _message(repo))
    top, _, shallow = repo.stdout.decode("utf-8", "surrogateescape").rstrip("\n").rpartition("\n")
    top_path = Path(top)
    folder = ws.translations_dir.resolve()
    if not folder.is_relative_to(top_path):
        return History([], f"the translations folder is outside the git repository {top}")
    if _git(top_path, "rev-parse", "--quiet", "--verify", "HEAD").returncode:
        return History([], "no commits yet")
    if shallow == "true":
        return History([], SHALLOW)
    log = _git(top_path, "log", "--reverse", "--format=%x01%H %aI", "--raw", "--no-abbrev",
               "--no-renames", "-z", "--", folder.relative_to(top_path).as_posix() or ".")
    if log.returncode:
        return History([], _message(log))
    commits = _commits(log.stdout.decode("utf-8", "surrogateescape"))
    root = ws.root.resolve()
    found = []
    with Cache(ws.cache_path) as cache:
        known = {c.sha: cache.get("history", c.sha, key(c.sha)) for c in commits}
        fresh = [c for c in commits if known[c.sha] is None]
        versions = _reviewed(top_path, {blob for c in fresh for old, new, _ in c.changes
                                        for blob in (old, new) if blob != _NO_BLOB}, workers)
        for commit in commits:
            if known[commit.sha] is not None:
                events = json.loads(known[commit.sha])
            else:
                events = _events(commit, versions, top_path, root)
                cache.put("history", commit.sha, key(commit.sha), json.dumps(events))
            found += [Review(commit.when, po, (ctx, msgid), words)
                      for po, ctx, msgid, words in events]
    return History(found)


def _events(commit: _Commit, versions: dict[str, dict[Key, int]], top: Path,
            root: Path) -> list[tuple[str, str | None, str, int]]:
    """(PO, msgctxt, msgid, words) of each unit the commit made reviewed."""
    events = []
    for old, new, path in commit.changes:
        if new not in versions:
            continue  # deleted, or unreadable
        before = versions.get(old, {})
        where = top / path
        po = where.relative_to(root).as_posix() if where.is_relative_to(root) else path
        events += [(po, ctx, msgid, words) for (ctx, msgid), words in versions[new].items()
                   if (ctx, msgid) not in before]
    return events


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """git's answer; FileNotFoundError when git is not installed."""
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True)


def _message(done: subprocess.CompletedProcess[bytes]) -> str:
    """What git said when it failed (e.g. not a git repository), without its "fatal: "."""
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines() or ["git failed"]
    return lines[-1].removeprefix("fatal: ")


def _commits(log: str) -> list[_Commit]:
    """Each commit's author date and the PO files it changed, from `git log --raw -z`."""
    commits: list[_Commit] = []
    fields = iter(log.split("\0"))
    for field in fields:
        field = field.lstrip("\n")
        if field.startswith("\x01"):
            sha, _, when = field[1:].partition(" ")
            commits.append(_Commit(sha, datetime.fromisoformat(when), []))
        elif field.startswith(":") and commits:
            meta = field[1:].split()
            path = next(fields, "")
            if path.endswith(".po") and len(meta) >= 5:
                commits[-1].changes.append((meta[2], meta[3], path))
    return commits


def _reviewed(top: Path, blobs: set[str], workers: int) -> dict[str, dict[Key, int]]:
    """The reviewed units (with their words) of each PO version; unreadable ones left out."""
    if not blobs:
        return {}
    found: dict[str, dict[Key, int]] = {}
    batch: list[tuple[str, bytes]] = []
    batches = []
    for blob, data in _contents(top, sorted(blobs)):
        batch.append((blob, data))
        if len(batch) == _BATCH:
            batches.append(batch)
            batch = []
    batches.append(batch)
    for result in parallel.ordered(_parse, batches, workers=workers):
        found.update(result)
    return found


def _parse(batch: list[tuple[str, bytes]]) -> dict[str, dict[Key, int]]:
    found = {}
    for blob, data in batch:
        try:
            catalog = pofile.parse(data, Path(blob))
        except L10nError:
            continue
        found[blob] = {e.key: e.words for e in catalog.entries
                       if e.status(catalog.nplurals) is Status.REVIEWED}
    return found


def _contents(top: Path, blobs: list[str]):
    """(blob, bytes) of each blob that exists, through one `git cat-file --batch`."""
    process = subprocess.Popen(["git", "-C", str(top), "cat-file", "--batch"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)

    def ask() -> None:
        try:
            process.stdin.write("".join(b + "\n" for b in blobs).encode())
        except OSError:
            pass
        finally:
            process.stdin.close()

    writer = threading.Thread(target=ask, daemon=True)
    writer.start()
    try:
        for blob in blobs:
            header = process.stdout.readline().split()
            if len(header) < 3:
                continue  # "<blob> missing": a blob this clone lacks (a partial clone)
            yield blob, process.stdout.read(int(header[2]) + 1)[:-1]
    finally:
        process.stdout.close()
        process.wait()
        writer.join()
