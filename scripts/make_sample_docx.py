"""Write the seed communiqué as a Word document, the way a press office lays one out.

    .venv/bin/python scripts/make_sample_docx.py [OUTPUT]

The default OUTPUT is the sample workspace's
sources/fr/2021-10-11-visite-vice-ministre-malaisien-word.docx. The document has the
communiqué's title (Word's Title style, and the document's title property), a bold
dateline, its paragraphs (one of them typed in two runs, as Word saves an edited
paragraph), a sentence with a hyperlink, a two-column table and a footer. The benchmark
builds its documents with `communique` too. Needs python-docx (the `test` extra).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "sources/fr/2021-10-11-visite-vice-ministre-malaisien.txt"
OUTPUT = REPO / "sources/fr/2021-10-11-visite-vice-ministre-malaisien-word.docx"
LINK = ("Plus d'informations sur ", "le site de la CIMCT", "https://www.imctc.org/fr", ".")
TABLE = [("Visiteur", "Vice-ministre malaisien de la Défense"),
         ("Lieu", "Siège de la Coalition à Riyad"),
         ("Date", "11/10/2021")]
FOOTER = "Coalition Islamique Militaire Contre le Terrorisme – Centre des médias"
SUBJECT = "Communiqué de presse"


def communique(title: str, dateline: str, paragraphs: list[str], *,
               link: tuple[str, str, str, str] = LINK,
               table: list[tuple[str, str]] = TABLE, footer: str = FOOTER,
               subject: str = SUBJECT) -> bytes:
    """A .docx communiqué; the same arguments give the same bytes."""
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.subject = subject
    document.core_properties.language = "fr-FR"
    document.add_paragraph(title, style="Title")
    document.add_paragraph().add_run(dateline).bold = True
    for n, text in enumerate(paragraphs):
        paragraph = document.add_paragraph()
        if n == 0 and " " in text:  # saved after an edit: two runs, one formatting
            cut = text.index(" ", len(text) // 2)
            paragraph.add_run(text[:cut])
            paragraph.add_run(text[cut:])
        else:
            paragraph.add_run(text)
    paragraph = document.add_paragraph(link[0])
    _hyperlink(paragraph, link[1], link[2])
    paragraph.add_run(link[3])
    grid = document.add_table(rows=0, cols=2)
    grid.style = "Table Grid"
    for left, right in table:
        cells = grid.add_row().cells
        cells[0].text, cells[1].text = left, right
    document.sections[0].footer.paragraphs[0].text = footer
    out = io.BytesIO()
    document.save(out)
    return _fixed_times(out.getvalue())


def _hyperlink(paragraph, text: str, url: str) -> None:
    """python-docx has no API for links: the w:hyperlink element Word writes."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    properties.append(style)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(underline)
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0563C1")
    properties.append(color)
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _fixed_times(data: bytes) -> bytes:
    """The package with every member dated 2021-10-11 and no creation time in its
    properties, so that running the script again gives the same file."""
    import re
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>",
                                 rb"", content)
            target.writestr(zipfile.ZipInfo(info.filename, (2021, 10, 11, 9, 0, 0)), content,
                            zipfile.ZIP_DEFLATED)
    return out.getvalue()


def seed() -> tuple[str, str, list[str]]:
    """Title, dateline and paragraphs of the seed communiqué."""
    blocks = [b.strip() for b in SEED.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    return blocks[0], blocks[1], blocks[2:]


def main() -> None:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT
    title, dateline, paragraphs = seed()
    output.write_bytes(communique(title, dateline, paragraphs))
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
