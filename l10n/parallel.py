"""Work on many documents in several processes, one per core: reading, segmenting,
merging and aligning are CPU-bound.

Workers only compute and return their results; the command writes. They die with the
command (the kernel kills them when it dies: PR_SET_PDEATHSIG), so a command killed by CI
leaves no process behind to hold its lock, its output pipe, or to write anything.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Progress = Callable[[str, int, int], None]  # (what is counted, done, total): see cli
Task = TypeVar("Task")
Result = TypeVar("Result")

PARALLEL_FROM = 32  # tasks: fewer are not worth starting processes for
_PR_SET_PDEATHSIG = 1


def ordered(function: Callable[[Task], Result], tasks: Sequence[Task], *,
            workers: int) -> Iterator[Result]:
    """`function(task)` for each task, results in order; in up to `workers` processes
    when there are enough tasks to pay for them."""
    if workers < 2 or len(tasks) < PARALLEL_FROM or not sys.platform.startswith("linux"):
        yield from map(function, tasks)
        return
    import multiprocessing  # only here: a no-op run has nothing to share out
    processes = min(workers, 4)
    context = multiprocessing.get_context("fork")
    with context.Pool(processes, initializer=_die_with, initargs=(os.getpid(),)) as pool:
        yield from pool.imap(function, tasks, chunksize=max(1, len(tasks) // (processes * 4)))


def _die_with(parent: int) -> None:
    """In a worker: be killed when the command dies, and not outlive it by a moment."""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the command died before the line above took effect
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the command's to handle
