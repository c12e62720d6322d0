"""The organisation tree, who belongs where, and course assignments with deadlines."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
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


class UserSearch(Base):
    """A user's name and email folded (no diacritics, lower case) for accent-blind search.

    The sources are kept so that rows made stale by changes elsewhere (self-registration,
    a user renaming themselves) can be found in SQL and refreshed.
    """

    __tablename__ = "user_search"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    folded: Mapped[str] = mapped_column(String(460))
    name_source: Mapped[str] = mapped_column(String(200))
    email_source: Mapped[str] = mapped_column(String(254))


class UserImportUpload(Base):
    """A users CSV kept on the server between its preview and its application.

    The browser only holds the random token (stored here hashed); the file is parsed and
    checked again when applied. After applying, the new users' activation links wait here
    until the administrator downloads them once (or they are purged).
    """

    __tablename__ = "user_import_uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    filename: Mapped[str] = mapped_column(String(200), default="")
    content: Mapped[bytes] = mapped_column(LargeBinary)
    applied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    links_csv: Mapped[str | None] = mapped_column(Text)
