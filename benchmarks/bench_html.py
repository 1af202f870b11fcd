"""Pipeline benchmark on generated HTML communiqués: l10n against Translate Toolkit.

    apt-get install translate-toolkit      # Debian's html2po, pot2po, po2html (3.8.4 here)
    .venv/bin/python benchmarks/bench_html.py [--pages 1000] [--keep DIR]

Generates PAGES French communiqué pages (headings, paragraphs with links, emphasis and
entities, a list, contact details, alt and description attributes) and times, with the
command-line tools as a user runs them:

- l10n: `l10n update` and `l10n build` into ar and en, cold (fresh workspace) and after
  one source sentence changed, in a settled workspace (translations saved, updated and
  built once; the translator's fix in between is not timed; median of three changes);
- Translate Toolkit's equivalent: `html2po -P` for the templates, `pot2po` per language
  (with `-t` the previous POs after the change), `po2html` per language; after the change
  both a full re-run and a `-S` run (skip outputs newer than their inputs).

Filling translations (msgstr = "[xx] " + msgid) is not timed. Without html2po only l10n
is measured. Timings are wall-clock seconds of single runs on a shared machine.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
from pathlib import Path

from common import L10N, fill, timed

LANGS = ("ar", "en")

SUBJECTS = ["Le Secrétaire général de la CIMCT", "La délégation malaisienne", "Le Centre de la Coalition",
            "Le représentant du Nigeria", "L'équipe de communication", "Le directeur du programme"]
VERBS = ["a reçu", "a présenté", "a salué", "a examiné", "a annoncé", "a souligné"]
OBJECTS = ["les efforts des pays membres", "le rôle de la coordination régionale",
           "un programme de formation en communication", "la lutte contre le financement du terrorisme",
           "les réalisations de l'année écoulée", "les moyens de coopération conjointe"]
PLACES = ["au siège de Riyad", "lors d'une réunion à distance", "en présence des délégués",
          "dans le cadre du partenariat stratégique", "à l'occasion de la visite officielle"]


def sentence(rng: random.Random, markup: bool) -> str:
    words = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(PLACES)]
    if markup:
        i = rng.randrange(1, 4)
        words[i] = rng.choice([f"<strong>{words[i]}</strong>", f"<em>{words[i]}</em>",
                               f'<a href="https://www.imctc.org/fr/{rng.randrange(999)}">{words[i]}</a>'])
    text = " ".join(words)
    if rng.random() < 0.3:
        text += f" (édition n&deg;&nbsp;{rng.randrange(1, 99)})"
    return text.replace("l'", "l&#x27;", 1) + "."


def page(n: int, rng: random.Random) -> str:
    paragraphs = "\n".join(
        "      <p>" + "\n        ".join(sentence(rng, rng.random() < 0.5)
                                       for _ in range(rng.randrange(2, 4))) + "</p>"
        for _ in range(rng.randrange(4, 7)))
    items = "\n".join(f"        <li>{sentence(rng, False)}</li>" for _ in range(3))
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Communiqué n°&nbsp;{n} | CIMCT</title>
  <meta name="description" content="{sentence(rng, False)}">
  <link rel="stylesheet" href="/static/communique.css">
</head>
<body>
  <main>
    <article>
      <p class="dateline">Riyad, le {1 + n % 28}&nbsp;novembre 2021</p>
      <h1>{sentence(rng, False)[:-1]}</h1>
      <img src="/media/{n}.jpg" alt="{sentence(rng, False)[:-1]}">
{paragraphs}
      <ul>
{items}
      </ul>
      <p class="contact">Contact&nbsp;: <a href="mailto:media@imctc.org">media@imctc.org</a>, tél.&nbsp;: +966 11 234 {n:04d}</p>
    </article>
  </main>
  <script src="/static/site.js"></script>
</body>
</html>
"""


def change_one(sources: Path, pages: int, which: int = 0) -> None:
    path = sources / f"fr/c{(pages // 2 + which) % pages:04d}.html"
    text = path.read_text()
    path.write_text(text.replace("</h1>", " cette semaine</h1>", 1))


