"""Sentence alignment benchmark: `l10n tm align`'s aligner against Gale–Church (`galechurch`).

Data, built from ../shared/corpora/parallel/flores200_devtest_en_fr_ar.jsonl with a seed
(the same documents, the same sentence cuts and the same run for both aligners):
- FLORES lines of one article (one URL) are consecutive; a paragraph is 2-6 consecutive
  lines of one article, a document 3-5 paragraphs of different articles. Lines that
  l10n's segmenter cuts into more than two sentences in any language are left out.
- Each document exists in fr, ar and en; the target edition of each language pair is then
  perturbed, per mix: `merge` (two sentences joined by a semicolon, twice), `split` (a
  sentence cut at a comma, twice), `drop` (two sentences left out), `insert` (two
  sentences of other articles added), `drop-run` and `insert-run` (three in a row),
  `replace-run` (three left out and three others put in their place: Gale–Church's weak
  spot), `shift` (two paragraph breaks moved by one sentence), `mixed` (one merge, split,
  drop, insert and shift, and a replace-run of two), and `clean`.
- Both editions are cut into sentences by l10n (`l10n.align.edition`, the cut `tm align`
  makes). The gold alignment follows from where every piece of text came from: source
  and target sentences sharing a sentence of a FLORES line are one bead (a line cut into
  as many sentences in both languages links them in order, as FLORES translators keep a
  line's sentences; a line cut differently counts as one whole).

Pairs are beads with sentences on both sides; a pair is right when the gold has the same
bead (strict). Precision, recall and F1 over all pairs of a mix. Gale–Church runs with its
shipped parameters, once per paragraph when both editions have as many paragraphs (its
usual use: blank-line blocks) and on the whole document otherwise ("GC"), and once on the
whole document always ("GC doc"). Times: seconds per document for aligning the same
sentences in this process (l10n: anchors, both searches and confidences; galechurch: its
Python call into Rust), without reading or cutting.

`--whole N` then times whole processes on N document pairs (fr→en, `mixed`) on files:
`l10n tm align --from fr --to en FOLDER FOLDER` (reads, cuts, aligns, writes the TMX and
the review files) against the `galechurch` command on the same sentences already cut, one
per line, blank lines between paragraphs (what it reads); the time l10n takes to cut them
is printed too.

The aligner's constants were set on seeds 1 and 3 (its development runs); report seed 2.
The seeds change which lines make a document and how it is perturbed, not the text: all
of them draw on the same 1,002 FLORES lines.

Run (needs ../shared/corpora; galechurch only for this benchmark, in this checkout's venv):
    .venv/bin/pip install galechurch
    .venv/bin/python benchmarks/bench_align.py [--seed 2] [--docs 100] [--whole 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from common import FLORES, REPO

from l10n import formats  # noqa: E402
from l10n.align import align  # noqa: E402
from l10n.align.edition import Edition, from_text  # noqa: E402
from l10n.formats.units import extract  # noqa: E402
from l10n.segmentation import Segmenter  # noqa: E402

PAIRS = (("fr", "en"), ("fr", "ar"), ("ar", "en"))
MIXES = ("clean", "merge", "split", "drop", "insert", "drop-run", "insert-run",
         "replace-run", "shift", "mixed")
TXT = formats.BY_EXTENSION[".txt"]
_COMMA = re.compile(r"[,،] ")


# -- corpus ------------------------------------------------------------------------------

Atom = tuple[int, int]  # a FLORES line and one of its sentences (-1: the whole line)


@dataclass(frozen=True)
class Line:
    """A FLORES line in each language, and where the segmenter cuts it into sentences."""

    texts: dict[str, str]
    cuts: dict[str, list[tuple[int, int]]]


def articles(segmenters: dict[str, Segmenter]) -> list[list[Line]]:
    """FLORES lines grouped by article, in file order; lines cut into more than two
    sentences in some language left out."""
    groups: dict[str, list[Line]] = {}
    for line in FLORES.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        texts = {lang: " ".join(row[lang].split()) for lang in segmenters}
        cuts = {lang: segmenters[lang].split(texts[lang]) for lang in texts}
        if all(1 <= len(spans) <= 2 for spans in cuts.values()):
            groups.setdefault(row["url"], []).append(Line(texts, cuts))
    return [g for g in groups.values() if len(g) >= 2]


@dataclass
class Piece:
    """Text made of FLORES lines: `atoms` says which sentence of which line each part of
    the text comes from, as (start, end, atom); foreign lines have negative numbers."""

    text: str
    atoms: tuple[tuple[int, int, Atom], ...]

    @property
    def ids(self) -> frozenset[int]:
        return frozenset(atom[0] for _, _, atom in self.atoms)


def line_piece(number: int, line: Line, lang: str, other: str) -> Piece:
    """A line of `lang` facing an `other` edition: a line cut into as many sentences in
    both languages is sentence by sentence (FLORES translators keep a line's sentences, in
    order: checked on the 89 lines cut in two in all three languages); otherwise a whole."""
    cuts = line.cuts[lang]
    if len(cuts) == len(line.cuts[other]):
        bounds = [0] + [start for start, _ in cuts[1:]] + [len(line.texts[lang])]
        atoms = tuple((a, b, (number, m)) for m, (a, b) in enumerate(zip(bounds, bounds[1:])))
    else:
        atoms = ((0, len(line.texts[lang]), (number, -1)),)
    return Piece(line.texts[lang], atoms)


@dataclass
class Doc:
    paragraphs: list[list[int]]               # FLORES line ids, per paragraph
    lines: dict[int, Line] = field(default_factory=dict)

    def pieces(self, lang: str, other: str) -> list[list[Piece]]:
        """The edition in `lang`, unchanged, facing one in `other`."""
        return [[line_piece(i, self.lines[i], lang, other) for i in p] for p in self.paragraphs]


def documents(count: int, rng: random.Random, groups: list[list[Line]]) -> list[Doc]:
    docs = []
    ids: dict[int, Line] = {}
    for g, group in enumerate(groups):
        for k, line in enumerate(group):
            ids[g * 100 + k] = line
    for _ in range(count):
        chosen = rng.sample(range(len(groups)), rng.randint(3, 5))
        paragraphs = []
        for g in chosen:
            size = min(len(groups[g]), rng.randint(2, 6))
            first = rng.randint(0, len(groups[g]) - size)
            paragraphs.append([g * 100 + k for k in range(first, first + size)])
        docs.append(Doc(paragraphs, {i: ids[i] for p in paragraphs for i in p}))
    return docs


def foreign(rng: random.Random, groups: list[list[Line]], doc: Doc, lang: str,
            counter: list[int]) -> Piece:
    used = {i // 100 for p in doc.paragraphs for i in p}
    g = rng.choice([g for g in range(len(groups)) if g not in used])
    counter[0] -= 1
    text = rng.choice(groups[g]).texts[lang]
    return Piece(text, ((0, len(text), (counter[0], -1)),))


def perturb(doc: Doc, lang: str, other: str, mix: str, rng: random.Random,
            groups: list[list[Line]]) -> list[list[Piece]]:
    """The target edition (in `lang`, facing `other`) as pieces, after the mix's changes."""
    paras = doc.pieces(lang, other)
    counter = [0]
    ops = {"merge": ["merge"] * 2, "split": ["split"] * 2, "drop": ["drop"] * 2,
           "insert": ["insert"] * 2, "drop-run": ["drop3"], "insert-run": ["insert3"],
           "replace-run": ["replace3"], "shift": ["shift"] * 2, "clean": [],
           "mixed": ["merge", "split", "drop", "insert", "shift", "replace2"]}[mix]
    for op in ops:
        where = [(p, k) for p, para in enumerate(paras) for k in range(len(para))]
        if op == "merge":
            spots = [(p, k) for p, k in where if k + 1 < len(paras[p])
                     and paras[p][k].text.endswith(".") and len(paras[p][k].ids) == 1
                     and len(paras[p][k + 1].ids) == 1]
            if spots:
                p, k = rng.choice(spots)
                a, b = paras[p][k], paras[p][k + 1]
                mark = "؛" if lang == "ar" else ";"
                second = b.text if lang == "ar" else b.text[:1].lower() + b.text[1:]
                shifted = tuple((x + len(a.text) + 1, y + len(a.text) + 1, atom)
                                for x, y, atom in b.atoms)
                paras[p][k:k + 2] = [Piece(f"{a.text[:-1]}{mark} {second}", a.atoms + shifted)]
        elif op == "split":
            spots = [(p, k, m) for p, k in where for m in _COMMA.finditer(paras[p][k].text)
                     if 0.3 < m.start() / len(paras[p][k].text) < 0.7]
            if spots:
                p, k, m = rng.choice(spots)
                text = paras[p][k].text
                rest = text[m.end():]
                rest = rest if lang == "ar" else rest[:1].upper() + rest[1:]
                atoms = paras[p][k].atoms
                cut, resume = m.start(), m.end()
                left = tuple((x, min(y, cut + 1), atom) for x, y, atom in atoms if x < cut)
                right = tuple((max(x, resume) - resume, y - resume, atom)
                              for x, y, atom in atoms if y > resume)
                paras[p][k:k + 1] = [Piece(text[:cut] + ".", left), Piece(rest, right)]
        elif op.startswith(("drop", "replace")):
            run = int(op[-1]) if op[-1].isdigit() else 1
            spots = [(p, k) for p, k in where if k + run <= len(paras[p]) and len(paras[p]) > run
                     and intact(paras[p], k, k + run)]
            if spots:
                p, k = rng.choice(spots)
                del paras[p][k:k + run]
                if op.startswith("replace"):
                    paras[p][k:k] = [foreign(rng, groups, doc, lang, counter) for _ in range(run)]
        elif op.startswith("insert"):
            run = int(op[-1]) if op[-1].isdigit() else 1
            p, k = rng.choice([(p, k) for p, k in where if intact(paras[p], k, k)]
                              + [(p, len(paras[p])) for p in range(len(paras))])
            paras[p][k:k] = [foreign(rng, groups, doc, lang, counter) for _ in range(run)]
        elif op == "shift" and len(paras) > 1:
            p = rng.randrange(len(paras) - 1)
            if rng.random() < 0.5 and len(paras[p]) > 1:
                paras[p + 1].insert(0, paras[p].pop())
            elif len(paras[p + 1]) > 1:
                paras[p].append(paras[p + 1].pop(0))
    return [p for p in paras if p]


