"""Writing a PO file in a wrapped style: l10n against gettext's msgcat, in one run.

A 10,000-entry catalog of communiqué sentences (French msgids, English and Arabic
msgstrs, notes, references) is rewritten at 79 columns, each tool as a whole process:
l10n reads the file and writes it in the style (what `l10n update` does to a wrapped PO
whose content changed); msgcat is what Poedit runs on every save. The outputs must be
identical. The time l10n's writer alone takes (in this process) is shown too.

    .venv/bin/python benchmarks/bench_po_write.py [--entries 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from l10n.catalog import pofile  # noqa: E402
from l10n.catalog.model import Catalog, Entry  # noqa: E402
from l10n.catalog.pofile import Style  # noqa: E402

FRENCH = ("Le Secrétaire général de la Coalition islamique militaire contre le terrorisme a "
          "reçu au siège à Riyad la délégation malaisienne le 11 octobre 2021 , « visite » ; "
          "coopération formation communication idéologie financement").split()
ENGLISH = ("The Secretary-General of the Islamic Military Counter Terrorism Coalition "
           "received the Malaysian delegation at the headquarters in Riyadh on 11 October "
           "2021 , “visit” ; cooperation training communication ideology").split()
ARABIC = ("استقبل الأمين العام للتحالف الإسلامي العسكري لمحاربة الإرهاب الوفد الماليزي في "
          "مقر التحالف بالرياض يوم 11 أكتوبر 2021 ، « زيارة » ؛ التعاون التدريب").split()
WRITE = ("import sys; from pathlib import Path; from l10n.catalog import pofile; "
         "c = pofile.read(Path(sys.argv[1])); "
         "Path(sys.argv[2]).write_bytes(pofile.serialize(c, pofile.Style(79)))")


def catalog(size: int) -> Catalog:
    rnd = random.Random(0)

    def sentence(words: list[str]) -> str:
        return " ".join(rnd.choice(words) for _ in range(rnd.randint(8, 45))) + "."
    return Catalog(header={"Content-Type": "text/plain; charset=UTF-8", "Language": "en"},
                   entries=[Entry(msgid=f"{n} {sentence(FRENCH)}",
                                  msgstr=sentence(ENGLISH if n % 2 else ARABIC),
                                  notes=[f"paragraph {n % 9 + 1}"],
                                  references=[f"sources/fr/communique-{n // 20}.txt:{n % 20}"])
                            for n in range(size)])


def best(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = catalog(args.entries)
    with tempfile.TemporaryDirectory() as folder:
        source, ours, theirs = (Path(folder) / name for name in ("in.po", "l10n.po", "msgcat.po"))
        source.write_bytes(pofile.serialize(data))
        l10n = best(args.repeat, lambda: subprocess.run(
            [sys.executable, "-c", WRITE, str(source), str(ours)], check=True, cwd=ROOT))
        msgcat = best(args.repeat, lambda: subprocess.run(
            ["msgcat", "--force-po", "--width=79", "-o", str(theirs), str(source)], check=True))
        writer = best(args.repeat, lambda: pofile.serialize(data, Style(79)))
        assert ours.read_bytes() == theirs.read_bytes(), "outputs differ"
    print(f"{args.entries} entries, wrapped at 79 columns (best of {args.repeat})")
    print(f"  msgcat --width=79 (whole process)      {msgcat:6.2f} s   1.0×")
    print(f"  l10n read + write (whole process)      {l10n:6.2f} s   {l10n / msgcat:.1f}×")
    print(f"  l10n writer alone (serialize)          {writer:6.2f} s")


if __name__ == "__main__":
    main()
