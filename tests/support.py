"""Helpers for tests: external tools and corpora (skip on a user's machine, fail in CI)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPORA = SHARED / "corpora"
IN_CI = os.environ.get("CI") == "true"


def require_tool(name: str) -> str:
    """The tool's path; skip when missing on a user's machine, fail when missing in CI."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed"
        if IN_CI:
            pytest.fail(message + " (CI must install it)")
        pytest.skip(message)
    return path


def require_corpora() -> Path:
    if not CORPORA.is_dir():
        if IN_CI:
            pytest.fail("../shared/corpora is missing in CI")
        pytest.skip("../shared/corpora is not here (a fresh clone)")
    return CORPORA


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def msgcat_no_wrap(path: Path) -> bytes:
    require_tool("msgcat")
    return subprocess.run(["msgcat", "--force-po", "--no-wrap", str(path)], check=True,
                          capture_output=True).stdout


def msgfmt_check(path: Path) -> str:
    require_tool("msgfmt")
    proc = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)],
                          capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"})
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


def extract_like_argos(archive: Path, folder: Path) -> None:
    """What argospm and LibreTranslate do: unzip the package into the packages folder."""
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive) as handle:
        handle.extractall(folder)


NO_NETWORK = Path(__file__).resolve().parent / "nonetwork"  # see nonetwork/sitecustomize.py


def no_network_env(log: Path) -> dict[str, str]:
    """The environment of a process whose every network call raises and is logged."""
    return {"PYTHONPATH": str(NO_NETWORK), "NETWORK_LOG": str(log)}


def run_isolated(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`l10n ARGS` in a fresh Python process (nothing imported yet), network blocked."""
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("XDG_", "ARGOS_", "L10N_")) and k != "HOME"}
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "network.log"
        done = subprocess.run([sys.executable, "-m", "l10n", *args], cwd=cwd,
                              env={**base, **no_network_env(log), **env}, capture_output=True,
                              text=True, timeout=120)
        assert not log.exists(), f"network use: {log.read_text()}"
    return done


def l10n(root: Path, *args: str, crash: str | None = None, env: dict[str, str] | None = None,
         timeout: float = 120) -> subprocess.CompletedProcess:
    """`l10n ARGS` in a subprocess; `crash` sets L10N_CRASH_AT (see l10n.checkpoints)."""
    base = {k: v for k, v in os.environ.items() if k != "L10N_CRASH_AT"}
    if crash:
        base["L10N_CRASH_AT"] = crash
    return subprocess.run([sys.executable, "-m", "l10n", *args], cwd=root,
                          env={**base, **(env or {})}, capture_output=True, text=True,
                          timeout=timeout)


def translations(root: Path) -> set[str]:
    """Every non-empty msgstr of the workspace's PO files (each must parse)."""
    from l10n.catalog import pofile
    found = set()
    for po in (root / "translations").rglob("*.po"):
        catalog = pofile.read(po)
        found |= {e.msgstr for e in catalog.entries + catalog.obsolete if e.msgstr}
    return found


def temporaries(root: Path) -> list[Path]:
    """write_atomic's temporary files anywhere in the workspace."""
    return sorted(root.rglob(".*.tmp"))


NOW = datetime(2026, 11, 29, 9, 30, tzinfo=timezone.utc)  # the frozen clock of the tests


def update(root: Path, *, now: datetime = NOW, workers: int = 1, **options):
    """`l10n update` in-process on the workspace at `root` (its result)."""
    from l10n.commands.update import update as run
    from l10n.workspace import Workspace
    return run(Workspace.open(root), now=now, workers=workers, **options)


def edit_po(po: Path, edit) -> None:
    """Act as a translator saving in an editor: `edit(entry)` on every live entry, then
    write the file as l10n writes it."""
    from l10n.catalog import pofile
    catalog = pofile.read(po)
    for entry in catalog.entries:
        edit(entry)
    po.write_bytes(pofile.serialize(catalog))


def translate_all(po: Path, text=lambda entry: f"<{entry.msgid}>") -> None:
    """Fill every msgstr with `text(entry)` and clear "needs work": all reviewed."""
    def done(entry) -> None:
        entry.msgstr, entry.fuzzy = text(entry), False
    edit_po(po, done)


def review(po: Path, translations: dict[str, str], *, fuzzy: bool = False) -> None:
    """These msgids translated (the others left as they are), marked needs work or not."""
    def done(entry) -> None:
        if entry.msgid in translations:
            entry.msgstr, entry.fuzzy = translations[entry.msgid], fuzzy
    edit_po(po, done)
