"""How big and how long: the default (full) scale and --quick."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    """Durations and sizes of one run."""

    name: str
    wrk_seconds: int
    connections: int
    quiz_seconds: int
    quiz_learners: int
    report_learners: int
    report_small_learners: int
    report_repeats: int
    publish_courses: int
    publish_units: int


FULL = Scale("full", wrk_seconds=15, connections=16, quiz_seconds=60, quiz_learners=32,
             report_learners=100_000, report_small_learners=5_000, report_repeats=5,
             publish_courses=100, publish_units=20)
QUICK = Scale("quick", wrk_seconds=5, connections=16, quiz_seconds=15, quiz_learners=32,
              report_learners=10_000, report_small_learners=1_000, report_repeats=3,
              publish_courses=20, publish_units=20)
