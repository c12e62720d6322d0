"""Rendering shortcuts: the same HTML, TOC and assets as the full Markdown pipeline."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.treeprocessors import InlineProcessor

from learn.content.model import AssetSource
from learn.content.render import MarkdownRenderer
from learn.content.render_shortcuts import install_quick_inline, is_plain_text, plain_paragraph

REPO = Path(__file__).resolve().parents[2]
SETTINGS = settings(max_examples=400, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
ASSETS = {"assets/a.png": AssetSource(path="assets/a.png", sha256="ab" * 32, size=3,
                                      media_type="image/png", file=Path("/nonexistent/a.png"))}
UNITS = {"01-mot.md": "mot", "02-hai.md": "hai"}

PLAIN_CHARACTERS = "aAzđĐếệỗưÀươ0159 .,;:?!()'\"/%+=…“”‘’–—-"
# Everything Markdown or HTML may read: inline markers, block starts, entities, odd spaces.
SPECIAL = ["*", "**", "_", "`", "\\", "[", "]", "(01-mot.md)", "![a](assets/a.png)", "<", ">",
           "<b>", "&", "&amp;", "&#1;", "#", "# ", "- ", "+ ", "1. ", "12. ", "> ", "|", "~~~",
           "```", "!!! note", "[^1]", "[^1]: x", "*[HTML]: y", ": ", "  \n", "\n", "\n\n",
           "    ", "\t", "\u00a0", "\u2028", "===", "---", "<https://a.vn>", "<a@b.vn>",
           "[x]: https://a.vn", "[x]", "{#id}"]
plain_pieces = st.text(alphabet=PLAIN_CHARACTERS, min_size=1, max_size=12)
texts = st.lists(st.one_of(plain_pieces, st.sampled_from(SPECIAL)), min_size=1,
                 max_size=12).map("".join)


def renderers() -> tuple[MarkdownRenderer, MarkdownRenderer]:
    fast = MarkdownRenderer("khoa", UNITS, ASSETS)
    full = MarkdownRenderer("khoa", UNITS, ASSETS, shortcuts=False)
    return fast, full


FAST, FULL = renderers()


@SETTINGS
@given(st.text(alphabet=PLAIN_CHARACTERS, min_size=1, max_size=60))
def test_plain_sentences_render_as_markdown_would(text: str) -> None:
    assert FAST.render(text) == FULL.render(text)


@SETTINGS
@given(texts)
def test_any_text_renders_as_markdown_would(text: str) -> None:
    assert FAST.render(text) == FULL.render(text)
    assert FAST.render_inline(text) == FULL.render_inline(text)


@pytest.mark.parametrize("text", [
    "Việc nào giúp bảo vệ tài khoản dịch vụ công của bạn?",
    "Đúng: kẻ gian có mật khẩu cũng chưa vào được.",
    "Viết tắt của định danh điện tử quốc gia là gì (tên ứng dụng)?",
    "6 chữ số", "Có", "Trích “dẫn” – 100% đúng!",
])
def test_quiz_sentences_take_the_shortcut(text: str) -> None:
    assert is_plain_text(text)
    assert plain_paragraph(text) == FULL.render(text).html == f"<p>{text}</p>"


@pytest.mark.parametrize("text", [
    "1. Một", "2024. Năm", "a *b*", "a_b", "# Tiêu đề", "- mục", "a  ", " a", "a\nb", "a & b",
    "a < b", "x\u00a0y", "[a](b)", "`mã`", "!!! note", "Tab\tx", "",
])
def test_anything_else_goes_through_markdown(text: str) -> None:
    assert plain_paragraph(text) is None


def test_quick_inline_is_installed_only_for_known_patterns() -> None:
    md = markdown.Markdown()
    md.inlinePatterns.deregister("html")
    install_quick_inline(md)
    assert type(md.treeprocessors["inline"]) is not InlineProcessor
    other = markdown.Markdown()
    other.inlinePatterns.deregister("html")
    other.inlinePatterns.register(SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 65)
    install_quick_inline(other)
    assert type(other.treeprocessors["inline"]) is InlineProcessor
    assert other.convert("~~x~~ *y*") == "<p><del>x</del> <em>y</em></p>"


def _shipped_texts() -> list[str]:
    found = []
    for root in (REPO / "courses", REPO / "tests", REPO / "docs"):
        found.extend(path.read_text(encoding="utf-8") for path in sorted(root.rglob("*"))
                     if path.suffix in (".md", ".yaml", ".gift") and path.is_file())
    return found


def test_every_shipped_text_renders_the_same() -> None:
    found = _shipped_texts()
    assert len(found) > 50
    for text in found:
        assert FAST.render(text) == FULL.render(text)
        for paragraph in text.split("\n\n"):
            assert FAST.render(paragraph) == FULL.render(paragraph)
