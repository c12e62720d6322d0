"""The strict YAML loader: raw scalars, positions, and the YAML 1.1 traps."""

from __future__ import annotations

import pytest

from learn.content.diagnostics import Diagnostic, Pos, Reporter
from learn.content.fields import read_bool, read_int, read_number, read_text
from learn.content.strict_yaml import YMap, YScalar, YSeq, parse_yaml


def parse(text: str, offset: int = 0):
    sink: list[Diagnostic] = []
    return parse_yaml(text, Reporter(sink, "f.yaml", None), offset), sink


def test_scalars_stay_as_written_with_positions() -> None:
    node, sink = parse('a: 1.10\nb: yes\nc: "4.2"\nd:\n  - x\n', offset=5)
    assert sink == [] and isinstance(node, YMap)
    a = node.get("a")
    assert a == YScalar(Pos(6, 4), "1.10", True)
    assert node.get("b") == YScalar(Pos(7, 4), "yes", True)
    assert node.get("c") == YScalar(Pos(8, 4), "4.2", False)
    d = node.get("d")
    assert isinstance(d, YSeq) and d.items[0].pos == Pos(10, 5)
    assert node.keys() == ["a", "b", "c", "d"]


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "True",
                                  "FALSE"])
def test_only_true_and_false_are_booleans(word: str) -> None:
    node, _ = parse(f"x: {word}\n")
    sink: list[Diagnostic] = []
    assert read_bool(node.get("x"), Reporter(sink, "f", None), "x") is None
    assert sink[0].code == "bool_word"
    assert "write true or false" in sink[0].message("en")


@pytest.mark.parametrize(("text", "value"), [("x: true", True), ("x: false", False)])
def test_true_false(text: str, value: bool) -> None:
    node, _ = parse(text)
    assert read_bool(node.get("x"), Reporter([], "f", None), "x") is value


@pytest.mark.parametrize("raw", ["123456", "4.2", "1.10", "0x1F", "1_000", "1:30", ".inf",
                                 "-3", "1e3", "0o17"])
def test_numbers_where_text_is_expected_must_be_quoted(raw: str) -> None:
    node, _ = parse(f"text: {raw}\n")
    sink: list[Diagnostic] = []
    assert read_text(node.get("text"), Reporter(sink, "f", None), "text") is None
    assert [d.code for d in sink] == ["quote_number"]
    assert sink[0].args["value"] == raw
    quoted, _ = parse(f'text: "{raw}"\n')
    assert read_text(quoted.get("text"), Reporter([], "f", None), "text") == raw


def test_dates_and_other_plain_text_are_text() -> None:
    node, _ = parse("a: 2024-01-01\nb: Có\n")
    rep = Reporter([], "f", None)
    assert read_text(node.get("a"), rep, "a") == "2024-01-01"
    assert read_text(node.get("b"), rep, "b") == "Có"


def test_integers_and_numbers() -> None:
    node, _ = parse("a: 12\nb: '12'\nc: 1.5\nd: 3,5\ne: 010\n")
    sink: list[Diagnostic] = []
    rep = Reporter(sink, "f", None)
    assert read_int(node.get("a"), rep, "a", minimum=1) == 12
    assert read_int(node.get("b"), rep, "b") is None
    assert read_int(node.get("c"), rep, "c") is None
    assert read_number(node.get("c"), rep, "c") == 1.5
    assert read_number(node.get("d"), rep, "d") is None
    assert read_int(node.get("e"), rep, "e") == 10
    assert [d.code for d in sink] == ["expected_int", "expected_int", "decimal_comma"]


@pytest.mark.parametrize(("text", "code", "line"), [
    ("a: [1, 2\n", "yaml_syntax", 1),
    ("a: 1\n  b: 2\n", "yaml_syntax", 2),
    ("a: &x 1\nb: *x\n", "yaml_alias", 2),
    ("a: !!binary aGk=\n", "yaml_tag", 1),
    ("a: 1\na: 2\n", "yaml_duplicate_key", 2),
    ("? [a]\n: 1\n", "yaml_key_not_text", 1),
    ("a: 1\n---\nb: 2\n", "yaml_syntax", 2),
    ("a: \x00\n", "yaml_bad_character", 1),
    ("a: " + "[" * 60 + "]" * 60 + "\n", "yaml_too_deep", 1),
])
def test_yaml_problems_have_lines(text: str, code: str, line: int) -> None:
    _, sink = parse(text)
    assert [(d.code, d.line) for d in sink][:1] == [(code, line)]


def test_billion_laughs_is_refused() -> None:
    text = 'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: &c [*b, *b]\n'
    node, sink = parse(text)
    assert node is None and sink[0].code == "yaml_alias"


def test_empty_document() -> None:
    node, sink = parse("")
    assert sink == [] and isinstance(node, YScalar) and node.value == ""
