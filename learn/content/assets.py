"""A course's ``assets/`` folder: allowed file types, names, hashes, unsafe SVG."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from learn.content.diagnostics import Pos, Reporter
from learn.content.model import AssetSource
from learn.content.slugs import ASSET_NAME_RE

MEDIA_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".mp3": "audio/mpeg",
    ".mp4": "video/mp4",
}
# Browsers run scripts in an SVG opened on its own: such SVG files are refused.
_SVG_UNSAFE_RE = re.compile(
    rb"<\s*script|<\s*foreignObject|\son[a-z]+\s*=|javascript\s*:|<\s*iframe|<\s*embed"
    rb"|<\s*object|xlink:href\s*=\s*[\"']\s*(?!#)|<!ENTITY",
    re.IGNORECASE,
)
MAX_ASSET_BYTES = 50 * 1024 * 1024


def scan_assets(course_dir: Path, rep: Reporter) -> dict[str, AssetSource]:
    """Every acceptable file under ``assets/`` by its path (``assets/...``)."""
    base = course_dir / "assets"
    found: dict[str, AssetSource] = {}
    if not base.is_dir():
        return found
    for path in sorted(base.rglob("*")):
        relative = path.relative_to(course_dir).as_posix()
        file_rep = rep.for_file(f"{rep.file}/{relative}")
        if path.is_symlink():
            file_rep.warning("unexpected_file", None, name=relative)
            continue
        if path.is_dir():
            continue
        parts = path.relative_to(base).parts
        if any(not ASSET_NAME_RE.match(part) for part in parts):
            file_rep.error("asset_name_invalid", None, name=relative)
            continue
        media_type = MEDIA_TYPES.get(path.suffix.lower())
        if media_type is None:
            file_rep.warning("asset_type", None, name=relative,
                             allowed=", ".join(sorted(MEDIA_TYPES)))
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            file_rep.error("file_unreadable", None, reason=exc.strerror or str(exc))
            continue
        if len(data) > MAX_ASSET_BYTES:
            file_rep.error("asset_too_big", None, size=len(data) // (1024 * 1024),
                           limit=MAX_ASSET_BYTES // (1024 * 1024))
            continue
        if media_type == "image/svg+xml":
            unsafe = _SVG_UNSAFE_RE.search(data)
            if unsafe:
                line = data.count(b"\n", 0, unsafe.start()) + 1
                file_rep.error("svg_unsafe", Pos(line),
                               found=unsafe.group().decode("utf-8", "replace").strip())
                continue
        found[relative] = AssetSource(
            path=relative,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            media_type=media_type,
            file=path.resolve(),
        )
    return found
