"""gettext's own verdict on a PO file (`msgfmt --check`), cached by file signature.

msgfmt exits 1 only on fatal errors and reports everything on stderr as
`FILE:LINE: message`; lines with "warning:" do not block publication.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .files import Signature, write_atomic

_LINE = re.compile(r"^(?P<file>.*?):(?P<line>\d+): (?P<message>.*)$")


@dataclass(frozen=True)
class Diagnostic:
    line: int
    severity: str  # "error" or "warning"
    message: str


class Msgfmt:
    """Runs `msgfmt --check` on PO files, remembering results under .l10n/."""

    def __init__(self, cache: Path, program: str | None = None) -> None:
        self.program = program or shutil.which("msgfmt")
        self.cache = cache
        try:
            self._results = json.loads(cache.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._results = {}
        self._dirty = False

    @property
    def available(self) -> bool:
        return self.program is not None

    def check(self, po: Path) -> list[Diagnostic]:
        signature = Signature.of(po)
        key = str(po.resolve())
        cached = self._results.get(key)
        if signature and cached and cached[0] == signature.as_list():
            return [Diagnostic(*d) for d in cached[1]]
        found = self._run(po)
        if signature:
            self._results[key] = [signature.as_list(), [list(d.__dict__.values()) for d in found]]
            self._dirty = True
        return found

    def _run(self, po: Path) -> list[Diagnostic]:
        proc = subprocess.run([self.program, "--check", "-o", os.devnull, str(po)],
                              capture_output=True, text=True, errors="replace",
                              env={**os.environ, "LC_ALL": "C"})
        found = []
        for raw in proc.stderr.splitlines():
            match = _LINE.match(raw)
            if not match or match.group("message").startswith("found "):
                continue
            message = match.group("message")
            severity = "warning" if message.startswith("warning:") else "error"
            found.append(Diagnostic(int(match.group("line")), severity,
                                    message.removeprefix("warning: ")))
        if proc.returncode != 0 and not any(d.severity == "error" for d in found):
            found.append(Diagnostic(1, "error", proc.stderr.strip().splitlines()[-1]
                                    if proc.stderr.strip() else "msgfmt failed"))
        return found

    def save(self) -> None:
        if self._dirty:
            write_atomic(self.cache, json.dumps(self._results, sort_keys=True).encode())
            self._dirty = False
