"""The seeded world builds and its people can sign in."""

from tests.security.conftest import sign_in
from tests.security.world import EMAILS


def test_world_builds_and_everyone_signs_in(sec_app, world):
    assert world.ids["my_attempt"] != world.ids["their_attempt"]
    for email in EMAILS.values():
        client = sign_in(sec_app, email)
        assert client.get("/account").status_code == 200
