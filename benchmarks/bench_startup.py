"""Start-up benchmark: `l10n update --check` on the sample workspace (the pre-commit hook,
with nothing to do) against a bare Python start, same run, whole processes.

The sample workspace (this repository's sources/, translations/, l10n.toml,
glossary.csv) is copied to a temporary folder and brought up to date once, as a
developer's checkout is when the hook runs. Then the two commands take turns; each run's
wall time is measured around the process, and its CPU time from the kernel. Bytecode is
compiled first, as an installed package has it (PYTHONDONTWRITEBYTECODE would otherwise
make every run compile l10n from source).

    .venv/bin/python benchmarks/bench_startup.py [--runs 40] [--checkout DIR]

`--checkout DIR` times the l10n package of another checkout (e.g. an older commit
unpacked with `git archive`) with the same Python and dependencies, for a before/after.

The goal (issue 20) is 0.15 s on a quiet machine where Python starts in 0.04 s: a ratio
of at most 3.75.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = ("sources", "translations", "l10n.toml", "glossary.csv")
GOAL = 3.75  # 0.15 s / 0.04 s


def l10n_command() -> list[str]:
    """The console script a pre-commit hook runs, next to this Python."""
    script = Path(sys.executable).parent / "l10n"
    return [str(script)] if script.exists() else [sys.executable, "-m", "l10n"]


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run (which must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40, help="runs of each command")
    parser.add_argument("--checkout", type=Path, help="time the l10n package of this checkout")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    source = (args.checkout or REPO).resolve()
    if args.checkout:  # found before the installed package
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), env.get("PYTHONPATH")]))
    compileall.compile_dir(source / "l10n", quiet=1)
    l10n = l10n_command()
    commands = {"python -c pass": [sys.executable, "-c", "pass"],
                "l10n update --check": [*l10n, "update", "--check"]}
    with tempfile.TemporaryDirectory(prefix="l10n-startup-") as tmp:
        root = Path(tmp)
        for name in SAMPLE:
            if (REPO / name).is_dir():
                shutil.copytree(REPO / name, root / name)
            elif (REPO / name).exists():
                shutil.copy2(REPO / name, root / name)
        timed([*l10n, "update"], root, env)  # the checkout as the hook finds it
        for command in commands.values():  # warm the page cache
            timed(command, root, env)
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():  # in turns: load changes hit both
                wall, cpu = timed(command, root, env)
                walls[name].append(wall)
                cpus[name].append(cpu)
    print(f"l10n from {source}; {args.runs} runs each, in turns; load average "
          f"{os.getloadavg()[0]:.1f} at the end")
    print(f"{'command':<22}{'median':>9}{'min':>9}{'CPU median':>12}")
    for name in commands:
        print(f"{name:<22}{statistics.median(walls[name]):>8.3f}s{min(walls[name]):>8.3f}s"
              f"{statistics.median(cpus[name]):>11.3f}s")
    ratio = statistics.median(walls["l10n update --check"]) / \
        statistics.median(walls["python -c pass"])
    floor = min(walls["l10n update --check"]) / min(walls["python -c pass"])
    cpu = statistics.median(cpus["l10n update --check"]) / \
        statistics.median(cpus["python -c pass"])
    print(f"ratio to a bare Python start: {ratio:.2f}× (medians), {floor:.2f}× (minimums), "
          f"{cpu:.2f}× (CPU); goal ≤ {GOAL}× (0.15 s where Python starts in 0.04 s)")


if __name__ == "__main__":
    main()
