"""Translation memory: every reviewed sentence pair of the workspace, found again fast.

It holds each reviewed PO entry (non-fuzzy, non-empty) in both directions, the pairs
between two target languages of one document (its en and ar translations of the same
French sentence), and the TMX files under tm/. An index under .l10n/ records what each
file held with the file's signature, so a refresh reads again only the files that
changed; deleting it only costs one full re-read, with the same result.

Lookup, best first: the identical sentence; the same words (case, punctuation or
whitespace aside); the same words with other numbers or dates, whose new values are put
into the old translation ("repaired"); then fuzzy candidates from a word index, rescored
with rapidfuzz. The score is defined in README.md ("Translation memory").
This module never sets flags or writes PO files.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import fuzz

from .. import __version__, languages
from ..catalog import pofile
from ..errors import L10nError
from ..files import Signature, read_bytes, write_atomic, write_if_unchanged
from ..gcpause import collector_paused
from ..languages import CODES
from ..numbers import ARABIC_DIGITS, MONTH_FORMS, month_table
from ..workspace import Workspace, WriteGuard
from ..workspace.cache import code_fingerprint
from . import tmx

_INDEX_FORMAT = 2
ALIGNED = "aligned"  # the x-l10n-origin prop of units made by `l10n tm align`
ORIGIN_PROP, DOCUMENT_PROP = "x-l10n-origin", "x-l10n-document"
_PO_KEYS = frozenset({"document", "source", "target", "entries"})
EXACT, NEAR, REPAIRED, FUZZY = "exact", "near", "repaired", "fuzzy"
REPAIRED_SCORE = 95.0
FUZZY_CAP = 94.0       # a fuzzy match always ranks below exact, near and repaired ones
REORDER_COST = 20.0    # the most a reordering of the same words costs
LENGTH_KNEE = 0.7      # below this length ratio the score shrinks in proportion
_CANDIDATES = 50       # fuzzy candidates rescored per lookup
_FEW_WORDS = 2         # sentences this short are also compared one by one
_POSTINGS_BUDGET = 30_000

# -- text keys -------------------------------------------------------------------------

_MARKS = {c: None for c in (0x0640, 0x0670, *range(0x064B, 0x0660))}  # tatweel, harakat
_FOLD = str.maketrans(_MARKS | ARABIC_DIGITS)
_SEPARATORS = ".,'\u00a0\u202f\u2009\u066b\u066c"  # a plain space too, before 3 digits
_SEP_TO_DOT = str.maketrans({c: "." for c in _SEPARATORS + " "})
_SPLIT_NUMBER = re.compile(f"([{_SEPARATORS} ])")
_NUMBER = re.compile(rf"\d+(?:[{_SEPARATORS}]\d+| \d{{3}}(?!\d))*")
_TOKEN = re.compile(_NUMBER.pattern +  # on the text as written, marks inside words
                    r"|(?:[^\W\d_]|[\u0300-\u036f\u064b-\u065f\u0670\u0640])+")
_WORD_OR_NUMBER = re.compile(r"\d+(?:\.\d+)*|[^\W\d_]+")  # on folded text: much faster
_DIGIT = re.compile(r"\d")
_ARABIC = re.compile("[\u0640-\u06ff]")
_DIGIT_SCRIPTS = ("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹")  # Arabic-Indic, Eastern Arabic-Indic

_MONTHS = {lang: month_table(lang) for lang in CODES}
_MONTH_WORDS = {lang: frozenset(table) for lang, table in _MONTHS.items()}


def _keys(text: str, lang: str) -> tuple[list[str], str | None]:
    """Words and numbers (case and Arabic marks folded, digit groups kept as "1.000"), and
    the shape: the words with numbers and month names as blanks (None when there are none).

    >>> _keys("Le 1 000e Sommet, en mars 2021 !", "fr")
    (['le', '1.000', 'e', 'sommet', 'en', 'mars', '2021'], 'le 0 e sommet en § 0')
    """
    folded = (text.translate(_FOLD) if _ARABIC.search(text) else text).casefold()
    numbers = _DIGIT.search(folded) is not None
    if numbers:
        folded = _NUMBER.sub(lambda m: m.group().translate(_SEP_TO_DOT), folded)
    tokens = _WORD_OR_NUMBER.findall(folded)
    if not numbers and _MONTH_WORDS[lang].isdisjoint(tokens):
        return tokens, None
    months = _MONTHS[lang]
    return tokens, " ".join("0" if "0" <= t[0] <= "9" else "§" if t in months else t
                            for t in tokens)


def _folded(text: str) -> str:
    return " ".join(text.translate(_FOLD).casefold().split())


def _near_score(query: str, source: str) -> float:
    """Same words: 99 if only whitespace differs, 98 if case (or Arabic marks, digit script)
    too, 97 if punctuation too."""
    if " ".join(query.split()) == " ".join(source.split()):
        return 99.0
    return 98.0 if _folded(query) == _folded(source) else 97.0


def _fuzzy_score(query: str, source: str) -> tuple[float, float]:
    """(score, similarity) of two texts reduced to their words (see README)."""
    similarity = max(fuzz.ratio(query, source),
                     fuzz.token_sort_ratio(query, source) - REORDER_COST)
    shorter, longer = sorted((len(query), len(source)))
    ratio = shorter / longer if longer else 1.0
    score = similarity * min(1.0, ratio / LENGTH_KNEE)
    return min(FUZZY_CAP, score), similarity


# -- repairing numbers and dates -------------------------------------------------------

@dataclass(frozen=True)
class _Slot:
    """A number or month name in a text: its value, how it is written and where."""

    value: str  # "1.000" for 1 000 or 1,000; "§4" for April
    text: str
    start: int
    end: int
    family: str | None = None  # month names: fr, en, ar, ar-maghreb


def _slots(text: str, lang: str) -> list[_Slot]:
    months = _MONTHS[lang]
    slots = []
    for match in _TOKEN.finditer(text):
        token = match.group().translate(_FOLD).casefold()
        if "0" <= token[0] <= "9":
            slots.append(_Slot(token.translate(_SEP_TO_DOT), match.group(), *match.span()))
        elif token in months:
            family, month = months[token]
            slots.append(_Slot(f"§{month}", match.group(), *match.span(), family))
    return slots


def _repair(query: str, source: str, target: str, *, source_lang: str,
            target_lang: str) -> tuple[str, tuple[str, ...]] | None:
    """The target with the query's numbers and dates in place of the source's, if certain.

    Every changed value must appear in the target; a value the source uses twice must
    change the same way both times. Otherwise there is no repair (None).

    >>> _repair("Le 3 mars 2021", "Le 2 mars 2020", "On 2 March 2020",
    ...         source_lang="fr", target_lang="en")
    ('On 3 March 2021', ('2 → 3', '2020 → 2021'))
    """
    new_slots, old_slots = _slots(query, source_lang), _slots(source, source_lang)
    if len(new_slots) != len(old_slots):
        return None
    plan: dict[str, tuple[_Slot, _Slot]] = {}
    for old, new in zip(old_slots, new_slots):
        if old.value.startswith("§") != new.value.startswith("§"):
            return None
        planned = plan.setdefault(old.value, (old, new))
        if planned[1].value != new.value:
            return None
    plan = {value: pair for value, pair in plan.items() if pair[0].value != pair[1].value}
    parts, done, position = [], set(), 0
    for slot in _slots(target, target_lang):
        if slot.value not in plan:
            continue
        old, new = plan[slot.value]
        written = _render(slot, old, new)
        if written is None:
            return None
        parts += [target[position:slot.start], written]
        position = slot.end
        done.add(slot.value)
    if not plan or done != plan.keys():
        return None
    changes = tuple(f"{old.text} → {new.text}" for old, new in plan.values())
    return "".join(parts) + target[position:], changes


def _render(target: _Slot, old: _Slot, new: _Slot) -> str | None:
    """The new value written the way the target wrote the old one."""
    if target.family:
        word = MONTH_FORMS[target.family].split()[int(new.value[1:]) - 1]
        return word.capitalize() if target.text[:1].isupper() else word
    target_parts = _SPLIT_NUMBER.split(target.text)
    old_parts = _SPLIT_NUMBER.split(old.text)
    new_parts = _SPLIT_NUMBER.split(new.text.translate(ARABIC_DIGITS))
    if target_parts[1::2] == old_parts[1::2]:
        written = "".join(new_parts)
    elif len(new_parts) == len(old_parts) == len(target_parts):
        written = "".join(new if i % 2 == 0 else sep for i, (new, sep)
                          in enumerate(zip(new_parts, target_parts)))
    else:
        return None
    for digits in _DIGIT_SCRIPTS:
        if any(c in digits for c in target.text):
            return written.translate(str.maketrans("0123456789", digits))
    return written


# -- the memory ------------------------------------------------------------------------

@dataclass(frozen=True)
class Pair:
    source: str
    target: str
    origin: str  # "news/a [en]" (a PO), "news/a [en+ar]" (two targets), "tm/x.tmx"


@dataclass(frozen=True)
class Match:
    kind: str          # exact, near, repaired or fuzzy
    score: float
    source: str        # the memory's sentence
    target: str        # its translation, as stored
    translation: str   # what to propose: the target, with the new values when repaired
    origin: str
    others: int = 0    # other translations the memory holds for the same sentence
    changes: tuple[str, ...] = ()  # repaired values, e.g. "2020 → 2021"

    @property
    def detail(self) -> str:
        """What a provenance note says: kind first (`l10n approve --exact` relies on it)."""
        text = f"{self.kind} {int(self.score)} from {self.origin}"
        if self.changes:
            text += f" ({', '.join(self.changes)})"
        if self.others:
            text += f", {self.others} other translation{'s' if self.others > 1 else ''}"
        return text


@dataclass(frozen=True)
class PoRecord:
    """The reviewed (msgid, msgstr) entries of one PO file."""

    path: str
    document: str
    source_lang: str
    target_lang: str
    entries: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class TmxRecord:
    """The units of one TMX file, as (language, text) for fr, ar and en, and where each
    came from when the unit says so ("aligned from DOC"; None: from the file itself)."""

    path: str
    units: tuple[tuple[tuple[str, str], ...], ...]
    origins: tuple[str | None, ...] = ()


def _check_direction(source_lang: str, target_lang: str) -> None:
    for lang in (source_lang, target_lang):
        languages.get(lang)
    if source_lang == target_lang:
        raise L10nError("the source and target languages are the same")


class Memory:
    """Sentence pairs from PO and TMX records, indexed per direction on first use."""

    def __init__(self, catalogs: Sequence[PoRecord] = (), tms: Sequence[TmxRecord] = ()) -> None:
        self.catalogs = tuple(catalogs)
        self.tms = tuple(tms)
        self._indexes: dict[tuple[str, str], _Index] = {}

    def pairs(self, source_lang: str, target_lang: str) -> list[Pair]:
        """Every pair for this direction: POs (direct, reversed, between targets), then TMX."""
        _check_direction(source_lang, target_lang)
        return list(self._pairs(source_lang, target_lang))

    def _pairs(self, a: str, b: str) -> Iterator[Pair]:
        documents: dict[tuple[str, str], dict[str, dict[str, str]]] = {}
        for record in self.catalogs:
            origin = f"{record.document} [{record.target_lang}]"
            if (record.source_lang, record.target_lang) == (a, b):
                yield from (Pair(s, t, origin) for s, t in record.entries)
            elif (record.source_lang, record.target_lang) == (b, a):
                yield from (Pair(t, s, origin) for s, t in record.entries)
            elif record.source_lang not in (a, b):
                group = documents.setdefault((record.document, record.source_lang), {})
                group[record.target_lang] = dict(record.entries)
        for (document, _), by_lang in documents.items():
            if a in by_lang and b in by_lang:
                origin = f"{document} [{a}+{b}]"
                yield from (Pair(text, by_lang[b][msgid], origin)
                            for msgid, text in by_lang[a].items() if msgid in by_lang[b])
        for tm in self.tms:
            for k, unit in enumerate(tm.units):
                texts = dict(unit)
                if a in texts and b in texts:
                    yield Pair(texts[a], texts[b], (tm.origins[k] if tm.origins else None)
                               or tm.path)

    def lookup(self, text: str, *, source_lang: str, target_lang: str, threshold: float,
               limit: int = 1) -> list[Match]:
        """The best matches at or above `threshold`, best first, one per memory sentence."""
        _check_direction(source_lang, target_lang)
        index = self._indexes.get((source_lang, target_lang))
        if index is None:
            with collector_paused():
                index = _Index(self._pairs(source_lang, target_lang), source_lang, target_lang)
            self._indexes[(source_lang, target_lang)] = index
        return index.lookup(text, threshold=threshold, limit=limit)


class _Scored(NamedTuple):
    score: float
    similarity: float  # breaks ties between equal scores
    kind: str
    translation: str
    changes: tuple[str, ...] = ()


class _Index:
    """One direction: unique sentences, their translations, and the lookup tables.

    Sentences are stored shortest first (by their words), so the lengths that can reach
    a threshold are one slice and each word's postings are sorted.
    """

    def __init__(self, pairs: Iterator[Pair], source_lang: str, target_lang: str) -> None:
        import numpy as np  # a heavy import, only once a lookup needs it
        self._np = np
        self.source_lang, self.target_lang = source_lang, target_lang
        ids: dict[str, int] = {}
        choices: list[dict[str, list]] = []
        for pair in pairs:
            i = ids.setdefault(pair.source, len(ids))
            if i == len(choices):
                choices.append({})
            seen = choices[i].setdefault(pair.target, [0, pair.origin])
            seen[0] += 1
        bare, shapes = [], []
        vocabulary: dict[str, int] = {}
        words, sentences = array("i"), array("i")  # (word, sentence) pairs, no int objects
        for i, text in enumerate(ids):
            tokens, shape = _keys(text, source_lang)
            bare.append(" ".join(tokens))
            shapes.append(shape)
            for token in set(tokens):
                words.append(vocabulary.setdefault(token, len(vocabulary)))
                sentences.append(i)
        self.lengths = np.array([len(b) for b in bare], dtype=np.int32)
        order = np.argsort(self.lengths, kind="stable")  # among equal lengths, first seen
        self.lengths = self.lengths[order]
        position = np.empty(len(order), dtype=np.int32)
        position[order] = np.arange(len(order), dtype=np.int32)
        self.order = order.tolist()
        sources = list(ids)
        self.sources = [sources[i] for i in self.order]
        self.bare = np.array([bare[i] for i in self.order], dtype=object)  # fast to pick from
        # most often seen first; among equals the first seen (sort() is stable)
        self.translations = [[(t, n, o) for t, (n, o) in choices[i].items()]
                             for i in self.order]
        for translations in self.translations:
            if len(translations) > 1:
                translations.sort(key=lambda x: -x[1])
        self.few_words = np.array([at for at, text in enumerate(self.bare)
                                   if text and text.count(" ") < _FEW_WORDS], dtype=np.int64)
        self.by_bare: dict[str, list[int]] = defaultdict(list)
        self.by_shape: dict[str, list[int]] = defaultdict(list)
        for at, i in enumerate(self.order):
            self.by_bare[bare[i]].append(at)
            if shapes[i] is not None:
                self.by_shape[shapes[i]].append(at)
        word_ids = np.frombuffer(words, dtype=np.int32)
        at = position[np.frombuffer(sentences, dtype=np.int32)]
        ranked = np.lexsort((at, word_ids))
        at, bounds = at[ranked], np.searchsorted(word_ids[ranked],
                                                 np.arange(len(vocabulary) + 1))
        self.postings = {t: at[bounds[k]:bounds[k + 1]] for t, k in vocabulary.items()}
        self.weights = {t: math.log(1 + len(order) / (bounds[k + 1] - bounds[k]))
                        for t, k in vocabulary.items()}

    def lookup(self, text: str, *, threshold: float, limit: int) -> list[Match]:
        tokens, shape = _keys(text, self.source_lang)
        bare = " ".join(tokens)
        found: dict[int, _Scored] = {}
        for i in self.by_bare.get(bare, ()):
            if self.sources[i] == text:
                found[i] = _Scored(100.0, 100.0, EXACT, self.translations[i][0][0])
            elif bare:
                found[i] = _Scored(_near_score(text, self.sources[i]), 100.0, NEAR,
                                   self.translations[i][0][0])
        for i in self.by_shape.get(shape, ()) if shape else ():
            if i not in found:
                found[i] = self._repaired(text, bare, i)
        if sum(1 for f in found.values() if f.score >= REPAIRED_SCORE) < limit and bare:
            for i in self._candidates(tokens, bare, threshold):
                if i not in found:
                    found[i] = _Scored(*_fuzzy_score(bare, self.bare[i]), FUZZY,
                                       self.translations[i][0][0])
        ranked = sorted((i for i, f in found.items() if f.score >= threshold),
                        key=lambda i: (-found[i].score, -found[i].similarity,
                                       -self.translations[i][0][1], self.order[i]))
        return [self._match(i, found[i]) for i in ranked[:limit]]

    def _repaired(self, text: str, bare: str, i: int) -> _Scored:
        score, similarity = _fuzzy_score(bare, self.bare[i])
        target = self.translations[i][0][0]
        repaired = _repair(text, self.sources[i], target, source_lang=self.source_lang,
                           target_lang=self.target_lang)
        if repaired is None:
            return _Scored(score, similarity, FUZZY, target)
        return _Scored(REPAIRED_SCORE, similarity, REPAIRED, *repaired)

    def _candidates(self, tokens: list[str], bare: str, threshold: float) -> list[int]:
        """Sentences that may reach the threshold.

        Only lengths that can reach it are searched: rapidfuzz's ratio, 2·common /
        (len a + len b), cannot reach t below a length ratio of t / (200 − t). Words are
        taken rarest first until their postings pass a budget; sentences are ranked by
        the weight (idf) of the words they share, and the best are rescored, first with
        rapidfuzz's vectorised bounds of the score. Where the cut falls among sentences of
        equal weight (short queries whose only shared words are common ones), the closer
        by ratio are kept. Queries and sentences of one or two words are also compared
        one by one: one changed word (a clitic, an ending, a typo) can leave them no word
        in common.
        """
        from rapidfuzz import process
        np = self._np
        length = len(bare)
        shortest = threshold / (200 - threshold) if threshold < 100 else 1.0
        low = int(np.searchsorted(self.lengths, length * shortest, "left"))
        high = int(np.searchsorted(self.lengths, length / shortest, "right")) if shortest \
            else len(self.lengths)
        hits = self._sharing(tokens, bare, low, high)
        if len(tokens) <= _FEW_WORDS:
            start, end = np.searchsorted(self.few_words, [low, high])
            few = self.few_words[start:end]
            ratios = process.cdist([bare], self.bare[few], scorer=fuzz.ratio,
                                   dtype=np.float32)[0]
            hits = np.union1d(hits, few[ratios >= threshold])
        if not len(hits):
            return []
        choices = self.bare[hits]
        upper = np.maximum(
            process.cdist([bare], choices, scorer=fuzz.ratio)[0],
            process.cdist([bare], choices, scorer=fuzz.token_sort_ratio)[0] - REORDER_COST)
        return hits[upper >= threshold].tolist()

    def _sharing(self, tokens: list[str], bare: str, low: int, high: int):
        """The best-ranked sentences in [low, high) that share a word with the query, as
        an array of positions."""
        from rapidfuzz import process
        np = self._np
        window = []
        for token in set(tokens):
            postings = self.postings.get(token)
            if postings is not None:
                start, end = np.searchsorted(postings, [low, high])
                if end > start:
                    window.append((end - start, token, postings[start:end]))
        window.sort(key=lambda w: (w[0], w[1]))
        chosen, total = [], 0
        for size, token, postings in window:
            if chosen and total + size > _POSTINGS_BUDGET:
                break
            chosen.append((size, token, postings))
            total += size
        if not chosen:
            return np.empty(0, dtype=np.int64)
        ids = np.concatenate([p for _, _, p in chosen]) - low
        weights = np.repeat([self.weights[t] for _, t, _ in chosen], [n for n, _, _ in chosen])
        scores = np.bincount(ids, weights=weights, minlength=high - low)
        hits = np.nonzero(scores > 0)[0]  # much faster than flatnonzero on floats
        if len(hits) > _CANDIDATES:
            weight = scores[hits]
            # the 50th best weight; numpy selects it ~2x faster counted from the front
            edge = -np.partition(-weight, _CANDIDATES - 1)[_CANDIDATES - 1]
            tied, hits = hits[weight == edge], hits[weight > edge]
            room = _CANDIDATES - len(hits)
            if len(tied) > room:
                closeness = process.cdist([bare], self.bare[tied + low], scorer=fuzz.ratio,
                                          dtype=np.float32)[0]
                tied = tied[np.argpartition(closeness, -room)[-room:]]
            hits = np.concatenate([hits, tied])
        return hits + low

    def _match(self, i: int, found: _Scored) -> Match:
        target, _, origin = self.translations[i][0]
        return Match(found.kind, found.score, self.sources[i], target, found.translation,
                     origin, len(self.translations[i]) - 1, found.changes)


# -- the workspace's memory and its index under .l10n/ --------------------------------

def load(ws: Workspace) -> Memory:
    """The workspace's memory; only files changed since the last run are read again."""
    index_path = ws.memory_index_path
    saved = _read_index(index_path)
    files: dict[str, dict] = {}
    languages: dict[str, str] | None = None
    for path in ws.memory_files():
        rel = ws.relative(path)
        signature = Signature.of(path)
        if signature is None:
            continue
        record = saved.get(rel)
        if record is None or record.get("signature") != signature.digest:
            if path.suffix == ".po":
                record = _read_po(ws, path)
                if record["source"] is None:  # no usable X-Source-Language header
                    if languages is None:
                        languages = {d.name: d.lang for d in ws.documents()}
                    record["source"] = languages.get(record["document"])
            else:
                units = _tmx_units(tmx.read(path))
                record = {"units": [list(map(list, u)) for u, _ in units],
                          "origins": [origin for _, origin in units]}
            record["signature"] = signature.digest
        files[rel] = record
    if files != saved:
        data = {"version": code_fingerprint(), "format": _INDEX_FORMAT, "files": files}
        write_atomic(index_path, json.dumps(data, ensure_ascii=False, sort_keys=True,
                                            separators=(",", ":")).encode("utf-8"))
    catalogs, tms = [], []
    for rel, record in files.items():
        if "units" in record:
            tms.append(TmxRecord(rel, tuple(tuple(map(tuple, u)) for u in record["units"]),
                                 tuple(record["origins"])))
        elif record["source"]:
            catalogs.append(PoRecord(rel, record["document"], record["source"],
                                     record["target"], tuple(map(tuple, record["entries"]))))
    return Memory(catalogs, tms)


