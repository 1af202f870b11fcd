"""Messages quote text as its reader would (« » French, “ ” English, Arabic as it is),
whole, and say what is wrong before what they quote."""

from __future__ import annotations

from support import review, write

LONG = ("Le <b>ministre</b> a reçu les délégations venues de toute la région pour discuter de "
        "la coopération en matière de sécurité et de formation.")
MSGID = LONG.replace("<b>", "<1>").replace("</b>", "</1>")


def test_a_build_that_cannot_place_markup_says_why_then_quotes_the_whole_unit(workspace, run):
    settings = workspace / "l10n.toml"  # the placeholder check would hold it back
    settings.write_text(settings.read_text().replace(
        "[qa.severity]\n", '[qa.severity]\nplaceholders = "off"\n'))
    write(workspace / "sources/fr/a.html", f"<p>{LONG}</p>\n")
    run("update", cwd=workspace)
    review(workspace / "translations/en/a.po",
           {MSGID: "The <2>minister</2> received the delegations."})
    result = run("build", "--lang", "en", cwd=workspace)
    assert result.code == 2
    assert result.err == (f"l10n: error: translations/en/a.po: <2> is not in the source in the "
                          f"translation of « {MSGID} » (fix its placeholders (l10n check lists "
                          "them))\n")


def test_qa_findings_quote_punctuation_and_words_without_python_quotes(workspace, run):
    write(workspace / "sources/fr/a.txt", "Pourquoi ?\n")
    run("update", cwd=workspace)
    review(workspace / "translations/ar/a.po", {"Pourquoi ?": "لماذا?"})
    review(workspace / "translations/en/a.po", {"Pourquoi ?": "Why why."})
    out = run("check", cwd=workspace).out
    assert "[punctuation] Latin ? in Arabic text: use ؟" in out
    assert "[punctuation] ends with “.”, the source with “?”" in out
    assert "'" not in "".join(line for line in out.splitlines() if "[" in line)
