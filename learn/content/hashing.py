"""Stable content hashes: SHA-256 of canonical JSON."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def stable_hash(value: Any) -> str:
    """SHA-256 hex digest of ``value`` as canonical JSON (sorted keys, no spaces)."""
    data = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()
