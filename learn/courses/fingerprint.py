"""Fingerprints of course folders, to recognise an unchanged tree without parsing it again.

A course's fingerprint covers every byte of its folder, the competence framework, which
sibling courses exist (prerequisites are checked against them) and the code that turns files
into rows (learn.content, the payload builders and the Markdown/HTML/YAML libraries): equal
fingerprints mean the checker and the publisher would produce exactly the same result.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import learn.content
from learn.content.framework import FRAMEWORK_FILE
from learn.core import text
from learn.courses import payloads, question_data, search

_LIBRARIES = ("Markdown", "nh3", "PyYAML")


@cache
def code_version() -> str:
    """Hash of the code and library versions that parse, render and shape course content."""
    digest = hashlib.sha256()
    content_dir = Path(learn.content.__file__).parent
    files = sorted(content_dir.glob("*.py")) + [
        Path(module.__file__) for module in (payloads, question_data, search, text)  # type: ignore[arg-type]
    ]
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _LIBRARIES:
        digest.update(f"{name}={importlib.metadata.version(name)}\0".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class TreeFingerprint:
    """The fingerprint of each course folder of a tree, and of the whole tree."""

    courses: dict[str, str]
    tree: str


def _folder_digest(folder: Path, digest) -> None:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix().encode()
        if path.is_symlink():
            digest.update(b"L" + relative + b"\0" + str(path.readlink()).encode() + b"\0")
        elif path.is_file():
            digest.update(b"F" + relative + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        else:
            digest.update(b"D" + relative + b"\0")


def tree_fingerprint(root: Path) -> TreeFingerprint:
    """Fingerprints of the course folders of ``root`` (folders as the checker sees them)."""
    framework = root / FRAMEWORK_FILE
    shared = hashlib.sha256(code_version().encode())
    shared.update(hashlib.sha256(framework.read_bytes()).digest() if framework.is_file() else b"-")
    folders = sorted(
        entry for entry in root.iterdir()
        if entry.is_dir() and not entry.is_symlink() and not entry.name.startswith(("_", "."))
    )
    siblings = [f.name for f in folders if (f / "course.md").is_file()]
    shared.update("\0".join(siblings).encode())
    courses: dict[str, str] = {}
    for folder in folders:
        digest = shared.copy()
        digest.update(folder.name.encode() + b"\0")
        _folder_digest(folder, digest)
        courses[folder.name] = digest.hexdigest()
    whole = hashlib.sha256(shared.digest())
    for name, value in courses.items():
        whole.update(f"{name}={value}\0".encode())
    return TreeFingerprint(courses, whole.hexdigest())
