"""Benchmark 1: a signed-in learner reading a typical unit vs a constant-string Flask app.

Beside the target, two of the app's own cheapest answers are measured under the same load,
for scale: the health check (no template, no session; one `SELECT 1`) and the privacy
notice read by the signed-in learner (the session check and the page frame, no course
data). They show how much of the gap to the constant string any page of this app pays
before it does its own work.
"""

from __future__ import annotations

from bench.python_calls import calls_per_request
from bench.results import Result, verdict
from bench.scale import Scale
from bench.server import Gunicorn
from bench.site import Site, typical_unit
from bench.wrk import WrkResult, run_wrk

NAME = "unit_page"
MIN_RPS_RATIO = 0.5
MAX_P95_MS = 50.0
HEALTH_PATH = "/healthz"
FRAME_PATH = "/privacy"


def _details(result: WrkResult) -> dict:
    return {"requests": result.requests, "seconds": result.seconds, "rps": result.rps,
            "p50_ms": result.p50_ms, "p95_ms": result.p95_ms, "p99_ms": result.p99_ms,
            "max_ms": result.max_ms, "errors": result.errors}


def run(site: Site, minimal: Gunicorn, scale: Scale) -> list[Result]:
    """wrk the unit page and the minimal endpoint, one after the other, same settings."""
    assert site.server is not None and site.app is not None
    unit = typical_unit(site.app)
    browser = site.browser(0)
    check = browser.get(unit.path)
    if check.status != 200 or unit.title.encode() not in check.body:
        raise RuntimeError(f"{unit.path} answered {check.status} without the unit's title")
    headers = {"Cookie": browser.cookie_header, "Accept-Encoding": "identity"}
    page = run_wrk(site.server.base_url + unit.path, scale.wrk_seconds, scale.connections,
                   headers=headers)
    base = run_wrk(minimal.base_url + "/", scale.wrk_seconds, scale.connections)
    # The same page read by 16 different learners (one cookie per request in turn): a
    # learner's own rows are then not shared between the concurrent requests.
    others = [site.browser(i) for i in range(1, scale.connections + 1)]
    cookies = [b.cookie_header for b in others]
    for b in others:
        b.get(unit.path)
    many = run_wrk(site.server.base_url + unit.path, scale.wrk_seconds, scale.connections,
                   headers={"Accept-Encoding": "identity"}, cookies=cookies)
    calls = _python_calls(site, unit.path, browser.cookie_header)
    health = run_wrk(site.server.base_url + HEALTH_PATH, scale.wrk_seconds, scale.connections)
    frame = run_wrk(site.server.base_url + FRAME_PATH, scale.wrk_seconds, scale.connections,
                    headers=headers)
    details = {"unit": unit.path, "unit_html_bytes": len(check.body),
               "workers": site.server.workers, "connections": scale.connections,
               "seconds": scale.wrk_seconds, "page": _details(page), "minimal": _details(base),
               "page_16_learners": _details(many), "health_check": _details(health),
               "signed_in_frame": _details(frame), "python_calls": calls}
    errors = page.error_count
    rps_ok = page.rps >= MIN_RPS_RATIO * base.rps and errors == 0
    return [
        Result(NAME, site.kind, "throughput", page.rps, "req/s", base.rps, "minimal app",
               f">= {MIN_RPS_RATIO:.0%} of minimal", verdict(rps_ok),
               note="" if errors == 0 else f"{errors} errors", details=details),
        Result(NAME, site.kind, "p95 latency", page.p95_ms, "ms", base.p95_ms, "minimal app",
               f"< {MAX_P95_MS:.0f} ms", verdict(page.p95_ms < MAX_P95_MS and errors == 0),
               details={"p50_ms": page.p50_ms, "p99_ms": page.p99_ms,
                        "minimal_p50_ms": base.p50_ms, "minimal_p99_ms": base.p99_ms}),
        _throughput_figure(site.kind, "throughput, 16 learners", many, base),
        _throughput_figure(site.kind, f"for scale: {HEALTH_PATH}", health, base),
        _throughput_figure(site.kind, "for scale: signed-in privacy page", frame, base),
        Result(NAME, site.kind, "Python calls per page", calls["unit page"], "calls",
               calls["minimal app"], "minimal app", "", "INFO",
               f"page frame {calls['signed-in privacy page']:,.0f}, "
               f"{HEALTH_PATH} {calls[HEALTH_PATH]:,.0f}"),
    ]


def _python_calls(site: Site, unit_path: str, cookie_header: str) -> dict[str, float]:
    """Calls per request in-process (the work itself, whatever the machine's speed)."""
    from bench.minimal_app import app as minimal_app

    signed_in = [("Cookie", cookie_header)]
    return {
        "unit page": calls_per_request(site.app, unit_path, signed_in),
        "signed-in privacy page": calls_per_request(site.app, FRAME_PATH, signed_in),
        HEALTH_PATH: calls_per_request(site.app, HEALTH_PATH),
        "minimal app": calls_per_request(minimal_app, "/"),
    }


def _throughput_figure(kind: str, metric: str, result: WrkResult, base: WrkResult) -> Result:
    """An informative requests/s figure against the minimal app, its p95 and errors noted."""
    note = f"p95 {result.p95_ms:.0f} ms"
    if result.error_count:
        note += f", {result.error_count} errors"
    return Result(NAME, kind, metric, result.rps, "req/s", base.rps, "minimal app", "", "INFO",
                  note)
