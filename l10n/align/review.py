"""The review page: every aligned document side by side, for a person to read.

One HTML file, no script and nothing fetched: per document a table with a column per
language (Arabic right to left), a row per group of sentences, marked "memory" (went to
the memory), "review" (below the threshold, or the alignments disagree) or "unmatched"
(left out by the other editions), with its confidence. Refused documents say why.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..languages import LANGUAGES, is_rtl
from .results import Result

_STYLE = """body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top}
tr.memory td.mark{background:#d9f2d9}tr.review td.mark{background:#fde9b8}
tr.unmatched td.mark{background:#eee}td.mark,td.confidence{white-space:nowrap}
p.refused{color:#a00}"""


def page(results: Sequence[Result], *, langs: Sequence[str], threshold: float) -> str:
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             "<title>l10n tm align: review</title>", f"<style>{_STYLE}</style></head><body>",
             f"<h1>Alignment review ({' / '.join(langs)})</h1>",
             f"<p>Pairs at or above confidence {threshold:.2f} went to the memory; the others "
             "are for you to check.</p>"]
    for result in results:
        parts.append(f"<h2>{escape(result.job.name)}</h2>")
        if result.refused:
            parts.append(f'<p class="refused">Refused: {escape(result.refused)}.</p>')
            continue
        head = "".join(f"<th>{escape(LANGUAGES[lang].name if lang in LANGUAGES else lang)}</th>" for lang in langs)
        parts.append(f"<table><tr><th></th><th>confidence</th>{head}</tr>")
        editions = dict(zip(langs, result.editions))
        for group in result.groups:
            if not group.is_pair:
                mark = "unmatched"
            elif group.agreed and group.confidence >= threshold:
                mark = "memory"
            else:
                mark = "review"
            confidence = f"{group.confidence:.2f}" if group.is_pair else ""
            cells = []
            for lang in langs:
                text = "<br>".join(escape(editions[lang].sentences[i])
                                   for i in group.sentences.get(lang, ()))
                direction = ' dir="rtl"' if is_rtl(lang) else ""
                cells.append(f'<td lang="{lang}"{direction}>{text}</td>')
            parts.append(f'<tr class="{mark}"><td class="mark">{mark}</td>'
                         f'<td class="confidence">{confidence}</td>{"".join(cells)}</tr>')
        parts.append("</table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
