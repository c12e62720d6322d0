"""Quiz blocks: the YAML inside ```quiz fences, and resolving their question pool."""

from __future__ import annotations

from dataclasses import dataclass, field

from learn.content.blocks import QuizBlock
from learn.content.diagnostics import Pos, Reporter
from learn.content.fields import (
    check_keys,
    is_null,
    read_bool,
    read_enum,
    read_list,
    read_map,
    read_text,
    require,
)
from learn.content.hashing import stable_hash
from learn.content.model import REVIEW_MODES, BankSource, QuestionSource, QuizSource
from learn.content.questions import parse_int_field, parse_question, valid_id
from learn.content.slugs import BANK_NAME_RE
from learn.content.strict_yaml import YMap, YScalar, parse_yaml
from learn.content.texts import TextRenderer

QUIZ_KEYS = (
    "id", "pass_mark", "shuffle", "draw", "attempts", "time_limit_minutes", "review", "bank",
    "questions",
)


@dataclass
class QuizDraft:
    """A parsed quiz block whose bank is not yet resolved."""

    id: str
    pos: Pos
    pass_mark: int | None = None
    shuffle: bool = False
    draw: int | None = None
    draw_pos: Pos | None = None
    attempts: int = 0
    time_limit_minutes: int | None = None
    review: str = "after_submit"
    bank: str | None = None
    bank_pos: Pos | None = None
    questions: list[QuestionSource] = field(default_factory=list)
    written_ids: list[tuple[str, Pos]] = field(default_factory=list)  # also of broken questions
    ok: bool = True


def parse_quiz_block(block: QuizBlock, rep: Reporter, texts: TextRenderer) -> QuizDraft | None:
    """Read a quiz block; None when it cannot even be read (bad YAML, no id)."""
    errors = rep.errors
    root = parse_yaml(block.yaml_text, rep, line_offset=block.yaml_first_line - 1)
    if root is None:
        return None
    fence = Pos(block.fence_line, 1)
    if is_null(root):
        rep.error("quiz_empty", fence)
        return None
    m = read_map(root, rep, "quiz")
    if m is None:
        return None
    check_keys(m, QUIZ_KEYS, rep, "quiz")
    id_node = require(m, "id", rep, "quiz")
    quiz_id = valid_id(id_node, rep, "id") if id_node else None
    draft = QuizDraft(id=quiz_id or "", pos=fence)
    draft.pass_mark = parse_int_field(m, "pass_mark", rep, None, minimum=0, maximum=100)
    shuffle = m.get("shuffle")
    if shuffle is not None:
        draft.shuffle = bool(read_bool(shuffle, rep, "shuffle"))
    draft.draw = parse_int_field(m, "draw", rep, None, minimum=1)
    draft.draw_pos = m.get("draw").pos if m.get("draw") is not None else None
    draft.attempts = parse_int_field(m, "attempts", rep, 0, minimum=0) or 0
    draft.time_limit_minutes = parse_int_field(m, "time_limit_minutes", rep, None, minimum=1)
    review = m.get("review")
    if review is not None:
        draft.review = read_enum(review, rep, "review", REVIEW_MODES) or "after_submit"
    bank = m.get("bank")
    if bank is not None:
        draft.bank_pos = bank.pos
        name = read_text(bank, rep, "bank")
        if name is not None:
            name = name.removesuffix(".yaml").removesuffix(".gift").removeprefix("banks/")
            if BANK_NAME_RE.match(name):
                draft.bank = name
            else:
                rep.error("bank_name_invalid", bank.pos, name=name)
    questions = m.get("questions")
    for item in (read_list(questions, rep, "questions") or ()) if questions is not None else ():
        question = parse_question(item, rep, texts)
        if question is not None:
            draft.questions.append(question)
        written = item.get("id") if isinstance(item, YMap) else None
        if isinstance(written, YScalar) and written.value:
            draft.written_ids.append((written.value, item.pos))
    if questions is None and bank is None:
        rep.error("quiz_no_questions", fence)
    draft.ok = rep.errors == errors and quiz_id is not None
    return draft if quiz_id is not None else None


def resolve_quiz(
    draft: QuizDraft, bank: BankSource | None, default_pass_mark: int, rep: Reporter
) -> QuizSource | None:
    """The final quiz: pool = inline questions then bank questions; checks ``draw``."""
    pool = tuple(draft.questions) + (bank.questions if bank else ())
    if not pool:
        if draft.ok:
            rep.error("quiz_no_questions", draft.pos)
        return None
    if draft.draw is not None and draft.draw > len(pool):
        rep.error("draw_too_large", draft.draw_pos or draft.pos, draw=draft.draw, pool=len(pool))
        return None
    pass_mark = default_pass_mark if draft.pass_mark is None else draft.pass_mark
    settings = {
        "id": draft.id, "pass_mark": pass_mark, "shuffle": draft.shuffle, "draw": draft.draw,
        "attempts": draft.attempts, "time_limit_minutes": draft.time_limit_minutes,
        "review": draft.review, "questions": [q.content_hash for q in pool],
    }
    return QuizSource(
        id=draft.id, pass_mark=pass_mark, shuffle=draft.shuffle, draw=draft.draw,
        attempts=draft.attempts, time_limit_minutes=draft.time_limit_minutes,
        review=draft.review, bank=draft.bank, questions=pool,
        content_hash=stable_hash(settings), line=draft.pos.line,
    )
