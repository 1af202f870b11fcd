"""Word documents (.docx): body, headers, footers, footnotes, endnotes, text boxes, table
cells and the document's title and subject.

The text is the package's XML parts joined (`package`); a block is a paragraph (`w:p`),
from its first character of text to its last. Word cuts a sentence into runs for spelling
marks, revision ids, language tags and rendering hints; runs whose visible formatting is
the same are one stretch of text, so a plain sentence reaches the PO without placeholders
and its translation goes into the first run (as Okapi and OmegaT merge runs). A change
of formatting, a hyperlink, a field result, a tab, a break, an image, a footnote
reference or a comment mark is a placeholder. Field instructions, comments, hidden and
deleted text are not translated; tracked changes and macro-enabled packages are refused.

For a right-to-left target each paragraph, table and section is declared right to left,
each run gets `w:rtl`, the complex-script language and the complex-script twins of its
bold, italic, size and font (which is what Word applies to Arabic letters); the reverse
for a right-to-left source. Word (and LibreOffice) read `w:jc` left and right as the start
and end of a right-to-left paragraph, so alignment mirrors with the direction as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import L10nError
from ..languages import is_rtl
from . import bidi, package
from .base import OBJECT, Block, Edit, Link
from .package import XML_NS, Document, Element, Mark, Piece

EXTENSIONS = (".docx", ".docm")
BINARY = True

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC = "{http://purl.org/dc/elements/1.1/}"
_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
LOCALES = {"fr": "fr-FR", "en": "en-GB", "ar": "ar-SA"}  # what w:lang and dc:language get

_STORIES = {W + "document": "", W + "hdr": "header", W + "ftr": "footer",
            W + "footnotes": "footnote", W + "endnotes": "endnote"}
_PARTS = ("/core-properties", "/header", "/officeDocument", "/footnotes", "/endnotes",
          "/footer")  # relationship types of the parts translated, in reading order
_STYLE = re.compile(r'styleId="([^"]*)"[^>]*>\s*'  # a literal start: scans 350 kB in 1 ms
                    r'<(?:\w+:)?name\s+(?:\w+:)?val="([Tt]itle|[Ss]ubtitle|[Hh]eading \d)"')
_REVISIONS = {W + t for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange",
                              "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                              "numberingChange", "cellIns", "cellDel", "cellMerge")}
_CONTAINERS = {W + t for t in ("hyperlink", "smartTag", "customXml", "dir", "bdo")}
_NEUTRAL = {W + t for t in ("pPr", "proofErr", "permStart", "permEnd", "rPr",
                            "lastRenderedPageBreak", "sdtPr", "sdtEndPr")}
_KEPT = {W + t for t in ("bookmarkStart", "bookmarkEnd", "commentRangeStart",
                         "commentRangeEnd", "commentReference", "softHyphen",
                         "footnoteReference", "endnoteReference")}  # the splitter sees nothing
_SHOWS = {W + "tab": "\t", W + "ptab": "\t", W + "br": "\n", W + "cr": "\n"}
_NOT_FORMATTING = {W + t for t in ("lang", "noProof", "rtl", "cs", "bCs", "iCs", "szCs",
                                   "webHidden", "specVanish")}
_NOT_FONT = {W + t for t in ("cs", "cstheme", "hint")}
_OFF = {"0", "false", "off"}

# the schema's order of children, where edits insert elements
_PPR = [W + t for t in (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange").split()]
_RPR = [W + t for t in (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath "
    "rPrChange").split()]
_TBLPR = [W + t for t in (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
    "tblDescription tblPrChange").split()]
_SECTPR = [W + t for t in (
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
    "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection "
    "bidi rtlGutter docGrid printerSettings sectPrChange").split()]
ORDER = {tag: {name: i for i, name in enumerate(names)}
         for tag, names in ((W + "pPr", _PPR), (W + "rPr", _RPR), (W + "tblPr", _TBLPR),
                            (W + "sectPr", _SECTPR))}
_TWINS = (("b", "bCs"), ("i", "iCs"), ("sz", "szCs"))


# -- reading the package -------------------------------------------------------------

def decode(data: bytes, path: Path) -> str:
    if path.suffix.lower() == ".docm":
        raise _macros(path)
    archive = package.open_zip(data, path, "Word document")
    for needed in ("[Content_Types].xml", "_rels/.rels"):
        if needed not in archive.NameToInfo:
            raise _missing(path, needed)
    types, _ = package.read_part(archive, "[Content_Types].xml", path)
    if "macroEnabled" in types or any(n.lower().endswith("vbaproject.bin")
                                      for n in archive.NameToInfo):
        raise _macros(path)
    related = package.read_rels(archive, "", path)
    main = next((name for kind, name in related if kind.endswith("/officeDocument")), None)
    if main is None:
        raise _missing(path, "main document part (word/document.xml)")
    related += package.read_rels(archive, main, path)
    parts = []
    for wanted in _PARTS:
        for kind, name in related:
            if kind.endswith(wanted) and name not in (n for n, _ in parts):
                if name not in archive.NameToInfo:
                    raise _missing(path, name)
                xml, root = package.read_part(archive, name, path)
                _check(root, path, name)
                parts.append((name, xml))
                rels = package.rels_name(name)
                if rels in archive.NameToInfo:  # its hyperlinks' addresses
                    parts.append((rels, package.read_part(archive, rels, path)[0]))
    styles = next((name for kind, name in related if kind.endswith("/styles")), None)
    if styles in archive.NameToInfo:
        parts.append((package.SUMMARY + "styles", _style_names(archive, styles, path)))
    return package.join(parts)


def _style_names(archive, name: str, path: Path) -> str:
    """"id<TAB>name" of the title and heading styles, which notes tell translators; the
    ids are Word's language's ("Titre1"), the names are not ("heading 1"). The part is
    large, never rewritten and not parsed: a pattern finds these few."""
    if archive.getinfo(name).file_size > package.MAX_PART:
        return ""
    xml = archive.read(name).decode("utf-8", "replace")
    return "".join(f"{m.group(1)}\t{m.group(2).lower()}\n" for m in _STYLE.finditer(xml))


def _check(root, path: Path, name: str) -> None:
    if root.tag.startswith("{" + _STRICT):
        raise L10nError("saved as Strict Open XML, which is not supported", path=path,
                        hint="save it as a Word Document (.docx) instead")
    for element in root.iter(*_REVISIONS):
        raise L10nError("the document has tracked changes", path=f"{path}:{name}",
                        line=element.sourceline,
                        hint="accept or reject the tracked changes in Word first "
                             "(Review > Accept > Accept All Changes), then save")


def _macros(path: Path) -> L10nError:
    return L10nError("a macro-enabled document (.docm) is not translated", path=path,
                     hint="save it as a Word Document (.docx) without macros first")


def _missing(path: Path, part: str) -> L10nError:
    return L10nError(f"the package has no {part}", path=path,
                     hint="this is not a complete Word document; open and save it in Word")


encode = package.encode


# -- blocks --------------------------------------------------------------------------

def blocks(text: str) -> list[Block]:
    parts = package.parts(text)
    names = dict(line.split("\t") for line in package.summary(text, "styles").splitlines())
    result: list[Block] = []
    for _, doc in parts:
        if doc.root_tag in _STORIES:
            result += _Story(doc, names, _STORIES[doc.root_tag]).blocks()
        elif doc.root_tag.endswith("}coreProperties"):
            for line, (tag, note) in enumerate(((DC + "title", "document title"),
                                                (DC + "subject", "document subject")), 1):
                element = doc.root.find(tag)
                if element is not None and not element.empty:
                    block = package.paragraph_block(
                        text, [Piece(element.open_end, element.close_start, ())], base=(),
                        note=note, line=line, context="property")
                    result += [block] if block else []
    return result


class _Story:
    """The paragraphs of one part (body, a header, the footnotes…) in reading order."""

    def __init__(self, doc: Document, styles: dict[str, str], kind: str) -> None:
        self.doc, self.text, self.styles, self.kind = doc, doc.text, styles, kind
        self.fields: list[list] = []  # open complex fields: [instruction, in result, link]
        self.items: list = []
        self.prefix = package.qname(doc.text, doc.root).rpartition(":")[0]

    def blocks(self) -> list[Block]:
        result = []
        for paragraph in self.doc.root.iter(W + "p"):
            self.items = []
            self._walk(paragraph, ())
            if not any(isinstance(i, Piece) for i in self.items):
                continue
            base = next(i.context for i in self.items if isinstance(i, Piece))
            line = len(result) + 1
            block = package.paragraph_block(
                self.text, self.items, base=base, note=self._note(paragraph, line),
                line=line, context=f"run:{self.prefix}")
            if block:
                result.append(block)
        return result

    def _note(self, paragraph: Element, line: int) -> str:
        where = []
        for ancestor in _ancestors(paragraph):
            if ancestor.tag == W + "tc":
                row = ancestor.parent
                column = [c for c in row.elements() if c.tag == W + "tc"].index(ancestor) + 1
                number = [r for r in row.parent.elements() if r.tag == W + "tr"].index(row) + 1
                where.append(f"table cell, row {number}, column {column}")
            elif ancestor.tag == W + "txbxContent":
                where.append("text box")
            elif ancestor.tag in (W + "footnote", W + "endnote"):
                where.append(f"{self.kind} {self.doc.get(ancestor, W + 'id')}")
        if self.kind in ("header", "footer"):
            where.append(self.kind)
        if where:
            return ", ".join(reversed(where))
        properties = paragraph.find(W + "pPr")
        style = properties.find(W + "pStyle") if properties is not None else None
        name = self.styles.get(self.doc.get(style, W + "val") or "", "") \
            if style is not None else ""
        if name in ("title", "subtitle"):
            return name
        if name.startswith("heading"):
            return "heading"
        if properties is not None and properties.find(W + "numPr") is not None:
            return "list item"
        return f"paragraph {line}"

    def _walk(self, node: Element, containers: tuple) -> None:
        for child in node.elements():
            tag = child.tag
            if tag == W + "r":
                self._run(child, containers)
            elif tag in _CONTAINERS:
                key = self.doc.get(child, "{http://schemas.openxmlformats.org/officeDocument/"
                                          "2006/relationships}id") \
                    or self.doc.get(child, W + "anchor") or ""
                self._walk(child, containers + ((tag, key),))
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._walk(content, containers + ((tag, child.start),))
            elif tag == W + "fldSimple":
                instruction = self.doc.get(child, W + "instr") or ""
                if instruction.split()[:1] == ["HYPERLINK"]:
                    self._walk(child, containers + ((tag, instruction),))
                else:
                    self.items.append(Mark(OBJECT))
            elif tag in (W + "bookmarkStart", W + "bookmarkEnd") and self._go_back(child):
                continue
            elif tag in _KEPT:
                self.items.append(Mark(""))
            elif tag not in _NEUTRAL:
                self.items.append(Mark(OBJECT))  # math, drawings, anything unknown: kept

    def _go_back(self, bookmark: Element) -> bool:
        """Word's hidden bookmark of the last edit: nothing to keep."""
        if bookmark.tag == W + "bookmarkStart":
            return self.doc.get(bookmark, W + "name") == "_GoBack"
        bookmark_id = self.doc.get(bookmark, W + "id")
        return any(self.doc.get(b, W + "id") == bookmark_id and
                   self.doc.get(b, W + "name") == "_GoBack"
                   for b in bookmark.parent.elements() if b.tag == W + "bookmarkStart")

    def _run(self, run: Element, containers: tuple) -> None:
        properties = run.find(W + "rPr")
        if properties is not None and _on(self.doc, properties.find(W + "vanish")):
            self.items.append(Mark(""))  # hidden text: kept, not translated
            return
        links = tuple(("field", f[3]) for f in self.fields if f[2])
        context = containers + links + (self._formatting(properties),)
        for child in run.elements():
            tag = child.tag
            if tag == W + "t":
                if any(not f[2] for f in self.fields):
                    self.items.append(Mark(OBJECT))  # a field's result (page number, date…)
                elif child.close_start > child.open_end:
                    self.items.append(Piece(child.open_end, child.close_start, context))
            elif tag == W + "fldChar":
                self._field(self.doc.get(child, W + "fldCharType"), child)
            elif tag == W + "instrText":
                if self.fields:
                    self.fields[-1][0] += self.text[child.open_end:child.close_start]
            elif tag in _SHOWS:
                self.items.append(Mark(_SHOWS[tag]))
            elif tag in _KEPT:
                self.items.append(Mark(""))
            elif tag not in _NEUTRAL:
                self.items.append(Mark(OBJECT))

    def _field(self, kind: str | None, char: Element) -> None:
        """Complex fields span runs (and paragraphs): begin, instruction, separate, result,
        end. A HYPERLINK's result is translated as a link; other results are kept."""
        self.items.append(Mark(""))
        if kind == "begin":
            self.fields.append(["", False, False, char.start])
        elif kind == "separate" and self.fields:
            field = self.fields[-1]
            field[1] = True
            field[2] = field[0].split()[:1] == ["HYPERLINK"]
        elif kind == "end" and self.fields:
            self.fields.pop()

    def _formatting(self, properties: Element | None) -> tuple:
        """What a run looks like, for comparing runs: its properties less language,
        proofing and complex-script twins (runs of Arabic and Latin letters differ by them
        only, and an RTL build derives them)."""
        if properties is None:
            return ()
        shown = []
        for child in properties.elements():
            if child.tag in _NOT_FORMATTING:
                continue
            ignore = _NOT_FONT if child.tag == W + "rFonts" else ()
            shown.append((child.tag, tuple(sorted(
                (name, self.doc.get(child, name)) for name in child.attrs
                if name not in ignore))))
        return tuple(shown)


