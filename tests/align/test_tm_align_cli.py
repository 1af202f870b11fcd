"""`l10n tm align`: what it writes, what the memory does with it, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import argos_kit
from align.editions import EXTRA, OTHER, TEXTS, render
from lxml import etree
from support import write

from l10n.proposals import models, tmx


def _editions(folder: Path, name: str = "visite.txt", **texts: list[list[str]]) -> None:
    for lang, paragraphs in texts.items():
        write(folder / lang / name, render(paragraphs))


def _props(path: Path) -> list[dict[str, str]]:
    return [dict(u.props) for u in tmx.read(path).units]


def test_pairs_go_to_the_memory_with_their_document_and_are_exported(run, workspace):
    _editions(workspace / "archive", fr=TEXTS["fr"], en=TEXTS["en"])
    result = run("tm", "align", "--from", "fr", "--to", "en", "archive/fr/visite.txt",
                 "archive/en/visite.txt", cwd=workspace)
    assert result.code == 0, result.err
    assert "10 to the memory, 0 to review" in result.out
    out = workspace / "tm" / "aligned" / "visite.fr-en.tmx"
    assert {(p["x-l10n-origin"], p["x-l10n-document"]) for p in _props(out)} == \
        {("aligned", "archive/fr/visite.txt")}
    assert tmx.read(out).units[3].variants == (("fr", TEXTS["fr"][1][1]), ("en", TEXTS["en"][1][1]))

    lookup = run("tm", "lookup", TEXTS["fr"][1][1], "--from", "fr", "--to", "en", cwd=workspace)
    assert lookup.code == 0
    assert "exact 100 from aligned from archive/fr/visite.txt" in lookup.out
    assert TEXTS["en"][1][1] in lookup.out
    run("tm", "export", "--from", "en", "--to", "fr", "all.tmx", cwd=workspace)
    exported = {u.variants for u in tmx.read(workspace / "all.tmx").units}
    assert (("en", TEXTS["en"][3][0]), ("fr", TEXTS["fr"][3][0])) in exported
    review = workspace / "align-review" / "visite.fr-en.review.html"
    assert review.exists() and (workspace / "align-review" / "visite.fr-en.review.tmx").exists()


def test_a_doubtful_pair_goes_to_review_with_a_note_not_to_the_memory(run, workspace):
    """The Arabic edition says something else in sentence 6's place."""
    other = [list(p) for p in TEXTS["ar"]]
    other[2][1] = EXTRA["ar"]
    _editions(workspace / "archive", fr=TEXTS["fr"], ar=other)
    result = run("tm", "align", "--from", "fr", "--to", "ar", "archive/fr", "archive/ar",
                 cwd=workspace)
    assert result.code == 0, result.err
    memory = tmx.read(workspace / "tm" / "aligned" / "fr.fr-ar.tmx")
    assert TEXTS["fr"][2][1] not in {text for u in memory.units for _, text in u.variants}
    page = (workspace / "align-review" / "fr.fr-ar.review.html").read_text(encoding="utf-8")
    assert f'<td lang="ar" dir="rtl">{EXTRA["ar"]}</td>' in page
    assert TEXTS["fr"][2][1].replace("'", "&#x27;") in page
    review = etree.parse(str(workspace / "align-review" / "fr.fr-ar.review.tmx"))
    for tu in review.iter("tu"):
        assert "check" in tu.findtext("note")


def test_folders_pair_documents_by_name_report_the_rest_and_refuse_strangers(run, workspace):
    _editions(workspace / "archive", "a.txt", fr=TEXTS["fr"], en=TEXTS["en"])
    _editions(workspace / "archive", "b.txt", fr=TEXTS["fr"], en=OTHER["en"])
    write(workspace / "archive" / "fr" / "only-fr.txt", "Seul.\n")
    result = run("tm", "align", "--from", "fr", "--to", "en", "archive/fr", "archive/en",
                 "-o", "tm/archive.tmx", cwd=workspace)
    assert result.code == 1
    assert "archive/fr/a.txt: 10 to the memory" in result.out
    assert "archive/fr/b.txt: refused: the fr and en editions do not look like " \
           "translations of each other" in result.out
    assert "archive/fr/only-fr.txt: no edition of the same name" in result.out
    assert {p["x-l10n-document"] for p in _props(workspace / "tm" / "archive.tmx")} == \
        {"archive/fr/a.txt"}


