"""Find (or make) the URL of each kind of page for the bench learner, when its feature exists."""

from __future__ import annotations

from sqlalchemy import func, select

from bench.site import Site


def _has_route(site: Site, prefix: str) -> bool:
    assert site.app is not None
    return any(rule.rule.startswith(prefix) for rule in site.app.url_map.iter_rules())


def certificate_path(site: Site) -> str | None:
    """/certificates/<code> of learner 0 (issued through the certificates service)."""
    if not _has_route(site, "/certificates/"):
        return None
    from learn.auth.models import User
    from learn.certificates.services import issue_certificate
    from learn.courses.models import Course
    from learn.db import transaction

    assert site.app is not None
    with transaction(site.app) as session:
        user = session.scalar(select(User).where(User.email == site.emails[0]))
        course = session.scalar(select(Course).where(Course.certificate.is_(True),
                                                     Course.retired_at.is_(None))
                                .order_by(Course.order, Course.id))
        if user is None or course is None:
            return None
        code = issue_certificate(session, user.id, course).code
    return f"/certificates/{code}"


def report_path(site: Site) -> str | None:
    """/reports/orgs?unit=<id> for a unit with children (or the root report)."""
    if not _has_route(site, "/reports/orgs"):
        return None
    from learn.db import transaction
    from learn.orgs.models import OrgUnit

    assert site.app is not None
    with transaction(site.app) as session:
        parent = session.scalar(select(OrgUnit.parent_id).where(OrgUnit.parent_id.is_not(None))
                                .group_by(OrgUnit.parent_id)
                                .order_by(func.count().desc(), OrgUnit.parent_id).limit(1))
    return "/reports/orgs" if parent is None else f"/reports/orgs?unit={parent}"


def quiz_paths(site: Site) -> dict[str, str]:
    """The attempt page and the result page of a quiz taken by learner 0."""
    if not _has_route(site, "/quiz/"):
        return {}
    from bench.quiz_flow import quiz_pages

    return quiz_pages(site, 0)
