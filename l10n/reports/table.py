"""The `status` table: drawn by rich on a terminal, plain lines for a file or a pipe.

Columns are measured in terminal cells, as rich measures them: an Arabic letter takes one
cell, its vowel marks none (Python's `len` counts them, which misaligned names). On a
terminal, a right-to-left name is wrapped in Unicode isolates (FSI … PDI): a terminal
that applies the bidi algorithm then shows it right to left inside its cell, without
reordering the row around it; the isolates take no cell, and rich fits the table to the
terminal's width. Output to a file or a pipe has no isolates and no colour, one line per
row, padded by the same measure (rich's table renderer costs a second on a thousand rows:
a CI log need not pay it).
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len

from .render import counts, state

if TYPE_CHECKING:
    from ..gate import Gate

COLUMNS = (("document", "left"), ("lang", "left"), ("units", "right"), ("words", "right"),
           ("reviewed", "right"), ("machine", "right"), ("needs review", "right"),
           ("untranslated", "right"), ("QA errors", "right"), ("state", "left"))
WIDE = 10_000  # columns of a console that is not a terminal: rows are never wrapped


def status_table(gate: Gate, root: Path, *, color: bool = False, terminal: bool = False,
                 width: int | None = None) -> list[str]:
    """One row per document and language; `terminal` isolates right-to-left names and
    fits the table in `width` columns."""
    rows = []
    for item in gate.items:
        tally = counts(item)
        units = tally["units"]
        numbers = ([len(item.entries), sum(e.words for e in item.entries), units["reviewed"],
                    tally["needs_review_by_origin"]["machine"], units["needs-review"],
                    units["untranslated"], tally["qa_errors"]]
                   if not item.missing else ["–"] * 7)
        tone = "green" if item.ready else ("red" if item.required else "yellow")
        rows.append(([item.doc.name, item.target, *map(str, numbers), state(item)], tone))
    if not (terminal or color):
        return _plain([name for name, _ in COLUMNS], [cells for cells, _ in rows])
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text
    table = Table(box=None, pad_edge=False, padding=(0, 1), header_style="dim")
    for name, justify in COLUMNS:
        table.add_column(name, justify=justify, no_wrap=name != "document",
                         overflow="fold")
    for cells, tone in rows:
        name = isolate(cells[0]) if terminal else cells[0]
        table.add_row(Text(name), *cells[1:-1], Text(cells[-1], style=tone))
    out = io.StringIO()
    console = Console(file=out, width=width if terminal and width else WIDE,
                      color_system="standard" if color else None, force_terminal=color,
                      highlight=False, emoji=False, markup=False)
    console.print(table)
    return [line.rstrip() for line in out.getvalue().splitlines()]


def _plain(head: list[str], rows: list[list[str]]) -> list[str]:
    """The table as rich draws it without a terminal: columns two spaces apart, sized in
    cells, numbers to the right."""
    widths = [max(cell_len(text) for text in column) for column in zip(head, *rows)]
    lines = []
    for cells in (head, *rows):
        padded = [text + " " * (width - cell_len(text)) if justify == "left"
                  else " " * (width - cell_len(text)) + text
                  for text, width, (_, justify) in zip(cells, widths, COLUMNS)]
        lines.append("  ".join(padded).rstrip())
    return lines


def isolate(text: str) -> str:
    """`text` between FSI and PDI when it holds right-to-left letters.

    >>> isolate("تقرير-2021"), isolate("rapport")
    ('\\u2068تقرير-2021\\u2069', 'rapport')
    """
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text):
        return f"\u2068{text}\u2069"
    return text
