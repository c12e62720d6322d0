"""Importing people from CSV: email,full_name,unit_code,kind,position,is_dx_specialist.

First a plan (every row: create, update, unchanged or error with its reason), then the whole
file is applied or nothing. Upsert by email. Roles and passwords never come from a file: new
accounts get a one-time activation link. An empty cell leaves the current value unchanged
(or the default for a new person).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from learn.auth import services as accounts
from learn.auth.models import User
from learn.core.text import fold
from learn.orgs import people
from learn.orgs.csv_import import ImportPlan, RowPlan, check_columns, mark_errors, note_first
from learn.orgs.csvfile import CsvTable, write_csv
from learn.orgs.errors import OrgError
from learn.orgs.models import OrgMembership, OrgUnit
from learn.orgs.scope import Scope

USER_COLUMNS = ("email", "full_name", "unit_code", "kind", "position", "is_dx_specialist")
REQUIRED_COLUMNS = ("email", "full_name")
NEVER_IMPORTED = ("role", "roles", "password", "password_hash", "mat_khau", "vai_tro")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
TRUE_WORDS = frozenset({"true", "1", "x", "yes", "y", "co", "dung"})
FALSE_WORDS = frozenset({"false", "0", "no", "n", "khong", "sai"})
KIND_WORDS = {
    "official": "official", "citizen": "citizen",
    "can bo": "official", "cong chuc": "official", "vien chuc": "official",
    "can bo, cong chuc": "official", "nguoi dan": "citizen", "cong dan": "citizen",
}
_LOOKUP_BATCH = 500


def parse_bool(text: str) -> bool | None:
    """true/false, 1/0, x, có/không (any case, with or without accents); None when empty."""
    word = fold(text)
    if not word:
        return None
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise OrgError("invalid_boolean", text)


def parse_kind(text: str) -> str | None:
    """official or citizen (English or Vietnamese words); None when empty."""
    word = fold(text)
    if not word:
        return None
    if word in KIND_WORDS:
        return KIND_WORDS[word]
    raise OrgError("unknown_kind", text)


@dataclass
class UserRowPlan(RowPlan):
    """One row of a users file: the person as they will be, and who they are if they exist."""

    email: str
    full_name: str = ""
    unit_code: str = ""
    kind: str = ""
    position: str | None = None
    is_dx_specialist: bool = False
    user_id: int | None = None


class UserImportPlan(ImportPlan[UserRowPlan]):
    """The plan of a whole users file."""

    @property
    def ignored_sensitive(self) -> tuple[str, ...]:
        """Ignored columns that look like roles or passwords."""
        return tuple(c for c in self.ignored_columns if fold(c).replace(" ", "_") in NEVER_IMPORTED)

    def audit_details(self) -> dict:
        """What the audit log records of an applied import."""
        return {**self.counts(), "ignored_columns": list(self.ignored_columns)}


@dataclass(frozen=True)
class NewAccount:
    """A person created by an import, with their one-time activation token."""

    email: str
    full_name: str
    token: str


@dataclass
class _Existing:
    user: User
    membership: OrgMembership | None
    unit: OrgUnit | None


def _load_existing(session: Session, emails: list[str]) -> dict[str, _Existing]:
    found: dict[str, _Existing] = {}
    for start in range(0, len(emails), _LOOKUP_BATCH):
        batch = emails[start : start + _LOOKUP_BATCH]
        for user, membership, unit in session.execute(
            select(User, OrgMembership, OrgUnit)
            .outerjoin(OrgMembership, OrgMembership.user_id == User.id)
            .outerjoin(OrgUnit, OrgUnit.id == OrgMembership.org_unit_id)
            .where(User.email.in_(batch))
        ):
            found[user.email] = _Existing(user, membership, unit)
    return found


def _parse_row(row, units: dict[str, OrgUnit]) -> tuple[UserRowPlan, dict]:
    """The row's values; `given` holds only the cells that were filled in."""
    plan = UserRowPlan(row.number, accounts.normalise_email(row.get("email")))
    given: dict = {}
    if not EMAIL_RE.match(plan.email) or len(plan.email) > 254:
        plan.errors.append(OrgError("invalid_email", row.get("email")))
    parsers = {
        "full_name": people.clean_person_name,
        "kind": parse_kind,
        "position": people.clean_position,
        "is_dx_specialist": parse_bool,
    }
    for column, parse in parsers.items():
        if not row.get(column):
            continue
        try:
            given[column] = parse(row.get(column))
        except OrgError as error:
            plan.errors.append(error)
    if "full_name" not in given and not any(e.code == "invalid_user_name" for e in plan.errors):
        plan.errors.append(OrgError("invalid_user_name"))
    code = row.get("unit_code")
    if code:
        plan.unit_code = code
        unit = units.get(code)
        if unit is None:
            plan.errors.append(OrgError("unknown_unit", code))
        elif not unit.is_active:
            plan.errors.append(OrgError("unit_inactive", code))
        else:
            given["unit"] = unit
    return plan, given


