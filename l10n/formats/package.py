"""Zip packages of XML parts (Word, OpenDocument) as one text that the rest of the tool
cuts and splices like any other document.

`decode` reads the package, refuses what it cannot handle safely (zip bombs, names that
climb out of the package, DTDs and entities, oversized parts, broken XML) and joins the
parts that hold text, each after a `SEPARATOR` line naming it. U+FFFF cannot occur in
XML, so the joined text splits back into its parts unambiguously after translations are
spliced in. `encode` writes those parts back into a copy of the original zip: every other
part is copied byte for byte, in the same order, with the same names, times and methods.

lxml checks each part (no network, no DTD, no entity expansion); it gives no offsets into
the source, so `parse` tokenizes the checked text itself with one regular expression,
which is exact for well-formed XML without a DTD, into `Element`s that know where their
tags start and end. The formats walk those to find paragraphs and runs, and describe each
paragraph to `paragraph_block` as text pieces with their formatting and what lies between.
"""

from __future__ import annotations

import copy
import functools
import io
import posixpath
import re
import struct
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import L10nError
from .base import OBJECT, XML_ILLEGAL, Block, Edit, Span

SEPARATOR = "\uffff"  # not an XML character: cannot occur inside a part
SUMMARY = "/"  # starts the name of what a format notes from a part it never writes

MAX_PART = 20_000_000  # bytes of one XML part read for translation (Word's own limit is ~32 MB)
MAX_TOTAL = 500_000_000  # bytes of the whole package unpacked
MAX_RATIO = 200  # unpacked/packed size above which a member of over 1 MB is a zip bomb
MAX_MEMBERS = 10_000

XML_NS = "http://www.w3.org/XML/1998/namespace"
_REF = re.compile(r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z]+);")


# -- the zip container ---------------------------------------------------------------

