"""The tool's memory of work already done, so reruns skip it: one SQLite file under .l10n/.

One rule for every entry: it is kept under a name (a document, a job) together with a
key made of the content signatures of everything it was computed from (and this code's
fingerprint); it serves only when the key computed now is the same. Deleting the file,
or any trouble with it (damaged, locked), only means doing the work again.
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3
from pathlib import Path

from .. import __version__


class Cache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._failed = False

    def _connection(self) -> sqlite3.Connection | None:
        if self._db is None and not self._failed:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                # autocommit and WAL: a reader never waits for a writer
                self._db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=OFF")
                self._db.execute("CREATE TABLE IF NOT EXISTS entries (kind TEXT, name TEXT, "
                                 "key TEXT, value TEXT, PRIMARY KEY (kind, name))")
            except (OSError, sqlite3.Error):
                self._failed = True
                self._db = None
        return self._db

    def get(self, kind: str, name: str, key: str) -> str | None:
        """What was stored for `name` if it was computed from the same inputs (`key`)."""
        try:
            db = self._connection()
            row = db.execute("SELECT key, value FROM entries WHERE kind = ? AND name = ?",
                             (kind, name)).fetchone() if db else None
        except sqlite3.Error:
            return None
        return row[1] if row is not None and row[0] == key else None

    def put(self, kind: str, name: str, key: str, value: str = "") -> None:
        try:
            db = self._connection()
            if db:
                db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)",
                           (kind, name, key, value))
        except sqlite3.Error:
            pass

    def named(self, kind: str) -> dict[str, str]:
        """Every `kind` entry's value by name, whatever it was computed from (to find what
        a document that is gone left behind)."""
        try:
            db = self._connection()
            rows = db.execute("SELECT name, value FROM entries WHERE kind = ?",
                              (kind,)).fetchall() if db else []
        except sqlite3.Error:
            return {}
        return dict(rows)

    def forget(self, kind: str, name: str) -> None:
        try:
            db = self._connection()
            if db:
                db.execute("DELETE FROM entries WHERE kind = ? AND name = ?", (kind, name))
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def key(*parts: str | None) -> str:
    """A fingerprint of everything an entry depends on, this code included.

    >>> key("a", "b") == key("a", "b") != key("ab")
    True
    """
    digest = hashlib.blake2b(code_fingerprint().encode(), digest_size=16)
    for part in parts:
        digest.update(b"\0" + ("-" if part is None else part).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@functools.cache
def code_fingerprint() -> str:
    """This installation's code: a new version or any edit of the package's modules
    (rules, formats) makes every cache start afresh."""
    package = Path(__file__).parent.parent
    digest = hashlib.sha256(__version__.encode())
    for module in sorted(package.rglob("*.py")):
        info = module.stat()
        digest.update(f"{module.relative_to(package)}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]