def intact(paragraph: list[Piece], start: int, end: int) -> bool:
    """Whether pieces [start, end) hold whole lines: no split line is cut there."""
    def apart(k: int) -> bool:
        return k <= 0 or k >= len(paragraph) or not paragraph[k - 1].ids & paragraph[k].ids
    return apart(start) and apart(end)


def render(paragraphs: list[list[Piece]]) -> tuple[str, list[tuple[int, int, Atom]]]:
    """The edition as plain text, and where each sentence of a FLORES line lies in it."""
    parts, spans, at = [], [], 0
    for p, para in enumerate(paragraphs):
        if p:
            parts.append("\n\n")
            at += 2
        for k, piece in enumerate(para):
            if k:
                parts.append(" ")
                at += 1
            parts.append(piece.text)
            spans += [(at + x, at + y, atom) for x, y, atom in piece.atoms]
            at += len(piece.text)
    return "".join(parts) + "\n", spans


def edition(text: str, spans, lang: str,
            segmenter: Segmenter) -> tuple[Edition, list[frozenset[Atom]]]:
    """The edition `tm align` reads, and the sentences of FLORES lines each of its own
    sentences holds."""
    units = extract(text, TXT, segmenter)
    origin = [frozenset(atom for a, b, atom in spans if a < u.end and u.start < b)
              for u in units]
    return from_text(text, lang=lang, name="doc", fmt=TXT, segmenter=segmenter), origin


