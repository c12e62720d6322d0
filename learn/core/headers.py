"""Security headers on every response, error pages and static files included."""

from __future__ import annotations

from flask import Flask, current_app, g, request
from flask_login import current_user

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


def mark_private() -> None:
    """Ask for Cache-Control: no-store on this response (exports, personal pages)."""
    g.private_response = True


def _set_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if current_app.config["SETTINGS"].is_production:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    # A refusal on a file route is an error page naming the signed-in user: not a file.
    is_static = response.status_code < 400 and (
        request.endpoint == "static" or (request.endpoint or "").endswith(".asset"))
    signed_in = current_user is not None and current_user.is_authenticated
    if not is_static and (signed_in or g.get("private_response")):
        headers["Cache-Control"] = "no-store"
        headers.add("Vary", "Cookie")
    return response


def init_app(app: Flask) -> None:
    """Register the header hook."""
    app.after_request(_set_headers)
