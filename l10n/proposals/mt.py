"""Offline machine translation with Argos packages, run by CTranslate2 and SentencePiece.

argostranslate's own translate path is avoided: it downloads a sentence splitter, drops
underscores, collapses whitespace, and decodes without a length bound. Here units are
already sentences; each is masked (`masking`), tokenised, translated in length-sorted
batches with a decoding bound per batch, several batches in flight at once, decoded
exactly, unmasked and checked for degenerate output (which is still returned, flagged).
Without a direct package, fr↔ar goes through English, optionally starting from a
reviewed English text. Every model output is cached by model and input text.
No catalog knowledge here; heavy libraries are imported when a model is first needed.
"""

from __future__ import annotations

import hashlib
import math
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..errors import L10nError
from ..glossary import Glossary
from . import masking
from .models import Package, load

PIVOT = "en"
ENGINE = "argos"
_DECODER = "ct2-1"  # bump when decoding options change, so cached outputs are not reused
LENGTH_RATIO = (0.5, 2.0)  # (len(output) + 10) / (len(source) + 10) outside this is flagged
Progress = Callable[[int], None]  # called with the number of units just finished


@dataclass(frozen=True)
class Options:
    beam_size: int = 4
    threads: int = 1  # CPU cores to use
    batch_size: int = 32  # sentences decoded together


@dataclass(frozen=True)
class Translation:
    text: str
    route: tuple[str, ...]  # languages, e.g. ("fr", "en", "ar")
    packages: tuple[Package, ...]  # the packages that ran (a reviewed pivot skips one)
    reviewed_pivot: bool = False  # started from a reviewed English translation
    flags: tuple[str, ...] = ()  # why the output looks degenerate


