"""Two-factor helpers: a controllable TOTP clock and enrolment through the real pages."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyotp
import pytest

from learn.auth import totp

START = 1_800_000_000.0  # a fixed moment, at the start of a 30-second step


class Clock:
    """The time the TOTP code checks see; tests move it by whole steps."""

    def __init__(self, now: float = START):
        self.now = now

    def time(self) -> float:
        """The current fake time."""
        return self.now

    def advance(self, steps: int = 1) -> None:
        """Move forward by whole 30-second steps."""
        self.now += steps * totp.STEP_SECONDS


@pytest.fixture
def totp_clock(monkeypatch) -> Clock:
    """Freeze the clock of the TOTP checks (only theirs) at a known moment."""
    clock = Clock()
    monkeypatch.setattr(totp, "time", clock)
    return clock


@dataclass
class Enrolment:
    """What a user keeps after turning two-factor sign-in on."""

    seed: str
    recovery_codes: list[str]
    clock: Clock

    def code(self, offset_steps: int = 0) -> str:
        """The authenticator app's code at the clock's time (plus some steps)."""
        at = self.clock.now + offset_steps * totp.STEP_SECONDS
        return pyotp.TOTP(self.seed).at(at)

    def next_code(self) -> str:
        """Advance the clock one step and return the code then shown."""
        self.clock.advance()
        return self.code()


def seed_on_page(html: str) -> str:
    """The manual-entry key shown on the enrolment page."""
    match = re.search(r'<code class="secret-key">([A-Z2-7 ]+)</code>', html)
    assert match, "no secret key on the page"
    return match.group(1).replace(" ", "")


def recovery_codes_on_page(html: str) -> list[str]:
    """The recovery codes listed on the page shown once."""
    return re.findall(r"<li><code>([0-9a-z-]{19})</code></li>", html)


@pytest.fixture
def enrol(totp_clock):
    """Turn two-factor sign-in on for the signed-in user of a client, through the pages."""

    def run(client) -> Enrolment:
        client.post("/account/2fa/start")
        seed = seed_on_page(client.get("/account/2fa").get_data(as_text=True))
        code = pyotp.TOTP(seed).at(totp_clock.now)
        response = client.post("/account/2fa/confirm", data={"code": code})
        assert response.status_code == 200, response.get_data(as_text=True)
        codes = recovery_codes_on_page(response.get_data(as_text=True))
        assert len(codes) == 10
        return Enrolment(seed, codes, totp_clock)

    return run
