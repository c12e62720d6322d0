"""Located YAML nodes: what the strict loader gives the field readers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from learn.content.diagnostics import Pos

MAX_DEPTH = 40
# Control characters the file itself may not contain (sourcefile.py) can still be written as
# escapes in a double-quoted string ("\0", "\x1b"); they are refused there too.
ESCAPED_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class YNode:
    """Base of located YAML nodes."""

    pos: Pos


@dataclass(frozen=True)
class YScalar(YNode):
    """A scalar exactly as written; ``plain`` is False when quoted or a block scalar."""

    value: str
    plain: bool


@dataclass(frozen=True)
class YSeq(YNode):
    """A YAML sequence."""

    items: tuple[YNode, ...]


@dataclass(frozen=True)
class YMap(YNode):
    """A YAML mapping with string keys, in source order."""

    entries: tuple[tuple[YScalar, YNode], ...]

    def get(self, key: str) -> YNode | None:
        """The value node of ``key`` or None."""
        for k, v in self.entries:
            if k.value == key:
                return v
        return None

    def keys(self) -> list[str]:
        """The keys in source order."""
        return [k.value for k, _ in self.entries]
