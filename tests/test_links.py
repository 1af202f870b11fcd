"""Links between a site's editions ([[links.sites]]): builds point the source's markup
links at the target language's pages, placeholders' links included; QA accepts the
localized address and warns of a translator's link to the source language's pages."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from office_kit import odt
from support import REPO, translate_all, write

from l10n.errors import L10nError
from l10n.glossary import Glossary
from l10n.links import Links
from l10n.quality import checks as qa
from l10n.settings import load

SITES = """
[[links.sites]]
fr = "https://www.imctc.org/fr"
ar = "https://www.imctc.org/ar"
en = "https://www.imctc.org/en/"
"""
LINKS = Links.of([{"fr": "https://www.imctc.org/fr", "ar": "https://www.imctc.org/ar",
                   "en": "https://www.imctc.org/en"}])


def findings(source, target, src="fr", tgt="en"):
    ctx = qa.Context(src, tgt, Glossary([]), "any", "any", LINKS)
    return [(f.check, f.severity, f.message) for f in qa.run(source, target, ctx, {})
            if f.check in ("links", "link-language")]


@pytest.mark.parametrize("src, tgt, source, kept, localized", [
    ("fr", "en", "Voir https://www.imctc.org/fr/programmes.",
     "See https://www.imctc.org/fr/programmes.", "https://www.imctc.org/en/programmes"),
    ("fr", "ar", "Voir https://www.imctc.org/fr/programmes.",
     "انظر https://www.imctc.org/fr/programmes.", "https://www.imctc.org/ar/programmes"),
    ("ar", "fr", "انظر https://www.imctc.org/ar/news?id=4.",
     "Voir https://www.imctc.org/ar/news?id=4.", "https://www.imctc.org/fr/news?id=4"),
    ("en", "ar", "See https://www.imctc.org/en.", "انظر https://www.imctc.org/en.",
     "https://www.imctc.org/ar"),
])
def test_a_link_kept_at_the_source_language_pages_is_a_warning(src, tgt, source, kept,
                                                                 localized):
    name = {"fr": "French", "ar": "Arabic", "en": "English"}[src]
    url = kept.split()[-1].rstrip(".")
    assert findings(source, kept, src, tgt) == [
        ("link-language", "warning", f"{url} points at the {name} pages: write {localized}")]
    assert findings(source, kept.replace(url, localized), src, tgt) == []  # not "missing"


def test_other_links_are_left_alone():
    for url in ("https://www.imctc.org/fraternite", "https://www.imctc.org/",
                "https://www.imctc.org/en/programmes", "https://example.org/fr/a"):
        assert findings(f"Voir {url} ici.", f"See {url} here.") == []
    # a site without pages in the target language: the link stays, no warning
    only = Links.of([{"fr": "https://a.org/fr", "en": "https://a.org/en"}])
    assert only.localize("https://a.org/fr/x", source="fr", target="ar") == "https://a.org/fr/x"


def test_the_longest_prefix_says_which_pages_a_link_is():
    root = Links.of([{"fr": "https://a.org", "en": "https://a.org/en"}])
    assert root.localize("https://a.org/news", source="fr", target="en") == \
        "https://a.org/en/news"
    assert root.localize("https://a.org/en/news", source="fr", target="en") == \
        "https://a.org/en/news"
    assert root.localize("https://a.org/en/news", source="en", target="fr") == \
        "https://a.org/news"


def test_the_setting_is_checked(tmp_path: Path):
    write(tmp_path / "l10n.toml", SITES)
    assert load(tmp_path).links == LINKS  # a trailing slash does not count
    write(tmp_path / "l10n.toml", '[[links.sites]]\nfr = "https://www.imctc.org/fr"\n')
    with pytest.raises(L10nError) as caught:
        load(tmp_path)
    assert caught.value.line == 1 and "two or more" in caught.value.message


PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<title>Programmes</title>
<link rel="canonical" href="https://www.imctc.org/fr/programmes">
<link rel="alternate" hreflang="fr" href="https://www.imctc.org/fr/programmes">
<meta property="og:url" content="https://www.imctc.org/fr/programmes">
</head>
<body>
<p>Le programme est publié sur le <a href="https://www.imctc.org/fr/programmes?a=1&amp;b=2"
title="Les programmes">site officiel</a> de la Coalition.</p>
<p><a href="https://www.imctc.org/">Accueil</a> · <a hreflang="fr" href="https://www.imctc.org/fr">Français</a></p>
</body>
</html>
"""
MARKDOWN = """# Programmes

Voir le [site](https://www.imctc.org/fr/programmes "Les programmes"), le
[plan][plan] et <https://www.imctc.org/fr/contact>.

    https://www.imctc.org/fr/code

[plan]: https://www.imctc.org/fr/plan
"""
ODT = ('<office:body><office:text><text:p>Voir <text:a xlink:type="simple" '
       'xlink:href="https://www.imctc.org/fr/programmes">le site</text:a>.</text:p>'
       '</office:text></office:body>')


