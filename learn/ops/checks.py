"""The deployment self-check: every unsafe production setting, each with an id and a fix."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url

from learn.config import MIN_SECRET_KEY_LENGTH, Settings
from learn.ops.mounts import filesystem_type, is_network_filesystem

ERROR = "error"
WARNING = "warning"
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", ""})
# OWASP Password Storage Cheat Sheet minimum for argon2id: 19 MiB memory with 2 iterations.
ARGON2_MIN_MEMORY_KIB = 19 * 1024
ARGON2_MIN_TIME_COST = 2
MAX_IDLE_MINUTES = 120
MAX_LIFETIME_HOURS = 24
_WEAK_WORDS = ("secret", "password", "changeme", "change-me", "example", "default", "learn")


@dataclass(frozen=True)
class Finding:
    """One problem: its id (learn.E… errors, learn.W… warnings), what is wrong, how to fix."""

    id: str
    level: str
    message: str
    hint: str


@dataclass
class DeploymentContext:
    """What the checks look at: the settings, the app's config if it starts, the environment."""

    settings: Settings
    app_config: Mapping | None = None
    startup_error: str | None = None
    environ: Mapping[str, str] = field(default_factory=dict)
    mounts_text: str = ""
    redis_ping: Callable[[str], str | None] | None = None


Check = Callable[[DeploymentContext], Iterator[Finding]]
_CHECKS: list[Check] = []


def _check(function: Check) -> Check:
    _CHECKS.append(function)
    return function


@_check
def _startup(ctx: DeploymentContext) -> Iterator[Finding]:
    if ctx.startup_error:
        yield Finding("learn.E000", ERROR, f"The app refuses to start: {ctx.startup_error}",
                      "Fix the setting named in the message; the checks below say more.")


@_check
def _environment(ctx: DeploymentContext) -> Iterator[Finding]:
    if not ctx.settings.is_production:
        yield Finding(
            "learn.E001", ERROR,
            f"LEARN_ENV is {ctx.settings.env!r}: secure cookies, HSTS and the production "
            "safety checks are off.",
            "Set LEARN_ENV=production on the server.",
        )


@_check
def _debug(ctx: DeploymentContext) -> Iterator[Finding]:
    debug = ctx.settings.debug or bool(ctx.app_config and ctx.app_config.get("DEBUG"))
    if debug:
        yield Finding(
            "learn.E002", ERROR,
            "Debug mode is on: error pages may reveal code and settings.",
            "Unset LEARN_DEBUG (or set LEARN_DEBUG=0).",
        )


def _looks_weak(key: str) -> bool:
    lowered = key.lower()
    if len(set(key)) < 10:
        return True
    return any(word in lowered for word in _WEAK_WORDS)


@_check
def _secret_key(ctx: DeploymentContext) -> Iterator[Finding]:
    key = ctx.settings.secret_key
    hint = (
        "Set LEARN_SECRET_KEY to a long random value, for example the output of "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(48))'."
    )
    if len(key) < MIN_SECRET_KEY_LENGTH:
        yield Finding(
            "learn.E003", ERROR,
            f"LEARN_SECRET_KEY is missing or shorter than {MIN_SECRET_KEY_LENGTH} characters.",
            hint,
        )
    elif _looks_weak(key):
        yield Finding(
            "learn.E004", ERROR,
            "LEARN_SECRET_KEY looks weak (few different characters or a common word).", hint,
        )


@_check
def _trusted_hosts(ctx: DeploymentContext) -> Iterator[Finding]:
    if not ctx.settings.trusted_hosts:
        yield Finding(
            "learn.W001", WARNING,
            "LEARN_TRUSTED_HOSTS is empty: requests for any host name are answered.",
            "Set LEARN_TRUSTED_HOSTS to the site's host name(s), comma-separated.",
        )


