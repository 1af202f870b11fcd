"""QA through `l10n check` on PO files saved the way Poedit saves them (msgcat)."""

from __future__ import annotations

import json

import pytest
from support import msgcat_no_wrap, write

from l10n.catalog import pofile

REPORTS = "Les rapports sont dans C:/rapports."
DELEGATIONS = "Le ministre a reçu quatre délégations."
TITLE = "Les Mille et Une Nuits"


@pytest.fixture
def bilingual(workspace, run):
    (workspace / "l10n.toml").write_text(
        '[languages]\nfr = ["en", "ar"]\n[check]\nrequired = ["en", "ar"]\n')
    write(workspace / "sources/fr/a.txt", f"{TITLE}\n\n{REPORTS}\n\n{DELEGATIONS}\n")
    run("update", cwd=workspace)
    return workspace


def save_as_poedit(po, table, comments=None):
    """Translations and translator comments as a translator enters them, then the file
    as Poedit writes it (Poedit runs msgcat on save)."""
    catalog = pofile.read(po)
    for entry in catalog.entries:
        entry.msgstr = table.get(entry.msgid, entry.msgstr)
        entry.translator_comments = (comments or {}).get(entry.msgid, entry.translator_comments)
        entry.fuzzy = False
    po.write_bytes(pofile.serialize(catalog))
    po.write_bytes(msgcat_no_wrap(po))


def findings(run, root):
    result = run("check", "--format", "json", cwd=root)
    return result.code, {(d["language"], f["msgid"], f["check"], f["severity"], f["message"])
                         for d in json.loads(result.out)["documents"] for f in d["findings"]}


ENGLISH = {TITLE: "One Thousand and One Nights", REPORTS: "The reports are in C:/rapports.",
           DELEGATIONS: "The minister received 4 delegations."}
ARABIC = {TITLE: "ألف ليلة وليلة", REPORTS: "التقارير في C:/rapports.",
          DELEGATIONS: "استقبل الوزير أربعة وفود."}


def test_figures_in_words_pass_the_gate_in_every_language(bilingual, run):
    save_as_poedit(bilingual / "translations/en/a.po", ENGLISH)
    save_as_poedit(bilingual / "translations/ar/a.po", ARABIC)
    assert findings(run, bilingual) == (0, set())


def test_a_carriage_return_typed_in_poedit_blocks_publication(bilingual, run):
    po = bilingual / "translations/en/a.po"
    save_as_poedit(po, {**ENGLISH, REPORTS: "The reports are in C:\rapports."})
    save_as_poedit(bilingual / "translations/ar/a.po", ARABIC)
    assert 'msgstr "The reports are in C:\\rapports."' in po.read_text()  # as Poedit writes it
    code, found = findings(run, bilingual)
    assert code == 1
    assert ("en", REPORTS, "control", "error",
            "control character U+000D (carriage return) is not in the source") in found