def test_three_editions_make_triples(run, workspace):
    shorter = [list(p) for p in TEXTS["ar"]]
    del shorter[2][1]
    _editions(workspace / "archive", fr=TEXTS["fr"], en=TEXTS["en"], ar=shorter)
    result = run("tm", "align", "--from", "fr", "--to", "en", "--to", "ar", "archive/fr",
                 "archive/en", "archive/ar", cwd=workspace)
    assert result.code == 0, result.err
    sure = tmx.read(workspace / "tm" / "aligned" / "fr.fr-en-ar.tmx").units
    doubtful = tmx.read(workspace / "align-review" / "fr.fr-en-ar.review.tmx").units
    assert len(sure) >= 8  # a sentence with nothing but its length may go to review
    french = [s for p in TEXTS["fr"] for s in p]
    units = sorted(sure + doubtful, key=lambda u: french.index(u.variants[0][1]))
    assert [tuple(lang for lang, _ in u.variants) for u in units] == \
        [("fr", "en", "ar")] * 6 + [("fr", "en")] + [("fr", "en", "ar")] * 3
    lookup = run("tm", "lookup", TEXTS["ar"][3][0], "--from", "ar", "--to", "en",
                 cwd=workspace)
    assert TEXTS["en"][3][0] in lookup.out and "aligned from archive/fr/visite.txt" in lookup.out


def test_usage_errors(run, workspace, tmp_path_factory):
    _editions(workspace / "archive", fr=TEXTS["fr"], en=TEXTS["en"])
    args = ["tm", "align", "--from", "fr", "--to", "en"]
    files = ["archive/fr/visite.txt", "archive/en/visite.txt"]
    assert run(*args, files[0], cwd=workspace).code == 2  # two languages, one edition
    assert run(*args, files[0], "archive/en", cwd=workspace).code == 2  # file and folder
    inside_tm = run(*args, *files, "--review", "tm/review", cwd=workspace)
    assert inside_tm.code == 2 and "the memory reads every TMX under tm/" in inside_tm.err
    outside = tmp_path_factory.mktemp("elsewhere")
    no_workspace = run(*args, *(workspace / f for f in files), cwd=outside)
    assert no_workspace.code == 2 and "--output" in no_workspace.err
    assert run(*args, *(workspace / f for f in files), "-o", "x.tmx", cwd=outside).code == 0
    assert (outside / "x.tmx").exists() and (outside / "x.review.html").exists()


def test_an_installed_model_drafts_the_source_for_the_aligner(run, workspace, tmp_path,
                                                              monkeypatch):
    """A real (copy-weight) Argos fr→en package: `tm align` uses it offline."""
    package = argos_kit.build_package("fr", "en", tmp_path / "translate-fr_en.argosmodel")
    models.install(tmp_path / "models", package)
    monkeypatch.setenv("L10N_MODELS_DIR", str(tmp_path / "models"))
    _editions(workspace / "archive", fr=TEXTS["fr"], en=TEXTS["en"])
    result = run("tm", "align", "--from", "fr", "--to", "en", "archive/fr", "archive/en",
                 cwd=workspace)
    assert result.code == 0, result.err
    assert "10 to the memory, 0 to review, 0 unmatched sentence group(s) (with MT drafts)" \
        in result.out
    without = run("tm", "align", "--from", "fr", "--to", "en", "archive/fr", "archive/en",
                  "--no-mt", "-o", "tm/plain.tmx", cwd=workspace)
    assert "(with MT drafts)" not in without.out


def test_many_documents_are_aligned_in_worker_processes_and_kept_in_order(run, workspace):
    for k in range(40):
        _editions(workspace / "archive", f"d{k:02}.txt", fr=TEXTS["fr"], en=TEXTS["en"])
    result = run("tm", "align", "--from", "fr", "--to", "en", "archive/fr", "archive/en",
                 cwd=workspace)
    assert result.code == 0, result.err
    assert result.out.count("10 to the memory, 0 to review") == 40
    documents = [p["x-l10n-document"] for p in _props(workspace / "tm" / "aligned" /
                                                       "fr.fr-en.tmx")]
    assert documents == [f"archive/fr/d{k:02}.txt" for k in range(40) for _ in range(10)]
