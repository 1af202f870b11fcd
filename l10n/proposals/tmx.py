"""TMX 1.4b (and 1.1) translation memories: a safe reader and a writer.

Reading goes through `safexml`: no entity expansion, no network, no DTD loading, and a
DOCTYPE that declares entities is refused.
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

from .. import safexml
from ..errors import L10nError
from ..files import read_bytes
from ..languages import quote

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODES = frozenset({"bpt", "ept", "it", "ph", "ut"})
_XML_CHARS = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Unit:
    """One `<tu>`: its variants as (language code as written, text), in file order, its
    `<prop>`s as (type, text) and its `<note>`."""

    variants: tuple[tuple[str, str], ...]
    props: tuple[tuple[str, str], ...] = ()
    note: str = ""


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
    root = safexml.parse(data, path, kind="TMX")
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
        variants, props = [], []
        for tuv in tu:
            if isinstance(tuv.tag, str) and etree.QName(tuv).localname == "prop":
                props.append((tuv.get("type", ""), tuv.text or ""))
            if etree.QName(tuv).localname != "tuv":
                continue
            lang = tuv.get(XML_LANG) or tuv.get("lang")
            seg = _child(tuv, "seg")
            if not lang:
                raise L10nError("<tuv> without xml:lang", path=path, line=tuv.sourceline)
            if seg is not None:
                variants.append((lang, _flatten(seg)))
        units.append(Unit(tuple(variants), tuple(props)))
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


def serialize(pairs: list[tuple[str, str]], *, source_lang: str, target_lang: str,
              tool_version: str) -> bytes:
    """A TMX 1.4b document holding `pairs` (source, target), every required header attribute."""
    return serialize_units([Unit(((source_lang, s), (target_lang, t))) for s, t in pairs],
                           source_lang=source_lang, tool_version=tool_version)


def serialize_units(units: list[Unit], *, source_lang: str, tool_version: str) -> bytes:
    """A TMX 1.4b document holding `units`, with their notes and props."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "l10n", "creationtoolversion": tool_version, "segtype": "sentence",
        "o-tmf": "l10n", "adminlang": "en", "srclang": source_lang, "datatype": "plaintext",
    })
    body = etree.SubElement(root, "body")
    for unit in units:
        tu = etree.SubElement(body, "tu")
        if unit.note:
            etree.SubElement(tu, "note").text = _xml_text(unit.note)
        for kind, value in unit.props:
            etree.SubElement(tu, "prop", type=kind).text = _xml_text(value)
        for lang, text in unit.variants:
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = _xml_text(text, lang)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                          doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">')


def _xml_text(text: str, lang: str = "") -> str:
    bad = _XML_CHARS.search(text)
    if bad:
        raise L10nError(f"cannot write U+{ord(bad.group()):04X} to XML, found in "
                        f"{quote(text, lang)}", hint="remove the control character")
    return text
