"""learn: e-learning for a province's digital-transformation programme."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: settings, infrastructure, then the feature blueprints."""
    # Imported here, not at the top: `import learn.content` (the Flask-free course parser used
    # by trainers' tools) must not load Flask through this package's __init__.
    from flask import Flask
    from werkzeug.middleware.proxy_fix import ProxyFix

    from learn import db
    from learn.config import load_settings, validate_for_production
    from learn.core.translations import translation_directories

    instance_path = Path(
        (test_config or {}).get("INSTANCE_PATH") or Path.cwd() / "instance"
    ).resolve()
    app = Flask(__name__, instance_path=str(instance_path), instance_relative_config=False)
    settings = load_settings(instance_path)
    if test_config and "SETTINGS" in test_config:
        settings = test_config["SETTINGS"]
    validate_for_production(settings)
    app.config.from_mapping(
        SETTINGS=settings,
        SECRET_KEY=settings.secret_key,
        DEBUG=settings.debug,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.is_production,
        SESSION_COOKIE_NAME="__Host-learn" if settings.is_production else "learn_session",
        PERMANENT_SESSION_LIFETIME=settings.session_lifetime_hours * 3600,
        # The cookie lives as long as the server-side session may (its absolute lifetime);
        # re-signing and re-sending it on every response would extend nothing.
        SESSION_REFRESH_EACH_REQUEST=False,
        MAX_CONTENT_LENGTH=5 * 1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,
        BABEL_DEFAULT_LOCALE="vi",
        BABEL_TRANSLATION_DIRECTORIES=";".join(translation_directories()),
        RATELIMIT_STORAGE_URI=settings.redis_url or "memory://",
        RATELIMIT_HEADERS_ENABLED=False,
    )
    if settings.trusted_hosts:
        app.config["TRUSTED_HOSTS"] = list(settings.trusted_hosts)
    if settings.proxy_hops:
        # Only behind a known number of proxies are X-Forwarded-* headers believed.
        app.wsgi_app = ProxyFix(
            app.wsgi_app,
            x_for=settings.proxy_hops,
            x_proto=settings.proxy_hops,
            x_host=settings.proxy_hops,
        )
    if test_config:
        app.config.update({k: v for k, v in test_config.items() if k != "SETTINGS"})

    db.init_app(app, settings.database_url)
    _init_extensions(app)
    _register_blueprints(app)
    return app


def _init_extensions(app: Flask) -> None:
    from learn.auth import passwords
    from learn.auth.loader import init_login
    from learn.core import errors, headers, i18n
    from learn.extensions import csrf, limiter

    settings = app.config["SETTINGS"]
    passwords.configure(settings.argon2_time_cost, settings.argon2_memory_kib)
    csrf.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    init_login(app)
    errors.init_app(app)
    headers.init_app(app)


def _register_blueprints(app: Flask) -> None:
    from learn.audit.views import bp as audit_bp
    from learn.auth.views import bp as auth_bp
    from learn.certificates.views import bp as certificates_bp
    from learn.core.views import bp as core_bp
    from learn.courses.preview_views import bp as preview_bp
    from learn.courses.publishing_views import bp as publishing_bp
    from learn.courses.views import bp as courses_bp
    from learn.learning.views import bp as learning_bp
    from learn.orgs.views import bp as orgs_bp
    from learn.privacy.views import bp as privacy_bp
    from learn.quiz.views import bp as quiz_bp
    from learn.reports.views import bp as reports_bp

    app.register_blueprint(core_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(privacy_bp)
    app.register_blueprint(learning_bp)
    app.register_blueprint(courses_bp)
    app.register_blueprint(preview_bp)
    app.register_blueprint(publishing_bp)
    app.register_blueprint(certificates_bp)
    app.register_blueprint(orgs_bp)
    app.register_blueprint(quiz_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(audit_bp)
