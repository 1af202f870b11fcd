"""Shell completion, in a real bash with the bash script l10n prints
(`_L10N_COMPLETE=source_bash l10n`, what `l10n --install-completion` installs in
bash): commands, options, the workspace's document names and languages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import IN_CI, require_tool, write

BIN = Path(sys.executable).parent


def complete(line: str, cwd: Path) -> list[str]:
    """What bash offers after `line` (a trailing space: a new word) for TAB."""
    bash = require_tool("bash")
    if not (BIN / "l10n").exists():
        message = "the l10n command is not installed next to this Python"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    # the bash script whatever shell runs the tests (`--show-completion` detects the shell
    # from the parent processes, and finds none under a detached CI runner)
    shown = subprocess.run(["l10n"], env={**env, "_L10N_COMPLETE": "source_bash"}, cwd=cwd,
                           capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    script = shown.stdout
    words = line.split() + ([""] if line.endswith(" ") else [])
    program = (f"{script}\nCOMP_WORDS=({' '.join(repr(w) for w in words)})\n"
               f"COMP_CWORD={len(words) - 1}\n_l10n_completion l10n\n"
               'printf "%s\\n" "${COMPREPLY[@]}"\n')
    done = subprocess.run([bash, "--norc", "-c", program], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return [word for word in done.stdout.splitlines() if word]


def test_commands_options_documents_and_languages(workspace):
    write(workspace / "sources/fr/rapport-annuel.txt", "Une phrase.\n")
    write(workspace / "sources/ar/تقرير.txt", "جملة.\n")
    assert complete("l10n sta", workspace) == ["status"]
    assert complete("l10n tm ", workspace) == ["import", "export", "lookup", "align"]
    assert "--allow-partial" in complete("l10n build --", workspace)
    assert complete("l10n status --doc ", workspace) == ["rapport-annuel", "تقرير"]
    assert complete("l10n open r", workspace) == ["rapport-annuel"]
    assert complete("l10n check --lang a", workspace) == ["ar"]
    assert complete("l10n check --format j", workspace) == ["json", "junit"]


def test_documents_of_the_workspace_named_before_the_command(workspace, tmp_path_factory):
    write(workspace / "sources/fr/rapport.txt", "Une phrase.\n")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    assert complete(f"l10n -w {workspace} open ", elsewhere) == ["rapport"]
    assert complete("l10n open ", elsewhere) == []  # no workspace here: nothing to offer
