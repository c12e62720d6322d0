"""Benchmark 6: resident memory of a gunicorn worker after the load runs."""

from __future__ import annotations

from bench.results import Result, verdict
from bench.server import Gunicorn, WorkerMemory
from bench.site import Site

NAME = "memory"
MAX_RSS_MIB = 150.0


def _largest(workers: list[WorkerMemory]) -> WorkerMemory:
    if not workers:
        raise RuntimeError("no gunicorn worker found")
    return max(workers, key=lambda w: w.rss_mib)


def run(site: Site, minimal: Gunicorn) -> list[Result]:
    """RSS (and PSS) of the largest app worker vs the largest minimal-app worker."""
    assert site.server is not None
    app_workers = site.server.worker_memory()
    base_workers = minimal.worker_memory()
    app, base = _largest(app_workers), _largest(base_workers)
    details = {
        "app_workers": [vars(w) for w in app_workers],
        "minimal_workers": [vars(w) for w in base_workers],
    }
    results = [
        Result(NAME, site.kind, "worker RSS", app.rss_mib, "MiB", base.rss_mib, "minimal app",
               f"< {MAX_RSS_MIB:.0f} MiB", verdict(app.rss_mib < MAX_RSS_MIB), details=details),
    ]
    if app.pss_mib is not None and base.pss_mib is not None:
        results.append(Result(NAME, site.kind, "worker PSS", app.pss_mib, "MiB", base.pss_mib,
                              "minimal app", "", "INFO"))
    return results
