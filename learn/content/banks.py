"""Question banks: ``banks/<name>.yaml`` (our YAML) or ``banks/<name>.gift`` (Moodle GIFT)."""

from __future__ import annotations

from pathlib import Path

from learn.content.diagnostics import Reporter
from learn.content.fields import check_keys, is_null, read_list, read_map, read_text, require
from learn.content.gift import parse_gift_into
from learn.content.model import BankSource, QuestionSource
from learn.content.questions import parse_question
from learn.content.sourcefile import read_source
from learn.content.strict_yaml import parse_yaml
from learn.content.texts import TextRenderer

BANK_KEYS = ("title", "questions")


def load_bank(path: Path, rep: Reporter, texts: TextRenderer) -> BankSource | None:
    """Read one bank file (``rep`` reports into that file); None when unreadable."""
    text = read_source(path, rep)
    if text is None:
        return None
    name = path.stem
    if path.suffix == ".gift":
        questions = parse_gift_into(text, rep, texts)
        return BankSource(name=name, title="", questions=tuple(questions), path=rep.file)
    root = parse_yaml(text, rep)
    if root is None:
        return None
    if is_null(root):
        rep.error("bank_empty", None)
        return None
    m = read_map(root, rep, "bank")
    if m is None:
        return None
    check_keys(m, BANK_KEYS, rep, "bank")
    title_node = m.get("title")
    title = (read_text(title_node, rep, "title") or "") if title_node is not None else ""
    questions: list[QuestionSource] = []
    node = require(m, "questions", rep, "bank")
    for item in (read_list(node, rep, "questions") or ()) if node else ():
        question = parse_question(item, rep, texts)
        if question is not None:
            questions.append(question)
    return BankSource(name=name, title=title, questions=tuple(questions), path=rep.file)
