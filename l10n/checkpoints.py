"""Named points where a crash test may kill the process, to prove nothing is lost there.

`L10N_CRASH_AT=<point>[:<n>[:<signal>]]` sends SIGKILL (or the named signal, e.g. INT
for Ctrl-C) to the process the n-th time (default first) it reaches <point>. Points:
before-temp, after-temp (written and flushed, not yet renamed), after-rename,
between-documents. Unset, it costs one environment lookup.
"""

from __future__ import annotations

import os
import signal

POINTS = ("before-temp", "after-temp", "after-rename", "between-documents")
_reached: dict[str, int] = {}


def reached(point: str) -> None:
    spec = os.environ.get("L10N_CRASH_AT")
    if not spec:
        return
    name, count, sig = (spec.split(":") + ["", ""])[:3]
    if name != point:
        return
    _reached[point] = _reached.get(point, 0) + 1
    if _reached[point] == int(count or 1):
        os.kill(os.getpid(), getattr(signal, f"SIG{sig or 'KILL'}"))