def _ancestors(element: Element):
    node = element.parent
    while node is not None:
        yield node
        node = node.parent


def _on(doc: Document, toggle: Element | None) -> bool:
    return toggle is not None and (doc.get(toggle, W + "val") or "1").lower() not in _OFF


# -- rendering -----------------------------------------------------------------------

def escape(text: str, context: str, *, rtl: bool) -> str:
    """Translated text as XML; in a run, a line break or tab the translator typed becomes
    Word's own, and LTR runs in an RTL target are isolated with Unicode marks.

    >>> escape("A & B\\tC", "run:w", rtl=False)
    'A &amp; B</w:t><w:tab/><w:t xml:space="preserve">C'
    """
    kind, _, prefix = context.partition(":")

    def one(part: str) -> str:
        part = package.xml_escape(part)
        if kind == "run":
            w = f"{prefix}:" if prefix else ""
            reopen = f'<{w}t xml:space="preserve">'
            part = part.replace("\n", f"</{w}t><{w}br/>{reopen}").replace(
                "\t", f"</{w}t><{w}tab/>{reopen}")
        return part

    return bidi.isolate(text, one) if rtl else one(text)


def retarget(text: str, *, source: str, target: str, link: Link | None = None) -> list[Edit]:
    """Language and direction of the target on paragraphs, runs, tables and sections;
    every `w:t` keeps its spaces (a translation may start or end with one). With `link`,
    hyperlinks (external relationships of the parts translated) get the target's address."""
    edits: list[Edit] = []
    for _, doc in package.parts(text):
        if doc.root_tag == package.RELATIONSHIPS:
            edits += [edit for rel in doc.root.iter(package.RELATIONSHIP)
                      if link is not None and doc.get(rel, "TargetMode") == "External"
                      and (doc.get(rel, "Type") or "").endswith("/hyperlink")
                      for edit in package.relinked(doc, rel, "Target", link)]
        elif doc.root_tag in _STORIES:
            edits += _Retarget(doc, source, target).edits()
        elif doc.root_tag.endswith("}coreProperties"):
            language = doc.root.find(DC + "language")
            if language is not None and not language.empty:
                edits.append(Edit(language.open_end, language.close_start, LOCALES[target]))
    return sorted(edits, key=lambda e: (e.start, e.end))


