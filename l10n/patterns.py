"""Spans of text that must come through translation unchanged: printf and brace
placeholders, URLs and e-mail addresses. QA checks they are kept; MT masks them. One
definition, so both agree on what a placeholder or a link is.

>>> [m.group() for m in PLACEHOLDER.finditer("%s, %(name)s, %1$d, {0}, {name!r:>4}, 100%%")]
['%s', '%(name)s', '%1$d', '{0}', '{name!r:>4}', '%%']
>>> URL.search("Voir https://imctc.org/fr/news, ou www.x.org.").group()
'https://imctc.org/fr/news'
"""

from __future__ import annotations

import re

PRINTF = r"%(?:\d+\$)?(?:\([^()\s]+\))?[-+#0]*\d*(?:\.\d+)?[sdifuxXoeEgGcr%]"
BRACE = r"\{\{?[\w.\-]*(?:[!:][^{}]*)?\}\}?"
PLACEHOLDER = re.compile(f"{PRINTF}|{BRACE}")
URL = re.compile(r"\b(?:(?:https?|ftp)://|www\.)[^\s<>«»\"]*[^\s<>«»\".,;:!?؟،)\]}'’]")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
