"""Start-up: what `l10n update --check` loads when nothing changed (the pre-commit hook),
and that the shortcuts taken for it change no behaviour. Speed itself is measured in
benchmarks/bench_startup.py, never here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st
from typer._coercion import build_runtime_param

from l10n import cli, formats

HEAVY = ("pydantic", "rich", "polib", "lxml", "regex", "rapidfuzz", "multiprocessing",
         "argostranslate", "numpy", "l10n.catalog.pofile", "l10n.formats.html",
         "l10n.formats.md", "l10n.quality.checks")


def loaded_by(args: list[str], cwd: Path) -> set[str]:
    """The modules a fresh `l10n ARGS` process has imported when it ends."""
    code = ("import sys\nfrom l10n.cli import main\ntry:\n    main(sys.argv[1:])\n"
            "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
            "print(' '.join(sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(done.stderr.split())


@pytest.mark.parametrize("args", [["update", "--check"],
                                  ["update", "--check", "--doc",
                                   "2021-10-11-visite-vice-ministre-malaisien"]])
def test_the_pre_commit_hook_loads_only_what_it_needs(args, sample, run):
    assert run("update", cwd=sample).code == 0  # the checkout as the hook finds it
    loaded = loaded_by(args, sample)
    assert "l10n.commands.update" in loaded
    assert sorted(m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY) == []


def test_the_extensions_the_workspace_reads_are_those_of_the_formats():
    declared = {ext: fmt for fmt in formats.FORMATS for ext in fmt.EXTENSIONS}
    assert set(formats.EXTENSIONS) == set(declared)
    assert all(formats.get(ext) is fmt for ext, fmt in declared.items())


def parameters():
    """Every parameter of every command whose values `cli._Value` converts."""
    group = typer.main.get_command(cli.app)
    stack, found = [group], []
    while stack:
        command = stack.pop()
        stack += getattr(command, "commands", {}).values()
        found += [p for p in command.params if cli._Value.of(p) is not None]
    return found


PARAMS = parameters()


TRICKY = ["text", "json", "JSON", "github", "junit", "5", "0", "16", "17", " 5", "+5", "5_0",
          "5.0", "5.", "5.5", "1e1", "0x5", "٥", "５", "-0", "a\0b", ".", "~", "", "2021-10-11",
          "2021-1-1", "2021-02-30", " 2021-10-11", "2021-10-11T10:00"]


def converted(param, text: str):
    """(ours, typer's) for one value given as `text`; "refused" for a usage error."""
    value = {"list": (text, text), "tuple": (text, text)}.get(
        getattr(cli._Value.of(param).shape, "__name__", ""), text)
    if param.type_descriptor.annotation is bool:
        value = bool(text)
    results = []
    for runtime in (cli._Value.of(param), build_runtime_param(param.type_descriptor)):
        try:
            result = runtime.coerce(value, param, None)
            results.append(list(result) if isinstance(result, list) else result)
        except typer.BadParameter:
            results.append("refused")
    return tuple(results)


def test_values_are_converted_as_typer_converts_them():
    """Typer's own conversion (pydantic) and ours agree, refusals included."""
    for param in PARAMS:
        for text in TRICKY:
            ours, theirs = converted(param, text)
            assert ours == theirs, (param.name, text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PARAMS), st.text(max_size=12) | st.integers(-5, 30).map(str))
def test_any_value_is_converted_as_typer_converts_it(param, text):
    ours, theirs = converted(param, text)
    assert ours == theirs, param.name
