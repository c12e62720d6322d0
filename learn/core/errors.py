"""Localised error pages that reveal nothing of the internals."""

from __future__ import annotations

import logging

from flask import Flask, Response, g, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

log = logging.getLogger(__name__)

_MESSAGES = {
    400: (
        _l("Bad request"),
        _l("The request could not be understood. Please go back and try again."),
    ),
    403: (_l("Access denied"), _l("You do not have permission to open this page.")),
    404: (_l("Page not found"), _l("The page you asked for does not exist or has been moved.")),
    405: (_l("Method not allowed"), _l("This address does not accept that kind of request.")),
    413: (_l("Upload too large"), _l("The file you sent is larger than allowed.")),
    429: (
        _l("Too many attempts"),
        _l("You have tried too many times. Please wait a few minutes and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An unexpected error occurred. It has been logged; please try again later."),
    ),
}


def render_error(code: int, message: str | None = None):
    """The error page for a status code, in the visitor's language."""
    title, default_message = _MESSAGES.get(code, _MESSAGES[500])
    body = render_template(
        "errors/error.html", code=code, title=title, message=message or default_message
    )
    return body, code


def _forget_failed_transaction() -> None:
    # A database error leaves the request's session unusable; the error page itself needs
    # it (the signed-in user's roles for the menu), so start it afresh.
    session = g.get("db_session")
    if session is not None:
        session.rollback()


def _handle_http(error: HTTPException):
    code = error.code or 500
    if code >= 500:
        _forget_failed_transaction()
    if code == 403:
        log.warning("forbidden: %s %s", request.method, request.path)
    return render_error(code if code in _MESSAGES else 500)


def _handle_untrusted_host(_error: SecurityError):
    # No URL adapter exists for an untrusted host, so the templated page cannot be built.
    return Response("Bad request: untrusted host.\n", status=400, mimetype="text/plain")


def _handle_csrf(_error: CSRFError):
    return render_error(
        400, str(_l("Your form expired or was sent from another page. Reload and try again."))
    )


def _handle_unexpected(error: Exception):
    log.exception("unhandled error on %s %s", request.method, request.path, exc_info=error)
    _forget_failed_transaction()
    return render_error(500)


def init_app(app: Flask) -> None:
    """Register the handlers for HTTP errors, CSRF failures and crashes."""
    app.register_error_handler(SecurityError, _handle_untrusted_host)
    app.register_error_handler(CSRFError, _handle_csrf)
    app.register_error_handler(HTTPException, _handle_http)
    app.register_error_handler(InternalServerError, _handle_http)
    app.register_error_handler(Exception, _handle_unexpected)
