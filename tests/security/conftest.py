"""Fixtures of the attack tests: the seeded world, signed-in clients, the browser."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser.conftest import browser, live_server  # noqa: F401  # reused fixtures
from tests.conftest import TEST_PASSWORD
from tests.security.world import World, build_world, copy_courses

_addresses = itertools.count(1)
_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def fresh_address() -> str:
    """A client address never used before in this process (rate limits count per address)."""
    n = next(_addresses)
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255 or 1}"


def token_in(html: str) -> str | None:
    """The CSRF token of the first form in a page, if any."""
    match = _TOKEN.search(html)
    return match.group(1) if match else None


def new_client(app):
    """A test client with an address of its own."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = fresh_address()
    return client


def sign_in(app, email: str | None, password: str = TEST_PASSWORD):
    """A client signed in through the real form (with its CSRF token when CSRF is on).

    None gives an anonymous client.
    """
    client = new_client(app)
    if email is None:
        return client
    page = client.get("/login").get_data(as_text=True)
    data = {"email": email, "password": password}
    token = token_in(page)
    if token:
        data["csrf_token"] = token
    response = client.post("/login", data=data)
    assert response.status_code == 302, f"sign-in of {email} failed: {response.status_code}"
    return client


@pytest.fixture
def courses_copy(tmp_path) -> Path:
    """A writable copy of the fixture courses (the preview reads it from disk)."""
    return copy_courses(tmp_path / "courses")


@pytest.fixture
def sec_app(app_factory, courses_copy):
    """The app (CSRF off) reading the fixture courses."""
    return app_factory(courses_dir=courses_copy)


@pytest.fixture
def sec_csrf_app(app_factory, courses_copy):
    """The app with CSRF on, reading the fixture courses."""
    return app_factory(csrf=True, courses_dir=courses_copy)


@pytest.fixture
def world(sec_app, courses_copy) -> World:
    """The seeded world on the CSRF-off app."""
    return build_world(sec_app, courses_copy)


@pytest.fixture
def signed_in() -> Callable:
    """sign_in(app, email) as a fixture."""
    return sign_in
