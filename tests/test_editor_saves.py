"""Any PO editor's save is accepted as it is: approving in the real Poedit, files wrapped
by msgcat (as Lokalize, Weblate and msgmerge write them), CRLF line endings, the .mo
Poedit writes beside a PO. "Up to date" means the same catalog, never the same bytes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import argos_kit
import pytest
from poedit import Poedit, display
from support import require_tool, write

from l10n.catalog import pofile
from l10n.catalog.pofile import Style
from l10n.proposals import models

SETTINGS = """[languages]
fr = ["en"]

[check]
required = ["en"]
"""
S1 = "Le Secrétaire général a reçu la délégation au siège de la Coalition."
S2 = "Les deux parties ont examiné les moyens de renforcer la coopération."
S3 = "La réunion s'est déroulée dans un esprit cordial."
S4 = "Le ministre a remercié le Secrétaire général pour son accueil."
S5 = "La visite s'est terminée par une photo de groupe."
T1 = "The Secretary-General received the delegation at the Coalition's headquarters."
T2 = "Both sides discussed ways to strengthen cooperation."
T3 = "The meeting was held in a cordial atmosphere."
T4 = "The Minister thanked the Secretary-General for his welcome."
EDITED = "The Secretary-General welcomed the delegation at the Coalition headquarters."


def workspace_with(root: Path, **sources: str) -> Path:
    write(root / "l10n.toml", SETTINGS)
    for name, text in sources.items():
        write(root / f"sources/fr/{name}.txt", text)
    return root


@pytest.fixture(scope="module")
def poedit(tmp_path_factory):
    with display() as name:
        yield Poedit(name, tmp_path_factory.mktemp("poedit-screenshots"))


@pytest.fixture(scope="module")
def machine(tmp_path_factory) -> Path:
    """A models folder with a real (tiny) Argos fr→en package: it copies its input."""
    folder = tmp_path_factory.mktemp("models")
    models.install(folder, argos_kit.build_package(
        "fr", "en", tmp_path_factory.mktemp("archive") / "translate-fr_en.argosmodel"))
    return folder


@pytest.mark.program
def test_approving_proposals_in_poedit_needs_no_rewrite(tmp_path, run, poedit, machine,
                                                         monkeypatch):
    root = workspace_with(tmp_path, a=f"{S1} {S2}\n\n{S3} {S4} {S5}\n", b=f"{S4}\n")
    assert run("update", cwd=root).code == 0
    po = root / "translations/en/a.po"
    poedit.edit(root / "translations/en/b.po", "row:1", f"set:{T4}", "save")  # the memory
    poedit.edit(po, "row:1", f"set:{T1}", "row:2", f"set:{T2}", "row:3", f"set:{T3}", "save")
    # three proposals: the source changed, the memory knows one, the machine does one
    write(root / "sources/fr/a.txt", (root / "sources/fr/a.txt").read_text().replace(
        "renforcer", "développer"))
    assert run("update", cwd=root).code == 0
    assert run("pretranslate", "--tm-only", "--doc", "a", cwd=root).code == 0
    monkeypatch.setenv("L10N_MODELS_DIR", str(machine))
    assert run("pretranslate", "--doc", "a", cwd=root).code == 0
    origins = {e.msgid: e.origin() for e in pofile.read(po).entries if e.fuzzy}
    assert origins == {S2.replace("renforcer", "développer"): "changed", S4: "memory",
                       S5: "machine"}
    notes = {e.msgid: e.notes for e in pofile.read(po).entries}
    proposed = {e.msgid: e.msgstr for e in pofile.read(po).entries if e.fuzzy}

    # the translator edits one translation and clears "needs work" on the three proposals
    poedit.edit(po, "shot:1-opened", "row:1", f"set:{EDITED}", "row:2", "fuzzy", "row:4",
                "fuzzy", "row:5", "fuzzy", "shot:2-approved", "save")
    saved = po.read_bytes()
    catalog = pofile.read(po)
    assert not any(e.fuzzy for e in catalog.entries) and b"#|" not in saved
    assert {e.msgid: e.notes for e in catalog.entries} == notes  # Poedit kept the notes
    assert po.with_suffix(".mo").exists()  # Poedit compiled one beside the PO

    check = run("update", "--check", cwd=root)
    assert check.code == 0, check.out + check.err
    assert "0 PO file(s) written" in run("update", cwd=root).out
    assert po.read_bytes() == saved
    assert {e.msgid: e.review() for e in catalog.entries} == {
        S1: None, S2.replace("renforcer", "développer"): "kept", S3: None, S4: "kept", S5: "kept"}
    gate = run("check", "--format", "json", cwd=root)
    assert gate.code == 0, gate.out
    counts = json.loads(gate.out)["documents"][0]["counts"]
    assert counts["units"] == {"reviewed": 5, "needs-review": 0, "untranslated": 0}
    assert counts["reviewed_by_origin"] == {"changed": {"kept": 1, "edited": 0},
                                            "memory": {"kept": 1, "edited": 0},
                                            "machine": {"kept": 1, "edited": 0}}
    status = run("status", cwd=root)
    assert status.code == 0 and "orphan" not in status.out and "ignored" not in status.out

    assert run("build", cwd=root).code == 0
    published = (root / "build/en/a.txt").read_text()
    expected = f"{S1} {S2}\n\n{S3} {S4} {S5}\n".replace("renforcer", "développer")
    for source, translation in ((S1, EDITED), (S2.replace("renforcer", "développer"),
                                                proposed[S2.replace("renforcer", "développer")]),
                                (S3, T3), (S4, proposed[S4]), (S5, proposed[S5])):
        expected = expected.replace(source, translation)
    assert published == expected
    assert proposed[S4] == T4 and proposed[S2.replace("renforcer", "développer")] == T2


LONG = ("Le Secrétaire général de la Coalition islamique militaire contre le terrorisme a "
        "reçu au siège de la Coalition à Riyad Son Excellence le vice-ministre malaisien de "
        "la Défense et la délégation qui l'accompagnait.")
LONGER = ("Au cours de la réunion, les deux parties ont examiné les moyens de renforcer la "
          "coopération entre la Malaisie et la Coalition dans les domaines de la lutte contre "
          "le financement du terrorisme, de la communication et de l'idéologie.")
SHORT = "La visite s'est achevée par une photo de groupe."


def finish(po: Path) -> None:
    catalog = pofile.read(po)
    for entry in catalog.entries:
        entry.msgstr = f"English for: {entry.msgid}"
    po.write_bytes(pofile.serialize(catalog))


def msgcat(po: Path, *options: str) -> None:
    require_tool("msgcat")
    subprocess.run(["msgcat", "--force-po", *options, "-o", str(po), str(po)], check=True)


@pytest.mark.parametrize("layout", ["wrapped", "crlf", "wrapped+crlf"])
def test_a_po_saved_by_another_editor_is_up_to_date(tmp_path, run, layout):
    workspace_with(tmp_path, a=f"{LONG} {LONGER}\n\n{SHORT}\n")
    run("update", cwd=tmp_path)
    po = tmp_path / "translations/en/a.po"
    finish(po)
    if "wrapped" in layout:
        msgcat(po, "--width=79")  # Lokalize, Weblate, msgmerge: 79 columns
    if "crlf" in layout:
        po.write_bytes(po.read_bytes().replace(b"\n", b"\r\n"))  # git's autocrlf on Windows
    saved = po.read_bytes()
    style = Style.of(saved)
    assert (style.width is not None, style.crlf) == ("wrapped" in layout, "crlf" in layout)
    check = run("update", "--check", cwd=tmp_path)
    assert check.code == 0, check.out + check.err
    assert "0 PO file(s) written" in run("update", cwd=tmp_path).out
    assert po.read_bytes() == saved

    # one source sentence changes: only its entry (and POT-Creation-Date) differ
    write(tmp_path / "sources/fr/a.txt", f"{LONG} {LONGER}\n\n{SHORT}\n".replace(
        "la communication", "la communication stratégique"))
    assert run("update", "--check", cwd=tmp_path).code == 1
    assert run("update", cwd=tmp_path).code == 0
    after = po.read_bytes()
    end = b"\r\n" if "crlf" in layout else b"\n"
    assert Style.of(after) == style and after.count(end) == after.count(b"\n")
    before, now = saved.split(end * 2), after.split(end * 2)
    changed = [i for i, (old, new) in enumerate(zip(before, now)) if old.rstrip() != new.rstrip()]
    assert changed in ([2], [0, 2]) and len(now) == len(before) + 1  # +1: the old one, obsolete
    stamped = set(now[0].split(end)) - set(before[0].split(end))  # when the minute changed
    assert [line.split(b":")[0] for line in stamped] in ([], [b'"POT-Creation-Date'])
    assert "stratégique".encode() in now[2] and b"#, fuzzy" in now[2]


@pytest.mark.program
def test_poedit_saves_a_wrapped_crlf_file_as_l10n_writes_it(tmp_path, run, poedit):
    """Our style detection is Poedit's: a wrapped CRLF file that Poedit saved is what
    l10n writes for the same catalog in the style it found."""
    workspace_with(tmp_path, a=f"{LONG} {LONGER}\n\n{SHORT}\n")
    run("update", cwd=tmp_path)
    po = tmp_path / "translations/en/a.po"
    finish(po)
    msgcat(po, "--width=79")
    po.write_bytes(po.read_bytes().replace(b"\n", b"\r\n"))
    style = Style.of(po.read_bytes())
    assert style.crlf and style.width
    poedit.edit(po, "row:3", "set:The visit ended with a group photo taken in front of the "
                "headquarters of the Coalition in Riyadh, with every member present.",
                "shot:3-wrapped-crlf", "save")
    saved = po.read_bytes()
    assert b"in front of the" in saved
    assert pofile.serialize(pofile.parse(saved, po), style) == saved
    assert run("update", "--check", cwd=tmp_path).code == 0
