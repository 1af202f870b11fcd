"""Where gettext's msgcat breaks a long PO string: the Unicode line breaking algorithm
(UAX #14) as libunistring 1.0 implements it, with its column widths.

msgcat (write-po.c) hands each escaped string to libunistring's `ulc_width_linebreaks`.
This module gives the same answer, so that a PO file written here in a wrapped style is
byte-identical to what msgcat, and so Poedit, writes. Line-break classes come from the
`regex` module's Unicode data, tailored as libunistring tailors them; widths from Python's
`unicodedata` (the same Unicode version as libunistring 1.0 on Python 3.11).
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import regex

# The classes of UAX #14 table 7.3, in libunistring's order: OP, CP and ID are split
# (East Asian width, Extended_Pictographic) as libunistring does.
_PAIR_CLASSES = ("WJ GL B2 BA BB HY CL CP1 CP2 EX IN NS OP1 OP2 QU IS NU PO PR SY AL H2 H3 "
                 "ID1 ID2 JL JV JT HL RI ZWJ EB EM").split()
# Break between a character of class <row> and one of class <column>: D directly, I only
# with spaces between them, P never.
_PAIRS = (
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # WJ
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # GL
    "PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # B2
    "PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # BA
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # BB
    "PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # HY
    "PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDD",  # CL
    "PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD",  # CP1
    "PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDD",  # CP2
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # EX
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # IN
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # NS
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP1
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP2
    "PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII",  # QU
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # IS
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # NU
    "PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD",  # PO
    "PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII",  # PR
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD",  # SY
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # AL
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",  # H2
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",  # H3
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # ID1
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",  # ID2
    "PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD",  # JL
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",  # JV
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",  # JT
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",  # HL
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # RI
    "PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIII",  # ZWJ
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",  # EB
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # EM
)
_PAIR = {(before, after): rule for before, row in zip(_PAIR_CLASSES, _PAIRS)
         for after, rule in zip(_PAIR_CLASSES, row)}
# classes handled outside the pair table
_BK, _SP, _ZW, _CM = "BK", "SP", "ZW", "CM"
_RESOLVED = {"AI": "AL", "CB": "ID1", "SA": "AL", "XX": "AL", "SG": "AL", "CJ": "NS",
             "NL": "BK", "CR": "BK", "LF": "BK",
             # classes newer than libunistring 1.0 (Unicode 15.1, 16), as they were before
             "AK": "AL", "AP": "AL", "AS": "AL", "VF": "CM", "VI": "CM", "HH": "BA"}
# the Unicode data's classes (of the `regex` module's Unicode version)
_LB_NAMES = ("WJ GL B2 BA BB HY CL EX IN NS QU IS NU PO PR SY AL H2 H3 JL JV JT HL RI ZWJ EB EM "
             "OP CP ID BK SP ZW CM").split() + list(_RESOLVED)
_LB = regex.compile("|".join(f"(?P<{name}>\\p{{lb={name}}})" for name in _LB_NAMES))


def _spans(table: str) -> tuple[tuple[int, int, str], ...]:
    """`0600-0605:AL 06DD:AL` as (first, last, class) code point spans."""
    spans = []
    for item in table.split():
        span, _, name = item.partition(":")
        first, _, last = span.partition("-")
        spans.append((int(first, 16), int(last or first, 16), name))
    return tuple(spans)


# Characters whose class changed after Unicode 14.0, with the class libunistring 1.0 gives
_UNICODE_14 = _spans("""
    00B7:AL 0387:AL 034F:GL 0600-0605:AL 06DD:AL 0890-0891:AL 08E2:AL 19DA:AL 1B50-1B59:NU
    1B5C:AL 1B61-1B6A:AL 1B74-1B7C:AL 1DCD:CM 1DFC:CM 2057:AL 2800:AL 2E56:CL 2E58:CL 2E5A:CL
    2E5C:CL A9C1-A9C6:AL A9CA-A9CD:AL A9CF:AL A9D0-A9D9:NU A9DE-A9DF:AL AA40-AA42:AL
    AA44-AA4B:AL AA50-AA59:NU AA5C:AL FE10:IS FE13-FE14:IS FE20:CM FE22:CM FE24:CM FE26-FE27:CM
    FE29:CM FE2B:CM FE2D-FE2E:CM FE51:ID1 11049-1104D:AL 11052-11065:AL 11066-1106F:NU
    1107F:CM 110BD:AL 110CD:AL 1133D:AL 1135D:AL 11950-11959:NU 11EF2:AL 11EF7-11EF8:AL
    1F10D-1F10F:ID1 1F16D-1F16F:ID1 1F1AD:ID1 1F8B0-1F8B1:ID1""")
# Unassigned code points that libunistring 1.0 treats as prefixes, ideographs, wide
_RESERVED = _spans("20BC-20CF:PR 3400-4DBF:ID1 4E00-9FFF:ID1 F900-FAFF:ID1 1F000-1FAFF:ID2 "
                   "1FC00-1FFFD:ID2 20000-2FFFD:ID1 30000-3FFFD:ID1")
_WIDE_RESERVED = _spans("2E80-A4CF:W F900-FAFF:W FE10-FE1F:W FE30-FE6F:W FF00-FF60:W "
                        "1F200-1F320:W 20000-3FFFF:W")


def _find(code: int, spans: tuple[tuple[int, int, str], ...]) -> str | None:
    return next((name for first, last, name in spans if first <= code <= last), None)


class _Memo(dict):
    """A function's value for each character, worked out once."""

    def __init__(self, function: Callable[[str], Any]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, char: str) -> Any:
        self[char] = found = self.function(char)
        return found


