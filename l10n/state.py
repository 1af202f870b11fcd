"""The tool's own memory of what it last wrote, under .l10n/, so reruns skip unchanged work.

Losing or deleting it only makes the next run do everything again.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import __version__
from .files import Signature, write_atomic


class State:
    """File signatures recorded per job (e.g. "update en/name"), compared on the next run.

    A new version of the tool (whose rules may cut units differently) starts afresh.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = {}
        fresh = isinstance(saved, dict) and saved.get("version") == __version__
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
            data = json.dumps({"version": __version__, "jobs": self._jobs},
                              sort_keys=True, separators=(",", ":"))
            write_atomic(self.path, data.encode("utf-8"))
            self._dirty = False
