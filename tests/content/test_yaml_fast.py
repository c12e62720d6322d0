"""The libyaml fast path of strict YAML gives exactly what the pure-Python loader gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learn.content.blocks import scan_body
from learn.content.diagnostics import Diagnostic, Pos, Reporter
from learn.content.sourcefile import split_front_matter
from learn.content.strict_yaml import YMap, YScalar, YSeq, parse_yaml, parse_yaml_pure
from learn.content.yaml_fast import compose_fast

REPO = Path(__file__).resolve().parents[2]
SETTINGS = settings(max_examples=400, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

QUIZ = """id: kiem-tra-1
pass_mark: 60
questions:
  - id: q-1
    type: single
    prompt: "Việc nào giúp bảo vệ tài khoản dịch vụ công của bạn?"
    options:
      - text: "Bật xác thực hai yếu tố"
        correct: true
        feedback: 'Đúng: kẻ gian có mật khẩu cũng chưa vào được.'
      - text: Dùng chung một mật khẩu
  - id: q-2
    type: short_text
    prompt: |
      Viết tắt của **định danh điện tử**?
    answers: ["VNeID", vneid]
    explanation: >-
      Ứng dụng
      của Bộ Công an.
"""

# Pieces of YAML, including the constructs on which libyaml and PyYAML disagree.
TOKENS = [
    "a", "key", "Việc", "x y", "1", "1.5", "yes", "~", "null", "true", ":", ": ", "-", "- ",
    " ", "  ", "\n", "\n  ", "\n    ", "\n- ", "\n  - ", '"', "'", '"q"', "'s'", "[", "]", "{",
    "}", ",", ", ", "#", " #c", "|", ">", "|-", ">+", "|2", "?", "? ", "&a ", "*a", "!", "!!str ",
    "%", "---", "...", "\\", '\\"', "\\n", "\\x41", "\\/", "@", "`", "<<", "\t", "\u00a0", "😀",
    "\x01", "''", '""', "\\N", "\r", "\u2028",
]
KEYS = ["id", "type", "prompt", "text", "a", "Việc", "x y", "<<", "? a", "'q'", '"k"', "1"]
VALUES = [
    "", "x", "1.5", "yes", "~", '"Đúng: kẻ gian"', "'it''s'", '"a\\"b"', '"\\x41\\u00e9\\n"', "|",
    "|-", ">", "|2", "|#c", "| #c", "[a, b]", "[a, [b, c]]", "{a: 1, b: 2}", "[a?, b]", "[]",
    "&x v", "*x", "!!str v", "text # comment", "a: b", '"multi\n  line"', "plain\n  continued",
    "- x", "'unclosed", "[a,", "x:y", "[a:b]", "{? a}", "\"\\\n  x\"", ">-\n  a\n\n  b",
    "|\n  a\n   b\n", "- - x", "? \n: y", "\tx",
]


@st.composite
def yaml_soup(draw: st.DrawFn) -> str:
    """Any sequence of YAML pieces (mostly broken)."""
    return "".join(draw(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=30)))


@st.composite
def yaml_lines(draw: st.DrawFn) -> str:
    """Lines shaped like a quiz block: indentation, dashes, keys and values of every kind."""
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        indent = " " * draw(st.sampled_from([0, 0, 2, 2, 4, 1, 3, 6]))
        dash = draw(st.sampled_from(["", "", "- ", "-  ", "- - "]))
        key = draw(st.sampled_from(KEYS))
        gap = draw(st.sampled_from([" ", " ", "  ", ""]))
        lines.append(f"{indent}{dash}{key}:{gap}{draw(st.sampled_from(VALUES))}")
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n", "\n# end"]))


def _parse(function, text: str) -> tuple[object, list[Diagnostic]]:
    sink: list[Diagnostic] = []
    return function(text, Reporter(sink, "f.yaml", None), 7), sink


def assert_fast_path_exact(text: str) -> None:
    """The fast path either declines or builds what the reference builds without a problem."""
    fast = compose_fast(text, 7)
    reference, sink = _parse(parse_yaml_pure, text)
    if fast is not None:
        assert (fast, []) == (reference, sink)
    assert _parse(parse_yaml, text) == (reference, sink)


@SETTINGS
@given(yaml_soup())
def test_fast_path_is_exact_on_yaml_soup(text: str) -> None:
    assert_fast_path_exact(text)


@SETTINGS
@given(yaml_lines())
def test_fast_path_is_exact_on_quiz_shaped_yaml(text: str) -> None:
    assert_fast_path_exact(text)


@pytest.mark.parametrize("text", [
    "a:\tb\n",  # libyaml accepts a tab here, PyYAML does not
    "a: |#c\n  x\n",  # libyaml takes a comment right after the indicator
    "a: [x?, y]\n",  # PyYAML ends a plain scalar at "?" inside brackets
    "? a\n",  # an empty value: libyaml places it at the end of the stream
    "---\n",
    "a: 1\n---\nb: 2\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: 1\na: 2\n",
    "<<: {a: 1}\n",
    "? [a]\n: 1\n",
    'a: "\\x01"\n',
    "%YAML 1.1\n---\na: 1\n",
    "a: " + "[" * 60 + "]" * 60 + "\n",
    "a: \udc80\n",  # not encodable as UTF-8 (never from a file, parse_yaml takes any str)
])
def test_what_libyaml_may_read_differently_goes_to_the_reference(text: str) -> None:
    assert compose_fast(text) is None
    assert_fast_path_exact(text)


def test_the_fast_path_reads_quiz_blocks_with_positions() -> None:
    fast = compose_fast(QUIZ, 7)
    reference, sink = _parse(parse_yaml_pure, QUIZ)
    assert fast is not None and sink == [] and fast == reference
    assert isinstance(fast, YMap)
    questions = fast.get("questions")
    assert isinstance(questions, YSeq) and questions.pos == Pos(11, 3)
    second = questions.items[1]
    assert isinstance(second, YMap)
    assert second.get("prompt") == YScalar(Pos(21, 13), "Viết tắt của **định danh điện tử**?\n",
                                           False)
    assert second.get("explanation") == YScalar(Pos(24, 18), "Ứng dụng của Bộ Công an.", False)


def _shipped_yaml() -> list[str]:
    texts = []
    for root in (REPO / "courses", REPO / "tests" / "content" / "fixtures",
                 REPO / "tests" / "courses" / "fixtures"):
        for path in sorted(root.rglob("*")):
            if path.suffix == ".yaml":
                texts.append(path.read_text(encoding="utf-8"))
            elif path.suffix == ".md":
                front = split_front_matter(path.read_text(encoding="utf-8"), Reporter([], "", None))
                if front is None:
                    continue
                texts.append(front.yaml_text)
                body = scan_body(front.body, front.body_first_line, Reporter([], "", None))
                texts.extend(block.yaml_text for block in body.quizzes)
    return texts


def test_every_shipped_yaml_reads_the_same_and_mostly_fast() -> None:
    texts = _shipped_yaml()
    assert len(texts) > 50
    for text in texts:
        assert_fast_path_exact(text)
    fast = sum(compose_fast(text) is not None for text in texts)
    assert fast >= 0.9 * len(texts)
