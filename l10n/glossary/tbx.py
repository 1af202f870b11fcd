"""TBX-Basic term bases (ISO 30042), to exchange the glossary with CAT tools.

Reads TBX v3 (`<tbx>`, DCA style `<termNote type="administrativeStatus">` and DCT style
`<min:administrativeStatus>`) and the TBX v2 `<martif>` form (`termEntry`, `langSet`,
`tig`/`ntig`) that CAT tools still export; writes either, v3 by default.

Per language, administrativeStatus maps preferredTerm-admn-sts to the preferred form,
admittedTerm-admn-sts to admitted forms, deprecatedTerm-admn-sts and
supersededTerm-admn-sts to forbidden forms (TBX-Min's usageStatus preferred, admitted,
notRecommended, obsolete likewise); termType shortForm marks the short form. A
language's first preferred term is its preferred form: more preferred terms, and terms
without a status, are admitted (the first such term is preferred when none is marked).
Regional sections (en-US, en-GB) merge into their language; other languages are left out.
Concept-level `<note>`s are the note, except two notes of ours for what TBX-Basic has no
category for: "l10n: do not translate" and "l10n: scope: phrase|phrase".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .. import safexml
from ..errors import L10nError
from ..files import Signature, read_bytes, write_atomic, write_if_unchanged
from ..safexml import localname
from . import Glossary, table
from .model import SEPARATOR, Forms, Term, clean

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OURS = "l10n: "
DNT_NOTE = OURS + "do not translate"
SCOPE_NOTE = OURS + "scope: "
_STATUS = {
    **dict.fromkeys(("preferredterm", "preferred", "standardizedterm"), "preferred"),
    **dict.fromkeys(("admittedterm", "admitted", "legalterm", "regulatedterm"), "admitted"),
    **dict.fromkeys(("deprecatedterm", "supersededterm", "deprecated", "superseded",
                     "notrecommended", "obsolete"), "forbidden"),
}
_WRITTEN = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
            "forbidden": "deprecatedTerm-admn-sts"}
_TYPED = frozenset({"termNote", "descrip", "admin"})  # DCA style: the category is @type
_NAMES = {  # element names of TBX v3 and of TBX v2
    3: {"root": "tbx", "header": "tbxHeader", "concept": "conceptEntry", "lang": "langSec",
        "term": "termSec"},
    2: {"root": "martif", "header": "martifHeader", "concept": "termEntry", "lang": "langSet",
        "term": "tig"},
}


@dataclass(frozen=True)
class TermBase:
    terms: list[Term]
    other_languages: tuple[str, ...]  # language codes left out, as written
    skipped: int  # concepts without a term in fr, en or ar


@dataclass(frozen=True)
class Imported:
    path: Path
    base: TermBase
    unchanged: bool


def parse(data: bytes, path: Path | str) -> TermBase:
    """The concepts of a TBX document, or an L10nError saying what is wrong with it."""
    root = safexml.parse(data, path, kind="TBX")
    if localname(root) not in ("tbx", "martif"):
        raise L10nError(f"not a TBX file: the root element is <{localname(root)}>",
                        path=path, line=root.sourceline)
    body = next((e for e in root.iter() if localname(e) == "body"), None)
    if body is None:
        raise L10nError("TBX file without <body>", path=path, line=root.sourceline)
    terms, others, skipped = [], set(), 0
    for entry in body:
        if localname(entry) in ("conceptEntry", "termEntry"):
            term = _concept(entry, path, others)
            if term is None:
                skipped += 1
            else:
                terms.append(term)
    return TermBase(terms, tuple(sorted(others)), skipped)


def serialize(terms: list[Term] | tuple[Term, ...], *, version: int = 3) -> bytes:
    """A TBX-Basic document (v3, or v2 `<martif>`) holding `terms`."""
    names = _NAMES[version]
    prefix = f"{{{NAMESPACE}}}" if version == 3 else ""

    def add(parent: etree._Element, name: str, text: str | None = None,
            **attributes: str) -> etree._Element:
        element = etree.SubElement(parent, prefix + name, attributes)
        element.text = text
        return element

    root = etree.Element(prefix + names["root"], {"type": "TBX-Basic", XML_LANG: "en"},
                         nsmap={None: NAMESPACE} if version == 3 else None)
    if version == 3:
        root.set("style", "dca")
    header = add(root, names["header"])
    add(add(add(header, "fileDesc"), "sourceDesc"), "p", "l10n glossary")
    if version == 2:
        add(add(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = add(add(root, "text"), "body")
    for number, term in enumerate(terms, 1):
        concept = add(body, names["concept"], id=f"c{number}")
        for note in (term.note, DNT_NOTE if term.dnt else "",
                     SCOPE_NOTE + SEPARATOR.join(term.scope) if term.scope else ""):
            if note:
                add(concept, "note", note)
        for lang in table.LANGS:
            forms = term.get(lang)
            listed = [(forms.preferred, "preferred", False), *((f, "admitted", False)
                      for f in forms.admitted), (forms.short, "admitted", True),
                      *((f, "forbidden", False) for f in forms.forbidden)]
            listed = [item for item in listed if item[0]]
            if not listed:
                continue
            section = add(concept, names["lang"], **{XML_LANG: lang})
            for text, status, short in listed:
                entry = add(section, names["term"])
                add(entry, "term", text)
                if short:
                    add(entry, "termNote", "shortForm", type="termType")
                add(entry, "termNote", _WRITTEN[status], type="administrativeStatus")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                          doctype='<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
                          if version == 2 else None)


def import_file(dest: Path, source: Path, *, replace: bool) -> Imported:
    """Write the concepts of `source` as the glossary `dest` (a workspace's glossary.csv);
    an existing glossary with other terms is only overwritten when `replace` says so."""
    base = parse(read_bytes(source), source)
    if not base.terms:
        raise L10nError("no concept has a term in fr, en or ar", path=source)
    before = Signature.of(dest)
    if before is not None:
        try:
            same = Glossary.load(dest) == Glossary(base.terms)
        except L10nError:
            same = False
        if same:
            return Imported(dest, base, unchanged=True)
        if not replace:
            raise L10nError(f"{dest.name} already holds other terms", path=source,
                            hint="add --replace to overwrite it with this file's terms "
                                 "(git keeps the old ones)")
    if not write_if_unchanged(dest, table.write(base.terms).encode("utf-8"), expected=before):
        raise L10nError("changed by someone else during the import; nothing written",
                        path=dest, hint="run the import again")
    return Imported(dest, base, unchanged=False)


def export_file(glossary_path: Path, dest: Path, *, version: int = 3) -> int:
    """Write the glossary at `glossary_path` as TBX-Basic; returns how many concepts."""
    if not glossary_path.is_file():
        raise L10nError(f"no {glossary_path.name} in the workspace",
                        hint=f"create {glossary_path.name} (header: fr,en,ar,note,dnt) or "
                             "import a term base: l10n glossary import FILE.tbx")
    glossary = Glossary.load(glossary_path)
    write_atomic(dest, serialize(glossary.terms, version=version))
    return len(glossary.terms)


def _concept(entry: etree._Element, path: Path | str, others: set[str]) -> Term | None:
    notes, definitions, scope, dnt = [], [], (), False
    found: dict[str, list[tuple[str, str | None, bool]]] = {}
    for child in entry:
        if localname(child) == "note":
            text = clean("".join(child.itertext()))
            if text == DNT_NOTE:
                dnt = True
            elif text.startswith(SCOPE_NOTE):
                scope = tuple(dict.fromkeys(p for p in map(clean, text[len(SCOPE_NOTE):]
                                                           .split(SEPARATOR)) if p))
            elif text:
                notes.append(text)
        elif _category(child) == "definition":
            definitions.append(clean("".join(child.itertext())))
        elif localname(child) in ("langSec", "langSet"):
            code = child.get(XML_LANG) or child.get("lang")
            if not code:
                raise L10nError(f"<{localname(child)}> without xml:lang", path=path,
                                line=child.sourceline)
            lang = code.replace("_", "-").split("-")[0].lower()
            if lang not in table.LANGS:
                others.add(code)
                continue
            for part in child:
                if localname(part) in ("termSec", "tig", "ntig"):
                    found.setdefault(lang, []).append(_term(part, path))
                elif _category(part) == "definition" or localname(part) == "descripGrp":
                    definitions += [clean("".join(d.itertext())) for d in part.iter()
                                    if _category(d) == "definition"]
    forms = {lang: _forms(listed) for lang, listed in found.items()}
    if not forms:
        return None
    note = "; ".join(notes) or next((d for d in definitions if d), "")
    term = Term(forms, note, dnt, scope, entry.sourceline or 0)
    problem = term.problem()
    if problem:
        raise L10nError(problem, path=path, line=entry.sourceline)
    return term


def _term(section: etree._Element, path: Path | str) -> tuple[str, str | None, bool]:
    """One term of a language section: its text, status, and whether it is a short form."""
    element = next((e for e in section.iter() if localname(e) == "term"), None)
    text = clean("".join(element.itertext())) if element is not None else ""
    if not text:
        raise L10nError(f"<{localname(section)}> without a term", path=path,
                        line=section.sourceline)
    status, short = None, False
    for element in section.iter():
        category = _category(element)
        if category in ("administrativeStatus", "usageStatus", "normativeAuthorization"):
            value = clean(element.text or "")
            status = _STATUS.get(value.removesuffix("-admn-sts").lower())
            if status is None:
                raise L10nError(f"unknown {category} {value!r}", path=path,
                                line=element.sourceline,
                                hint="TBX-Basic has preferredTerm-admn-sts, admittedTerm-"
                                     "admn-sts, deprecatedTerm-admn-sts, supersededTerm-admn-sts")
        elif category == "termType":
            short = clean(element.text or "") == "shortForm"
    return text, status, short


def _forms(listed: list[tuple[str, str | None, bool]]) -> Forms:
    forbidden = [text for text, status, _ in listed if status == "forbidden"]
    usable = [(text, status, short) for text, status, short in listed if status != "forbidden"]
    shorts = [text for text, _, short in usable if short]
    full = [text for text, _, short in usable if not short]
    marked = [text for text, status, short in usable if status == "preferred" and not short]
    preferred = (marked or full or shorts or [""])[0]
    short = next((s for s in shorts if s != preferred), "")
    admitted = [t for t in (*full, *shorts) if t not in (preferred, short)]
    return Forms(preferred, tuple(dict.fromkeys(admitted)), short,
                 tuple(dict.fromkeys(forbidden)))


def _category(element: etree._Element) -> str:
    """The data category of an element: its type (DCA style) or its name (DCT style)."""
    name = localname(element)
    if name in _TYPED:
        return element.get("type") or ""
    namespace = etree.QName(element).namespace if name else None
    return name if namespace not in (None, NAMESPACE) else ""
