"""OpenDocument text (.odt): body, headers and footers, notes, text boxes, table cells and
the document's title and subject, with the Word format's machinery (`package`).

A block is a paragraph or heading (`text:p`, `text:h`). Spans (`text:span`) and links
(`text:a`) are placeholder pairs, except spans whose automatic style differs from its
neighbour only by LibreOffice's revision ids or languages: those merge, like Word's runs.
Tabs, line breaks, notes, frames, bookmarks, comments and fields are lone placeholders;
`text:s` is the spaces it stands for. Comments, tracked changes (refused) and field
contents are not translated (the elements Translate Toolkit's odf2xliff leaves alone).

For a right-to-left target, paragraph and table styles and page layouts get
`style:writing-mode="rl-tb"`, paragraph styles the complex-script language, and their
alignment mirrored: LibreOffice reads `fo:text-align` left, right, start and end as
sides of the page, and puts a paragraph with none on the left.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import L10nError
from ..languages import is_rtl
from . import bidi, package
from .base import OBJECT, Block, Edit, Link
from .package import Document, Element, Mark, Piece

EXTENSIONS = (".odt",)
BINARY = True
MEDIA_TYPE = "application/vnd.oasis.opendocument.text"

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
XLINK = "{http://www.w3.org/1999/xlink}"
LOCALES = {"fr": ("fr", "FR"), "en": ("en", "GB"), "ar": ("ar", "SA")}

_PARTS = ("meta.xml", "styles.xml", "content.xml")  # read in this order
_REVISIONS = {TEXT + t for t in ("changed-region", "change", "change-start", "change-end")}
_STORIES = {STYLE + t: t.split("-")[0] for t in (
    "header", "footer", "header-left", "footer-left", "header-first", "footer-first")}
_SKIPPED = {OFFICE + "annotation", TEXT + "tracked-changes", TEXT + "index-body"}
_SHOWS = {TEXT + "tab": "\t", TEXT + "line-break": "\n"}
_NEUTRAL = {TEXT + "soft-page-break", OFFICE + "annotation-end"}
_KEPT = {TEXT + t for t in ("bookmark", "bookmark-start", "bookmark-end", "reference-mark",
                            "reference-mark-start", "reference-mark-end", "hidden-text",
                            "alphabetical-index-mark", "toc-mark", "note")} | {
    OFFICE + "annotation"}  # the splitter sees nothing (a note's body is its own block)
_NOT_FORMATTING = {"{http://openoffice.org/2009/office}rsid",
                   "{http://openoffice.org/2009/office}paragraph-rsid",
                   FO + "language", FO + "country", FO + "script", STYLE + "language-asian",
                   STYLE + "country-asian", STYLE + "language-complex",
                   STYLE + "country-complex", STYLE + "rfc-language-tag"}
_MIRROR = {"left": "right", "right": "left", "start": "end", "end": "start"}
_TWINS = ((FO + "font-weight", "font-weight-complex"), (FO + "font-style", "font-style-complex"),
          (FO + "font-size", "font-size-complex"), (STYLE + "font-name", "font-name-complex"))
_RUN_OF_SPACES = re.compile(r"  +")


# -- reading the package -------------------------------------------------------------

def decode(data: bytes, path: Path) -> str:
    archive = package.open_zip(data, path, "OpenDocument text")
    names = archive.NameToInfo
    if "mimetype" not in names or archive.read("mimetype").strip() != MEDIA_TYPE.encode():
        raise L10nError("not an OpenDocument text (its mimetype is missing or another)",
                        path=path, hint="save it as an ODF Text Document (.odt)")
    if any(n.startswith(("Basic/", "Scripts/")) for n in names):
        raise L10nError("the document holds macros, which are not translated", path=path,
                        hint="remove the macros (Tools > Macros > Organize) and save again")
    if "content.xml" not in names:
        raise L10nError("the package has no content.xml", path=path,
                        hint="this is not a complete OpenDocument text; save it again")
    parts = []
    for name in _PARTS:
        if name in names:
            xml, root = package.read_part(archive, name, path)
            for element in root.iter(*_REVISIONS):
                raise L10nError("the document has tracked changes", path=f"{path}:{name}",
                                line=element.sourceline,
                                hint="accept or reject all changes in LibreOffice first "
                                     "(Edit > Track Changes > Manage), then save")
            parts.append((name, xml))
    return package.join(parts)


encode = package.encode


# -- blocks --------------------------------------------------------------------------

def blocks(text: str) -> list[Block]:
    parts = package.parts(text)
    named = next((_Styles(doc) for name, doc in parts if name == "styles.xml"), None)
    result: list[Block] = []
    for name, doc in parts:
        if name == "meta.xml":
            result += _properties(doc)
        else:
            result += _Story(doc, _Styles(doc, named)).blocks()
    return result


def _properties(doc: Document) -> list[Block]:
    meta = doc.root.find(OFFICE + "meta")
    found = []
    for line, (tag, note) in enumerate(((DC + "title", "document title"),
                                        (DC + "subject", "document subject")), 1):
        element = meta.find(tag) if meta is not None else None
        if element is not None and not element.empty:
            block = package.paragraph_block(
                doc.text, [Piece(element.open_end, element.close_start, ())], base=(),
                note=note, line=line, context="property")
            found += [block] if block else []
    return found


class _Styles:
    """What a text style looks like (for merging spans) and which paragraph styles are
    titles: a part's automatic styles, then the named styles of styles.xml."""

    def __init__(self, doc: Document, named: _Styles | None = None) -> None:
        self.looks: dict[str, tuple] = dict(named.looks) if named else {}
        self.hidden: set[str] = set(named.hidden) if named else set()
        self.parents: dict[str, str] = dict(named.parents) if named else {}
        for holder in doc.root.elements():
            if holder.tag not in (OFFICE + "styles", OFFICE + "automatic-styles"):
                continue
            automatic = holder.tag == OFFICE + "automatic-styles"
            for style in holder.elements():
                name = doc.get(style, STYLE + "name")
                if style.tag != STYLE + "style" or name is None:
                    continue
                self.parents[name] = doc.get(style, STYLE + "parent-style-name") or ""
                properties = style.find(STYLE + "text-properties")
                if properties is not None and doc.get(properties, TEXT + "display") == "none":
                    self.hidden.add(name)
                shown = tuple(sorted((k, doc.get(properties, k)) for k in properties.attrs
                                     if k not in _NOT_FORMATTING)) if properties is not None else ()
                self.looks[name] = (self.parents[name], shown) if automatic else (name,)

    def is_a(self, name: str, wanted: str) -> bool:
        seen = 0
        while name and seen < 20:
            if name.lower() == wanted:
                return True
            name, seen = self.parents.get(name, ""), seen + 1
        return False


