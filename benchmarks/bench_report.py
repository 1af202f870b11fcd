"""`l10n report` on a large office: N communiqués, two target languages, weeks of history.

Builds a git workspace of N French communiqués made of FLORES sentences (as
bench_pipeline does), pre-translated with proposals of every origin (the FLORES English
and Arabic translations with words replaced, dropped or added), then reviewed over four
weekly commits (the approved text is the FLORES translation; about a tenth of the units
are left needing review). Then times, each as its own process, wall and CPU seconds (its workers included):
`l10n check --format json` (the same reading of the workspace, without the report's
figures), `l10n report` (the HTML page) with the history not yet read and again,
`l10n report --format json`, and sacreBLEU's sentence-level chrF over the same
proposal/approved pairs (the usual tool for the measure that costs the report most).
Also prints the size of the proposals files beside the PO files.

    .venv/bin/python benchmarks/bench_report.py [--docs 1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import FLORES, L10N, REPO

WEEKS = ["2026-10-05T10:00:00+03:00", "2026-10-13T11:00:00+03:00",
         "2026-10-21T15:00:00+03:00", "2026-10-29T09:00:00+03:00"]
ORIGINS = [("memory", "exact 100 from archive/a [{lang}]"),
           ("memory", "fuzzy 84 from archive/b [{lang}]"),
           ("memory", "exact 100 from aligned from 2019-03-01-visite"),
           ("machine", "argos translate-fr_{lang} 1.9; fr→{lang}; 2026-10-01"),
           ("machine", "argos translate-fr_en 1.9, translate-en_{lang} 1.0; fr→en→{lang}; "
                       "2026-10-01")]


def corpus() -> list[dict]:
    if not FLORES.exists():
        sys.exit(f"needs {FLORES} (the shared corpora)")
    with FLORES.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def communiques(count: int, pool: list[str], rng: random.Random) -> list[str]:
    docs = []
    for n in range(count):
        paragraphs = [" ".join(rng.sample(pool, rng.randint(2, 4)))
                      for _ in range(rng.randint(4, 6))]
        docs.append(f"Communiqué {n}\n\nRiyad – {1 + n % 28:02}/{1 + n % 12:02}/2026\n\n"
                    + "\n\n".join(paragraphs) + "\n")
    return docs


def perturbed(text: str, rng: random.Random) -> str:
    """A proposal a reviewer would correct: words replaced, dropped or added."""
    words = text.split()
    for _ in range(rng.choice([0, 0, 1, 2, 4])):
        at = rng.randrange(len(words))
        action = rng.choice(("replace", "drop", "add"))
        if action == "replace":
            words[at] = rng.choice(words)
        elif action == "drop" and len(words) > 2:
            del words[at]
        else:
            words.insert(at, rng.choice(words))
    return " ".join(words)


def git(root: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
           "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def build(root: Path, docs: int, seed: int) -> list[tuple[str, str]]:
    """The workspace; returns every (proposal, approved) pair a reviewer approved."""
    sys.path.insert(0, str(REPO))
    from l10n.catalog import pofile
    from l10n.commands.pretranslate import pending, pretranslate
    from l10n.proposals.pipeline import Proposal
    from l10n.workspace import Workspace

    rng = random.Random(seed)
    lines = corpus()
    known = {line["fr"]: line for line in lines}
    subprocess.run(L10N + ["init", str(root)], check=True, capture_output=True)
    (root / "l10n.toml").write_text('[languages]\nfr = ["en", "ar"]\n')
    (root / "sources/fr").mkdir(parents=True, exist_ok=True)
    for n, text in enumerate(communiques(docs, list(known), rng)):
        (root / f"sources/fr/c{n:04}.txt").write_text(text, encoding="utf-8")
    subprocess.run(L10N + ["update"], cwd=root, check=True, capture_output=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "new communiqués", date=WEEKS[0])

    def approved(msgid: str, lang: str) -> str:
        return known[msgid][lang] if msgid in known else f"[{lang}] {msgid}"

    class Proposer:
        def propose(self, requests):
            answers = []
            for r in requests:
                origin, detail = rng.choice(ORIGINS)
                answers.append(Proposal(perturbed(approved(r.msgid, r.target_lang), rng),
                                        origin, "bench", detail.format(lang=r.target_lang)))
            return answers

    ws = Workspace.open(root)
    pretranslate(pending(ws), [Proposer()])
    pos = sorted((root / "translations").rglob("*.po"))
    pairs = []
    for week, (date, share) in enumerate(zip(WEEKS[1:], (0.4, 0.4, 0.75)), 1):
        for po in pos:
            catalog = pofile.read(po)
            lang = po.parent.name
            for entry in catalog.entries:
                if entry.fuzzy and rng.random() < share:
                    pairs.append((entry.msgstr, approved(entry.msgid, lang)))
                    entry.msgstr, entry.fuzzy = approved(entry.msgid, lang), False
            po.write_bytes(pofile.serialize(catalog))
        git(root, "add", "-A")
        git(root, "commit", "-qm", f"week {week}", date=date)
    return pairs


def timed(command: list[str], cwd: Path, ok=(0,)) -> tuple[float, float]:
    """Wall seconds and CPU seconds (the process and its workers) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in ok:
        sys.exit(f"{' '.join(map(str, command))} failed ({proc.returncode}):\n"
                 f"{proc.stderr[-2000:]}")
    return elapsed, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def size(folder: Path, suffix: str) -> int:
    return sum(p.stat().st_size for p in folder.rglob(f"*{suffix}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the workspace here and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-report-"))
    root = folder / "office"
    if root.exists():
        shutil.rmtree(root)
    start = time.perf_counter()
    pairs = build(root, args.docs, args.seed)
    print(f"built {args.docs} communiqués, {len(pairs):,} approved proposals, "
          f"in {time.perf_counter() - start:.0f} s")
    print(f"PO files {size(root / 'translations', '.po') / 1e6:.1f} MB, proposals files "
          f"{size(root / 'proposals', '.jsonl') / 1e6:.1f} MB")
    (folder / "hyp.txt").write_text("".join(p.replace("\n", " ") + "\n" for p, _ in pairs))
    (folder / "ref.txt").write_text("".join(a.replace("\n", " ") + "\n" for _, a in pairs))
    sacrebleu = shutil.which("sacrebleu", path=str(Path(sys.executable).parent)) or "sacrebleu"
    runs = [
        ("l10n check --format json (msgfmt not run yet)", L10N + ["check", "--format", "json"],
         (0, 1)),
        ("l10n report (HTML), history not read yet", L10N + ["report"], (0,)),
        ("l10n report (HTML), again", L10N + ["report"], (0,)),
        ("l10n report --format json", L10N + ["report", "--format", "json"], (0,)),
        ("l10n check --format json, again", L10N + ["check", "--format", "json"], (0, 1)),
        (f"sacrebleu -m chrf --sentence-level ({len(pairs):,} pairs)",
         [sacrebleu, str(folder / "ref.txt"), "-i", str(folder / "hyp.txt"), "-m", "chrf",
          "--sentence-level"], (0,)),
    ]
    print(f"\n{'command':<58} {'wall s':>7} {'CPU s':>7}")
    for label, command, ok in runs:
        wall, cpu = timed(command, root, ok)
        print(f"{label:<58} {wall:7.1f} {cpu:7.1f}", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"\nreport: {root / 'build/report.html'} "
          f"({(root / 'build/report.html').stat().st_size / 1e6:.1f} MB)")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
