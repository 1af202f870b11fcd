"""Shared fixtures: a fresh workspace and the CLI run in-process."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from l10n import cli


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys, monkeypatch):
    """Run `l10n ARGS` in-process in a folder; returns exit code, stdout and stderr."""

    def _run(*args: str, cwd: Path) -> Result:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_info:
            cli.main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(int(exit_info.value.code or 0), captured.out, captured.err)

    return _run


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """An initialised, empty workspace."""
    from l10n.commands.init import init
    init(tmp_path)
    return tmp_path


@pytest.fixture(autouse=True, scope="session")
def no_personal_folders(tmp_path_factory):
    """Tests never read or write the user's own folders (Argos's models and settings)."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        for name, sub in (("XDG_DATA_HOME", ".local/share"), ("XDG_CONFIG_HOME", ".config"),
                          ("XDG_CACHE_HOME", ".cache")):
            patch.setenv(name, str(home / sub))
        yield
