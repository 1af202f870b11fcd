"""`l10n check --format github`: the job summary's chart of units by state."""

from __future__ import annotations

from reports import office

from l10n import gate
from l10n.reports.render import check_summary
from l10n.workspace import Workspace


def test_the_job_summary_charts_units_by_state_in_mermaid(tmp_path, run, monkeypatch):
    root = office.build(tmp_path / "office", git=False)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert run("check", "--format", "github", cwd=root).code == 1
    written = summary.read_text(encoding="utf-8")
    assert written == check_summary(gate.review(Workspace.open(root)), root)
    assert ('```mermaid\npie showData title Units by state\n    "reviewed" : 8\n'
            '    "needs review" : 1\n    "untranslated" : 5\n```\n') in written
