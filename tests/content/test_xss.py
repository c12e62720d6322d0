"""A corpus of XSS attempts: whatever a trainer (or an attacker) writes renders inert."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from learn.content import AssetSource, MarkdownRenderer, sanitise
from learn.content.render import ALLOWED_TAGS

ASSETS = {"assets/a.png": AssetSource("assets/a.png", "cd" * 32, 4, "image/png",
                                      Path("/nonexistent/a.png"))}
JS_SPELLINGS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java%0ascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#0000106;avascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "javascript&colon;alert(1)",
    "\\javascript:alert(1)",
    "javascript://%0aalert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "\\\\evil.example\\x",
]
MARKDOWN_ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"x\" onerror=\"alert(1)\">",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<style>body{background:red}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!--><script>alert(1)</script>-->",
    "<!-- <script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<base href=javascript:alert(1)//>",
    "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "# Tiêu đề {: onclick=\"alert(1)\" }",
    "Đoạn văn\n{: onclick=\"alert(1)\" style=\"color:red\" }",
    "[x](https://ok.example){: onclick=alert(1) }",
    "![x](assets/a.png){: onerror=alert(1) }",
    "[x](https://ok.example \"t\" onmouseover=alert(1))",
    "[x](https://ok.example\"onmouseover=\"alert(1))",
    "![x\" onerror=\"alert(1)](assets/a.png)",
    "[x]: javascript:alert(1)\n\n[link][x]",
    "[x]: <javascript:alert(1)>\n\n[x]",
    "![y][img]\n\n[img]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<http://ok.example/\" onclick=\"alert(1)>",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    '!!! tip "<img src=x onerror=alert(1)>"\n    x',
    "*[HTML]: <img src=x onerror=alert(1)>\n\nHTML",
    "x[^1]\n\n[^1]: <script>alert(1)</script>",
    "Term\n:   <img src=x onerror=alert(1)>",
    "| a |\n|---|\n| <script>alert(1)</script> |",
]
SAFE_URL_PREFIXES = ("https://", "http://", "mailto:", "#", "/courses/khoa/")


class _Elements(HTMLParser):
    """Collects every element and attribute a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def render(text: str) -> str:
    return MarkdownRenderer("khoa", {"02-a.md": "a"}, ASSETS).render(text).html


def assert_inert(html: str) -> None:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    assert not parser.comments, html
    for tag, attrs in parser.elements:
        assert tag in ALLOWED_TAGS, html
        for name, value in attrs.items():
            assert not name.startswith("on") and name != "style", html
            if name in ("href", "src"):
                assert (value or "").startswith(SAFE_URL_PREFIXES), html
                assert "javascript" not in (value or "").lower(), html
            if name == "src":
                assert (value or "").startswith("/courses/khoa/assets/"), html


@pytest.mark.parametrize("target", JS_SPELLINGS)
@pytest.mark.parametrize("template", [
    "[klik]({t})", "![ảnh]({t})", "[klik]({t} \"tiêu đề\")", "[klik](<{t}>)",
    "[klik][r]\n\n[r]: {t}", "![ảnh][r]\n\n[r]: {t}", "[klik]\n\n[klik]: {t}",
])
def test_dangerous_urls_in_markdown_links(template: str, target: str) -> None:
    assert_inert(render(template.format(t=target)))


@pytest.mark.parametrize("attack", MARKDOWN_ATTACKS)
def test_markdown_attacks_render_inert(attack: str) -> None:
    assert_inert(render(attack))


RAW_ATTACKS = MARKDOWN_ATTACKS + [f'<a href="{t}">x</a>' for t in JS_SPELLINGS]


@pytest.mark.parametrize("attack", RAW_ATTACKS)
def test_the_sanitiser_alone_removes_active_html(attack: str) -> None:
    assert_inert(sanitise(attack))


def test_allowed_external_link_survives() -> None:
    html = render("[Cổng dịch vụ công](https://dichvucong.gov.vn/p/home)")
    assert 'href="https://dichvucong.gov.vn/p/home"' in html


def test_sanitiser_keeps_only_produced_relative_urls() -> None:
    html = '<a href="/admin/delete">x</a><img src="/courses/khoa/assets/ab/a.png" alt="">'
    assert "href" not in sanitise(html)
    assert "src" not in sanitise(html)
    assert 'href="/admin/delete"' in sanitise(html, {"/admin/delete"})


def test_quiz_blocks_never_reach_the_page(tmp_path: Path) -> None:
    from learn.content import check_tree
    from tests.content.conftest import COURSE_MD, write_tree

    root = write_tree(tmp_path, {
        "c/course.md": COURSE_MD,
        "c/01-a.md": '---\ntitle: "A"\n---\n# A\n\nText.\n\n```quiz\nid: k\nquestions:\n'
                     '  - id: q\n    type: true_false\n    prompt: "BÍ-MẬT-ĐỀ"\n'
                     '    answer: true\n    feedback_true: "BÍ-MẬT-ĐÁP-ÁN"\n```\n',
    })
    course = check_tree(root).courses[0]
    assert "BÍ-MẬT" not in course.units[0].html
    assert "quiz" not in course.units[0].html
    assert "BÍ-MẬT-ĐỀ" in course.units[0].quiz.questions[0].prompt_html
