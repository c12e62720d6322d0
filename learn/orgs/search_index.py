"""The folded name/email of each user (user_search), for accent-blind search in SQL."""

from __future__ import annotations

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session

from learn.auth.models import User
from learn.core.text import fold
from learn.orgs.models import UserSearch

_BATCH = 1000


def folded_text(full_name: str, email: str) -> str:
    """What a search matches against: the folded name and email."""
    return f"{fold(full_name)} {fold(email)}"[:460]


def search_row(user_id: int, full_name: str, email: str) -> dict:
    """The user_search values of a user (for bulk inserts)."""
    return {
        "user_id": user_id,
        "folded": folded_text(full_name, email),
        "name_source": full_name,
        "email_source": email,
    }


def sync_user(session: Session, user: User) -> None:
    """Write the user's search row after a change to their name or email."""
    row = session.get(UserSearch, user.id)
    values = search_row(user.id, user.full_name, user.email)
    if row is None:
        session.add(UserSearch(**values))
    else:
        row.folded, row.name_source, row.email_source = (
            values["folded"], values["name_source"], values["email_source"],
        )
    session.flush()


def refresh_stale(session: Session) -> int:
    """Create or fix rows for users changed elsewhere (registration, account page)."""
    stale = session.execute(
        select(User.id, User.full_name, User.email)
        .outerjoin(UserSearch, UserSearch.user_id == User.id)
        .where(
            or_(
                UserSearch.user_id.is_(None),
                UserSearch.name_source != User.full_name,
                UserSearch.email_source != User.email,
            )
        )
    ).all()
    for start in range(0, len(stale), _BATCH):
        batch = stale[start : start + _BATCH]
        ids = [user_id for user_id, _, _ in batch]
        session.execute(delete(UserSearch).where(UserSearch.user_id.in_(ids)))
        session.execute(insert(UserSearch), [search_row(*values) for values in batch])
    session.flush()
    return len(stale)


def search_condition(query: str):
    """SQL: every word of the query (folded) appears in the user's folded name or email."""
    words = fold(query).split()
    return [UserSearch.folded.contains(word, autoescape=True) for word in words]
