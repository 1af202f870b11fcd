"""Web pages and Markdown through the same workflow as plain text, and the sample page's builds."""

from __future__ import annotations

import shutil

from support import REPO, translate_all, write

from l10n.catalog import pofile
from l10n.commands.pretranslate import pending, pretranslate
from l10n.proposals.pipeline import Proposal
from l10n.workspace import Workspace

SAMPLE = "2021-11-14-programme-formation-communication"

PAGE = """<!DOCTYPE html>
<html lang="fr">
<head><title>Visite</title></head>
<body>
<p>Le <b>Secrétaire général</b> a reçu
la délégation. Elle est repartie.</p>
<p>Contact : <a href="mailto:a@b.org">a@b.org</a></p>
</body>
</html>
"""


def sample_workspace(tmp_path):
    tmp_path.mkdir(parents=True, exist_ok=True)
    for part in ("l10n.toml", "sources", "translations"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / part)
    return tmp_path


def test_sample_page_builds_declare_language_isolate_and_restore_markup(tmp_path, run):
    root = sample_workspace(tmp_path)
    assert run("check", cwd=root).code == 0
    assert run("build", "--doc", SAMPLE, cwd=root).code == 0
    arabic = (root / f"build/ar/{SAMPLE}.html").read_text()
    english = (root / f"build/en/{SAMPLE}.html").read_text()
    source = (root / f"sources/fr/{SAMPLE}.html").read_text()
    assert '<html dir="rtl" lang="ar">' in arabic and '<html lang="en">' in english
    assert '<a href="mailto:media@imctc.org"><span dir="ltr">media@imctc.org</span></a>' in arabic
    assert 'هاتف: <span dir="ltr">+966 11 234 5678</span></p>' in arabic
    assert "<title>التحالف الإسلامي العسكري لمحاربة الإرهاب يطلق" in arabic
    # the translator moved <strong> to the front of the sentence; it came back from the source
    assert "<p>The <strong>five-day</strong> programme brings together" in english
    assert 'title="IMCTC programmes">Coalition\'s official website</a>' in english
    # outside the units, the source byte for byte: the head's links and styles, the script
    assert english.splitlines()[8:15] == source.splitlines()[8:15]
    assert english.endswith('<script src="/static/site.js"></script>\n</body>\n</html>\n')


def test_html_and_markdown_go_through_update_check_build_like_text(workspace, run):
    write(workspace / "sources/fr/news/a.html", PAGE)
    write(workspace / "sources/fr/b.md", "# Titre\n\nUn *mot*. Deux [liens](/x).\n")
    result = run("update", cwd=workspace)
    assert result.code == 0, result.err
    po = workspace / "translations/en/news/a.po"
    text = po.read_text()
    assert '#: sources/fr/news/a.html:5\nmsgid "Le <1>Secrétaire général</1> a reçu la délégation."' in text
    assert '#: sources/fr/news/a.html:6\nmsgid "Elle est repartie."' in text
    assert '#: sources/fr/news/a.html:7\nmsgid "Contact : <1>a@b.org</1>"' in text
    assert [e.msgid for e in pofile.read(workspace / "translations/en/b.po").entries] == [
        "Titre", "Un <1>mot</1>.", "Deux <1>liens</1>."]
    partial = run("build", "--allow-partial", cwd=workspace)
    assert partial.code == 0
    assert (workspace / "build/en/news/a.html").read_text() == PAGE.replace(
        'lang="fr"', 'lang="en"')
    translate_all(po, shout)
    translate_all(workspace / "translations/en/b.po", shout)
    assert run("build", "--lang", "en", cwd=workspace).code == 0
    built = (workspace / "build/en/news/a.html").read_text()
    assert "<p>LE <b>SECRÉTAIRE GÉNÉRAL</b> A REÇU LA DÉLÉGATION. ELLE EST REPARTIE.</p>" in built
    assert (workspace / "build/en/b.md").read_text() == "# TITRE\n\nUN *MOT*. DEUX [LIENS](/x).\n"


def shout(entry) -> str:
    """A translation that passes QA: words in capitals, e-mail addresses as they were."""
    return " ".join(w if "@" in w else w.upper() for w in entry.msgid.split(" "))


def test_a_broken_placeholder_is_never_published(workspace, run):
    write(workspace / "sources/fr/a.html", PAGE)
    run("update", cwd=workspace)
    po = workspace / "translations/en/a.po"
    translate_all(po, lambda e: shout(e).replace("</1>", ""))
    result = run("build", "--lang", "en", cwd=workspace)
    assert result.code == 1
    assert "build/en/a.html: refused: 4 QA error(s) (4 placeholders)" in result.out
    assert not (workspace / "build/en/a.html").exists()
    assert "<1> is not closed" in run("check", "--lang", "en", cwd=workspace).out
    partial = run("build", "--lang", "en", "--allow-partial", cwd=workspace)
    assert partial.code == 0
    built = (workspace / "build/en/a.html").read_text()
    assert "<p>Le <b>Secrétaire général</b> a reçu\nla délégation. ELLE EST REPARTIE.</p>" \
        in built  # the broken unit kept in French, the others published
    assert "placeholders: markup placeholder <1> is not closed" in partial.out


class Upper:
    def propose(self, requests):
        return [Proposal(r.msgid.upper(), "machine", "direct", "test") for r in requests]


def test_pretranslate_fills_html_units_with_placeholders_intact(workspace, run):
    write(workspace / "sources/fr/a.html", PAGE)
    run("update", cwd=workspace)
    pretranslate(pending(Workspace.open(workspace), langs=["ar"]), [Upper()])
    entries = pofile.read(workspace / "translations/ar/a.po").entries
    assert "LE <1>SECRÉTAIRE GÉNÉRAL</1> A REÇU LA DÉLÉGATION." in [e.msgstr for e in entries]
    assert all(e.fuzzy for e in entries)
