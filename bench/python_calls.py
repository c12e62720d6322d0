"""Python function calls per request of a WSGI app, in-process: a measure of the work a page
does that no machine's speed moves (throughput and latency swing with the machine)."""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable, Iterable

from werkzeug.test import EnvironBuilder

WARM_UP = 5


def _request(app: Callable, environ: dict) -> int:
    """One request through the WSGI app, its body read to the end; returns the status."""
    # Not werkzeug.test.run_wsgi_app: its wrapping adds ~30 calls of its own to each count.
    status: list[str] = []

    def start_response(line: str, _headers, _exc_info=None):
        status.append(line)

    body = app(dict(environ), start_response)
    try:
        for _chunk in body:
            pass
    finally:
        close = getattr(body, "close", None)
        if close is not None:
            close()
    return int(status[0].split(" ", 1)[0])


def calls_per_request(app: Callable, path: str, headers: Iterable[tuple[str, str]] = (),
                      repeats: int = 50) -> float:
    """Python calls (cProfile's count) per GET of `path`, after a warm-up; only 200s count."""
    environ = EnvironBuilder(path=path, headers=list(headers),
                             environ_base={"REMOTE_ADDR": "127.0.0.1"}).get_environ()
    for _ in range(WARM_UP):
        status = _request(app, environ)
        if status != 200:
            raise RuntimeError(f"{path} answered {status} in-process")
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(repeats):
        _request(app, environ)
    profile.disable()
    return pstats.Stats(profile).total_calls / repeats
