"""The fast path of strict YAML: located nodes built from libyaml's event stream.

It only builds documents that the pure-Python loader of ``strict_yaml`` reads without any
diagnostic. Anything else returns None and the caller takes the pure-Python path, which reports
the problem exactly as before: a syntax error, an alias, an anchor or a tag, a duplicate,
merge or non-text key, an escaped control character, nesting deeper than ``MAX_DEPTH``, more
than one document, directives. So do the spots where libyaml reads differently from PyYAML
(found by comparing the two, see tests/content/test_yaml_fast.py): tabs, line breaks other
than ``\n``, empty values (libyaml may place them elsewhere), a comment glued to a block
scalar indicator (``|#``) and ``?`` inside a plain scalar in brackets.
"""

from __future__ import annotations

import re

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from learn.content.diagnostics import Pos
from learn.content.yaml_nodes import ESCAPED_CONTROL_RE, MAX_DEPTH, YMap, YNode, YScalar, YSeq

try:
    from yaml.cyaml import CParser as _CParser
except ImportError:  # PyYAML built without libyaml: always the pure-Python path
    _CParser = None
_PYTHON_ONLY_RE = re.compile("[\t\r\x85\u2028\u2029\ufeff]")
# A block scalar header as PyYAML reads it: libyaml also takes a comment with no space before.
_BLOCK_HEADER_RE = re.compile(r"[|>](?:[-+][1-9]?|[1-9][-+]?)?(?: +(?:#[^\n]*)?)?(?:\n|\Z)")


class _Slow(Exception):
    """The document needs the pure-Python loader."""


class _Collection:
    """A mapping or sequence being built: its position, items so far and pending key."""

    __slots__ = ("flow", "is_map", "items", "key", "keys", "pos")

    def __init__(self, is_map: bool, flow: bool, pos: Pos) -> None:
        self.is_map = is_map
        self.flow = flow
        self.pos = pos
        self.items: list = []
        self.keys: set[str] = set()
        self.key: YScalar | None = None

    def add(self, node: YNode) -> None:
        """Append an item, or a key then its value; refuse keys the slow path reports."""
        if not self.is_map:
            self.items.append(node)
        elif self.key is not None:
            self.items.append((self.key, node))
            self.key = None
        elif (not isinstance(node, YScalar) or node.value in self.keys
              or (node.value == "<<" and node.plain)):
            raise _Slow
        else:
            self.keys.add(node.value)
            self.key = node

    def node(self) -> YNode:
        """The finished node."""
        if self.is_map:
            return YMap(self.pos, tuple(self.items))
        return YSeq(self.pos, tuple(self.items))


def compose_fast(text: str, line_offset: int = 0) -> YNode | None:
    """The document's located nodes read with libyaml, or None to use the pure-Python path."""
    if _CParser is None or _PYTHON_ONLY_RE.search(text):
        return None
    try:
        parser = _CParser(text)
    except UnicodeEncodeError:  # a lone surrogate: libyaml only reads UTF-8
        return None
    try:
        return _compose(parser, text, line_offset)
    except (_Slow, yaml.YAMLError):
        return None
    finally:
        parser.dispose()


def _compose(parser, text: str, line_offset: int) -> YNode:  # type: ignore[no-untyped-def]
    get = parser.get_event
    get()  # the stream start
    event = get()
    if type(event) is StreamEndEvent:  # nothing but comments: an empty document
        return YScalar(Pos(line_offset + 1, 1), "", True)
    if type(event) is not DocumentStartEvent or event.version or event.tags:
        raise _Slow  # directives: libyaml accepts fewer %YAML versions than PyYAML
    stack: list[_Collection] = []
    root: YNode | None = None
    while True:
        event = get()
        kind = type(event)
        if kind is DocumentEndEvent:
            break
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            node = stack.pop().node()
        elif kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None or len(stack) > MAX_DEPTH:
                raise _Slow
            mark = event.start_mark
            pos = Pos(mark.line + 1 + line_offset, mark.column + 1)
            if kind is not ScalarEvent:
                stack.append(_Collection(kind is MappingStartEvent, event.flow_style, pos))
                continue
            if not event.value and not event.style:
                raise _Slow  # an empty value: libyaml may place it elsewhere (end of stream)
            if ESCAPED_CONTROL_RE.search(event.value):
                raise _Slow
            if event.style in ("|", ">") and not _BLOCK_HEADER_RE.match(text, mark.index):
                raise _Slow
            if stack and stack[-1].flow and not event.style and "?" in event.value:
                raise _Slow  # in [...] or {...} PyYAML ends a plain scalar at "?", libyaml not
            node = YScalar(pos, event.value, not event.style)
        else:  # an alias
            raise _Slow
        if stack:
            stack[-1].add(node)
        else:
            root = node
    if root is None or type(get()) is not StreamEndEvent:
        raise _Slow
    return root
