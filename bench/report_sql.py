"""The baseline of the report benchmark: ONE hand-written aggregate query computing the
organisation report's numbers (per child unit: learners, assigned pairs, started,
completed, overdue), written from the report's
documented rules, independently of its code. The prefix join runs between units and
assignments (hundreds x tens of rows) before members are joined by unit id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlalchemy.engine import Connection

_SQL = """
WITH covered AS (
    SELECT mu.id AS unit_id, mu.path AS member_path, a.course_id, a.audience, a.due_date
    FROM assignments a
    JOIN courses c ON c.id = a.course_id
    JOIN org_units au ON au.id = a.org_unit_id
    JOIN org_units mu ON substr(mu.path, 1, length(au.path)) = au.path
    WHERE a.is_active = :yes AND c.retired_at IS NULL AND mu.path LIKE :prefix
), pairs AS (
    SELECT m.user_id, cv.member_path, cv.course_id, MIN(cv.due_date) AS due_date
    FROM covered cv
    JOIN org_memberships m ON m.org_unit_id = cv.unit_id
    JOIN users u ON u.id = m.user_id
    WHERE u.is_active = :yes
      AND (cv.audience = 'all'
           OR (cv.audience = 'officials' AND u.kind = 'official')
           OR (cv.audience = 'specialists' AND m.is_dx_specialist = :yes))
    GROUP BY m.user_id, cv.member_path, cv.course_id
), per_learner AS (
    SELECT {child} AS child, p.user_id, COUNT(*) AS pairs,
           SUM(CASE WHEN cp.id IS NOT NULL THEN 1 ELSE 0 END) AS started,
           SUM(CASE WHEN cc.id IS NOT NULL THEN 1 ELSE 0 END) AS completed,
           SUM(CASE WHEN cc.id IS NULL AND p.due_date < :today THEN 1 ELSE 0 END) AS overdue
    FROM pairs p
    LEFT JOIN course_progress cp ON cp.user_id = p.user_id AND cp.course_id = p.course_id
    LEFT JOIN course_completions cc ON cc.user_id = p.user_id AND cc.course_id = p.course_id
    GROUP BY {child}, p.user_id
)
SELECT child, COUNT(*), SUM(pairs), SUM(started), SUM(completed), SUM(overdue)
FROM per_learner
GROUP BY child
"""


@dataclass(frozen=True)
class Line:
    """The numbers of one report line (started: a progress record exists)."""

    learners: int
    pairs: int
    started: int
    completed: int
    overdue: int


def _child_expression(dialect: str, prefix_length: int) -> str:
    """SQL: the path of the child of the chosen unit that holds the member's unit.

    The member path is cut after the first "/" following the chosen unit's own path; a
    member placed in the chosen unit itself gives that unit's path (its "own members").
    """
    find = "instr({s}, '/')" if dialect == "sqlite" else "strpos({s}, '/')"
    rest = f"substr(p.member_path, {prefix_length + 1})"
    return (f"CASE WHEN length(p.member_path) = {prefix_length} THEN p.member_path "
            f"ELSE substr(p.member_path, 1, {prefix_length} + {find.format(s=rest)}) END")


def baseline_statement(dialect: str, unit_path: str | None):
    """The query for a unit's report (None: the whole province, children = the roots)."""
    prefix = unit_path or "/"
    return text(_SQL.format(child=_child_expression(dialect, len(prefix))))


def baseline_params(dialect: str, unit_path: str | None, today: date) -> dict:
    """Bind values (SQLite stores dates as ISO text and booleans as 0/1)."""
    # Materialised paths hold only digits and "/": nothing to escape in LIKE.
    sqlite = dialect == "sqlite"
    return {"prefix": (unit_path or "/") + "%", "today": today.isoformat() if sqlite else today,
            "yes": 1 if sqlite else True}


def report_numbers(connection: Connection, unit_path: str | None, today: date) -> dict[str, Line]:
    """{child path: Line} for the unit (own members under the unit's own path)."""
    dialect = connection.dialect.name
    rows = connection.execute(baseline_statement(dialect, unit_path),
                              baseline_params(dialect, unit_path, today))
    return {child: Line(*(int(v or 0) for v in values)) for child, *values in rows}
