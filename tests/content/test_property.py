"""Property tests: the checker never raises, and broken input is always reported."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learn.content import check_tree, parse_gift
from tests.content.conftest import COURSE_MD, write_tree

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

VALID_UNIT = """---
title: "Bài một"
competences: ["4.2"]
---
# Bài một

Nội dung [liên kết](01-mot.md#bài-một).

```quiz
id: kiem-tra
questions:
  - id: q1
    type: single
    prompt: "Câu hỏi?"
    options:
      - text: "Đúng"
        correct: true
      - text: "Sai"
        feedback: "Vì sai."
```
"""

yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-1000, 1000), st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["yes", "no", "on", "1.10", "4.2", "~", "null", "*a", "&a x", "!!str x",
                     "[", "{", "- -", ": :", "'", '"', "|", ">", "```", "---", "\t"]),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(
            ["id", "type", "prompt", "options", "text", "correct", "feedback", "answers",
             "answer", "range", "pairs", "left", "right", "title", "questions", "bank", "draw",
             "weight", "tolerance", "competences", "required", "objectives", "x"]),
            children, max_size=5),
    ),
    max_leaves=12,
)


@st.composite
def yaml_texts(draw) -> str:
    """YAML text: dumped random structures, raw garbage, or a mix of both."""
    kind = draw(st.integers(0, 2))
    if kind == 0:
        return yaml.safe_dump(draw(yaml_values), allow_unicode=True)
    if kind == 1:
        return draw(st.text(max_size=80))
    lines = yaml.safe_dump(draw(yaml_values), allow_unicode=True).split("\n")
    index = draw(st.integers(0, len(lines)))
    return "\n".join([*lines[:index], draw(st.text(max_size=20)), *lines[index:]])


@st.composite
def markdown_files(draw) -> str | bytes:
    """A unit-like file: front matter (maybe broken), body, quiz blocks (maybe broken)."""
    parts = []
    if draw(st.booleans()):
        parts.append("---\n" + draw(yaml_texts()) + ("\n---\n" if draw(st.booleans()) else "\n"))
    parts.append(draw(st.text(max_size=60)))
    for _ in range(draw(st.integers(0, 2))):
        fence = draw(st.sampled_from(["```", "~~~", "````", "    ```"]))
        closing = draw(st.sampled_from([fence, "", "```"]))
        parts.append(f"\n{fence}{draw(st.sampled_from(['quiz', 'Quiz', 'python', '']))}\n"
                     f"{draw(yaml_texts())}\n{closing}\n")
    text = "".join(parts)
    if draw(st.booleans()):
        return text
    data = text.encode("utf-8")
    cut = draw(st.integers(0, len(data)))
    return data[:cut] + draw(st.binary(min_size=1, max_size=6)) + data[cut:]


file_names = st.sampled_from([
    "course.md", "01-mot.md", "02-hai.md", "02-Hai.md", "3-ba.md", "banks/b.yaml",
    "banks/b.gift", "assets/a.png", "assets/a.svg", "notes.txt", "01-mot.md.bak",
])


@SETTINGS
@given(files=st.dictionaries(file_names, markdown_files(), min_size=1, max_size=5),
       slug=st.sampled_from(["c", "Khoa Hoc", "khoa-hoc", "_hidden"]))
def test_check_tree_never_raises(files: dict[str, str | bytes], slug: str) -> None:
    root = Path(tempfile.mkdtemp())
    try:
        write_tree(root, {f"{slug}/{name}": content for name, content in files.items()})
        report = check_tree(root)
        assert "internal_error" not in {d.code for d in report.diagnostics}, [
            d.format("en") for d in report.diagnostics]
        for d in report.diagnostics:
            assert d.message("vi") and d.message("en")
            assert d.line is None or d.line >= 1
    finally:
        shutil.rmtree(root)


def _corrupt(kind: int, noise: str, data: bytes) -> dict[str, str | bytes]:
    if kind == 0:  # bytes that are not UTF-8
        return {"c/01-mot.md": VALID_UNIT.encode() + b"\xff" + data}
    if kind == 1:  # no closing front matter line
        return {"c/01-mot.md": VALID_UNIT.replace("---\n#", "#", 1)}
    if kind == 2:  # text before the front matter
        return {"c/01-mot.md": "x" + noise + VALID_UNIT}
    if kind == 3:  # quiz block never closed
        return {"c/01-mot.md": VALID_UNIT.rstrip().removesuffix("```")}
    if kind == 4:  # unknown key
        return {"c/01-mot.md": VALID_UNIT.replace("title:", f"zz{abs(hash(noise))}: 1\ntitle:")}
    if kind == 5:  # broken YAML value
        return {"c/01-mot.md": VALID_UNIT.replace('"Bài một"', "[" + noise.replace("]", ""))}
    if kind == 6:  # a number where text is expected
        return {"c/01-mot.md": VALID_UNIT.replace('"Sai"', str(len(noise) + 1))}
    return {"c/01-mot.md": VALID_UNIT.replace('"4.2"', "4.2")}  # unquoted competence


@SETTINGS
@given(kind=st.integers(0, 7), noise=st.text(max_size=30), data=st.binary(max_size=30))
def test_broken_input_is_always_reported(kind: int, noise: str, data: bytes) -> None:
    root = Path(tempfile.mkdtemp())
    try:
        write_tree(root, {"c/course.md": COURSE_MD, **_corrupt(kind, noise, data)})
        report = check_tree(root)
        assert report.errors, kind
        assert report.publishable == ()
        assert "internal_error" not in {d.code for d in report.diagnostics}
    finally:
        shutil.rmtree(root)


def test_the_valid_base_is_clean(tmp_path: Path) -> None:
    report = check_tree(write_tree(tmp_path, {"c/course.md": COURSE_MD, "c/01-mot.md": VALID_UNIT}))
    assert report.diagnostics == ()


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(list("{}=~#:%->\\\n abcT1.[]/$")), max_size=80))
def test_gift_parser_never_raises(text: str) -> None:
    questions, diagnostics = parse_gift(text)
    for d in diagnostics:
        assert d.line is None or d.line >= 1
    assert all(q.id for q in questions)
