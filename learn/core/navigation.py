"""The header navigation: features register their entries with the roles that see them."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, url_for
from flask_login import current_user


@dataclass(frozen=True)
class NavItem:
    """One link of the header navigation."""

    endpoint: str
    label: object  # a lazy translated string
    roles: tuple[str, ...] = ()  # empty: everyone; "authenticated": any signed-in user
    order: int = 50


def register(app: Flask, item: NavItem) -> None:
    """Add an entry to the app's navigation."""
    app.extensions.setdefault("learn.nav", []).append(item)


def _visible(item: NavItem) -> bool:
    if not item.roles:
        return True
    if not current_user.is_authenticated:
        return False
    if item.roles == ("authenticated",):
        return True
    return current_user.has_role(*item.roles)


def nav_items(app: Flask) -> list[dict]:
    """The entries the current visitor may see, in order, with their URLs."""
    items = sorted(app.extensions.get("learn.nav", []), key=lambda i: i.order)
    return [
        {"url": url_for(i.endpoint), "label": i.label, "endpoint": i.endpoint}
        for i in items
        if _visible(i)
    ]
