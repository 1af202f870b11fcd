"""The same pages of a site in each language, by address prefix (`[[links.sites]]` in
l10n.toml), so that an edition links to the pages of its own language.

A build points each link of the source's markup (an HTML `href`, a Markdown link, a Word
or OpenDocument hyperlink) at the target language's page: translators never see those
addresses, which rendering copies from the source. An address a translator typed is
theirs: QA warns when it still points at the source language's pages.

>>> links = Links.of([{"fr": "https://www.imctc.org/fr", "en": "https://www.imctc.org/en/"}])
>>> links.localize("https://www.imctc.org/fr/programmes?p=2", source="fr", target="en")
'https://www.imctc.org/en/programmes?p=2'
>>> links.localize("https://www.imctc.org/fraternite", source="fr", target="en")
'https://www.imctc.org/fraternite'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Site:
    """One site's prefixes, per language (no trailing slash)."""

    prefixes: tuple[tuple[str, str], ...]  # (language, prefix), as written in l10n.toml

    def prefix(self, lang: str) -> str | None:
        return dict(self.prefixes).get(lang)


@dataclass(frozen=True)
class Links:
    sites: tuple[Site, ...] = ()

    @classmethod
    def of(cls, sites: Iterable[Mapping[str, str]]) -> Links:
        return cls(tuple(Site(tuple((lang, prefix.rstrip("/")) for lang, prefix in site.items()))
                         for site in sites))

    def pages(self, url: str) -> tuple[str, Site, str] | None:
        """(language, site, prefix) of the pages `url` is one of, by the longest prefix
        it starts with at a boundary (`/fr` holds `/fr/a`, `/fr?x`, not `/fraternite`)."""
        best = None
        for site in self.sites:
            for lang, prefix in site.prefixes:
                if url.startswith(prefix) and url[len(prefix):len(prefix) + 1] in ("", "/", "?",
                                                                                    "#"):
                    if best is None or len(prefix) > len(best[2]):
                        best = (lang, site, prefix)
        return best

    def localize(self, url: str, *, source: str, target: str) -> str:
        """`url` moved from the source language's pages to the target's; unchanged when
        it is not a page of the source language or the site has no `target` pages."""
        found = self.pages(url)
        if found is None or found[0] != source:
            return url
        lang, site, prefix = found
        wanted = site.prefix(target)
        return url if wanted is None else wanted + url[len(prefix):]

    def mapper(self, source: str, target: str):
        """`localize` for one pair of languages, as formats take it (None: no rules)."""
        if not self.sites or source == target:
            return None
        return lambda url: self.localize(url, source=source, target=target)
