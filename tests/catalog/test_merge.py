"""Updates behave like msgmerge and never lose a translation (property tests)."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import require_tool, update

from l10n.catalog import pofile
from l10n.catalog.merge import word_diff
from l10n.catalog.model import Status
from l10n.commands.init import init

VOCABULARY = ("ministre délégation coalition réunion sécurité coopération région efforts "
              "terrorisme domaines membres conseil visite accord projet programme rapport "
              "pays capitale discours défense partenaires formation soutien").split()
sentence = st.lists(st.sampled_from(VOCABULARY), min_size=6, max_size=10).map(
    lambda words: " ".join(words).capitalize() + ".")


def render(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs if p) + "\n"


def snapshot(po: Path) -> tuple[dict, set[str]]:
    catalog = pofile.read(po)
    reviewed = {e.msgid: e.msgstr for e in catalog.entries if e.status() is Status.REVIEWED}
    kept = {e.msgstr for e in catalog.entries + catalog.obsolete if e.msgstr}
    return reviewed, kept


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_no_translation_is_ever_lost(data):
    msgcat = require_tool("msgcat")  # some rounds save as Poedit does, through msgcat
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        init(root)
        source = root / "sources/fr/doc.txt"
        source.parent.mkdir(parents=True, exist_ok=True)
        po = root / "translations/en/doc.po"
        paragraphs = [data.draw(st.lists(sentence, min_size=1, max_size=3, unique=True))
                      for _ in range(data.draw(st.integers(1, 3)))]
        counter = 0
        for _ in range(data.draw(st.integers(1, 8))):
            source.write_text(render(paragraphs))
            before = snapshot(po) if po.exists() else ({}, set())
            edited: dict[str, str] = {}
            update(root)
            reviewed_before, kept_before = before
            catalog = pofile.read(po)
            by_id = catalog.by_key()
            everything = {e.msgstr for e in catalog.entries + catalog.obsolete if e.msgstr}
            assert kept_before <= everything  # kept live, as a suggestion, or obsolete
            for msgid, msgstr in reviewed_before.items():
                if (None, msgid) in by_id:
                    assert by_id[(None, msgid)].msgstr == msgstr
                    assert by_id[(None, msgid)].status() is Status.REVIEWED
            # the translator's turn: translate some entries, approve some suggestions
            for entry in catalog.entries:
                choice = data.draw(st.sampled_from(["skip", "translate", "approve"]))
                if choice == "translate" and not entry.msgstr:
                    counter += 1
                    entry.msgstr = f"T{counter} {entry.msgid}"
                    entry.fuzzy = False
                elif choice == "approve" and entry.fuzzy:
                    entry.fuzzy = False
            po.write_bytes(pofile.serialize(catalog))
            if data.draw(st.booleans()):  # a Poedit save
                subprocess.run([msgcat, "--force-po", "--no-wrap", "-o", str(po), str(po)],
                               check=True)
            # the author's turn: edit the source
            reviewed_now = snapshot(po)[0]
            action = data.draw(st.sampled_from(["word", "delete", "insert", "swap", "none"]))
            flat = [(i, j) for i, p in enumerate(paragraphs) for j in range(len(p))]
            if action == "word" and flat:
                i, j = data.draw(st.sampled_from(flat))
                words = paragraphs[i][j].rstrip(".").split(" ")
                k = data.draw(st.integers(0, len(words) - 1))
                replacement = data.draw(st.sampled_from(VOCABULARY)) + "x"
                old = paragraphs[i][j]
                words[k] = replacement.capitalize() if k == 0 else replacement
                new = " ".join(words) + "."
                if all(new not in p for p in paragraphs) and \
                        sum(old in p for p in paragraphs) == 1:
                    paragraphs[i][j] = new
                    if old in reviewed_now:
                        edited[new] = reviewed_now[old]
            elif action == "delete" and flat:
                i, j = data.draw(st.sampled_from(flat))
                del paragraphs[i][j]
            elif action == "insert":
                paragraphs[data.draw(st.integers(0, len(paragraphs) - 1))].append(
                    data.draw(sentence))
            elif action == "swap" and len(paragraphs) > 1:
                paragraphs.reverse()
            source.write_text(render(paragraphs))
            update(root)
            by_id = pofile.read(po).by_key()
            for msgid, suggestion in edited.items():
                entry = by_id[(None, msgid)]
                assert entry.fuzzy and entry.msgstr == suggestion
                assert entry.previous_msgid is not None
                assert entry.origin() == "changed"


def test_word_diff_reads_like_a_change_list():
    assert word_diff("dans ses quatre domaines", "dans ses cinq domaines") == "«quatre» → «cinq»"
    assert word_diff("Il est venu.", "Il est venu hier.") == "+«hier»"
    assert word_diff("Il est venu hier.", "Il est venu.") == "−«hier»"
    assert len(word_diff("a " * 500, "b " * 500)) <= 200


@settings(deadline=None)
@given(st.lists(st.sampled_from(["Un.", "Deux.", "Trois.", "Un deux."]), max_size=12))
def test_a_sources_keys_are_its_templates_in_the_same_order(sentences):
    """The gate compares a PO with `Source.keys` (the template's entries are not built for
    it): they must be the keys of the template, repeats folded, in document order."""
    from l10n.formats.units import Unit
    from l10n.workspace.sources import Source
    units = [Unit(n, n + 1, s, n + 1, f"paragraph {n}", s) for n, s in enumerate(sentences)]
    source = Source(None, "", units, "sources/fr/a.txt")
    assert source.keys == [entry.key for entry in source.template]
