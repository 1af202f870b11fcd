"""Every figure of `l10n report`, computed on an office whose history is known
(reports/office.py): known proposals and known edits give known chrF and edit rates."""

from __future__ import annotations

import json
import subprocess
from datetime import date

import pytest
import sacrebleu
from reports import office
from reports.office import (
    APPROVED,
    CONTACT,
    END,
    MEETING,
    MINISTER,
    NINE,
    PRAISE,
    PROGRAMME,
    PROPOSED,
    TEN,
    TEN_APPROVED,
)
from support import NOW, require_tool

from l10n import gate
from l10n.catalog import pofile
from l10n.commands.report import report
from l10n.errors import L10nError
from l10n.workspace import Workspace


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return office.build(tmp_path_factory.mktemp("office"))


@pytest.fixture(scope="module")
def data(built):
    return report(Workspace.open(built), now=NOW)


def words(*texts: str) -> int:
    return sum(len(t.split()) for t in texts)


def test_progress_per_document_and_language_in_units_and_words(data):
    en, ar = sorted(data["progress"], key=lambda row: row["language"], reverse=True)
    assert (en["document"], en["language"], en["po"]) == \
        ("communique", "en", "translations/en/communique.po")
    assert en["units"] == {"reviewed": 6, "needs-review": 0, "untranslated": 1}
    assert en["words"] == {"reviewed": words(MINISTER, MEETING, PRAISE, PROGRAMME, CONTACT, TEN),
                           "needs-review": 0, "untranslated": words(END)}
    assert ar["units"] == {"reviewed": 2, "needs-review": 1, "untranslated": 4}
    assert ar["needs_review_by_origin"]["words"] == {"changed": 0, "memory": 0,
                                                     "machine": words(PRAISE), "unknown": 0}
    assert not en["ready"] and not ar["ready"]
    assert data["by_language"]["ar"]["words"]["untranslated"] == \
        words(PROGRAMME, CONTACT, END, TEN)
    totals = data["totals"]
    assert (totals["documents"], totals["editions"], totals["ready"], totals["blocked"]) == \
        (1, 2, 0, 2)
    assert totals["units"] == {"reviewed": 8, "needs-review": 1, "untranslated": 5}


def test_where_the_translations_came_from(data):
    units = {c: found["units"] for c, found in data["origins"].items()}
    assert units == {
        "exact-memory": {"reviewed": 1, "needs-review": 0},
        "fuzzy-memory": {"reviewed": 1, "needs-review": 0},
        "aligned-archive": {"reviewed": 1, "needs-review": 0},
        "machine": {"reviewed": 1, "needs-review": 0},
        "pivot": {"reviewed": 2, "needs-review": 1},
        "earlier-translation": {"reviewed": 1, "needs-review": 0},
        "people": {"reviewed": 1, "needs-review": 0},  # CONTACT; NINE became TEN's proposal
    }
    assert data["origins"]["pivot"]["words"] == {"reviewed": words(MINISTER, MEETING),
                                                 "needs-review": words(PRAISE)}


def measured(proposal: str, approved: str, rate: float) -> dict:
    return {"chrf": round(sacrebleu.sentence_chrf(proposal, [approved]).score, 2),
            "edit_rate": round(rate, 2)}


def test_post_editing_per_unit_per_origin_and_per_language_pair(built, data):
    effort = data["post_editing"]
    en, ar = PROPOSED["en"], PROPOSED["ar"]
    expected = {  # origin: (proposal, approved, word edit rate)
        "exact-memory": [(en[MINISTER][0], APPROVED["en"][MINISTER], 0)],
        "fuzzy-memory": [(en[MEETING][0], APPROVED["en"][MEETING], 100 / 6)],
        "aligned-archive": [(en[PRAISE][0], APPROVED["en"][PRAISE], 100 / 5)],
        "machine": [(en[PROGRAMME][0], APPROVED["en"][PROGRAMME], 100 / 5)],
        "pivot": [(ar[MINISTER][0], APPROVED["ar"][MINISTER], 0),
                  (ar[MEETING][0], APPROVED["ar"][MEETING], 100 / 4)],
        "earlier-translation": [(APPROVED["en"][NINE], TEN_APPROVED, 100 / 5)],
    }
    assert effort["measured"] == 7 and effort["unrecorded"] == {}
    assert list(effort["by_origin"]) == list(expected)
    for origin, units in expected.items():
        found = effort["by_origin"][origin]
        scores = [measured(*unit) for unit in units]
        assert found["units"] == len(units)
        assert found["kept"] == sum(1 for p, a, _ in units if p == a)
        assert found["chrf_mean"] == pytest.approx(sum(s["chrf"] for s in scores) / len(units),
                                                   abs=0.01)
        assert found["edit_rate_mean"] == pytest.approx(sum(r for _, _, r in units) / len(units),
                                                        abs=0.01)
    pivot = effort["by_origin"]["pivot"]
    assert pivot["chrf_bands"] == [1, 0, 0, 1, 0]  # 100, and 62.6 in 50–69
    assert pivot["edit_rate_bands"] == [1, 0, 1, 0, 0]  # 0 %, and 25 % in 10–30 %
    assert effort["by_pair"]["fr→en"]["units"] == 5 and effort["by_pair"]["fr→ar"]["units"] == 2
    assert effort["by_pair"]["fr→ar"]["chrf_median"] == pytest.approx(
        (100 + measured(ar[MEETING][0], APPROVED["ar"][MEETING], 0)["chrf"]) / 2, abs=0.01)
    most = effort["most_edited"]  # the kept ones are not "edited"
    assert [(u["language"], u["source"]) for u in most] == [
        ("ar", MEETING), ("en", TEN), ("en", PROGRAMME), ("en", PRAISE), ("en", MEETING)]
    assert most[0] == {"document": "communique", "language": "ar", "pair": "fr→ar",
                       "po": "translations/ar/communique.po", "line": most[0]["line"],
                       "origin": "pivot", "source": MEETING, "proposal": ar[MEETING][0],
                       "approved": APPROVED["ar"][MEETING],
                       **measured(ar[MEETING][0], APPROVED["ar"][MEETING], 25)}
    entry = next(e for e in pofile.read(built / most[0]["po"]).entries if e.msgid == MEETING)
    assert most[0]["line"] == entry.line  # where Poedit and `l10n check` point


