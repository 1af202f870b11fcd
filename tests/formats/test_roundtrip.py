"""Round trips every format must pass, on generated documents and on the fixtures.

Identity: rendering with every msgstr equal to its msgid (or missing) gives the source
back byte for byte. Transformed: with each translation's letters rotated (ROT13, which
keeps case, punctuation and placeholders), extracting the rebuilt document gives exactly
the rotated msgids, so every translation landed in its unit's place, escaped so that it
reads back as written, with its markup restored.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n import formats
from l10n.formats import placeholders
from l10n.formats import units as document
from l10n.segmentation import Segmenter
from l10n.segmentation.languages import LANGUAGES

FIXTURES = sorted((Path(__file__).parent / "fixtures").iterdir())
SEGMENTER = Segmenter.for_language("fr")
ABBREVIATED = {word.lower().rstrip(".") for language in LANGUAGES.values()
               for words in (language.never, language.numbered, language.final,
                             language.abbreviations) for word in words}


def rot13(msgid: str) -> str:
    parts = placeholders.split(msgid)
    return "".join(p if i % 2 else codecs.encode(p, "rot13") for i, p in enumerate(parts))


def check_round_trips(text: str, suffix: str) -> None:
    fmt = formats.BY_EXTENSION[suffix]
    units = document.extract(text, fmt, SEGMENTER)
    for unit in units:
        assert placeholders.problems(unit.msgid, unit.msgid) == []
        assert [t for t, _, _ in unit.markup] == placeholders.find(unit.msgid)
    for translate in (lambda u: u.msgid, lambda u: None):
        assert document.render(text, units, translate, fmt=fmt, source="fr",
                               target="fr") == text
    rebuilt = document.render(text, units, lambda u: rot13(u.msgid), fmt=fmt, source="fr",
                              target="en")
    again = document.extract(rebuilt, fmt, SEGMENTER)
    assert [u.msgid for u in again] == [rot13(u.msgid) for u in units]


def check_file_round_trips(data: bytes, suffix: str) -> None:
    """The round trips through the format's own decode and encode, as `update` and `build`
    read and write files: identity gives the file back (a package: every part byte for
    byte), a translation reads back as written."""
    from office_kit import members
    path = Path(f"doc{suffix}")
    fmt = formats.BY_EXTENSION[suffix]
    text = fmt.decode(data, path)
    check_round_trips(text, suffix)
    units = document.extract(text, fmt, SEGMENTER)
    same = fmt.encode(document.render(text, units, lambda u: None, fmt=fmt, source="fr",
                                      target="fr"), data)
    assert (members(same) == members(data)) if fmt.BINARY else same == data
    rotated = fmt.encode(document.render(text, units, lambda u: rot13(u.msgid), fmt=fmt,
                                         source="fr", target="en"), data)
    again = document.extract(fmt.decode(rotated, path), fmt, SEGMENTER)
    assert [u.msgid for u in again] == [rot13(u.msgid) for u in units]


@pytest.mark.parametrize("fmt", formats.FORMATS, ids=lambda f: f.__name__.rpartition(".")[2])
def test_every_registered_format_round_trips_its_fixtures(fmt):
    """The contract every format signs when it is registered: a new one gets it for free."""
    fixtures = [p for p in FIXTURES if p.suffix in fmt.EXTENSIONS]
    assert fixtures, f"add a fixture for {fmt.__name__} to tests/formats/fixtures"
    for path in fixtures:
        check_file_round_trips(path.read_bytes(), path.suffix)


# -- generated documents -------------------------------------------------------------

words = st.text("abcdefghijklmnopqrstuvwxyzéèàçABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3,
                max_size=8).filter(
    lambda w: not {w.lower(), rot13(w).lower()} & ABBREVIATED  # both cut alike, so neither
    and not any(re.fullmatch("[ivxlcdm]+", v.lower()) for v in (w, rot13(w))))  # "CCV." either
spaces = st.sampled_from([" ", " ", " ", "  ", "\n", "\n    ", "\t", " \n "])


@st.composite
def html_text(draw):
    out = []
    for _ in range(draw(st.integers(1, 6))):
        out.append(draw(words))
        out.append(draw(st.sampled_from(
            [" ", " ", "\n  ", ". ", ", ", " &amp; ", " &lt;", "&gt; ", "&eacute;", "&#233;",
             "&#x27;", "&nbsp;", " &lt;1&gt; ", " &copy ", ". &Eacute;", " &amp;#233; "])))
    return "".join(out)


@st.composite
def html_inline(draw, depth=2):
    parts = [draw(html_text())]
    for _ in range(draw(st.integers(0, 3))):
        choice = draw(st.integers(0, 9 if depth else 5))
        if choice == 0:
            parts.append("<br>")
        elif choice == 1:
            parts.append(f'<img src="a.png" alt="{draw(html_text())}">')
        elif choice == 2:
            parts.append("<code>a &lt; b</code>")
        elif choice == 3:
            parts.append("<!-- note -->")
        elif choice == 4:
            parts.append(f'<span translate="no">{draw(words)}</span>')
        elif choice == 5:
            parts.append(draw(spaces))
        else:
            tag = draw(st.sampled_from(["b", "em", 'a href="/x" title="Lien &amp; co"', "span"]))
            close = "" if draw(st.integers(0, 7)) == 0 else f"</{tag.split()[0]}>"
            parts.append(f"<{tag}>{draw(html_inline(depth - 1))}{close}")
        parts.append(draw(html_text()))
    return draw(spaces).join(parts)


@st.composite
def html_page(draw):
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.integers(0, 6))
        inline = draw(html_inline())
        if kind == 0:
            blocks.append(f"<p>{inline}")  # unclosed
        elif kind == 1:
            blocks.append(f"<h2>{inline}</h2>")
        elif kind == 2:
            blocks.append(f"<ul>\n  <li>{inline}</li>\n  <li>{draw(html_inline())}\n</ul>")
        elif kind == 3:
            blocks.append(f"<table><tr><td>{inline}</td><th>{draw(words)}</th></tr></table>")
        elif kind == 4:
            blocks.append(f"<pre>{inline}</pre><script>if (a<b) {{}}</script>")
        else:
            blocks.append(f'<p class="lead">{inline}</p>')
    body = draw(spaces).join(blocks)
    head = f"<title>{draw(html_text())}</title>" + (
        f'<meta name="description" content="{draw(html_text())}">' if draw(st.booleans()) else "")
    page = draw(st.sampled_from([
        "{body}",
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>{head}</head>\n<body>\n{body}\n</body>\n</html>\n",
        "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang='fr'>"
        "<head>{head}</head><body>{body}<!-- fin --></body></html>",
    ])).format(head=head, body=body)
    return page.replace("\n", "\r\n") if draw(st.booleans()) else page


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_page())
def test_generated_html_round_trips(page):
    check_round_trips(page, ".html")


@st.composite
def md_inline(draw):
    parts = [draw(words)]
    for _ in range(draw(st.integers(0, 5))):
        parts.append(draw(st.sampled_from([" ", " ", ". ", ", ", " \\* ", " &amp; ", " &lt;1&gt; ", " \\&#233; ", " 1\\. "])))
        choice = draw(st.integers(0, 8))
        word = draw(words)
        parts.append([
            word, f"*{word}*", f"**{word} {draw(words)}**", f"[{word}](https://x.org/a)",
            f'[{word}](/a "Titre {draw(words)}")', f"`{word} < 2`",
            f"![{word} {draw(words)}](i.png)", f"<span>{word}</span>", "<https://a.b>",
        ][choice])
    return "".join(parts)


@st.composite
def md_document(draw):
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.integers(0, 7))
        line = draw(md_inline())
        if kind == 0:
            blocks.append(f"# {line}")
        elif kind == 1:
            blocks.append(f"{line}\n{draw(md_inline())}")
        elif kind == 2:
            blocks.append(f"- {line}\n- {draw(md_inline())}\n  {draw(md_inline())}")
        elif kind == 3:
            blocks.append(f"> {line}\n> {draw(md_inline())}")
        elif kind == 4:
            blocks.append(f"| A | B |\n|---|---|\n| {line} | {draw(words)} \\| x |")
        elif kind == 5:
            blocks.append(f"```\n{line}\n```")
        elif kind == 6:
            blocks.append(f"<!-- {line} -->")
        else:
            blocks.append(f"{line}  \n{draw(md_inline())}")
    text = "\n\n".join(blocks) + "\n"
    if draw(st.booleans()):
        text = "---\ntitle: x\nlang: fr\n---\n" + text
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(md_document())
def test_generated_markdown_round_trips(text):
    check_round_trips(text, ".md")


# -- packages: the joined XML parts go through the same round trips ------------------


def xml_text(draw) -> str:
    return draw(st.sampled_from(["", " ", ". ", ", ", " &amp; ", " &lt;1&gt; ", "&#233;"])) \
        .join([draw(words) for _ in range(draw(st.integers(1, 3)))])


@st.composite
def docx_paragraph(draw):
    looks = ["", "<w:rPr><w:b/></w:rPr>", "<w:rPr><w:i/><w:lang w:val=\"fr-FR\"/></w:rPr>",
             "<w:rPr><w:b/><w:lang w:val=\"en-US\"/><w:szCs w:val=\"20\"/></w:rPr>",
             "<w:rPr><w:vanish/></w:rPr>"]
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        choice = draw(st.integers(0, 9))
        look = draw(st.sampled_from(looks))
        run = f'<w:r w:rsidR="00{draw(st.integers(10, 99))}">{look}<w:t xml:space="preserve">' \
              f"{xml_text(draw)} </w:t></w:r>"
        if choice == 0:
            parts.append('<w:proofErr w:type="spellStart"/>' + run)
        elif choice == 1:
            parts.append(f'<w:hyperlink r:id="rId9">{run}</w:hyperlink>')
        elif choice == 2:
            parts.append(f"<w:r>{look}<w:tab/><w:t>{draw(words)}</w:t><w:br/></w:r>")
        elif choice == 3:
            parts.append('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> '
                         f'{draw(st.sampled_from(["PAGE", "HYPERLINK x"]))} </w:instrText></w:r>'
                         '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                         f'{run}<w:r><w:fldChar w:fldCharType="end"/></w:r>')
        elif choice == 4:
            parts.append('<w:r><w:footnoteReference w:id="1"/></w:r>' + run)
        else:
            parts.append(run)
    return f"<w:p><w:pPr><w:jc w:val=\"left\"/></w:pPr>{''.join(parts)}</w:p>"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(docx_paragraph(), min_size=1, max_size=4))
def test_generated_word_documents_round_trip(paragraphs):
    from office_kit import body, docx
    check_file_round_trips(docx(body("".join(paragraphs))), ".docx")


@st.composite
def odt_paragraph(draw):
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        text = xml_text(draw)
        choice = draw(st.integers(0, 7))
        if choice == 0:
            parts.append(f'<text:span text:style-name="{draw(st.sampled_from(["T1", "T2", "T3"]))}"'
                         f">{text}</text:span>")
        elif choice == 1:
            parts.append(f'<text:a xlink:type="simple" xlink:href="https://x.org">{text}</text:a>')
        elif choice == 2:
            parts.append(f"{text}<text:s text:c=\"{draw(st.integers(1, 3))}\"/><text:tab/>")
        elif choice == 3:
            parts.append(f"<text:line-break/>{text}<text:soft-page-break/>")
        elif choice == 4:
            parts.append(f'{text}<text:note text:note-class="footnote"><text:note-citation>1'
                         f"</text:note-citation><text:note-body><text:p>{draw(words)}.</text:p>"
                         "</text:note-body></text:note>")
        else:
            parts.append(text + " ")
    return f'<text:p text:style-name="P1">{"".join(parts)}</text:p>'


ODT_STYLES = ('<office:automatic-styles>'
              '<style:style style:name="T1" style:family="text"><style:text-properties '
              'officeooo:rsid="0012a"/></style:style>'
              '<style:style style:name="T2" style:family="text"><style:text-properties '
              'officeooo:rsid="0034b"/></style:style>'
              '<style:style style:name="T3" style:family="text"><style:text-properties '
              'fo:font-weight="bold"/></style:style></office:automatic-styles>')


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(odt_paragraph(), min_size=1, max_size=4))
def test_generated_opendocument_texts_round_trip(paragraphs):
    from office_kit import odt
    content = f"{ODT_STYLES}<office:body><office:text>{''.join(paragraphs)}</office:text></office:body>"
    check_file_round_trips(odt(content), ".odt")
