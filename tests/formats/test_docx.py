"""Word documents: what translators see, what the rebuilt package holds, read back by
python-docx (an independent reader) and checked part by part."""

from __future__ import annotations

import io
import zipfile

import docx as python_docx
import pytest
from office_kit import body, build, core, docx, members, story, units

from l10n.errors import L10nError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PLAIN = '<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="22"/></w:rPr>'
BOLD = ('<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:b/>'
        '<w:sz w:val="22"/></w:rPr>')

# What Word saves: runs cut by revision ids, spelling marks, a language tag, a rendered
# page break and the _GoBack bookmark, all with one visible formatting.
DOCUMENT = body(
    '<w:p w:rsidR="00A15B2C" w:rsidRDefault="00A15B2C"><w:pPr><w:pStyle w:val="Titre"/></w:pPr>'
    '<w:r><w:t>La CIMCT reçoit une délégation</w:t></w:r></w:p>'
    '<w:p w:rsidR="00A15B2C"><w:pPr><w:jc w:val="left"/></w:pPr>'
    '<w:r w:rsidRPr="00B27F11"><w:rPr><w:b/><w:sz w:val="24"/><w:lang w:val="fr-FR"/></w:rPr>'
    '<w:t xml:space="preserve">Riyad – </w:t></w:r><w:proofErr w:type="spellStart"/>'
    '<w:r w:rsidR="00C31D04"><w:rPr><w:b/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>'
    '<w:lastRenderedPageBreak/><w:t>11/10</w:t></w:r><w:proofErr w:type="spellEnd"/>'
    '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>'
    '<w:r w:rsidR="00D4"><w:rPr><w:b/><w:sz w:val="24"/><w:lang w:val="fr-FR" w:bidi="ar-SA"/>'
    '</w:rPr><w:t>/2021</w:t></w:r></w:p>'
    f'<w:p><w:r>{PLAIN}<w:t xml:space="preserve">Le </w:t></w:r><w:r>{BOLD}'
    '<w:t>Secrétaire général</w:t></w:r>'
    f'<w:r w:rsidR="00E5">{PLAIN}<w:t xml:space="preserve"> a reçu la délégation au </w:t></w:r>'
    '<w:hyperlink r:id="rId9" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
    '<w:t>siège</w:t></w:r></w:hyperlink>'
    f'<w:r>{PLAIN}<w:t xml:space="preserve"> de la Coalition.</w:t></w:r>'
    '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/>'
    f'</w:r><w:r>{PLAIN}<w:t xml:space="preserve"> Il a remercié</w:t></w:r>'
    f'<w:r>{PLAIN}<w:tab/><w:t>la délégation</w:t></w:r>'
    '<w:r><w:rPr><w:vanish/></w:rPr><w:t>NOTE CACHÉE</w:t></w:r>'
    f'<w:r>{PLAIN}<w:t>.</w:t></w:r></w:p>'
    # a complex HYPERLINK field (its result translated) and a PAGE field (kept)
    '<w:p><w:r><w:t xml:space="preserve">Voir </w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://www.imctc.org" </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    '<w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>le site</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    '<w:r><w:t xml:space="preserve"> page </w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>'
    # a comment on a word; a text box (DrawingML with its VML fallback)
    '<w:p><w:r><w:t xml:space="preserve">Un </w:t></w:r><w:commentRangeStart w:id="0"/>'
    '<w:r><w:t>mot</w:t></w:r><w:commentRangeEnd w:id="0"/>'
    '<w:r><w:commentReference w:id="0"/></w:r><w:r><w:t xml:space="preserve"> commenté.</w:t></w:r>'
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
    '<a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Encadré.</w:t></w:r></w:p>'
    '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
    '</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>'
    '<w:t>Encadré.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
    '</mc:AlternateContent></w:r></w:p>'
    '<w:tbl><w:tblPr><w:tblStyle w:val="Grille"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
    '<w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid>'
    '<w:tr><w:tc><w:p><w:r><w:t>Lieu</w:t></w:r></w:p></w:tc>'
    '<w:tc><w:p><w:r><w:t>Riyad</w:t></w:r></w:p></w:tc></w:tr>'
    '<w:tr><w:tc><w:p><w:r><w:t>Date</w:t></w:r></w:p></w:tc>'
    '<w:tc><w:p><w:r><w:t>11 octobre</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
    '<w:p/>'
    '<w:sectPr><w:headerReference w:type="default" r:id="rId2"/>'
    '<w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" '
    'w:footer="708" w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/>'
    '</w:sectPr>')
