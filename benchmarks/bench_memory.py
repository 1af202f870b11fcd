"""Translation memory benchmark: l10n against Translate Toolkit, msgmerge -C and rapidfuzz.

Data, built from ../shared/corpora/parallel/ with a fixed seed (same run, same data for
every matcher):
- a 100,000-entry fr→en memory: the real FLORES and Tatoeba pairs (one per French
  sentence) plus pairs recombined from the first half of one real pair and the second
  half of another;
- 2,000 queries: 1,500 variants of memory entries (300 each: one word replaced, a number
  changed, punctuation changed, case changed, two words swapped) and 500 unrelated real
  sentences (250 FLORES, 250 Tatoeba) removed from the pool before the memory was built.

A variant counts as found when the top match is the entry it was made from with a score
of at least 75 (for msgmerge, whose own threshold is fixed, the rapidfuzz ratio of its
proposal is used). An unrelated query counts as a false match when anything scores 75
or more. Each matcher runs in its own process; its peak memory is counted above what the
benchmark's data takes in that process (msgmerge: its whole process).

A second part times the workspace memory: 1,000 generated documents (2,000 reviewed PO
files), a full build of the index under .l10n/, a refresh with nothing changed, and a
refresh after one PO changed; then checks that rebuilding from scratch gives the same.

Run (2 cores; Translate Toolkit and gettext are only needed here):
    .venv/bin/pip install translate-toolkit     # into this checkout's venv only
    apt-get install gettext                     # msgmerge; ./scripts/test installs it too
    .venv/bin/python benchmarks/bench_memory.py [--matchers l10n,rapidfuzz,...] [--skip-refresh]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PARALLEL = REPO.parent / "shared" / "corpora" / "parallel"
SIZE = 100_000
KINDS = ("word replaced", "number changed", "punctuation changed", "case changed",
         "words swapped")
PER_KIND = 300
UNRELATED = 250  # per corpus
THRESHOLD = 75
MATCHERS = ("l10n", "rapidfuzz", "translate-toolkit", "msgmerge")
_WORD = re.compile(r"[^\W\d_]+")
_NUMBER = re.compile(r"\d+")


# -- data --------------------------------------------------------------------------------

def real_pairs() -> dict[str, list[tuple[str, str]]]:
    """fr→en pairs per corpus, one per French sentence, in file order."""
    corpora = {"flores": PARALLEL / "flores200_devtest_en_fr_ar.jsonl",
               "tatoeba": PARALLEL / "tatoeba_test_v2021-08-07_en_fr.jsonl"}
    seen: set[str] = set()
    result = {}
    for name, path in corpora.items():
        pairs = []
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["fr"] not in seen:
                seen.add(record["fr"])
                pairs.append((record["fr"], record["en"]))
        result[name] = pairs
    return result


def build_data(seed: int = 4) -> dict:
    rng = random.Random(seed)
    corpora = real_pairs()
    unrelated = []
    for name, pairs in corpora.items():
        for fr, _ in rng.sample(pairs, UNRELATED):
            unrelated.append({"text": fr, "kind": "unrelated", "corpus": name, "expected": None})
    removed = {q["text"] for q in unrelated}
    pool = [p for pairs in corpora.values() for p in pairs if p[0] not in removed]
    memory = list(pool)
    sources = {fr for fr, _ in memory}
    while len(memory) < SIZE:
        (fr_a, en_a), (fr_b, en_b) = rng.choice(pool), rng.choice(pool)
        fr = _join(_half(fr_a, 0), _half(fr_b, 1))
        if fr and fr not in sources and fr not in removed:
            sources.add(fr)
            memory.append((fr, _join(_half(en_a, 0), _half(en_b, 1))))
    vocabulary = sorted({w for fr, _ in pool for w in _WORD.findall(fr.lower()) if len(w) > 2})
    variants = []
    for kind in KINDS:
        made = 0
        for index in rng.sample(range(len(memory)), len(memory)):
            original = memory[index][0]
            text = _variant(kind, original, rng, vocabulary)
            if text is None or text == original or text in sources:
                continue
            variants.append({"text": text, "kind": kind, "corpus": "memory",
                             "expected": original})
            made += 1
            if made == PER_KIND:
                break
    return {"memory": memory, "queries": variants + unrelated}


def _half(text: str, which: int) -> str:
    words = text.split()
    middle = len(words) // 2
    return " ".join(words[:middle] if which == 0 else words[middle:])


def _join(a: str, b: str) -> str:
    return f"{a} {b}".strip()


def _variant(kind: str, text: str, rng: random.Random, vocabulary: list[str]) -> str | None:
    words = list(_WORD.finditer(text))
    if kind == "word replaced" and words:
        word = rng.choice(words)
        new = rng.choice(vocabulary)
        if new == word.group().lower():
            return None
        new = new.capitalize() if word.group()[0].isupper() else new
        return text[:word.start()] + new + text[word.end():]
    if kind == "number changed":
        numbers = list(_NUMBER.finditer(text))
        if not numbers:
            return None
        number = rng.choice(numbers)
        value = int(number.group())
        new = rng.randint(1, 31) if value <= 31 else \
            rng.randint(10 ** (len(number.group()) - 1), 10 ** len(number.group()) - 1)
        return None if new == value else text[:number.start()] + str(new) + text[number.end():]
    if kind == "punctuation changed":
        if "," in text and rng.random() < 0.5:
            commas = [m.start() for m in re.finditer(",", text)]
            at = rng.choice(commas)
            return text[:at] + text[at + 1:]
        if text[-1:] in ".!?":
            return text[:-1] + {".": "!", "!": ".", "?": "."}[text[-1]]
        return text + "."
    if kind == "case changed" and words:
        word = rng.choice(words)
        w = word.group()
        new = w[0].lower() + w[1:] if w[0].isupper() else w[0].upper() + w[1:]
        return text[:word.start()] + new + text[word.end():]
    if kind == "words swapped" and len(words) >= 2:
        a, b = sorted(rng.sample(words, 2), key=lambda m: m.start())
        if a.group().lower() == b.group().lower():
            return None
        return (text[:a.start()] + b.group() + text[a.end():b.start()] + a.group()
                + text[b.end():])
    return None


# -- matchers, each in its own process -------------------------------------------------

def run_l10n(memory: list, queries: list[str]) -> dict:
    sys.path.insert(0, str(REPO))
    from l10n.proposals.memory import Memory, TmxRecord
    started = time.perf_counter()
    store = Memory(tms=[TmxRecord("bench", tuple((("fr", s), ("en", t)) for s, t in memory))])
    store.lookup("", source_lang="fr", target_lang="en", threshold=THRESHOLD)  # builds the index
    built = time.perf_counter()
    results = []
    for query in queries:
        found = store.lookup(query, source_lang="fr", target_lang="en", threshold=THRESHOLD)
        results.append([found[0].source, found[0].score, found[0].kind] if found else None)
    return {"build": built - started, "lookup": time.perf_counter() - built, "results": results}


def run_rapidfuzz(memory: list, queries: list[str]) -> dict:
    import numpy as np
    from rapidfuzz import fuzz, process
    sources = [s for s, _ in memory]
    started = time.perf_counter()
    results = []
    for start in range(0, len(queries), 100):
        scores = process.cdist(queries[start:start + 100], sources, scorer=fuzz.ratio,
                               score_cutoff=THRESHOLD, workers=-1, dtype=np.uint8)
        for row in scores:
            best = int(row.argmax())
            results.append([sources[best], float(row[best]), "fuzzy"] if row[best] else None)
    return {"build": 0.0, "lookup": time.perf_counter() - started, "results": results}


def run_translate_toolkit(memory: list, queries: list[str]) -> dict:
    from translate.search import match
    from translate.storage import po
    started = time.perf_counter()
    store = po.pofile()
    for source, target in memory:
        store.addsourceunit(source).target = target
    matcher = match.matcher(store, max_candidates=1, min_similarity=THRESHOLD, max_length=1000)
    built = time.perf_counter()
    results = []
    for query in queries:
        found = matcher.matches(query)
        if found:
            score = float(re.search(r"([\d.]+)%", found[0].getnotes()).group(1))
            results.append([found[0].source, score, "fuzzy"])
        else:
            results.append(None)
    return {"build": built - started, "lookup": time.perf_counter() - built, "results": results}


def run_msgmerge(memory: list, queries: list[str]) -> dict:
    sys.path.insert(0, str(REPO))
    import polib
    from rapidfuzz import fuzz
    from l10n.catalog import pofile
    from l10n.catalog.model import Catalog, Entry
    header = {"Content-Type": "text/plain; charset=UTF-8"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "compendium.po").write_bytes(pofile.serialize(Catalog(
            header=header, entries=[Entry(msgid=s, msgstr=t) for s, t in memory])))
        (folder / "queries.pot").write_bytes(pofile.serialize(Catalog(
            header=header, entries=[Entry(msgid=q) for q in queries])))
        (folder / "empty.po").write_bytes(pofile.serialize(Catalog(header=header)))
        started = time.perf_counter()
        subprocess.run(["msgmerge", "--quiet", "--previous", "-C", "compendium.po", "empty.po",
                        "queries.pot", "-o", "out.po"], cwd=folder, check=True)
        elapsed = time.perf_counter() - started
        merged = {e.msgid: e for e in polib.pofile(str(folder / "out.po"))}
    results = []
    for query in queries:
        entry = merged[query]
        if not entry.msgstr:
            results.append(None)
        elif "fuzzy" not in entry.flags:
            results.append([query, 100.0, "exact"])
        else:
            results.append([entry.previous_msgid, fuzz.ratio(query, entry.previous_msgid),
                            "fuzzy"])
    return {"build": None, "lookup": elapsed, "results": results}


RUNNERS = {"l10n": run_l10n, "rapidfuzz": run_rapidfuzz,
           "translate-toolkit": run_translate_toolkit, "msgmerge": run_msgmerge}


def worker(name: str, data_path: Path) -> None:
    data = json.loads(data_path.read_text(encoding="utf-8"))
    queries = [q["text"] for q in data["queries"]]
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = RUNNERS[name](data["memory"], queries)
    if name == "msgmerge":  # its own process: all of its memory is the matcher's
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    else:  # above what the benchmark's own data takes in this process
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - loaded
    print(json.dumps(result))


def available(name: str) -> str | None:
    """Why a matcher cannot run here, or None."""
    if name == "translate-toolkit":
        try:
            import translate.search.match  # noqa: F401
        except ImportError:
            return "not installed: .venv/bin/pip install translate-toolkit"
    if name == "msgmerge" and shutil.which("msgmerge") is None:
        return "not installed: apt-get install gettext"
    return None


def evaluate(data: dict, result: dict) -> dict:
    found = {kind: 0 for kind in KINDS}
    false = {"flores": 0, "tatoeba": 0}
    false_kinds: dict[str, int] = {}
    false_scores = {"75-79": 0, "80-84": 0, "85-89": 0, "90-94": 0, "95-100": 0}
    for query, answer in zip(data["queries"], result["results"]):
        good = answer is not None and answer[1] >= THRESHOLD
        if query["expected"] is not None:
            found[query["kind"]] += good and answer[0] == query["expected"]
        elif good:
            false[query["corpus"]] += 1
            false_kinds[answer[2]] = false_kinds.get(answer[2], 0) + 1
            band = min(4, (int(answer[1]) - 75) // 5)
            false_scores[list(false_scores)[band]] += 1
    return {"recall": {k: 100 * n / PER_KIND for k, n in found.items()},
            "recall_all": 100 * sum(found.values()) / (PER_KIND * len(KINDS)),
            "false": {k: 100 * n / UNRELATED for k, n in false.items()},
            "false_all": 100 * sum(false.values()) / (UNRELATED * len(false)),
            "false_kinds": false_kinds, "false_scores": false_scores}


def bench_matchers(names: list[str]) -> None:
    started = time.perf_counter()
    data = build_data()
    print(f"data: {len(data['memory']):,} memory entries, {len(data['queries']):,} queries "
          f"({time.perf_counter() - started:.1f} s to build)\n", flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        data_path = Path(tmp) / "data.json"
        data_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        for name in names:
            reason = available(name)
            if reason:
                print(f"{name}: skipped ({reason})")
                continue
            out = subprocess.run([sys.executable, __file__, "--worker", name, str(data_path)],
                                 check=True, capture_output=True, text=True).stdout
            result = json.loads(out)
            rows.append((name, result, evaluate(data, result)))
            print(f"{name}: done in {result['lookup']:.1f} s", flush=True)
    head = ("| matcher | index build | 2,000 lookups | recall@1 (≥ 75) | "
            + " | ".join(KINDS) + " | false matches | FLORES | Tatoeba | peak memory |")
    print("\n" + head + "\n|" + "---|" * (head.count("|") - 1))
    for name, result, scores in rows:
        build = "—" if result["build"] is None else f"{result['build']:.2f} s"
        kinds = " | ".join(f"{scores['recall'][k]:.1f} %" for k in KINDS)
        print(f"| {name} | {build} | {result['lookup']:.2f} s | {scores['recall_all']:.1f} % | "
              f"{kinds} | {scores['false_all']:.1f} % | {scores['false']['flores']:.1f} % | "
              f"{scores['false']['tatoeba']:.1f} % | {result['peak_mb']:.0f} MB |")
    for name, _, scores in rows:
        print(f"{name} false matches by kind: {scores['false_kinds']}, "
              f"by score: {scores['false_scores']}")


# -- the workspace memory: refresh after one PO changed ----------------------------------

def bench_refresh(documents: int = 1000, per_document: int = 12) -> None:
    sys.path.insert(0, str(REPO))
    from datetime import datetime, timezone
    from l10n.commands.init import init
    from l10n.commands.update import new_catalog
    from l10n.languages import CODES
    from l10n.proposals import memory
    from l10n.workspace import Workspace
    from l10n.catalog import pofile
    from l10n.catalog.model import Entry
    from l10n.workspace import Document
    pairs = [p for corpus in real_pairs().values() for p in corpus]
    rng = random.Random(4)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        init(root)
        settings = Workspace.open(root)
        now = datetime(2024, 1, 1, tzinfo=timezone.utc)
        for number in range(documents):
            chosen = rng.sample(pairs, per_document)
            doc = Document(f"news/{number:04d}", "fr",
                                   root / f"sources/fr/news/{number:04d}.txt", ("en", "ar"))
            doc.source.parent.mkdir(parents=True, exist_ok=True)
            doc.source.write_text(" ".join(fr for fr, _ in chosen) + "\n", encoding="utf-8")
            for target in doc.targets:
                catalog = new_catalog(doc, target, now=now, project="bench")
                catalog.entries = [Entry(msgid=fr, msgstr=en if target == "en"
                                                else f"[ar] {en}") for fr, en in chosen]
                po = settings.po_path(doc.name, target)
                po.parent.mkdir(parents=True, exist_ok=True)
                po.write_bytes(pofile.serialize(catalog))
        timings = {}
        for label in ("full build (no index yet)", "refresh, nothing changed"):
            started = time.perf_counter()
            loaded = memory.load(settings)
            timings[label] = time.perf_counter() - started
        po = root / "translations/en/news/0500.po"
        catalog = pofile.read(po)
        catalog.entries[0].msgstr += " (edited)"
        po.write_bytes(pofile.serialize(catalog))
        started = time.perf_counter()
        loaded = memory.load(settings)
        timings["refresh after one PO changed"] = time.perf_counter() - started
        started = time.perf_counter()
        loaded.lookup("", source_lang="fr", target_lang="en", threshold=THRESHOLD)
        timings["fr→en lookup index built"] = time.perf_counter() - started
        shutil.rmtree(root / ".l10n")
        rebuilt = memory.load(settings)
        same = all(loaded.pairs(a, b) == rebuilt.pairs(a, b)
                   for a in CODES for b in CODES if a != b)
        entries = sum(len(r.entries) for r in loaded.catalogs)
        print(f"\nworkspace: {documents:,} documents, {len(loaded.catalogs):,} PO files, "
              f"{entries:,} reviewed entries")
        print("| step | time |\n|---|---|")
        for label, seconds in timings.items():
            print(f"| {label} | {seconds:.3f} s |")
        print(f"rebuilt from scratch gives the same memory: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--matchers", default=",".join(MATCHERS))
    parser.add_argument("--skip-refresh", action="store_true")
    parser.add_argument("--worker", nargs=2, metavar=("NAME", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]))
        return
    if not PARALLEL.is_dir():
        sys.exit(f"{PARALLEL} is missing: the benchmark needs ../shared/corpora")
    os.environ.setdefault("OMP_NUM_THREADS", str(os.cpu_count() or 1))
    bench_matchers([m for m in args.matchers.split(",") if m])
    if not args.skip_refresh:
        bench_refresh()


if __name__ == "__main__":
    main()
