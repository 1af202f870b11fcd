"""The tool's own memory of what it last wrote, under .l10n/, so reruns skip unchanged work.

Losing or deleting it only makes the next run do everything again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
from pathlib import Path

from . import __version__
from .document import Unit
from .files import Signature, write_atomic


class State:
    """File signatures recorded per job (e.g. "update en/name"), compared on the next run.

    Another version of the code (whose rules may cut units differently) starts afresh.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = {}
        fresh = isinstance(saved, dict) and saved.get("version") == code_fingerprint()
        self._jobs: dict[str, list] = saved.get("jobs", {}) if fresh else {}
        self._dirty = False

    @staticmethod
    def signatures(paths: list[Path]) -> list:
        """What the files look like now; a run computes those of shared inputs once."""
        return [sig.as_list() if (sig := Signature.of(p)) else None for p in paths]

    def unchanged(self, job: str, paths: list[Path], *, shared: list = ()) -> bool:
        recorded = self._jobs.get(job)
        return recorded is not None and None not in recorded and \
            recorded == [*shared, *self.signatures(paths)]

    def record(self, job: str, paths: list[Path], *, shared: list = ()) -> None:
        self._jobs[job] = [*shared, *self.signatures(paths)]
        self._dirty = True

    def save(self) -> None:
        if self._dirty:
            data = json.dumps({"version": code_fingerprint(), "jobs": self._jobs},
                              sort_keys=True, separators=(",", ":"))
            write_atomic(self.path, data.encode("utf-8"))
            self._dirty = False


class UnitsCache:
    """Each document's units as last cut, so `build` and `check` reuse what `update` cut
    instead of parsing and segmenting the source again.

    One SQLite file (`.l10n/units.sqlite3`) rather than a file per document: a cold run
    of a thousand documents would otherwise create a thousand files. An entry serves only
    the exact text, format and rules it was cut from (`key`). Any trouble with the file
    (damaged, locked by another reader) only means cutting the source again.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._failed = False

    def _connection(self) -> sqlite3.Connection | None:
        if self._db is None and not self._failed:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                # autocommit and WAL: worker processes write their documents side by side
                self._db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=OFF")
                self._db.execute("CREATE TABLE IF NOT EXISTS units "
                                 "(name TEXT PRIMARY KEY, key TEXT, data TEXT)")
            except (OSError, sqlite3.Error):
                self._failed = True
        return self._db

    def load(self, name: str, key: str, text: str) -> list[Unit] | None:
        try:
            db = self._connection()
            row = db.execute("SELECT key, data FROM units WHERE name = ?",
                             (name,)).fetchone() if db else None
            if row is None or row[0] != key:
                return None
            return [Unit(start, end, text[start:end], line, note, msgid,
                         tuple(tuple(m) for m in markup), context)
                    for start, end, line, note, msgid, markup, context in json.loads(row[1])]
        except (sqlite3.Error, ValueError, TypeError):
            return None

    def store(self, name: str, key: str, units: list[Unit]) -> None:
        data = json.dumps([[u.start, u.end, u.line, u.note, u.msgid,
                            [list(m) for m in u.markup], u.context] for u in units],
                          ensure_ascii=False)
        try:
            db = self._connection()
            if db:
                db.execute("INSERT OR REPLACE INTO units VALUES (?, ?, ?)", (name, key, data))
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None


@functools.cache
def code_fingerprint() -> str:
    """This installation's code: a new version or any edit of the package's modules
    (rules, formats) makes every cache start afresh."""
    package = Path(__file__).parent
    digest = hashlib.sha256(__version__.encode())
    for module in sorted(package.rglob("*.py")):
        stat = module.stat()
        digest.update(f"{module.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


def units_key(*parts: str) -> str:
    """A fingerprint of everything units depend on: tool version, rules, format, text."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
