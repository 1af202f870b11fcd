"""The proposals kept beside the PO files: written with them, through Poedit saves, renames,
crashes and git merges, so that post-editing can be measured on a fresh clone."""

from __future__ import annotations

import os
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import edit_po, l10n, msgcat_no_wrap, require_tool, review, update, write

from l10n.catalog import pofile
from l10n.catalog.model import text_hash
from l10n.commands.pretranslate import pending, pretranslate
from l10n.errors import L10nError
from l10n.proposals.pipeline import Proposal
from l10n.workspace import Workspace
from l10n.workspace import proposals as store


class Fixed:
    """A proposer answering some units with given texts."""

    def __init__(self, texts: dict[str, str], origin: str = "machine") -> None:
        self.texts, self.origin = texts, origin

    def propose(self, requests):
        return [Proposal(self.texts[r.msgid], self.origin, "direct",
                         f"argos translate-{r.source_lang}_{r.target_lang} 1.9; "
                         f"{r.source_lang}→{r.target_lang}; 2026-11-29")
                if r.msgid in self.texts else None for r in requests]


def fill(root, texts, *, langs=("en",), origin="machine"):
    ws = Workspace.open(root)
    return pretranslate(pending(ws, langs=list(langs)), [Fixed(texts, origin)])


def records(root, name="a", lang="en"):
    return store.read(root / "proposals" / lang / f"{name}.jsonl")


def found(root, name="a", lang="en") -> dict[str, str | None]:
    """What each entry of the PO was proposed, as the report finds it."""
    proposals = store.Proposals(records(root, name, lang))
    catalog = pofile.read(root / f"translations/{lang}/{name}.po")
    return {e.msgid: proposals.find(e) for e in catalog.entries}


def test_pretranslate_keeps_the_proposed_texts_and_a_poedit_save_loses_nothing(workspace):
    write(workspace / "sources/fr/a.txt", "Le chat dort. Le chien « mange ».\n")
    update(workspace)
    fill(workspace, {"Le chat dort.": "The cat sleeps.",
                     "Le chien « mange ».": 'The dog "eats".\nReally.'})
    assert records(workspace) == {store.Record("Le chat dort.", "The cat sleeps."),
                                  store.Record("Le chien « mange ».", 'The dog "eats".\nReally.')}
    assert (workspace / "proposals/en/a.jsonl").read_text().splitlines() == [
        '{"msgid": "Le chat dort.", "proposal": "The cat sleeps."}',
        '{"msgid": "Le chien « mange ».", "proposal": "The dog \\"eats\\".\\nReally."}']
    po = workspace / "translations/en/a.po"
    assert "proposal" not in po.read_text()  # nothing more for the translator to see

    def approve(entry):  # a reviewer edits one proposal, keeps the other, clears needs work
        if entry.msgid == "Le chat dort.":
            entry.msgstr = "The cat is sleeping."
        entry.fuzzy = False
    edit_po(po, approve)
    po.write_bytes(msgcat_no_wrap(po))  # Poedit's save goes through msgcat
    assert found(workspace) == {"Le chat dort.": "The cat sleeps.",
                                "Le chien « mange ».": 'The dog "eats".\nReally.'}
    update(workspace)  # a rerun keeps what the notes refer to
    assert found(workspace)["Le chat dort."] == "The cat sleeps."
    assert not (workspace / "proposals/ar").exists()  # nothing proposed there


def test_a_changed_source_offers_the_old_translation_and_keeps_it_as_the_proposal(workspace):
    write(workspace / "sources/fr/a.txt", "Le ministre a reçu quatre délégations.\n")
    update(workspace)
    po = workspace / "translations/en/a.po"
    review(po, {"Le ministre a reçu quatre délégations.": "The minister received four delegations."})
    write(workspace / "sources/fr/a.txt", "Le ministre a reçu cinq délégations.\n")
    update(workspace)
    entry = pofile.read(po).entries[0]
    assert entry.fuzzy and entry.provenance.origin == "changed"
    assert records(workspace) == {store.Record("Le ministre a reçu cinq délégations.",
                                               "The minister received four delegations.")}
    review(po, {"Le ministre a reçu cinq délégations.": "The minister received five delegations."})
    assert found(workspace) == {
        "Le ministre a reçu cinq délégations.": "The minister received four delegations."}


def test_a_proposal_nothing_refers_to_any_more_goes_when_its_po_is_rewritten(workspace):
    write(workspace / "sources/fr/a.txt", "Un. Deux.\n")
    update(workspace)
    fill(workspace, {"Un.": "One.", "Deux.": "Two."})
    edit_po(workspace / "translations/en/a.po",
            lambda e: setattr(e, "msgstr", "") if e.msgid == "Un." else None)  # cleared
    fill(workspace, {"Un.": "A single one."})
    assert records(workspace) == {store.Record("Un.", "A single one."),
                                  store.Record("Deux.", "Two.")}


def test_two_proposals_of_one_unit_are_told_apart_by_hash(workspace):
    write(workspace / "sources/fr/a.txt", "Un.\n")
    update(workspace)
    both = {store.Record("Un.", "One."), store.Record("Un.", "A single one.")}
    (workspace / "proposals/en").mkdir(parents=True)
    (workspace / "proposals/en/a.jsonl").write_bytes(store.serialize(both))
    fill(workspace, {"Un.": "A single one."})
    assert text_hash("One.") != text_hash("A single one.")
    assert found(workspace) == {"Un.": "A single one."}
    edit_po(workspace / "translations/en/a.po", lambda e: setattr(e, "fuzzy", False))
    assert found(workspace) == {"Un.": "A single one."}


