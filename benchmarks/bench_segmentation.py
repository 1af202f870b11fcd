"""Sentence segmentation: l10n against pySBD and blingfire, speed and accuracy in one run.

Speed, whole process, as a user runs it: `l10n segment FILE --lang fr` against a script
that reads the same file and prints pySBD's sentences (blingfire's too, when installed),
on about 3 MB of plain French news text: the FLORES French excerpts (Wikinews, Wikibooks,
Wikivoyage), one paragraph each, repeated to the size asked. Each tool splits paragraph
by paragraph (pySBD's usual use; on the whole file at once it is four times slower) and
writes one sentence a line. Runs alternate between the tools; the best of `--repeat`
wall-clock times is kept, and the ratio is pySBD's time over l10n's.

Accuracy: the gold data of ../shared/corpora, scored as the tests score it (tests/gold.py),
plus generated communiqués full of titles, abbreviations, dates and quotes, whose
sentences are known.

    .venv/bin/pip install pysbd blingfire     # for the benchmark only
    .venv/bin/python benchmarks/bench_segmentation.py [--mb 3] [--repeat 3]

A tool that is not installed is left out of the tables.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import REPO  # noqa: E402

sys.path.insert(0, str(REPO / "tests"))

import gold  # noqa: E402

from l10n.segmentation import Segmenter  # noqa: E402

NBSP, NNBSP = "\u00a0", "\u202f"
OKAPI_SRX = gold.CORPORA / "srx" / "okapi_defaultSegmentation.srx"
L10N = Path(sys.executable).parent / "l10n"

Split = Callable[[str, str], list[str]]

# The peers as a user scripts them: read the file, split each paragraph, print sentences.
PEERS = {
    "pySBD": """
import sys, pysbd
segmenter = pysbd.Segmenter(language=sys.argv[2], clean=False)
text = open(sys.argv[1], encoding="utf-8").read()
sys.stdout.writelines(s.strip() + "\\n" for paragraph in text.split("\\n\\n")
                      for s in segmenter.segment(paragraph) if s.strip())
""",
    "blingfire": """
import sys, blingfire
text = open(sys.argv[1], encoding="utf-8").read()
sys.stdout.writelines(blingfire.text_to_sentences(paragraph) + "\\n"
                      for paragraph in text.split("\\n\\n") if paragraph.strip())