@_check
def _cookies(ctx: DeploymentContext) -> Iterator[Finding]:
    config = ctx.app_config
    if config is None:
        return
    problems = []
    if not config.get("SESSION_COOKIE_SECURE"):
        problems.append("not Secure")
    if not config.get("SESSION_COOKIE_HTTPONLY"):
        problems.append("not HttpOnly")
    if str(config.get("SESSION_COOKIE_SAMESITE")) not in ("Lax", "Strict"):
        problems.append("SameSite is neither Lax nor Strict")
    if not str(config.get("SESSION_COOKIE_NAME", "")).startswith("__Host-"):
        problems.append("the name lacks the __Host- prefix")
    if config.get("SESSION_COOKIE_DOMAIN"):
        problems.append("a Domain is set (a __Host- cookie must have none)")
    if problems:
        yield Finding(
            "learn.E005", ERROR,
            "The session cookie is insecure: " + "; ".join(problems) + ".",
            "Run with LEARN_ENV=production, which sets Secure, HttpOnly, SameSite=Lax and the "
            "__Host- name; do not override SESSION_COOKIE_* settings.",
        )


def _worker_count(environ: Mapping[str, str]) -> int:
    counts = [1]
    concurrency = environ.get("WEB_CONCURRENCY", "")
    if concurrency.isdigit():
        counts.append(int(concurrency))
    args = shlex.split(environ.get("GUNICORN_CMD_ARGS", ""))
    for index, arg in enumerate(args):
        value = ""
        if arg in ("-w", "--workers") and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--workers="):
            value = arg.split("=", 1)[1]
        elif arg.startswith("-w") and arg[2:].isdigit():
            value = arg[2:]
        if value.isdigit():
            counts.append(int(value))
    return max(counts)


@_check
def _rate_limit_storage(ctx: DeploymentContext) -> Iterator[Finding]:
    redis_url = ctx.settings.redis_url
    if not redis_url:
        workers = _worker_count(ctx.environ)
        several = (
            f"{workers} workers are configured: each keeps its own counters, so every limit "
            f"is {workers} times weaker"
            if workers > 1
            else "with several workers (gunicorn -w N) each keeps its own counters"
        )
        if ctx.settings.is_production or workers > 1:
            yield Finding(
                "learn.W002", WARNING,
                "Rate limits (sign-in, two-factor codes) are counted in memory; " + several
                + ", and a restart forgets them.",
                "Set LEARN_REDIS_URL=redis://host:6379/0 so all workers share the counters.",
            )
        return
    if ctx.redis_ping is not None:
        problem = ctx.redis_ping(redis_url)
        if problem:
            yield Finding(
                "learn.E006", ERROR,
                f"LEARN_REDIS_URL is set but Redis does not answer: {problem}. Every request "
                "that is rate limited would fail.",
                "Start Redis or correct LEARN_REDIS_URL.",
            )
    host = urlsplit(redis_url).hostname or ""
    if urlsplit(redis_url).scheme == "redis" and host not in LOOPBACK_HOSTS:
        yield Finding(
            "learn.W010", WARNING,
            f"Redis at {host} is reached without TLS.",
            "Use rediss:// (TLS) or keep Redis on the same host or a private network.",
        )


def _sqlite_file(database_url: str) -> Path | None:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


@_check
def _database(ctx: DeploymentContext) -> Iterator[Finding]:
    url = make_url(ctx.settings.database_url)
    sqlite_file = _sqlite_file(ctx.settings.database_url)
    if url.get_backend_name() == "sqlite":
        if ctx.settings.is_production:
            yield Finding(
                "learn.W003", WARNING,
                "SQLite in production: fine for one server and modest use, but backups need "
                "`learn db backup` and only one machine may use the file.",
                "For several servers or heavy use, set LEARN_DATABASE_URL to PostgreSQL.",
            )
        if sqlite_file is not None:
            fs_type = filesystem_type(sqlite_file.parent, ctx.mounts_text)
            if is_network_filesystem(fs_type):
                yield Finding(
                    "learn.E007", ERROR,
                    f"The SQLite database {sqlite_file} is on a network filesystem ({fs_type}): "
                    "its file locking is unreliable there and the database can be corrupted.",
                    "Move the database to a local disk, or use PostgreSQL.",
                )
        return
    if url.get_backend_name() == "postgresql":
        host = url.host or ""
        sslmode = str(url.query.get("sslmode", ""))
        if host not in LOOPBACK_HOSTS and not host.startswith("/") and sslmode not in (
            "require", "verify-ca", "verify-full"
        ):
            yield Finding(
                "learn.W009", WARNING,
                f"The connection to PostgreSQL at {host} is not required to use TLS.",
                "Add ?sslmode=verify-full (or require) to LEARN_DATABASE_URL.",
            )