def _classify(char: str) -> str:
    """The character's line-break class as libunistring 1.0 resolves it."""
    code = ord(char)
    name = _find(code, _UNICODE_14)
    if name:
        return name
    if unicodedata.category(char) == "Cn":  # not a character in libunistring's Unicode
        return _find(code, _RESERVED) or "AL"
    found = _LB.match(char)
    name = found.lastgroup if found else "XX"
    name = _RESOLVED.get(name, name)
    if name in ("OP", "CP"):  # East Asian brackets behave differently (LB30)
        return name + ("2" if unicodedata.east_asian_width(char) in ("W", "F", "H") else "1")
    return "ID1" if name == "ID" else name


_CLASSES = _Memo(_classify)
# Letters, digits and marks of the alphabetic scripts (Latin, Greek, Cyrillic, Hebrew,
# Arabic): classes AL, NU and HL never break between them, nor before a mark
_ALPHABETIC = (range(0x21, 0x900), range(0x1E00, 0x2000), range(0xFB1D, 0xFE00),
               range(0xFE70, 0xFF00))


@functools.cache
def _tokens() -> regex.Pattern:
    """Runs inside which no line can break (a letter, then letters, digits and marks)
    or any one character; then the spaces after it."""
    letters, marks = [], []
    for code in itertools.chain(*_ALPHABETIC):
        found = _CLASSES[chr(code)]
        if found in ("AL", "NU", "HL"):
            letters.append(code)
        elif found == _CM and unicodedata.category(chr(code)) == "Mn":
            marks.append(code)
    run = _ranges(letters)
    return regex.compile(f"(?s)([{run}][{run}{_ranges(marks)}]*|.)( *)")


def _ranges(codes: list[int]) -> str:
    """A regex character class's content for these code points, as ranges."""
    spans: list[list[int]] = []
    for code in codes:
        if spans and spans[-1][1] == code - 1:
            spans[-1][1] = code
        else:
            spans.append([code, code])
    return "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in spans)


