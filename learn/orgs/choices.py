"""Options of the unit selects: the units a scope covers, indented as a tree."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session
from wtforms.fields import SelectChoice

from learn.orgs.models import OrgUnit
from learn.orgs.scope import Scope
from learn.orgs.tree import flatten, tree_for

_INDENT = "\u00a0\u00a0"  # no-break spaces survive in <option> text


def options(pairs) -> list[SelectChoice]:
    """Select options from (value, label) pairs."""
    return [SelectChoice(str(value), label) for value, label in pairs]


def unit_choices(
    session: Session,
    scope: Scope,
    *,
    blank: object | None = None,
    exclude_subtree_of: OrgUnit | None = None,
    active_only: bool = True,
) -> list[SelectChoice]:
    """(id, indented name) for every unit of the scope, optionally a blank first option."""
    choices = [SelectChoice("", blank)] if blank is not None else []
    forest = tree_for(session, scope, include_inactive=not active_only, counts=False)
    for level, node in flatten(forest):
        unit = node.unit
        if exclude_subtree_of is not None and unit.path.startswith(exclude_subtree_of.path):
            continue
        choices.append(SelectChoice(str(unit.id), f"{_INDENT * level}{unit.name} ({unit.code})"))
    return choices


NO_UNIT = _l("— no unit —")
TOP_LEVEL = _l("— top level (no parent) —")
ANY_UNIT = _l("Any unit")
