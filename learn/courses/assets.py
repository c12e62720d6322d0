"""Finding published assets, and the files of a course folder for the trainer preview."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from learn.content.assets import MEDIA_TYPES
from learn.content.slugs import ASSET_NAME_RE
from learn.courses.models import Course, CourseAsset

HASH_PREFIX_RE = re.compile(r"^[0-9a-f]{12}$")


@dataclass(frozen=True)
class AssetFile:
    """The bytes of an asset and how to serve them."""

    name: str  # path inside assets/, e.g. "hinh/so-do.svg"
    data: bytes
    media_type: str
    sha256: str | None = None
    staff_only: bool = False  # of a draft or retired course


def published_asset(session: Session, slug: str, hash12: str, name: str) -> AssetFile | None:
    """The stored asset ``assets/<name>`` of a course whose sha256 starts with ``hash12``."""
    if not HASH_PREFIX_RE.match(hash12):
        return None
    row = session.execute(
        select(CourseAsset.data, CourseAsset.media_type, CourseAsset.sha256, Course.draft,
               Course.retired_at)
        .join(Course, Course.id == CourseAsset.course_id)
        .where(Course.slug == slug, CourseAsset.path == f"assets/{name}",
               CourseAsset.sha256.startswith(hash12, autoescape=True))
        .limit(1)
    ).first()
    if row is None:
        return None
    return AssetFile(name, row.data, row.media_type, row.sha256,
                     staff_only=row.draft or row.retired_at is not None)


def disk_asset(courses_dir: Path, slug: str, name: str) -> AssetFile | None:
    """A file under ``<courses_dir>/<slug>/assets/`` as the checker would accept it, or None."""
    parts = name.split("/")
    if not all(ASSET_NAME_RE.match(part) for part in parts):
        return None
    media_type = MEDIA_TYPES.get(Path(parts[-1]).suffix.lower())
    folder = course_folder(courses_dir, slug)
    if media_type is None or folder is None:
        return None
    path = folder / "assets"
    try:
        for part in parts:
            path = path / part
            if path.is_symlink():
                return None
        if not path.is_file():
            return None
        return AssetFile(name, path.read_bytes(), media_type)
    except OSError:  # e.g. a name longer than the filesystem allows
        return None


def course_folder(courses_dir: Path, slug: str) -> Path | None:
    """The folder of a course directly under ``courses_dir`` (never outside it), or None."""
    if slug.startswith(("_", ".")) or "/" in slug or "\\" in slug:
        return None
    folder = courses_dir / slug
    try:
        if folder.is_symlink() or not folder.is_dir():
            return None
    except OSError:  # e.g. a name longer than the filesystem allows
        return None
    return folder
