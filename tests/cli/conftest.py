"""CLI output is part of the contract: the sample workspace, and snapshots of what the
commands print. Update snapshots on purpose with L10N_UPDATE_SNAPSHOTS=1 (then read the
diff before committing)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from support import REPO

SNAPSHOTS = Path(__file__).parent / "snapshots"
SAMPLE = ("sources", "translations", "l10n.toml", "glossary.csv")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the repository's own sample workspace."""
    root = tmp_path / "sample"
    root.mkdir()
    for name in SAMPLE:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    return root


@pytest.fixture
def snapshot(monkeypatch):
    """`snapshot(name, text)` asserts `text` equals snapshots/NAME.txt (or writes it when
    L10N_UPDATE_SNAPSHOTS=1). Help is wrapped at 80 columns whatever the terminal."""
    monkeypatch.setenv("COLUMNS", "80")

    def check(name: str, text: str) -> None:
        path = SNAPSHOTS / f"{name}.txt"
        if os.environ.get("L10N_UPDATE_SNAPSHOTS") == "1":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"no snapshot {path.name}: run with L10N_UPDATE_SNAPSHOTS=1"
        assert text == path.read_text(encoding="utf-8"), \
            f"output differs from {path.relative_to(REPO)} (L10N_UPDATE_SNAPSHOTS=1 updates it)"

    return check