def open_zip(data: bytes, path: Path, kind: str) -> zipfile.ZipFile:
    """The package, its members checked before anything is unpacked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise L10nError(f"not a {kind} (the zip container is unreadable: {exc})", path=path,
                        hint=f"open and save it again as {kind}") from None
    if len(members) > MAX_MEMBERS:
        raise L10nError(f"the package holds {len(members):,} files, above the limit of "
                        f"{MAX_MEMBERS:,}", path=path, hint="this is not an office document")
    seen: set[str] = set()
    total = 0
    for info in members:
        name = info.filename
        if not _safe_name(name):
            raise L10nError(f"the package holds a file named {name!r}, which points outside it",
                            path=path, hint="refusing a crafted package; save it again in Word "
                                            "or LibreOffice")
        if name.lower() in seen:
            raise L10nError(f"the package holds {name!r} twice", path=path,
                            hint="refusing a crafted package")
        seen.add(name.lower())
        if info.flag_bits & 0x1:
            raise L10nError(f"{name} is encrypted", path=path,
                            hint="remove the password protection first")
        total += info.file_size
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise L10nError(f"{name} unpacks to {info.file_size:,} bytes from "
                            f"{info.compress_size:,}: a zip bomb", path=path,
                            hint="refusing a crafted package")
    if total > MAX_TOTAL:
        raise L10nError(f"the package unpacks to {total:,} bytes, above the limit of "
                        f"{MAX_TOTAL:,}", path=path, hint="refusing a crafted package")
    return archive


def _safe_name(name: str) -> bool:
    if not name or "\\" in name or name.startswith("/") or XML_ILLEGAL.search(name) \
            or "\n" in name or "\r" in name or re.match(r"[A-Za-z]:", name):
        return False
    return ".." not in PurePosixPath(name).parts


def read_part(archive: zipfile.ZipFile, name: str, path: Path) -> tuple[str, Any]:
    """A member's XML as text, and lxml's tree of it: UTF-8, well-formed, no DTD."""
    info = archive.getinfo(name)
    if info.file_size > MAX_PART:
        raise L10nError(f"{name} is {info.file_size:,} bytes, above the limit of {MAX_PART:,}",
                        path=path, hint="split the document")
    try:
        data = archive.read(info)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise L10nError(f"{name} cannot be unpacked: {exc}", path=path,
                        hint="the package is damaged; save it again") from None
    root = check_xml(data, f"{path}:{name}")
    try:
        return data.decode("utf-8"), root
    except UnicodeDecodeError:
        raise L10nError(f"{name} is not UTF-8", path=path,
                        hint="save the document again in Word or LibreOffice") from None


@functools.cache
def _parser():
    """lxml's parser, safe: no network, no DTD, no entity expansion, no huge trees.
    Imported when a package is first read (most commands read none)."""
    from lxml import etree
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_blank_text=False)


def check_xml(data: bytes, where: str) -> Any:
    """The root of the XML; refused when declaring a DTD (entities: XXE, billion laughs),
    looked for before parsing, or not well-formed."""
    root = _ROOT.search(data)
    if b"<!DOCTYPE" in data[:root.start() if root else len(data)]:
        raise L10nError("the XML declares a DTD (entities could read files or the network)",
                        path=where, hint="refusing a crafted package; office programs never "
                                         "write one")
    from lxml import etree
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise L10nError(f"not well-formed XML: {exc.msg}", path=where, line=exc.lineno,
                        hint="the package is damaged; save it again") from None
    if root.getroottree().docinfo.internalDTD is not None:  # behind a comment, say
        raise L10nError("the XML declares a DTD", path=where, hint="refusing a crafted package")
    return root


_ROOT = re.compile(rb"<[^?!]")  # a DTD can only come before the root element


RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationships"
RELATIONSHIP = RELATIONSHIPS[:-1]


def rels_name(source: str) -> str:
    """The member listing the relationships of part `source` ("" for the package)."""
    folder, base = posixpath.split(source)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def read_rels(archive: zipfile.ZipFile, source: str, path: Path) -> list[tuple[str, str]]:
    """(type, package name) of the internal relationships of part `source` ("" for the
    package itself), in the order they are listed."""
    folder = posixpath.dirname(source)
    rels = rels_name(source)
    if rels not in archive.NameToInfo:
        return []
    _, root = read_part(archive, rels, path)
    found = []
    for rel in root.iter(RELATIONSHIP):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        name = target[1:] if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
        found.append((rel.get("Type") or "", name))
    return found


def join(parts: list[tuple[str, str]]) -> str:
    """The parts as one text. A part named `SUMMARY`… is no member (no member's name can
    start so): what a format noted from a part that it reads but never rewrites."""
    return "".join(f"{SEPARATOR}{name}\n{xml}" for name, xml in parts)


def split(text: str) -> Iterator[tuple[str, int, int]]:
    """(part name, start, end) of each part's XML in a joined text."""
    pos = text.find(SEPARATOR)
    while pos >= 0:
        line = text.index("\n", pos)
        following = text.find(SEPARATOR, line)
        end = len(text) if following < 0 else following
        yield text[pos + 1:line], line + 1, end
        pos = following


def encode(text: str, original: bytes) -> bytes:
    """The original package with the parts of `text` in place of its own; every other
    member is copied as it is stored, compressed bytes and all."""
    parts = {name: text[a:b].encode("utf-8") for name, a, b in split(text)}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, \
            zipfile.ZipFile(out, "w", allowZip64=False) as target:
        for info in source.infolist():
            new = parts.get(info.filename)
            if new is None or new == source.read(info):
                _copy_stored(original, info, target)
                continue
            _check_rebuilt(new, info.filename)
            rebuilt = zipfile.ZipInfo(info.filename, info.date_time)
            rebuilt.compress_type = info.compress_type
            rebuilt.external_attr = info.external_attr
            rebuilt.create_system = info.create_system
            rebuilt.comment = info.comment
            target.writestr(rebuilt, new)
    return out.getvalue()


