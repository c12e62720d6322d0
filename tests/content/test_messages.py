"""Every message exists in Vietnamese and English with the same placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from learn.content import MESSAGES, Diagnostic, Severity
from learn.content.messages import PLACES, WARNING_CODES, render_message
from tests.content.test_checker_errors import CASES

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "learn" / "content"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_both_languages_with_the_same_placeholders(code: str) -> None:
    entry = MESSAGES[code]
    assert set(entry) == {"vi", "en"}
    assert entry["vi"].strip() and entry["en"].strip()
    assert entry["vi"] != entry["en"]
    assert _fields(entry["vi"]) == _fields(entry["en"])


def test_every_code_used_in_the_code_has_a_message() -> None:
    used: set[str] = set()
    for path in SOURCE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'\.(?:error|warning)\(\s*"([a-z0-9_]+)"', text))
        used |= set(re.findall(r'Problem\([^,]+,\s*"([a-z0-9_]+)"', text))
        used |= set(re.findall(r'"([a-z0-9_]+)" if is_quiz else "([a-z0-9_]+)"', text)[0]
                    if "is_quiz else" in text else ())
    assert used, "no codes found"
    assert used - set(MESSAGES) == set()


def test_places_are_translated() -> None:
    for place in PLACES.values():
        assert set(place) == {"vi", "en"}
    msg = render_message("unknown_key", {"key": "x", "where": "question (single)",
                                         "allowed": "id"}, "vi")
    assert "câu hỏi (single)" in msg


def test_rendering_never_fails() -> None:
    assert render_message("unknown_key", {}, "en").startswith("The key “?”")
    assert render_message("no_such_code", {}, "en") == "Problem “no_such_code”."
    assert render_message("quote_number", {"value": 1, "field": "x"}, "fr").startswith("“1”")


def test_diagnostic_formatting() -> None:
    d = Diagnostic("c/01-a.md", 3, 7, Severity.ERROR, "bool_word", {"field": "x", "value": "on"})
    assert d.format("en") == (
        "c/01-a.md:3:7: error: “on” for “x” is not read as yes/no: write true or false.")
    assert d.to_json("vi")["message"].endswith("hãy viết true hoặc false.")
    assert Diagnostic("c", None, None, Severity.WARNING, "bank_empty").location == "c"


def test_warning_codes_match_what_the_checker_reports() -> None:
    table = {code: severity for _, _, _, code, severity in CASES}
    assert {c for c, s in table.items() if s == "warning"} <= WARNING_CODES
    assert {c for c, s in table.items() if s == "error"}.isdisjoint(WARNING_CODES)
    assert set(MESSAGES) >= WARNING_CODES


def test_the_authoring_guide_lists_every_message() -> None:
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    for code, entry in MESSAGES.items():
        label = "W" if code in WARNING_CODES else "E"
        row = f"| `{code}` | {label} | {entry['vi'].replace('|', chr(92) + '|')} |"
        assert row in guide, code
