"""The attempt page's view of each question: what to ask, never the answer key.

Only prompts, option texts and matching texts are copied out of QuestionVersion.data;
`correct`, weights, feedback, accepted answers, ranges and explanations stay on the server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from learn.quiz.form_answers import field_name, is_unreadable_number, row_name
from learn.quiz.questions import DrawnQuestion

_ONE_PARAGRAPH = re.compile(r"^\s*<p>((?:(?!</?p[ >]).)*)</p>\s*$", re.DOTALL)
_BLOCK_TAG = re.compile(
    r"<(?:p|div|ul|ol|li|dl|table|pre|blockquote|h[1-6]|figure|hr|details|section)[\s/>]",
    re.IGNORECASE,
)


def inline_html(html: str) -> tuple[Markup, bool]:
    """The HTML without its single <p> wrapper, and whether it fits inside a <label>."""
    html = html or ""
    # Question HTML was sanitised with nh3 when the course was published.
    match = _ONE_PARAGRAPH.match(html)
    if match and not _BLOCK_TAG.search(match.group(1)):
        return Markup(match.group(1)), True  # noqa: S704  # nosec B704
    return Markup(html), _BLOCK_TAG.search(html) is None  # noqa: S704  # nosec B704


@dataclass(frozen=True)
class Choice:
    """A radio button or checkbox (value = index in the stored order) and its text."""

    input_id: str
    value: str
    html: Markup
    inline: bool
    selected: bool


@dataclass(frozen=True)
class MatchRow:
    """A left-hand item of a matching question and its <select>."""

    input_id: str
    name: str
    html: Markup
    inline: bool
    selected: str


@dataclass(frozen=True)
class AskedQuestion:
    """Everything the attempt page shows for one question."""

    position: int
    type: str
    name: str
    prompt_html: Markup
    choices: list[Choice] = field(default_factory=list)
    rights: list[tuple[str, str]] = field(default_factory=list)  # (value, plain text)
    rows: list[MatchRow] = field(default_factory=list)
    text: str = ""
    answered: bool = False
    unreadable_number: bool = False


def _choices(name: str, order: list[str], htmls: dict[str, str], chosen: set[str]) -> list[Choice]:
    result = []
    for index, key in enumerate(order):
        html, inline = inline_html(htmls.get(key, ""))
        result.append(Choice(f"{name}-{index}", str(index), html, inline, key in chosen))
    return result


def asked_question(question: DrawnQuestion, true_label: str, false_label: str) -> AskedQuestion:
    """The view of one question with the learner's saved answer filled in."""
    data, answer, order = question.data, question.row.answer or {}, question.row.option_order
    position, name = question.position, field_name(question.position)
    prompt = Markup(data.get("prompt_html", ""))  # noqa: S704  # nosec B704
    common = {"position": position, "type": question.type, "name": name, "prompt_html": prompt,
              "answered": bool(question.row.answer)}
    if question.type in ("single", "multiple"):
        htmls = {o["key"]: o["html"] for o in data.get("options", [])}
        chosen = {answer.get("choice")} if question.type == "single" else set(
            answer.get("choices") or [])
        return AskedQuestion(**common, choices=_choices(name, order, htmls, chosen))
    if question.type == "true_false":
        value = answer.get("value")
        choices = [
            Choice(f"{name}-true", "true", Markup.escape(true_label), True, value is True),
            Choice(f"{name}-false", "false", Markup.escape(false_label), True, value is False),
        ]
        return AskedQuestion(**common, choices=choices)
    if question.type in ("short_text", "numeric"):
        return AskedQuestion(**common, text=answer.get("text") or "",
                             unreadable_number=is_unreadable_number(question, question.row.answer))
    if question.type == "matching":
        pairs = {p["key"]: p for p in data.get("pairs", [])}
        rights_order = order.get("rights", [])
        rights = [(str(i), Markup(pairs[key]["right_html"]).striptags())  # noqa: S704  # nosec B704
                  for i, key in enumerate(rights_order) if key in pairs]
        matches = answer.get("matches") or {}
        rows = []
        for row, left in enumerate(order.get("lefts", [])):
            html, inline = inline_html(pairs.get(left, {}).get("left_html", ""))
            chosen = matches.get(left)
            selected = str(rights_order.index(chosen)) if chosen in rights_order else ""
            rows.append(MatchRow(f"{row_name(position, row)}", row_name(position, row), html,
                                 inline, selected))
        return AskedQuestion(**common, rights=rights, rows=rows)
    return AskedQuestion(**common)
