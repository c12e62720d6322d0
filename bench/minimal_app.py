"""The baseline app: Flask returning a constant string, served by the same gunicorn settings."""

from __future__ import annotations

from flask import Flask

app = Flask(__name__)
BODY = "ok"


@app.get("/")
def constant() -> str:
    """A constant string: the cost of gunicorn + Flask alone."""
    return BODY


@app.get("/healthz")
def healthz() -> str:
    """Readiness for the harness."""
    return BODY
