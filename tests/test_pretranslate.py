"""Filling untranslated entries: proposers in order, always fuzzy, never over a translation."""

from __future__ import annotations

from support import write

from l10n.catalog import pofile
from l10n.catalog.model import Provenance, Status, text_hash
from l10n.commands.pretranslate import pending, pretranslate
from l10n.proposals.pipeline import Proposal
from l10n.workspace import Workspace


class Echo:
    """A proposer that answers the units whose text contains `word`, and records calls."""

    def __init__(self, word: str, origin: str) -> None:
        self.word, self.origin, self.calls = word, origin, []

    def propose(self, requests):
        self.calls.append([r.msgid for r in requests])
        return [Proposal(f"[{r.target_lang}] {r.msgid}", self.origin, "echo", f"echo {r.source_lang}→{r.target_lang}")
                if self.word in r.msgid else None for r in requests]


def test_proposers_fill_in_order_as_fuzzy_and_keep_human_work(workspace, run):
    write(workspace / "sources/fr/a.txt", "Un chat. Un chien. Un oiseau.\n")
    run("update", cwd=workspace)
    po = workspace / "translations/en/a.po"
    catalog = pofile.read(po)
    catalog.entries[2].msgstr = "A bird."  # a translator's work, not yet approved
    catalog.entries[2].fuzzy = True
    po.write_bytes(pofile.serialize(catalog))
    memory, machine = Echo("chat", "memory"), Echo("", "machine")
    ws = Workspace.open(workspace)
    filled = pretranslate(pending(ws, langs=["en"]), [memory, machine])
    assert [f.counts for f in filled] == [{"memory": 1, "machine": 1}]
    assert memory.calls == [["Un chat.", "Un chien."]]
    assert machine.calls == [["Un chien."]]
    entries = pofile.read(po).entries
    assert [e.msgstr for e in entries] == ["[en] Un chat.", "[en] Un chien.", "A bird."]
    assert all(e.status() is Status.NEEDS_REVIEW for e in entries)
    assert entries[0].provenance == Provenance("memory", "echo fr→en", proposed=text_hash("[en] Un chat."))
    assert entries[1].origin() == "machine"
    assert pretranslate(pending(ws, langs=["en"]), [machine]) == []
