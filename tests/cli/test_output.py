"""What the everyday commands print on the sample workspace, as recorded snapshots: as it
is (every translation reviewed), with a new communiqué (examples/), and with an entry a
translator marked "needs work" by hand."""

from __future__ import annotations

import shutil

import pytest
from support import REPO, edit_po, require_tool

from l10n.catalog import pofile

DOC = "2021-10-11-visite-vice-ministre-malaisien"
NEW = "2021-11-02-delegation-nigeria"


def with_new_communique(sample, run):
    shutil.copy(REPO / f"examples/{NEW}.txt", sample / "sources/fr")
    assert run("update", cwd=sample).code == 0


def with_one_entry_marked_by_hand(sample, run):
    def mark(entry):
        if entry.msgid.startswith("Le vice-ministre"):
            entry.fuzzy = True
    edit_po(sample / f"translations/en/{DOC}.po", mark)


STATES = {"reviewed": lambda sample, run: None, "new": with_new_communique,
          "marked": with_one_entry_marked_by_hand}
COMMANDS = {"status": ["status"], "status-changes": ["status", "--changes"],
            "check": ["check"], "build": ["build"],
            "approve": ["approve", "--all", "--dry-run"],
            "approve-memory": ["approve", "--origin", "memory", "--dry-run"]}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("command", COMMANDS)
def test_output_is_as_recorded(state, command, sample, run, snapshot):
    require_tool("msgfmt")  # its verdict is part of check's output
    STATES[state](sample, run)
    result = run(*COMMANDS[command], cwd=sample)
    assert result.err == ""
    snapshot(f"output/{state}-{command}", f"exit {result.code}\n{result.out}")


def test_the_marked_entry_is_what_nothing_to_approve_points_at(sample, run):
    with_one_entry_marked_by_hand(sample, run)
    none = run("approve", "--origin", "memory", cwd=sample)
    assert none.code == 0
    assert none.out.splitlines()[-1] == (
        "nothing to approve of origin memory; needing review: 1 of origin unknown (marked "
        "needs work by hand) (`l10n approve --origin unknown`)")
    listed = run("approve", "--origin", "unknown", "--dry-run", cwd=sample).out.splitlines()
    [line] = [e.line for e in pofile.read(sample / f"translations/en/{DOC}.po").entries
              if e.fuzzy]
    assert listed[:2] == [f"would approve 1 entry in translations/en/{DOC}.po",
                          f"  translations/en/{DOC}.po:{line}: unknown: « Le vice-ministre "
                          "malaisien de la Défense visite la CIMCT »"]
