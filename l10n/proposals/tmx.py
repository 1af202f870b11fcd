"""TMX 1.4b (and 1.1) translation memories: a safe reader and a writer.

Reading uses lxml with no entity expansion, no network and no DTD loading, and refuses
any DOCTYPE that declares entities (XXE, "billion laughs") before the parser sees it.
Inline codes are flattened to the text a translator reads: the codes themselves
(`bpt`, `ept`, `it`, `ph`, `ut`, with any `sub` inside) are dropped, highlighted text
(`hi`) is kept. Whitespace inside `<seg>` is kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import L10nError
from ..files import read_bytes
from ..languages import quote

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODES = frozenset({"bpt", "ept", "it", "ph", "ut"})
_PROLOG_PART = re.compile(r"<!--.*?-->|<\?.*?\?>|<!DOCTYPE|<[^?!]", re.DOTALL)
_XML_CHARS = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Unit:
    """One `<tu>`: its variants as (language code as written, text), in file order."""

    variants: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Tmx:
    srclang: str
    units: tuple[Unit, ...]


def read(path: Path) -> Tmx:
    return parse(read_bytes(path), path)


def parse(data: bytes, path: Path | str,
          progress: Callable[[str, int, int], None] | None = None) -> Tmx:
    """The units of a TMX document, or an L10nError saying what is wrong with it.
    `progress` hears ("units", done, total) while they are read (lxml's parse is fast;
    the reading of units takes the time)."""
    _refuse_entities(data, path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        reason = re.sub(r", line \d+, column \d+$", "", (exc.msg or "").split("\n")[0])
        raise L10nError(f"not well-formed XML: {reason}", path=path,
                        line=exc.lineno or None) from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise _entity_error(path)
    if etree.QName(root).localname != "tmx":
        raise L10nError(f"not a TMX file: the root element is <{etree.QName(root).localname}>",
                        path=path, line=root.sourceline)
    header = _child(root, "header")
    body = _child(root, "body")
    if body is None:
        raise L10nError("TMX file without <body>", path=path, line=root.sourceline)
    units = []
    for done, tu in enumerate(body, 1):
        if progress and done % 1000 == 0:
            progress("units", done, len(body))
        if etree.QName(tu).localname != "tu":
            continue
        variants = []
        for tuv in tu:
            if etree.QName(tuv).localname != "tuv":
                continue
            lang = tuv.get(XML_LANG) or tuv.get("lang")
            seg = _child(tuv, "seg")
            if not lang:
                raise L10nError("<tuv> without xml:lang", path=path, line=tuv.sourceline)
            if seg is not None:
                variants.append((lang, _flatten(seg)))
        units.append(Unit(tuple(variants)))
    srclang = header.get("srclang", "") if header is not None else ""
    return Tmx(srclang, tuple(units))


def _child(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname == name:
            return child
    return None


def _flatten(element: etree._Element) -> str:
    """The text of a `<seg>` or `<hi>`, without inline codes."""
    parts = [element.text or ""]
    for child in element:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if name not in _CODES and name != "sub":
            parts.append(_flatten(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _refuse_entities(data: bytes, path: Path | str) -> None:
    """Refuse entity declarations before parsing: the parser must never expand them."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16", "replace")
    elif data[:2] in (b"<\x00", b"\x00<"):
        text = data.decode("utf-16-le" if data[0] == 0x3C else "utf-16-be", "replace")
    else:  # UTF-8 and the other encodings TMX files use are ASCII-compatible
        text = data.decode("latin-1")
    prolog = text
    for part in _PROLOG_PART.finditer(text):  # up to the root element, comments skipped
        if not part.group().startswith(("<!", "<?")):
            prolog = text[:part.start()]
            break
    if "<!DOCTYPE" in prolog and "<!ENTITY" in prolog:
        raise _entity_error(path)


def _entity_error(path: Path | str) -> L10nError:
    return L10nError("refused: the DOCTYPE declares entities (an XXE or \"billion laughs\" "
                     "payload is possible)", path=path,
                     hint="a TMX file needs no entity declarations; remove the [...] part "
                          "of its <!DOCTYPE>")


def serialize(pairs: list[tuple[str, str]], *, source_lang: str, target_lang: str,
              tool_version: str) -> bytes:
    """A TMX 1.4b document holding `pairs` (source, target), every required header attribute."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "l10n", "creationtoolversion": tool_version, "segtype": "sentence",
        "o-tmf": "l10n", "adminlang": "en", "srclang": source_lang, "datatype": "plaintext",
    })
    body = etree.SubElement(root, "body")
    for source, target in pairs:
        tu = etree.SubElement(body, "tu")
        for lang, text in ((source_lang, source), (target_lang, target)):
            bad = _XML_CHARS.search(text)
            if bad:
                raise L10nError(f"cannot write U+{ord(bad.group()):04X} to XML, found in "
                                f"{quote(text, lang)}", hint="remove the control character")
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                          doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