def _read_index(path: Path) -> dict[str, dict]:
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    fresh = isinstance(saved, dict) and saved.get("version") == code_fingerprint() and \
        saved.get("format") == _INDEX_FORMAT and isinstance(saved.get("files"), dict)
    return {rel: record for rel, record in saved["files"].items()
            if _well_formed(record)} if fresh else {}


def _well_formed(record: object) -> bool:
    """Whether an index record has the shape `load` writes (else its file is read again)."""
    if not isinstance(record, dict) or not isinstance(record.get("signature"), str):
        return False
    if "units" in record:
        origins = record.get("origins")
        return isinstance(record["units"], list) and all(map(_text_pairs, record["units"])) \
            and isinstance(origins, list) and len(origins) == len(record["units"]) \
            and all(isinstance(o, (str, type(None))) for o in origins)
    return _PO_KEYS <= record.keys() and isinstance(record["document"], str) and \
        isinstance(record["target"], str) and isinstance(record["source"], (str, type(None))) \
        and _text_pairs(record["entries"])


def _text_pairs(items: object) -> bool:
    return isinstance(items, list) and all(
        isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)
        for item in items)


def _read_po(ws: Workspace, path: Path) -> dict:
    target = path.relative_to(ws.translations_dir).parts[0]
    document = path.relative_to(ws.translations_dir / target).with_suffix("").as_posix()
    catalog = pofile.read(path)
    source = catalog.header.get("X-Source-Language", "").strip()
    if source not in CODES or source == target:
        source = None
    entries = [[msgid, msgstr] for (_, msgid), msgstr in catalog.reviewed().items()]
    return {"document": document, "source": source, "target": target, "entries": entries}