def bench_l10n(root: Path, pages: int) -> dict[str, float]:
    # the fill copies French dates («1 novembre 2021») into ar and en, where the numbers
    # check rightly misses the month: it still runs on every unit, as a warning
    (root / "l10n.toml").write_text('[languages]\nfr = ["ar", "en"]\n\n[check]\n'
                                    'required = ["ar", "en"]\n\n[qa.severity]\n'
                                    'numbers = "warning"\n')
    times = {"update (cold)": timed([*L10N, "update"], root)}
    fill(root / "translations")
    times["build (cold)"] = timed([*L10N, "build"], root)
    timed([*L10N, "update"], root)  # settle: the translators' saves are merged once
    timed([*L10N, "build"], root)
    changes = []
    for which in range(3):  # the median of three, each on another page
        change_one(root / "sources", pages, which)
        update = timed([*L10N, "update"], root)
        fill(root / "translations", only_missing=True)
        changes.append((update + timed([*L10N, "build"], root), update))
    total, update = sorted(changes)[1]
    times["update (1 change)"], times["build (1 change)"] = update, total - update
    return times


def bench_translate_toolkit(root: Path, pages: int) -> dict[str, float]:
    sources = root / "sources/fr"

    def pipeline(previous: bool, skip: bool) -> float:
        flag = ["-S"] if skip else []
        total = timed(["html2po", "-P", *flag, "-i", sources, "-o", root / "pot"], root)
        for lang in LANGS:
            template = ["-t", root / "po" / lang] if previous else []
            out = root / ("po-new" if previous else "po") / lang
            out.parent.mkdir(exist_ok=True)
            total += timed(["pot2po", *flag, *template, "-i", root / "pot", "-o", out], root)
        if previous:
            for lang in LANGS:
                shutil.rmtree(root / "po" / lang)
                (root / "po-new" / lang).rename(root / "po" / lang)
            fill(root / "po", only_missing=True)
        else:
            fill(root / "po")
        for lang in LANGS:
            (root / "out").mkdir(exist_ok=True)
            total += timed(["po2html", *flag, "-t", sources, "-i", root / "po" / lang,
                            "-o", root / "out" / lang], root)
        return total

    times = {"pipeline (cold)": pipeline(previous=False, skip=False)}
    change_one(root / "sources", pages)
    times["pipeline (1 change, full re-run)"] = pipeline(previous=True, skip=False)
    change_one(root / "sources", pages)
    times["pipeline (1 change, -S)"] = pipeline(previous=True, skip=True)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-html-"))
    rng = random.Random(7)
    for tool in ("l10n", "tt"):
        folder = base / tool / "sources/fr"
        folder.mkdir(parents=True, exist_ok=True)
    for n in range(args.pages):
        text = page(n, rng)
        for tool in ("l10n", "tt"):
            (base / tool / f"sources/fr/c{n:04d}.html").write_text(text)
    print(f"{args.pages} pages, {len(LANGS)} target languages ({', '.join(LANGS)})")
    ours = bench_l10n(base / "l10n", args.pages)
    for name, seconds in ours.items():
        print(f"  l10n {name:<34} {seconds:7.2f} s")
    cold = ours["update (cold)"] + ours["build (cold)"]
    change = ours["update (1 change)"] + ours["build (1 change)"]
    print(f"  l10n {'update + build (cold)':<34} {cold:7.2f} s")
    print(f"  l10n {'update + build (1 change)':<34} {change:7.2f} s")
    if shutil.which("html2po"):
        theirs = bench_translate_toolkit(base / "tt", args.pages)
        for name, seconds in theirs.items():
            print(f"  translate-toolkit {name:<32} {seconds:7.2f} s")
        print(f"  cold: l10n is {theirs['pipeline (cold)'] / cold:.1f}x as fast; after one change "
              f"{theirs['pipeline (1 change, full re-run)'] / change:.0f}x (full re-run), "
              f"{theirs['pipeline (1 change, -S)'] / change:.0f}x (-S)")
    else:
        print("  html2po not found: apt-get install translate-toolkit to compare")
    if not args.keep:
        shutil.rmtree(base)


if __name__ == "__main__":
    main()
