"""Server-drawn SVG charts: valid XML, accessible name and description, no inline styles."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from learn.core.i18n import format_percent
from learn.reports.charts import Bar, horizontal_bars, vertical_bars

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup: str) -> ET.Element:
    # The markup is this app's own output, parsed to prove it is well-formed XML.
    return ET.fromstring(markup)  # noqa: S314


def _check_accessible(markup: str, chart_id: str) -> ET.Element:
    root = _parse(markup)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.get("id") == f"{chart_id}-title" and title.text
    assert desc is not None and desc.get("id") == f"{chart_id}-desc" and desc.text
    assert all(element.get("style") is None for element in root.iter())
    assert root.find(f".//{SVG}pattern") is not None  # bars are hatched, not just coloured
    return root


def test_horizontal_bars_sorted_with_printed_values(app):
    bars = [Bar("Xã <A> & co", 0.25, "25 %"), Bar("Xã B", 0.75, "75 %"), Bar("Xã C", None, "–")]
    with app.test_request_context():
        markup = str(horizontal_bars("c1", "Tỷ lệ", "Mô tả", bars, format_percent))
    root = _check_accessible(markup, "c1")
    texts = [t.text for t in root.iter(f"{SVG}text")]
    labels = [t for t in texts if t and t.startswith("Xã")]
    assert labels == ["Xã B", "Xã <A> & co", "Xã C"]  # highest first, empty last
    assert "75 %" in texts and "25 %" in texts
    assert "&lt;A&gt; &amp; co" in markup  # escaped by the XML writer
    rects = [r for r in root.iter(f"{SVG}rect") if r.get("fill", "").startswith("url(")]
    assert [float(r.get("width")) for r in rects] == [270.0, 90.0]


def test_vertical_bars_for_months():
    bars = [Bar(f"{m:02d}/2026", float(n), str(n)) for m, n in [(1, 0), (2, 3), (3, 6)]]
    root = _check_accessible(str(vertical_bars("c2", "Theo tháng", "Mô tả", bars)), "c2")
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"0", "3", "6", "01/2026", "03/2026"} <= set(texts)
    heights = sorted(float(r.get("height")) for r in root.iter(f"{SVG}rect")
                     if r.get("fill", "").startswith("url("))
    assert heights == [88.0, 176.0]


def test_pages_embed_valid_charts_and_no_inline_style(province, login):
    client = login("admin")
    html = client.get(f"/reports/orgs?unit={province.units['P'].id}").get_data(as_text=True)
    charts = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(charts) == 2
    for markup in charts:
        _check_accessible(markup, _parse(markup).get("id"))
    desc = _parse(charts[0]).find(f"{SVG}desc").text
    assert "Huyện An Phú: 46\u00a0%" in desc  # the text alternative carries the values
    assert " style=" not in html and "<style" not in html
    course = client.get("/reports/courses/chuyen-doi-so-can-bo").get_data(as_text=True)
    (chart,) = re.findall(r"<svg.*?</svg>", course, flags=re.S)
    _check_accessible(chart, "chart-course-months")
