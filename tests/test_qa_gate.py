"""QA through `l10n check` on PO files saved the way Poedit saves them (msgcat)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from support import IN_CI, SHARED, msgcat_no_wrap, require_tool, write

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


def test_a_reviewer_accepts_one_flagged_entry_for_good(bilingual, run):
    """The published English title of «Les Mille et Une Nuits» has no figure; the reviewer
    accepts it once, in a translator comment that a Poedit save (msgcat) keeps."""
    po = bilingual / "translations/en/a.po"
    save_as_poedit(bilingual / "translations/ar/a.po", ARABIC)
    save_as_poedit(po, {**ENGLISH, TITLE: "The Arabian Nights"})
    code, found = findings(run, bilingual)
    assert code == 1 and found == {
        ("en", TITLE, "numbers", "error", "number 1000 of the source is missing")}
    save_as_poedit(po, {}, {TITLE: ["l10n-ignore: numbers  the title in English editions"]})
    assert "# l10n-ignore: numbers  the title in English editions\n" in po.read_text()
    assert findings(run, bilingual) == (0, set())
    # only that entry, only that check
    save_as_poedit(po, {DELEGATIONS: "The minister received 5 delegations.",
                        TITLE: "The Arabian\x1b Nights"})
    code, found = findings(run, bilingual)
    assert code == 1 and {(msgid, check) for _, msgid, check, _, _ in found} == {
        (TITLE, "control"), (DELEGATIONS, "numbers")}


def test_an_acceptance_is_for_the_source_sentence_it_was_given_for(bilingual, run):
    po = bilingual / "translations/en/a.po"
    save_as_poedit(bilingual / "translations/ar/a.po", ARABIC)
    save_as_poedit(po, {**ENGLISH, TITLE: "The Arabian Nights"},
                   {TITLE: ["l10n-ignore: numbers"]})
    write(bilingual / "sources/fr/a.txt", f"{TITLE}, tome 2\n\n{REPORTS}\n\n{DELEGATIONS}\n")
    run("update", cwd=bilingual)
    [entry] = [e for e in pofile.read(po).entries if e.msgid.startswith(TITLE)]
    assert entry.fuzzy and entry.translator_comments == []  # the reviewer decides again


def test_an_unknown_check_in_the_comment_is_reported_and_accepts_nothing(bilingual, run):
    po = bilingual / "translations/en/a.po"
    save_as_poedit(bilingual / "translations/ar/a.po", ARABIC)
    save_as_poedit(po, {**ENGLISH, TITLE: "The Arabian Nights"},
                   {TITLE: ["l10n-ignore: number, all"]})
    code, found = findings(run, bilingual)
    assert code == 1
    assert {(check, severity, message.split(" (")[0]) for _, _, check, severity, message
            in found} == {("numbers", "error", "number 1000 of the source is missing"),
                          ("l10n-ignore", "warning", "unknown check 'all' in '# l10n-ignore:'"),
                          ("l10n-ignore", "warning",
                           "unknown check 'number' in '# l10n-ignore:'")}


POEDIT_DRIVER = SHARED / "tools" / "poedit_driver" / "poedit_drive.py"


@pytest.fixture
def display():
    """A virtual X display for the real Poedit."""
    for tool in ("poedit", "Xvfb", "xdotool"):
        require_tool(tool)
    if not POEDIT_DRIVER.exists():
        (pytest.fail if IN_CI else pytest.skip)(f"{POEDIT_DRIVER} is missing")
    server = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1600x1000x24",
                               "-nolisten", "tcp"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL)
    try:
        yield ":" + server.stdout.readline().decode().strip()
    finally:
        server.terminate()
        server.wait()


@pytest.mark.program
def test_in_real_poedit_the_acceptance_survives_and_a_typed_backslash_r_is_caught(
        bilingual, run, display, tmp_path_factory):
    po = bilingual / "translations/en/a.po"
    save_as_poedit(bilingual / "translations/ar/a.po", ARABIC)
    save_as_poedit(po, {**ENGLISH, TITLE: "The Arabian Nights", DELEGATIONS: ""},
                   {TITLE: ["l10n-ignore: numbers  the title of English editions"]})
    subprocess.run([sys.executable, str(POEDIT_DRIVER), str(po),
                    "row:3", "set:The minister received 4 delegations.",
                    "row:2", "set:The reports are in C:\\rapports.", "save"],
                   env={"PATH": "/usr/bin:/bin", "DISPLAY": display,
                        "POEDIT_HOME": str(tmp_path_factory.mktemp("poedit-home"))},
                   check=True, timeout=120)
    text = po.read_text()
    assert "X-Generator: Poedit" in text  # Poedit did save the file
    assert "# l10n-ignore: numbers  the title of English editions\n" in text
    assert 'msgstr "The reports are in C:\\rapports."' in text  # a carriage return
    assert findings(run, bilingual) == (1, {
        ("en", REPORTS, "control", "error",
         "control character U+000D (carriage return) is not in the source")})
