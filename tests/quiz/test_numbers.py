"""Reading numbers typed by learners: Vietnamese first, international forms understood."""

import pytest

from learn.quiz.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", 42.0),
        ("  42  ", 42.0),
        ("007", 7.0),
        # a single comma is the decimal separator
        ("3,5", 3.5),
        ("0,25", 0.25),
        ("1,500", 1.5),
        (",5", 0.5),
        # a single dot is a decimal point unless it can only be a thousands group
        ("3.5", 3.5),
        ("3.14", 3.14),
        ("1234.567", 1234.567),
        ("0.500", 0.5),
        (".5", 0.5),
        ("500.000", 500000.0),
        ("1.500", 1500.0),
        ("12.345", 12345.0),
        # repeated separators group thousands
        ("1.000.000", 1_000_000.0),
        ("1,000,000", 1_000_000.0),
        ("1 000 000", 1_000_000.0),
        ("1\u00a0000\u00a0000", 1_000_000.0),
        ("1\u202f000", 1000.0),
        # both separators: the last one is the decimal separator
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.234.567,89", 1_234_567.89),
        ("1,234,567.89", 1_234_567.89),
        # spaces group thousands, so a dot after them is a decimal point
        ("1 000,5", 1000.5),
        ("1 000.500", 1000.5),
        # signs
        ("-3,5", -3.5),
        ("\u22122", -2.0),
        ("+4", 4.0),
        ("- 7", -7.0),
    ],
)
def test_reads_numbers(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        None, "", "   ", "-", "abc", "3 m", "12.5%", "1e3", "1.2.3", "3,5,6", "5.", "5,",
        "1 0", "1 234,567.5", "1.234,", "1,2.3", "+-5", "٣", "9" * 400, "1..5", "1,,5",
    ],
)
def test_refuses_what_is_not_a_number(text):
    assert parse_number(text) is None
