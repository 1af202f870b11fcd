"""`l10n doctor`: the environment and the workspace checked in one place, each finding
with what to do about it. Nothing is changed; a problem is anything that will make a
command fail or run without something it needs.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..errors import L10nError
from ..settings import find_root
from ..workspace import Workspace, select


@dataclass(frozen=True)
class Diagnosis:
    state: str  # "ok", "problem" (the command exits 1) or "note"
    what: str
    fix: str = ""


def diagnose(folder: Path | None, *, models: Path | None,
             editor: str | None) -> list[Diagnosis]:
    """Every check, in the order a newcomer would fix them. `folder`: the workspace named
    (None: found from the current folder up, if any); `models`: the models folder named
    by the environment (None: the workspace's, else Argos's own); `editor`: the command
    `l10n open` runs instead of Poedit."""
    found = [Diagnosis("ok", f"l10n {__version__}, Python {sys.version.split()[0]}"),
             _msgfmt(), _editor(editor)]
    if folder is None:
        try:
            folder = find_root(Path.cwd())
        except L10nError:
            return found + [Diagnosis("note", "not in a workspace: only this machine was "
                                      "checked", "run it in a workspace, or name one: -w DIR"),
                            *_models(None, models)]
    try:
        ws = Workspace.open(folder)
    except L10nError as exc:
        return found + [_problem(exc), *_models(None, models)]
    found.append(Diagnosis("ok", f"workspace {ws.root} (l10n.toml read)"))
    models = models if models is not None else ws.models_dir
    return found + _models(ws, models) + [_lock(ws)] + _caches(ws) + _documents(ws)


def _problem(error: L10nError, ws: Workspace | None = None) -> Diagnosis:
    """The error as `l10n` prints it (a path inside the workspace relative to it), its
    hint as the fix."""
    path = ws.relative(error.path) if ws is not None and error.path is not None else error.path
    return Diagnosis("problem", str(L10nError(error.message, path=path, line=error.line)),
                     error.hint or "")


def _msgfmt() -> Diagnosis:
    program = shutil.which("msgfmt")
    if program is None:
        return Diagnosis("problem", "gettext's msgfmt is not installed: `l10n check` cannot "
                         "check PO syntax", "install gettext (Debian, Ubuntu: apt-get install "
                         "gettext; macOS: brew install gettext)")
    try:
        first = subprocess.run([program, "--version"], capture_output=True, text=True,
                               timeout=10).stdout.splitlines()[:1]
    except (OSError, subprocess.SubprocessError):
        first = []
    return Diagnosis("ok", f"{first[0] if first else 'msgfmt'} ({program})")


def _editor(editor: str | None) -> Diagnosis:
    if editor:
        return Diagnosis("ok", f"editor for `l10n open`: {editor}")
    poedit = shutil.which("poedit")
    if poedit:
        return Diagnosis("ok", f"Poedit ({poedit})")
    return Diagnosis("note", "Poedit not found: `l10n open` needs it, or an editor command "
                     "in $L10N_EDITOR", "install Poedit (https://poedit.net)")


def _models(ws: Workspace | None, folder: Path | None) -> list[Diagnosis]:
    """Per configured translation direction: the model that serves it, or the command
    that installs one."""
    from ..proposals import models
    from ..proposals.mt import Engine
    try:
        scan = models.scan(folder)
    except L10nError as exc:
        return [_problem(exc)]
    found = [Diagnosis("note", f"models folder {path}: ignored ({why})")
             for path, why in scan.ignored]
    if ws is None:
        names = ", ".join(f"{p.source}→{p.target}" for p in scan.packages) or "none"
        return found + [Diagnosis("ok", f"models in {scan.folder}: {names}")]
    engine = Engine(scan.packages)
    missing = []
    for source, targets in ws.settings.targets.items():
        for target in targets:
            try:
                route = engine.route(source, target)
            except L10nError:
                missing.append((source, target))
                continue
            via = " + ".join(p.label for p in route)
            found.append(Diagnosis("ok", f"model for {source}→{target}: {via}"))
    if missing:
        pairs = ", ".join(f"{s}→{t}" for s, t in missing)
        commands = "; ".join(f"l10n models install --from-index {s} {t}" for s, t in missing)
        found.append(Diagnosis(
            "problem", f"no model for {pairs} in {scan.folder}: `l10n pretranslate` proposes "
            "only what the memory has", f"{commands} (offline: `l10n models install "
            "FILE.argosmodel` with a file copied from another machine)"))
    return found


def _lock(ws: Workspace) -> Diagnosis:
    lock = ws.lock()
    holder = lock.holder()
    if holder is not None:
        return Diagnosis("note", f"workspace lock held by {f'process {holder}' if holder else 'a command'}: "
                         "commands that write wait for it (the system frees it if it dies)")
    left = lock.leftovers()
    if left:
        return Diagnosis("note", f"workspace lock free; {len(left)} temporary file(s) left by an "
                         "interrupted command", "the next command that writes removes them")
    return Diagnosis("ok", "workspace lock free")


def _caches(ws: Workspace) -> list[Diagnosis]:
    """Caches only save time: a damaged one is a problem of speed, fixed by deleting it."""
    found = []
    for path in (ws.cache_path, ws.mt_cache_path):
        if not path.exists():
            continue
        try:
            with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)) as db:
                verdict = db.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.Error as exc:
            verdict = str(exc)
        if verdict == "ok":
            found.append(Diagnosis("ok", f"cache {ws.relative(path)} intact"))
        else:
            found.append(Diagnosis("problem", f"cache {ws.relative(path)} is damaged ({verdict})",
                                   f"delete it (it only saves time): rm {ws.relative(path)}"))
    index = ws.memory_index_path
    if index.exists():
        try:
            json.loads(index.read_bytes())
            found.append(Diagnosis("ok", f"memory index {ws.relative(index)} readable"))
        except (OSError, ValueError):
            found.append(Diagnosis("problem", f"memory index {ws.relative(index)} is damaged",
                                   f"delete it (it is rebuilt): rm {ws.relative(index)}"))
    return found


def _documents(ws: Workspace) -> list[Diagnosis]:
    """Every source readable as a document, every PO file readable."""
    from ..workspace.translations import read_catalog
    try:
        documents = ws.documents()
    except L10nError as exc:
        return [_problem(exc, ws)]
    found = [_problem(doc.refusal, ws) for doc in documents if doc.refusal]
    read, missing = 0, 0
    for doc, target in select(documents):
        po = ws.po_path(doc.name, target)
        if not po.exists():
            missing += 1
            continue
        try:
            read_catalog(po, target)
            read += 1
        except L10nError as exc:
            found.append(_problem(exc, ws))
    found.append(Diagnosis("ok", f"{read} PO file(s) of {len(documents)} document(s) readable"))
    if missing:
        found.append(Diagnosis("note", f"{missing} PO file(s) not created yet",
                               "`l10n update` creates them"))
    return found
