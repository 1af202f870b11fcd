"""Progress of long work on stderr: a bar with counts and time left on a terminal (rich),
a plain line every few seconds otherwise (CI logs), and nothing for work that ends within
a second, so quick commands never draw or import anything.

The core reports progress through a callback `(step, done, total)`; `Meter` is that
callback. A step names what is counted: documents, units, or bytes (downloaded, unpacked,
read), which are shown in MB.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

BYTE_STEPS = {"download": "downloaded", "unpack": "unpacked", "read": "read"}


class Meter:
    """Shows how far `label` (e.g. "update") has got, once it has run for `after` seconds.

    On a terminal the bar is redrawn in place and removed at the end; elsewhere a line is
    printed every `every` seconds.
    """

    def __init__(self, label: str, *, stream: TextIO, terminal: bool | None = None,
                 clock: Callable[[], float] | None = None, after: float = 1.0,
                 every: float = 10.0) -> None:
        self.label = label
        self.stream = stream  # the command line's stderr: the core never writes there itself
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self.clock = clock or time.monotonic
        self.after, self.every = after, every
        self.start = self.since = self.clock()  # the run's start, the current step's
        self.shown = self.start  # when the last plain line was printed
        self.step, self.done, self.total = "", 0, 0
        self._bar = None  # rich's Progress, once drawn
        self._task = None

    def __call__(self, step: str, done: int, total: int) -> None:
        """The core's callback: `done` of `total` (documents, units or bytes) so far."""
        now = self.clock()
        if step != self.step:
            self.since = now
            if self._bar is not None and self._task is not None:
                self._bar.remove_task(self._task)
                self._task = None
        self.step, self.done, self.total = step, done, total
        if now - self.start < self.after:
            return
        if self.terminal:
            self._draw()
        elif now - self.shown >= self.every or self.shown == self.start:
            self.shown = now
            rate = done / (now - self.since) if now > self.since else 0
            left = f", {_duration((total - done) / rate)} left" if rate and total > done else ""
            self.stream.write(f"{self.label}: {self.count()}{left}\n")
            self.stream.flush()

    def add(self, step: str, units: int, total: int) -> None:
        """For callers that report what they just finished rather than a running total."""
        self(step, (self.done if step == self.step else 0) + units, total)

    def count(self) -> str:
        """e.g. "120/300 documents", "12.5/93.0 MB downloaded"; "40 units" when the
        total is not known (0)."""
        if self.step in BYTE_STEPS:
            done, total = f"{self.done / 1e6:.1f}", f"/{self.total / 1e6:.1f}"
            return f"{done}{total if self.total > 0 else ''} MB {BYTE_STEPS[self.step]}"
        return f"{self.done}{f'/{self.total}' if self.total > 0 else ''} {self.step}"

    def _draw(self) -> None:
        if self._bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
            self._bar = Progress(
                TextColumn("{task.description}"), BarColumn(),
                TextColumn("{task.fields[count]}"), TimeRemainingColumn(),
                console=Console(file=self.stream, force_terminal=True), transient=True)
            self._bar.start()
        total = self.total if self.total > 0 else None  # None: rich shows a pulse
        if self._task is None:
            self._task = self._bar.add_task(self.label, total=total, count="")
        self._bar.update(self._task, completed=self.done, total=total, count=self.count())

    def close(self) -> None:
        """Remove the bar (the command prints its own summary next)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self) -> Meter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _duration(seconds: float) -> str:
    """A reader's estimate: "about 40 s", "about 3 min", "about 2 h".

    >>> _duration(42.4), _duration(185), _duration(7300)
    ('about 42 s', 'about 3 min', 'about 2 h')
    """
    if seconds < 90:
        return f"about {max(round(seconds), 1)} s"
    if seconds < 90 * 60:
        return f"about {round(seconds / 60)} min"
    return f"about {round(seconds / 3600)} h"
