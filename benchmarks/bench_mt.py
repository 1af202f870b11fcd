#!/usr/bin/env python3
"""Throughput of l10n's MT against argostranslate's own path, on the same model, same run.

Builds a transformer-base-size copy model (6+6 layers, d_model 512, 8 heads, FFN 2048,
vocab 32,000, int8) with the test kit, then translates the same French sentences:
- with l10n (length-sorted batches, bounded decoding, one batch per core in flight);
- with `argostranslate.translate.translate` one sentence at a time, argos's default
  settings (its sentence splitter, which downloads a model, replaced by "one sentence").
Both are warmed up on one sentence first, so model loading is not counted, and they take
turns of 250 sentences, so a change in the machine's load hits both. Reports sentences/s,
output tokens/s and sentences per CPU-second (which other jobs on the machine disturb
less) for beam 4 and greedy, the speed-ups, and the load average around each beam.

    .venv/bin/python benchmarks/bench_mt.py                 # 500 sentences, 8-11 minutes
    .venv/bin/python benchmarks/bench_mt.py --sentences 100 # quicker look

The machine is shared: compare the ratios, which are measured in the same run.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

import argos_kit  # noqa: E402

from l10n.proposals import models, mt  # noqa: E402


def sentences(count: int) -> list[str]:
    """Distinct French sentences of varied length, from the kit's corpus."""
    fr = [t[0] for t in argos_kit.triples()]
    simple = [f"{s[0]} {v[0]} {o[0]} {c[0]}" for s, v, o, c in itertools.product(
        argos_kit.SUBJ, argos_kit.VERB, argos_kit.OBJ, argos_kit.COMP)]
    long = [f"{a[:-1]}, et {b[0].lower()}{b[1:]}" for a, b in zip(simple[::7], fr)]
    pool = list(dict.fromkeys(fr + long + simple))
    pool = pool[::3] + pool[1::3] + pool[2::3]  # mix lengths
    if count > len(pool):
        raise SystemExit(f"at most {len(pool)} distinct sentences")
    return pool[:count]


def l10n_translator(package: models.Package, beam: int, threads: int):
    engine = mt.Engine([package], options=mt.Options(beam_size=beam, threads=threads))
    engine.translate(["Bonjour."], source="fr", target="en")  # load the model
    return lambda texts: [r.text for r in engine.translate(texts, source="fr", target="en")]


def argos_translator(folder: Path, beam: int):
    from argostranslate import sbd, settings, translate

    # The default splitter (MiniSBD) downloads an ONNX model on first use; the inputs
    # are single sentences, so "no split" is what it would return anyway.
    sbd.MiniSBDSentencizer.split_sentences = lambda self, text: [text]
    settings.package_dirs = [folder]
    settings.beam_size = beam
    translate.get_installed_languages.cache_clear()
    translate.installed_translates.clear()
    translate.translate("Bonjour.", "fr", "en")  # load the model
    return lambda texts: [translate.translate(t, "fr", "en") for t in texts]


def measure(engines: dict, texts: list[str], round_size: int) -> dict:
    """Wall seconds, CPU seconds and outputs per engine, taking turns (load drifts)."""
    totals = {name: [0.0, 0.0, []] for name in engines}
    for n, first in enumerate(range(0, len(texts), round_size)):
        chunk = texts[first:first + round_size]
        names = list(engines) if n % 2 == 0 else list(reversed(engines))
        for name in names:
            start, cpu = time.perf_counter(), time.process_time()
            out = engines[name](chunk)
            totals[name][0] += time.perf_counter() - start
            totals[name][1] += time.process_time() - cpu
            totals[name][2] += out
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=500)
    parser.add_argument("--round", type=int, default=250,
                        help="sentences per turn; the engines alternate turns")
    parser.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--beams", default="4,1", help="beam sizes to measure")
    args = parser.parse_args()
    texts = sentences(args.sentences)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        archive = argos_kit.build_package(
            "fr", "en", Path(tmp) / "base.argosmodel", layers=6, d_model=512, heads=8,
            ffn=2048, vocab=32000, positions=1024)
        folder = Path(tmp) / "models"
        package = models.install(folder, archive)
        import sentencepiece
        sp = sentencepiece.SentencePieceProcessor(
            model_file=str(package.path / "sentencepiece.model"))
        for beam in (int(b) for b in args.beams.split(",")):
            engines = {"l10n": l10n_translator(package, beam, args.threads),
                       "argostranslate": argos_translator(folder, beam)}
            load = os.getloadavg()[0]
            for name, (seconds, cpu, out) in measure(engines, texts, args.round).items():
                tokens = sum(len(p) for p in sp.encode(out))
                rows.append({"engine": name, "beam": beam, "sentences": len(texts),
                             "seconds": round(seconds, 2),
                             "sentences_per_s": round(len(texts) / seconds, 2),
                             "output_tokens_per_s": round(tokens / seconds, 1),
                             "sentences_per_cpu_s": round(len(texts) / cpu, 2),
                             "exact_copies": sum(o == f"[en] {t}" for o, t in zip(out, texts)),
                             "load_before": round(load, 1),
                             "load_after": round(os.getloadavg()[0], 1)})
                print(json.dumps(rows[-1]), flush=True)
    print(f"\n{args.sentences} sentences, base-size copy model, {args.threads} cores, "
          f"turns of {args.round}")
    print(f"{'engine':<15} {'beam':>4} {'sent/s':>8} {'tok/s':>8} {'sent/cpu-s':>10}")
    for row in rows:
        print(f"{row['engine']:<15} {row['beam']:>4} {row['sentences_per_s']:>8} "
              f"{row['output_tokens_per_s']:>8} {row['sentences_per_cpu_s']:>10}")
    for beam in sorted({r["beam"] for r in rows}, reverse=True):
        ours, theirs = [next(r for r in rows if r["engine"] == e and r["beam"] == beam)
                        for e in ("l10n", "argostranslate")]
        print(f"beam {beam}: l10n is {ours['sentences_per_s'] / theirs['sentences_per_s']:.1f}"
              f"× argostranslate's throughput, "
              f"{ours['sentences_per_cpu_s'] / theirs['sentences_per_cpu_s']:.1f}× per CPU "
              f"second (load average {ours['load_before']}–{ours['load_after']})")


if __name__ == "__main__":
    main()
