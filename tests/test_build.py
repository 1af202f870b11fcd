"""`l10n build` publishes exactly what `l10n check` passes: after `check` exits 0, `build`
neither fails nor leaves an out-of-date edition looking publishable."""

from __future__ import annotations

from office_kit import body, docx
from support import translate_all, write

from l10n.catalog import pofile

PAGE = "<p>Le <b>Secrétaire général</b> a reçu la délégation.</p>\n"
BROKEN = "The <9>Secretary-General</1> received the delegation."
CONTROL = "The minister \x01came."


def configure(root, settings: str = "") -> None:
    (root / "l10n.toml").write_text(
        '[languages]\nfr = ["en"]\n[check]\nrequired = ["en"]\n' + settings)


def line_of(po, msgstr: str) -> int:
    return next(e.line for e in pofile.read(po).entries if e.msgstr == msgstr)


def test_markup_the_build_cannot_render_blocks_check_whatever_its_severity(workspace, run):
    configure(workspace, '[qa.severity]\nplaceholders = "warning"\n')
    write(workspace / "sources/fr/a.html", PAGE)
    write(workspace / "sources/fr/b.txt", "Bonjour.\n")
    run("update", cwd=workspace)
    po = workspace / "translations/en/a.po"
    translate_all(po, lambda e: BROKEN)  # the translator typed <9> for <1>
    translate_all(workspace / "translations/en/b.po", lambda e: "Hello.")
    check = run("check", cwd=workspace)
    assert check.code == 1
    where = f"translations/en/a.po:{line_of(po, BROKEN)}"
    assert f"{where}: error: [placeholders] markup placeholder <9> is not in the source" \
        in check.out
    assert f"{where}: warning: [placeholders] markup placeholder <1> is missing" in check.out
    build = run("build", cwd=workspace)
    assert build.code == 1
    assert "build/en/a.html: refused: 2 QA error(s) (2 placeholders)" in build.out
    assert not (workspace / "build/en/a.html").exists()
    assert (workspace / "build/en/b.txt").read_text() == "Hello.\n"  # the others still built


def test_a_character_no_office_document_can_hold_blocks_check_even_switched_off(workspace,
                                                                                run):
    configure(workspace, '[qa.severity]\ncontrol = "off"\n')
    write(workspace / "sources/fr/a.docx",
          docx(body("<w:p><w:r><w:t>Le ministre est venu.</w:t></w:r></w:p>")))
    write(workspace / "sources/fr/b.txt", "Bonjour.\n")
    run("update", cwd=workspace)
    po = workspace / "translations/en/a.po"
    translate_all(po, lambda e: CONTROL)
    translate_all(workspace / "translations/en/b.po", lambda e: "Hello.")
    check = run("check", cwd=workspace)
    assert check.code == 1
    assert f"translations/en/a.po:{line_of(po, CONTROL)}: error: [control] control character " \
           "U+0001 is not in the source" in check.out
    build = run("build", cwd=workspace)
    assert build.code == 1
    assert "build/en/a.docx: refused: 2 QA error(s) (2 control)" in build.out
    assert not (workspace / "build/en/a.docx").exists()
    assert (workspace / "build/en/b.txt").read_text() == "Hello.\n"


def test_unready_editions_that_never_block_are_skipped_and_build_agrees_with_check(
        workspace, run):
    (workspace / "l10n.toml").write_text(
        '[languages]\nfr = ["en", "ar"]\n[check]\nrequired = ["en"]\nexempt = ["drafts/*"]\n')
    write(workspace / "sources/fr/a.txt", "Bonjour.\n")
    write(workspace / "sources/fr/drafts/b.txt", "Brouillon.\n")
    run("update", cwd=workspace)
    translate_all(workspace / "translations/en/a.po", lambda e: "Hello.")
    assert run("check", cwd=workspace).code == 0
    build = run("build", cwd=workspace)
    assert build.code == 0, build.out
    assert "build/ar/a.txt: skipped (not ready; not required): 1 untranslated" in build.out
    assert "build/en/drafts/b.txt: skipped (not ready; not required): 1 untranslated" \
        in build.out
    assert "1 document(s) written, 0 unchanged, 0 refused, 3 skipped (not required)" \
        in build.out
    assert (workspace / "build/en/a.txt").read_text() == "Hello.\n"
    assert sorted(p.name for p in (workspace / "build").rglob("*.txt")) == ["a.txt"]


def test_an_edition_no_longer_ready_is_removed_not_left_looking_publishable(workspace, run):
    (workspace / "l10n.toml").write_text(
        '[languages]\nfr = ["en", "ar"]\n[check]\nrequired = ["en"]\n')
    source = write(workspace / "sources/fr/x.txt", "Bonjour.\n")
    write(workspace / "sources/fr/y.txt", "Merci.\n")
    run("update", cwd=workspace)
    for lang, hello in (("en", "Hello."), ("ar", "مرحبا.")):
        translate_all(workspace / f"translations/{lang}/x.po", lambda e, t=hello: t)
    translate_all(workspace / "translations/en/y.po", lambda e: "Thanks.")
    translate_all(workspace / "translations/ar/y.po", lambda e: "شكرا.")
    assert run("build", cwd=workspace).code == 0
    assert (workspace / "build/en/x.txt").exists() and (workspace / "build/ar/x.txt").exists()
    source.write_text("Bonsoir.\n")  # the source changed: its translations are out of date
    run("update", cwd=workspace)
    build = run("build", cwd=workspace)
    assert build.code == 1
    assert "build/en/x.txt: refused: 1 need review (1 changed)\n  removed out-of-date build/en/x.txt" \
        in build.out
    assert "build/ar/x.txt: skipped (not ready; not required): 1 need review (1 changed)\n" \
           "  removed out-of-date build/ar/x.txt" in build.out
    assert sorted(str(p.relative_to(workspace)) for p in (workspace / "build").rglob("*")
                  if p.is_file()) == ["build/ar/y.txt", "build/en/y.txt"]
    again = run("build", cwd=workspace)
    assert "removed" not in again.out and again.code == 1


def test_the_edition_of_a_withdrawn_communique_is_removed_unless_edited_since(workspace, run):
    configure(workspace)
    for name in ("a", "b", "c"):
        write(workspace / f"sources/fr/{name}.txt", f"Communiqué {name}.\n")
    run("update", cwd=workspace)
    for name in ("a", "b", "c"):
        translate_all(workspace / f"translations/en/{name}.po", lambda e: "Press release.")
    assert run("build", cwd=workspace).code == 0
    (workspace / "sources/fr/a.txt").unlink()  # withdrawn: its edition must not stay
    (workspace / "sources/fr/b.txt").unlink()
    edited = workspace / "build/en/b.txt"
    edited.write_text("Press release, corrected by hand.\n")
    scoped = run("build", "--doc", "c", cwd=workspace)  # a build of one document removes none
    assert scoped.code == 0 and (workspace / "build/en/a.txt").exists()
    build = run("build", cwd=workspace)
    assert build.code == 0
    assert "build/en/a.txt: removed: its source sources/fr/a.txt is gone" in build.out
    assert "build/en/b.txt: its source sources/fr/b.txt is gone, but the file changed since " \
           "l10n wrote it: left as it is" in build.out
    assert "1 removed (source gone)" in build.out
    assert not (workspace / "build/en/a.txt").exists()
    assert edited.read_text() == "Press release, corrected by hand.\n"
    assert (workspace / "build/en/c.txt").exists()
    assert "gone" not in run("build", cwd=workspace).out
