"""The next parameter after sign-in only leads to paths of this site."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learn.core.safe_redirect import is_local_path

ATTACKS = [
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "http:///evil.example",
    "javascript:alert(1)",
    "\x01/evil.example",
    "/\t/evil.example",
    " //evil.example",
    "",
    None,
]


@pytest.mark.parametrize("target", ATTACKS)
def test_foreign_targets_are_refused(target):
    assert not is_local_path(target)


@pytest.mark.parametrize("target", ["/", "/courses/", "/account?tab=1", "/a/b#c"])
def test_local_paths_are_accepted(target):
    assert is_local_path(target)


@given(st.text(max_size=60))
def test_accepted_targets_never_name_another_host(target):
    if is_local_path(target):
        assert target.startswith("/")
        assert not target.startswith("//")
        assert "\\" not in target


@pytest.mark.parametrize("target", ATTACKS[:-2])
def test_login_next_lands_on_home(client, make_user, target):
    make_user(email="an@example.org")
    response = client.post(
        "/login", data={"email": "an@example.org", "password": "correct horse battery staple",
                        "next": target}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
