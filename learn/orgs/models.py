"""The organisation tree, who belongs where, and course assignments with deadlines."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from learn.db import Base, UTCDateTime, utcnow

UNIT_KINDS = ("province", "department", "district", "commune", "office", "other")
ASSIGNMENT_AUDIENCES = ("all", "officials", "specialists")


class OrgUnit(Base):
    """A unit of the province: department, district, commune, office...

    `path` is the materialised path of ids ("/1/7/42/"), so a subtree is one indexed
    prefix query: path LIKE '/1/7/%'.
    """

    __tablename__ = "org_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16), default="other")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    path: Mapped[str] = mapped_column(String(1000), index=True, default="/")
    depth: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    parent: Mapped[OrgUnit | None] = relationship(remote_side="OrgUnit.id")


class OrgMembership(Base):
    """The unit a user belongs to (at most one), with position and DX-specialist flag."""

    __tablename__ = "org_memberships"
    __table_args__ = (UniqueConstraint("user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    position: Mapped[str | None] = mapped_column(String(200))
    is_dx_specialist: Mapped[bool] = mapped_column(Boolean, default=False)


class ManagerScope(Base):
    """A manager's scope: a unit and its whole subtree."""

    __tablename__ = "manager_scopes"
    __table_args__ = (UniqueConstraint("user_id", "org_unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)


class Assignment(Base):
    """A course assigned to a unit's subtree (optionally officials or specialists only)."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    org_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    audience: Mapped[str] = mapped_column(String(16), default="all")
    due_date: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
