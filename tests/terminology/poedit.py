"""The real Poedit on a virtual display, doing what a translator does: pick an entry, type,
save, quit (adapted from ../shared/tools/poedit_driver). Positions are those of Poedit
3.2's default window on a 1600x1000 screen."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from support import require_tool

_CONFIG = "sort_by=file-order\nsort_group_by_context=0\nsort_untrans_first=0\nsort_errors_first=0\n"
_FIRST_ROW, _ROW_HEIGHT = 104, 23  # the list's column titles; entry N is N rows below
_TRANSLATION = ("300", "690")      # the translation box


@contextmanager
def display() -> Iterator[str]:
    """A fresh X display (Xvfb), stopped afterwards."""
    require_tool("Xvfb")
    number = next(n for n in range(90, 200) if not os.path.exists(f"/tmp/.X{n}-lock"))
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1600x1000x24",
                               "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if os.path.exists(f"/tmp/.X11-unix/X{number}"):
                break
            time.sleep(0.1)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def edit_and_save(po: Path, row: int, text: str, *, home: Path, screen: str) -> None:
    """Open `po` in Poedit, append `text` to the translation of entry `row` (1-based, file
    order), save and quit."""
    require_tool("poedit")
    require_tool("xdotool")
    (home / ".config/poedit").mkdir(parents=True, exist_ok=True)
    (home / ".config/poedit/config").write_text(_CONFIG)
    env = {**os.environ, "DISPLAY": screen, "HOME": str(home)}

    def xdo(*args: str) -> str:
        return subprocess.run(["xdotool", *args], env=env, capture_output=True,
                              text=True).stdout

    editor = subprocess.Popen(["poedit", str(po)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(150):
            if xdo("search", "--name", po.name).strip():
                break
            time.sleep(0.2)
        else:
            raise AssertionError("Poedit's window never appeared")
        time.sleep(2)
        xdo("mousemove", "200", str(_FIRST_ROW + _ROW_HEIGHT * row), "click", "1")
        time.sleep(0.5)
        xdo("mousemove", *_TRANSLATION, "click", "1")
        time.sleep(0.3)
        xdo("key", "ctrl+End")
        xdo("type", "--delay", "15", text)
        time.sleep(0.5)
        xdo("key", "ctrl+s")
        time.sleep(2)  # Poedit runs msgfmt -c and msgcat on save
        xdo("key", "ctrl+q")
        editor.wait(15)
    finally:
        if editor.poll() is None:
            editor.kill()
            editor.wait()
