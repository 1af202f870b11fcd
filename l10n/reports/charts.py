"""The report's charts: matplotlib figures written as static SVG, to be inlined in the page.

matplotlib is imported here only, so only `l10n report` pays for it. Text stays text
(`svg.fonttype: none`): the browser draws it with the page's fonts, and a printed page
keeps it sharp. Element ids are salted per chart, so several charts live in one page.
"""

from __future__ import annotations

import io

import matplotlib
from matplotlib.figure import Figure

STATE_COLORS = {"reviewed": "#009E73", "changed": "#E69F00", "memory": "#56B4E9",
                "machine": "#0072B2", "unknown": "#CC79A7", "untranslated": "#D5D5D5"}
BAND_COLORS = ("#1A9641", "#A6D96A", "#FFE08A", "#FDAE61", "#D7191C")
_STYLE = {"svg.fonttype": "none", "font.family": "sans-serif", "font.size": 9,
          "axes.spines.top": False, "axes.spines.right": False, "axes.titlesize": 10,
          "axes.titlelocation": "left", "legend.frameon": False}


def _svg(figure: Figure, name: str) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context({**_STYLE, "svg.hashsalt": name}):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg"):]  # no XML declaration or DOCTYPE inside HTML


def _figure(width: float, height: float) -> Figure:
    with matplotlib.rc_context(_STYLE):
        return Figure(figsize=(width, height), layout="constrained")


def stacked(name: str, title: str, rows: list[str], series: dict[str, list[float]],
            colors: dict[str, str], labels: dict[str, str], *, unit: str,
            share: bool = False) -> str:
    """Horizontal stacked bars, one per row; `share` draws each row as 100 %."""
    with matplotlib.rc_context(_STYLE):
        figure = _figure(7.5, 1.1 + 0.3 * len(rows) + 0.2 * ((len(series) + 4) // 5))
        axes = figure.subplots()
        totals = [sum(values[i] for values in series.values()) or 1 for i in range(len(rows))]
        left = [0.0] * len(rows)
        for key, values in series.items():
            widths = [v / t * 100 if share else v for v, t in zip(values, totals)]
            axes.barh(rows, widths, left=left, color=colors[key], label=labels[key],
                      height=0.6)
            left = [a + b for a, b in zip(left, widths)]
        axes.invert_yaxis()
        axes.set_title(title)
        axes.set_xlabel("% of " + unit if share else unit)
        if share:
            axes.set_xlim(0, 100)
        else:
            axes.xaxis.get_major_locator().set_params(integer=True)
        figure.legend(loc="outside lower left", ncols=min(len(series), 5), fontsize=8)
        return _svg(figure, name)


def columns(name: str, title: str, labels: list[str], values: list[int], *, unit: str,
            color: str = "#0072B2") -> str:
    """Vertical bars over time (one per week); at most about 16 labels shown."""
    with matplotlib.rc_context(_STYLE):
        figure = _figure(7.5, 2.6)
        axes = figure.subplots()
        axes.bar(range(len(values)), values, color=color, width=0.8)
        step = max(1, (len(labels) + 15) // 16)
        axes.set_xticks(range(0, len(labels), step), labels[::step], rotation=45,
                        ha="right", fontsize=7)
        axes.set_title(title)
        axes.set_ylabel(unit)
        axes.yaxis.get_major_locator().set_params(integer=True)
        return _svg(figure, name)
