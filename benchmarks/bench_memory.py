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
benchmark's data takes in that process (msgmerge: its whole process). "l10n, every
sentence scored" is l10n's lookup with every sentence of the length window as a fuzzy
candidate: what the README's score finds with no index, so the index's own loss is the
difference between the two l10n rows.

A second part measures that loss where it is likely: memory sentences changed by one
word (replaced, an ending or a prefix such as an Arabic clitic added, a letter or the word
dropped) and by two replaced words, in the fr→en memory above and in an ar→en one built
the same way (FLORES and Tatoeba ar-en). A change is lost when the sentence's own score
(README) reaches 75 but the best match found scores less.

A third part times the workspace memory: 1,000 generated documents (2,000 reviewed PO
files), a full build of the index under .l10n/, a refresh with nothing changed, and a
refresh after one PO changed; then checks that rebuilding from scratch gives the same.

Run (2 cores; Translate Toolkit and gettext are only needed here):
    .venv/bin/pip install translate-toolkit     # into this checkout's venv only
    apt-get install gettext                     # msgmerge; ./scripts/test installs it too
    .venv/bin/python benchmarks/bench_memory.py [--matchers l10n,rapidfuzz,...] [--skip-loss]
        [--skip-refresh]
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
MATCHERS = ("l10n", "l10n-exhaustive", "rapidfuzz", "translate-toolkit", "msgmerge")
LABELS = {"l10n-exhaustive": "l10n, every sentence scored"}
CHANGES = ("word replaced", "ending added", "prefix added", "letter dropped", "word dropped",
           "two words replaced")
AFFIXES = {"fr": (("s", "e", "es", "ment"), ("re", "dé", "in", "pré")),  # endings, prefixes
           "ar": (("ة", "ها", "ون", "ات"),
                  ("و", "ف", "ب", "ل", "ال", "وال", "بال"))}  # clitics: and, so, with, for, the
LOSS_SAMPLE = 1000  # memory sentences changed per kind and language
_WORD = re.compile(r"[^\W\d_]+")
_NUMBER = re.compile(r"\d+")


# -- data --------------------------------------------------------------------------------

def real_pairs(source: str = "fr") -> dict[str, list[tuple[str, str]]]:
    """source→en pairs (fr or ar) per corpus, one per source sentence, in file order."""
    tatoeba = {"fr": "en_fr", "ar": "ar_en"}[source]
    corpora = {"flores": PARALLEL / "flores200_devtest_en_fr_ar.jsonl",
               "tatoeba": PARALLEL / f"tatoeba_test_v2021-08-07_{tatoeba}.jsonl"}
    seen: set[str] = set()
    result = {}
    for name, path in corpora.items():
        pairs = []
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record[source] not in seen:
                seen.add(record[source])
                pairs.append((record[source], record["en"]))
        result[name] = pairs
    return result


def recombined(pool: list[tuple[str, str]], rng: random.Random,
               removed: set[str] = frozenset()) -> list[tuple[str, str]]:
    """The pool, then pairs made of the first half of one and the second half of another,
    up to SIZE pairs with distinct sources."""
    memory = list(pool)
    sources = {source for source, _ in memory}
    while len(memory) < SIZE:
        (source_a, en_a), (source_b, en_b) = rng.choice(pool), rng.choice(pool)
        source = _join(_half(source_a, 0), _half(source_b, 1))
        if source and source not in sources and source not in removed:
            sources.add(source)
            memory.append((source, _join(_half(en_a, 0), _half(en_b, 1))))
    return memory


def build_data(seed: int = 4) -> dict:
    rng = random.Random(seed)
    corpora = real_pairs()
    unrelated = []
    for name, pairs in corpora.items():
        for fr, _ in rng.sample(pairs, UNRELATED):
            unrelated.append({"text": fr, "kind": "unrelated", "corpus": name, "expected": None})
    removed = {q["text"] for q in unrelated}
    pool = [p for pairs in corpora.values() for p in pairs if p[0] not in removed]
    memory = recombined(pool, rng, removed)
    sources = {fr for fr, _ in memory}
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


def run_l10n_exhaustive(memory: list, queries: list[str]) -> dict:
    """l10n's lookup, every sentence of the length window a fuzzy candidate (no index)."""
    sys.path.insert(0, str(REPO))
    import numpy as np
    from rapidfuzz import fuzz, process

    from l10n.proposals import memory as tm

    def every_sentence(index, tokens: list[str], bare: str, threshold: float) -> list[int]:
        if not hasattr(index, "sorted_words"):  # token_sort_ratio is the ratio of these
            index.sorted_words = [" ".join(sorted(text.split())) for text in index.bare]
        shortest = threshold / (200 - threshold)
        low = int(np.searchsorted(index.lengths, len(bare) * shortest, "left"))
        high = int(np.searchsorted(index.lengths, len(bare) / shortest, "right"))
        plain, reordered = (process.cdist([query], choices[low:high], scorer=fuzz.ratio,
                                          dtype=np.float32, workers=-1)[0]
                            for query, choices in ((bare, index.bare), (" ".join(
                                sorted(bare.split())), index.sorted_words)))
        upper = np.maximum(plain, reordered - tm.REORDER_COST)
        return (np.nonzero(upper >= threshold)[0] + low).tolist()

    tm._Index._candidates = every_sentence
    return run_l10n(memory, queries)


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