def test_a_renamed_source_takes_its_proposals_along_and_prune_removes_them(workspace):
    write(workspace / "sources/fr/a.txt", "Un. Deux.\n")
    update(workspace)
    fill(workspace, {"Un.": "One."}, langs=("en", "ar"))
    (workspace / "sources/fr/a.txt").rename(workspace / "sources/fr/b.txt")
    update(workspace)
    assert not (workspace / "proposals/en/a.jsonl").exists()
    assert found(workspace, "b") == {"Un.": "One.", "Deux.": None}
    (workspace / "sources/fr/b.txt").unlink()
    update(workspace, prune=True)
    assert list((workspace / "proposals").rglob("*.jsonl")) == []


@settings(max_examples=60, deadline=None)
@given(st.sets(st.builds(store.Record, st.text(min_size=1), st.text(min_size=1),
                         st.none() | st.text()), max_size=8), st.randoms())
def test_a_file_reads_back_as_its_records_in_any_order_with_duplicates(tmp_path_factory, found_records, rng):
    """What git's union merge of two branches gives: both sides' lines, in any order,
    lines both added appearing once or twice."""
    lines = store.serialize(found_records).decode().split("\n")[:-1]
    merged = lines + rng.sample(lines, k=len(lines) // 2)
    rng.shuffle(merged)
    path = tmp_path_factory.mktemp("p") / "a.jsonl"
    path.write_text("".join(line + "\n" for line in merged), encoding="utf-8")
    assert store.read(path) == found_records


def test_git_merges_two_translators_proposals_without_a_conflict(workspace):
    git = require_tool("git")
    write(workspace / "sources/fr/a.txt", "\n\n".join(f"Phrase {n}." for n in range(1, 9)) + "\n")
    update(workspace)

    def commit(message):
        subprocess.run([git, "add", "-A"], cwd=workspace, check=True)
        subprocess.run([git, "commit", "-qm", message], cwd=workspace, check=True)
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@x"}
    os.environ.update(env)
    try:
        subprocess.run([git, "init", "-q", "-b", "main"], cwd=workspace, check=True)
        commit("start")
        subprocess.run([git, "checkout", "-qb", "other"], cwd=workspace, check=True)
        fill(workspace, {"Phrase 8.": "Sentence 8."})
        commit("other translator")
        subprocess.run([git, "checkout", "-q", "main"], cwd=workspace, check=True)
        fill(workspace, {"Phrase 1.": "Sentence 1."})
        commit("first translator")
        merged = subprocess.run([git, "merge", "-q", "other", "-m", "merge"], cwd=workspace,
                                capture_output=True, text=True)
    finally:
        for name in env:
            os.environ.pop(name)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "<<<<<<<" not in (workspace / "proposals/en/a.jsonl").read_text()
    proposed = found(workspace)
    assert proposed["Phrase 1."] == "Sentence 1." and proposed["Phrase 8."] == "Sentence 8."


def test_a_conflict_left_in_a_proposals_file_is_refused_by_line(workspace):
    write(workspace / "sources/fr/a.txt", "Un. Deux.\n")
    update(workspace)
    write(workspace / "proposals/en/a.jsonl",
          '<<<<<<< HEAD\n{"msgid": "Un.", "proposal": "One."}\n=======\n'
          '{"msgid": "Un.", "proposal": "A one."}\n>>>>>>> other\n')
    before = (workspace / "translations/en/a.po").read_bytes()
    with pytest.raises(L10nError) as error:
        fill(workspace, {"Deux.": "Two."})
    assert error.value.line == 1 and "merge conflict" in error.value.message
    assert "merge=union" in error.value.hint
    assert (workspace / "translations/en/a.po").read_bytes() == before
    write(workspace / "proposals/en/a.jsonl", '{"msgid": "Un."}\n')
    with pytest.raises(L10nError, match="not a proposal record"):
        fill(workspace, {"Deux.": "Two."})


@pytest.mark.slow  # kills a process
def test_killed_between_the_proposals_file_and_its_po_nothing_is_lost(workspace):
    write(workspace / "sources/fr/a.txt", "Le chat dort.\n")
    write(workspace / "sources/fr/b.txt", "Le chat dort.\n")
    update(workspace)
    review(workspace / "translations/en/a.po", {"Le chat dort.": "The cat sleeps."})
    po = workspace / "translations/en/b.po"
    before = po.read_bytes()
    l10n(workspace, "tm", "lookup", "Le chat", "--from", "fr", "--to", "en")  # index the memory
    killed = l10n(workspace, "pretranslate", "--tm-only", "--doc", "b", "--lang", "en",
                  crash="after-rename:1")
    assert killed.returncode < 0
    assert po.read_bytes() == before  # the PO is as it was …
    assert records(workspace, "b") == {store.Record("Le chat dort.", "The cat sleeps.")}
    done = l10n(workspace, "pretranslate", "--tm-only", "--doc", "b", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert found(workspace, "b") == {"Le chat dort.": "The cat sleeps."}
    assert len((workspace / "proposals/en/b.jsonl").read_text().splitlines()) == 1
