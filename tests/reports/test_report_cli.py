"""`l10n report`: the page and the JSON, what they hold, where they go, and refusals."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import datetime
from html import escape

import pytest
from reports import office
from reports.office import APPROVED, MEETING, PROPOSED
from support import NOW, require_tool, write

from l10n.commands.report import report
from l10n.workspace import Workspace


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return office.build(tmp_path_factory.mktemp("office"))


@pytest.fixture(scope="module")
def page(built):
    from l10n.reports import page
    return page.render(report(Workspace.open(built), now=NOW))


def test_report_writes_one_page_under_build_and_says_where(built, run):
    result = run("report", cwd=built / "sources")
    assert result.code == 0, result.err  # blocked editions are reported, not a failure
    path = built / "build/report.html"
    assert result.out == f"wrote {path}\n"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.count("<svg") == 8
    other = built / "elsewhere/r.html"
    assert run("report", "--output", other, cwd=built).code == 0 and other.exists()


def test_the_page_fetches_nothing(page):
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert "<img" not in page and " src=" not in page
    assert set(re.findall(r'(?:href|xlink:href)="([^"#][^"]*)"', page)) == set()
    assert set(re.findall(r"url\(([^#)][^)]*)\)", page)) == set()


def test_the_page_shows_the_figures(built, page):
    data = report(Workspace.open(built), now=NOW)
    effort = data["post_editing"]
    for origin, found in effort["by_origin"].items():
        row = (f"<tr><td>{escape(data['categories'][origin])}</td><td class=\"n\">"
               f"{found['units']}</td><td class=\"n\">{found['kept']} (")
        assert row in page
        assert f'<td class="n">{found["chrf_mean"]:.1f}</td>' in page
        assert f'<td class="n">{found["edit_rate_mean"]:.1f} %</td>' in page
    assert '<td class="text" lang="ar" dir="rtl">' + PROPOSED["ar"][MEETING][0] in page
    assert '<td class="text" lang="ar" dir="rtl">' + APPROVED["ar"][MEETING] in page
    assert f'<td class="text" lang="fr" dir="ltr">{MEETING}</td>' in page
    for finding in data["findings"]:
        assert (f"<tr><td>{finding['check']}</td><td class=\"n\">{finding['error']}</td>"
                f"<td class=\"n\">{finding['warning']}</td>") in page
    for week in data["pace"]["weeks"]:  # the chart's labels are text in the SVG
        assert f">{week['week']}<" in page
    assert "9 units (52 words) reviewed in 4 week(s)" in page
    assert '<bdi dir="auto" class="doc">communique</bdi>' in page


def test_json_goes_to_stdout_with_every_figure(built, run):
    result = run("report", "--format", "json", cwd=built)
    assert result.code == 0, result.err
    printed = json.loads(result.out)
    expected = report(Workspace.open(built), now=datetime.fromisoformat(printed["generated"]))
    assert printed == expected
    assert not (built / "build/report.json").exists()
    out = built / "r.json"
    assert run("report", "--format", "json", "-o", out, cwd=built).out == f"wrote {out}\n"
    assert json.loads(out.read_text())["totals"] == expected["totals"]


def test_since_is_a_date_and_needs_git(tmp_path, run):
    root = office.build(tmp_path, git=False)
    bad = run("report", "--since", "2026-13-01", cwd=root)
    assert bad.code == 2 and "--since" in bad.err
    assert "“2026-13-01” is not a date like 2026-11-30" in bad.err  # not pydantic's words
    refused = run("report", "--since", "2026-11-01", cwd=root)
    assert refused.code == 2 and "--since needs the workspace's git history" in refused.err
    as_json = run("report", "--since", "2026-11-01", "--format", "json", cwd=root)
    assert as_json.code == 2
    assert "git history" in json.loads(as_json.out)["error"]["message"]


def test_in_a_shallow_clone_the_page_and_the_json_say_how_to_fetch_the_history(built,
                                                                              tmp_path, run):
    clone = office.shallow_clone(built, tmp_path / "clone")
    how = ("shallow clone: fetch the history with `git fetch --unshallow` or "
           "actions/checkout fetch-depth: 0")
    as_json = run("report", "--format", "json", cwd=clone)
    assert as_json.code == 0, as_json.err
    pace = json.loads(as_json.out)["pace"]
    assert (pace["available"], pace["reason"], pace["units"]) == (False, how, 0)
    assert run("report", cwd=clone).code == 0
    assert escape(how) in (clone / "build/report.html").read_text(encoding="utf-8")
    refused = run("report", "--since", "2026-11-01", cwd=clone)
    assert refused.code == 2 and how in refused.err


def test_since_in_a_repository_without_commits_says_so(tmp_path, run):
    root = office.build(tmp_path, git=False)
    subprocess.run([require_tool("git"), "init", "-q", str(root)], check=True)
    refused = run("report", "--since", "2026-11-01", cwd=root)
    assert refused.code == 2
    assert "--since needs the workspace's git history: no commits yet" in refused.err
    assert "not a git repository" not in refused.err


def test_a_broken_file_is_named_and_the_rest_still_reported(tmp_path, run):
    root = office.build(tmp_path, git=False)
    write(root / "translations/en/communique.po", 'msgid "a"\nmsgstr "b\n')
    write(root / "proposals/ar/communique.jsonl", "{not json\n")
    result = run("report", cwd=root)
    assert result.code == 2
    assert "translations/en/communique.po:2: malformed PO" in result.err
    assert "proposals/ar/communique.jsonl:1: not a proposal record" in result.err
    page = (root / "build/report.html").read_text()
    assert "Files not read" in page and "proposals/ar/communique.jsonl" in page