STYLES = story("styles", (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="fr-FR" w:eastAsia="en-US" '
    'w:bidi="ar-SA"/></w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:styleId="Titre"><w:name w:val="Title"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/></w:style>'
    '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/></w:style>'))
PARTS = {
    "styles.xml": STYLES,
    "header1.xml": story("hdr", "<w:p><w:r><w:t>En-tête de la CIMCT</w:t></w:r></w:p>"),
    "footer1.xml": story("ftr", (
        '<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r>'
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        '<w:r><w:t xml:space="preserve"> – Centre des médias</w:t></w:r></w:p>')),
    "footnotes.xml": story("footnotes", (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>'
        '</w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> À Riyad.</w:t></w:r></w:p>'
        '</w:footnote>')),
    "endnotes.xml": story("endnotes", (
        '<w:endnote w:id="1"><w:p><w:r><w:t>Fin du communiqué.</w:t></w:r></w:p></w:endnote>')),
    "comments.xml": story("comments", (
        '<w:comment w:id="0" w:author="A"><w:p><w:r><w:t>Ne pas traduire.</w:t></w:r></w:p>'
        '</w:comment>')),
}
LINKS = {"rId9": "https://www.imctc.org/fr"}


def package(document_xml: str = DOCUMENT, **kwargs) -> bytes:
    return docx(document_xml, parts=kwargs.pop("parts", PARTS), links=LINKS,
                core_xml=core("Visite d'une délégation", "Communiqué de presse"), **kwargs)


def paragraph_xml(data: bytes, part: str = "word/document.xml") -> str:
    return members(data)[part].decode("utf-8")


def test_translators_see_sentences_with_placeholders_only_for_real_changes():
    found = [(u.line, u.note, u.msgid) for u in units(package(), ".docx")]
    assert found == [
        (1, "document title", "Visite d'une délégation"),
        (2, "document subject", "Communiqué de presse"),
        (1, "header", "En-tête de la CIMCT"),
        (1, "title", "La CIMCT reçoit une délégation"),
        (2, "paragraph 2", "Riyad – 11/10/2021"),  # three runs, one formatting: merged
        (3, "paragraph 3", "Le <1>Secrétaire général</1> a reçu la délégation au "
                           "<2>siège</2> de la Coalition."),  # the footnote mark: between
        (3, "paragraph 3", "Il a remercié<1/>la délégation<2/>."),  # a tab; hidden text
        (4, "paragraph 4", "Voir <1>le site</1> page <2/>."),  # HYPERLINK field; PAGE kept
        (5, "paragraph 5", "Un <1/>mot<2/> commenté."),  # comment marks; then a text box
        (6, "text box", "Encadré."),
        (7, "text box", "Encadré."),  # the same box for programs without DrawingML
        (8, "table cell, row 1, column 1", "Lieu"),
        (9, "table cell, row 1, column 2", "Riyad"),
        (10, "table cell, row 2, column 1", "Date"),
        (11, "table cell, row 2, column 2", "11 octobre"),
        (1, "footnote 1", "À Riyad."),
        (1, "endnote 1", "Fin du communiqué."),
        (1, "footer", "Page <1/> – Centre des médias"),
    ]


def test_translation_of_merged_runs_goes_into_the_first_run():
    out = build(package(), ".docx", {"Riyad – 11/10/2021": "Riyadh – 11/10/2021"})
    paragraph = python_docx.Document(io.BytesIO(out)).paragraphs[1]
    assert [(r.text, r.bold) for r in paragraph.runs] == [("Riyadh – 11/10/2021", True)]
    assert "proofErr" not in paragraph._p.xml and "_GoBack" not in paragraph._p.xml