class _Retarget:
    def __init__(self, doc: Document, source: str, target: str) -> None:
        self.doc, self.text = doc, doc.text
        self.source, self.target = source, target
        self.rtl = is_rtl(target)
        self.turn = self.rtl != is_rtl(source)  # the direction changes
        prefix = package.qname(doc.text, doc.root).rpartition(":")[0]
        self.w = f"{prefix}:" if prefix else ""
        self.off = f' {self.w}val="0"'

    def edits(self) -> list[Edit]:
        found: list[Edit] = []
        for element in self.doc.root.iter(W + "p", W + "r", W + "t", W + "tblPr",
                                          W + "sectPr"):
            tag = element.tag
            if tag == W + "t" and f"{{{XML_NS}}}space" not in element.attrs \
                    and not element.empty:
                found.append(package.set_attr(element, f"{{{XML_NS}}}space", "xml:space",
                                              "preserve"))
            elif tag == W + "r":
                found += self._run(element)
            elif self.turn and tag == W + "p":
                found += self._toggle(element, W + "pPr", W + "bidi")
            elif self.turn and tag == W + "tblPr":
                found += self._set_toggle(element, W + "bidiVisual")
            elif self.turn and tag == W + "sectPr":
                found += self._set_toggle(element, W + "bidi")
        return found

    def _el(self, local: str, attrs: str = "") -> str:
        return f"<{self.w}{local}{attrs}/>"

    def _toggle(self, owner: Element, holder_tag: str, tag: str) -> list[Edit]:
        """`tag` set on (or off, when the direction turns back to LTR) in `owner`'s
        properties element, which is created when missing."""
        holder = owner.find(holder_tag)
        if holder is None:
            local, w = holder_tag.rpartition("}")[2], self.w
            inner = self._el(tag.rpartition("}")[2], "" if self.rtl else self.off)
            return [package.insert_child(self.text, owner, f"<{w}{local}>{inner}</{w}{local}>",
                                         {holder_tag: 0}, holder_tag)]
        return self._set_toggle(holder, tag)

    def _set_toggle(self, holder: Element, tag: str) -> list[Edit]:
        local = tag.rpartition("}")[2]
        wanted = self._el(local, "" if self.rtl else self.off)
        present = holder.find(tag)
        if present is not None:
            if _on(self.doc, present) == self.rtl:
                return []
            return [Edit(present.start, present.end, wanted)]
        return [package.insert_child(self.text, holder, wanted, ORDER[holder.tag], tag)]

    def _run(self, run: Element) -> list[Edit]:
        properties = run.find(W + "rPr")
        if properties is None:
            wanted = [self._el("rtl", "" if self.rtl else self.off)] if self.turn else []
            wanted.append(self._el("lang", self._lang_attrs()))
            w = self.w
            return [package.insert_child(self.text, run, f"<{w}rPr>{''.join(wanted)}</{w}rPr>",
                                         {W + "rPr": 0}, W + "rPr")]
        edits = []
        if self.turn:
            edits += self._twins(properties)
            edits += self._set_toggle(properties, W + "rtl")
        lang = properties.find(W + "lang")
        if lang is None:
            edits.append(package.insert_child(self.text, properties,
                                              self._el("lang", self._lang_attrs()),
                                              ORDER[W + "rPr"], W + "lang"))
        else:
            edits += self.language(lang)
        return edits

    def _lang_attrs(self) -> str:
        return f' {self.w}{"bidi" if self.rtl else "val"}="{LOCALES[self.target]}"'

    def language(self, lang: Element) -> list[Edit]:
        """The target's language where the source's was declared (for an RTL target, the
        complex-script language; after an RTL source, every Latin-script language)."""
        w = self.w
        if self.rtl:
            return [package.set_attr(lang, W + "bidi", f"{w}bidi", LOCALES[self.target])]
        value = self.doc.get(lang, W + "val")
        if value is None or _language(value) == self.source or \
                is_rtl(self.source):
            return [package.set_attr(lang, W + "val", f"{w}val", LOCALES[self.target])]
        return []

    def _twins(self, properties: Element) -> list[Edit]:
        """Bold, italic, size and font copied to their complex-script twins for an RTL
        target, and back for an RTL source, where the twin is not set already."""
        edits = []
        for latin, complex_ in _TWINS:
            have, want = (latin, complex_) if self.rtl else (complex_, latin)
            given = properties.find(W + have)
            if given is None or properties.find(W + want) is not None:
                continue
            value = self.doc.get(given, W + "val")
            attrs = "" if value is None else f' {self.w}val="{package.attr_escape(value)}"'
            edits.append(package.insert_child(self.text, properties, self._el(want, attrs),
                                              ORDER[W + "rPr"], W + want))
        fonts = properties.find(W + "rFonts")
        if fonts is not None:
            have, want = ("ascii", "cs") if self.rtl else ("cs", "ascii")
            value = self.doc.get(fonts, W + have)
            if value and W + want not in fonts.attrs:
                edits.append(package.set_attr(fonts, W + want, f"{self.w}{want}", value))
                if not self.rtl and W + "hAnsi" not in fonts.attrs:
                    edits.append(package.set_attr(fonts, W + "hAnsi", f"{self.w}hAnsi", value))
        return edits


def _language(value: str) -> str:
    return re.split(r"[-_]", value.strip().lower())[0]
