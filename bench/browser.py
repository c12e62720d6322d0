"""A small HTTP client on a persistent http.client connection: cookies, forms, CSRF, timing."""

from __future__ import annotations

import http.client
import re
import time
import urllib.parse
from dataclasses import dataclass, field

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(html: str) -> str:
    """The first CSRF token in a page."""
    match = _CSRF.search(html)
    if not match:
        raise ValueError("no CSRF token in the page")
    return match.group(1)


@dataclass
class Response:
    """Status, headers, body and the time the round trip took."""

    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float
    set_cookies: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The body decoded as UTF-8."""
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        """The path of a redirect's Location header."""
        target = urllib.parse.urlsplit(self.headers.get("location", ""))
        return target.path + (f"?{target.query}" if target.query else "")


class Browser:
    """One learner's browser: keeps its cookies and its connection (reopened when closed).

    `source` is a loopback address (127.0.0.N) to connect from, so that each simulated person
    has their own address, as real people do (per-address sign-in limits apply to each).
    """

    def __init__(self, port: int, source: str = "127.0.0.1", timeout: float = 30):
        self.port = port
        self.source = source
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self._connection: http.client.HTTPConnection | None = None

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=self.timeout, source_address=(self.source, 0)
            )
        return self._connection

    @property
    def cookie_header(self) -> str:
        """The Cookie header this browser sends."""
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> Response:
        """Send a request, keep the cookies it sets; redirects are not followed."""
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = self.cookie_header
        for attempt in (1, 2):
            connection = self._connect()
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=sent)
                raw = connection.getresponse()
                data = raw.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed the kept-alive connection between requests: reconnect.
                self.close()
                if attempt == 2:
                    raise
                continue
            elapsed = time.perf_counter() - started
            if raw.will_close:
                self.close()
            set_cookies = raw.headers.get_all("Set-Cookie") or []
            self._remember(set_cookies)
            return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, data,
                            elapsed, set_cookies)
        raise AssertionError("unreachable")

    def _remember(self, set_cookies: list[str]) -> None:
        for header in set_cookies:
            pair = header.split(";", 1)[0]
            name, _, value = pair.partition("=")
            if "max-age=0" in header.lower() or "expires=thu, 01 jan 1970" in header.lower():
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value.strip()

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        """GET a path."""
        return self.request("GET", path, headers=headers)

    def post(self, path: str, fields: list[tuple[str, str]] | dict[str, str]) -> Response:
        """POST a urlencoded form."""
        body = urllib.parse.urlencode(fields).encode()
        return self.request("POST", path, body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded",
        })

    def login(self, email: str, password: str) -> None:
        """Sign in through the real form; raises when the app does not accept it."""
        page = self.get("/login")
        answer = self.post("/login", {"email": email, "password": password,
                                      "csrf_token": csrf_token(page.text)})
        if answer.status != 302:
            raise RuntimeError(f"sign-in of {email} answered {answer.status}")

    def close(self) -> None:
        """Close the connection (the next request opens a new one)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
