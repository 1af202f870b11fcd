"""Left-to-right runs inside right-to-left text, which formats isolate so they render in order.

What renders wrongly in Arabic is a Latin or number run next to neutral characters: the
brackets of "(IMCTC)" at the end of a sentence, the groups of "+966 11 234 5678", the
dots and slashes of a URL or an e-mail. Isolating the run makes it one neutral object
inside the Arabic sentence. A plain number or date ("2021", "11/10/2021") renders right
on its own and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

LRI, PDI = "\u2066", "\u2069"

_LATIN = "A-Za-z\u00c0-\u024f"
_RUN = re.compile(rf"[{_LATIN}0-9+][{_LATIN}0-9 .,:/@+\-_%&#?=~'’]*[{_LATIN}0-9]|[{_LATIN}]")
_LETTER = re.compile(rf"[{_LATIN}]")
_PHONE = re.compile(r"\+?[0-9][0-9 ]*[0-9]")


def ltr_runs(text: str) -> list[tuple[int, int]]:
    """Spans of the runs to isolate.

    >>> t = "زار التحالف (IMCTC) www.imctc.org في 11/10/2021، +966 11 234 5678"
    >>> [t[a:b] for a, b in ltr_runs(t)]
    ['IMCTC', 'www.imctc.org', '+966 11 234 5678']
    """
    result = []
    for match in _RUN.finditer(text):
        run = match.group()
        if _LETTER.search(run) or (_PHONE.fullmatch(run) and (" " in run or run[0] == "+")):
            result.append(match.span())
    return result


def isolate(text: str, escape: Callable[[str], str], before: str = LRI,
            after: str = PDI) -> str:
    """`text` escaped, each left-to-right run wrapped in `before`…`after`."""
    out = []
    pos = 0
    for start, end in ltr_runs(text):
        out += [escape(text[pos:start]), before, escape(text[start:end]), after]
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)