class _Story:
    def __init__(self, doc: Document, styles: _Styles) -> None:
        self.doc, self.text, self.styles = doc, doc.text, styles
        self.prefix = package.qname(doc.text, doc.root).rpartition(":")[0]
        self.items: list = []

    def blocks(self) -> list[Block]:
        result = []
        root = self.doc.root
        body = root.find(OFFICE + "body")
        masters = root.find(OFFICE + "master-styles")
        for story in (body, masters):
            if story is None:
                continue
            for paragraph in story.iter(TEXT + "p", TEXT + "h"):
                ancestors = list(_ancestors(paragraph))
                if any(a.tag in _SKIPPED for a in ancestors) or (
                        story is masters and not any(a.tag in _STORIES for a in ancestors)):
                    continue
                self.items = [Piece(paragraph.open_end, paragraph.open_end, ())]
                self._walk(paragraph, ())
                self.items.append(Piece(paragraph.close_start, paragraph.close_start, ()))
                line = len(result) + 1
                block = package.paragraph_block(
                    self.text, self.items, base=(), note=self._note(paragraph, ancestors, line),
                    line=line, context=f"p:{self._text_prefix(paragraph)}", collapse=True)
                if block:
                    result.append(block)
        return result

    def _text_prefix(self, paragraph: Element) -> str:
        return package.qname(self.text, paragraph).rpartition(":")[0]

    def _note(self, paragraph: Element, ancestors: list[Element], line: int) -> str:
        where = []
        for ancestor in ancestors:
            if ancestor.tag == TABLE + "table-cell":
                row = ancestor.parent
                column = [c for c in row.elements() if c.tag == TABLE + "table-cell"]
                rows = [r for r in row.parent.elements() if r.tag == TABLE + "table-row"]
                where.append(f"table cell, row {rows.index(row) + 1}, "
                             f"column {column.index(ancestor) + 1}")
            elif ancestor.tag == DRAW + "text-box":
                where.append("text box")
            elif ancestor.tag == TEXT + "note":
                where.append(self.doc.get(ancestor, TEXT + "note-class") or "footnote")
            elif ancestor.tag in _STORIES:
                where.append(_STORIES[ancestor.tag])
            elif ancestor.tag == TEXT + "list-item" and not where:
                where.append("list item")
        if where:
            return ", ".join(reversed(where))
        if paragraph.tag == TEXT + "h":
            return "heading"
        style = self.doc.get(paragraph, TEXT + "style-name") or ""
        for kind in ("title", "subtitle"):
            if self.styles.is_a(style, kind):
                return kind
        return f"paragraph {line}"

    def _walk(self, node: Element, context: tuple) -> None:
        for child in node.children:
            if not isinstance(child, Element):
                self.items.append(Piece(child.start, child.end, context))
                continue
            tag = child.tag
            if tag == TEXT + "span":
                style = self.doc.get(child, TEXT + "style-name") or ""
                if style in self.styles.hidden:
                    self.items.append(Mark(""))
                else:
                    self._walk(child, context + (("span", self.styles.looks.get(style, style)),))
            elif tag == TEXT + "a":
                self._walk(child, context + (("a", self.doc.get(
                    child, XLINK + "href")),))
            elif tag == TEXT + "s":
                count = int(self.doc.get(child, TEXT + "c") or "1")
                self.items.append(Mark(" " * min(max(count, 1), 1000)))
            elif tag in _SHOWS:
                self.items.append(Mark(_SHOWS[tag]))
            elif tag in _KEPT:
                self.items.append(Mark(""))
            elif tag not in _NEUTRAL:
                self.items.append(Mark(OBJECT))  # notes, frames, fields: kept as they are


