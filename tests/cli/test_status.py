"""`status`: a table whose columns line up in terminal cells, Arabic names included, and
JSON holding everything the table shows."""

from __future__ import annotations

import json
import re

from rich.cells import cell_len
from support import review, write

from l10n import gate
from l10n.reports.table import status_table
from l10n.workspace import Workspace

ARABIC = "تَقْرِيرُ-الوَزِير"  # with vowel marks: 17 characters, 10 cells


def arabic_workspace(workspace, run):
    write(workspace / f"sources/ar/{ARABIC}.txt", "وصل الوزيرُ إلى الرياض.\n\nقال إنه سعيد.\n")
    write(workspace / "sources/fr/a.txt", "Le ministre est arrivé.\n")
    assert run("update", cwd=workspace).code == 0
    return workspace


def starts(lines: list[str], column: str) -> set[int]:
    """The terminal cell at which `column` (the language, or the state) starts, per line."""
    found = set()
    for line in lines:
        match = re.search(column, line)
        found.add(cell_len(line[:match.start(1)]))
    return found


def test_columns_line_up_in_terminal_cells_with_arabic_names(workspace, run):
    arabic_workspace(workspace, run)
    for args in ([], ["--doc", ARABIC], ["--doc", "a"]):
        lines = run("status", *args, cwd=workspace).out.splitlines()[:-1]  # the next step
        assert len(lines) == 1 + (4 if not args else 2), lines
        assert len(starts(lines, r"\s{2,}(lang|en|fr|ar)\s")) == 1, (args, lines)
        assert len(starts(lines, r"\s{2,}(state|blocked|ready)")) == 1, (args, lines)


def test_a_terminal_shows_arabic_names_isolated_so_rows_keep_their_order(workspace, run):
    arabic_workspace(workspace, run)
    result = gate.review(Workspace.open(workspace))
    on_terminal = status_table(result, workspace, terminal=True, width=200)
    in_a_file = status_table(result, workspace)
    assert any(f"\u2068{ARABIC}\u2069" in line for line in on_terminal)
    assert not any("\u2068" in line for line in in_a_file)
    assert [cell_len(line) for line in on_terminal] == [cell_len(line) for line in in_a_file]


def test_a_narrow_terminal_folds_names_instead_of_breaking_rows(workspace, run):
    arabic_workspace(workspace, run)
    lines = status_table(gate.review(Workspace.open(workspace)), workspace, terminal=True,
                         width=90)
    assert max(cell_len(line) for line in lines) <= 90


def test_json_holds_everything_the_table_shows(workspace, run):
    write(workspace / "sources/fr/a.txt", "Il a reçu quatre délégations.\n")
    run("update", cwd=workspace)
    review(workspace / "translations/en/a.po",
           {"Il a reçu quatre délégations.": "He received 4 delegations."})
    write(workspace / "sources/fr/a.txt", "Il a reçu cinq délégations.\n")
    write(workspace / "sources/fr/notes.pdf", "x")
    run("update", cwd=workspace)
    data = json.loads(run("status", "--json", "--changes", cwd=workspace).out)
    en = next(d for d in data["documents"] if d["language"] == "en")
    assert en["state"] == "blocked" and en["units"]["needs-review"] == 1
    assert en["changes"] == [{
        "po": "translations/en/a.po", "line": en["changes"][0]["line"], "msgctxt": None,
        "msgid": "Il a reçu cinq délégations.",
        "previous_msgid": "Il a reçu quatre délégations.", "detail": "«quatre» → «cinq»"}]
    table = run("status", "--changes", cwd=workspace).out
    assert f"translations/en/a.po:{en['changes'][0]['line']}: " in table
    assert data["not_read"] == ["sources/fr/notes.pdf"] and "notes.pdf" in table
    assert "changes" not in json.loads(run("status", "--json", cwd=workspace).out)["documents"][0]
