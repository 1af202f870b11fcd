"""What each proposal said, kept beside the PO files so that post-editing can be measured.

A PO note holds only a short hash of its proposal (`l10n: machine; proposed 3fa2b1c0; …`):
enough to tell whether a reviewer kept it, not how much they changed it. The proposed
text itself goes to `proposals/<target>/<document>.jsonl`, committed with the PO files:

- outside the PO, so translators see nothing more in Poedit and a save cannot drop it;
- one file per PO file, so two translators working on different documents never touch
  the same file, and a document's proposals are as large as its PO, no larger;
- JSON Lines, one self-contained record per line, lines sorted: a diff shows one line
  per proposal, and since the file is a set of lines, git merges two branches with the
  `union` driver (`l10n init` writes `.gitattributes` for it) and readers accept any
  order and duplicates;
- a record is keyed by its entry (msgctxt, msgid) and the hash of its text, within the
  file of its document and language: a short hash alone would collide at scale;
- a record is kept while an entry of the PO (live or obsolete) refers to it, and
  dropped when its PO file is rewritten without one; the records of a PO file that
  `l10n update --prune` deletes, or moves after a renamed source, go with it;
- written before its PO file: a crash in between leaves a record nothing refers to yet
  (dropped at the next write), never a PO note whose text is lost.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalog.model import Catalog, Entry, Status, text_hash
from ..errors import L10nError
from ..files import read_text, write_atomic
from . import PROPOSALS_DIR

if TYPE_CHECKING:
    from . import Workspace

GITATTRIBUTES = f"/{PROPOSALS_DIR}/**/*.jsonl merge=union\n"
_MARKERS = ("<<<<<<<", "|||||||", "=======", ">>>>>>>")
Key = tuple[str | None, str]


@dataclass(frozen=True, order=True)
class Record:
    """One proposal: the entry it was made for, and its text."""

    msgid: str
    text: str
    msgctxt: str | None = None

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)

    def line(self) -> str:
        data = {"msgid": self.msgid, "proposal": self.text}
        if self.msgctxt is not None:
            data["msgctxt"] = self.msgctxt
        return json.dumps(data, ensure_ascii=False, sort_keys=True)


def path(ws: Workspace, name: str, target: str) -> Path:
    """The proposals file of document `name` in `target`."""
    return ws.proposals_dir / target / f"{name}.jsonl"


def read(file: Path) -> set[Record]:
    """The records of a proposals file (none when it does not exist)."""
    if not file.exists():
        return set()
    records = set()
    for number, line in enumerate(read_text(file).split("\n"), 1):
        if not line.strip():
            continue
        if line.startswith(_MARKERS):
            raise L10nError("unresolved merge conflict in a proposals file", path=file,
                            line=number, hint="every line is a record of its own: keep the "
                            "lines of both sides and delete the marker lines (with "
                            f"`{GITATTRIBUTES.strip()}` in .gitattributes, git does it)")
        records.add(_record(line, file, number))
    return records


def _record(line: str, file: Path, number: int) -> Record:
    try:
        data = json.loads(line)
    except ValueError:
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("msgid"), str) \
            or not isinstance(data.get("proposal"), str) \
            or not isinstance(data.get("msgctxt", ""), str):
        raise L10nError("not a proposal record", path=file, line=number,
                        hint='each line is {"msgid": "…", "proposal": "…"} (and "msgctxt" '
                             "when the entry has one); restore the file from version control")
    return Record(data["msgid"], data["proposal"], data.get("msgctxt"))


def kept(records: set[Record], catalog: Catalog) -> set[Record]:
    """The records to keep with `catalog`: those its entries refer to, and the proposals it
    holds still unreviewed (needs work, the msgstr being the proposed text)."""
    wanted: set[tuple[Key, str | None]] = set()  # (entry, hash); None: any of the entry's
    added = set()
    for entry in catalog.entries + catalog.obsolete:
        provenance = entry.provenance
        if provenance is None:
            continue
        wanted.add((entry.key, provenance.proposed))
        if _holds_proposal(entry, catalog.nplurals):
            added.add(Record(entry.msgid, entry.msgstr, entry.msgctxt))
    return {r for r in records if (r.key, text_hash(r.text)) in wanted
            or (r.key, None) in wanted} | added


def _holds_proposal(entry: Entry, nplurals: int) -> bool:
    provenance = entry.provenance
    return (not entry.obsolete and entry.msgid_plural is None and provenance is not None
            and provenance.proposed == text_hash(entry.msgstr)
            and entry.status(nplurals) is Status.NEEDS_REVIEW)


def serialize(records: set[Record]) -> bytes:
    return "".join(line + "\n" for line in sorted({r.line() for r in records})).encode("utf-8")


@dataclass
class Store:
    """The planned content of one proposals file; `write` makes it so."""

    path: Path
    data: bytes | None  # None: no record left, the file goes

    def write(self) -> None:
        if self.data is not None:
            write_atomic(self.path, self.data, sync_dir=False)
        elif self.path.exists():
            self.path.unlink()


def plan(file: Path, catalog: Catalog, *, source: Path | None = None) -> Store | None:
    """The proposals file to write with `catalog` (read from `source` when the PO file
    moves), or None when it stays as it is."""
    before = read(source or file)
    after = kept(before, catalog)
    if after == before and source is None:
        return None
    return Store(file, serialize(after) if after else None)


class Proposals:
    """The proposals of one PO file, to find what an entry was offered."""

    def __init__(self, records: set[Record]) -> None:
        self.by_hash = {(r.key, text_hash(r.text)): r.text for r in records}
        self.by_key: dict[Key, list[str]] = defaultdict(list)
        for record in sorted(records):
            self.by_key[record.key].append(record.text)

    def find(self, entry: Entry) -> str | None:
        """The text proposed to `entry`, when it can be known: the record its note names
        (or, for an older note without a hash, the entry's only record); a proposal
        whose hash is the msgstr's was kept as it is."""
        provenance = entry.provenance
        if provenance is None:
            return None
        if provenance.proposed is not None:
            if provenance.proposed == text_hash(entry.msgstr):
                return entry.msgstr
            return self.by_hash.get((entry.key, provenance.proposed))
        if provenance.verdict == "kept":
            return entry.msgstr
        texts = self.by_key.get(entry.key, [])
        return texts[0] if len(texts) == 1 else None
