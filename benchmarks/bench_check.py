"""`check` on a fresh clone and `status` on a 200,000-entry PO, against their peers, same run.

1. 300 French communiqués (bench_pipeline's generator) in ar and en, every entry
   translated, `.l10n/` removed as in a fresh clone (CI): the whole `l10n check` process
   against `msgfmt --check` run over the same 600 PO files; then l10n's own part of it
   (reading the 600 files and gettext's verdict on them, in one process).
   Then the same workspace warm (its `.l10n/` caches filled by one run): `status` and
   `check`, the commands a translator runs all day (goal: at most 0.5 s each).
2. One source of 200,000 sentences, one target language: the whole `l10n status` process
   (seconds, peak RSS) against a process that only parses the PO with polib; then l10n's
   reader alone.

Every command runs as its own process from a fresh helper, so that its peak RSS is its
own; times are the best of --runs.

    .venv/bin/python benchmarks/bench_check.py [--docs 300] [--entries 200000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pipeline import communiques, sentences  # noqa: E402
from common import L10N  # noqa: E402
from soak_sizes import big_catalog  # noqa: E402

PYTHON = sys.executable
_HELPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
print(json.dumps([time.perf_counter() - start,
                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  done.returncode, done.stderr.decode(errors="replace")[-300:]]))
"""
_LOOP = """
import os, subprocess, sys
env = {**os.environ, "LC_ALL": "C"}
for po in sys.argv[1:]:
    subprocess.run(["msgfmt", "--check", "-o", os.devnull, po], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
"""
_OURS = """
import sys
from pathlib import Path
from l10n.catalog import pofile
from l10n.catalog.msgfmt import Msgfmt
msgfmt = Msgfmt()
for po in sys.argv[1:]:
    msgfmt.check(Path(po), pofile.read(Path(po)))
"""
_POLIB = "import sys, polib; polib.pofile(sys.argv[1])"
_READER = "import sys; from pathlib import Path; from l10n.catalog import pofile; " \
          "pofile.read(Path(sys.argv[1]))"


def measure(command: list[str], cwd: Path, runs: int, ok=(0,), before=None) -> tuple[float, float]:
    """Best wall time (s) and the peak RSS (MB) of that run, over `runs` runs."""
    best = None
    for _ in range(runs):
        if before:
            before()
        out = subprocess.run([PYTHON, "-c", _HELPER, *command], cwd=cwd, capture_output=True,
                             text=True, check=True)
        seconds, peak, code, err = json.loads(out.stdout)
        if code not in ok:
            sys.exit(f"{' '.join(command[:4])}... failed ({code}): {err}")
        if best is None or seconds < best[0]:
            best = (seconds, peak)
    return best


def translated_workspace(root: Path, docs: int) -> list[Path]:
    """300 documents updated, every entry given a translation, .l10n/ left out."""
    subprocess.run(L10N + ["init", str(root)], check=True, capture_output=True)
    (root / "sources/fr").mkdir(parents=True, exist_ok=True)
    for n, text in enumerate(communiques(docs, sentences())):
        (root / f"sources/fr/c{n:04}.txt").write_text(text, encoding="utf-8")
    (root / "l10n.toml").write_text('[languages]\nfr = ["ar", "en"]\n')
    subprocess.run(L10N + ["update"], cwd=root, check=True, capture_output=True)
    fill = ("import sys\nfrom pathlib import Path\nfrom l10n.catalog import pofile\n"
            "for po in sys.argv[1:]:\n    c = pofile.read(Path(po))\n"
            "    for e in c.entries:\n        e.msgstr = e.msgid[::-1]\n"
            "    Path(po).write_bytes(pofile.serialize(c))\n")
    pos = sorted(str(p) for p in (root / "translations").rglob("*.po"))
    subprocess.run([PYTHON, "-c", fill, *pos], check=True)
    return [Path(p) for p in pos]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the generated workspaces here")
    args = parser.parse_args()
    if not shutil.which("msgfmt"):
        sys.exit("needs msgfmt (gettext), the peer")
    base = args.keep or Path(tempfile.mkdtemp(prefix="l10n-bench-check-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        clone = base / "clone"
        pos = translated_workspace(clone, args.docs)
        fresh = lambda: shutil.rmtree(clone / ".l10n", ignore_errors=True)  # noqa: E731
        check = measure(L10N + ["check"], clone, args.runs, ok=(0, 1), before=fresh)
        loop = measure([PYTHON, "-c", _LOOP, *map(str, pos)], clone, args.runs)
        ours = measure([PYTHON, "-c", _OURS, *map(str, pos)], clone, args.runs)
        subprocess.run(L10N + ["check"], cwd=clone, capture_output=True)  # fills .l10n/
        warm = {command: measure(L10N + [command], clone, args.runs, ok=(0, 1))
                for command in ("status", "check")}
        print(f"{args.docs} documents x 2 languages ({len(pos)} PO files, every entry "
              "translated), fresh clone (no .l10n/), best of "
              f"{args.runs}: seconds, peak RSS")
        print(f"  l10n check, whole process            {check[0]:6.2f} s {check[1]:5.0f} MB")
        print(f"  msgfmt --check over the {len(pos)} files   {loop[0]:6.2f} s"
              f"   ratio check / msgfmt loop {check[0] / loop[0]:.2f} (goal <= 0.5)")
        print(f"  l10n's part: read + gettext verdict  {ours[0]:6.2f} s {ours[1]:5.0f} MB"
              f"   ratio / msgfmt loop {ours[0] / loop[0]:.2f}")
        for command, (seconds, peak) in warm.items():
            label = f"l10n {command}, warm (.l10n/ filled)"
            print(f"  {label:<37}{seconds:6.2f} s {peak:5.0f} MB"
                  "   (goal <= 0.5 s)")

        big = base / "big"
        big_catalog(big, args.entries)
        (big / "l10n.toml").write_text("[workspace]\nmax_source_bytes = 100000000\n"
                                       '[languages]\nfr = ["ar"]\n')
        subprocess.run(L10N + ["update"], cwd=big, check=True, capture_output=True)
        po = big / "translations/ar/big.po"
        status = measure(L10N + ["status"], big, args.runs)
        polib = measure([PYTHON, "-c", _POLIB, str(po)], big, args.runs)
        reader = measure([PYTHON, "-c", _READER, str(po)], big, args.runs)
        print(f"{args.entries:,}-entry PO ({po.stat().st_size / 1e6:.1f} MB), best of "
              f"{args.runs}: seconds, peak RSS")
        print(f"  l10n status, whole process           {status[0]:6.2f} s {status[1]:5.0f} MB"
              "   (goal <= 5 s, <= 300 MB)")
        print(f"  polib.pofile, whole process          {polib[0]:6.2f} s {polib[1]:5.0f} MB"
              f"   ratio status / polib {status[0] / polib[0]:.2f}")
        print(f"  l10n's reader, whole process         {reader[0]:6.2f} s {reader[1]:5.0f} MB"
              f"   ratio reader / polib {reader[0] / polib[0]:.2f}")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
