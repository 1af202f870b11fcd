"""Word communiqués against the same texts as plain text: `l10n update` + `l10n build` into
ar and en, in the same run.

    .venv/bin/python benchmarks/bench_docx.py [--docs 300] [--keep DIR]

Generates DOCS French communiqués (title, bold dateline, paragraphs of two to four
sentences, a sentence with a hyperlink, a two-column table, a footer) as .docx with
scripts/make_sample_docx.py's `communique` (python-docx: the `test` extra), and the same
texts as .txt (one paragraph per block), in two workspaces. For each, times with the
command-line tool as a user runs it:

- cold: `update` on a fresh workspace, then `build` once every unit is translated;
- one change: after a settled run (translations saved, updated, built), one document's
  title changes; `update` then `build` (the translator's fix in between is not timed).

Filling translations (msgstr = "[xx] " + msgid, reviewed) is not timed. Goals: cold .docx
at most 2× the .txt time; the one-change rerun at least 20× faster than cold. Wall-clock
seconds of single runs on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

from common import L10N, REPO, fill, timed  # noqa: E402

sys.path.insert(0, str(REPO / "scripts"))
from make_sample_docx import FOOTER, LINK, TABLE, communique  # noqa: E402

SUBJECTS = ["Le Secrétaire général de la CIMCT", "La délégation malaisienne",
            "Le Centre de la Coalition", "Le représentant du Nigeria",
            "L'équipe de communication", "Le directeur du programme"]
VERBS = ["a reçu", "a présenté", "a salué", "a examiné", "a annoncé", "a souligné"]
OBJECTS = ["les efforts des pays membres", "le rôle de la coordination régionale",
           "un programme de formation en communication",
           "la lutte contre le financement du terrorisme",
           "les réalisations de l'année écoulée", "les moyens de coopération conjointe"]
PLACES = ["au siège de Riyad", "lors d'une réunion à distance", "en présence des délégués",
          "dans le cadre du partenariat stratégique", "à l'occasion de la visite officielle"]


def sentence(rng: random.Random) -> str:
    text = " ".join([rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS),
                     rng.choice(PLACES)])
    return f"{text} (édition {rng.randrange(1, 999)})."


def texts(n: int, rng: random.Random) -> tuple[str, str, list[str]]:
    title = sentence(rng)[:-1]
    dateline = f"Riyad – {1 + n % 28:02}/{1 + n % 12:02}/2021"
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randrange(2, 5)))
                  for _ in range(rng.randrange(4, 7))]
    return title, dateline, paragraphs


def as_text(title: str, dateline: str, paragraphs: list[str]) -> str:
    """The .docx's text as plain text: the same blocks, one per paragraph."""
    blocks = [title, dateline, *paragraphs, "".join(LINK[:2]) + LINK[3],
              *[cell for row in TABLE for cell in row], FOOTER]
    return "\n\n".join(blocks) + "\n"


def measure(root: Path, change) -> dict[str, float]:
    (root / "l10n.toml").write_text('[languages]\nfr = ["ar", "en"]\n\n[check]\nrequired = []\n')
    times = {"update (cold)": timed(L10N + ["update"], root)}
    fill(root / "translations")
    times["build (cold)"] = timed(L10N + ["build"], root)
    timed(L10N + ["update"], root)  # settle: the translators' saves are merged once
    timed(L10N + ["build"], root)
    change()
    times["update (1 change)"] = timed(L10N + ["update"], root)
    fill(root / "translations", only_missing=True)
    times["build (1 change)"] = timed(L10N + ["build"], root)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-docx-"))
    rng = random.Random(7)
    corpus = [texts(n, rng) for n in range(args.docs)]
    for kind in ("docx", "txt"):
        (base / kind / "sources/fr").mkdir(parents=True, exist_ok=True)
    for n, (title, dateline, paragraphs) in enumerate(corpus):
        (base / f"docx/sources/fr/c{n:04d}.docx").write_bytes(
            communique(title, dateline, paragraphs))
        (base / f"txt/sources/fr/c{n:04d}.txt").write_text(
            as_text(title, dateline, paragraphs), encoding="utf-8")
    changed = args.docs // 2
    title, dateline, paragraphs = corpus[changed]

    def change_docx() -> None:
        (base / f"docx/sources/fr/c{changed:04d}.docx").write_bytes(
            communique(title + " cette semaine", dateline, paragraphs))

    def change_txt() -> None:
        (base / f"txt/sources/fr/c{changed:04d}.txt").write_text(
            as_text(title + " cette semaine", dateline, paragraphs), encoding="utf-8")

    print(f"{args.docs} communiqués, 2 target languages (ar, en), {os.cpu_count()} cores")
    results = {"docx": measure(base / "docx", change_docx),
               "txt": measure(base / "txt", change_txt)}
    for name in results["docx"]:
        print(f"  {name:<22} .docx {results['docx'][name]:7.2f} s   .txt "
              f"{results['txt'][name]:7.2f} s")
    totals = {kind: (t["update (cold)"] + t["build (cold)"],
                     t["update (1 change)"] + t["build (1 change)"])
              for kind, t in results.items()}
    for kind, (cold, change) in totals.items():
        print(f"  {kind:<5} update + build: cold {cold:6.2f} s, one change {change:5.2f} s "
              f"({cold / change:.0f}x faster than cold)")
    ratio = totals["docx"][0] / totals["txt"][0]
    print(f"  cold .docx / .txt = {ratio:.2f} (goal ≤ 2); .docx one-change speed-up "
          f"{totals['docx'][0] / totals['docx'][1]:.0f}x (goal ≥ 20)")
    if not args.keep:
        shutil.rmtree(base)


if __name__ == "__main__":
    main()
