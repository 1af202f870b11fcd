"""Messages quote text as its reader would (« » French, “ ” English, Arabic as it is),
whole, and say what is wrong before what they quote."""

from __future__ import annotations

import pytest
from support import review, write

LONG = ("Le <b>ministre</b> a reçu les délégations venues de toute la région pour discuter de "
        "la coopération en matière de sécurité et de formation.")
MSGID = LONG.replace("<b>", "<1>").replace("</b>", "</1>")


def test_a_build_that_cannot_place_markup_says_why_then_quotes_the_whole_unit(workspace, run):
    settings = workspace / "l10n.toml"  # markup that cannot be placed blocks even so
    settings.write_text(settings.read_text().replace(
        "[qa.severity]\n", '[qa.severity]\nplaceholders = "off"\n'))
    write(workspace / "sources/fr/a.html", f"<p>{LONG}</p>\n")
    run("update", cwd=workspace)
    broken = "The <2>minister</2> received the delegations."
    review(workspace / "translations/en/a.po", {MSGID: broken})
    assert "[placeholders] markup placeholder <2> is not in the source" in \
        run("check", "--lang", "en", cwd=workspace).out
    assert run("build", "--lang", "en", cwd=workspace).code == 1
    # should such a translation reach assembly, it names the entry and quotes the unit
    from l10n.assembly import assemble
    from l10n.errors import L10nError
    from l10n.workspace import Workspace
    from l10n.workspace.cache import Cache
    from l10n.workspace.sources import read_source
    ws = Workspace.open(workspace)
    [doc] = ws.documents()
    with Cache(ws.cache_path) as cache:
        source = read_source(ws, doc, cache)
    key = (None, MSGID)
    with pytest.raises(L10nError) as refused:
        assemble(source, "en", {key: broken}, po="translations/en/a.po", lines={key: 12})
    assert str(refused.value) == (f"translations/en/a.po:12: <2> is not in the source in the "
                                  f"translation of « {MSGID} » (fix its placeholders (l10n check "
                                  "lists them))")


def test_qa_findings_quote_punctuation_and_words_without_python_quotes(workspace, run):
    write(workspace / "sources/fr/a.txt", "Pourquoi ?\n")
    run("update", cwd=workspace)
    review(workspace / "translations/ar/a.po", {"Pourquoi ?": "لماذا?"})
    review(workspace / "translations/en/a.po", {"Pourquoi ?": "Why why."})
    out = run("check", cwd=workspace).out
    assert "[punctuation] Latin ? in Arabic text: use ؟" in out
    assert "[punctuation] ends with “.”, the source with “?”" in out
    assert "'" not in "".join(line for line in out.splitlines() if "[" in line)