def _ancestors(element: Element):
    node = element.parent
    while node is not None:
        yield node
        node = node.parent


# -- rendering -----------------------------------------------------------------------

def escape(text: str, context: str, *, rtl: bool) -> str:
    """Translated text as ODF paragraph content: extra spaces, tabs and line breaks as
    elements, LTR runs in an RTL target isolated with Unicode marks.

    >>> escape("A  &\\tB", "p:text", rtl=False)
    'A <text:s/>&amp;<text:tab/>B'
    """
    kind, _, prefix = context.partition(":")
    t = f"{prefix}:" if prefix else ""

    def one(part: str) -> str:
        part = package.xml_escape(part)
        if kind == "p":
            part = _RUN_OF_SPACES.sub(lambda m: " " + _spaces(t, len(m.group()) - 1), part)
            part = part.replace("\n", f"<{t}line-break/>").replace("\t", f"<{t}tab/>")
        return part

    return bidi.isolate(text, one) if rtl else one(text)


def _spaces(t: str, count: int) -> str:
    return f"<{t}s/>" if count == 1 else f'<{t}s {t}c="{count}"/>'


def retarget(text: str, *, source: str, target: str, link: Link | None = None) -> list[Edit]:
    """Writing mode, alignment and language of the target on the styles of the document;
    with `link`, the target's address on links (`text:a`, `draw:a`)."""
    rtl = is_rtl(target)
    turn = rtl != is_rtl(source)
    edits: list[Edit] = []
    for name, doc in package.parts(text):
        if link is not None:
            edits += [edit for anchor in doc.root.iter(TEXT + "a", DRAW + "a")
                      for edit in package.relinked(doc, anchor, XLINK + "href", link)]
        if name == "meta.xml":
            meta = doc.root.find(OFFICE + "meta")
            language = meta.find(DC + "language") if meta is not None else None
            if language is not None and not language.empty:
                edits.append(Edit(language.open_end, language.close_start,
                                  "-".join(LOCALES[target])))
            continue
        for style in doc.root.iter(STYLE + "style", STYLE + "default-style",
                                   STYLE + "page-layout"):
            edits += _Restyle(doc, style, source, target, rtl=rtl, turn=turn).edits()
    return sorted(edits, key=lambda e: (e.start, e.end))


