"""The sample Word communiqué built into Arabic and English, laid out by LibreOffice: the
PDF's words (pdftotext -bbox) show the Arabic lines right-aligned and in reading order,
the English ones left-aligned; the same for the document saved as OpenDocument."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support import l10n, require_tool
from test_web_workflow import sample_workspace

from l10n.catalog import pofile

SAMPLE = "2021-10-11-visite-vice-ministre-malaisien-word"
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">'
                   r"([^<]*)</word>")
_ARABIC = re.compile("[\u0600-\u06ff]")
pytestmark = pytest.mark.program


def convert(document: Path, folder: Path, to: str) -> Path:
    """LibreOffice's conversion, with a profile of its own (other runs may be open)."""
    profile = folder / "profile"
    subprocess.run([require_tool("soffice"), f"-env:UserInstallation=file://{profile}",
                    "--headless", "--convert-to", to, "--outdir", str(folder), str(document)],
                   check=True, capture_output=True, timeout=300)
    return folder / f"{document.stem}.{to}"


def lines(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """The first page's lines, top to bottom, each as its words (xMin, xMax, text)."""
    out = subprocess.run([require_tool("pdftotext"), "-bbox", "-f", "1", "-l", "1", str(pdf),
                          "-"], check=True, capture_output=True, text=True).stdout
    words = sorted((float(y), float(a), float(b), t) for a, y, b, t in _WORD.findall(out))
    rows: list[list] = []
    top = None
    for y, x_min, x_max, text in words:
        if top is None or y - top > 4:  # a word with a vowel mark sits a little lower
            rows.append([])
            top = y
        rows[-1].append((x_min, x_max, text))
    return [sorted(row) for row in rows]


def read_right_to_left(line: list[tuple[float, float, str]]) -> str:
    """The words as a reader of Arabic reads them: from the right, each Arabic word's
    letters (which pdftotext gives in the order they are drawn) turned back."""
    words = [t[::-1] if _ARABIC.search(t) else t for _, _, t in sorted(line, reverse=True)]
    return " ".join(words)


def body(page: list[list[tuple[float, float, str]]], stop: str) -> list:
    """The lines above the first one holding `stop` (the table)."""
    end = next(i for i, line in enumerate(page) if any(stop in t for _, _, t in line))
    return page[:end]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = sample_workspace(tmp_path_factory.mktemp("sample"))
    result = l10n(root, "build", "--doc", SAMPLE)
    assert result.returncode == 0, result.stderr
    return root


def comparable(text: str, *, written: bool = False) -> str:
    """Text to compare with the PDF's: no spaces (words are cut at runs too), brackets
    (an RTL line draws them mirrored), vowel marks or placeholders; `written` text gets its
    lam-alef ligatures in the order LibreOffice maps their glyphs in the PDF."""
    text = re.sub(r"[()\u064b-\u065f\u0670]|</?[0-9]+/?>", "", text)
    if written:
        for alef in "اإأآ":
            text = text.replace("ل" + alef, alef + "ل")
    return re.sub(r"\s", "", text)


def expected_text(root: Path, lang: str) -> str:
    catalog = pofile.read(root / f"translations/{lang}/{SAMPLE}.po")
    return comparable(" ".join(e.msgstr for e in catalog.entries), written=True)


def test_arabic_lines_are_right_aligned_and_in_reading_order(built, tmp_path):
    page = lines(convert(built / f"build/ar/{SAMPLE}.docx", tmp_path, "pdf"))
    text = body(page, "رئازلا")  # up to the table ("الزائر")
    assert len(text) >= 15
    right = max(line[-1][1] for line in text)
    left = min(line[0][0] for line in text)
    assert all(abs(line[-1][1] - right) < 2 for line in text), "every line ends on the right"
    assert any(line[0][0] > left + 40 for line in text), "lines are ragged on the left"
    translations = expected_text(built, "ar")
    for line in text:
        assert comparable(read_right_to_left(line)) in translations, line
    title = read_right_to_left(text[0]) + " " + read_right_to_left(text[1])
    assert comparable(title) == comparable(
        "نائب وزير الدفاع الماليزي يزور التحالف الإسلامي العسكري لمحاربة الإرهاب", written=True)
    # the era letter of «2021م» follows the year (pdftotext gives it as a word of its own)
    assert read_right_to_left(text[2]) == "الرياض – 11 أكتوبر 2021 م"


def test_english_lines_are_left_aligned(built, tmp_path):
    page = lines(convert(built / f"build/en/{SAMPLE}.docx", tmp_path, "pdf"))
    text = body(page, "Visitor")
    left = min(line[0][0] for line in text)
    right = max(line[-1][1] for line in text)
    assert all(abs(line[0][0] - left) < 2 for line in text)
    assert any(line[-1][1] < right - 40 for line in text)
    assert " ".join(t for _, _, t in text[0] + text[1]) == \
        "Malaysian Deputy Minister of Defence Visits IMCTC"


def test_opendocument_saved_by_libreoffice_builds_right_to_left(built, tmp_path):
    """LibreOffice saves the sample as .odt; the same reviewed translations build it."""
    folder = built / "sources/fr/odt"
    folder.mkdir()
    convert(built / f"sources/fr/{SAMPLE}.docx", folder, "odt")
    shutil.rmtree(folder / "profile")
    for lang in ("ar", "en"):
        (built / f"translations/{lang}/odt").mkdir()
        shutil.copy(built / f"translations/{lang}/{SAMPLE}.po",
                    built / f"translations/{lang}/odt/{SAMPLE}.po")
    assert l10n(built, "update", "--doc", f"odt/{SAMPLE}").returncode == 0  # LibreOffice's
    # cut of the same text may differ in a unit or two: those keep the French text
    result = l10n(built, "build", "--allow-partial", "--doc", f"odt/{SAMPLE}")
    assert result.returncode == 0, result.stdout + result.stderr
    page = lines(convert(built / f"build/ar/odt/{SAMPLE}.odt", tmp_path, "pdf"))
    text = body(page, "رئازلا")
    right = max(line[-1][1] for line in text)
    assert all(abs(line[-1][1] - right) < 2 for line in text)
    assert read_right_to_left(text[2]) == "الرياض – 11 أكتوبر 2021 م"
