"""Plain-text pipeline benchmark: `l10n update` + `l10n build` against po4a, same corpus, same run.

Generates N French communiqués from FLORES sentences, then times, for each tool:
cold (first run), rerun with nothing changed, rerun after one document changed.
Both tools run as separate processes, as a user runs them; l10n writes atomically with
fsync. po4a runs only when installed (`apt-get install po4a`).

    .venv/bin/python benchmarks/bench_pipeline.py [--docs 1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import FLORES, L10N, timed


def sentences() -> list[str]:
    if not FLORES.exists():
        sys.exit(f"needs {FLORES} (the shared corpora)")
    with FLORES.open(encoding="utf-8") as handle:
        return [json.loads(line)["fr"] for line in handle]


def communiques(count: int, pool: list[str], seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    docs = []
    for n in range(count):
        paragraphs = [" ".join(rng.sample(pool, rng.randint(2, 4)))
                      for _ in range(rng.randint(4, 6))]
        title = rng.choice(pool).rstrip(".")[:80]
        docs.append(f"{title}\n\nRiyad – {1 + n % 28:02}/{1 + n % 12:02}/2021\n\n"
                    + "\n\n".join(paragraphs) + "\n")
    return docs


def run_l10n(root: Path, docs: list[str]) -> dict[str, float]:
    subprocess.run(L10N + ["init", str(root)], check=True, capture_output=True)
    for n, text in enumerate(docs):
        (root / "sources/fr").mkdir(parents=True, exist_ok=True)
        (root / f"sources/fr/c{n:04}.txt").write_text(text, encoding="utf-8")
    (root / "l10n.toml").write_text('[languages]\nfr = ["ar", "en"]\n[check]\nrequired = []\n')

    def cycle() -> float:
        return timed(L10N + ["update"], root) + timed(L10N + ["build", "--allow-partial"], root)

    times = {"cold": cycle(), "nothing changed": cycle()}
    changed = root / "sources/fr/c0000.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Riyad", "Djeddah", 1))
    times["one document changed"] = cycle()
    return times


def run_po4a(root: Path, docs: list[str], *, per_document: bool) -> dict[str, float]:
    """po4a 0.69 on the same corpus, one PO per document (l10n's layout) or per language."""
    (root / "src").mkdir(parents=True)
    paths = "po/$master.pot $lang:po/$master.$lang.po" if per_document else \
        "po/communiques.pot $lang:po/$lang.po"
    lines = ["[po4a_langs] ar en", f"[po4a_paths] {paths}"]
    for n, text in enumerate(docs):
        (root / f"src/c{n:04}.txt").write_text(text, encoding="utf-8")
        lines.append(f"[type: text] src/c{n:04}.txt $lang:out/$lang/c{n:04}.txt")
    (root / "po4a.cfg").write_text("\n".join(lines) + "\n")
    command = ["po4a", "-M", "UTF-8", "-L", "UTF-8", "-o", "neverwrap", "--keep", "0",
               "po4a.cfg"]
    times = {"cold": timed(command, root), "nothing changed": timed(command, root)}
    changed = root / "src/c0000.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Riyad", "Djeddah", 1))
    times["one document changed"] = timed(command, root)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="keep the generated workspaces here")
    parser.add_argument("--skip-split", action="store_true",
                        help="skip po4a with one PO per document (slow: minutes at 1,000)")
    args = parser.parse_args()
    docs = communiques(args.docs, sentences())
    size = sum(len(d.encode()) for d in docs)
    base = args.keep or Path(tempfile.mkdtemp(prefix="l10n-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    results = {}
    try:
        results["l10n"] = run_l10n(base / "l10n", docs)
        if shutil.which("po4a"):
            results["po4a, PO per language"] = run_po4a(base / "po4a-lang", docs,
                                                       per_document=False)
            if not args.skip_split:
                results["po4a, PO per document"] = run_po4a(base / "po4a-doc", docs,
                                                          per_document=True)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print(f"{args.docs} French communiqués ({size / 1e6:.1f} MB) into ar and en, "
          "update + build, seconds (ratio: peer time / l10n time)")
    ours = results["l10n"]
    for name, times in results.items():
        cells = "  ".join(f"{run} {t:6.2f} s" + ("" if name == "l10n" else
                                                f" ({t / ours[run]:.1f}×)")
                          for run, t in times.items())
        print(f"{name:<24}{cells}")
    if len(results) == 1:
        print("po4a is not installed (apt-get install po4a): no comparison")


if __name__ == "__main__":
    main()
