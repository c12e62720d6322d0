"""Rendering: Markdown features, Unicode anchors, link rewriting, determinism."""

from __future__ import annotations

from pathlib import Path

from learn.content import AssetSource, MarkdownRenderer, TocEntry, check_tree
from learn.content.slugs import ascii_slug, unicode_slugify
from tests.content.conftest import SHIPPED


def _asset(path: str, media_type: str = "image/png") -> AssetSource:
    return AssetSource(path=path, sha256="ab" * 32, size=4, media_type=media_type,
                       file=Path("/nonexistent") / path)


def renderer(**kwargs) -> MarkdownRenderer:
    assets = {"assets/a.png": _asset("assets/a.png"),
              "assets/m.pdf": _asset("assets/m.pdf", "application/pdf")}
    return MarkdownRenderer("khoa", {"02-mat-khau.md": "mat-khau"}, assets, **kwargs)


def test_vietnamese_heading_ids_keep_letters() -> None:
    assert unicode_slugify("Mật khẩu mạnh") == "mật-khẩu-mạnh"
    assert unicode_slugify("Đăng nhập  (bước 1)!") == "đăng-nhập-bước-1"
    out = renderer().render("# Mật khẩu mạnh\n\n## Đổi mật khẩu\n\n## Đổi mật khẩu\n")
    assert '<h1 id="mật-khẩu-mạnh">' in out.html
    assert [e.id for e in out.toc] == ["mật-khẩu-mạnh", "đổi-mật-khẩu", "đổi-mật-khẩu_1"]
    assert out.toc[0] == TocEntry(1, "mật-khẩu-mạnh", "Mật khẩu mạnh")


def test_ascii_slug_for_ids() -> None:
    assert ascii_slug("Câu hỏi về Đăng nhập") == "cau-hoi-ve-dang-nhap"


def test_enabled_extensions() -> None:
    text = (
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n"
        "```python\nprint('<x>')\n```\n\n"
        '!!! tip "Mẹo"\n    Nội dung hộp.\n\n'
        "Chú thích[^1]\n\n[^1]: Ghi chú.\n\n"
        "Thuật ngữ\n:   Định nghĩa\n\n"
        "*[OTP]: Mật khẩu một lần\n\nDùng OTP.\n"
    )
    html = renderer().render(text).html
    assert '<th align="left">a</th>' in html and '<td align="right">2</td>' in html
    assert "<pre><code>print('&lt;x&gt;')" in html
    assert '<div class="admonition tip">' in html
    assert '<p class="admonition-title">Mẹo</p>' in html
    assert 'href="#fn:1"' in html and '<li id="fn:1">' in html
    assert "<dl>" in html and "<dt>Thuật ngữ</dt>" in html
    assert '<abbr title="Mật khẩu một lần">OTP</abbr>' in html


def test_attr_list_and_raw_html_are_off() -> None:
    html = renderer().render("# Tiêu đề {: #x .y }\n\nChữ <b>đậm</b>\n").html
    assert "{: #x .y }" in html
    assert "&lt;b&gt;đậm&lt;/b&gt;" in html


def test_unit_and_asset_links_become_app_urls() -> None:
    html = renderer().render(
        "[a](02-mat-khau.md) [b](02-mat-khau.md#đổi-mật-khẩu) [c](assets/m.pdf) "
        "![Ảnh](assets/a.png) [d](#tren)"
    ).html
    assert 'href="/courses/khoa/units/mat-khau"' in html
    assert 'href="/courses/khoa/units/mat-khau#%C4%91%E1%BB%95i-m%E1%BA%ADt-kh%E1%BA%A9u"' in html
    assert f'href="/courses/khoa/assets/{"ab" * 6}/m.pdf"' in html
    assert f'src="/courses/khoa/assets/{"ab" * 6}/a.png"' in html
    assert 'href="#tren"' in html


def test_url_builders_are_pluggable() -> None:
    r = renderer(unit_url=lambda c, u, a: f"/x/{c}/{u}/{a or ''}",
                 asset_url=lambda c, asset: f"/files/{asset.sha256[:8]}")
    html = r.render("[a](02-mat-khau.md#h) ![i](assets/a.png)").html
    assert 'href="/x/khoa/mat-khau/h"' in html
    assert 'src="/files/abababab"' in html


def test_external_links_get_rel_and_internal_do_not() -> None:
    html = renderer().render("[x](https://example.vn/a) [y](02-mat-khau.md)").html
    assert '<a href="https://example.vn/a" rel="noopener noreferrer">x</a>' in html
    assert '<a href="/courses/khoa/units/mat-khau">y</a>' in html


def test_missing_targets_lose_their_href() -> None:
    html = renderer().render("[a](03-khong.md) [b](assets/khong.pdf) [c](khac.html)").html
    assert "href" not in html
    assert "<a>a</a>" in html


def test_images_only_from_the_course_assets() -> None:
    html = renderer().render(
        "![x](https://evil.example/a.png) ![y](assets/khong.png) ![z](assets/m.pdf) "
        "![w](//evil.example/a.png)"
    ).html
    assert "<img" not in html


def test_rendering_twice_gives_the_same_html() -> None:
    text = "# Một\n\nVăn bản[^1] và [liên kết](02-mat-khau.md).\n\n[^1]: x\n"
    assert renderer().render(text) == renderer().render(text)


def test_inline_rendering_drops_the_paragraph() -> None:
    assert renderer().render_inline("**Đúng**") == "<strong>Đúng</strong>"
    assert renderer().render("").html == ""


def test_assets_used_are_reported_for_hashing() -> None:
    out = renderer().render("![i](assets/a.png)")
    assert out.asset_hashes == ("ab" * 32,)


def test_a_reused_renderer_keeps_no_state_between_texts() -> None:
    texts = [
        "# A\n\nx[^1]\n\n[^1]: one\n\n*[OTP]: Mật khẩu một lần\n\nOTP",
        "# A\n\nOTP and y[^1]\n\n[^1]: two\n",
        "![i](assets/a.png) [p](assets/m.pdf)",
        "[u](02-mat-khau.md)",
    ]
    reused = renderer()
    first = [reused.render(t) for t in texts]
    second = [reused.render(t) for t in reversed(texts)]
    fresh = [renderer().render(t) for t in texts]
    assert first == fresh == list(reversed(second))
    assert "<abbr" not in first[1].html
    assert first[3].asset_hashes == ()


def test_overview_headings_sit_under_the_course_pages_about_heading():
    # The course page shows the overview under its own <h2>: an overview's "##" is an <h3>,
    # while a unit's "##" stays an <h2> under the unit's <h1>.
    report = check_tree(SHIPPED)
    course = next(c for c in report.courses if c.slug == "an-toan-thong-tin-can-bo")
    assert "<h3" in course.overview_html and "<h2" not in course.overview_html
    assert "<h2" in course.units[0].html