def gold(source: list[frozenset[Atom]], target: list[frozenset[Atom]]) -> set[tuple]:
    """Gold pairs: connected groups of sentences sharing a sentence of a FLORES line (or
    a whole line, where the two languages cut it differently), both sides."""
    parent = {("s", i): ("s", i) for i in range(len(source))}
    parent.update({("t", j): ("t", j) for j in range(len(target))})

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    holders: dict[Atom, list[tuple[str, int]]] = {}
    for side, origins in (("s", source), ("t", target)):
        for k, atoms in enumerate(origins):
            for atom in atoms:
                holders.setdefault(atom, []).append((side, k))
    for nodes in holders.values():
        for node in nodes[1:]:
            parent[root(node)] = root(nodes[0])
    groups: dict = {}
    for node in parent:
        groups.setdefault(root(node), []).append(node)
    pairs = set()
    for members in groups.values():
        s = tuple(sorted(i for side, i in members if side == "s"))
        t = tuple(sorted(j for side, j in members if side == "t"))
        if s and t:
            pairs.add((s, t))
    return pairs


# -- aligners ----------------------------------------------------------------------------

def l10n_pairs(source: Edition, target: Edition) -> tuple[set[tuple], list]:
    alignment = align(source, target)
    return {(b.source, b.target) for b in alignment.pairs}, alignment


