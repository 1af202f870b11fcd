"""What the benchmarks share: where things are, how a command is timed as a user runs
it, and how the translators are played between timed runs.

Importing it compiles l10n's bytecode, as an installed package has it: where
PYTHONDONTWRITEBYTECODE is set (it is on the project's machines) every l10n process would
otherwise compile the package from source, 30-60 ms that no peer pays."""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FLORES = REPO.parent / "shared/corpora/parallel/flores200_devtest_en_fr_ar.jsonl"
L10N = [sys.executable, "-m", "l10n"]

compileall.compile_dir(REPO / "l10n", quiet=1)


def timed(command: list, cwd: Path, ok=(0,)) -> float:
    """Wall seconds of one whole process; a failure ends the benchmark with its output."""
    command = [str(part) for part in command]
    os.sync()  # every run starts with nothing left to write back, whoever wrote it
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in ok:
        sys.exit(f"{' '.join(command)} failed ({proc.returncode}):\n"
                 f"{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return elapsed


def fill(folder: Path, only_missing: bool = False) -> None:
    """Act as the translators: every msgstr "[xx] msgid", reviewed (not timed)."""
    import polib
    for path in sorted(folder.rglob("*.po")):
        catalog = polib.pofile(str(path))
        lang = path.relative_to(folder).parts[0]
        changed = False
        for entry in catalog:
            if only_missing and entry.msgstr and "fuzzy" not in entry.flags:
                continue
            entry.msgstr = f"[{lang}] {entry.msgid}"
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            changed = True
        if changed:  # a translator saves only the files they touched
            catalog.save()
