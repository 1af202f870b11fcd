"""Bring a catalog up to date with a document's units, as msgmerge does, losing nothing.

- a unit whose text is unchanged keeps its translation, flags and comments (a unit that
  comes back from the obsolete entries gets its translation back);
- a new unit gets the closest old translation (rapidfuzz ratio at or above the
  threshold) as a fuzzy suggestion, with `#|` previous msgid and a word-level diff;
- an old translated entry that no unit holds any more becomes obsolete (`#~`), even
  when it lent its translation as a suggestion: undoing an edit brings it back reviewed.
"""

from __future__ import annotations

import bisect
import re

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from .model import NOTE_PREFIX, Catalog, Entry, Provenance, text_hash

_TOKENS = re.compile(r"\w+|[^\w\s]+|\s+")
_DIFF_LIMIT = 200
SUGGEST_UP_TO = 20_000  # characters: a longer unit that changed is simply new


def merge(units: list[Entry], old: Catalog, *, threshold: float) -> Catalog:
    """A new catalog with `units` (fresh entries: msgid, references, notes) in order.

    An old entry that only lent its translation as a suggestion is kept as obsolete too,
    so that if the edit is undone the unit comes back reviewed, as it was.
    """
    previous = {e.key: e for e in old.obsolete}
    previous.update(old.by_key())
    kept: set[tuple[str | None, str]] = set()  # old entries that live on as themselves
    entries = []
    unmatched = []
    for unit in units:
        prior = previous.get(unit.key)
        if prior is not None:
            kept.add(prior.key)
            entries.append(_carry(prior, unit))
        else:
            entries.append(unit.copy())
            unmatched.append(entries[-1])
    candidates = sorted((e for e in previous.values() if e.has_translation()
                         and e.msgid_plural is None and len(e.msgid) <= SUGGEST_UP_TO),
                        key=lambda e: len(e.msgid))
    lengths = [len(c.msgid) for c in candidates]
    texts = [c.msgid for c in candidates]
    for entry in unmatched:
        size = len(entry.msgid)
        if size > SUGGEST_UP_TO or not candidates:
            continue  # new: comparing texts this long would cost more than it could give
        # the ratio of two texts is at most 200·shorter/(a+b): only lengths in this window
        # can reach the threshold
        low = bisect.bisect_left(lengths, threshold * size / (200 - threshold))
        high = bisect.bisect_right(lengths, size * (200 - threshold) / threshold) \
            if threshold else len(lengths)
        best = process.extractOne(entry.msgid, texts[low:high], scorer=fuzz.ratio,
                                  score_cutoff=threshold) if high > low else None
        if best is not None:
            _suggest(entry, candidates[low + best[2]])
    obsolete = [_retire(e) for e in old.entries if e.key not in kept and e.has_translation()]
    obsolete += [e.copy() for e in old.obsolete if e.key not in kept]
    return Catalog(header=dict(old.header), header_comments=list(old.header_comments),
                   header_flags=list(old.header_flags), entries=entries, obsolete=obsolete)


def _carry(prior: Entry, unit: Entry) -> Entry:
    """The old entry with the unit's current location and notes; its provenance note is
    kept word for word, whatever a translator did since (a review is derived, never
    recorded, so that approving in Poedit needs no rewrite)."""
    entry = prior.copy(obsolete=False, references=list(unit.references), line=None)
    entry.notes = list(unit.notes) + [n for n in prior.notes if n.startswith(NOTE_PREFIX)]
    return entry


def _suggest(entry: Entry, source: Entry) -> None:
    entry.msgstr = source.msgstr
    entry.fuzzy = True
    entry.previous_msgctxt = source.msgctxt
    entry.previous_msgid = source.msgid
    entry.provenance = Provenance("changed", word_diff(source.msgid, entry.msgid),
                                  proposed=text_hash(source.msgstr))


def _retire(entry: Entry) -> Entry:
    return entry.copy(obsolete=True, references=[], line=None)


def word_diff(old: str, new: str) -> str:
    """What changed between two source texts, word by word: «quatre» → «cinq».

    >>> word_diff("dans ses quatre domaines", "dans ses cinq domaines")
    '«quatre» → «cinq»'
    """
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    changes = []
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal":
            continue
        before = _show("".join(a[op.src_start:op.src_end]))
        after = _show("".join(b[op.dest_start:op.dest_end]))
        if op.tag == "replace":
            changes.append(f"{before} → {after}")
        elif op.tag == "delete":
            changes.append(f"−{before}")
        else:
            changes.append(f"+{after}")
    text = ", ".join(changes)
    return text if len(text) <= _DIFF_LIMIT else text[:_DIFF_LIMIT - 1] + "…"


def _show(text: str) -> str:
    return "«" + text.strip().replace("\n", "⏎") + "»" if text.strip() else "«␣»"
