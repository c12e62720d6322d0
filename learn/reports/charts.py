"""Charts drawn on the server as SVG: no JavaScript, no inline styles (CSP allows neither).

Bars carry a hatch pattern and a printed value, so nothing depends on colour; each chart is
role="img" with a <title> and <desc> it is labelled by, and the same data is in a table.
Built with ElementTree, so every text is escaped and the markup is well formed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # nosec B405
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

SVG_NS = "http://www.w3.org/2000/svg"
INK = "#1d2330"
MUTED = "#55606e"
LINE = "#b7c0cc"
BAR_STROKE = "#073763"
BAR_FILL = "#0b5394"
BAR_BACK = "#dce6f2"
FONT = "system-ui, sans-serif"
WIDTH = 640
LABEL_CHARS = 30
MAX_AXIS_LABELS = 12


@dataclass(frozen=True)
class Bar:
    """One bar: its label and its value (None: nothing to show)."""

    label: str
    value: float | None
    value_text: str


def _root(chart_id: str, title: str, description: str, height: int) -> ET.Element:
    svg = ET.Element("svg", {
        "xmlns": SVG_NS,
        "viewBox": f"0 0 {WIDTH} {height}",
        "width": str(WIDTH),
        "height": str(height),
        "role": "img",
        "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
        "class": "report-chart",
        "id": chart_id,
        "font-family": FONT,
    })
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = description
    defs = ET.SubElement(svg, "defs")
    pattern = ET.SubElement(defs, "pattern", {
        "id": f"{chart_id}-hatch", "patternUnits": "userSpaceOnUse", "width": "8",
        "height": "8", "patternTransform": "rotate(45)",
    })
    ET.SubElement(pattern, "rect", {"width": "8", "height": "8", "fill": BAR_BACK})
    ET.SubElement(pattern, "rect", {"width": "4", "height": "8", "fill": BAR_FILL})
    return svg


def _text(parent: ET.Element, x: float, y: float, content: str, **attrs: str) -> None:
    element = ET.SubElement(parent, "text", {"x": f"{x:.1f}", "y": f"{y:.1f}",
                                             "font-size": "13", "fill": INK, **attrs})
    element.text = content


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _markup(svg: ET.Element) -> Markup:
    # ElementTree escapes every text and attribute value it writes.
    return Markup(ET.tostring(svg, encoding="unicode"))  # noqa: S704  # nosec B704


def horizontal_bars(
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    axis_text: Callable[[float], str],
) -> Markup:
    """Horizontal bars for ratios 0..1, sorted from highest to lowest, values printed."""
    ordered = sorted(bars, key=lambda b: (b.value is None, -(b.value or 0.0)))
    label_width, value_width, row, top = 210, 70, 26, 34
    plot = WIDTH - label_width - value_width
    height = top + row * max(1, len(ordered)) + 12
    svg = _root(chart_id, title, description, height)
    grid = ET.SubElement(svg, "g", {"aria-hidden": "true"})
    for step in range(5):
        share = step / 4
        x = label_width + plot * share
        ET.SubElement(grid, "line", {"x1": f"{x:.1f}", "x2": f"{x:.1f}", "y1": str(top - 8),
                                     "y2": str(height - 8), "stroke": LINE})
        _text(grid, x, top - 14, axis_text(share), **{"text-anchor": "middle",
                                                      "fill": MUTED, "font-size": "11"})
    for index, bar in enumerate(ordered):
        y = top + index * row
        group = ET.SubElement(svg, "g")
        ET.SubElement(group, "title").text = f"{bar.label}: {bar.value_text}"
        _text(group, label_width - 8, y + 16, _short(bar.label), **{"text-anchor": "end"})
        width = plot * max(0.0, min(1.0, bar.value or 0.0))
        if width > 0:
            ET.SubElement(group, "rect", {
                "x": str(label_width), "y": str(y + 4), "width": f"{width:.1f}",
                "height": str(row - 8), "fill": f"url(#{chart_id}-hatch)",
                "stroke": BAR_STROKE,
            })
        _text(group, label_width + width + 6, y + 16, bar.value_text)
    return _markup(svg)


def vertical_bars(chart_id: str, title: str, description: str, bars: Sequence[Bar]) -> Markup:
    """Vertical bars for counts (e.g. completions per month), values printed above."""
    left, bottom, top = 16, 40, 24
    height = 240
    plot_height = height - top - bottom
    count = max(1, len(bars))
    slot = (WIDTH - 2 * left) / count
    highest = max((b.value or 0.0 for b in bars), default=0.0) or 1.0
    svg = _root(chart_id, title, description, height)
    baseline = height - bottom
    label_every = -(-count // MAX_AXIS_LABELS)
    ET.SubElement(svg, "line", {"x1": str(left), "x2": str(WIDTH - left), "y1": str(baseline),
                                "y2": str(baseline), "stroke": INK, "aria-hidden": "true"})
    for index, bar in enumerate(bars):
        x = left + index * slot
        bar_height = plot_height * (bar.value or 0.0) / highest
        group = ET.SubElement(svg, "g")
        ET.SubElement(group, "title").text = f"{bar.label}: {bar.value_text}"
        if bar_height > 0:
            ET.SubElement(group, "rect", {
                "x": f"{x + slot * 0.15:.1f}", "y": f"{baseline - bar_height:.1f}",
                "width": f"{slot * 0.7:.1f}", "height": f"{bar_height:.1f}",
                "fill": f"url(#{chart_id}-hatch)", "stroke": BAR_STROKE,
            })
        center = x + slot / 2
        _text(group, center, baseline - bar_height - 5, bar.value_text,
              **{"text-anchor": "middle", "font-size": "12"})
        if index % label_every == 0:
            _text(group, center, baseline + 16, bar.label,
                  **{"text-anchor": "middle", "font-size": "11", "fill": MUTED})
    return _markup(svg)
