"""Word and OpenDocument packages for tests, assembled from their XML parts the way Word
and LibreOffice lay them out (content types, relationships, manifest, mimetype first)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from l10n import formats
from l10n.formats import units as document
from l10n.segmentation import Segmenter

W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"')
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STORY_TYPES = {"header1.xml": ("header", "header+xml"), "footer1.xml": ("footer", "footer+xml"),
                "footnotes.xml": ("footnotes", "footnotes+xml"),
                "endnotes.xml": ("endnotes", "endnotes+xml"),
                "comments.xml": ("comments", "comments+xml"),
                "styles.xml": ("styles", "styles+xml")}


def body(xml: str) -> str:
    return f'{DECLARATION}<w:document {W_NS}><w:body>{xml}</w:body></w:document>'


def story(root: str, xml: str) -> str:
    return f"{DECLARATION}<w:{root} {W_NS}>{xml}</w:{root}>"


def core(title: str, subject: str = "", language: str = "fr-FR") -> str:
    return (f'{DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>'
            f'{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>Service de presse'
            f'</dc:creator><dc:language>{language}</dc:language></cp:coreProperties>')


def docx(document_xml: str, *, parts: dict[str, str] | None = None,
         links: dict[str, str] | None = None, core_xml: str | None = None,
         extra: dict[str, bytes] | None = None, content_types: str = "") -> bytes:
    """A .docx: word/document.xml, the stories in `parts` (header1.xml, footer1.xml,
    footnotes.xml, endnotes.xml, comments.xml, styles.xml) related to it, external
    hyperlinks `links` (relationship id → URL), core properties and `extra` members."""
    parts = parts or {}
    overrides = "".join(
        f'<Override PartName="/word/{name}" ContentType="{_MAIN}.{_STORY_TYPES[name][1]}"/>'
        for name in parts)
    types = (f'{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="rels" ContentType="application/'
             'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
             'ContentType="application/xml"/><Override PartName="/word/document.xml" '
             f'ContentType="{_MAIN}.document.main+xml"/>{overrides}<Override '
             'PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
             f'package.core-properties+xml"/>{content_types}</Types>')
    package_rels = (f'{DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/'
                    f'package/2006/relationships"><Relationship Id="rId1" Type="{_RELS}/'
                    'officeDocument" Target="word/document.xml"/><Relationship Id="rId2" '
                    'Type="http://schemas.openxmlformats.org/package/2006/relationships/'
                    'metadata/core-properties" Target="docProps/core.xml"/></Relationships>')
    related = "".join(f'<Relationship Id="rId{n}" Type="{_RELS}/{_STORY_TYPES[name][0]}" '
                      f'Target="{name}"/>' for n, name in enumerate(parts, 1))
    related += "".join(f'<Relationship Id="{rid}" Type="{_RELS}/hyperlink" Target="{url}" '
                       'TargetMode="External"/>' for rid, url in (links or {}).items())
    document_rels = (f'{DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/'
                     f'package/2006/relationships">{related}</Relationships>')
    members = {"[Content_Types].xml": types, "_rels/.rels": package_rels,
               "word/document.xml": document_xml,
               "word/_rels/document.xml.rels": document_rels,
               **{f"word/{name}": xml for name, xml in parts.items()},
               "docProps/core.xml": core_xml or core("Communiqué")}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in members.items():
            archive.writestr(zipfile.ZipInfo(name, (2021, 10, 11, 9, 0, 0)), xml.encode("utf-8"),
                             zipfile.ZIP_DEFLATED)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:xlink="http://www.w3.org/1999/xlink" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:officeooo="http://openoffice.org/2009/office" office:version="1.3"')
ODT_TYPE = "application/vnd.oasis.opendocument.text"


def odt(content: str, *, styles: str = "", meta: str = "", extra: dict[str, bytes] | None = None,
        mimetype: str = ODT_TYPE) -> bytes:
    """An .odt with this content.xml, styles.xml and meta.xml (bodies without the root)."""
    members = {
        "content.xml": f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
                       f'{ODF_NS}>{content}</office:document-content>',
        "styles.xml": f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles '
                      f'{ODF_NS}>{styles}</office:document-styles>',
        "meta.xml": f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {ODF_NS}>'
                    f'<office:meta>{meta}</office:meta></office:document-meta>',
        "META-INF/manifest.xml":
            '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:'
            'oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODT_TYPE}"/>'
            + "".join(f'<manifest:file-entry manifest:full-path="{n}" manifest:media-type='
                      '"text/xml"/>' for n in ("content.xml", "styles.xml", "meta.xml"))
            + "</manifest:manifest>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", mimetype, zipfile.ZIP_STORED)
        for name, xml in members.items():
            archive.writestr(name, xml.encode("utf-8"), zipfile.ZIP_DEFLATED)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def units(data: bytes, suffix: str, lang: str = "fr") -> list[document.Unit]:
    path = Path(f"doc{suffix}")
    fmt = formats.for_path(path)
    return document.extract(fmt.decode(data, path), fmt, Segmenter.for_language(lang))


def build(data: bytes, suffix: str, translations: dict[str, str], *, source: str = "fr",
          target: str = "en") -> bytes:
    """The package rebuilt with `translations` (msgid → msgstr; others keep the source)."""
    path = Path(f"doc{suffix}")
    fmt = formats.for_path(path)
    text = fmt.decode(data, path)
    found = document.extract(text, fmt, Segmenter.for_language(source))
    rendered = document.render(text, found, lambda u: translations.get(u.msgid), fmt=fmt,
                               source=source, target=target)
    return fmt.encode(rendered, data)


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}
