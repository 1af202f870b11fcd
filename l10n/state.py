"""The tool's own memory of what it last wrote, under .l10n/, so reruns skip unchanged work.

Losing or deleting it only makes the next run do everything again.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from . import __version__
from .document import Unit
from .errors import L10nError
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
    """Each document's units as last cut, under .l10n/units/, so `build` and `check`
    reuse what `update` cut instead of parsing and segmenting the source again.

    An entry serves only the exact text, format and rules it was cut from (`key`).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, name: str) -> Path:
        return self.folder / (hashlib.sha1(name.encode("utf-8")).hexdigest()[:20] + ".json")

    def load(self, name: str, key: str, text: str) -> list[Unit] | None:
        try:
            saved = json.loads(self._path(name).read_text(encoding="utf-8"))
            if saved["key"] != key:
                return None
            return [Unit(start, end, text[start:end], line, note, msgid,
                         tuple(tuple(m) for m in markup), context)
                    for start, end, line, note, msgid, markup, context in saved["units"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent or damaged: cut the source again

    def store(self, name: str, key: str, units: list[Unit]) -> None:
        data = {"key": key, "units": [[u.start, u.end, u.line, u.note, u.msgid,
                                       [list(m) for m in u.markup], u.context] for u in units]}
        try:
            write_atomic(self._path(name), json.dumps(data, ensure_ascii=False).encode("utf-8"),
                         durable=False)
        except L10nError:
            pass  # a cache that cannot be written is only a slower next run


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
