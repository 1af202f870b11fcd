"""The report as one self-contained HTML page, drawn from the data of
`commands.report` alone.

No script, no font or image to fetch: charts are inline SVG (`charts`), the per-document
bars are plain HTML, and text in any of the office's languages is marked with its
language and direction, so Arabic reads right to left wherever it appears. It opens
from disk, and prints: no chart or table row breaks across pages, colours are kept.
"""

from __future__ import annotations

from html import escape

from ..languages import LANGUAGES
from . import charts

STATE_LABELS = {"reviewed": "reviewed", "changed": "needs review: source changed",
                "memory": "needs review: memory", "machine": "needs review: machine",
                "unknown": "needs review: by hand", "untranslated": "untranslated"}
STATE_ORDER = tuple(STATE_LABELS)

STYLE = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic",
       Arial, sans-serif; margin: 2rem auto; max-width: 62rem; padding: 0 1rem;
       color: #1d1d1d; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem;
  border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
.meta { color: #555; margin-top: 0; }
.tiles { display: flex; flex-wrap: wrap; gap: .8rem; margin: 1rem 0; }
.tile { border: 1px solid #ddd; border-radius: 6px; padding: .5rem .8rem; min-width: 9rem; }
.tile b { display: block; font-size: 1.4rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: .6rem 0; }
th, td { border-bottom: 1px solid #e4e4e4; padding: .25rem .4rem; text-align: start;
         vertical-align: top; }
td.n, th.n { text-align: end; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { display: flex; width: 14rem; height: .9rem; border: 1px solid #bbb; }
.bar span { display: block; height: 100%; }
svg { max-width: 100%; height: auto; }
.note { color: #555; font-size: .85rem; }
.text { max-width: 18rem; }
.blocked { color: #b00020; } .ready { color: #006b3c; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print { body { margin: 0; max-width: none; } h2, h3 { break-after: avoid; }
               svg, tr, .tiles { break-inside: avoid; } }
"""


def render(data: dict) -> str:
    """The page for `data` (see `commands.report`)."""
    sections = [_head(data), _progress(data), _origins(data), _post_editing(data),
                _findings(data), _pace(data), _unreadable(data)]
    title = f"Translation report — {data['project']}"
    return ("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(s for s in sections if s) + "\n</body>\n</html>\n")


def _n(value: int | float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "—"


def _text(value: str, lang: str, tag: str = "td", cls: str = "text") -> str:
    """Text in `lang`, marked so the browser picks its script's font and direction."""
    direction = LANGUAGES[lang].direction if lang in LANGUAGES else "auto"
    return (f'<{tag} class="{cls}" lang="{lang}" dir="{direction}">'
            f"{escape(value)}</{tag}>")


def _name(value: str) -> str:
    """A document name, whatever its script: isolated, its direction its own."""
    return f'<bdi dir="auto" class="doc">{escape(value)}</bdi>'


def _head(data: dict) -> str:
    totals = data["totals"]
    words = totals["words"]
    all_words = sum(words.values())
    since = f"; activity since {data['since']}" if data["since"] else ""
    tiles = [
        (f"{totals['ready']} / {totals['editions']}", "editions ready to publish"),
        (_pct(words["reviewed"], all_words), f"of {_n(all_words)} source words reviewed"),
        (_n(totals["units"]["needs-review"]), "units need review"),
        (_n(words["untranslated"]), "words untranslated"),
        (_n(sum(f["error"] for f in data["findings"])), "QA errors"),
    ]
    return (f"<header>\n<h1>Translation report — {escape(data['project'])}</h1>\n"
            f'<p class="meta">{totals["documents"]} documents, {totals["editions"]} '
            f"editions; generated {escape(data['generated'])}{escape(since)}</p>\n"
            '<div class="tiles">' + "".join(f'<div class="tile"><b>{escape(v)}</b>'
                                            f"{escape(label)}</div>" for v, label in tiles)
            + "</div>\n</header>")


def _state_values(counts: dict, group: str) -> dict[str, int]:
    """Reviewed, needs review by origin, untranslated: the segments of a progress bar."""
    by_origin = counts["needs_review_by_origin"][group]
    return {"reviewed": counts[group]["reviewed"], **by_origin,
            "untranslated": counts[group]["untranslated"]}


def _bar(values: dict[str, int]) -> str:
    total = sum(values.values())
    if not total:
        return '<div class="bar"></div>'
    return '<div class="bar">' + "".join(
        f'<span style="width:{100 * v / total:.2f}%;background:{charts.STATE_COLORS[k]}" '
        f'title="{escape(STATE_LABELS[k])}: {v}"></span>' for k, v in values.items() if v) \
        + "</div>"


def _progress(data: dict) -> str:
    languages = data["by_language"]
    parts = ["<section>\n<h2>Progress</h2>"]
    if languages:
        rows = [f"{LANGUAGES[lang].name} ({lang})" if lang in LANGUAGES else lang
                for lang in languages]
        series = {k: [_state_values(languages[lang], "words")[k] for lang in languages]
                  for k in STATE_ORDER}
        parts.append(charts.stacked("progress", "Source words per target language", rows,
                                    series, charts.STATE_COLORS, STATE_LABELS, unit="words"))
    parts.append('<table>\n<thead><tr><th>document</th><th>language</th><th>progress '
                 '(words)</th><th class="n">units</th><th class="n">words</th>'
                 '<th class="n">reviewed</th><th class="n">needs review</th>'
                 '<th class="n">untranslated</th><th>state</th></tr></thead>\n<tbody>')
    for row in data["progress"]:
        words = row["words"]
        state = ('<span class="ready">ready</span>' if row["ready"] else
                 '<span class="blocked">blocked</span>' if row["required"] else "not ready")
        parts.append(
            f"<tr><td>{_name(row['document'])}</td><td>{row['source_language']}→"
            f"{row['language']}</td><td>{_bar(_state_values(row, 'words'))}</td>"
            f'<td class="n">{_n(sum(row["units"].values()))}</td>'
            f'<td class="n">{_n(sum(words.values()))}</td>'
            f'<td class="n">{_n(words["reviewed"])}</td>'
            f'<td class="n">{_n(words["needs-review"])}</td>'
            f'<td class="n">{_n(words["untranslated"])}</td><td>{state}</td></tr>')
    parts.append("</tbody>\n</table>\n</section>")
    return "\n".join(parts)


def _origins(data: dict) -> str:
    names, origins = data["categories"], data["origins"]
    used = [c for c in names if sum(origins[c]["units"].values())]
    parts = ["<section>\n<h2>Where the translations came from</h2>"]
    if not used:
        return "\n".join(parts + ["<p>No unit is translated yet.</p>\n</section>"])
    labels = {"reviewed": "reviewed", "needs-review": "awaiting review"}
    colors = {"reviewed": "#009E73", "needs-review": "#E69F00"}
    parts.append(charts.stacked(
        "origins", "Translated source words by origin", [names[c] for c in used],
        {s: [origins[c]["words"][s] for c in used] for s in labels}, colors, labels,
        unit="words"))
    parts.append('<table>\n<thead><tr><th>origin</th><th class="n">units</th>'
                 '<th class="n">words</th><th class="n">reviewed units</th>'
                 '<th class="n">awaiting review</th></tr></thead>\n<tbody>')
    for c in used:
        units, words = origins[c]["units"], origins[c]["words"]
        parts.append(f"<tr><td>{escape(names[c])}</td>"
                     f'<td class="n">{_n(sum(units.values()))}</td>'
                     f'<td class="n">{_n(sum(words.values()))}</td>'
                     f'<td class="n">{_n(units["reviewed"])}</td>'
                     f'<td class="n">{_n(units["needs-review"])}</td></tr>')
    parts.append("</tbody>\n</table>\n<p class=\"note\">Memory matches made by <code>l10n tm "
                 "align</code> from published editions count as aligned archive; people: "
                 "translations typed without a proposal.</p>\n</section>")
    return "\n".join(parts)


def _effort_table(groups: dict[str, dict], label: str, names: dict[str, str]) -> str:
    rows = [f'<table>\n<thead><tr><th>{escape(label)}</th><th class="n">units</th>'
            '<th class="n">kept as proposed</th><th class="n">chrF mean</th>'
            '<th class="n">chrF median</th><th class="n">word edit rate mean</th>'
            '<th class="n">median</th></tr></thead>\n<tbody>']
    for key, s in groups.items():
        rows.append(f"<tr><td>{escape(names.get(key, key))}</td>"
                    f'<td class="n">{_n(s["units"])}</td>'
                    f'<td class="n">{_n(s["kept"])} ({_pct(s["kept"], s["units"])})</td>'
                    f'<td class="n">{s["chrf_mean"]:.1f}</td>'
                    f'<td class="n">{s["chrf_median"]:.1f}</td>'
                    f'<td class="n">{s["edit_rate_mean"]:.1f} %</td>'
                    f'<td class="n">{s["edit_rate_median"]:.1f} %</td></tr>')
    return "\n".join(rows) + "\n</tbody>\n</table>"


def _band_chart(name: str, title: str, groups: dict[str, dict], names: dict[str, str],
                field: str, bands: list[str]) -> str:
    keys = [f"b{i}" for i in range(len(bands))]
    return charts.stacked(
        name, title, [names.get(g, g) for g in groups],
        {k: [groups[g][field][i] for g in groups] for i, k in enumerate(keys)},
        dict(zip(keys, charts.BAND_COLORS)), dict(zip(keys, bands)), unit="units",
        share=True)


def _post_editing(data: dict) -> str:
    effort, names = data["post_editing"], data["categories"]
    parts = ["<section>\n<h2>Post-editing effort</h2>",
             "<p>For every unit a person approved after a proposal: how far the approved "
             "text is from what was proposed. <b>chrF</b> (0–100, character n-grams; 100: "
             "unchanged) and the <b>word edit rate</b> (words inserted, deleted or replaced "
             "per 100 words of the approved text), as in MT research.</p>"]
    unrecorded = effort["unrecorded"]
    if unrecorded:
        detail = ", ".join(f"{n} {names[c]}" for c, n in unrecorded.items())
        parts.append(f'<p class="note">Not measured: {sum(unrecorded.values())} approved '
                     f"unit(s) whose proposal text was not kept ({escape(detail)}).</p>")
    if not effort["measured"]:
        return "\n".join(parts + ["<p>No approved proposal to measure yet.</p>\n</section>"])
    overall = effort["overall"]
    parts.append(f"<p>{_n(effort['measured'])} units measured: mean chrF "
                 f"{overall['chrf_mean']:.1f}, mean word edit rate "
                 f"{overall['edit_rate_mean']:.1f} %, {_pct(overall['kept'], overall['units'])}"
                 " kept as proposed.</p>")
    for key, label, groups in (("origin", "origin", effort["by_origin"]),
                               ("pair", "language pair", effort["by_pair"])):
        parts.append(_effort_table(groups, label, names))
        parts.append(_band_chart(f"chrf-{key}", f"chrF by {label} (share of units)", groups,
                                 names, "chrf_bands", effort["chrf_bands"]))
        parts.append(_band_chart(f"edits-{key}", f"Word edit rate by {label} (share of units)",
                                 groups, names, "edit_rate_bands", effort["edit_rate_bands"]))
    if effort["most_edited"]:
        parts.append("<h3>Most edited units</h3>\n<table>\n<thead><tr><th>document</th>"
                     "<th>origin</th><th>source</th><th>proposed</th><th>approved</th>"
                     '<th class="n">chrF</th><th class="n">edit rate</th></tr></thead>\n<tbody>')
        for unit in effort["most_edited"]:
            source = unit["pair"].split("→")[0]
            parts.append(
                f"<tr><td>{_name(unit['document'])} [{unit['language']}]<br>"
                f'<bdi class="note" dir="ltr">{escape(unit["po"])}:{unit["line"]}</bdi></td>'
                f"<td>{escape(names[unit['origin']])}</td>{_text(unit['source'], source)}"
                f"{_text(unit['proposal'], unit['language'])}"
                f"{_text(unit['approved'], unit['language'])}"
                f'<td class="n">{unit["chrf"]:.1f}</td>'
                f'<td class="n">{unit["edit_rate"]:.1f} %</td></tr>')
        parts.append("</tbody>\n</table>")
    return "\n".join(parts + ["</section>"])


def _findings(data: dict) -> str:
    found = data["findings"]
    parts = ["<section>\n<h2>QA and glossary findings</h2>"]
    if not found:
        return "\n".join(parts + ["<p>No finding.</p>\n</section>"])
    labels = {"error": "errors", "warning": "warnings"}
    parts.append(charts.stacked(
        "findings", "Findings by check", [f["check"] for f in found],
        {s: [f[s] for f in found] for s in labels}, {"error": "#D7191C", "warning": "#FDAE61"},
        labels, unit="findings"))
    parts.append('<table>\n<thead><tr><th>check</th><th class="n">errors</th>'
                 '<th class="n">warnings</th><th>by target language</th></tr></thead>\n<tbody>')
    for f in found:
        languages = ", ".join(f"{lang} {n}" for lang, n in f["languages"].items())
        parts.append(f"<tr><td>{escape(f['check'])}</td><td class=\"n\">{f['error']}</td>"
                     f"<td class=\"n\">{f['warning']}</td><td>{escape(languages)}</td></tr>")
    return "\n".join(parts + ["</tbody>\n</table>\n</section>"])


def _pace(data: dict) -> str:
    pace = data["pace"]
    parts = ["<section>\n<h2>Pace</h2>"]
    if not pace["available"]:
        return "\n".join(parts + ["<p>The pace of reviews comes from the git history of the "
                                  "PO files, which cannot be read here — "
                                  f"{escape(pace['reason'])}.</p>\n</section>"])
    weeks = pace["weeks"]
    parts.append(f"<p>{_n(pace['units'])} units ({_n(pace['words'])} words) reviewed in "
                 f"{len(weeks)} week(s), from the repository's history.</p>")
    parts.append(charts.columns("pace", "Units reviewed per week",
                                [w["week"] for w in weeks], [w["units"] for w in weeks],
                                unit="units"))
    return "\n".join(parts + ["</section>"])


def _unreadable(data: dict) -> str:
    if not data["unreadable"]:
        return ""
    rows = "".join(f"<li><code>{escape(u['file'])}{':' + str(u['line']) if u['line'] else ''}"
                   f"</code>: {escape(u['message'])}</li>" for u in data["unreadable"])
    return f"<section>\n<h2>Files not read</h2>\n<ul>{rows}</ul>\n</section>"
