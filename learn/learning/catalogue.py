"""The course catalogue: what a viewer may see, filtered, searched and paginated."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, defer, lazyload

from learn.courses.models import Course
from learn.courses.search import fold
from learn.learning.audience import Viewer, listed_for
from learn.learning.competences import area_of

LEVELS = ("basic", "intermediate", "advanced")
PAGE_SIZE = 12


@dataclass(frozen=True)
class CatalogueQuery:
    """What the visitor asked for; empty values mean "any"."""

    text: str = ""
    audience: str = ""
    level: str = ""
    area: str = ""
    page: int = 1


@dataclass(frozen=True)
class CataloguePage:
    """One page of matching courses."""

    courses: list[Course]
    total: int
    page: int
    pages: int


def _searchable(course: Course) -> str:
    # Publishing fills search_text; fold the fields here too if it is still empty.
    return course.search_text or fold(f"{course.title} {course.summary}")


def matches(course: Course, query: CatalogueQuery) -> bool:
    """Whether a course satisfies the filters and every word of the search text."""
    if query.audience and query.audience not in (course.audience or ()):
        return False
    if query.level and course.level != query.level:
        return False
    if query.area and query.area not in {area_of(c) for c in course.competences or ()}:
        return False
    words = fold(query.text).split()
    haystack = _searchable(course)
    return all(word in haystack for word in words)


def catalogue_page(session: Session, viewer: Viewer, query: CatalogueQuery) -> CataloguePage:
    """The courses this viewer may see that match the query, one page of them."""
    # Unit lists come from the course outlines; overviews are not shown in the list.
    statement = (
        select(Course).where(Course.retired_at.is_(None))
        .options(lazyload(Course.units), defer(Course.overview_html))
    )
    if not viewer.staff:
        statement = statement.where(Course.draft.is_(False))
    if query.level:
        statement = statement.where(Course.level == query.level)
    candidates = session.scalars(statement.order_by(Course.order, Course.title, Course.id))
    # Audience and competences are JSON lists: the catalogue is small, filter them here.
    found = [c for c in candidates if listed_for(viewer, c) and matches(c, query)]
    pages = max(1, math.ceil(len(found) / PAGE_SIZE))
    page = min(max(1, query.page), pages)
    start = (page - 1) * PAGE_SIZE
    return CataloguePage(found[start : start + PAGE_SIZE], len(found), page, pages)
