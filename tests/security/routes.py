"""The app's routes, read from its URL map so that a new route cannot escape the tests."""

from __future__ import annotations

from dataclasses import dataclass

STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class Route:
    """One rule of the URL map: its endpoint, path template and methods."""

    endpoint: str
    rule: str
    methods: frozenset[str]
    arguments: frozenset[str]


def routes(app) -> list[Route]:
    """Every rule of the app, sorted by path."""
    found = [
        Route(rule.endpoint, rule.rule, frozenset(rule.methods - {"HEAD", "OPTIONS"}),
              frozenset(rule.arguments))
        for rule in app.url_map.iter_rules()
    ]
    return sorted(found, key=lambda r: (r.rule, r.endpoint))


def get_routes(app) -> list[Route]:
    """The rules answering GET."""
    return [r for r in routes(app) if "GET" in r.methods]


def state_changing_routes(app) -> list[Route]:
    """The rules answering POST, PUT, PATCH or DELETE (each with those methods only)."""
    return [r for r in routes(app) if r.methods & STATE_CHANGING]