def galechurch_pairs(source: Edition, target: Edition, *, per_paragraph: bool) -> set[tuple]:
    import galechurch
    if per_paragraph and len(source.paragraphs) == len(target.paragraphs):
        blocks = list(zip(source.paragraphs, target.paragraphs))
    else:
        blocks = [(tuple(source.sentences), tuple(target.sentences))]
    pairs, i0, j0 = set(), 0, 0
    for s, t in blocks:
        for bead in galechurch.align(list(s), list(t)).beads:
            if bead.source_end > bead.source_start and bead.target_end > bead.target_start:
                pairs.add((tuple(range(i0 + bead.source_start, i0 + bead.source_end)),
                           tuple(range(j0 + bead.target_start, j0 + bead.target_end))))
        i0, j0 = i0 + len(s), j0 + len(t)
    return pairs


@dataclass
class Tally:
    right: int = 0
    found: int = 0
    gold: int = 0
    seconds: float = 0.0
    docs: int = 0

    def add(self, found: set, expected: set, seconds: float) -> None:
        self.right += len(found & expected)
        self.found += len(found)
        self.gold += len(expected)
        self.seconds += seconds
        self.docs += 1

    @property
    def f1(self) -> float:
        p = self.right / self.found if self.found else 0.0
        r = self.right / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> str:
        p = self.right / self.found if self.found else 0.0
        r = self.right / self.gold if self.gold else 0.0
        return f"{p:6.3f} {r:6.3f} {self.f1:6.3f} {1000 * self.seconds / self.docs:7.2f}"


# -- the runs ----------------------------------------------------------------------------

def accuracy(seed: int, count: int, pairs, mixes) -> None:
    segmenters = {lang: Segmenter.for_language(lang) for lang in ("fr", "ar", "en")}
    groups = articles(segmenters)
    print(f"FLORES: {sum(map(len, groups))} lines in {len(groups)} articles; seed {seed}, "
          f"{count} documents per language pair and mix\n")
    print(f"{'pair':6} {'mix':12} {'aligner':8} {'P':>6} {'R':>6} {'F1':>6} {'ms/doc':>7}")
    totals = {name: Tally() for name in ("l10n", "GC", "GC doc")}
    confident = Tally()
    for src, tgt in pairs:
        for mix in mixes:
            rng = random.Random(f"{seed}-{src}-{tgt}-{mix}")
            tallies = {name: Tally() for name in totals}
            for doc in documents(count, rng, groups):
                source, s_origin = edition(*render(doc.pieces(src, tgt)), src, segmenters[src])
                changed = perturb(doc, tgt, src, mix, rng, groups)
                target, t_origin = edition(*render(changed), tgt, segmenters[tgt])
                expected = gold(s_origin, t_origin)
                start = time.perf_counter()
                found, alignment = l10n_pairs(source, target)
                tallies["l10n"].add(found, expected, time.perf_counter() - start)
                sure = {(b.source, b.target) for b in alignment.pairs
                        if b.confidence >= alignment.threshold}
                confident.add(sure, expected, 0.0)
                for name, per_paragraph in (("GC", True), ("GC doc", False)):
                    start = time.perf_counter()
                    found = galechurch_pairs(source, target, per_paragraph=per_paragraph)
                    tallies[name].add(found, expected, time.perf_counter() - start)
            for name, tally in tallies.items():
                print(f"{src}-{tgt:3} {mix:12} {name:8} {tally.row()}")
                total = totals[name]
                for attr in ("right", "found", "gold", "seconds", "docs"):
                    setattr(total, attr, getattr(total, attr) + getattr(tally, attr))
            sys.stdout.flush()
    print()
    for name, tally in totals.items():
        print(f"{'all':6} {'all':12} {name:8} {tally.row()}")
    p = confident.right / confident.found if confident.found else 0.0
    print(f"\nl10n pairs at or above the memory threshold: precision {p:.4f}, "
          f"{confident.found / max(totals['l10n'].found, 1):.1%} of its pairs, "
          f"recall {confident.right / max(confident.gold, 1):.3f}")


