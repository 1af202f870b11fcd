"""Size soak: the largest inputs of issue 8, timed with their peak memory.

- a 200,000-entry PO (a 200,000-sentence source): `update` (cold and rerun), `status`,
  `check`, `build --allow-partial`;
- a 100 MB source: refused by [workspace] max_source_bytes;
- a 1 GB model archive (stored, incompressible model.bin): unpacked, refused because the
  model cannot load, nothing left behind; then refused up front with
  [models] max_package_bytes = 500000000;
- a zip bomb (1 GB of zeros deflated to about 1 MB): refused before unpacking.

Every command runs as its own process, as a user runs it; figures are wall time and peak
RSS (/usr/bin/time-style, from the child's rusage). The tests keep scaled-down versions.

    .venv/bin/python benchmarks/soak_sizes.py [--entries 200000] [--archive-mb 1024] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import string
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from common import L10N  # noqa: E402


def run_alone(args: list[str], cwd: Path, env: dict[str, str] | None = None):
    """(seconds, peak MB, exit code, last stderr line) of one l10n process, run from a
    fresh helper so that the peak RSS is this command's alone."""
    helper = ("import json, resource, subprocess, sys, time\n"
              "start = time.perf_counter()\n"
              "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,"
              " text=True)\n"
              "print(json.dumps([time.perf_counter() - start, resource.getrusage("
              "resource.RUSAGE_CHILDREN).ru_maxrss / 1024, p.returncode, "
              "(p.stderr.strip().splitlines() or [''])[-1][:160]]))\n")
    out = subprocess.run([sys.executable, "-c", helper, *L10N, *args], cwd=cwd,
                         env={**os.environ, **(env or {})}, capture_output=True, text=True)
    return json.loads(out.stdout)


def row(label: str, figures) -> None:
    seconds, peak, code, err = figures
    print(f"| {label} | {seconds:.1f} s | {peak:.0f} MB | {code} | {err} |", flush=True)


def big_catalog(root: Path, entries: int) -> None:
    rng = random.Random(1)
    words = ["".join(rng.choices(string.ascii_lowercase, k=rng.randrange(2, 9)))
             for _ in range(5000)]
    (root / "sources/fr").mkdir(parents=True)
    with open(root / "sources/fr/big.txt", "w", encoding="utf-8") as handle:
        for n in range(entries):
            handle.write(" ".join(rng.choices(words, k=8)).capitalize() + f" {n}.\n\n")
    (root / "l10n.toml").write_text("[workspace]\nmax_source_bytes = 100000000\n")


def sentencepiece_model() -> bytes:
    """A small real SentencePiece model, so that installing gets as far as model.bin."""
    import io

    import sentencepiece
    out = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(["Le ministre a reçu la délégation.", "The minister met them."]
                               * 50), model_writer=out, vocab_size=25, hard_vocab_limit=False, minloglevel=2)
    return out.getvalue()


def archive(path: Path, *, megabytes: int, bomb: bool) -> Path:
    """A package-shaped zip whose model.bin is `megabytes` of random bytes (stored) or of
    zeros (deflated: a bomb)."""
    top = "translate-fr_en-9_9_9"
    with zipfile.ZipFile(path, "w") as handle:
        handle.writestr(f"{top}/metadata.json", '{"from_code": "fr", "to_code": "en", '
                        '"type": "translate", "package_version": "9.9.9"}')
        handle.writestr(f"{top}/sentencepiece.model", sentencepiece_model())
        handle.writestr(f"{top}/model/config.json", "{}")
        info = zipfile.ZipInfo(f"{top}/model/model.bin")
        info.compress_type = zipfile.ZIP_DEFLATED if bomb else zipfile.ZIP_STORED
        with handle.open(info, "w", force_zip64=True) as out:
            chunk = bytes(1024**2) if bomb else os.urandom(1024**2)
            for _ in range(megabytes):
                out.write(chunk)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--archive-mb", type=int, default=1024)
    parser.add_argument("--keep", type=Path, help="work here and keep the files")
    options = parser.parse_args()
    work = options.keep or Path(tempfile.mkdtemp(prefix="l10n-soak-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print("| case | wall | peak RSS | exit | last stderr line |")
        print("|---|---|---|---|---|")
        root = work / "catalog"
        shutil.rmtree(root, ignore_errors=True)
        big_catalog(root, options.entries)
        size = (root / "sources/fr/big.txt").stat().st_size / 1e6
        for args in (["update"], ["update"], ["status"], ["check"],
                     ["build", "--allow-partial"]):
            row(f"{options.entries:,} entries ({size:.0f} MB source): {' '.join(args)}",
                run_alone(args, root))
        po = (root / "translations/en/big.po").stat().st_size / 1e6
        print(f"\n(each PO file: {po:.0f} MB)\n")

        alone = work / "huge"
        shutil.rmtree(alone, ignore_errors=True)
        (alone / "sources/fr").mkdir(parents=True)
        (alone / "l10n.toml").write_text("")
        with (alone / "sources/fr/huge.txt").open("wb") as handle:
            handle.truncate(100_000_000)  # sparse
        row("100 MB source: update", run_alone(["update"], alone))

        models = work / "models"
        env = {"L10N_MODELS_DIR": str(models)}
        for label, bomb in ((f"{options.archive_mb} MB archive", False),
                            (f"zip bomb ({options.archive_mb} MB of zeros)", True)):
            path = archive(work / "package.argosmodel", megabytes=options.archive_mb, bomb=bomb)
            shown = f"{label}, {path.stat().st_size / 1e6:.0f} MB on disk"
            row(f"{shown}: models install", run_alone(["models", "install", str(path)], work, env))
            left = list(models.iterdir()) if models.exists() else []
            print(f"| left in the models folder | {len(left)} |  |  |  |")
            if not bomb:
                (work / "l10n.toml").write_text("[models]\nmax_package_bytes = 500000000\n")
                row(f"{shown}, limit 500,000,000: models install",
                    run_alone(["models", "install", str(path)], work, env))
                (work / "l10n.toml").unlink()
            path.unlink()
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