def _measure(char: str) -> int:
    """Columns the character takes, as libunistring's uc_width counts them (not in a CJK
    encoding): 0 for combining, format and control characters, 2 for wide ones."""
    code = ord(char)
    category = unicodedata.category(char)
    if category == "Cn":
        return 2 if _find(code, _WIDE_RESERVED) else 1
    if category in ("Cc", "Cf") or unicodedata.bidirectional(char) == "NSM" \
            or unicodedata.name(char, "").startswith("ZERO WIDTH ") \
            or 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FB:
        return 0
    if 0xE0000 <= code <= 0xE01EF:
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


_WIDTHS = _Memo(_measure)


def _columns(text: str) -> Sequence[int]:
    """The column each index of `text` starts at, and its width last."""
    if text.isascii() and text.isprintable():
        return range(len(text) + 1)
    return [0, *itertools.accumulate(map(_WIDTHS.__getitem__, text))]


@functools.lru_cache(maxsize=2)  # a string's first line is tried at two columns
def _opportunities(text: str) -> list[tuple[int, str]]:
    """Where a line may break (libunistring's u8_possible_linebreaks): (index, "B") a
    line may start at that character, (index, "M") the character is a mandatory break
    (U+2028 and the like). Inside a run of letters and digits nothing can break, so each
    run, and the spaces after it, is stepped over at once."""
    result = []
    prev = last = _BK
    seen_space = False
    regional = 0  # regional indicators just before
    classes = _CLASSES
    end = 0
    for run, spaces in _tokens().findall(text):
        start, end = end, end + len(run) + len(spaces)
        prop = classes[run[0]]
        if prop == _BK:
            result.append((start, "M"))
            prev = last = _BK
            seen_space = False
        elif prop == _SP:
            seen_space = True
        elif prop == _ZW:
            last, seen_space = _ZW, False
        elif prop == _CM or prop == "ZWJ":
            if last == _BK or last == _ZW or seen_space:  # (LB9, LB10) like a letter
                if last != _BK:
                    result.append((start, "B"))
                last, seen_space = "AL", False
        else:
            if last == _ZW:
                result.append((start, "B"))
            elif last != _BK and prev != "ZWJ":
                if last == "RI" and prop == "RI":
                    if seen_space or regional % 2 == 0:
                        result.append((start, "B"))
                elif prev != "HL_BA":
                    rule = _PAIR[last, prop]
                    if rule == "D" or (rule == "I" and seen_space):
                        result.append((start, "B"))
            last, seen_space = prop, False
        prev = "HL_BA" if prev == "HL" and (prop == "HY" or prop == "BA") else prop
        regional = regional + 1 if prop == "RI" else 0
        if len(run) > 1:  # the rest of a run of letters, digits and marks
            prev = last = classes[run[-1]]
            if last == _CM:  # marks take the class of the letter they follow
                last = next(c for c in map(classes.__getitem__, reversed(run)) if c != _CM)
        if spaces:
            prev, seen_space, regional = _SP, True, 0
    return result


def breaks(text: str, limit: int, start: int, *, keep: frozenset[int] = frozenset()
           ) -> list[int]:
    """Where a line must break so that `text` (written from column `start`) stays within
    `limit` columns, breaking only where allowed and never before an index in `keep`
    (libunistring's u8_width_linebreaks): the indices the new lines start at.

    A piece runs from one break opportunity to the next, spaces included; a piece that
    does not fit on its line starts the next one."""
    columns = _columns(text)
    if start + columns[-1] <= limit:
        return []  # it fits: nothing to compute
    chosen = []
    last_break = None  # where the current piece may start a line
    column, origin = start, 0  # the column at index `origin`
    for index, mark in [*_opportunities(text), (len(text), "M")]:
        if index in keep:
            continue
        if last_break is not None and column + columns[index] - columns[origin] > limit:
            chosen.append(last_break)  # the piece ending here overflows: it starts a line
            column, origin = 0, last_break
        if mark == "M":  # a line break character: it takes no column, counting starts anew
            last_break, column, origin = None, 0, index + 1
        else:
            last_break = index
    return chosen
