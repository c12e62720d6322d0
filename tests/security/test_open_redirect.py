"""Open redirects: every `next` that could lead off the site lands on the home page.

Already covered elsewhere (not repeated here): the `is_local_path` examples and the POSTed
`next` of /login (tests/core/test_safe_redirect.py), and `next` through the two-factor step
(tests/auth/test_redirects_and_brute_force.py). Added here: the language switch, `next`
carried from the sign-in page's query string through its hidden field, and properties over
generated URLs judged the way a browser resolves them.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urljoin, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learn.core.safe_redirect import is_local_path
from tests.conftest import TEST_PASSWORD
from tests.security.conftest import new_client, sign_in, token_in
from tests.security.world import EMAILS, add_user

FOREIGN = [
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "http:///evil.example",
    "javascript:alert(1)",
    "\x01//evil.example",
    "\x00/evil.example",
    "/\x0b/evil.example",
    "/\r\n/evil.example",
    "  https://evil.example",
    "HTTPS://evil.example",
    "https:evil.example",
    "//evil.example@learn.example",
]
# Odd but local: they must stay on this site (a browser resolves them here).
ODD_LOCAL = ["/%2F%2Fevil.example", "/\u3000/evil.example", "/.//evil.example", "/./\\x"]
SITE = "https://learn.example/courses/"
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")


def browser_resolves(target: str, base: str = SITE) -> str:
    """Roughly how a browser's URL parser resolves a Location against the page's URL.

    WHATWG URL: leading and trailing C0 controls and spaces are stripped, tabs and newlines
    removed anywhere, and for http(s) a backslash counts as a slash.
    """
    cleaned = _TAB_OR_NEWLINE.sub("", target.strip("".join(map(chr, range(0x21)))))
    return urljoin(base, cleaned.replace("\\", "/"))


def _landing(response) -> str:
    assert response.status_code in (302, 303), response.status_code
    return response.headers["Location"]


@pytest.fixture
def learner(sec_csrf_app) -> str:
    """A learner's email (the account exists)."""
    add_user(sec_csrf_app, EMAILS["learner"], "Học Viên")
    return EMAILS["learner"]


def test_language_switch_never_leaves_the_site(sec_csrf_app, learner):
    problems = []
    for email in (None, learner):
        client = sign_in(sec_csrf_app, email)
        token = token_in(client.get("/").get_data(as_text=True))
        for target in FOREIGN + ODD_LOCAL:
            response = client.post("/language", data={"lang": "en", "next": target,
                                                      "csrf_token": token})
            if "\x00" in target and response.status_code == 400:
                continue  # NUL is refused before any view (learn/core/input_guard.py)
            location = _landing(response)
            resolved = urlsplit(browser_resolves(location)).netloc
            if resolved != "learn.example" or (target in FOREIGN and location != "/"):
                problems.append(f"{target!r} -> {location!r}")
    assert not problems, "\n".join(problems)


def test_language_switch_returns_to_a_local_page(sec_csrf_app):
    client = new_client(sec_csrf_app)
    token = token_in(client.get("/courses/?q=an").get_data(as_text=True))
    response = client.post("/language", data={"lang": "en", "next": "/courses/?q=an",
                                              "csrf_token": token})
    assert _landing(response) == "/courses/?q=an"


def test_next_from_the_sign_in_link_never_leaves_the_site(sec_csrf_app):
    problems = []
    for n, target in enumerate(t for t in FOREIGN if "\x00" not in t):
        # One account per attempt: sign-ins per account are rate limited (20 an hour).
        email = f"hoc.vien.{n}@example.org"
        add_user(sec_csrf_app, email, "Học Viên")
        client = new_client(sec_csrf_app)
        page = client.get("/login?next=" + quote(target, safe="")).get_data(as_text=True)
        carried = re.search(r'id="next" name="next"[^>]*value="([^"]*)"', page)
        assert carried is not None, "the sign-in form no longer carries next"
        form = {"email": email, "password": TEST_PASSWORD, "csrf_token": token_in(page),
                "next": html.unescape(carried.group(1))}
        location = _landing(client.post("/login", data=form))
        if location != "/":
            problems.append(f"{target!r} -> {location!r}")
    assert not problems, "\n".join(problems)


def test_the_sign_in_redirect_carries_only_the_local_path(sec_app):
    # Pages that need an account send to /login?next=<the path asked for>.
    client = new_client(sec_app)
    location = _landing(client.get("/admin/users?q=x"))
    nxt = re.search(r"[?&]next=([^&]*)", location)
    assert nxt is not None
    assert is_local_path(nxt.group(1).replace("%2F", "/").replace("%3F", "?"))


_schemes = st.sampled_from(["http", "https", "HTTPS", "javascript", "data", "ftp", "file",
                            "vbscript", "mailto", "x-y"])
_hosts = st.sampled_from(["evil.example", "127.0.0.1", "[::1]", "evil.example:443",
                          "user@evil.example", "xn--80ak6aa92e.com"])
_junk = st.text(alphabet="/\\\t\n\r \x00\x01\x0b\x0c\x7f:@.%", max_size=4)


@settings(max_examples=300, deadline=None)
@given(scheme=_schemes, host=_hosts, before=_junk, between=_junk,
       path=st.text(alphabet="abc/?#=&.", max_size=8))
def test_urls_with_a_scheme_or_host_are_never_accepted(scheme, host, before, between, path):
    for target in (f"{before}{scheme}:{between}//{host}/{path}",
                   f"{before}{scheme}:{host}{path}",
                   f"{before}//{between}{host}/{path}",
                   f"{before}\\\\{host}/{path}"):
        split = urlsplit(target)
        if split.scheme or split.netloc:
            assert not is_local_path(target), target
        if is_local_path(target):
            assert urlsplit(browser_resolves(target)).netloc == "learn.example", target


@settings(max_examples=500, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("/\\:.@%#?&= \t\n\x00\x01\x7fevilhtps")),
               max_size=24))
def test_every_accepted_target_stays_on_the_site_in_a_browser(target):
    if is_local_path(target):
        resolved = urlsplit(browser_resolves(target))
        assert resolved.scheme == "https" and resolved.netloc == "learn.example", target
