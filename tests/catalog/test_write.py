"""Writing PO files in the style they were found in, byte-identical to gettext's msgcat at
any width, and rewriting only when the content changed (property tests against msgcat)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import require_corpora, require_tool

from l10n.catalog import pofile
from l10n.catalog.model import Catalog, Entry
from l10n.catalog.pofile import Style
from l10n.errors import L10nError

HEADER = {"Project-Id-Version": "communiqués", "PO-Revision-Date": "2026-11-29 12:00+0000",
          "Last-Translator": "Amina", "Language": "ar", "MIME-Version": "1.0",
          "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
          "Plural-Forms": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
                          "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
          "X-Source-Language": "fr"}
WIDTHS = [None, 79, 60, 100]  # None: --no-wrap
WORDS = ("Le Secrétaire général a reçu la délégation « malaisienne » à Riyad – 11/10/2021 ; "
         "l'État, coopération (CIMCT) 4 000 000 50 % https://imctc.org/fr/news?id=12&x=1 "
         "The Secretary-General received the delegation's visit, e-mail: info@imctc.org. "
         "استقبل الأمين العام للتحالف الإسلامي العسكري لمحاربة الإرهاب ، الوفد ؟ ١١ أكتوبر "
         "%s {0} %(name)s 12h30 M. Dupont—et… ‘quote’ “quote” ! ? :").split()
# what makes msgcat's layout differ: spaces of all kinds, quotes and backslashes it escapes,
# tabs, line breaks inside a string, punctuation that glues or breaks
SEPARATORS = [" "] * 8 + ["\u00a0", "\u202f", " \n", "\n", "\\", '"', "\t", "-", "/", ""]
any_text = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)),
                    max_size=60).map(lambda parts: "".join(w + s for w, s in parts))
prose = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)  # as units are
references = st.lists(st.from_regex(r"sources/fr/[a-z-]{1,40}\.txt:[1-9][0-9]{0,3}",
                                    fullmatch=True), max_size=8, unique=True)
notes = st.lists(st.sampled_from(["paragraph 3", "title", "l10n: memory; proposed 3fa2b1c0; "
                                  "exact 100 from 2021-10-11-visite [en]",
                                  "l10n: changed; proposed 0badcafe; «quatre» → «cinq»"]),
                 max_size=2, unique=True)


@st.composite
def entries(draw, text, obsolete=False):
    nonempty = text.filter(bool)
    entry = Entry(msgid=draw(nonempty), msgstr=draw(text), notes=draw(notes),
                  references=[] if obsolete else draw(references),
                  translator_comments=draw(st.lists(st.sampled_from(["relu", "à revoir"]),
                                                    max_size=1)),
                  msgctxt=draw(st.none() | st.sampled_from(["titre", "menu: Fichier"])),
                  obsolete=obsolete)
    if draw(st.booleans()):
        entry.fuzzy = True
        entry.previous_msgid = draw(st.none() | nonempty)
    if not obsolete and draw(st.integers(0, 6)) == 0:
        entry.msgid_plural = draw(nonempty)
        entry.msgstr_plural = {i: draw(text) for i in range(6)}
        entry.msgstr = ""
    return entry


@st.composite
def catalogs(draw, text=any_text):
    live = draw(st.lists(entries(text), max_size=5, unique_by=lambda e: e.key))
    keys = {e.key for e in live}
    dead = draw(st.lists(entries(text, obsolete=True), max_size=2, unique_by=lambda e: e.key))
    return Catalog(header=dict(HEADER), entries=live,
                   obsolete=[e for e in dead if e.key not in keys])


def msgcat(path: Path, width: int | None) -> bytes:
    require_tool("msgcat")
    option = "--no-wrap" if width is None else f"--width={width}"
    done = subprocess.run(["msgcat", "--force-po", option, str(path)], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_every_style_is_byte_identical_to_msgcat(tmp_path_factory, catalog):
    path = tmp_path_factory.mktemp("po") / "x.po"
    path.write_bytes(pofile.serialize(catalog))
    for width in WIDTHS:
        ours = pofile.serialize(catalog, Style(width))
        assert msgcat(path, width) == ours, f"--width={width}"
        crlf = pofile.serialize(catalog, Style(width, crlf=True))
        assert crlf == ours.replace(b"\n", b"\r\n")  # what Poedit makes of msgcat's output
        assert pofile.serialize(pofile.parse(crlf, path)) == \
            pofile.serialize(pofile.parse(ours, path))  # the same catalog


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs(prose), st.sampled_from(WIDTHS), st.booleans())
def test_a_saved_files_style_is_found_again(tmp_path_factory, catalog, width, crlf):
    """What msgcat wrote at a width (Poedit, Lokalize, msgmerge…), with either line
    ending, is written again byte for byte, so an update touches only what changed; and
    it is what Poedit would write on its next save.

    Byte for byte for prose as l10n's units are. Poedit's detection leaves out lines
    that end with `\\n` (and lines without a space), counts characters not columns, and
    takes any string continued after a `msgstr[1] ""` or `msgctxt ""` line for wrapped:
    files where these matter are written as Poedit's next save would write them."""
    for entry in catalog.obsolete:
        entry.previous_msgid = None  # the reader (polib) drops these `#~|` lines
    path = tmp_path_factory.mktemp("po") / "x.po"
    path.write_bytes(pofile.serialize(catalog))
    saved = msgcat(path, width)
    if crlf:
        saved = saved.replace(b"\n", b"\r\n")
    style = Style.of(saved)
    assert style.crlf == crlf
    ours = pofile.serialize(pofile.parse(saved, path), style)
    assert ours == saved
    assert ours.replace(b"\r\n", b"\n") == msgcat(path, style.width)


