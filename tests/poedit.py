"""The real Poedit (Debian's 3.2.2), driven under Xvfb with xdotool as a translator uses it.

Adapted from ../shared/tools/poedit_driver. Each run gets a fresh HOME whose Poedit
config lists entries in file order (by default Poedit lists entries with its own QA
warnings first, so "the N-th row" would not be the N-th entry). Click positions are
pixel offsets for Poedit's default window on a 1600x1000 screen, checked on screenshots
(`shot:NAME` writes one; a run that goes wrong leaves one too).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from support import require_tool

SCREEN = "1600x1000x24"
CONFIG = "sort_by=file-order\nsort_group_by_context=0\nsort_untrans_first=0\nsort_errors_first=0\n"
FIRST_ROW, ROW_HEIGHT = 104, 23  # the list's first row (y) and row height
TRANSLATION = (300, 690)  # inside the translation text box


@contextmanager
def display() -> Iterator[str]:
    """A virtual X display for the session: its name, e.g. ":3"."""
    for tool in ("Xvfb", "xdotool", "poedit", "msgcat"):
        require_tool(tool)
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN,
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as numbers:
        number = numbers.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


class Poedit:
    """Poedit on `display`; screenshots go to `shots`."""

    def __init__(self, display: str, shots: Path) -> None:
        self.display, self.shots = display, shots
        shots.mkdir(parents=True, exist_ok=True)

    def edit(self, po: Path, *steps: str) -> None:
        """Open `po` and do `steps`, then quit:
        row:N (click the N-th entry), set:TEXT (replace its translation), fuzzy (toggle
        "Needs work", Ctrl+U), save (Ctrl+S, waits for the file), shot:NAME."""
        home = Path(tempfile.mkdtemp(prefix="poedit-home-"))
        (home / ".config/poedit").mkdir(parents=True)
        (home / ".config/poedit/config").write_text(CONFIG)
        env = {**os.environ, "DISPLAY": self.display, "HOME": str(home),
               "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local"),
               "XDG_CACHE_HOME": str(home / ".cache")}
        try:
            program = self._start(po, env)
            try:
                for step in steps:
                    self._do(step, po)
                self._xdo("key", "ctrl+q")
                program.wait(15)
            except BaseException:
                self.shot(f"stuck-{po.stem}")
                raise
            finally:
                if program.poll() is None:
                    program.kill()
                    program.wait()
        finally:
            shutil.rmtree(home, ignore_errors=True)

    def shot(self, name: str) -> Path | None:
        """A screenshot of the whole screen (ImageMagick's `import`), if it is installed."""
        if not shutil.which("import"):
            return None
        path = self.shots / f"{name}.png"
        subprocess.run(["import", "-window", "root", str(path)],
                       env={**os.environ, "DISPLAY": self.display}, capture_output=True,
                       timeout=30)
        return path

    def _do(self, step: str, po: Path) -> None:
        kind, _, arg = step.partition(":")
        if kind == "row":
            self._xdo("mousemove", "200", str(FIRST_ROW + ROW_HEIGHT * (int(arg) - 1)),
                      "click", "1")
            time.sleep(0.5)
        elif kind == "set":
            self._xdo("mousemove", *map(str, TRANSLATION), "click", "1")
            time.sleep(0.3)
            self._xdo("key", "ctrl+a")
            self._xdo("key", "BackSpace")
            self._xdo("type", "--delay", "15", arg)
            time.sleep(0.5)
        elif kind == "fuzzy":
            self._xdo("key", "ctrl+u")
            time.sleep(0.5)
        elif kind == "save":
            before = po.stat().st_mtime_ns
            self._xdo("key", "ctrl+s")
            for _ in range(100):  # Poedit runs msgfmt and msgcat, then replaces the file
                time.sleep(0.1)
                if po.stat().st_mtime_ns != before:
                    break
            else:
                raise AssertionError(f"Poedit did not save {po}")
            time.sleep(1.0)  # and writes the .mo beside it
        elif kind == "shot":
            self.shot(arg)
        else:
            raise ValueError(f"unknown step {step!r}")

    def _start(self, po: Path, env: dict[str, str]) -> subprocess.Popen:
        """Poedit with its window open on `po`. On a loaded machine GTK sometimes fails to
        connect to the display ("Unable to initialize GTK+"): such a start is tried again."""
        for _ in range(3):
            with tempfile.TemporaryFile() as errors:
                program = subprocess.Popen(["poedit", str(po)], env=env, stdout=errors,
                                           stderr=errors)
                for _ in range(150):
                    if self._xdo("search", "--name", po.name).strip():
                        time.sleep(2.0)  # the window is there; let it finish loading the file
                        return program
                    if program.poll() is not None:
                        break
                    time.sleep(0.2)
                else:
                    program.kill()
                    program.wait()
                    raise AssertionError(f"Poedit's window for {po.name} never appeared")
                errors.seek(0)
                said = errors.read().decode(errors="replace").strip()
            time.sleep(1.0)
        raise AssertionError(f"Poedit exited with {program.returncode} at start: {said}")

    def _xdo(self, *args: str) -> str:
        return subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": self.display},
                              capture_output=True, text=True, timeout=30).stdout