def test_qa_and_glossary_findings_by_check(data):
    assert data["findings"] == [
        {"check": "glossary", "error": 1, "warning": 0, "languages": {"ar": 1}},
        {"check": "links", "error": 1, "warning": 0, "languages": {"en": 1}},
        {"check": "punctuation", "error": 0, "warning": 1, "languages": {"en": 1}},
    ]


def test_pace_per_week_from_the_git_history(data):
    assert data["pace"] == {"available": True, "reason": None, "units": 9,
                            "words": words(CONTACT, NINE) + words(MINISTER, MEETING, PRAISE,
                                                                  PROGRAMME)
                            + words(TEN, MINISTER, MEETING), "weeks": [
        {"week": "2026-W45", "start": "2026-11-02", "units": 2, "words": words(CONTACT, NINE)},
        {"week": "2026-W46", "start": "2026-11-09", "units": 4,
         "words": words(MINISTER, MEETING, PRAISE, PROGRAMME)},
        {"week": "2026-W47", "start": "2026-11-16", "units": 0, "words": 0},
        {"week": "2026-W48", "start": "2026-11-23", "units": 3, "words": words(TEN, MINISTER, MEETING)},
    ]}


def test_since_narrows_pace_and_post_editing_to_the_reviews_made_since(built):
    data = report(Workspace.open(built), now=NOW, since=date(2026, 11, 20))
    assert [(w["week"], w["units"]) for w in data["pace"]["weeks"]] == [("2026-W47", 0),
                                                                       ("2026-W48", 3)]
    assert data["post_editing"]["measured"] == 3
    assert set(data["post_editing"]["by_origin"]) == {"pivot", "earlier-translation"}
    assert data["since"] == "2026-11-20"
    assert data["progress"] == report(Workspace.open(built), now=NOW)["progress"]


def test_without_git_there_is_no_pace_and_since_is_refused(tmp_path):
    root = office.build(tmp_path, git=False)
    data = report(Workspace.open(root), now=NOW)
    assert data["pace"] == {"available": False, "weeks": [], "units": 0, "words": 0,
                            "reason": "not a git repository (or any of the parent "
                                      "directories): .git"}
    assert data["post_editing"]["measured"] == 7
    with pytest.raises(L10nError, match="--since needs the workspace's git history: not a "
                                        "git repository"):
        report(Workspace.open(root), now=NOW, since=date(2026, 11, 1))


def test_a_shallow_clone_has_no_pace_and_says_how_to_fetch_the_history(built, data, tmp_path):
    """actions/checkout clones one commit: every unit reviewed by then would seem reviewed
    in that commit's week."""
    clone = office.shallow_clone(built, tmp_path / "clone")
    found = report(Workspace.open(clone), now=NOW)
    assert found["pace"] == {
        "available": False, "weeks": [], "units": 0, "words": 0,
        "reason": "shallow clone: fetch the history with `git fetch --unshallow` or "
                  "actions/checkout fetch-depth: 0"}
    assert found["progress"] == data["progress"]  # the rest is the current state
    with pytest.raises(L10nError, match="--since needs the workspace's git history: "
                                        "shallow clone"):
        report(Workspace.open(clone), now=NOW, since=date(2026, 11, 1))
    require_tool("git")
    subprocess.run(["git", "-C", str(clone), "fetch", "-q", "--unshallow"], check=True)
    assert report(Workspace.open(clone), now=NOW)["pace"] == data["pace"]


def test_a_repository_without_commits_is_told_apart_before_the_gate_is_reviewed(
        tmp_path, monkeypatch):
    root = office.build(tmp_path, git=False)
    subprocess.run([require_tool("git"), "init", "-q", str(root)], check=True)
    assert report(Workspace.open(root), now=NOW)["pace"]["reason"] == "no commits yet"

    def review(*args, **kwargs):
        raise AssertionError("the whole gate was reviewed before --since was refused")
    monkeypatch.setattr(gate, "review", review)
    with pytest.raises(L10nError, match="--since needs the workspace's git history: "
                                        "no commits yet"):
        report(Workspace.open(root), now=NOW, since=date(2026, 11, 1))


def test_approvals_whose_proposal_was_not_kept_are_counted_apart(tmp_path):
    """A workspace pre-translated before the tool kept proposals: no text to measure."""
    root = office.build(tmp_path, git=False)
    for path in (root / "proposals").rglob("*.jsonl"):
        path.unlink()
    effort = report(Workspace.open(root), now=NOW)["post_editing"]
    # kept ones are still known: the approved text is the proposal
    assert effort["measured"] == 2 and effort["unrecorded"] == {
        "fuzzy-memory": 1, "aligned-archive": 1, "machine": 1, "pivot": 1,
        "earlier-translation": 1}


def test_the_figures_are_json(data):
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_a_commit_read_once_is_not_read_again(built, data, monkeypatch):
    from l10n.workspace import history

    def unread(*args):
        raise AssertionError("a PO version was read again")
    monkeypatch.setattr(history, "_contents", unread)
    assert report(Workspace.open(built), now=NOW)["pace"] == data["pace"]
