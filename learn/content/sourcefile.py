"""Reading source files: UTF-8 only, normalised line ends and NFC, front matter split."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from learn.content.diagnostics import Pos, Reporter

_BOM = b"\xef\xbb\xbf"
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_source(data: bytes, rep: Reporter) -> str | None:
    """UTF-8 text with ``\\n`` line ends and in NFC, or None after reporting why not.

    A UTF-8 byte-order mark is accepted and dropped; text not in NFC is a warning and is
    normalised, so later checks and hashes see one spelling of each Vietnamese letter.
    """
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        rep.error(
            "not_utf8",
            Pos(data.count(b"\n", 0, exc.start) + 1, exc.start - line_start + 1),
            byte=f"0x{data[exc.start]:02X}",
            offset=exc.start,
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _CONTROL_RE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        rep.error("control_character", Pos(line, column), char=f"U+{ord(bad.group()):04X}")
        return None
    normal = unicodedata.normalize("NFC", text)
    if normal != text:
        for number, (a, b) in enumerate(
            zip(text.split("\n"), normal.split("\n"), strict=True), start=1
        ):
            if a != b:
                rep.warning("not_nfc", Pos(number))
                break
    return normal


def read_source(path: Path, rep: Reporter) -> str | None:
    """Read and decode a source file (see ``decode_source``); unreadable files are errors."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        rep.error("file_unreadable", None, reason=exc.strerror or str(exc))
        return None
    return decode_source(data, rep)


@dataclass(frozen=True)
class FrontMatter:
    """A Markdown file split into its YAML front matter and its body."""

    yaml_text: str
    yaml_first_line: int  # file line of the first YAML line
    body: str
    body_first_line: int  # file line of the first body line


def split_front_matter(text: str, rep: Reporter) -> FrontMatter | None:
    """Split ``---`` YAML ``---`` from the body; report a missing or unclosed block."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        rep.error("front_matter_missing", Pos(1, 1))
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            return FrontMatter(
                yaml_text="\n".join(lines[1:index]),
                yaml_first_line=2,
                body="\n".join(lines[index + 1:]),
                body_first_line=index + 2,
            )
    rep.error("front_matter_unclosed", Pos(1, 1))
    return None
