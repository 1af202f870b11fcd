"""OpenDocument texts: what translators see and what the rebuilt package holds, read back
by odfpy (an independent reader)."""

from __future__ import annotations

import io

import pytest
from odf import opendocument, teletype
from odf.namespaces import FONS, STYLENS
from odf.style import (
    DefaultStyle,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableProperties,
    TextProperties,
)
from odf.text import H, P
from office_kit import build, members, odt, units

from l10n.errors import L10nError

CONTENT = (
    '<office:automatic-styles>'
    '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard">'
    '<style:paragraph-properties fo:text-align="start"/><style:text-properties '
    'officeooo:paragraph-rsid="00101"/></style:style>'
    '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Title"/>'
    '<style:style style:name="T1" style:family="text"><style:text-properties '
    'officeooo:rsid="0012a"/></style:style>'
    '<style:style style:name="T2" style:family="text"><style:text-properties '
    'officeooo:rsid="0034b" fo:language="fr" fo:country="FR"/></style:style>'
    '<style:style style:name="T3" style:family="text"><style:text-properties '
    'fo:font-weight="bold" officeooo:rsid="0012a"/></style:style>'
    '<style:style style:name="T4" style:family="text"><style:text-properties '
    'text:display="none"/></style:style>'
    '<style:style style:name="Tableau1" style:family="table"><style:table-properties '
    'style:width="17cm" table:align="margins"/></style:style>'
    '</office:automatic-styles><office:body><office:text>'
    '<text:tracked-changes text:track-changes="false"/>'
    '<text:p text:style-name="P2">La CIMCT reçoit une délégation</text:p>'
    '<text:p text:style-name="P1"><text:span text:style-name="T3">Riyad</text:span> – '
    '11/10/2021</text:p>'
    '<text:p text:style-name="P1"><text:span text:style-name="T1">Le vice-ministre</text:span>'
    '<text:span text:style-name="T2"> a été reçu</text:span> au <text:a xlink:type="simple" '
    'xlink:href="https://www.imctc.org/fr">siège</text:a>.<text:s text:c="2"/>Il a '
    '<text:span text:style-name="T3">remercié</text:span><text:tab/>la délégation'
    '<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1'
    '</text:note-citation><text:note-body><text:p text:style-name="Footnote">À Riyad.</text:p>'
    '</text:note-body></text:note><text:span text:style-name="T4">caché</text:span>.'
    '<office:annotation><dc:creator>A</dc:creator><text:p>Ne pas traduire.</text:p>'
    '</office:annotation></text:p>'
    '<table:table table:name="Tableau1" table:style-name="Tableau1"><table:table-column '
    'table:number-columns-repeated="2"/><table:table-row><table:table-cell><text:p>Lieu</text:p>'
    '</table:table-cell><table:table-cell><text:p>Riyad</text:p></table:table-cell>'
    '</table:table-row></table:table>'
    '<text:h text:outline-level="1">Contact</text:h>'
    '<text:p>Page <text:page-number text:select-page="current">1</text:page-number>.</text:p>'
    '</office:text></office:body>')
STYLES = (
    '<office:styles><style:default-style style:family="paragraph"><style:paragraph-properties '
    'style:writing-mode="page"/><style:text-properties fo:language="fr" fo:country="FR"/>'
    '</style:default-style>'
    '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>'
    '<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">'
    '<style:paragraph-properties fo:text-align="center"/></style:style></office:styles>'
    '<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties '
    'fo:page-width="21cm" style:writing-mode="lr-tb"/></style:page-layout>'
    '</office:automatic-styles><office:master-styles><style:master-page style:name="Standard" '
    'style:page-layout-name="pm1"><style:header><text:p>En-tête de la CIMCT</text:p></style:header>'
    '<style:footer><text:p>Centre des médias</text:p></style:footer></style:master-page>'
    '</office:master-styles>')
META = ("<dc:title>Visite d'une délégation</dc:title><dc:subject>Communiqué de presse"
        "</dc:subject><dc:language>fr-FR</dc:language><meta:generator>LibreOffice</meta:generator>")


def package() -> bytes:
    return odt(CONTENT, styles=STYLES, meta=META)


def read(data: bytes):
    return opendocument.load(io.BytesIO(data))


def test_translators_see_sentences_and_spans_that_only_differ_by_revision_ids_merge():
    assert [(u.line, u.note, u.msgid) for u in units(package(), ".odt")] == [
        (1, "document title", "Visite d'une délégation"),
        (2, "document subject", "Communiqué de presse"),
        (1, "header", "En-tête de la CIMCT"),
        (2, "footer", "Centre des médias"),
        (1, "title", "La CIMCT reçoit une délégation"),
        (2, "paragraph 2", "<1>Riyad</1> – 11/10/2021"),
        (3, "paragraph 3", "<1>Le vice-ministre a été reçu</1> au <2>siège</2>."),
        (3, "paragraph 3", "Il a <1>remercié</1>la délégation<2/>."),  # </1> holds the tab
        (4, "footnote", "À Riyad."),
        (5, "table cell, row 1, column 1", "Lieu"),
        (6, "table cell, row 1, column 2", "Riyad"),
        (7, "heading", "Contact"),
        (8, "paragraph 8", "Page <1/>."),
    ]


