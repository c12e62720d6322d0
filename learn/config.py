"""Settings read from LEARN_* environment variables."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

MIN_SECRET_KEY_LENGTH = 32


class ConfigError(RuntimeError):
    """Raised when the configuration is unsafe or incomplete."""


@dataclass(frozen=True)
class Settings:
    """Every setting the app reads, with its default."""

    env: str
    database_url: str
    secret_key: str
    courses_dir: Path
    redis_url: str | None
    site_name: str
    org_name: str
    base_url: str
    instance_path: Path
    debug: bool = False
    trusted_hosts: tuple[str, ...] = ()
    proxy_hops: int = 0
    session_idle_minutes: int = 60
    session_lifetime_hours: int = 12
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    extra: dict[str, str] = field(default_factory=dict)
    # None: on in production, off in development (the demo must be explorable without an
    # authenticator app); LEARN_REQUIRE_STAFF_2FA=1/0 decides explicitly.
    require_staff_2fa: bool | None = None
    # Key from which TOTP seeds are derived (empty: derived from secret_key); old keys still
    # verify the enrolments made with them until those users enrol again.
    totp_key: str = ""
    totp_old_keys: tuple[str, ...] = ()

    @property
    def is_production(self) -> bool:
        """True when LEARN_ENV=production."""
        return self.env == "production"

    @property
    def staff_must_use_2fa(self) -> bool:
        """True when administrators, managers and trainers must sign in with two factors."""
        if self.require_staff_2fa is None:
            return self.is_production
        return self.require_staff_2fa


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _flag(name: str) -> bool | None:
    value = (_env(name, "") or "").lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    return None


def _secret_key(env: str, instance_path: Path) -> str:
    key = _env("LEARN_SECRET_KEY")
    if key:
        return key
    if env == "production":
        return ""
    # Development: one random key made once and kept, so sessions survive restarts.
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key


def load_settings(instance_path: Path) -> Settings:
    """Build the settings from the environment; instance_path holds local state."""
    env = (_env("LEARN_ENV", "development") or "development").lower()
    if env not in ("development", "production"):
        raise ConfigError(f"LEARN_ENV must be 'development' or 'production', not {env!r}.")
    default_db = f"sqlite:///{instance_path / 'learn.db'}"
    raw_hosts = (_env("LEARN_TRUSTED_HOSTS", "") or "").split(",")
    hosts = tuple(h.strip() for h in raw_hosts if h.strip())
    return Settings(
        env=env,
        database_url=_env("LEARN_DATABASE_URL", default_db) or default_db,
        secret_key=_secret_key(env, instance_path),
        courses_dir=Path(_env("LEARN_COURSES_DIR", "courses") or "courses").resolve(),
        redis_url=_env("LEARN_REDIS_URL"),
        site_name=_env("LEARN_SITE_NAME", "Học trực tuyến") or "",
        org_name=_env("LEARN_ORG_NAME", "Sở Khoa học và Công nghệ") or "",
        base_url=(_env("LEARN_BASE_URL", "http://127.0.0.1:5000") or "").rstrip("/"),
        instance_path=instance_path,
        debug=_env("LEARN_DEBUG", "0") in ("1", "true", "yes"),
        trusted_hosts=hosts,
        proxy_hops=int(_env("LEARN_PROXY_HOPS", "0") or 0),
        session_idle_minutes=int(_env("LEARN_SESSION_IDLE_MINUTES", "60") or 60),
        session_lifetime_hours=int(_env("LEARN_SESSION_LIFETIME_HOURS", "12") or 12),
        argon2_time_cost=int(_env("LEARN_ARGON2_TIME_COST", "3") or 3),
        argon2_memory_kib=int(_env("LEARN_ARGON2_MEMORY_KIB", "65536") or 65536),
        require_staff_2fa=_flag("LEARN_REQUIRE_STAFF_2FA"),
        totp_key=_env("LEARN_TOTP_KEY", "") or "",
        totp_old_keys=tuple(
            k.strip() for k in (_env("LEARN_TOTP_OLD_KEYS", "") or "").split(",") if k.strip()
        ),
    )


def validate_for_production(settings: Settings) -> None:
    """Refuse to start in production with a missing or short secret key, or debug on."""
    if not settings.is_production:
        return
    if len(settings.secret_key) < MIN_SECRET_KEY_LENGTH:
        raise ConfigError(
            "LEARN_SECRET_KEY is missing or shorter than "
            f"{MIN_SECRET_KEY_LENGTH} characters; set a long random value in production "
            "(for example: python3 -c 'import secrets; print(secrets.token_urlsafe(48))')."
        )
    if settings.debug:
        raise ConfigError("LEARN_DEBUG must be off in production.")