RUNNERS = {"l10n": run_l10n, "l10n-exhaustive": run_l10n_exhaustive,
           "rapidfuzz": run_rapidfuzz, "translate-toolkit": run_translate_toolkit,
           "msgmerge": run_msgmerge}


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
        print(f"| {LABELS.get(name, name)} | {build} | {result['lookup']:.2f} s | "
              f"{scores['recall_all']:.1f} % | "
              f"{kinds} | {scores['false_all']:.1f} % | {scores['false']['flores']:.1f} % | "
              f"{scores['false']['tatoeba']:.1f} % | {result['peak_mb']:.0f} MB |")
    for name, _, scores in rows:
        print(f"{LABELS.get(name, name)} false matches by kind: {scores['false_kinds']}, "
              f"by score: {scores['false_scores']}")


# -- the index's loss on changed memory sentences ------------------------------------

def bench_loss() -> None:
    sys.path.insert(0, str(REPO))
    from l10n.proposals import memory as tm
    print(f"\nindex loss: {LOSS_SAMPLE:,} memory sentences changed per kind; reach: the "
          f"sentence's own score is 75 or more; lost: the best match found scores less")
    head = "| memory | change | reach, < 6 words | lost | reach, ≥ 6 words | lost |"
    print(head + "\n|" + "---|" * (head.count("|") - 1))
    for lang in ("fr", "ar"):
        rng = random.Random(4)
        pairs = recombined([p for ps in real_pairs(lang).values() for p in ps], rng)
        store = tm.Memory(tms=[tm.TmxRecord("bench", tuple(((lang, s), ("en", t))
                                                           for s, t in pairs))])
        vocabulary = sorted({w for s, _ in pairs for w in _WORD.findall(s.lower())
                             if len(w) > 2})
        store.lookup("", source_lang=lang, target_lang="en", threshold=THRESHOLD)  # the index
        elapsed, lookups = 0.0, 0
        for change in CHANGES:
            counts = {"short": [0, 0], "long": [0, 0]}
            for source, _ in rng.sample(pairs, LOSS_SAMPLE):
                text = _changed(change, source, lang, rng, vocabulary)
                if text is None:
                    continue
                query, original = (" ".join(tm._keys(t, lang)[0]) for t in (text, source))
                own = tm._fuzzy_score(query, original)[0]
                if query == original or own < THRESHOLD:
                    continue
                started = time.perf_counter()
                found = store.lookup(text, source_lang=lang, target_lang="en",
                                     threshold=THRESHOLD)
                elapsed += time.perf_counter() - started
                lookups += 1
                band = counts["short" if len(original.split()) < 6 else "long"]
                band[0] += 1
                band[1] += not found or found[0].score < own
            print(f"| {lang}→en | {change} | {counts['short'][0]} | {counts['short'][1]} | "
                  f"{counts['long'][0]} | {counts['long'][1]} |", flush=True)
        print(f"{lang}→en: {lookups:,} lookups, {1000 * elapsed / lookups:.2f} ms each")


def _changed(change: str, text: str, lang: str, rng: random.Random,
             vocabulary: list[str]) -> str | None:
    words = list(_WORD.finditer(text))
    if not words or (change == "two words replaced" and len(words) < 2):
        return None
    chosen = sorted(rng.sample(words, 2 if change == "two words replaced" else 1),
                    key=lambda m: m.start())
    endings, prefixes = AFFIXES[lang]
    for word in reversed(chosen):  # right to left: earlier offsets stay valid
        old = word.group()
        new = {"word replaced": rng.choice(vocabulary),
               "two words replaced": rng.choice(vocabulary),
               "ending added": old + rng.choice(endings),
               "prefix added": rng.choice(prefixes) + old,
               "letter dropped": old[:(at := rng.randrange(len(old)))] + old[at + 1:],
               "word dropped": ""}[change]
        text = text[:word.start()] + new + text[word.end():]
    return " ".join(text.split())


# -- the workspace memory: refresh after one PO changed ----------------------------------

def bench_refresh(documents: int = 1000, per_document: int = 12) -> None:
    sys.path.insert(0, str(REPO))
    from datetime import datetime, timezone

    from l10n.catalog import pofile
    from l10n.catalog.model import Entry
    from l10n.commands.init import init
    from l10n.commands.update import new_catalog
    from l10n.languages import CODES
    from l10n.proposals import memory
    from l10n.workspace import Document, Workspace
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
    parser.add_argument("--skip-loss", action="store_true")
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
    if not args.skip_loss:
        bench_loss()
    if not args.skip_refresh:
        bench_refresh()


if __name__ == "__main__":
    main()