def _resolve(
    session: Session, scope: Scope, plan: UserRowPlan, given: dict, current: _Existing | None
) -> None:
    """Merge the given cells with the current state, check scope, set the status."""
    if current is not None and not people.may_manage_in(scope, current.user, current.unit):
        plan.errors.append(OrgError("outside_scope", plan.email))
        return
    old = {
        "full_name": current.user.full_name if current else None,
        "kind": current.user.kind if current else None,
        "unit": current.unit if current else None,
        "position": current.membership.position if current and current.membership else None,
        "is_dx_specialist": bool(current and current.membership
                                 and current.membership.is_dx_specialist),
    }
    defaults = {"kind": "official", "unit": None, "position": None, "is_dx_specialist": False}
    final = {key: given.get(key, old[key] if current else defaults.get(key)) for key in old}
    details = people.PersonDetails(
        final["full_name"], final["kind"], final["unit"], final["position"],
        final["is_dx_specialist"],
    )
    try:
        if current is None or "unit" in given:
            people.check_unit_in_scope(scope, details.unit)
        people.check_details(details)
    except OrgError as error:
        plan.errors.append(error)
        return
    plan.full_name, plan.kind = details.full_name, details.kind
    plan.unit_code = details.unit.code if details.unit else ""
    plan.position, plan.is_dx_specialist = details.position, details.is_dx_specialist
    if current is None:
        plan.status = "create"
        return
    plan.user_id = current.user.id
    plan.set_changes([key for key in old if final[key] != old[key]])


def plan_users_import(session: Session, scope: Scope, table: CsvTable) -> UserImportPlan:
    """Check every row against the file, the database and the importer's scope."""
    ignored = check_columns(table, REQUIRED_COLUMNS, USER_COLUMNS)
    units = {u.code: u for u in session.scalars(select(OrgUnit))}
    emails = sorted({accounts.normalise_email(r.get("email")) for r in table.rows})
    existing = _load_existing(session, emails)
    first_rows: dict[str, UserRowPlan] = {}
    plans: list[UserRowPlan] = []
    for row in table.rows:
        plan, given = _parse_row(row, units)
        note_first(first_rows, plan.email, plan, "duplicate_email_in_file")
        if not plan.errors:
            _resolve(session, scope, plan, given, existing.get(plan.email))
        plans.append(plan)
    mark_errors(plans)
    return UserImportPlan(plans, ignored)


def apply_users_import(
    session: Session, scope: Scope, plan: UserImportPlan
) -> list[NewAccount]:
    """Apply a plan without errors; returns the new accounts and their activation tokens."""
    if not plan.ok:
        raise OrgError("import_has_errors")
    units = {u.code: u for u in session.scalars(select(OrgUnit))}
    created: list[NewAccount] = []
    for row in plan.rows:
        if row.status == "unchanged":
            continue
        details = people.PersonDetails(
            row.full_name, row.kind, units.get(row.unit_code), row.position, row.is_dx_specialist
        )
        if row.status == "create":
            user, token = people.create_person(session, scope, row.email, details)
            created.append(NewAccount(user.email, user.full_name, token))
        else:
            user = session.get(User, row.user_id)
            people.update_person(session, scope, user, details)
    return created


def activation_links_csv(accounts_created: list[NewAccount], base_url: str, expires: str) -> str:
    """The new accounts' activation links as CSV (UTF-8 with BOM) for the administrator."""
    rows = [(a.email, a.full_name, f"{base_url}/activate/{a.token}", expires)
            for a in accounts_created]
    return write_csv(("email", "full_name", "activation_link", "expires"), rows, bom=True)


TEMPLATE_ROWS = (
    ("nguyen.van.an@example.org", "Nguyễn Văn An", "SO-NV", "official", "Chuyên viên", "có"),
    ("tran.thi.binh@example.org", "Trần Thị Bình", "XA-TAN-LAP", "official",
     "Công chức văn phòng - thống kê", "không"),
)


def template_csv() -> str:
    """The downloadable template: the columns and two example rows, UTF-8 with BOM."""
    return write_csv(USER_COLUMNS, TEMPLATE_ROWS, bom=True)