@pytest.fixture
def built(workspace, run):
    write(workspace / "l10n.toml", (workspace / "l10n.toml").read_text() + SITES)
    write(workspace / "sources/fr/page.html", PAGE)
    write(workspace / "sources/fr/note.md", MARKDOWN)
    write(workspace / "sources/fr/word.docx",
          (REPO / "sources/fr/2021-10-11-visite-vice-ministre-malaisien-word.docx").read_bytes())
    write(workspace / "sources/fr/doc.odt", odt(ODT))
    assert run("update", cwd=workspace).code == 0
    for po in (workspace / "translations").rglob("*.po"):
        translate_all(po, lambda entry: f"EN {entry.msgid}")  # every unit filled in
    result = run("build", "--allow-partial", cwd=workspace)
    assert result.code == 0, result.out + result.err
    return workspace / "build"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_html_builds_link_to_the_target_language_pages(built, lang):
    page = (built / lang / "page.html").read_text()
    # in a translated paragraph, the link is a placeholder copied from the source
    assert f'<a href="https://www.imctc.org/{lang}/programmes?a=1&amp;b=2"\ntitle=' in page
    assert lang == "ar" or '<p>EN Le programme est publié sur le <a href="https://www.imctc' \
        '.org/en/programmes?a=1&amp;b=2"\ntitle="EN Les programmes">site officiel</a>' in page
    assert f'<link rel="canonical" href="https://www.imctc.org/{lang}/programmes">' in page
    assert f'<meta property="og:url" content="https://www.imctc.org/{lang}/programmes">' in page
    # what says which language it is for, and what is no page of one language, stays
    assert '<link rel="alternate" hreflang="fr" href="https://www.imctc.org/fr/programmes">' in page
    assert '<a hreflang="fr" href="https://www.imctc.org/fr">' in page
    assert '<a href="https://www.imctc.org/">' in page


def test_markdown_builds_link_to_the_target_language_pages(built):
    note = (built / "en/note.md").read_text()
    assert '[site](https://www.imctc.org/en/programmes "EN Les programmes")' in note
    assert "<https://www.imctc.org/en/contact>" in note
    assert "[plan]: https://www.imctc.org/en/plan" in note
    assert "    https://www.imctc.org/fr/code" in note  # code is left alone


def test_word_and_opendocument_hyperlinks_point_at_the_target_language_pages(built):
    for lang in ("en", "ar"):
        data = (built / lang / "word.docx").read_bytes()
        document = docx.Document(io.BytesIO(data))
        targets = [rel.target_ref for rel in document.part.rels.values() if rel.is_external]
        assert targets == [f"https://www.imctc.org/{lang}"]
        with zipfile.ZipFile(built / lang / "doc.odt") as package:
            content = package.read("content.xml").decode()
        assert f'xlink:href="https://www.imctc.org/{lang}/programmes"' in content


def test_without_rules_links_stay_as_the_source_wrote_them(workspace, run):
    write(workspace / "sources/fr/page.html", PAGE)
    assert run("update", cwd=workspace).code == 0
    translate_all(workspace / "translations/en/page.po", lambda entry: entry.msgid)
    assert run("build", "--allow-partial", "--lang", "en", cwd=workspace).code == 0
    assert (workspace / "build/en/page.html").read_text() == PAGE.replace(
        '<html lang="fr">', '<html lang="en">')