def test_style_is_detected_as_poedit_detects_it():
    plain = (b'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n#. a note long enough to have spaces '
             b'well past the width of any line below\nmsgid "A short one."\nmsgstr "Court."\n\n'
             b'msgid ""\n"Two lines,\\n"\n"in one string."\nmsgstr ""\n"Deux lignes,\\n"\n'
             b'"dans une seule."\n')
    assert Style.of(plain) == Style()  # every continuation follows a \n: not wrapped
    widest = b'"A string wrapped at its last space before the "'
    wrapped = plain + b'\nmsgid ""\n' + widest + b'\n"width."\nmsgstr "Une."\n'
    assert Style.of(wrapped) == Style(len(widest))  # not the note: comments do not count
    assert Style.of(wrapped.replace(b"\n", b"\r\n")) == Style(len(widest), crlf=True)


def test_every_real_po_file_is_written_as_msgcat_writes_it(tmp_path):
    """Every PO file of the corpora that l10n reads, at every width."""
    corpora = require_corpora()
    compared = 0
    for source in sorted((corpora / "po").rglob("*.po")):
        try:
            catalog = pofile.read(source)
        except L10nError:
            continue  # refused with a clear error: see test_pofile
        path = tmp_path / source.name
        path.write_bytes(pofile.serialize(catalog))
        if subprocess.run(["msgcat", "--force-po", str(path)], capture_output=True).returncode:
            continue  # gettext refuses it too (no charset in the header)
        for width in WIDTHS:
            assert msgcat(path, width) == pofile.serialize(catalog, Style(width)), \
                f"{source.relative_to(corpora)} --width={width}"
        compared += 1
    assert compared >= 15


def test_nothing_is_rewritten_when_only_the_layout_differs(tmp_path):
    path = tmp_path / "x.po"
    catalog = Catalog(header=dict(HEADER), entries=[
        Entry(msgid=" ".join(WORDS[:30]), msgstr=" ".join(WORDS[30:70]),
              references=["sources/fr/a.txt:3"])])
    path.write_bytes(pofile.serialize(catalog))
    for layout in (msgcat(path, 79), msgcat(path, 79).replace(b"\n", b"\r\n")):
        path.write_bytes(layout)
        assert pofile.rewrite(path, lambda old: old) is False
        assert pofile.plan(path, lambda old: old) is None  # what update --check asks
        assert path.read_bytes() == layout


def test_a_change_is_written_in_the_files_own_style(tmp_path):
    path = tmp_path / "x.po"
    entries = [Entry(msgid=f"{n} " + " ".join(WORDS[n:n + 25]),
                     msgstr=" ".join(WORDS[n + 5:n + 40])) for n in range(0, 30, 10)]
    path.write_bytes(pofile.serialize(Catalog(header=dict(HEADER), entries=entries)))
    saved = msgcat(path, 79).replace(b"\n", b"\r\n")
    path.write_bytes(saved)

    def translate_the_second(old):
        old.entries[1].msgstr = "Une autre traduction, assez longue pour tenir sur plusieurs " \
                                "lignes quand le fichier est coupé à 79 colonnes."
        return old

    assert pofile.rewrite(path, translate_the_second) is True
    written = path.read_bytes()
    assert Style.of(written) == Style.of(saved) and Style.of(saved).crlf
    before, after = saved.split(b"\r\n\r\n"), written.split(b"\r\n\r\n")
    assert [a == b for a, b in zip(before, after)] == [True, True, False, True]


@pytest.mark.parametrize("width, lines", [
    (None, ['msgid "Le Secrétaire général a reçu la délégation « malaisienne » '
            'à Riyad."']),
    (40, ['msgid ""', '"Le Secrétaire général a reçu la "',
          '"délégation « malaisienne » à Riyad."']),
])
def test_msgcats_layout_by_example(tmp_path, width, lines):
    """Worked examples: the first line of a wrapped string is empty, the breaking space
    stays at the end of its line, width counts the quotes."""
    text = "Le Secrétaire général a reçu la délégation « malaisienne » à Riyad."
    header = {"Content-Type": "text/plain; charset=UTF-8"}
    data = pofile.serialize(Catalog(header=header, entries=[Entry(msgid=text)]), Style(width))
    assert data.decode().split("\n\n")[1].splitlines() == [*lines, 'msgstr ""']
    (tmp_path / "x.po").write_bytes(data)
    assert msgcat(tmp_path / "x.po", width) == data