def _copy_stored(original: bytes, info: zipfile.ZipInfo, target: zipfile.ZipFile) -> None:
    """`info`'s local header, data and descriptor appended to `target` byte for byte.

    zipfile can only write what it compresses itself; inflating and deflating every
    unchanged member again (styles, themes, images) was most of a build's time. This
    appends the stored bytes where the next member goes and lists a copy of `info` for
    the central directory that `close` writes.
    """
    start = info.header_offset
    name_length, extra_length = struct.unpack("<2H", original[start + 26:start + 30])
    end = start + 30 + name_length + extra_length + info.compress_size
    if info.flag_bits & 0x08:  # a data descriptor follows, with or without its signature
        end += 16 if original[end:end + 4] == b"PK\x07\x08" else 12
    listed = copy.copy(info)
    target.fp.seek(target.start_dir)
    listed.header_offset = target.fp.tell()
    target.fp.write(original[start:end])
    target.start_dir = target.fp.tell()
    target.filelist.append(listed)
    target.NameToInfo[listed.filename] = listed
    target._didModify = True


def _check_rebuilt(data: bytes, name: str) -> None:
    from lxml import etree
    try:
        etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise L10nError(f"the rebuilt {name} would be broken ({exc.msg})",
                        hint="a translation moved a placeholder out of the pair around it; "
                             "keep <1>…</1> pairs around the same words") from None


# -- XML with offsets ----------------------------------------------------------------

