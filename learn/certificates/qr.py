"""The QR code printed on a certificate: an inline SVG made on the server (no style attributes)."""

from __future__ import annotations

import segno
from markupsafe import Markup


def verification_url(base_url: str, code: str) -> str:
    """The public address where anyone can check a certificate."""
    return f"{base_url.rstrip('/')}/verify/{code}"


def qr_svg(url: str, title: str) -> Markup:
    """An SVG QR code of the URL, safe to inline in a page under a strict CSP."""
    svg = segno.make(url, error="m").svg_inline(
        scale=4, border=4, title=title, svgclass="qr-code", lineclass=None, dark="#000"
    )
    # segno builds the SVG itself and escapes the title, so the markup is trusted.
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S704
