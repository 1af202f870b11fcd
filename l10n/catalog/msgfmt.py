"""gettext's own verdict on a PO file (`msgfmt --check`), remembered by the file's content.

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
from typing import Protocol

from ..files import Signature

_LINE = re.compile(r"^(?P<file>.*?):(?P<line>\d+): (?P<message>.*)$")


@dataclass(frozen=True)
class Diagnostic:
    line: int
    severity: str  # "error" or "warning"
    message: str


class Store(Protocol):
    """Where verdicts are remembered (the workspace's cache)."""

    def get(self, kind: str, name: str, key: str) -> str | None: ...

    def put(self, kind: str, name: str, key: str, value: str) -> None: ...


class Msgfmt:
    """Runs `msgfmt --check` on PO files, remembering verdicts by the file's content."""

    def __init__(self, cache: Store, program: str | None = None) -> None:
        self.program = program or shutil.which("msgfmt")
        self.cache = cache

    @property
    def available(self) -> bool:
        return self.program is not None

    def check(self, po: Path, signature: Signature | None = None) -> list[Diagnostic]:
        """msgfmt's findings for `po`; `signature` is what the caller read from it."""
        signature = signature or Signature.of(po)
        stored = self.cache.get("msgfmt", str(po), signature.digest) if signature else None
        if stored is not None:
            return [Diagnostic(*d) for d in json.loads(stored)]
        found = self._run(po)
        if signature:
            self.cache.put("msgfmt", str(po), signature.digest,
                           json.dumps([[d.line, d.severity, d.message] for d in found]))
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