def _tmx_units(memory: tmx.Tmx) -> list[tuple[tuple[tuple[str, str], ...], str | None]]:
    """Units with at least two of fr, ar, en (the first variant of each language), and
    their origin when `l10n tm align` made them ("aligned from DOC")."""
    units = []
    for unit in memory.units:
        texts: dict[str, str] = {}
        for code, text in unit.variants:
            lang = re.split("[-_]", code, maxsplit=1)[0].lower()
            if lang in CODES and text.strip():
                texts.setdefault(lang, text)
        if len(texts) >= 2:
            props = dict(unit.props)
            origin = f"{ALIGNED} from {props.get(DOCUMENT_PROP) or '?'}" \
                if props.get(ORIGIN_PROP) == ALIGNED else None
            units.append((tuple(texts.items()), origin))
    return units


# -- TMX import and export -------------------------------------------------------------

@dataclass(frozen=True)
class Imported:
    path: Path
    units: int
    pairs: dict[str, int]  # "en-fr" -> units holding both languages
    already: bool = False  # the same file was already in tm/


def import_tmx(ws: Workspace, sources: list[Path],
               progress: Callable[[str, int, int], None] | None = None) -> list[Imported]:
    """Copy valid TMX files into tm/ (never over a different file of the same name). Every
    file is read and checked before the first is copied. `progress`: see `tmx.parse`."""
    guard = WriteGuard(ws.root)
    planned = []
    for source in sources:
        data = read_bytes(source)
        parsed = tmx.parse(data, source, progress)
        counts: dict[str, int] = {}
        for unit, _ in _tmx_units(parsed):
            for a, b in combinations(sorted(lang for lang, _ in unit), 2):
                counts[f"{a}-{b}"] = counts.get(f"{a}-{b}", 0) + 1
        dest = guard(ws.tm_dir / source.with_suffix(".tmx").name)
        if any(dest == other.path for other, _ in planned):
            raise L10nError(f"two files would be imported as {ws.relative(dest)}", path=source,
                            hint="rename one of them")
        already = dest.exists() and read_bytes(dest) == data
        if dest.exists() and not already:
            raise L10nError(f"{ws.relative(dest)} already exists with other content",
                            path=source, hint="rename the file to import, or delete the old "
                                              "one from tm/ to replace it")
        planned.append((Imported(dest, len(parsed.units), counts, already), data))
    for imported, data in planned:
        if not imported.already and not write_if_unchanged(imported.path, data, expected=None):
            raise L10nError("another file appeared at the same place meanwhile",
                            path=imported.path)
    return [imported for imported, _ in planned]


def export_tmx(memory: Memory, path: Path, *, source_lang: str, target_lang: str) -> int:
    """Write the memory's distinct pairs for one direction as TMX 1.4b; returns how many."""
    pairs = list(dict.fromkeys((p.source, p.target)
                               for p in memory.pairs(source_lang, target_lang)))
    write_atomic(path, tmx.serialize(pairs, source_lang=source_lang, target_lang=target_lang,
                                     tool_version=__version__))
    return len(pairs)
