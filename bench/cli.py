"""`python -m bench`: run the benchmarks, print the table, write bench/results.json."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import machine
from bench.databases import KINDS, postgres_available
from bench.environment import POSTGRES_ADMIN_URL, REPO_ROOT, app_environment
from bench.results import Result, failed, format_table, skipped, write_json
from bench.scale import FULL, QUICK, Scale

SERVED = ("unit_page", "page_weight", "quiz_load", "memory")
ALONE = ("report", "publishing")
BENCHMARKS = SERVED + ALONE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmarks of learn; every figure beside a baseline measured in the same run.",
    )
    parser.add_argument("--quick", action="store_true",
                        help="short durations and small data, to try it out (< 3 minutes)")
    parser.add_argument("--db", choices=(*KINDS, "both"), default="both",
                        help="database(s) to run on (default: both)")
    parser.add_argument("--only", default="",
                        help="comma-separated subset of: " + ", ".join(BENCHMARKS))
    parser.add_argument("--workers", type=int, default=None,
                        help="gunicorn sync workers for the app and the minimal app")
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "bench" / "results.json",
                        help="where to write the JSON results")
    parser.add_argument("--keep", action="store_true",
                        help="keep the work folder (logs, SQLite files) for inspection")
    return parser


def _guard(results: list[Result], name: str, db: str, step: Callable[[], list[Result]]) -> None:
    started = time.monotonic()
    print(f"  {name} ({db})...", flush=True)
    try:
        produced = step()
    except Exception as error:  # one broken benchmark must not stop the others
        produced = [failed(name, db, error)]
    for result in produced:
        result.details.setdefault("elapsed_s", round(time.monotonic() - started, 1))
    results.extend(produced)
    for result in produced:
        shown = "" if result.value is None else f" {result.value:.2f} {result.unit}"
        print(f"    {result.metric}:{shown} {result.status} {result.note}".rstrip(), flush=True)


def _run_served(kind: str, selected: list[str], scale: Scale, workdir: Path,
                workers: int | None, results: list[Result]) -> None:
    from bench import memory, page_weight, quiz_load, unit_page
    from bench.server import DEFAULT_WORKERS, Gunicorn
    from bench.site import Site

    workers = workers or DEFAULT_WORKERS
    print(f"Setting up the {kind} site (curriculum, learners, gunicorn x{workers})...",
          flush=True)
    try:
        site = Site(kind, workdir, scale.quiz_learners + 1, workers).__enter__()
    except Exception as error:
        results.extend(failed(name, kind, error) for name in selected if name in SERVED)
        return
    minimal = Gunicorn("bench.minimal_app:app", app_environment("sqlite://"), workdir,
                       f"minimal-{kind}", workers)
    try:
        minimal.start()
        steps = {
            "unit_page": lambda: unit_page.run(site, minimal, scale),
            "page_weight": lambda: page_weight.run(site),
            "quiz_load": lambda: quiz_load.run(site, scale),
            "memory": lambda: memory.run(site, minimal),
        }
        for name in SERVED:
            if name in selected:
                _guard(results, name, kind, steps[name])
    finally:
        minimal.stop()
        site.__exit__(None, None, None)


def _run_alone(kind: str, selected: list[str], scale: Scale, workdir: Path,
               results: list[Result]) -> None:
    from bench import publishing, report_speed

    steps = {
        "report": lambda: report_speed.run(kind, scale, workdir),
        "publishing": lambda: publishing.run(kind, scale, workdir),
    }
    for name in ALONE:
        if name in selected:
            _guard(results, name, kind, steps[name])


def main(argv: list[str] | None = None) -> int:
    """Run the chosen benchmarks; exit 0 when nothing FAILed or ERRORed."""
    args = _parser().parse_args(argv)
    scale = QUICK if args.quick else FULL
    selected = [n.strip() for n in args.only.split(",") if n.strip()] or list(BENCHMARKS)
    unknown = sorted(set(selected) - set(BENCHMARKS))
    if unknown:
        print("unknown benchmark(s): " + ", ".join(unknown), file=sys.stderr)
        return 2
    kinds = list(KINDS) if args.db == "both" else [args.db]
    results: list[Result] = []
    if "postgresql" in kinds and (reason := postgres_available()):
        kinds.remove("postgresql")
        results.extend(skipped(n, "postgresql", reason) for n in selected)
    workdir = Path(tempfile.mkdtemp(prefix="learn-bench-"))
    # Shared machines are noisy: the load before and after says how much.
    load_before = os.getloadavg()
    started = time.monotonic()
    print(f"learn benchmarks, {scale.name} scale, work folder {workdir}", flush=True)
    try:
        for kind in kinds:
            if set(selected) & set(SERVED):
                _run_served(kind, selected, scale, workdir, args.workers, results)
            _run_alone(kind, selected, scale, workdir, results)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    elapsed = time.monotonic() - started
    order = {name: i for i, name in enumerate(BENCHMARKS)}
    results.sort(key=lambda r: (order.get(r.benchmark, 99), KINDS.index(r.db)
                                if r.db in KINDS else 9))
    options = {"scale": scale.name, "db": args.db, "only": selected, "workers": args.workers,
               "elapsed_s": round(elapsed, 1), "load_average_before": load_before,
               "load_average_after": os.getloadavg()}
    write_json(args.output, results, machine.describe(POSTGRES_ADMIN_URL), options)
    print()
    print(format_table(results))
    print(f"\n{len(results)} figures in {elapsed:.0f} s; load average {load_before[0]:.1f} "
          f"before, {os.getloadavg()[0]:.1f} after; results in {args.output}")
    return 1 if any(r.status in ("FAIL", "ERROR") for r in results) else 0
