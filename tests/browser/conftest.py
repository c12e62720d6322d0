"""Browser tests: the real app served on loopback, driven by the system Chromium headless."""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("LEARN_CHROMIUM", "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
# Without these flags Chromium tries to reach Google's services, which a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _require(condition: bool, reason: str) -> None:
    # In CI a browser test that cannot run is a failure, never a skip.
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


class _SharedChromium:
    """One Chromium per process, however many conftests import the ``browser`` fixture.

    Two sync Playwright instances cannot run in one process, and tests/quiz imports the
    fixture into its own conftest, so both session fixtures share this one.
    """

    users = 0
    playwright = None
    instance = None

    @classmethod
    def acquire(cls):
        """The running browser, started on first use."""
        if cls.users == 0:
            from playwright.sync_api import sync_playwright

            cls.playwright = sync_playwright().start()
            cls.instance = cls.playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
        cls.users += 1
        return cls.instance

    @classmethod
    def release(cls) -> None:
        """Stop the browser when its last user is done."""
        cls.users -= 1
        if cls.users == 0:
            cls.instance.close()
            cls.playwright.stop()
            cls.instance = cls.playwright = None


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    _require(shutil.which(CHROMIUM) is not None or Path(CHROMIUM).exists(),
             f"Chromium not found at {CHROMIUM}")
    instance = _SharedChromium.acquire()
    yield instance
    _SharedChromium.release()


class _BufferedApp:
    """The WSGI app with each response body read whole and closed before it is sent.

    werkzeug's development server skips closing the body when the browser drops the
    connection first (a page left before its favicon arrived): the open static file then
    raises a ResourceWarning in some later test, which the warnings-are-errors setting fails.
    It also counts requests in flight, so that stopping the server can wait for them: a
    request still running when the test's engine is disposed would keep its database
    connection out of the pool, to be garbage-collected (a ResourceWarning) in a later test.
    """

    def __init__(self, app):
        self._app = app
        self._in_flight = 0
        self._idle = threading.Condition()

    def __call__(self, environ, start_response):
        with self._idle:
            self._in_flight += 1
        try:
            body = self._app(environ, start_response)
            try:
                return [b"".join(body)]
            finally:
                if hasattr(body, "close"):
                    body.close()
        finally:
            with self._idle:
                self._in_flight -= 1
                self._idle.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no request is being handled; False if the timeout passed first."""
        with self._idle:
            return self._idle.wait_for(lambda: self._in_flight == 0, timeout)


class LiveServer:
    """The app served by werkzeug in a thread on a free loopback port."""

    def __init__(self, app):
        self._app = _BufferedApp(app)
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> LiveServer:
        """Start serving."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and wait for the thread."""
        self._server.shutdown()
        self._thread.join(timeout=10)
        self._server.server_close()
        assert self._app.wait_idle(timeout=10), "a request was still running 10 s after stop"


@pytest.fixture
def live_server(app_factory):
    """The app with CSRF on, as in production, served on loopback."""
    app = app_factory(csrf=True)
    server = LiveServer(app).start()
    server.app = app
    yield server
    server.stop()


class SiteOnlyContexts:
    """Browser contexts whose requests may not leave the live server (checked at the end)."""

    def __init__(self, browser, site_url: str):
        self._browser = browser
        self._site = site_url
        self._contexts: list = []
        self.outside: list[str] = []

    def _guard(self, route) -> None:
        url = route.request.url
        if url.startswith(self._site) or url.startswith(("data:", "about:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, width: int = 360, height: int = 780, java_script_enabled: bool = True,
             locale: str = "vi-VN"):
        """A page in a fresh context (own cookies)."""
        context = self._browser.new_context(
            viewport={"width": width, "height": height}, locale=locale,
            java_script_enabled=java_script_enabled,
        )
        context.set_default_timeout(10_000)
        context.route("**/*", self._guard)
        self._contexts.append(context)
        return context.new_page()

    def close(self) -> None:
        """Close every context and fail if any request left the site."""
        for context in self._contexts:
            context.close()
        assert self.outside == [], f"requests left the site: {self.outside}"


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page (own cookies) at phone width, failing on any off-site request."""
    contexts = SiteOnlyContexts(browser, live_server.url)
    yield contexts.open()
    contexts.close()


@pytest.fixture
def open_page(browser, live_server):
    """``open_page(width=360, height=780, java_script_enabled=True, locale="vi-VN")``:
    more pages, each in its own context, failing on any off-site request."""
    contexts = SiteOnlyContexts(browser, live_server.url)
    yield contexts.open
    contexts.close()


@pytest.fixture
def axe(browser, live_server):
    """Run an axe-core audit on a URL; returns serious and critical violations."""
    _require(AXE_JS.exists(), "axe-core is not installed (npm install in tests/browser)")
    script = AXE_JS.read_text(encoding="utf-8")

    # One page per set of cookies, reused: a fresh context for every audit costs more than
    # the audit itself. bypass_csp lets the audit script in; the pages are unchanged.
    pages: dict[tuple, object] = {}

    def page_for(cookies: list | None):
        key = tuple(sorted((c["name"], c["value"]) for c in cookies or ()))
        if key not in pages:
            context = browser.new_context(viewport={"width": 360, "height": 780},
                                          bypass_csp=True)
            context.add_init_script(script)
            if cookies:
                context.add_cookies(cookies)
            pages[key] = context.new_page()
        return pages[key]

    def audit(path: str, cookies: list | None = None) -> list[dict]:
        page = page_for(cookies)
        page.goto(live_server.url + path)
        result = page.evaluate("async () => JSON.stringify(await axe.run(document))")
        violations = json.loads(result)["violations"]
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["html"] for n in v["nodes"]][:3]}
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]

    yield audit
    for page in pages.values():
        page.context.close()


COURSE_TREE = Path(__file__).resolve().parent / "fixtures" / "courses"


@pytest.fixture
def published_courses(live_server):
    """The courses under fixtures/courses, published into the live server's database."""
    from learn.courses.publishing import publish
    from learn.db import session_factory

    session = session_factory(live_server.app)()
    try:
        result = publish(session, COURSE_TREE)
        assert result.ok, [str(d) for d in result.errors]
        session.commit()
    finally:
        session.close()
    return result


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than its viewport (0 when nothing scrolls)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def language_of(locator) -> str:
    """The language an element's text is in: the nearest ``lang`` attribute, as browsers do."""
    return locator.evaluate("element => element.closest('[lang]').lang")