def test_moved_placeholders_bring_their_formatting_link_and_footnote_along():
    out = build(package(), ".docx", {
        "Le <1>Secrétaire général</1> a reçu la délégation au <2>siège</2> de la Coalition.":
            "At the Coalition's <2>headquarters</2>, the <1>Secretary-General</1> received "
            "the delegation.",
        "Il a remercié<1/>la délégation<2/>.": "He thanked<1/>the delegation<2/>.",
        "Voir <1>le site</1> page <2/>.": "See page <2/> of <1>the website</1>.",
    })
    read = python_docx.Document(io.BytesIO(out))
    paragraph = read.paragraphs[2]
    assert paragraph.text == ("At the Coalition's headquarters, the Secretary-General received "
                              "the delegation. He thanked\tthe delegationNOTE CACHÉE.")
    assert [r.text for r in paragraph.runs if r.font.hidden] == ["NOTE CACHÉE"]
    assert [r.text for r in paragraph.runs if r.bold] == ["Secretary-General"]
    assert [(h.text, h.address) for h in paragraph.hyperlinks] == [
        ("headquarters", "https://www.imctc.org/fr")]
    # between the sentences the footnote mark stays; the hidden run stays, hidden
    xml = paragraph._p.xml
    assert xml.index("delegation.") < xml.index("footnoteReference") < xml.index("He thanked")
    assert "<w:vanish/>" in xml
    field = read.paragraphs[3]._p.xml
    assert field.index("See page") < field.index(" PAGE ") < field.index("of ") < \
        field.index("HYPERLINK") < field.index("the website")


def test_identity_build_is_the_package_part_by_part_in_the_same_order():
    source = package()
    for translate in ({}, {u.msgid: u.msgid for u in units(source, ".docx")}):
        rebuilt = build(source, ".docx", translate, target="fr")
        assert list(members(rebuilt).items()) == list(members(source).items())


def test_translated_build_changes_only_translated_parts():
    source = package()
    rebuilt = members(build(source, ".docx", {"En-tête de la CIMCT": "IMCTC header"}))
    original = members(source)
    assert list(rebuilt) == list(original)
    changed = {name for name in original if original[name] != rebuilt[name]}
    # every story gets the target language; nothing else is touched (styles,
    # relationships, content types and comments included)
    assert changed == {"word/document.xml", "word/header1.xml", "word/footer1.xml",
                       "word/footnotes.xml", "word/endnotes.xml", "docProps/core.xml"}
    assert "Ne pas traduire." in rebuilt["word/comments.xml"].decode()
    assert python_docx.Document(io.BytesIO(build(source, ".docx", {}))).core_properties.language \
        == "en-GB"


def test_a_line_break_or_tab_typed_by_the_translator_becomes_words_own():
    out = build(package(), ".docx", {"Lieu": "Venue:\nHQ\tRiyadh"})
    cell = python_docx.Document(io.BytesIO(out)).tables[0].cell(0, 0)
    assert cell.text == "Venue:\nHQ\tRiyadh"
    assert ('<w:t xml:space="preserve">Venue:</w:t><w:br/><w:t xml:space="preserve">HQ</w:t>'
            '<w:tab/><w:t xml:space="preserve">Riyadh</w:t>') in paragraph_xml(out)


def test_arabic_build_is_right_to_left_with_complex_script_twins():
    translations = {"Riyad – 11/10/2021": "الرياض – 11/10/2021",
                    "La CIMCT reçoit une délégation": "التحالف (IMCTC) يستقبل وفدًا",
                    "Lieu": "المكان", "En-tête de la CIMCT": "ترويسة التحالف"}
    out = build(package(), ".docx", translations, target="ar")
    read = python_docx.Document(io.BytesIO(out))
    body_paragraphs = read.paragraphs + [p for t in read.tables for c in t._cells
                                         for p in c.paragraphs]
    body_paragraphs += read.sections[0].header.paragraphs
    for paragraph in body_paragraphs:
        assert paragraph._p.pPr.find(W + "bidi") is not None, paragraph.text
        for run in paragraph.runs:
            properties = run._r.rPr
            assert properties.find(W + "rtl") is not None
            assert properties.find(W + "lang").get(W + "bidi") == "ar-SA"
    dateline = read.paragraphs[1]
    assert dateline.text == "الرياض – 11/10/2021"
    properties = dateline.runs[0]._r.rPr
    assert properties.find(W + "bCs") is not None  # bold shows on Arabic letters
    assert properties.find(W + "szCs").get(W + "val") == "24"
    # left stays left: Word reads it as the start of a right-to-left paragraph
    assert dateline._p.pPr.find(W + "jc").get(W + "val") == "left"
    third = read.paragraphs[2].runs[0]._r.rPr
    assert third.find(W + "rFonts").get(W + "cs") == "Times New Roman"
    assert read.tables[0]._tbl.tblPr.find(W + "bidiVisual") is not None
    assert read.sections[0]._sectPr.find(W + "bidi") is not None
    assert read.paragraphs[0].text == "التحالف (\u2066IMCTC\u2069) يستقبل وفدًا"


