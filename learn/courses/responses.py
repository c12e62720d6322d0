"""HTTP responses for course files: content type, caching and the headers that keep them inert."""

from __future__ import annotations

from flask import Response, request

from learn.courses.assets import AssetFile

# An SVG opened on its own is a document that could run script: sandbox it, allow no loads.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
IMMUTABLE = "public, max-age=31536000, immutable"
IMMUTABLE_PRIVATE = "private, max-age=31536000, immutable"
_INLINE_TYPES = ("image/", "application/pdf", "audio/", "video/", "text/plain")


def asset_response(asset: AssetFile, *, cache_control: str) -> Response:
    """Serve an asset's bytes with its media type and safety headers."""
    response = Response(asset.data, mimetype=asset.media_type)
    response.headers["Cache-Control"] = cache_control
    response.headers["X-Content-Type-Options"] = "nosniff"
    if asset.media_type == "image/svg+xml":
        response.headers["Content-Security-Policy"] = SVG_POLICY
    filename = asset.name.rsplit("/", 1)[-1]
    disposition = "inline" if asset.media_type.startswith(_INLINE_TYPES) else "attachment"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    if asset.sha256:
        response.set_etag(asset.sha256)
        response.make_conditional(request)
    return response
