"""Help is for people: every command's help as a snapshot, no Python type anywhere, every
option explained with its value's name; --version; -w before or after the command."""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.core import TyperGroup

from l10n import __version__, cli


def commands(command=None, path=()):
    """(path, click command) for the app and every command and group under it."""
    command = command or typer.main.get_command(cli.app)
    yield path, command
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            yield from commands(sub, (*path, name))


PATHS = [path for path, _ in commands()]
# what typer 0.29 prints for types: <list[str]>, <path>, <bool>, <int range>, <a|b>
PYTHON_TYPE = re.compile(r"<(str|int|float|bool|path|file|datetime|uuid|text|[a-z]+(\|[a-z]+)+)"
                         r"( range)?>|\b(list|tuple|dict|Optional)\[|"
                         r"\b(str|int|bool|float|NoneType|PosixPath)\b")


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "l10n")
def test_help_of_every_command_is_as_recorded(path, run, tmp_path, snapshot):
    result = run(*path, "--help", cwd=tmp_path)
    assert result.code == 0, result.err
    snapshot("help/" + ("-".join(path) or "l10n"), result.out)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "l10n")
def test_no_help_shows_a_python_type(path, run, tmp_path):
    text = run(*path, "--help", cwd=tmp_path).out
    assert not PYTHON_TYPE.search(text), PYTHON_TYPE.search(text).group()


def test_every_option_says_what_it_does_and_names_its_value():
    for path, command in commands():
        for param in command.params:
            where = f"l10n {' '.join(path)} {param.name}"
            assert param.help, f"{where} has no help"
            if param.param_type_name == "option" and not param.is_flag:
                assert param.metavar and param.metavar == param.metavar.upper(), where


def test_short_help_is_never_cut(run, tmp_path):
    text = run("--help", cwd=tmp_path).out
    assert "..." not in text.split("Commands:")[1]


def test_version(run, tmp_path):
    result = run("--version", cwd=tmp_path)
    assert (result.code, result.out) == (0, f"l10n {__version__}\n")


def test_the_workspace_may_be_named_before_or_after_the_command(run, sample, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    before = run("-w", sample, "status", cwd=elsewhere)
    after = run("status", "--workspace", sample, cwd=elsewhere)
    assert before.code == after.code == 0, before.err + after.err
    assert before.out == after.out and "2021-10-11-visite-vice-ministre-malaisien" in after.out
    sub = run("-w", sample, "tm", "export", tmp_path / "x.tmx", "--from", "fr", "--to", "en",
              cwd=elsewhere)
    assert sub.code == 0 and (tmp_path / "x.tmx").exists(), sub.err  # nested commands too
    assert run("-w", sample, "status", "-w", elsewhere, cwd=elsewhere).code == 2  # after wins


def test_init_takes_the_workspace_named_before_it(run, tmp_path):
    result = run("-w", tmp_path / "new", "init", cwd=tmp_path)
    assert result.code == 0 and (tmp_path / "new/l10n.toml").exists()


@pytest.mark.parametrize("args, message", [
    (["tm", "lookup", "x", "--from", "fr", "--to", "en", "--limit", "0"],
     "0 is out of range: at least 1"),
    (["tm", "lookup", "x", "--from", "fr", "--to", "en", "--limit", "five"],
     "“five” is not a whole number"),
    (["check", "--format", "xml"], "“xml” is not one of text, json, github, junit"),
    (["pretranslate", "--beam-size", "17"], "17 is out of range: from 1 to 16"),
])
def test_bad_values_are_usage_errors_in_plain_words(args, message, run, sample):
    result = run(*args, cwd=sample)
    assert result.code == 2 and message in result.err, result.err
