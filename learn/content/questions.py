"""Questions written in YAML (inline in a quiz block, or in ``banks/<name>.yaml``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import cache
from typing import Any

from learn.content.diagnostics import Pos, Reporter
from learn.content.fields import (
    check_keys,
    is_null,
    read_bool,
    read_enum,
    read_int,
    read_list,
    read_map,
    read_number,
    read_text,
    require,
)
from learn.content.hashing import stable_hash
from learn.content.model import (
    QUESTION_TYPES,
    MatchPair,
    NumericAnswer,
    OptionSource,
    QuestionSource,
    TextAnswer,
)
from learn.content.question_rules import question_problems
from learn.content.slugs import ID_RE
from learn.content.strict_yaml import YMap, YNode, YScalar
from learn.content.texts import TextRenderer

COMMON_KEYS = ("id", "type", "prompt", "explanation")
TYPE_KEYS = {
    "single": ("options",),
    "multiple": ("options",),
    "true_false": ("answer", "feedback_true", "feedback_false"),
    "short_text": ("answers", "accent_sensitive"),
    "numeric": ("answer", "tolerance", "range", "answers"),
    "matching": ("pairs",),
}
OPTION_KEYS = ("text", "correct", "feedback", "weight")
TEXT_ANSWER_KEYS = ("text", "weight", "feedback")
NUMERIC_ANSWER_KEYS = ("answer", "tolerance", "range", "weight", "feedback")
PAIR_KEYS = ("left", "right")
_HASH_EXCLUDED = {"content_hash", "source_file", "source_line", "title", "tags"}


def question_hash(q: QuestionSource, asset_hashes: Sequence[str] = ()) -> str:
    """Hash of everything a learner sees or grading uses (Markdown texts, answers, assets)."""
    data = {
        k: v for k, v in _as_data(q).items()
        if k not in _HASH_EXCLUDED and not k.endswith("_html")
    }
    data["assets"] = sorted(asset_hashes)
    return stable_hash(data)


def _as_data(value: Any) -> Any:
    # dataclasses.asdict() without its deep copies (the values are immutable): the same JSON.
    names = _field_names(type(value))
    if names is not None:
        return {name: _as_data(getattr(value, name)) for name in names}
    if isinstance(value, tuple | list):
        return [_as_data(item) for item in value]
    return value


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls))


def valid_id(node: YNode, rep: Reporter, field: str) -> str | None:
    """A stable id: ASCII letters, digits, ``-``, ``_`` or ``.`` (no spaces, no accents)."""
    text = read_text(node, rep, field)
    if text is None:
        return None
    if not ID_RE.match(text):
        rep.error("id_invalid", node.pos, field=field, value=text)
        return None
    return text


def parse_question(node: YNode, rep: Reporter, texts: TextRenderer) -> QuestionSource | None:
    """Read one question mapping; None (after reporting) when it has errors."""
    errors_before = rep.errors
    m = read_map(node, rep, "questions")
    if m is None:
        return None
    qtype_node = require(m, "type", rep, "question")
    qtype = read_enum(qtype_node, rep, "type", QUESTION_TYPES) if qtype_node else None
    allowed = COMMON_KEYS + (TYPE_KEYS[qtype] if qtype else tuple(
        k for keys in TYPE_KEYS.values() for k in keys))
    check_keys(m, tuple(dict.fromkeys(allowed)), rep, f"question ({qtype or '?'})")
    id_node = require(m, "id", rep, "question")
    qid = valid_id(id_node, rep, "id") if id_node else None
    prompt_node = require(m, "prompt", rep, "question")
    prompt = read_text(prompt_node, rep, "prompt") if prompt_node else None
    explanation = _optional_text(m, "explanation", rep)
    texts.take_used_assets()
    fields: dict = {}
    if qtype == "single" or qtype == "multiple":
        fields["options"] = _options(m, rep, texts)
    elif qtype == "true_false":
        answer_node = require(m, "answer", rep, "question (true_false)")
        fields["answer"] = read_bool(answer_node, rep, "answer") if answer_node else None
        for side in ("true", "false"):
            text = _optional_text(m, f"feedback_{side}", rep)
            fields[f"feedback_{side}_md"] = text
            fields[f"feedback_{side}_html"] = texts.inline(text, _pos(m, f"feedback_{side}"), rep)
    elif qtype == "short_text":
        fields["text_answers"] = _text_answers(m, rep, texts)
        accent = m.get("accent_sensitive")
        if accent is not None:
            value = read_bool(accent, rep, "accent_sensitive")
            fields["accent_sensitive"] = True if value is None else value
    elif qtype == "numeric":
        fields["numeric_answers"] = _numeric_answers(m, rep, texts)
    elif qtype == "matching":
        fields["pairs"] = _pairs(m, rep, texts)
    if qid is None or qtype is None or prompt is None or rep.errors > errors_before:
        texts.take_used_assets()
        return None
    prompt_html = texts.block(prompt, prompt_node.pos if prompt_node else None, rep)
    explanation_html = texts.block(explanation, _pos(m, "explanation"), rep)
    question = QuestionSource(
        id=qid, type=qtype, prompt_md=prompt, prompt_html=prompt_html,
        explanation_md=explanation, explanation_html=explanation_html,
        source_file=rep.file, source_line=m.pos.line, **fields,
    )
    _report_problems(question, m, rep)
    return dataclasses.replace(
        question, content_hash=question_hash(question, texts.take_used_assets())
    )


def _report_problems(q: QuestionSource, m: YMap, rep: Reporter) -> None:
    list_key = {"single": "options", "multiple": "options", "short_text": "answers",
                "numeric": "answers", "matching": "pairs"}.get(q.type)
    items = m.get(list_key) if list_key else None
    for problem in question_problems(q):
        pos = m.pos
        if problem.option is not None and items is not None:
            seq = getattr(items, "items", ())
            if problem.option < len(seq):
                pos = seq[problem.option].pos
        elif items is not None and problem.code in ("options_too_few", "pairs_too_few"):
            pos = items.pos
        if problem.severity.value == "error":
            rep.error(problem.code, pos, **problem.args)
        else:
            rep.warning(problem.code, pos, **problem.args)


def _pos(m: YMap, key: str) -> Pos | None:
    node = m.get(key)
    return node.pos if node is not None else None


def _optional_text(m: YMap, key: str, rep: Reporter) -> str:
    node = m.get(key)
    if node is None or is_null(node):
        return ""
    return read_text(node, rep, key) or ""


def _options(m: YMap, rep: Reporter, texts: TextRenderer) -> tuple[OptionSource, ...]:
    node = require(m, "options", rep, "question")
    out: list[OptionSource] = []
    for item in (read_list(node, rep, "options") or ()) if node else ():
        o = read_map(item, rep, "options")
        if o is None:
            continue
        check_keys(o, OPTION_KEYS, rep, "option")
        text_node = require(o, "text", rep, "option")
        text = read_text(text_node, rep, "text") if text_node else None
        correct_node = o.get("correct")
        correct = read_bool(correct_node, rep, "correct") if correct_node is not None else False
        weight_node = o.get("weight")
        weight = read_number(weight_node, rep, "weight") if weight_node is not None else None
        if weight is not None and not -100 <= weight <= 100:
            rep.error("weight_range", weight_node.pos if weight_node else o.pos,
                      value=f"{weight:g}", minimum=-100, maximum=100)
        feedback = _optional_text(o, "feedback", rep)
        if text is None:
            continue
        out.append(OptionSource(
            text_md=text, text_html=texts.inline(text, o.pos, rep), correct=bool(correct),
            weight=weight, feedback_md=feedback,
            feedback_html=texts.inline(feedback, _pos(o, "feedback"), rep),
        ))
    return tuple(out)


def _text_answers(m: YMap, rep: Reporter, texts: TextRenderer) -> tuple[TextAnswer, ...]:
    node = require(m, "answers", rep, "question (short_text)")
    out: list[TextAnswer] = []
    for item in (read_list(node, rep, "answers") or ()) if node else ():
        if isinstance(item, YScalar):
            text = read_text(item, rep, "answers")
            if text is not None:
                out.append(TextAnswer(text=text.strip()))
            continue
        a = read_map(item, rep, "answers")
        if a is None:
            continue
        check_keys(a, TEXT_ANSWER_KEYS, rep, "answer")
        text_node = require(a, "text", rep, "answer")
        text = read_text(text_node, rep, "text") if text_node else None
        weight = _weight(a, rep, 0, 100)
        feedback = _optional_text(a, "feedback", rep)
        if text is not None:
            out.append(TextAnswer(text=text.strip(), weight=weight, feedback_md=feedback,
                                  feedback_html=texts.inline(feedback, _pos(a, "feedback"), rep)))
    return tuple(out)


def _weight(m: YMap, rep: Reporter, minimum: int, maximum: int) -> float:
    node = m.get("weight")
    if node is None:
        return 100.0
    value = read_number(node, rep, "weight")
    if value is None:
        return 100.0
    if not minimum <= value <= maximum:
        rep.error("weight_range", node.pos, value=f"{value:g}", minimum=minimum, maximum=maximum)
    return value


def _numeric_answers(m: YMap, rep: Reporter, texts: TextRenderer) -> tuple[NumericAnswer, ...]:
    present = [k for k in ("answer", "range", "answers") if m.get(k) is not None]
    if not present:
        rep.error("numeric_answer_missing", m.pos)
        return ()
    if len(present) > 1 and present != ["answer"]:
        rep.error("numeric_answer_conflict", _pos(m, present[1]), keys=", ".join(present))
        return ()
    if present == ["answers"]:
        node = m.get("answers")
        out: list[NumericAnswer] = []
        for item in read_list(node, rep, "answers") or () if node else ():
            a = read_map(item, rep, "answers")
            if a is None:
                continue
            check_keys(a, NUMERIC_ANSWER_KEYS, rep, "answer")
            feedback = _optional_text(a, "feedback", rep)
            answer = _one_numeric(a, rep, _weight(a, rep, 0, 100), feedback,
                                  texts.inline(feedback, _pos(a, "feedback"), rep))
            if answer is not None:
                out.append(answer)
        return tuple(out)
    answer = _one_numeric(m, rep, 100.0, "", "")
    return (answer,) if answer is not None else ()


def _one_numeric(
    m: YMap, rep: Reporter, weight: float, feedback: str, feedback_html: str
) -> NumericAnswer | None:
    answer_node, range_node = m.get("answer"), m.get("range")
    if (answer_node is None) == (range_node is None):
        rep.error("numeric_answer_missing" if answer_node is None else "numeric_answer_conflict",
                  m.pos, keys="answer, range")
        return None
    if answer_node is not None:
        value = read_number(answer_node, rep, "answer")
        tolerance = 0.0
        tol_node = m.get("tolerance")
        if tol_node is not None:
            tol = read_number(tol_node, rep, "tolerance")
            if tol is not None and tol < 0:
                rep.error("tolerance_negative", tol_node.pos)
            tolerance = abs(tol) if tol is not None else 0.0
        if value is None:
            return None
        return NumericAnswer(value=value, tolerance=tolerance, weight=weight,
                             feedback_md=feedback, feedback_html=feedback_html)
    if range_node is None:
        return None
    if m.get("tolerance") is not None:
        rep.error("tolerance_with_range", _pos(m, "tolerance"))
    bounds = read_list(range_node, rep, "range")
    if bounds is None:
        return None
    if len(bounds) != 2:
        rep.error("range_shape", range_node.pos)
        return None
    low, high = (read_number(b, rep, "range") for b in bounds)
    if low is None or high is None:
        return None
    return NumericAnswer(low=low, high=high, weight=weight, feedback_md=feedback,
                         feedback_html=feedback_html)


def _pairs(m: YMap, rep: Reporter, texts: TextRenderer) -> tuple[MatchPair, ...]:
    node = require(m, "pairs", rep, "question (matching)")
    out: list[MatchPair] = []
    for item in (read_list(node, rep, "pairs") or ()) if node else ():
        p = read_map(item, rep, "pairs")
        if p is None:
            continue
        check_keys(p, PAIR_KEYS, rep, "pair")
        left_node, right_node = require(p, "left", rep, "pair"), require(p, "right", rep, "pair")
        left = read_text(left_node, rep, "left") if left_node else None
        right = read_text(right_node, rep, "right") if right_node else None
        if left is None or right is None:
            continue
        out.append(MatchPair(left, texts.inline(left, p.pos, rep),
                             right, texts.inline(right, p.pos, rep)))
    return tuple(out)


def parse_int_field(
    m: YMap, key: str, rep: Reporter, default: int | None, **limits: int
) -> int | None:
    """An optional whole-number key of ``m`` (``default`` when absent or wrong)."""
    node = m.get(key)
    if node is None or is_null(node):
        return default
    value = read_int(node, rep, key, **limits)
    return default if value is None else value
