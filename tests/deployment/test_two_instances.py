"""Two app instances (gunicorn, different ports) share one database and one Redis: a session
started on one works on the other, and sign-in rate limits are counted together."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, fresh_postgres_url

BIN = Path(sys.executable).parent
_WORKER_DIGITS = "".join(ch for ch in os.environ.get("PYTEST_XDIST_WORKER", "") if ch.isdigit())
# One Redis database per xdist worker, so parallel tests do not share rate-limit counters.
REDIS_URL = f"redis://127.0.0.1:6379/{14 - int(_WORKER_DIGITS) % 10 if _WORKER_DIGITS else 15}"
PASSWORD = "bốn mùa xuân hạ thu đông"


def _redis_or_fail():
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail("Redis is not reachable at " + REDIS_URL)
        pytest.skip("Redis is not reachable at " + REDIS_URL)
    client.flushdb()
    return client


def _database(tmp_path) -> str:
    base = os.environ.get("LEARN_TEST_DATABASE_URL")
    if not base:
        return f"sqlite:///{tmp_path / 'shared.db'}"
    return fresh_postgres_url(base, "scaleout")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ready(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"instance exited: {process.stderr.read()}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:  # refused, reset or timed out while the instance starts
            time.sleep(0.2)
    raise TimeoutError(url)


class Browser:
    """A cookie-keeping HTTP client that posts forms with their CSRF token."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def get(self, url: str) -> tuple[int, str]:
        """GET, returning status and body."""
        try:
            with self.opener.open(url, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def post_form(self, page_url: str, action_url: str, fields: dict) -> int:
        """Load the page for its CSRF token, then post the form; returns the status."""
        _status, html = self.get(page_url)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
        data = urllib.parse.urlencode({**fields, "csrf_token": token}).encode()
        request = urllib.request.Request(action_url, data=data, method="POST")  # noqa: S310
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def copy_cookies_to(self, other_host: str) -> None:
        """Send this browser's cookies to another instance (as a load balancer would)."""
        for cookie in list(self.jar):
            self.jar.set_cookie(
                http.cookiejar.Cookie(
                    cookie.version, cookie.name, cookie.value, cookie.port, cookie.port_specified,
                    other_host, False, False, cookie.path, cookie.path_specified, cookie.secure,
                    cookie.expires, cookie.discard, cookie.comment, cookie.comment_url, {},
                )
            )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_302(self, req, fp, code, msg, headers):
        return fp


@pytest.fixture(scope="module")
def two_instances(tmp_path_factory):
    """Two gunicorn instances on loopback sharing the database and Redis (once per module)."""
    tmp_path = tmp_path_factory.mktemp("instances")
    _redis_or_fail()
    database_url = _database(tmp_path)
    env = {
        **os.environ,
        "LEARN_DATABASE_URL": database_url,
        "LEARN_REDIS_URL": REDIS_URL,
        "LEARN_SECRET_KEY": "shared-secret-key-for-the-two-instance-test-0123456789",
        "LEARN_ARGON2_TIME_COST": "1",
        "LEARN_ARGON2_MEMORY_KIB": "1024",
    }
    subprocess.run([str(BIN / "learn"), "db", "upgrade"], env=env, cwd=tmp_path, check=True,
                   capture_output=True, timeout=120)
    subprocess.run(
        [str(BIN / "learn"), "users", "create", "hai@example.org", "--name", "Hai Phiên",
         "--role", "admin", "--password-stdin"],
        env=env, cwd=tmp_path, check=True, capture_output=True, input=PASSWORD + "\n",
        text=True, timeout=120,
    )
    # A small province with progress, so the reports have numbers to agree on.
    subprocess.run([str(BIN / "learn"), "courses", "sync"], env=env, cwd=REPO_ROOT,
                   check=False, capture_output=True, timeout=300)
    subprocess.run([str(BIN / "learn"), "demo", "--learners", "60"], env=env, cwd=tmp_path,
                   check=True, capture_output=True, timeout=300)
    processes, urls = [], []
    for _ in range(2):
        port = _free_port()
        process = subprocess.Popen(
            [str(BIN / "gunicorn"), "--workers", "1", "--bind", f"127.0.0.1:{port}",
             "learn:create_app()"],
            env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        processes.append(process)
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url, process in zip(urls, processes, strict=True):
            _wait_ready(url, process)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            process.stderr.close()


def test_session_started_on_one_instance_works_on_the_other(two_instances):
    first, second = two_instances
    browser = Browser()
    status = browser.post_form(first + "/login", first + "/login",
                               {"email": "hai@example.org", "password": PASSWORD})
    assert status == 302
    assert browser.get(first + "/account")[0] == 200
    browser.copy_cookies_to("127.0.0.1")
    status, body = browser.get(second + "/account")
    assert status == 200
    assert "Hai Phiên" in body
    # Signing out on the second instance ends the session on the first too.
    assert browser.post_form(second + "/account", second + "/logout", {}) == 302
    assert browser.get(first + "/account")[0] == 302


def test_sign_in_rate_limit_is_shared_between_instances(two_instances):
    first, second = two_instances
    _redis_or_fail()  # start from empty counters
    browser = Browser()
    statuses = []
    for attempt in range(12):
        target = (first, second)[attempt % 2]
        statuses.append(
            browser.post_form(target + "/login", target + "/login",
                              {"email": "hai@example.org", "password": "wrong password!"})
        )
    # Ten wrong attempts per minute per address in total, whichever instance answers.
    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429, 429]


def _report_table(html: str) -> str:
    start = html.index("<table")
    return html[start:html.index("</table>", start)]


def test_reports_agree_between_instances(two_instances):
    first, second = two_instances
    _redis_or_fail()  # the rate-limit test above used up this address's sign-ins
    browser = Browser()
    assert browser.post_form(first + "/login", first + "/login",
                             {"email": "hai@example.org", "password": PASSWORD}) == 302
    browser.copy_cookies_to("127.0.0.1")
    status_first, page_first = browser.get(first + "/reports/orgs")
    status_second, page_second = browser.get(second + "/reports/orgs")
    assert status_first == status_second == 200
    table = _report_table(page_first)
    assert table == _report_table(page_second)
    assert re.search(r"<td[^>]*>\s*[1-9]", table), "the demo province should give numbers"
