"""The demo province's people, inserted in bulk (no passwords: activation pending)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from learn.auth.models import User, UserRole
from learn.db import utcnow
from learn.orgs import demo_names as names
from learn.orgs.demo_tree import DemoTree
from learn.orgs.models import OrgMembership, OrgUnit, UserSearch
from learn.orgs.search_index import search_row

OFFICIAL_SHARE = 0.88
CITIZENS_IN_A_COMMUNE = 0.6
UNITS_WITH_SPECIALIST = 0.8
UNIT_WEIGHTS = {"province": 6, "department": 12, "office": 5, "district": 6, "commune": 4,
                "other": 2}
BATCH = 5000


@dataclass
class DemoPerson:
    """A generated person as the progress generator needs them."""

    user_id: int
    name: str
    kind: str
    unit: OrgUnit | None
    specialist: bool
    created_at: datetime


@dataclass
class DemoPeople:
    """Everybody generated."""

    people: list[DemoPerson] = field(default_factory=list)

    def count(self, kind: str) -> int:
        """How many people of this kind."""
        return sum(1 for p in self.people if p.kind == kind)

    @property
    def specialists(self) -> int:
        """How many designated DX specialists."""
        return sum(1 for p in self.people if p.specialist)


def insert_batches(session: Session, model, rows: list[dict]) -> None:
    """INSERT many rows in a few statements (Core: no ORM bookkeeping per row)."""
    statement = insert(model.__table__)
    for start in range(0, len(rows), BATCH):
        session.execute(statement, rows[start : start + BATCH])


def _email(name: str, number: int, tag: str) -> str:
    email = names.email_for(name, number)
    return email.replace("@", f"+{tag}@") if tag else email


def generate_people(
    session: Session, rng: random.Random, tree: DemoTree, learners: int, tag: str = ""
) -> DemoPeople:
    """Create `learners` people: mostly officials placed in units, some citizens."""
    now = utcnow()
    units = tree.all
    weights = [UNIT_WEIGHTS.get(u.kind, 2) for u in units]
    officials = round(learners * OFFICIAL_SHARE)
    placed: list[tuple[str, OrgUnit | None]] = [
        ("official", unit) for unit in rng.choices(units, weights=weights, k=officials)
    ]
    for _ in range(learners - officials):
        home = rng.choice(tree.communes) if rng.random() < CITIZENS_IN_A_COMMUNE else None
        placed.append(("citizen", home))
    rows, created = [], []
    for number, (kind, _unit) in enumerate(placed, start=1):
        name = names.person_name(rng)
        joined = now - timedelta(days=rng.uniform(30, 240))
        created.append(joined)
        rows.append({
            "email": _email(name, number, tag), "full_name": name, "kind": kind,
            "password_hash": None, "is_active": rng.random() > 0.01,  # nosec B105
            "preferred_language": "vi", "created_at": joined,
        })
    ids: list[int] = []
    for start in range(0, len(rows), BATCH):
        result = session.execute(
            insert(User).returning(User.id, sort_by_parameter_order=True),
            rows[start : start + BATCH],
        )
        ids.extend(result.scalars().all())
    insert_batches(session, UserRole, [{"user_id": i, "role": "learner"} for i in ids])
    insert_batches(session, UserSearch, [
        search_row(i, row["full_name"], row["email"]) for i, row in zip(ids, rows, strict=True)
    ])
    specialists = _choose_specialists(rng, ids, placed)
    memberships = []
    result = DemoPeople()
    for user_id, row, (kind, unit), joined in zip(ids, rows, placed, created, strict=True):
        specialist = user_id in specialists
        if unit is not None:
            position = names.pick(rng, names.POSITIONS.get(unit.kind, names.POSITIONS["office"]))
            memberships.append({
                "user_id": user_id, "org_unit_id": unit.id, "is_dx_specialist": specialist,
                "position": "Chuyên viên công nghệ thông tin" if specialist else (
                    position if kind == "official" else None),
            })
        result.people.append(
            DemoPerson(user_id, row["full_name"], kind, unit, specialist, joined))
    insert_batches(session, OrgMembership, memberships)
    return result


def _choose_specialists(rng: random.Random, ids: list[int], placed) -> set[int]:
    """One official per unit is its DX specialist, in most units but not all."""
    by_unit: dict[int, list[int]] = {}
    for user_id, (kind, unit) in zip(ids, placed, strict=True):
        if kind == "official" and unit is not None:
            by_unit.setdefault(unit.id, []).append(user_id)
    return {
        rng.choice(members)
        for _unit_id, members in sorted(by_unit.items())
        if rng.random() < UNITS_WITH_SPECIALIST
    }
