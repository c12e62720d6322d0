"""Writing questions as a question bank in our YAML format (``banks/<name>.yaml``)."""

from __future__ import annotations

from typing import Any

import yaml

from learn.content.model import QuestionSource


class _BankDumper(yaml.SafeDumper):
    """Safe dumper: multi-line texts as ``|`` blocks, everything else PyYAML-quoted."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_BankDumper.add_representer(str, _str)


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def question_to_mapping(q: QuestionSource) -> dict[str, Any]:
    """One question as the mapping our YAML syntax expects."""
    out: dict[str, Any] = {"id": q.id, "type": q.type, "prompt": q.prompt_md}
    if q.type in ("single", "multiple"):
        options = []
        for o in q.options:
            option: dict[str, Any] = {"text": o.text_md}
            if o.correct:
                option["correct"] = True
            if o.weight is not None:
                option["weight"] = _number(o.weight)
            if o.feedback_md:
                option["feedback"] = o.feedback_md
            options.append(option)
        out["options"] = options
    elif q.type == "true_false":
        out["answer"] = bool(q.answer)
        if q.feedback_true_md:
            out["feedback_true"] = q.feedback_true_md
        if q.feedback_false_md:
            out["feedback_false"] = q.feedback_false_md
    elif q.type == "short_text":
        answers: list[Any] = []
        for a in q.text_answers:
            if a.weight == 100 and not a.feedback_md:
                answers.append(a.text)
            else:
                answer: dict[str, Any] = {"text": a.text, "weight": _number(a.weight)}
                if a.feedback_md:
                    answer["feedback"] = a.feedback_md
                answers.append(answer)
        out["answers"] = answers
        if not q.accent_sensitive:
            out["accent_sensitive"] = False
    elif q.type == "numeric":
        out["answers"] = [_numeric(a) for a in q.numeric_answers]
    elif q.type == "matching":
        out["pairs"] = [{"left": p.left_md, "right": p.right_md} for p in q.pairs]
    if q.explanation_md:
        out["explanation"] = q.explanation_md
    return out


def _numeric(a: Any) -> dict[str, Any]:
    item: dict[str, Any] = {}
    if a.value is not None:
        item["answer"] = _number(a.value)
        if a.tolerance:
            item["tolerance"] = _number(a.tolerance)
    else:
        item["range"] = [_number(a.low), _number(a.high)]
    if a.weight != 100:
        item["weight"] = _number(a.weight)
    if a.feedback_md:
        item["feedback"] = a.feedback_md
    return item


def to_bank_yaml(
    questions: list[QuestionSource] | tuple[QuestionSource, ...], title: str = ""
) -> str:
    """A complete ``banks/<name>.yaml`` text holding ``questions``."""
    data: dict[str, Any] = {}
    if title:
        data["title"] = title
    data["questions"] = [question_to_mapping(q) for q in questions]
    return yaml.dump(data, Dumper=_BankDumper, allow_unicode=True, sort_keys=False, width=100)