""",
}


# -- the tools ----------------------------------------------------------------------

def l10n_split(srx: Path | None = None) -> Split:
    segmenters = {lang: Segmenter.for_language(lang, srx=srx) for lang in ("fr", "ar", "en")}

    def split(text: str, lang: str) -> list[str]:
        return [text[a:b] for a, b in segmenters[lang].split(text)]
    return split


def pysbd_split() -> Split | None:
    try:
        import pysbd
    except ImportError:
        return None
    segmenters: dict[str, object] = {}

    def split(text: str, lang: str) -> list[str]:
        if lang not in segmenters:
            segmenters[lang] = pysbd.Segmenter(language=lang, clean=False)
        return segmenters[lang].segment(text)
    return split


def blingfire_split() -> Split | None:
    try:
        import blingfire
    except ImportError:
        return None
    return lambda text, lang: blingfire.text_to_sentences(text).split("\n")


# -- generated communiqués ----------------------------------------------------------

PEOPLE = ["M. Jean Dupont", "Mme Claire Martin", "S.E. M. Ahmed Al-Farsi", "le Dr Karim Benali",
          "le Pr Louis Garnier", "Me Sophie Bernard", "le Gén. Paul Roux", "E. Lefèvre",
          "LL.MM. le Roi et la Reine", "MM. Durand et Petit", "Mlle Inès Haddad"]
PLACES = ["Riyad", "Paris", "Rabat", "Dakar", "Tunis", "Amman", "Le Caire", "Kuala Lumpur"]
TEMPLATES = [
    ["{who} a reçu, au siège de la Coalition à {place}, une délégation de {n} membres."],
    ["La réunion s'est tenue le {date} en présence de {who}."],
    ["Selon l'art. {k} du règlement, les États membres s'engagent à coopérer."],
    ["Le budget alloué s'élève à {amount} millions de dollars, soit {pct} de plus qu'en {year}."],
    [f"«{NBSP}Nous sommes déterminés à poursuivre nos efforts{NBSP}», a déclaré {{who}}."],
    ["Pour plus d'informations, consultez www.imctc.org ou écrivez à contact@imctc.org."],
    ["Les domaines concernés sont l'idéologie, la communication, le financement, etc."],
    ["Le document n° {k} (p. {p}) précise les modalités de mise en œuvre."],
    [f"Vous souhaitez participer{NNBSP}?", "Inscrivez-vous avant le {date}."],
    [f"Les participants ont visité le site de {{place}}{NNBSP}; ils ont salué l'organisation."],
    ["Cette initiative, p. ex. dans le domaine de la formation, sera étendue en {year}."],
    ["{who} a rappelé que la Coalition compte {n} États membres."],
    ["Le taux de réussite atteint {pct}, contre {pct} l'an dernier."],
    [f"Le programme prévoit trois volets{NBSP}: la prévention, la formation et la coordination."],
    ["Lors de la visite, SE le ministre a écouté une explication détaillée sur les efforts de "
     "la CIMCT dans ses quatre domaines d'action (idéologie, communication, lutte contre le "
     "financement du terrorisme et militaire)."],
    ["La délégation comprenait notamment le Gén. Martin et le Col. Durand."],
    ["Le rapport sera publié le {day} sept. {year} sur le site officiel."],
    [f"Quel bilan tirer de cette année{NNBSP}?", f"Les résultats sont encourageants{NNBSP}!"],
    [f"«{NBSP}Quelle réussite{NBSP}!{NBSP}» s'est exclamé {{who}}."],
    ["La séance a été levée à 18 h 30, après l'adoption du texte n° {k}."],
    ["Les travaux ont débuté en {year}…", "Ils se poursuivent aujourd'hui à {place}."],
    ["L'U.E. et l'ONU ont salué cette démarche, qui date de {year}."],
    ["Le siège de la société Intercept Ltd. se trouve à {place}."],
    ["Le montant atteint {amount} M€.", "Il sera versé le {date}."],
]


def communiques(count: int = 200, seed: int = 2021) -> list[tuple[str, list[str]]]:
    """Paragraphs of generated communiqués, each with its sentences (title and dateline
    paragraphs are one sentence each)."""
    rng = random.Random(seed)
    paragraphs = []
    for _ in range(count):
        place = rng.choice(PLACES)
        paragraphs.append((f"{rng.choice(PEOPLE)} en visite à {place}", None))
        paragraphs.append((f"{place} – {_date(rng)}", None))
        for _ in range(rng.randint(8, 12)):
            sentences = []
            for template in rng.sample(TEMPLATES, rng.randint(4, 7)):
                sentences += [_fill(part, rng) for part in template]
            paragraphs.append((" ".join(sentences), sentences))
    return [(text, sentences or [text]) for text, sentences in paragraphs]


def _date(rng: random.Random) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2024)
    return f"{day:02d}{rng.choice('/.')}{month:02d}{'/' if rng.random() < .5 else '.'}{year}"


def _fill(template: str, rng: random.Random) -> str:
    who = rng.choice(PEOPLE)
    return template.format(
        who=who[0].upper() + who[1:] if template.startswith("{who}") else who,
        place=rng.choice(PLACES), n=rng.randint(3, 60), k=rng.randint(1, 40),
        p=rng.randint(2, 300), year=rng.randint(2015, 2024), day=rng.randint(1, 28),
        date=_date(rng), amount=f"{rng.randint(1, 999)}{NNBSP}{rng.randint(0, 999):03d},5",
        pct=f"{rng.randint(1, 99)},{rng.randint(0, 9)}{NBSP}%")


# -- measuring ----------------------------------------------------------------------

def news_file(folder: Path, megabytes: float) -> Path:
    """Plain French news text: FLORES excerpts, one a paragraph, repeated to the size."""
    paragraphs = [e["fr_text"] for e in gold.flores_excerpts()]
    chosen, size = [], 0
    while size < megabytes * 1e6:
        chosen.append(paragraphs[len(chosen) % len(paragraphs)])
        size += len(chosen[-1].encode("utf-8")) + 2
    path = folder / "news.fr.txt"
    path.write_text("\n\n".join(chosen) + "\n", encoding="utf-8")
    return path


def commands(path: Path) -> dict[str, list[str]]:
    """The whole-process command of each installed tool."""
    found = {"l10n": [str(L10N), "segment", str(path), "--lang", "fr"]}
    for name, script in PEERS.items():
        module = name.lower()
        if subprocess.run([sys.executable, "-c", f"import {module}"],
                          capture_output=True).returncode == 0:
            found[name] = [sys.executable, "-c", script, str(path), "fr"]
    return found


def timed(command: list[str], out: Path) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one run, stdout to `out`, in the
    file's folder (outside any workspace: l10n's built-in rules, no l10n.toml to read)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with out.open("wb") as sink:
        subprocess.run(command, stdout=sink, check=True, cwd=out.parent)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def whole_process(megabytes: float, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = news_file(Path(folder), megabytes)
        tools = commands(path)
        size = path.stat().st_size / 1e6
        best: dict[str, tuple[float, float]] = {}
        for _ in range(repeat):
            for name, command in tools.items():  # alternating: load hits every tool alike
                wall, cpu = timed(command, Path(folder) / f"{name}.out")
                previous = best.get(name, (float("inf"), float("inf")))
                best[name] = (min(wall, previous[0]), min(cpu, previous[1]))
        lines = {name: sum(1 for _ in (Path(folder) / f"{name}.out").open(encoding="utf-8"))
                 for name in tools}
    print(f"Whole process on {size:.2f} MB of French news text (FLORES excerpts), "
          f"best of {repeat}:")
    print(f"  l10n {' '.join(tools['l10n'][1:]).replace(str(path), 'news.fr.txt')} > out")
    l10n_wall, l10n_cpu = best["l10n"]
    _table(["tool", "wall s", "CPU s", "MB/s (wall)", "sentences", "× l10n wall", "× l10n CPU"],
           [[name, f"{wall:.2f}", f"{cpu:.2f}", f"{size / wall:.2f}", lines[name],
             f"{wall / l10n_wall:.1f}", f"{cpu / l10n_cpu:.1f}"]
            for name, (wall, cpu) in best.items()])
    if "pySBD" in best:
        print(f"\nl10n is {best['pySBD'][0] / l10n_wall:.1f}× faster than pySBD "
              f"(wall clock; {best['pySBD'][1] / l10n_cpu:.1f}× in CPU time)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=3, help="size of the news text file")
    parser.add_argument("--repeat", type=int, default=3,
                        help="whole-process runs per tool, the best kept")
    args = parser.parse_args()
    if not gold.CORPORA.is_dir():
        sys.exit(f"needs the corpora in {gold.CORPORA}")

    whole_process(args.mb, args.repeat)

    tools = {"l10n": l10n_split(), "l10n + Okapi SRX": l10n_split(OKAPI_SRX),
             "pySBD": pysbd_split(), "blingfire": blingfire_split()}
    missing = [name for name, split in tools.items() if split is None]
    tools = {name: split for name, split in tools.items() if split is not None}
    if missing:
        print(f"not installed, left out: {', '.join(missing)} (pip install pysbd blingfire)")
    generated = communiques()
    flores = gold.flores_excerpts()
    rules, cases = gold.golden_rules(), [c for c in gold.french_arabic_cases() if not c.disputed]
    rows = []
    for name, split in tools.items():
        golden = sum(gold.same(split(c["text"], "en"), c["expected"]) for c in rules)
        agreed = sum(gold.same(split(c.text, c.lang), c.expected, collapse=c.collapse)
                     for c in cases)
        lines = [gold.line_boundaries(split, lang, flores) for lang in ("en", "fr", "ar")]
        made = sum(gold.same(split(text, "fr"), sentences) for text, sentences in generated)
        rows.append([name, f"{golden}/{len(rules)} ({100 * golden / len(rules):.1f} %)",
                     f"{agreed}/{len(cases)}",
                     *(f"{b.percent:.2f} % ({b.crossing})" for b in lines),
                     f"{100 * made / len(generated):.1f} %"])
    print("\nAccuracy: exact segment lists after stripping; FLORES: line boundaries found "
          "(segments crossing one)")
    _table(["tool", "golden rules en", "fr+ar agreed", "FLORES en", "FLORES fr", "FLORES ar",
            "communiqués"], rows)


def _table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |")


if __name__ == "__main__":
    main()