@_check
def _base_url(ctx: DeploymentContext) -> Iterator[Finding]:
    if urlsplit(ctx.settings.base_url).scheme != "https":
        yield Finding(
            "learn.E008", ERROR,
            f"LEARN_BASE_URL is {ctx.settings.base_url!r}: links sent to users (activation, "
            "certificate verification) would not use HTTPS.",
            "Set LEARN_BASE_URL=https://your.host.name and serve the site over HTTPS only.",
        )


@_check
def _two_factor(ctx: DeploymentContext) -> Iterator[Finding]:
    settings = ctx.settings
    if settings.is_production and not settings.staff_must_use_2fa:
        yield Finding(
            "learn.W004", WARNING,
            "Two-factor sign-in is not required for administrators, managers and trainers.",
            "Unset LEARN_REQUIRE_STAFF_2FA (production requires it by default) or set it to 1.",
        )
    key_hint = (
        "Set LEARN_TOTP_KEY to a long random value kept apart from the database "
        "(docs/security.md explains rotation)."
    )
    if not settings.totp_key:
        if settings.is_production:
            yield Finding(
                "learn.W005", WARNING,
                "LEARN_TOTP_KEY is not set: two-factor seeds derive from LEARN_SECRET_KEY, so "
                "changing the secret key would disable every enrolment.",
                key_hint,
            )
    elif len(settings.totp_key) < MIN_SECRET_KEY_LENGTH or _looks_weak(settings.totp_key):
        yield Finding(
            "learn.E009", ERROR, "LEARN_TOTP_KEY is short or looks weak.", key_hint
        )


@_check
def _session_timeouts(ctx: DeploymentContext) -> Iterator[Finding]:
    settings = ctx.settings
    if settings.session_idle_minutes > MAX_IDLE_MINUTES:
        yield Finding(
            "learn.W006", WARNING,
            f"Sessions stay open after {settings.session_idle_minutes} idle minutes.",
            f"Set LEARN_SESSION_IDLE_MINUTES to {MAX_IDLE_MINUTES} or less (default 60).",
        )
    if settings.session_lifetime_hours > MAX_LIFETIME_HOURS:
        yield Finding(
            "learn.W007", WARNING,
            f"Sessions last up to {settings.session_lifetime_hours} hours.",
            f"Set LEARN_SESSION_LIFETIME_HOURS to {MAX_LIFETIME_HOURS} or less (default 12).",
        )


@_check
def _password_hashing(ctx: DeploymentContext) -> Iterator[Finding]:
    settings = ctx.settings
    if (
        settings.argon2_memory_kib < ARGON2_MIN_MEMORY_KIB
        or settings.argon2_time_cost < ARGON2_MIN_TIME_COST
    ):
        yield Finding(
            "learn.W008", WARNING,
            f"argon2id cost is low (time {settings.argon2_time_cost}, memory "
            f"{settings.argon2_memory_kib} KiB).",
            "Unset LEARN_ARGON2_TIME_COST and LEARN_ARGON2_MEMORY_KIB (defaults: 3, 65536).",
        )


def run_checks(ctx: DeploymentContext) -> list[Finding]:
    """Every finding, errors first, in id order."""
    findings = [finding for check in _CHECKS for finding in check(ctx)]
    return sorted(findings, key=lambda f: (f.level != ERROR, f.id))


def redact_url(url: str) -> str:
    """A URL without its password, for messages."""
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)
