"""Bar charts drawn at build time as SVG: readable without JavaScript, with a text alternative.

Each chart is a figure with an accessible name, the SVG itself (role="img"), and
the same numbers as a table inside <details> for screen readers and copying.
"""

from __future__ import annotations

from markupsafe import Markup, escape

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 210
BAR_WIDTH = 300
NUMBER_WIDTH = 40


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]]) -> Markup:
    rows = [(label, n) for label, n in rows if n > 0]
    biggest = max((n for _, n in rows), default=1)
    height = max(1, len(rows)) * (BAR_HEIGHT + GAP)
    width = LABEL_WIDTH + BAR_WIDTH + NUMBER_WIDTH
    parts = [
        f'<svg class="pb-chart" role="img" aria-labelledby="{chart_id}-title" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    for i, (label, n) in enumerate(rows):
        y = i * (BAR_HEIGHT + GAP)
        w = max(2, round(BAR_WIDTH * n / biggest))
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT * 0.7:.0f}" text-anchor="end" class="pb-chart-label">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{w}" height="{BAR_HEIGHT}" class="pb-chart-bar"/>'
            f'<text x="{LABEL_WIDTH + w + 6}" y="{y + BAR_HEIGHT * 0.7:.0f}" class="pb-chart-number">{n}</text>'
        )
    parts.append("</svg>")
    table = "".join(f"<tr><td>{escape(label)}</td><td>{n}</td></tr>" for label, n in rows)
    return Markup(
        f'<figure class="pb-figure" id="{chart_id}"><figcaption>{escape(title)}</figcaption>'
        + "".join(parts)
        + f'<details><summary>De getallen als tabel</summary><table><thead><tr><th scope="col">{escape(title)}</th>'
        f'<th scope="col">Aantal</th></tr></thead><tbody>{table}</tbody></table></details></figure>'
    )
