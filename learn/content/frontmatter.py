"""The front matter of ``course.md`` and of unit files: keys, types, defaults."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from learn.content.diagnostics import Pos, Reporter
from learn.content.fields import (
    check_keys,
    is_null,
    looks_like_number,
    read_bool,
    read_enum,
    read_list,
    read_map,
    read_text,
    read_text_list,
    require,
    suggest,
)
from learn.content.model import AUDIENCES, LANGUAGES, LEVELS
from learn.content.questions import parse_int_field
from learn.content.strict_yaml import YMap, YNode, YScalar

COURSE_KEYS = (
    "title", "summary", "audience", "level", "duration_minutes", "language", "competences",
    "pass_mark", "certificate", "order", "draft", "prerequisites", "authors",
)
UNIT_KEYS = ("title", "duration_minutes", "objectives", "competences", "required")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class CourseMeta:
    """The course front matter, with defaults applied."""

    title: str = ""
    summary: str = ""
    audience: tuple[str, ...] = ("official", "citizen")
    level: str = "basic"
    duration_minutes: int | None = None
    language: str = "vi"
    competences: tuple[str, ...] = ()
    pass_mark: int = 70
    certificate: bool = False
    order: int = 100
    draft: bool = False
    prerequisites: list[tuple[str, Pos]] = field(default_factory=list)
    authors: tuple[str, ...] = ()


@dataclass
class UnitMeta:
    """A unit's front matter, with defaults applied."""

    title: str = ""
    duration_minutes: int = 10
    objectives: tuple[str, ...] = ()
    competences: tuple[str, ...] = ()
    required: bool = True


def read_course_meta(root: YNode, rep: Reporter, codes: Collection[str]) -> CourseMeta | None:
    """Read course.md's front matter; None when it is not a mapping."""
    m = _top_map(root, rep)
    if m is None:
        return None
    check_keys(m, COURSE_KEYS, rep, "course.md")
    meta = CourseMeta()
    meta.title = _required_text(m, "title", rep, "course.md")
    meta.summary = _required_text(m, "summary", rep, "course.md")
    node = m.get("audience")
    if node is not None:
        items = read_list(node, rep, "audience") or ()
        meta.audience = tuple(
            v for v in (read_enum(i, rep, "audience", AUDIENCES) for i in items) if v
        )
        if not items:
            rep.error("empty_field", node.pos, field="audience")
    meta.level = _enum(m, "level", LEVELS, "basic", rep)
    meta.language = _enum(m, "language", LANGUAGES, "vi", rep)
    meta.duration_minutes = parse_int_field(m, "duration_minutes", rep, None, minimum=1)
    meta.competences = read_competences(m.get("competences"), rep, codes)
    meta.pass_mark = parse_int_field(m, "pass_mark", rep, 70, minimum=0, maximum=100) or 0
    meta.certificate = _bool(m, "certificate", False, rep)
    meta.order = parse_int_field(m, "order", rep, 100) or 0
    meta.draft = _bool(m, "draft", False, rep)
    node = m.get("prerequisites")
    if node is not None:
        meta.prerequisites = read_text_list(node, rep, "prerequisites")
    node = m.get("authors")
    if node is not None:
        authors = []
        for text, pos in read_text_list(node, rep, "authors"):
            if _EMAIL_RE.match(text.strip()):
                authors.append(text.strip())
            else:
                rep.error("author_email", pos, value=text)
        meta.authors = tuple(authors)
    return meta


def read_unit_meta(root: YNode, rep: Reporter, codes: Collection[str]) -> UnitMeta | None:
    """Read a unit's front matter; None when it is not a mapping."""
    m = _top_map(root, rep)
    if m is None:
        return None
    check_keys(m, UNIT_KEYS, rep, "unit")
    meta = UnitMeta()
    meta.title = _required_text(m, "title", rep, "unit")
    meta.duration_minutes = parse_int_field(m, "duration_minutes", rep, 10, minimum=1) or 10
    node = m.get("objectives")
    if node is not None:
        meta.objectives = tuple(t for t, _ in read_text_list(node, rep, "objectives"))
    meta.competences = read_competences(m.get("competences"), rep, codes)
    meta.required = _bool(m, "required", True, rep)
    return meta


def read_competences(node: YNode | None, rep: Reporter, codes: Collection[str]) -> tuple[str, ...]:
    """Competence codes: quoted strings known to the framework (``"4.2"``, not ``4.2``)."""
    if node is None:
        return ()
    out: list[str] = []
    for item in read_list(node, rep, "competences") or ():
        if isinstance(item, YScalar) and looks_like_number(item):
            rep.error("competence_unquoted", item.pos, value=item.value)
            continue
        code = read_text(item, rep, "competences")
        if code is None:
            continue
        if code not in codes:
            hint = suggest(code, sorted(codes))
            args = {"code": code}
            if hint:
                args["suggestion"] = hint
            rep.error("competence_unknown", item.pos, **args)
            continue
        if code in out:
            rep.error("competence_duplicate", item.pos, code=code)
            continue
        out.append(code)
    return tuple(out)


def _top_map(root: YNode, rep: Reporter) -> YMap | None:
    if is_null(root):
        return YMap(root.pos, ())
    return read_map(root, rep, "front matter")


# What the database stores for a title; a longer one is reported here, not refused there.
TITLE_MAX_LENGTH = 300


def _required_text(m: YMap, key: str, rep: Reporter, where: str) -> str:
    node = require(m, key, rep, where)
    text = (read_text(node, rep, key) or "") if node else ""
    if key == "title" and len(text) > TITLE_MAX_LENGTH:
        rep.error("text_too_long", node.pos, field=key, limit=TITLE_MAX_LENGTH, length=len(text))
        return ""
    return text


def _enum(m: YMap, key: str, choices: tuple[str, ...], default: str, rep: Reporter) -> str:
    node = m.get(key)
    if node is None:
        return default
    return read_enum(node, rep, key, choices) or default


def _bool(m: YMap, key: str, default: bool, rep: Reporter) -> bool:
    node = m.get(key)
    if node is None:
        return default
    value = read_bool(node, rep, key)
    return default if value is None else value
