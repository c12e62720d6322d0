"""Where things are, and the environment every process of a benchmark runs with."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# A fixed key: the bench signs session cookies in one process and sends them to another.
BENCH_SECRET_KEY = "bench-only-secret-key-never-used-in-production-0123456789"  # noqa: S105
CACHE_DIR = Path(os.environ.get("LEARN_BENCH_CACHE", Path.home() / ".cache" / "learn-bench"))
POSTGRES_ADMIN_URL = os.environ.get(
    "LEARN_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def app_environment(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of the app under test: production mode, the code of THIS tree.

    PYTHONPATH puts this tree first, so the bench measures the code beside it (also when
    run from an exported copy of a commit). Staff two-factor sign-in is switched off: the
    report benchmark signs an administrator in, and 2FA is not what is measured.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEARN_")}
    env.update(
        PYTHONPATH=os.pathsep.join(p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH"))
                                   if p),
        LEARN_ENV="production",
        LEARN_SECRET_KEY=BENCH_SECRET_KEY,
        LEARN_DATABASE_URL=database_url,
        LEARN_COURSES_DIR=str(REPO_ROOT / "courses"),
        LEARN_BASE_URL="http://127.0.0.1",
        LEARN_REQUIRE_STAFF_2FA="0",
    )
    env.update(extra)
    return env


@contextmanager
def patched_environ(values: Mapping[str, str]) -> Iterator[None]:
    """Set os.environ to these values for the block (the app reads its settings there)."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(values)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)
