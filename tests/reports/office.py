"""A small office's workspace with a known history, for the report's tests.

One French communiqué, translated into English and Arabic over four commits:
proposals of every origin (memory exact, fuzzy and aligned, machine direct and through
English), reviewers keeping some and editing others in Poedit or with `l10n approve`,
a person's own translations, a source change whose old translation is offered again,
and translations that fail QA and glossary checks. Every figure the report gives for it
is known in advance (see test_figures).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from support import edit_po, msgcat_no_wrap, require_tool, update, write

from l10n.commands.approve import approve
from l10n.commands.init import init
from l10n.commands.pretranslate import pending, pretranslate
from l10n.proposals.pipeline import Proposal
from l10n.workspace import Workspace

MINISTER = "Le ministre a reçu quatre délégations."
MEETING = "La réunion a eu lieu à Riyad."
PRAISE = "Les participants ont salué la coopération."
PROGRAMME = "Le programme dure cinq jours."
CONTACT = "Contact : media@imctc.org"
END = "Fin du communiqué."
NINE = "Le bureau ouvre à neuf heures."
TEN = "Le bureau ouvre à dix heures."
SOURCE = [MINISTER, MEETING, PRAISE, PROGRAMME, CONTACT, END, NINE]

MACHINE = "argos translate-fr_en 1.9; fr→en; 2026-11-02"
PIVOT = "argos translate-fr_en 1.9, translate-en_ar 1.0; fr→en→ar; 2026-11-02"
PROPOSED = {  # target -> msgid -> (text, origin, detail)
    "en": {
        MINISTER: ("The minister received four delegations.", "memory", "exact 100 from news/x [en]"),
        MEETING: ("The meeting took place in Jeddah.", "memory", "fuzzy 82 from news/y [en]"),
        PRAISE: ("The participants praised cooperation.", "memory",
                 "exact 100 from aligned from 2020-01-02-visite"),
        PROGRAMME: ("The program lasts five days.", "machine", MACHINE),
    },
    "ar": {
        MINISTER: ("استقبل الوزير أربعة وفود.", "machine", PIVOT),
        MEETING: ("عقد الاجتماع في جدة.", "machine", PIVOT),
        PRAISE: ("أشاد المشاركون بالتنسيق.", "machine", PIVOT),  # lacks the glossary's التعاون
    },
}
APPROVED = {  # what reviewers made of them (and a person's own translations)
    "en": {
        MINISTER: "The minister received four delegations.",  # kept
        MEETING: "The meeting took place in Riyadh.",  # 1 word of 6 replaced
        PRAISE: "The participants praised the cooperation.",  # 1 word of 5 added
        PROGRAMME: "The programme lasts five days.",  # 1 word of 5 replaced
        CONTACT: "Contact: press office",  # a person's, without the address: links error
        NINE: "The office opens at nine.",  # a person's
    },
    "ar": {
        MINISTER: "استقبل الوزير أربعة وفود.",  # kept
        MEETING: "عقد الاجتماع في الرياض.",  # 1 word of 4 replaced
    },
}
TEN_APPROVED = "The office opens at ten"  # the old translation, 1 word of 5 replaced; no "."
DATES = ["2026-11-02T10:00:00+01:00", "2026-11-03T17:30:00+01:00",  # ISO week 45
         "2026-11-10T09:00:00+03:00",  # week 46; nothing in week 47
         "2026-11-24T12:00:00+00:00"]  # week 48; the report is made on 2026-11-29


class Proposer:
    def __init__(self, table):
        self.table = table

    def propose(self, requests):
        return [Proposal(*self.table[r.target_lang][r.msgid][:2], "test",
                         self.table[r.target_lang][r.msgid][2])
                if r.msgid in self.table.get(r.target_lang, {}) else None for r in requests]


def _poedit(po: Path, table: dict[str, str]) -> None:
    """A reviewer in Poedit: these entries edited (or not) and "needs work" cleared, the
    file then saved through msgcat as Poedit does."""
    def review(entry):
        if entry.msgid in table:
            entry.msgstr, entry.fuzzy = table[entry.msgid], False
    edit_po(po, review)
    po.write_bytes(msgcat_no_wrap(po))


def _commit(root: Path, day: int, message: str) -> None:
    git = require_tool("git")
    env = {**os.environ, "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
           "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org",
           "GIT_AUTHOR_DATE": DATES[day], "GIT_COMMITTER_DATE": DATES[day]}
    subprocess.run([git, "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run([git, "commit", "-qm", message], cwd=root, check=True, env=env)


def build(root: Path, *, git: bool = True, name: str = "communique") -> Path:
    """The office's workspace at `root` (a git repository unless `git` is False)."""
    init(root)
    write(root / "glossary.csv", "fr,en,ar\ncoopération,cooperation,التعاون\n")
    write(root / f"sources/fr/{name}.txt", "\n\n".join(SOURCE) + "\n")
    if git:
        subprocess.run([require_tool("git"), "init", "-q", "-b", "main", str(root)], check=True)
    update(root)
    ws = Workspace.open(root)
    en, ar = root / f"translations/en/{name}.po", root / f"translations/ar/{name}.po"
    if git:
        _commit(root, 0, "a new communiqué")
    pretranslate(pending(ws), [Proposer(PROPOSED)])
    _poedit(en, {m: APPROVED["en"][m] for m in (CONTACT, NINE)})
    if git:
        _commit(root, 1, "pre-translated; the desk's own lines")
    _poedit(en, {m: APPROVED["en"][m] for m in (MINISTER, MEETING, PRAISE, PROGRAMME)})
    if git:
        _commit(root, 2, "English reviewed")
    write(root / f"sources/fr/{name}.txt", "\n\n".join(SOURCE).replace(NINE, TEN) + "\n")
    update(root)
    _poedit(en, {TEN: TEN_APPROVED})
    approve(ws, by=lambda: "Reviewer", names=[name], langs=["ar"],
            named=[(ar, _line(ar, MINISTER))])
    _poedit(ar, {MEETING: APPROVED["ar"][MEETING]})
    if git:
        _commit(root, 3, "the opening hour changed; Arabic reviewed")
    return root


def shallow_clone(root: Path, to: Path) -> Path:
    """A clone of the office's repository with its last commit only, as actions/checkout
    makes by default."""
    subprocess.run([require_tool("git"), "clone", "-q", "--depth", "1", root.as_uri(), str(to)],
                   check=True)
    return to


def _line(po: Path, msgid: str) -> int:
    from l10n.catalog import pofile
    return next(e.line for e in pofile.read(po).entries if e.msgid == msgid)
