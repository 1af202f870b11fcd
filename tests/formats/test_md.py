"""Markdown: units, what stays untouched, placeholders a translator can move, Arabic output."""

from __future__ import annotations

from l10n.formats import md
from l10n.formats import units as document
from l10n.segmentation import Segmenter

TEXT = """---
title: Visite officielle
lang: fr
---
# La CIMCT reçoit le *vice-ministre*

Le Secrétaire général a reçu la délégation au [siège](https://imctc.org "Site de la CIMCT")
à Riyad. Lancez `l10n update` \\* ![Photo du siège](a.png).

> Une citation **importante**.

- Premier point
- Second point

| Pays | Rôle |
|------|------|
| Malaisie | membre \\| actif |

```
Rien ici.
```

    Ni ici.

<!-- Pas ce commentaire -->
"""


def units_of(text: str) -> list[document.Unit]:
    return document.extract(text, md, Segmenter.for_language("fr"))


def test_units_and_notes():
    assert [(u.note, u.msgid, u.line) for u in units_of(TEXT)] == [
        ("heading", "La CIMCT reçoit le <1>vice-ministre</1>", 5),
        ("paragraph", "Le Secrétaire général a reçu la délégation au <1>siège</1> à Riyad.", 7),
        ("link title", "Site de la CIMCT", 7),
        ("paragraph", "Lancez <1/> * <2/>.", 8),
        ("image description (alt)", "Photo du siège", 8),
        ("quotation", "Une citation <1>importante</1>.", 10),
        ("list item", "Premier point", 12),
        ("list item", "Second point", 13),
        ("table cell", "Pays", 15),
        ("table cell", "Rôle", 15),
        ("table cell", "Malaisie", 17),
        ("table cell", "membre | actif", 17),
    ]


def test_translations_land_in_place_and_code_front_matter_comments_stay():
    translations = {
        "Le Secrétaire général a reçu la délégation au <1>siège</1> à Riyad.":
            "At the <1>headquarters</1> in Riyadh, the Secretary-General received the delegation.",
        "Site de la CIMCT": 'The "IMCTC" website',
        "Lancez <1/> * <2/>.": "<2/> Run <1/> *.",
        "Photo du siège": "The [main] building",
        "membre | actif": "active | member",
    }
    out = document.render(TEXT, units_of(TEXT), lambda u: translations.get(u.msgid), fmt=md,
                          source="fr", target="en")
    assert ('At the [headquarters](https://imctc.org "The \\"IMCTC\\" website") in Riyadh, '
            "the Secretary-General received the delegation. "
            "![The \\[main\\] building](a.png) Run `l10n update` \\*.\n") in out
    assert "| Malaisie | active \\| member |" in out
    assert out.startswith("---\ntitle: Visite officielle\nlang: en\n---\n")
    for kept in ("```\nRien ici.\n```", "    Ni ici.", "<!-- Pas ce commentaire -->"):
        assert kept in out


def test_arabic_isolates_left_to_right_runs_with_unicode_isolates():
    out = document.render(TEXT, units_of(TEXT), lambda u: {
        "Premier point": "زوروا www.imctc.org (IMCTC)"}.get(u.msgid), fmt=md, source="fr",
        target="ar")
    assert "- زوروا \u2066www.imctc.org\u2069 \\(\u2066IMCTC\u2069\\)\n" not in out
    assert "- زوروا \u2066www.imctc.org\u2069 (\u2066IMCTC\u2069)\n" in out
    assert "lang: ar\n" in out


def test_crlf_source_keeps_crlf_and_wrapped_lines_become_one_msgid():
    text = "Une phrase\r\ncoupée en deux.\r\n\r\n* Un *point*\r\n"
    units = units_of(text)
    assert [u.msgid for u in units] == ["Une phrase coupée en deux.", "Un <1>point</1>"]
    out = document.render(text, units, lambda u: {"Un <1>point</1>": "A <1>point</1>\nhere"}
                          .get(u.msgid), fmt=md, source="fr", target="en")
    assert out == "Une phrase\r\ncoupée en deux.\r\n\r\n* A *point*\r\nhere\r\n"
