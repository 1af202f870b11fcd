"""The placeholders that stand for inline markup in a msgid: `<1>…</1>` around text, `<2/>` alone.

Why this syntax: it is the one translators meet in i18next and Lingui catalogs, so it is
read as markup at a glance; it is short (3 to 5 characters); `<` and `>` are never typed
in French, English or Arabic prose, and a name starting with a digit is not a valid HTML
or XML tag, so a placeholder cannot be confused with real markup or with text (a source
character that would read as one is itself turned into a placeholder by `document`). In an
Arabic msgstr `<` and `>` are mirrored like brackets, so `<1>…</1>` still reads as a pair
right to left. Only ASCII digits count: `<١>` is text, and QA reports the placeholder
as missing.

Rendering looks each placeholder up by its exact text, so a translator may move a pair or
a lone placeholder anywhere in the sentence; QA (`problems`) wants the same set, each once,
well nested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PATTERN = re.compile(r"<(?:([1-9][0-9]*)(/?)|/([1-9][0-9]*))>")
SPLIT = re.compile(r"(<(?:[1-9][0-9]*/?|/[1-9][0-9]*)>)")


def find(text: str) -> list[str]:
    """The placeholders of `text`, in order.

    >>> find("Le <1>site</1> et <2/>, <b>")
    ['<1>', '</1>', '<2/>']
    """
    return [m.group() for m in PATTERN.finditer(text)]


def split(text: str) -> list[str]:
    """`text` cut into text and placeholders: placeholders at odd indexes.

    >>> split("a <1>b</1>")
    ['a ', '<1>', 'b', '</1>', '']
    """
    return SPLIT.split(text)


@dataclass(frozen=True)
class Problem:
    """What is wrong with a translation's placeholders.

    `kind` is "missing", "unknown", "repeated" or "unbalanced"; rendering refuses only
    those `UNRENDERABLE` (it cannot build markup from them), QA reports all.
    """

    kind: str
    placeholder: str
    message: str


UNRENDERABLE = ("unknown", "unbalanced")


def problems(translation: str, source: str) -> list[Problem]:
    """How the placeholders of `translation` differ from those of `source`.

    Missing placeholders come first, then the others in the order they appear.

    >>> [p.message for p in problems("<1>a</2> <3/>", "<1>a</1> <2>b</2>")]
    ['</1> is missing', '<2> is missing', '</2> closes nothing', '<3/> is not in the source', \
'<1> is not closed']
    """
    expected = find(source)
    found = set(find(translation))
    result = [Problem("missing", p, f"{p} is missing") for p in expected if p not in found]
    seen: set[str] = set()
    stack: list[str] = []
    for match in PATTERN.finditer(translation):
        token = match.group()
        if token not in expected:
            result.append(Problem("unknown", token, f"{token} is not in the source"))
            continue
        if token in seen:
            result.append(Problem("repeated", token, f"{token} appears more than once"))
        seen.add(token)
        opening, empty, closing = match.groups()
        if opening and not empty:
            stack.append(opening)
        elif closing:
            if closing not in stack:
                result.append(Problem("unbalanced", token, f"{token} closes nothing"))
                continue
            if stack[-1] != closing:
                result.append(Problem("unbalanced", token, f"{token} closes <{stack[-1]}>"))
            del stack[len(stack) - 1 - stack[::-1].index(closing):]
    result += [Problem("unbalanced", f"<{n}>", f"<{n}> is not closed") for n in stack]
    return result


def unrenderable(translation: str, source: str) -> list[Problem]:
    """The problems of `translation` that rendering refuses: a placeholder not in the
    source, a pair not well nested (the markup cannot be built from them)."""
    return [p for p in problems(translation, source) if p.kind in UNRENDERABLE]