def test_arabic_source_built_into_french_turns_left_to_right():
    arabic = body(
        '<w:p><w:pPr><w:bidi/><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:bCs/><w:rtl/>'
        '<w:szCs w:val="28"/><w:lang w:bidi="ar-SA"/></w:rPr><w:t>زار الوفد المقر.</w:t></w:r></w:p>'
        '<w:tbl><w:tblPr><w:bidiVisual/></w:tblPr><w:tr><w:tc><w:p><w:pPr><w:bidi/></w:pPr><w:r>'
        '<w:rPr><w:rtl/></w:rPr><w:t>المكان</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
        '<w:sectPr><w:bidi/></w:sectPr>')
    out = build(docx(arabic), ".docx", {"زار الوفد المقر.": "La délégation a visité le siège.",
                                        "المكان": "Lieu"}, source="ar", target="fr")
    read = python_docx.Document(io.BytesIO(out))
    paragraph = read.paragraphs[0]
    assert paragraph.text == "La délégation a visité le siège."
    assert paragraph._p.pPr.find(W + "bidi").get(W + "val") == "0"
    properties = paragraph.runs[0]._r.rPr
    assert properties.find(W + "rtl").get(W + "val") == "0"
    assert properties.find(W + "b") is not None and properties.find(W + "sz").get(W + "val") == "28"
    assert properties.find(W + "lang").get(W + "val") == "fr-FR"
    assert read.tables[0]._tbl.tblPr.find(W + "bidiVisual").get(W + "val") == "0"
    assert read.sections[0]._sectPr.find(W + "bidi").get(W + "val") == "0"


@pytest.mark.parametrize("tracked", [
    '<w:ins w:id="1" w:author="A" w:date="2021-10-11T00:00:00Z"><w:r><w:t>ajout</w:t></w:r></w:ins>',
    '<w:del w:id="1" w:author="A" w:date="2021-10-11T00:00:00Z"><w:r><w:delText>retrait</w:delText>'
    '</w:r></w:del>',
    '<w:r><w:rPr><w:b/><w:rPrChange w:id="2" w:author="A"><w:rPr/></w:rPrChange></w:rPr>'
    '<w:t>gras</w:t></w:r>',
])
def test_tracked_changes_are_refused_with_what_to_do(tracked):
    data = docx(body(f"<w:p><w:r><w:t>Texte </w:t></w:r>{tracked}</w:p>"))
    with pytest.raises(L10nError) as error:
        units(data, ".docx")
    assert "tracked changes" in error.value.message
    assert "accept or reject the tracked changes in Word first" in error.value.hint
    assert error.value.line == 2 and str(error.value.path).endswith("word/document.xml")


def test_macro_enabled_documents_are_refused():
    data = docx(body("<w:p><w:r><w:t>Texte.</w:t></w:r></w:p>"),
                extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macros"})
    for suffix, payload in ((".docx", data), (".docm", package())):
        with pytest.raises(L10nError) as error:
            units(payload, suffix)
        assert "macro-enabled" in error.value.message and ".docx" in error.value.hint


def test_missing_parts_are_refused():
    good = package()
    without = {}
    for dropped in ("[Content_Types].xml", "word/document.xml", "word/footer1.xml"):
        parts = {n: d for n, d in members(good).items() if n != dropped}
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        without[dropped] = out.getvalue()
    for dropped, data in without.items():
        with pytest.raises(L10nError) as error:
            units(data, ".docx")
        assert "the package has no" in error.value.message and dropped in error.value.message


def test_strict_open_xml_is_refused():
    strict = body("<w:p><w:r><w:t>Texte.</w:t></w:r></w:p>").replace(
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main")
    with pytest.raises(L10nError) as error:
        units(docx(strict), ".docx")
    assert "Strict Open XML" in error.value.message
