"""`learn demo`: seed a fictional province with people, assignments and progress."""

from __future__ import annotations

import random
import secrets
import time
from dataclasses import dataclass

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from learn.auth import services as accounts
from learn.core.localtime import local_today
from learn.db import transaction
from learn.orgs import demo_names, manager_scopes
from learn.orgs.demo_people import generate_people
from learn.orgs.demo_progress import generate_progress
from learn.orgs.demo_tree import DEMO_DISTRICT, FIRST_COMMUNE, DemoTree, build_tree
from learn.orgs.models import OrgMembership, OrgUnit
from learn.orgs.search_index import sync_user

ADMIN_EMAIL = "admin@example.org"


@dataclass(frozen=True)
class DemoLogin:
    """An account with a password, printed at the end for people trying the demo."""

    email: str
    full_name: str
    roles: tuple[str, ...]
    unit: str  # where they sit (unit name)
    scope: str | None = None  # manager scope (unit name)


def demo_logins(tree: DemoTree) -> list[DemoLogin]:
    """The known demo accounts and where they sit."""
    district = tree.district(DEMO_DISTRICT)
    commune = next(u for u in tree.communes if u.name == FIRST_COMMUNE)
    department = next(u for u in tree.departments if u.code.endswith("SO-NV"))
    science = next(u for u in tree.departments if u.code.endswith("SO-KHCN"))
    return [
        DemoLogin("quan.ly.huyen@example.org", "Trần Minh Quân", ("manager",), district.name,
                  district.name),
        DemoLogin("quan.ly.so@example.org", "Lê Thị Thu Hà", ("manager",), department.name,
                  department.name),
        DemoLogin("giang.vien@example.org", "Phạm Ngọc Lan", ("trainer",), science.name),
        DemoLogin("hoc.vien@example.org", "Nguyễn Văn An", ("learner",), commune.name),
    ]


def _create_login(session: Session, tree: DemoTree, login: DemoLogin,
                  rng: random.Random) -> str | None:
    """Create a demo account with a fresh password (None when it already exists)."""
    if accounts.find_user_by_email(session, login.email) is not None:
        return None
    password = secrets.token_urlsafe(12)
    user = accounts.create_user(session, login.email, login.full_name, kind="official",
                                roles=("learner", *login.roles), password=password)
    unit = next(u for u in tree.all if u.name == login.unit)
    session.add(OrgMembership(user_id=user.id, org_unit_id=unit.id,
                              position=demo_names.pick(rng, demo_names.POSITIONS[unit.kind]),
                              is_dx_specialist=False))
    if login.scope:
        manager_scopes.add_scope(session, user, unit)
    sync_user(session, user)
    return password


def _pending_staff(session: Session, tree: DemoTree, rng: random.Random, tag: str) -> int:
    """A few more managers (other districts) and a trainer, waiting for activation."""
    count = 0
    for number, district in enumerate(tree.districts[:4], start=1):
        if district.name == DEMO_DISTRICT:
            continue
        name = demo_names.person_name(rng)
        email = f"quan.ly.{number}{'+' + tag if tag else ''}@example.org"
        user = accounts.create_user(session, email, name, roles=("learner", "manager"))
        session.add(OrgMembership(user_id=user.id, org_unit_id=district.id,
                                  position="Chánh Văn phòng"))
        manager_scopes.add_scope(session, user, district)
        sync_user(session, user)
        count += 1
    trainer = accounts.create_user(
        session, f"giang.vien.2{'+' + tag if tag else ''}@example.org",
        demo_names.person_name(rng), roles=("learner", "trainer"))
    session.add(OrgMembership(user_id=trainer.id, org_unit_id=tree.departments[6].id,
                              position="Giảng viên"))
    sync_user(session, trainer)
    return count + 1


def _run_tag(session: Session) -> str:
    """"" for the first demo; r2, r3... when --force adds another province beside it."""
    provinces = session.scalar(
        select(func.count()).select_from(OrgUnit).where(OrgUnit.parent_id.is_(None))
    )
    return f"r{provinces + 1}" if provinces else ""


@click.command("demo")
@click.option("--learners", default=500, show_default=True, type=click.IntRange(10, 1_000_000),
              help="How many people to generate.")
@click.option("--seed", default=2025, show_default=True, type=int,
              help="Random seed: the same seed gives the same province.")
@click.option("--force", is_flag=True,
              help="Add a demo province even though organisation units already exist.")
@with_appcontext
def demo_command(learners: int, seed: int, force: bool) -> None:
    """Seed a fictional province: units, people, assignments and learning progress."""
    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311  # nosec B311
    with transaction(current_app) as session:
        tag = _run_tag(session)
        if tag and not force:
            click.echo("Organisation units already exist, so the demo was not added. "
                       "Use --force to add a demo province beside them.")
            return
        tree = build_tree(session, rng, learners, f"{tag.upper()}-" if tag else "")
        people = generate_people(session, rng, tree, learners, tag)
        admin = accounts.find_user_by_email(session, ADMIN_EMAIL)
        counts = generate_progress(session, rng, tree, people, local_today(),
                                   admin.id if admin else None)
        passwords = {login.email: _create_login(session, tree, login, rng)
                     for login in demo_logins(tree)}
        pending = _pending_staff(session, tree, rng, tag)
        logins = demo_logins(tree)
    _report(tree, people, counts, pending, logins, passwords, time.perf_counter() - started)


def _report(tree, people, counts, pending, logins, passwords, seconds) -> None:
    click.echo(
        f"Demo province “{tree.province.name}”: {len(tree.all)} units "
        f"({len(tree.departments)} departments and agencies, {len(tree.districts)} "
        f"district-level units, {len(tree.communes)} communes, {len(tree.offices)} offices)."
    )
    click.echo(
        f"People: {len(people.people)} ({people.count('official')} officials, "
        f"{people.count('citizen')} citizens, {people.specialists} DX specialists), "
        f"plus {pending} managers and trainers awaiting activation."
    )
    click.echo(
        f"Assignments: {counts.assignments} ({', '.join(counts.courses) or 'no published course'})"
        f"; course progress {counts.progress}, units completed {counts.unit_completions}, "
        f"courses completed {counts.completions}, certificates {counts.certificates}, "
        f"quiz attempts {counts.attempts}."
    )
    if not counts.assignments:
        click.echo("Publish the courses first (learn courses sync) to get assignments and "
                   "progress.")
    click.echo(f"Done in {seconds:.1f} s.")
    _print_logins(logins, passwords)


def _print_logins(logins: list[DemoLogin], passwords: dict[str, str | None]) -> None:
    path = current_app.config["SETTINGS"].instance_path / "demo-logins.txt"
    lines = []
    for login in logins:
        password = passwords.get(login.email)
        role = ", ".join(login.roles)
        where = f"scope: {login.scope}" if login.scope else login.unit
        shown = password if password else "(unchanged: account existed before)"
        lines.append(f"  {login.email:28} {shown:22} {role} · {where}")
    click.echo("=" * 72)
    click.echo(f"Demo logins (also saved in {path}):")
    for line in lines:
        click.echo(line)
    click.echo("=" * 72)
    created = [f"{login.email}\t{passwords[login.email]}\t{', '.join(login.roles)}"
               for login in logins if passwords.get(login.email)]
    if created:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write("\n".join(created) + "\n")
        path.chmod(0o600)
