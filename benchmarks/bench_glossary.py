"""What a large glossary costs: `l10n update`, `l10n check` and `l10n update --check` on the
same workspace without a glossary and with one of N terms, same run, whole processes.

The terms are the most frequent pairs of long words of the FLORES French sentences the
communiqués are made of, so many of them occur (each occurrence is a note in Poedit and a
term to check); every translation is filled in so that `check` runs its QA on all units.

    .venv/bin/python benchmarks/bench_glossary.py [--docs 200] [--terms 1000]
"""

from __future__ import annotations

import argparse
import collections
import re
import shutil
import tempfile
from pathlib import Path

from bench_pipeline import communiques, sentences
from common import L10N, timed

from l10n.catalog import pofile


def glossary(pool: list[str], count: int) -> str:
    pairs: collections.Counter[str] = collections.Counter()
    for sentence in pool:
        words = re.findall(r"[^\W\d_]{4,}", sentence)
        pairs.update(" ".join(pair) for pair in zip(words, words[1:]))
    rows = "".join(f'"{form}",term {n},مصطلح {n},note {n}\n'
                   for n, (form, _) in enumerate(pairs.most_common(count)))
    return "fr,en,ar,note\n" + rows


def run(root: Path, docs: list[str], terms: str | None) -> dict[str, float]:
    root.mkdir(parents=True)
    (root / "l10n.toml").write_text('[languages]\nfr = ["ar", "en"]\n')
    for n, text in enumerate(docs):
        (root / "sources/fr").mkdir(parents=True, exist_ok=True)
        (root / f"sources/fr/c{n:04}.txt").write_text(text, encoding="utf-8")
    if terms is not None:
        (root / "glossary.csv").write_text(terms, encoding="utf-8")
    times = {"update": timed(L10N + ["update"], root)}
    for po in root.glob("translations/*/*.po"):
        catalog = pofile.read(po)
        for entry in catalog.entries:
            entry.msgstr = entry.msgid
        po.write_bytes(pofile.serialize(catalog))
    times["check"] = timed(L10N + ["check"], root, ok=(0, 1))
    times["update --check"] = timed(L10N + ["update", "--check"], root)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--terms", type=int, default=1000)
    args = parser.parse_args()
    pool = sentences()
    docs = communiques(args.docs, pool)
    base = Path(tempfile.mkdtemp(prefix="l10n-bench-glossary-"))
    try:
        without = run(base / "without", docs, None)
        with_terms = run(base / "with", docs, glossary(pool, args.terms))
        notes = sum(line.startswith("#. term: ") for po in (base / "with").glob(
            "translations/*/*.po") for line in po.read_text(encoding="utf-8").splitlines())
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(f"{args.docs} French communiqués into ar and en; seconds without a glossary, with "
          f"{args.terms} terms ({notes} term notes written), and the ratio")
    for step, seconds in without.items():
        print(f"{step:<16}{seconds:7.2f} s {with_terms[step]:7.2f} s "
              f"({with_terms[step] / seconds:.2f}×)")


if __name__ == "__main__":
    main()
