"""Entries, catalogs, and the one definition of an entry's status and provenance.

Status (used by every command):
- untranslated: an empty msgstr;
- needs review: `#, fuzzy` (Poedit's "needs work"), its origin in an `l10n:` note;
- reviewed: non-fuzzy and non-empty. Only a person makes an entry reviewed.

The provenance note is an extracted comment (`#.`), because a Poedit save keeps those
and drops unknown flags. It is written once, with the proposal, and never needs
rewriting: approving a proposal (clearing "needs work" in Poedit) leaves the file as the
translator saved it. Whether they kept or edited the proposal is derived when asked,
from the hash of the proposed text:
    l10n: <origin>; proposed <hash>; <detail>[; approved by <name>]
Notes written by earlier versions, once reviewed, still read:
    l10n: reviewed; <origin> kept|edited; <detail>
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from enum import Enum

NOTE_PREFIX = "l10n: "
ORIGINS = ("changed", "memory", "machine")


class Status(str, Enum):
    UNTRANSLATED = "untranslated"
    NEEDS_REVIEW = "needs-review"
    REVIEWED = "reviewed"


def text_hash(text: str) -> str:
    """Short fingerprint of a proposed translation, to tell later if the reviewer kept it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Provenance:
    """Where a translation came from, parsed from and written to an `l10n:` note."""

    origin: str
    detail: str = ""
    proposed: str | None = None  # hash of the proposed text
    verdict: str | None = None   # "kept" or "edited", as an earlier version's note recorded

    @classmethod
    def parse(cls, note: str) -> Provenance | None:
        if not note.startswith(NOTE_PREFIX):
            return None
        parts = note[len(NOTE_PREFIX):].split("; ", 2)
        if parts[0] == "reviewed" and len(parts) >= 2:
            origin, _, verdict = parts[1].partition(" ")
            return cls(origin, parts[2] if len(parts) > 2 else "", None, verdict or None)
        if len(parts) >= 2 and parts[1].startswith("proposed "):
            return cls(parts[0], parts[2] if len(parts) > 2 else "", parts[1][9:])
        return cls(parts[0], "; ".join(parts[1:]))

    def render(self) -> str:
        if self.verdict:
            head = f"reviewed; {self.origin} {self.verdict}"
        else:
            head = f"{self.origin}; proposed {self.proposed}"
        return f"{NOTE_PREFIX}{head}; {self.detail}" if self.detail else NOTE_PREFIX + head

    def approved_by(self, name: str) -> Provenance:
        """The note once a person approved the proposal with `l10n approve`."""
        return replace(self, detail=f"{self.detail}; approved by {name}" if self.detail
                       else f"approved by {name}")

    def review(self, msgstr: str) -> str | None:
        """Whether the reviewer kept the proposal as it was or edited it."""
        if self.verdict or not self.proposed:
            return self.verdict
        return "kept" if text_hash(msgstr) == self.proposed else "edited"


@dataclass(slots=True)
class Entry:
    """One PO entry, in gettext's terms."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    translator_comments: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # extracted comments, #.
    references: list[str] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int | None = None  # the line of its msgstr in the file it was read from

    def copy(self, **changes) -> Entry:
        """An independent copy (lists and dicts not shared), with `changes` applied."""
        fresh = replace(self, msgstr_plural=dict(self.msgstr_plural), flags=list(self.flags),
                        translator_comments=list(self.translator_comments),
                        notes=list(self.notes), references=list(self.references))
        return replace(fresh, **changes) if changes else fresh

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @fuzzy.setter
    def fuzzy(self, value: bool) -> None:
        if value and not self.fuzzy:
            self.flags.insert(0, "fuzzy")
        elif not value:
            self.flags = [f for f in self.flags if f != "fuzzy"]
            self.previous_msgctxt = self.previous_msgid = self.previous_msgid_plural = None

    @property
    def translations(self) -> list[str]:
        if self.msgid_plural is None:
            return [self.msgstr]
        return [self.msgstr_plural.get(i, "") for i in range(max(self.msgstr_plural, default=0) + 1)]

    def has_translation(self) -> bool:
        return any(self.translations)

    def status(self, nplurals: int = 2) -> Status:
        strings = self.translations
        if self.msgid_plural is not None and len(strings) < nplurals:
            strings = strings + [""] * (nplurals - len(strings))
        if not any(strings):
            return Status.UNTRANSLATED
        if self.fuzzy or not all(strings):
            return Status.NEEDS_REVIEW
        return Status.REVIEWED

    @property
    def provenance(self) -> Provenance | None:
        for note in self.notes:
            found = Provenance.parse(note)
            if found:
                return found
        return None

    @provenance.setter
    def provenance(self, value: Provenance | None) -> None:
        kept = [n for n in self.notes if not n.startswith(NOTE_PREFIX)]
        self.notes = kept + ([value.render()] if value else [])

    def origin(self) -> str | None:
        """Where its proposal came from: changed, memory or machine (None if unknown, or
        recorded as reviewed by an earlier version)."""
        prov = self.provenance
        return prov.origin if prov and not prov.verdict else None

    def review(self, nplurals: int = 2) -> str | None:
        """For a reviewed proposal: "kept" or "edited" (None when not a reviewed proposal)."""
        prov = self.provenance
        if prov is None or self.status(nplurals) is not Status.REVIEWED:
            return None
        return prov.review(self.msgstr)

    @property
    def words(self) -> int:
        return len(self.msgid.split())


@dataclass
class Catalog:
    """A PO file's content: header fields in order, then live and obsolete entries."""

    header: dict[str, str] = field(default_factory=dict)
    header_comments: list[str] = field(default_factory=list)
    header_flags: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    obsolete: list[Entry] = field(default_factory=list)
    # how the file it was read from was written, for msgfmt's verdict (l10n.msgfmt)
    header_line: int | None = field(default=None, compare=False)  # the header's msgstr
    irregular: str | None = field(default=None, compare=False)  # unlike gettext writes: how

    @property
    def nplurals(self) -> int:
        forms = self.header.get("Plural-Forms", "")
        for part in forms.split(";"):
            name, _, value = part.strip().partition("=")
            if name == "nplurals" and value.strip().isdigit():
                return int(value)
        return 2

    def by_key(self) -> dict[tuple[str | None, str], Entry]:
        return {e.key: e for e in self.entries}

    def reviewed(self) -> dict[tuple[str | None, str], str]:
        """The msgstr of every reviewed singular entry, by key: what may be published."""
        return {e.key: e.msgstr for e in self.entries
                if e.msgid_plural is None and e.status(self.nplurals) is Status.REVIEWED}
