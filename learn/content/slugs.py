"""Slugs, ids and file-name rules of the course format."""

from __future__ import annotations

import re
import unicodedata

# Slugs are stored in columns of 100 characters; a longer folder or file name is not a slug.
COURSE_SLUG_RE = re.compile(r"^(?=.{1,100}$)[a-z0-9]+(?:-[a-z0-9]+)*$")
UNIT_FILE_RE = re.compile(
    r"^(?P<number>[0-9]{2,})-(?P<slug>(?=[a-z0-9-]{1,100}\.md$)[a-z0-9]+(?:-[a-z0-9]+)*)\.md$"
)
ID_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,98}[A-Za-z0-9])?$")
BANK_NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ASSET_NAME_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?$")


def unicode_slugify(text: str, separator: str = "-") -> str:
    """Heading anchor: NFC, lower case, letters kept (``Mật khẩu mạnh`` → ``mật-khẩu-mạnh``)."""
    text = unicodedata.normalize("NFC", text).lower()
    text = "".join(ch for ch in text if ch.isalnum() or ch in " -_\t")
    return re.sub(r"[\s_-]+", separator, text).strip(separator)


def ascii_slug(text: str, max_length: int = 60) -> str:
    """An ASCII id from any text: accents dropped, ``đ`` → ``d`` (``Câu 1`` → ``cau-1``)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:max_length].strip("-")
