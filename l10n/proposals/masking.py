"""What machine translation must not touch, hidden behind numbered masks and put back after.

Placeholders and inline markup, URLs, e-mail addresses, numbers and glossary terms become
`⟦0⟧`, `⟦1⟧`…, which a model copies; unmasking restores each one, a glossary term in its
approved target form. Whitespace the models would collapse is kept too: the outer
whitespace stays outside the model, inner runs (line breaks, tabs, several spaces) are
masked. Unmasking says what went missing, came twice or was invented.

>>> m = mask("Bienvenue, %(name)s : 12 invités.", source="fr", target="en")
>>> m.text
'Bienvenue, ⟦0⟧ : ⟦1⟧ invités.'
>>> unmask("Welcome, ⟦0⟧: ⟦1⟧ guests.", m)
('Welcome, %(name)s: 12 guests.', [])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import patterns
from ..formats import placeholders
from ..glossary import Glossary

MASK = "⟦{}⟧"
MASK_PATTERN = re.compile(r"⟦\s*(\d+)\s*⟧")

# In order of precedence when two kinds of span start at the same place.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("placeholder", re.compile("|".join([
        placeholders.PATTERN.pattern,                               # <1>…</1>, <2/>: l10n's own
        r"⟦\s*\d+\s*⟧",                                            # our own masks, if present
        patterns.PRINTF,                                            # %s, %(name)s
        patterns.BRACE,                                             # {name}, {0}, {{name}}
        r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>",                    # inline markup
        r"&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]\w*);",                  # character entities
    ]))),
    ("url", patterns.URL),
    ("email", patterns.EMAIL),
    # A token holding a digit, kept whole: 2021, 3,14, 1 000 (narrow spaces), 10h30,
    # 1er, G20, COVID-19.
    ("number", re.compile(r"(?<!\w)(?:[^\W\d_]+-?)?\d(?:\w|[.,:/\u00a0\u202f\u2009-](?=\d))*")),
    ("space", re.compile(r"\s{2,}|[\t\n\r\f\v]\s*")),
)


@dataclass(frozen=True)
class Slot:
    """One masked span: what the source had, and what goes back in the translation."""

    kind: str  # placeholder, url, email, number, term or space
    original: str
    restore: str


@dataclass(frozen=True)
class Masked:
    text: str
    slots: tuple[Slot, ...]


def split_outer(text: str) -> tuple[str, str, str]:
    """Leading whitespace, the text, trailing whitespace.

    >>> split_outer("  Bonjour.\\n")
    ('  ', 'Bonjour.', '\\n')
    """
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core):]


def mask(text: str, *, source: str, target: str, glossary: Glossary | None = None) -> Masked:
    """`text` (without outer whitespace) with every protected span replaced by a mask."""
    candidates: list[tuple[int, int, int, Slot]] = []
    for rank, (kind, pattern) in enumerate(_KINDS):
        for match in pattern.finditer(text):
            value = match.group()
            candidates.append((match.start(), -len(value), rank, Slot(kind, value, value)))
    if glossary is not None:
        for found in glossary.occurrences(text, source):
            value = text[found.start:found.end]
            restore = value if found.term.dnt else found.term.form(target)
            if restore:
                candidates.append((found.start, found.start - found.end, -1,
                                   Slot("term", value, restore)))
    out, slots, pos = [], [], 0
    for start, negative_length, _, slot in sorted(candidates, key=lambda c: c[:3]):
        if start < pos:
            continue
        out.append(text[pos:start])
        token = MASK.format(len(slots))
        out.append(f" {token} " if slot.kind == "space" else token)
        slots.append(slot)
        pos = start - negative_length
    out.append(text[pos:])
    return Masked("".join(out), tuple(slots))


def unmask(text: str, masked: Masked) -> tuple[str, list[str]]:
    """The model's output with every mask restored, and the problems seen on the way.

    A whitespace mask takes the spaces the model put around it; other masks keep them.
    """
    problems: list[str] = []
    seen: set[int] = set()

    def restore(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index >= len(masked.slots):
            problems.append(f"invented placeholder {MASK.format(index)}")
            return match.group()
        slot = masked.slots[index]
        if index in seen:
            problems.append(f"repeated {_describe(slot)}")
        seen.add(index)
        return slot.restore

    spaces = [str(i) for i, slot in enumerate(masked.slots) if slot.kind == "space"]
    if spaces:
        text = re.sub(rf" *⟦\s*({'|'.join(spaces)})\s*⟧ *", restore, text)
    restored = MASK_PATTERN.sub(restore, text)
    problems += [f"lost {_describe(slot)}" for index, slot in enumerate(masked.slots)
                 if index not in seen]
    return restored, problems


def _describe(slot: Slot) -> str:
    if slot.kind == "space":
        return "line break" if "\n" in slot.original else "whitespace"
    return f"{slot.kind} {slot.original}"
