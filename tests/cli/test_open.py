"""`l10n open DOC --lang LANG`: the PO file is brought up to date with its source, then
opened in the editor ($L10N_EDITOR, waited for; else Poedit, started beside)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from support import require_tool, write

RECORDER = """import shutil, sys
shutil.copy(sys.argv[-1], sys.argv[-2])  # what the editor was given, as it was then
"""


def test_the_editor_gets_the_po_updated_from_its_source(workspace, run, tmp_path,
                                                         monkeypatch):
    source = write(workspace / "sources/fr/a.txt", "Une phrase.\n")
    run("update", cwd=workspace)
    source.write_text("Une phrase.\n\nUne autre phrase.\n")  # the source changed since
    recorder = write(tmp_path / "editor.py", RECORDER)
    seen = tmp_path / "seen.po"
    monkeypatch.setenv("L10N_EDITOR", f"{sys.executable} {recorder} {seen}")
    result = run("open", "a", "--lang", "ar", cwd=workspace)
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["updated translations/en/a.po",
                                       "updated translations/ar/a.po",
                                       f"opening translations/ar/a.po with {sys.executable}"]
    assert 'msgid "Une autre phrase."' in seen.read_text()
    assert seen.read_bytes() == (workspace / "translations/ar/a.po").read_bytes()


def test_which_translation_must_be_said_when_there_are_several(workspace, run, monkeypatch):
    monkeypatch.setenv("L10N_EDITOR", "true")
    write(workspace / "sources/fr/a.txt", "Une phrase.\n")
    result = run("open", "a", cwd=workspace)
    assert result.code == 2 and "say which translation of a: --lang en or --lang ar" in result.err
    unknown = run("open", "b", "--lang", "en", cwd=workspace)
    assert unknown.code == 2 and "no document named “b”" in unknown.err


def test_an_editor_that_fails_is_reported(workspace, run, monkeypatch):
    monkeypatch.setenv("L10N_EDITOR", "false")
    write(workspace / "sources/fr/a.txt", "Une phrase.\n")
    result = run("open", "a", "--lang", "en", cwd=workspace)
    assert result.code == 2
    assert result.err == "l10n: error: translations/en/a.po: false exited with status 1\n"


def test_without_poedit_or_editor_the_fix_is_named(workspace, run, monkeypatch, tmp_path):
    monkeypatch.delenv("L10N_EDITOR", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    write(workspace / "sources/fr/a.txt", "Une phrase.\n")
    result = run("open", "a", "--lang", "en", cwd=workspace)
    assert result.code == 2 and "Poedit is not installed" in result.err
    assert "set L10N_EDITOR to your editor's command" in result.err


@pytest.mark.program
def test_poedit_opens_the_file(workspace, tmp_path):
    """The real Poedit, under Xvfb: a window showing the PO file appears."""
    require_tool("poedit")
    require_tool("Xvfb")
    xdotool = require_tool("xdotool")
    write(workspace / "sources/fr/a.txt", "Une phrase.\n")
    display = f":{90 + os.getpid() % 100}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = {**os.environ, "DISPLAY": display, "HOME": str(tmp_path)}
    env.pop("L10N_EDITOR", None)
    try:
        time.sleep(1)
        done = subprocess.run([sys.executable, "-m", "l10n", "open", "a", "--lang", "en"],
                              cwd=workspace, env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines()[-1] == "opened translations/en/a.po in Poedit"
        deadline = time.monotonic() + 30
        windows = ""
        while time.monotonic() < deadline and "a.po" not in windows:
            time.sleep(0.5)
            windows = subprocess.run([xdotool, "search", "--name", "a.po", "getwindowname",
                                      "%@"], env=env, capture_output=True, text=True).stdout
        assert "a.po" in windows
        pid = subprocess.run([xdotool, "search", "--name", "a.po", "getwindowpid"], env=env,
                             capture_output=True, text=True).stdout.split()
        if pid:
            os.kill(int(pid[0]), signal.SIGTERM)
    finally:
        server.terminate()  # a Poedit still running loses its display and ends
        server.wait()