def refusal(seed: int, count: int, pairs) -> None:
    """How often editions of different documents are refused, and real ones accepted."""
    segmenters = {lang: Segmenter.for_language(lang) for lang in ("fr", "ar", "en")}
    groups = articles(segmenters)
    rng = random.Random(f"{seed}-refusal")
    print(f"\n{'pair':6} {'unrelated refused':>18} {'related (mixed) accepted':>25}")
    for src, tgt in pairs:
        docs = documents(2 * count, rng, groups)
        refused = accepted = 0
        for k in range(count):
            a, b = docs[2 * k], docs[2 * k + 1]
            source, _ = edition(*render(a.pieces(src, tgt)), src, segmenters[src])
            other, _ = edition(*render(perturb(b, tgt, src, "clean", rng, groups)), tgt,
                               segmenters[tgt])
            same, _ = edition(*render(perturb(a, tgt, src, "mixed", rng, groups)), tgt,
                              segmenters[tgt])
            refused += not align(source, other).corresponds
            accepted += align(source, same).corresponds
        print(f"{src}-{tgt:3} {refused:>12}/{count:<5} {accepted:>19}/{count:<5}")


def whole(seed: int, count: int) -> None:
    """Whole processes on files: l10n tm align against the galechurch command."""
    segmenters = {lang: Segmenter.for_language(lang) for lang in ("fr", "en")}
    groups = articles({lang: Segmenter.for_language(lang) for lang in ("fr", "ar", "en")})
    rng = random.Random(f"{seed}-whole")
    folder = Path(tempfile.mkdtemp(prefix="bench-align-"))
    try:
        for name in ("fr", "en", "gc-fr", "gc-en", "gc-out", "ws/tm"):
            (folder / name).mkdir(parents=True)
        (folder / "ws" / "l10n.toml").write_text("")
        texts = []
        for k, doc in enumerate(documents(count, rng, groups)):
            s_text, _ = render(doc.pieces("fr", "en"))
            t_text, _ = render(perturb(doc, "en", "fr", "mixed", rng, groups))
            (folder / "fr" / f"doc{k:04}.txt").write_text(s_text, encoding="utf-8")
            (folder / "en" / f"doc{k:04}.txt").write_text(t_text, encoding="utf-8")
            texts.append((s_text, t_text))
        start = time.perf_counter()
        for k, (s_text, t_text) in enumerate(texts):
            for lang, text in (("fr", s_text), ("en", t_text)):
                ed = from_text(text, lang=lang, name="", fmt=TXT, segmenter=segmenters[lang])
                lines = "\n\n".join("\n".join(p) for p in ed.paragraphs) + "\n"
                (folder / f"gc-{lang}" / f"doc{k:04}.txt").write_text(lines, encoding="utf-8")
        cut = time.perf_counter() - start
        l10n = [str(REPO / ".venv" / "bin" / "l10n"), "tm", "align", "--from", "fr", "--to",
                "en", str(folder / "fr"), str(folder / "en"), "-w", str(folder / "ws")]
        gc = [str(REPO / ".venv" / "bin" / "galechurch"), "-src", str(folder / "gc-fr"),
              "-trg", str(folder / "gc-en"), "-out", str(folder / "gc-out")]
        timings = {}
        for name, command in (("l10n tm align", l10n), ("galechurch", gc)):
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True)
            timings[name] = time.perf_counter() - start
            if done.returncode not in (0, 1):
                sys.exit(f"{name} failed ({done.returncode}): {done.stderr[-2000:]}")
        print(f"\nwhole processes, {count} fr→en document pairs (mixed), "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}:")
        for name, seconds in timings.items():
            print(f"  {name:15} {seconds:7.2f} s  ({1000 * seconds / count:.2f} ms/document)")
        print(f"  (cutting both editions into sentences with l10n, done once for galechurch's "
              f"input: {cut:.2f} s)")
        peer = timings["galechurch"] + cut
        print(f"  l10n / (galechurch + the cut): {timings['l10n tm align'] / peer:.1f} times as "
              f"long")
    finally:
        shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--docs", type=int, default=100, help="per language pair and mix")
    parser.add_argument("--pairs", default=",".join(f"{a}-{b}" for a, b in PAIRS))
    parser.add_argument("--mixes", default=",".join(MIXES))
    parser.add_argument("--whole", type=int, default=0, help="documents for the timing of "
                        "whole processes (0: skip)")
    args = parser.parse_args()
    if not FLORES.exists():
        sys.exit(f"{FLORES} is missing (../shared/corpora)")
    pairs = [tuple(p.split("-")) for p in args.pairs.split(",")]
    accuracy(args.seed, args.docs, pairs, args.mixes.split(","))
    refusal(args.seed, args.docs, pairs)
    if args.whole:
        whole(args.seed, args.whole)


if __name__ == "__main__":
    main()