def test_moved_placeholders_and_typed_spaces_rebuild_valid_paragraphs():
    out = build(package(), ".odt", {
        "<1>Le vice-ministre a été reçu</1> au <2>siège</2>.":
            "At the <2>headquarters</2>, <1>the Deputy Minister was received</1>.",
        "Il a <1>remercié</1>la délégation<2/>.": "He  <1>thanked</1>the\ndelegation<2/>.",
        "Lieu": "Venue",
    })
    document = read(out)
    paragraphs = [teletype.extractText(p) for p in document.text.getElementsByType(P)]
    assert paragraphs[2] == ("At the headquarters, the Deputy Minister was received.  "
                             "He  thanked\tthe\ndelegation1À Riyad.caché.ANe pas traduire.")
    xml = members(out)["content.xml"].decode()
    assert ('At the <text:a xlink:type="simple" xlink:href="https://www.imctc.org/fr">'
            'headquarters</text:a>, <text:span text:style-name="T1">the Deputy Minister was '
            'received</text:span>.') in xml
    assert 'He <text:s/><text:span text:style-name="T3">thanked</text:span><text:tab/>the' in xml
    assert "the<text:line-break/>delegation<text:note" in xml
    assert "Venue" in paragraphs and "Lieu" not in paragraphs


def test_identity_build_is_the_package_part_by_part():
    source = package()
    assert list(members(build(source, ".odt", {}, target="fr")).items()) == \
        list(members(source).items())


def _paragraph_properties(document, name: str, family: str = "paragraph"):
    for holder in (document.automaticstyles, document.styles, document.masterstyles):
        for style in holder.getElementsByType(Style):
            if style.getAttrNS(STYLENS, "name") == name:
                return style.getElementsByType(ParagraphProperties)[0]
    raise AssertionError(name)


def test_arabic_build_turns_styles_right_to_left_and_mirrors_alignment():
    out = build(package(), ".odt", {"La CIMCT reçoit une délégation": "التحالف يستقبل وفدًا"},
                target="ar")
    document = read(out)
    assert teletype.extractText(document.text.getElementsByType(P)[0]) == "التحالف يستقبل وفدًا"
    p1 = _paragraph_properties(document, "P1")
    assert (p1.getAttrNS(STYLENS, "writing-mode"), p1.getAttrNS(FONS, "text-align")) == \
        ("rl-tb", "end")
    standard = _paragraph_properties(document, "Standard")  # a root style: aligned to the right
    assert (standard.getAttrNS(STYLENS, "writing-mode"), standard.getAttrNS(FONS, "text-align")) \
        == ("rl-tb", "end")
    title = _paragraph_properties(document, "Title")
    assert (title.getAttrNS(STYLENS, "writing-mode"), title.getAttrNS(FONS, "text-align")) == \
        ("rl-tb", "center")
    default = document.styles.getElementsByType(DefaultStyle)[0]
    assert default.getElementsByType(ParagraphProperties)[0].getAttrNS(
        STYLENS, "writing-mode") == "rl-tb"
    text = default.getElementsByType(TextProperties)[0]
    assert (text.getAttrNS(STYLENS, "language-complex"), text.getAttrNS(STYLENS, "country-complex"),
            text.getAttrNS(FONS, "language")) == ("ar", "SA", "fr")
    bold = next(s for s in document.automaticstyles.getElementsByType(Style)
                if s.getAttrNS(STYLENS, "name") == "T3").getElementsByType(TextProperties)[0]
    assert bold.getAttrNS(STYLENS, "font-weight-complex") == "bold"  # bold Arabic letters
    table = next(s for s in document.automaticstyles.getElementsByType(Style)
                 if s.getAttrNS(STYLENS, "name") == "Tableau1")
    assert table.getElementsByType(TableProperties)[0].getAttrNS(STYLENS, "writing-mode") == "rl-tb"
    layout = document.automaticstyles.getElementsByType(PageLayoutProperties) + \
        document.styles.getElementsByType(PageLayoutProperties)
    assert [p.getAttrNS(STYLENS, "writing-mode") for p in layout] == ["rl-tb"]
    assert "<dc:language>ar-SA</dc:language>" in members(out)["meta.xml"].decode()


def test_english_build_declares_english_where_french_was():
    document = read(build(package(), ".odt", {}, target="en"))
    languages = [(t.getAttrNS(FONS, "language"), t.getAttrNS(FONS, "country"))
                 for t in document.styles.getElementsByType(TextProperties)
                 + document.automaticstyles.getElementsByType(TextProperties)
                 if t.getAttrNS(FONS, "language")]
    assert languages == [("en", "GB"), ("en", "GB")]  # the default style and T2
    assert document.text.getElementsByType(H)[0].getAttrNS(
        "urn:oasis:names:tc:opendocument:xmlns:text:1.0", "outline-level") == "1"


def test_tracked_changes_and_macros_are_refused():
    tracked = CONTENT.replace(
        '<text:tracked-changes text:track-changes="false"/>',
        '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>'
        '<office:change-info><dc:creator>A</dc:creator></office:change-info><text:p>x</text:p>'
        '</text:deletion></text:changed-region></text:tracked-changes>')
    with pytest.raises(L10nError) as error:
        units(odt(tracked, styles=STYLES), ".odt")
    assert "tracked changes" in error.value.message and "accept or reject" in error.value.hint
    with pytest.raises(L10nError) as error:
        units(odt(CONTENT, extra={"Basic/Standard/Module1.xml": b"<x/>"}), ".odt")
    assert "macros" in error.value.message
    with pytest.raises(L10nError) as error:
        units(odt(CONTENT, mimetype="application/vnd.oasis.opendocument.spreadsheet"), ".odt")
    assert "not an OpenDocument text" in error.value.message
