"""`l10n init`: a new workspace, with every setting at its default."""

from __future__ import annotations

from pathlib import Path

from ..files import write_atomic
from ..settings import CONFIG_NAME, template
from ..workspace import STATE_DIR
from ..workspace.proposals import GITATTRIBUTES

GITIGNORE = f"{STATE_DIR}/\n/build/\n*.mo\n"


def init(folder: Path) -> list[Path]:
    """Create l10n.toml, sources/, translations/, .gitignore and .gitattributes (git
    merges proposals files as sets of lines) where missing; returns what was created
    (existing files are left alone)."""
    created = []
    config = folder / CONFIG_NAME
    if not config.exists():
        write_atomic(config, template(folder.resolve().name).encode("utf-8"))
        created.append(config)
    for sub in ("sources", "translations"):
        if not (folder / sub).is_dir():
            (folder / sub).mkdir(parents=True)
            created.append(folder / sub)
    for name, content in ((".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)):
        if not (folder / name).exists():
            write_atomic(folder / name, content.encode("utf-8"))
            created.append(folder / name)
    return created