_TOKEN = re.compile(r"""
    <(?P<close>/)?(?P<name>[^\s/>!?]+)(?P<attrs>(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)
        \s*(?P<empty>/)?>
  | <!--.*?-->
  | <\?.*?\?>
  | <!\[CDATA\[.*?\]\]>
  | [^<]+
""", re.S | re.X)
_ATTR = re.compile(r"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True, slots=True)
class Text:
    """Character data `start`…`end` (entities not yet decoded)."""

    start: int
    end: int


@dataclass(eq=False, slots=True)
class Element:
    """An element and where its tags are: `<tag …>` is `start`…`open_end`, `</tag>` is
    `close_start`…`end` (all four equal the self-closing tag's span for `<tag/>`)."""

    tag: str  # "{namespace}local"
    start: int
    open_end: int
    source: str  # the text it is in
    spaces: dict[str, str]  # the namespaces in scope
    parent: Element | None = None
    close_start: int = -1
    end: int = -1
    children: list = field(default_factory=list)  # Elements and Texts, in order
    _attrs: dict[str, tuple[int, int]] | None = None

    @property
    def empty(self) -> bool:
        return self.open_end == self.end

    @property
    def attrs(self) -> dict[str, tuple[int, int]]:
        """Attribute name → span of its value; read when first asked for (most never are)."""
        if self._attrs is None:
            self._attrs = {_resolve(k, self.spaces, default=False): v
                           for k, v in _raw_attrs(self.source, self.start, self.open_end).items()
                           if k != "xmlns" and not k.startswith("xmlns:")}
        return self._attrs

    def elements(self) -> Iterator[Element]:
        return (c for c in self.children if isinstance(c, Element))

    def find(self, tag: str) -> Element | None:
        return next((c for c in self.elements() if c.tag == tag), None)

    def iter(self, *tags: str) -> Iterator[Element]:
        """This element and its descendants in document order (those named, if any)."""
        stack = [self]
        while stack:
            node = stack.pop()
            if not tags or node.tag in tags:
                yield node
            stack.extend(reversed([c for c in node.children if isinstance(c, Element)]))


class Document:
    """A part's XML, parsed into `Element`s when first needed; attribute values decoded
    on demand."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end

    @functools.cached_property
    def root(self) -> Element:
        return _parse(self.text, self.start, self.end, {"xml": XML_NS})

    @functools.cached_property
    def root_tag(self) -> str:
        """The root element's name, without parsing the part."""
        match = _TOKEN.match(self.text, re.compile(r"<[^?!/]").search(
            self.text, self.start, self.end).start())
        return _resolve(match.group("name"), _declared(self.text, match, {}), default=True)

    def get(self, element: Element, name: str) -> str | None:
        span = element.attrs.get(name)
        return None if span is None else unescape(self.text[span[0]:span[1]])


def _parse(text: str, start: int, end: int, spaces: dict[str, str]) -> Element:
    top = Element("", start, start, text, spaces)
    stack: list[tuple[Element, dict[str, str]]] = [(top, spaces)]
    for match in _TOKEN.finditer(text, start, end):
        name = match.group("name")
        parent, spaces = stack[-1]
        if name is None:
            if text[match.start()] != "<" or text.startswith("<![CDATA[", match.start()):
                parent.children.append(Text(match.start(), match.end()))
            continue
        if match.group("close"):
            parent.close_start, parent.end = match.start(), match.end()
            stack.pop()
            continue
        if "xmlns" in match.group("attrs"):
            spaces = _declared(text, match, spaces)
        element = Element(_resolve(name, spaces, default=True), match.start(), match.end(),
                          text, spaces, parent)
        parent.children.append(element)
        if match.group("empty"):
            element.close_start = element.end = match.end()
        else:
            stack.append((element, spaces))
    return next(top.elements())


def _declared(text: str, match: re.Match, spaces: dict[str, str]) -> dict[str, str]:
    """`spaces` with the namespaces the start tag `match` declares."""
    raw = _raw_attrs(text, match.start(), match.end())
    spaces = {**spaces, **{k[6:]: text[a:b] for k, (a, b) in raw.items()
                           if k.startswith("xmlns:")}}
    if "xmlns" in raw:
        spaces[""] = text[raw["xmlns"][0]:raw["xmlns"][1]]
    return spaces


def _raw_attrs(text: str, start: int, end: int) -> dict[str, tuple[int, int]]:
    attrs = {}
    for m in _ATTR.finditer(text, start, end):
        group = 2 if m.group(2) is not None else 3
        attrs[m.group(1)] = m.span(group)
    return attrs


def _resolve(name: str, spaces: dict[str, str], *, default: bool) -> str:
    prefix, colon, local = name.rpartition(":")
    if not colon:
        return f"{{{spaces[''] }}}{name}" if default and spaces.get("") else name
    return f"{{{spaces.get(prefix, prefix)}}}{local}"


@functools.lru_cache(maxsize=8)
def parts(text: str) -> tuple[tuple[str, Document], ...]:
    """Each XML part of a joined text, parsed when first needed; remembered for the few
    documents in hand (a build reads the same text for its blocks and again for each
    language's edits)."""
    return tuple((name, Document(text, a, b)) for name, a, b in split(text)
                 if not name.startswith(SUMMARY))


def summary(text: str, name: str) -> str:
    """The summary part `name` of a joined text ("" when there is none)."""
    return next((text[a:b] for n, a, b in split(text) if n == SUMMARY + name), "")


# -- paragraphs as blocks ------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Piece:
    """Text of a paragraph, `start`…`end`, under formatting `context` (equal contexts
    look the same: the markup between their texts is dropped when translated)."""

    start: int
    end: int
    context: tuple


@dataclass(frozen=True, slots=True)
class Mark:
    """Something between texts that must not be dropped: a tab (`"\\t"`), a break
    (`"\\n"`), an object (`OBJECT`) or hidden markup (`""`)."""

    shows: str


def paragraph_block(text: str, items: list, *, base: tuple, note: str, line: int,
                    context: str, collapse: bool = False) -> Block | None:
    """The block of a paragraph given as `Piece`s and `Mark`s in order.

    Between two texts of the same context with no `Mark`, the markup is dropped when the
    sentence is translated (Word's runs split for spelling marks and revision ids merge).
    Otherwise it is a placeholder: from the `base` context into another it opens a pair,
    back to `base` (or to an enclosing context) it closes it, and anything else is a lone
    placeholder. Character references become what they stand for; with `collapse`, so
    does layout whitespace (a single space), as ODF reads it.
    """
    texts = [i for i in items if isinstance(i, Piece)]
    if not any(text[p.start:p.end].strip() for p in texts):
        return None
    spans: list[Span] = []
    previous: Piece | None = None
    shows: list[str] = []
    for item in items:
        if isinstance(item, Mark):
            if previous is not None:
                shows.append(item.shows)
            continue
        if previous is not None:
            spans += _gap(previous, item, shows, base)
        found = [Span(m.start(), m.end(), "char", unescape(m.group()))
                 for m in _REF.finditer(text, item.start, item.end)]
        if collapse:
            found += [Span(m.start(), m.end(), "char", " ")
                      for m in _LAYOUT.finditer(text, item.start, item.end)]
        spans += sorted(found, key=lambda s: s.start)
        previous, shows = item, []
    return Block(texts[0].start, texts[-1].end, note, tuple(spans), context, line=line)


_LAYOUT = re.compile(r"[ \t\n\r]{2,}|[\t\n\r]")


def _gap(before: Piece, after: Piece, shows: list[str], base: tuple) -> list[Span]:
    start, end = before.end, after.start
    a, b = before.context, after.context
    spaces = "".join(shows)
    if a == b and spaces and not spaces.strip(" "):
        return [Span(start, end, "char", spaces)]  # ODF's text:s: spaces
    visible = "\n" if "\n" in shows else "\t" if "\t" in shows else \
        OBJECT if OBJECT in shows else ""
    if a == b:
        if not shows:
            return [Span(start, end, "char", "")] if end > start else []
        return [Span(start, end, "empty", visible)]
    if a == base or b[:len(a)] == a:
        return [Span(start, end, "open", visible if shows else None)]
    if b == base or a[:len(b)] == b:
        return [Span(start, end, "close", visible if shows else None)]
    return [Span(start, end, "empty", visible)]


# -- edits ---------------------------------------------------------------------------

def xml_escape(text: str) -> str:
    if XML_ILLEGAL.search(text):
        char = XML_ILLEGAL.search(text).group()
        raise L10nError(f"a translation holds the control character U+{ord(char):04X}, which "
                        f"an office document cannot hold", hint="remove it from the PO file")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr_escape(text: str) -> str:
    return xml_escape(text).replace('"', "&quot;")


def set_attr(element: Element, name: str, qname: str, value: str) -> Edit:
    """An edit giving `element` attribute `name` (written `qname` when added) `value`."""
    if name in element.attrs:
        a, b = element.attrs[name]
        return Edit(a, b, attr_escape(value))
    at = element.open_end - (2 if element.empty else 1)
    return Edit(at, at, f' {qname}="{attr_escape(value)}"')


def relinked(doc: Document, element: Element, name: str, link: Callable[[str], str]
             ) -> list[Edit]:
    """`element`'s address in its attribute `name` as `link` gives it for the target's
    edition: an edit when it moves."""
    url = doc.get(element, name)
    moved = link(url) if url is not None else None
    return [] if moved == url else [set_attr(element, name, name, moved)]


def insert_child(text: str, parent: Element, xml: str, order: dict[str, int],
                 tag: str) -> Edit:
    """An edit inserting `xml` (an element named `tag`) into `parent`, before the first
    child that the schema's sequence `order` puts after it."""
    rank = order.get(tag, len(order))
    for child in parent.elements():
        if order.get(child.tag, len(order)) > rank:
            return Edit(child.start, child.start, xml)
    if parent.empty:  # <x/> becomes <x>…</x>
        return Edit(parent.open_end - 2, parent.open_end, f">{xml}</{qname(text, parent)}>")
    return Edit(parent.close_start, parent.close_start, xml)


_QNAME = re.compile(r"<([^\s/>]+)")


def qname(text: str, element: Element) -> str:
    """The tag's name as written (with its prefix)."""
    return _QNAME.match(text, element.start).group(1)
