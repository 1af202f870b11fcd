"""`l10n doctor`: each finding on a line (ok, problem, note), a problem with its fix,
exit 1 on a problem."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import argos_kit
import pytest
from support import require_tool, write

from l10n.proposals import models


@pytest.fixture(scope="module")
def models_folder(tmp_path_factory):
    """fr→en and en→ar installed: fr→ar goes through English; ar has no model out."""
    folder = tmp_path_factory.mktemp("models")
    for source, target in (("fr", "en"), ("en", "ar")):
        archive = argos_kit.build_package(source, target, folder.parent / f"{source}_{target}.zip")
        models.install(folder, archive)
    return folder


def configured(workspace, targets: str):
    text = (workspace / "l10n.toml").read_text()
    (workspace / "l10n.toml").write_text(text.replace(
        'fr = ["en", "ar"]\nar = ["fr", "en"]\nen = ["fr", "ar"]', targets))


def lines(result, state: str) -> list[str]:
    return [line[9:] for line in result.out.splitlines() if line.startswith(f"{state:<8} ")]


def test_a_healthy_workspace(workspace, run, models_folder, monkeypatch):
    require_tool("msgfmt")
    configured(workspace, 'fr = ["en", "ar"]\nar = []\nen = []')
    monkeypatch.setenv("L10N_MODELS_DIR", str(models_folder))
    monkeypatch.setenv("L10N_EDITOR", "true")
    write(workspace / "sources/fr/a.txt", "Une phrase.\n")
    run("update", cwd=workspace)
    result = run("doctor", cwd=workspace)
    assert result.code == 0, result.out
    ok = lines(result, "ok")
    assert "model for fr→en: translate-fr_en 0.0.1" in ok
    assert "model for fr→ar: translate-fr_en 0.0.1 + translate-en_ar 0.0.1" in ok
    assert "workspace lock free" in ok and "2 PO file(s) of 1 document(s) readable" in ok
    assert any(line.startswith("msgfmt (GNU gettext-tools)") for line in ok)
    assert result.out.splitlines()[-1] == "no problem found"


def test_each_problem_comes_with_its_fix(workspace, run, models_folder, monkeypatch):
    configured(workspace, 'fr = ["en"]\nar = ["fr"]\nen = []')
    monkeypatch.setenv("L10N_MODELS_DIR", str(models_folder))
    write(workspace / "sources/fr/a.txt", "Une phrase.\n")
    run("update", cwd=workspace)
    (workspace / "translations/en/a.po").write_text('msgid "x"\nmsgstr "y"\nbroken\n')
    (workspace / ".l10n/cache.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x07" * 4096)
    result = run("doctor", cwd=workspace)
    assert result.code == 1
    out = result.out.splitlines()
    for problem, fix in [
        (f"no model for ar→fr in {models_folder}: `l10n pretranslate` proposes only what "
         "the memory has", "l10n models install --from-index ar fr (offline: `l10n models "
                           "install FILE.argosmodel` with a file copied from another machine)"),
        ("cache .l10n/cache.sqlite3 is damaged", "delete it (it only saves time): "
                                                 "rm .l10n/cache.sqlite3"),
    ]:
        at = next(i for i, line in enumerate(out) if line.startswith(f"problem  {problem}"))
        assert out[at + 1] == f"         fix: {fix}"
    assert any(line.startswith("problem  translations/en/a.po:3: ") for line in out)
    assert out[-1] == "3 problem(s)"


def test_missing_gettext_is_a_problem_with_the_install_command(workspace, run, monkeypatch,
                                                               tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no msgfmt, no poedit
    monkeypatch.delenv("L10N_EDITOR", raising=False)
    configured(workspace, 'fr = []\nar = []\nen = []')
    result = run("doctor", cwd=workspace)
    assert result.code == 1
    assert "problem  gettext's msgfmt is not installed: `l10n check` cannot check PO syntax" \
        in result.out
    assert "fix: install gettext (Debian, Ubuntu: apt-get install gettext" in result.out
    assert "note     Poedit not found" in result.out  # only `l10n open` needs it


def test_a_lock_held_by_a_running_command_is_named(workspace, run):
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from l10n.workspace import Workspace
        with Workspace.open(Path({str(workspace)!r})).lock():
            print("held", flush=True)
            time.sleep(60)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        result = run("doctor", cwd=workspace)
        assert f"note     workspace lock held by process {holder.pid}: commands that write " \
               "wait for it" in result.out
    finally:
        holder.kill()
        holder.wait()


def test_outside_a_workspace_the_machine_is_still_checked(run, tmp_path, monkeypatch):
    monkeypatch.setenv("L10N_MODELS_DIR", str(tmp_path / "models"))
    result = run("doctor", cwd=tmp_path)
    assert "note     not in a workspace: only this machine was checked" in result.out
    assert f"ok       models in {tmp_path / 'models'}: none" in result.out
    assert os.environ.get("CI") == "true" or result.code in (0, 1)
