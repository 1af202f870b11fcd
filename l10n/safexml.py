"""Reading XML files from elsewhere (TMX, TBX) without the parser's dangerous features.

No entity expansion, no network, no DTD loading, and any DOCTYPE that declares entities
(XXE, "billion laughs") is refused before the parser sees it. A DOCTYPE that only names
its DTD, as TMX and TBX v2 exporters write, is fine.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from .errors import L10nError

_PROLOG_PART = re.compile(r"<!--.*?-->|<\?.*?\?>|<!DOCTYPE|<[^?!]", re.DOTALL)


def parse(data: bytes, path: Path | str, *, kind: str) -> etree._Element:
    """The root element of `data`, a `kind` file ("TMX", "TBX"), or an L10nError."""
    _refuse_entities(data, path, kind)
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
        raise _entity_error(path, kind)
    return root


def localname(element: etree._Element) -> str:
    """The element's name without namespace; "" for what is not an element."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _refuse_entities(data: bytes, path: Path | str, kind: str) -> None:
    """Refuse entity declarations before parsing: the parser must never expand them."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16", "replace")
    elif data[:2] in (b"<\x00", b"\x00<"):
        text = data.decode("utf-16-le" if data[0] == 0x3C else "utf-16-be", "replace")
    else:  # UTF-8 and the other encodings these files use are ASCII-compatible
        text = data.decode("latin-1")
    prolog = text
    for part in _PROLOG_PART.finditer(text):  # up to the root element, comments skipped
        if not part.group().startswith(("<!", "<?")):
            prolog = text[:part.start()]
            break
    if "<!DOCTYPE" in prolog and "<!ENTITY" in prolog:
        raise _entity_error(path, kind)


def _entity_error(path: Path | str, kind: str) -> L10nError:
    return L10nError("refused: the DOCTYPE declares entities (an XXE or \"billion laughs\" "
                     "payload is possible)", path=path,
                     hint=f"a {kind} file needs no entity declarations; remove the [...] "
                          "part of its <!DOCTYPE>")