class _Restyle:
    def __init__(self, doc: Document, style: Element, source: str, target: str, *,
                 rtl: bool, turn: bool) -> None:
        self.doc, self.style, self.source, self.target = doc, style, source, target
        self.rtl, self.turn = rtl, turn
        self.s = package.qname(doc.text, style).rpartition(":")[0]

    def edits(self) -> list[Edit]:
        doc, style = self.doc, self.style
        family = doc.get(style, STYLE + "family")
        mode = "rl-tb" if self.rtl else "lr-tb"
        edits: list[Edit] = []
        if style.tag == STYLE + "page-layout":
            properties = style.find(STYLE + "page-layout-properties")
            if self.turn and properties is not None:
                edits.append(package.set_attr(properties, STYLE + "writing-mode",
                                              f"{self.s}:writing-mode", mode))
            return edits
        if family == "table" and self.turn:
            properties = style.find(STYLE + "table-properties")
            if properties is not None:
                edits.append(package.set_attr(properties, STYLE + "writing-mode",
                                              f"{self.s}:writing-mode", mode))
        if family == "paragraph" and self.turn:
            edits += self._paragraph(mode)
        if family in ("paragraph", "text"):
            edits += self._language()
            if self.turn:
                edits += self._twins()
        return edits

    def _paragraph(self, mode: str) -> list[Edit]:
        doc, style = self.doc, self.style
        root = style.tag == STYLE + "default-style" or \
            not doc.get(style, STYLE + "parent-style-name")
        properties = style.find(STYLE + "paragraph-properties")
        if properties is None:
            align = ' fo:text-align="end"' if root and self.rtl else ""
            xml = f'<{self.s}:paragraph-properties {self.s}:writing-mode="{mode}"{align}/>'
            return [package.insert_child(doc.text, style, xml, {STYLE + "paragraph-properties": 0},
                                         STYLE + "paragraph-properties")]
        edits = [package.set_attr(properties, STYLE + "writing-mode", f"{self.s}:writing-mode",
                                  mode)]
        align = doc.get(properties, FO + "text-align")
        if align in _MIRROR:
            edits.append(package.set_attr(properties, FO + "text-align", "fo:text-align",
                                          _MIRROR[align]))
        elif align is None and root and self.rtl:
            edits.append(package.set_attr(properties, FO + "text-align", "fo:text-align", "end"))
        return edits

    def _twins(self) -> list[Edit]:
        """Weight, style, size and font copied to their complex-script twins for an RTL
        target (what Arabic letters are drawn with), and back for an RTL source."""
        properties = self.style.find(STYLE + "text-properties")
        edits = []
        for latin, twin in _TWINS if properties is not None else ():
            complex_ = STYLE + twin
            have, want = (latin, complex_) if self.rtl else (complex_, latin)
            value = self.doc.get(properties, have)
            if value is not None and want not in properties.attrs:
                name = f"{self.s}:{twin}" if self.rtl else \
                    ("fo:" if latin.startswith(FO) else f"{self.s}:") + latin.rpartition("}")[2]
                edits.append(package.set_attr(properties, want, name, value))
        return edits

    def _language(self) -> list[Edit]:
        """The complex-script language for an RTL target; otherwise the language where the
        source's was declared (after an RTL source, every Latin-script language)."""
        doc = self.doc
        properties = self.style.find(STYLE + "text-properties")
        language, country = LOCALES[self.target]
        if properties is None:
            return []
        if self.rtl:
            return [package.set_attr(properties, STYLE + "language-complex",
                                     f"{self.s}:language-complex", language),
                    package.set_attr(properties, STYLE + "country-complex",
                                     f"{self.s}:country-complex", country)]
        declared = doc.get(properties, FO + "language")
        if declared is None or (declared != self.source and
                                not is_rtl(self.source)):
            return []
        return [package.set_attr(properties, FO + "language", "fo:language", language),
                package.set_attr(properties, FO + "country", "fo:country", country)]
