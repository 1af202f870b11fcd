"""Finished documents: a source with the translations the gate lets through spliced in."""

from __future__ import annotations

from . import formats
from .errors import L10nError
from .formats.units import Unrenderable, render
from .gate import Key, Readiness
from .links import Links
from .workspace.sources import Source


def assemble(source: Source, target: str, translations: dict[Key, str], *,
             po: str | None = None, lines: dict[Key, int] | None = None,
             links: Links = Links()) -> bytes:
    """The source's document in `target`: each unit replaced by its translation, the
    source's own text kept for the units `translations` lacks, the layout and markup as
    they were (links to the source language's pages of a site in `links` moved to the
    target's), written in the source's format. A translation it cannot be written with is
    refused naming the PO file and, from `lines`, its entry's line."""
    doc = source.doc
    fmt = formats.for_path(doc.source)
    try:
        text = render(source.text, source.units,
                      lambda unit: translations.get((None, unit.msgid)),
                      fmt=fmt, source=doc.lang, target=target,
                      link=links.mapper(doc.lang, target))
        return fmt.encode(text, source.original)
    except Unrenderable as exc:
        raise L10nError(exc.message, path=po, line=(lines or {}).get((None, exc.msgid)),
                        hint=exc.hint) from None
    except L10nError as exc:
        raise L10nError(exc.message, path=po, hint=exc.hint) from None


def publication(item: Readiness, *, partial: bool) -> dict[Key, str] | None:
    """What goes into the edition: every publishable translation when the document is
    ready (or when a partial edition is asked for); None when it may not be built."""
    return item.publishable() if item.ready or partial else None
