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


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    _require(shutil.which(CHROMIUM) is not None or Path(CHROMIUM).exists(),
             f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


class LiveServer:
    """The app served by werkzeug in a thread on a free loopback port."""

    def __init__(self, app):
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
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


@pytest.fixture
def live_server(app_factory):
    """The app with CSRF on, as in production, served on loopback."""
    app = app_factory(csrf=True)
    server = LiveServer(app).start()
    server.app = app
    yield server
    server.stop()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page (own cookies) at phone width, failing on any off-site request."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="vi-VN")
    context.set_default_timeout(10_000)
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(live_server.url) or url.startswith(("data:", "about:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    yield page
    context.close()
    assert outside == [], f"requests left the site: {outside}"


@pytest.fixture
def axe(browser, live_server):
    """Run an axe-core audit on a URL; returns serious and critical violations."""
    _require(AXE_JS.exists(), "axe-core is not installed (npm install in tests/browser)")
    script = AXE_JS.read_text(encoding="utf-8")

    def audit(path: str, cookies: list | None = None) -> list[dict]:
        # bypass_csp lets the audit script in; the page itself is unchanged.
        context = browser.new_context(viewport={"width": 360, "height": 780}, bypass_csp=True)
        if cookies:
            context.add_cookies(cookies)
        page = context.new_page()
        page.goto(live_server.url + path)
        page.add_script_tag(content=script)
        result = page.evaluate("async () => JSON.stringify(await axe.run(document))")
        context.close()
        violations = json.loads(result)["violations"]
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["html"] for n in v["nodes"]][:3]}
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]

    return audit