class Model:
    """One package loaded: its SentencePiece model and a CTranslate2 translator."""

    def __init__(self, package: Package, options: Options) -> None:
        self.package = package
        self.options = options
        # Parallel batches on one thread each beat one batch on many threads on few cores.
        replicas = _replicas(options.threads)
        self._sp, self._translator = load(package.path, inter_threads=replicas,
                                          intra_threads=max(1, options.threads // replicas))
        self._replicas = replicas

    def translate(self, texts: list[str]) -> list[str]:
        """Translate sentences, shortest first in batches, each batch's length bounded."""
        pieces = self._sp.encode(texts, out_type=str)
        order = sorted(range(len(texts)), key=lambda i: len(pieces[i]))
        # Batches of even size, none over batch_size, in a multiple of the replicas so
        # that none sits idle at the end.
        count = math.ceil(len(texts) / self.options.batch_size)
        count = math.ceil(count / self._replicas) * self._replicas
        size = max(1, math.ceil(len(texts) / count))
        prefix = self.package.target_prefix
        running = []
        for first in range(0, len(order), size):
            batch = order[first:first + size]
            tokens = [pieces[i] for i in batch]
            running.append((batch, self._translator.translate_batch(
                tokens, target_prefix=[[prefix]] * len(batch) if prefix else None,
                asynchronous=True, beam_size=self.options.beam_size, length_penalty=0.2,
                max_decoding_length=int(1.5 * max(map(len, tokens))) + 10,
                replace_unknowns=True)))
        out = [""] * len(texts)
        for batch, results in running:
            for i, result in zip(batch, results):
                hypothesis = result.result().hypotheses[0]
                if prefix and hypothesis[:1] == [prefix]:
                    hypothesis = hypothesis[1:]
                out[i] = self._sp.decode(hypothesis)
        return out


def model_key(package: Package, options: Options) -> str:
    """What identifies a model's outputs: its files' content and the decoding options."""
    digest = hashlib.sha256(f"{_DECODER} beam={options.beam_size}".encode())
    for name in ("metadata.json", "sentencepiece.model", "model/config.json"):
        path = package.path / name
        digest.update(path.read_bytes() if path.exists() else b"-")
    weights = package.path / "model" / "model.bin"
    size = weights.stat().st_size
    digest.update(str(size).encode())
    with open(weights, "rb") as handle:  # its ends: cheap, and differ between models
        digest.update(handle.read(1 << 20))
        handle.seek(max(0, size - (1 << 20)))
        digest.update(handle.read())
    return digest.hexdigest()[:32]


_CORRUPT = ("SQLITE_CORRUPT", "SQLITE_NOTADB")  # errors that deleting the cache cures
_T = TypeVar("_T")


class Cache:
    """Model outputs by model key and input text, in an SQLite file under .l10n/.

    SQLite gives atomic, concurrent-safe updates of a growing table, which rewriting a
    whole file per batch would not. Deleting the file only means translating again, so a
    corrupt one (a disk fault, a copy cut short) is deleted and started afresh.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self, model: str, texts: list[str]) -> dict[str, str]:
        def select(connection: sqlite3.Connection) -> dict[str, str]:
            found: dict[str, str] = {}
            for first in range(0, len(texts), 500):
                chunk = texts[first:first + 500]
                found.update(connection.execute(
                    f"SELECT source, target FROM mt WHERE model = ? AND source IN "
                    f"({','.join('?' * len(chunk))})", [model, *chunk]))
            return found
        return self._run(select)

    def put(self, model: str, pairs: list[tuple[str, str]]) -> None:
        self._run(lambda connection: connection.executemany(
            "INSERT OR REPLACE INTO mt VALUES (?, ?, ?)", [(model, s, t) for s, t in pairs]))

    def _run(self, work: Callable[[sqlite3.Connection], _T], *, afresh: bool = False) -> _T:
        """`work` on a connection, committed; SQLite failures said plainly."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=30)
            try:
                connection.execute("CREATE TABLE IF NOT EXISTS mt (model TEXT, source TEXT, "
                                   "target TEXT, PRIMARY KEY (model, source)) WITHOUT ROWID")
                result = work(connection)
                connection.commit()
                return result
            finally:
                connection.close()
        except sqlite3.Error as exc:
            if afresh or getattr(exc, "sqlite_errorname", "") not in _CORRUPT:
                raise L10nError(f"the translation cache is unusable: {exc}", path=self.path,
                                hint="delete it; it only saves time") from None
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        return self._run(work, afresh=True)



@dataclass
class _Job:
    """One text on its way through the legs of its route."""

    lead: str
    trail: str
    source: str  # the text the first leg starts from, without outer whitespace
    masked: masking.Masked
    legs: tuple[Package, ...]
    current: str
    reviewed_pivot: bool


class Engine:
    """Translates between the languages of the installed packages, directly or via English.

    `model_calls` counts sentences a model decoded, `cache_hits` those taken from the cache.
    """

    def __init__(self, packages: Sequence[Package], *, options: Options = Options(),
                 cache: Cache | None = None, glossary: Glossary | None = None) -> None:
        self.packages = {(p.source, p.target): p for p in packages}
        self.options = options
        self.cache = cache
        self.glossary = glossary
        self.model_calls = 0
        self.cache_hits = 0
        self._models: dict[Path, Model] = {}
        self._keys: dict[Path, str] = {}

    def route(self, source: str, target: str) -> tuple[Package, ...]:
        """The packages to run, in order: a direct one, or two through English."""
        direct = self.packages.get((source, target))
        if direct:
            return (direct,)
        first, second = self.packages.get((source, PIVOT)), self.packages.get((PIVOT, target))
        if first and second and PIVOT not in (source, target):
            return first, second
        wanted = f"translate-{source}_{target}"
        if PIVOT not in (source, target):
            wanted += f", or translate-{source}_{PIVOT} and translate-{PIVOT}_{target}"
        raise L10nError(f"no model installed for {source}→{target}",
                        hint=f"install {wanted} with `l10n models install`")

    def translate(self, texts: Sequence[str], *, source: str, target: str,
                  pivots: Sequence[str | None] | None = None,
                  progress: Progress | None = None) -> list[Translation]:
        """Translate `texts` (sentences), in order. Where the route goes through English and
        `pivots[i]` is a reviewed English translation of `texts[i]`, start from it."""
        route = self.route(source, target)
        languages = (source, PIVOT, target) if len(route) == 2 else (source, target)
        jobs = [self._job(text, pivots[i] if pivots and len(route) == 2 else None,
                          source=source, target=target, route=route)
                for i, text in enumerate(texts)]
        live = sorted((job for job in jobs if job), key=lambda job: -len(job.current))
        if progress and len(live) < len(jobs):
            progress(len(jobs) - len(live))
        # Chunks of similar length through every leg: several batches in flight, and
        # progress in whole units. Longest first, so the first rate shown is pessimistic.
        step = self.options.batch_size * _replicas(self.options.threads) * 4
        done: dict[tuple[Path, str], str] = {}  # this call's outputs, by model and input
        for first in range(0, len(live), step):
            chunk = live[first:first + step]
            for package in route:
                todo = [job for job in chunk if package in job.legs]
                for job, output in zip(todo, self._run(package, [j.current for j in todo],
                                                       done)):
                    job.current = output
            if progress:
                progress(len(chunk))
        results = []
        for text, job in zip(texts, jobs):
            if job is None:
                results.append(Translation(text, languages, ()))
                continue
            restored, problems = masking.unmask(job.current, job.masked)
            flags = problems + check(job.source, restored, masked=job.masked.text,
                                     output=job.current)
            results.append(Translation(job.lead + restored + job.trail, languages, job.legs,
                                       job.reviewed_pivot, tuple(flags)))
        return results

    def _job(self, text: str, pivot: str | None, *, source: str, target: str,
             route: tuple[Package, ...]) -> _Job | None:
        """A text masked for its first leg; None when there is nothing to translate."""
        start, lang, legs = (pivot, PIVOT, route[1:]) if pivot else (text, source, route)
        lead, core, trail = masking.split_outer(text)
        start_core = masking.split_outer(start)[1]
        if not core or not start_core:
            return None
        masked = masking.mask(start_core, source=lang, target=target, glossary=self.glossary)
        return _Job(lead, trail, start_core, masked, legs, masked.text, bool(pivot))

    def _run(self, package: Package, texts: list[str],
             done: dict[tuple[Path, str], str]) -> list[str]:
        """One leg: each distinct text once, from the cache when it is there."""
        known = {t: done[(package.path, t)] for t in texts if (package.path, t) in done}
        distinct = [t for t in dict.fromkeys(texts) if t not in known]
        if package.path not in self._keys:
            self._keys[package.path] = model_key(package, self.options)
        key = self._keys[package.path]
        if self.cache and distinct:
            known.update(self.cache.get(key, distinct))
        missing = [t for t in distinct if t not in known]
        self.cache_hits += len(distinct) - len(missing)
        if missing:
            if package.path not in self._models:
                self._models[package.path] = Model(package, self.options)
            fresh = list(zip(missing, self._models[package.path].translate(missing)))
            self.model_calls += len(missing)
            if self.cache:
                self.cache.put(key, fresh)
            known.update(fresh)
        done.update(((package.path, t), known[t]) for t in texts)
        return [known[t] for t in texts]


def _replicas(threads: int) -> int:
    """Translators running batches in parallel: one per core, up to 4 (memory grows)."""
    return max(1, min(threads, 4))


def check(source: str, translation: str, *, masked: str, output: str) -> list[str]:
    """Signs of degenerate output: a repetition loop, an odd length, invented numbers.

    `masked` and `output` are the model's input and output, masks in place (numbers are
    masked, so lost or repeated ones are found when unmasking).
    >>> check("Il a dit oui.", "He said yes yes yes yes yes.", masked="Il a dit oui.",
    ...       output="He said yes yes yes yes yes.")
    ['repetition «yes» ×5']
    """
    flags = []
    count, gram = _longest_repeat(_tokens(output))
    if count >= 4 and count > _longest_repeat(_tokens(masked))[0]:
        flags.append(f"repetition «{' '.join(gram)}» ×{count}")
    ratio = (len(translation) + 10) / (len(source) + 10)
    if not LENGTH_RATIO[0] <= ratio <= LENGTH_RATIO[1]:
        flags.append(f"length ratio {ratio:.1f}")
    invented = Counter(_numbers(output)) - Counter(_numbers(masked))
    if invented:
        flags.append("invented number " + ", ".join(sorted(invented)))
    return flags


def _tokens(text: str) -> list[str]:
    return re.findall(r"⟦\d+⟧|\w+|[^\w\s]", text)


def _longest_repeat(tokens: list[str]) -> tuple[int, list[str]]:
    """The most consecutive repeats of one n-gram (n ≤ 4), and that n-gram."""
    best: tuple[int, list[str]] = (1, [])
    for n in range(1, 5):
        i = 0
        while i + 2 * n <= len(tokens):
            gram, count = tokens[i:i + n], 1
            while tokens[i + count * n:i + (count + 1) * n] == gram:
                count += 1
            if count > best[0]:
                best = (count, gram)
            i += (count - 1) * n + 1 if count > 1 else 1
    return best


def _numbers(text: str) -> list[str]:
    """Digit runs outside masks, in ASCII digits (Arabic-Indic ٣ counts as 3)."""
    return ["".join(str(unicodedata.digit(c)) for c in run)
            for run in re.findall(r"\d+", masking.MASK_PATTERN.sub(" ", text))]
