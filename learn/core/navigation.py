"""The header navigation: features register their entries with the roles that see them."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, request, url_for
from flask_login import current_user

from learn.core.bounded_cache import BoundedCache
from learn.core.i18n import current_language

_ITEMS_KEY = "learn.nav"
_LINKS_KEY = "learn.nav_links"
# One list per set of roles and language (and mount point): a few dozen at most.
_LINK_LISTS_KEPT = 256


@dataclass(frozen=True)
class NavItem:
    """One link of the header navigation."""

    endpoint: str
    label: object  # a lazy translated string
    roles: tuple[str, ...] = ()  # empty: everyone; "authenticated": any signed-in user
    order: int = 50


@dataclass(frozen=True)
class NavLink:
    """A navigation entry as a page shows it: its URL and its label in the page's language."""

    url: str
    label: str
    endpoint: str


def register(app: Flask, item: NavItem) -> None:
    """Add an entry to the app's navigation."""
    items = app.extensions.setdefault(_ITEMS_KEY, [])
    items.append(item)
    items.sort(key=lambda i: i.order)
    app.extensions[_LINKS_KEY] = BoundedCache(_LINK_LISTS_KEPT)


def _visible(item: NavItem, roles: frozenset[str] | None) -> bool:
    if not item.roles:
        return True
    if roles is None:
        return False
    return item.roles == ("authenticated",) or not roles.isdisjoint(item.roles)


def nav_items(app: Flask) -> tuple[NavLink, ...]:
    """The entries the current visitor may see, in order, with their URLs and labels.

    They depend only on the visitor's roles, the page's language and where the app is
    mounted, so each combination is built once per process (URLs and translations are
    most of the cost of a page's header).
    """
    user = current_user._get_current_object()
    roles = user.roles if user.is_authenticated else None
    key = (roles, current_language(), request.script_root)
    cache: BoundedCache[tuple[NavLink, ...]] | None = app.extensions.get(_LINKS_KEY)
    if cache is None:
        return ()
    links = cache.get(key)
    if links is None:
        links = tuple(
            NavLink(url_for(item.endpoint), str(item.label), item.endpoint)
            for item in app.extensions[_ITEMS_KEY]
            if _visible(item, roles)
        )
        cache.put(key, links)
    return links
