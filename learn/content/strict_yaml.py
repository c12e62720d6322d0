"""Strict YAML: parse to located nodes, never convert values the YAML 1.1 way.

PyYAML's composer gives us the node tree with start marks; we keep every scalar as the raw
text the trainer wrote and decide its type ourselves, field by field (see ``fields.py``).
So ``yes`` never becomes ``True`` and ``1.10`` never becomes ``1.1``.
"""

from __future__ import annotations

import yaml
from yaml.events import AliasEvent

from learn.content.diagnostics import Pos, Reporter
from learn.content.yaml_fast import compose_fast
from learn.content.yaml_nodes import (
    ESCAPED_CONTROL_RE,
    MAX_DEPTH,
    YMap,
    YNode,
    YScalar,
    YSeq,
)

__all__ = ["MAX_DEPTH", "YMap", "YNode", "YScalar", "YSeq", "parse_yaml", "parse_yaml_pure"]



class _AliasError(yaml.MarkedYAMLError):
    pass


class _TagError(yaml.MarkedYAMLError):
    pass


class _StrictLoader(yaml.SafeLoader):
    """A loader whose composer refuses aliases and explicit tags."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        """Compose a node, rejecting aliases (``*name``) and explicit tags (``!!x``)."""
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _AliasError(problem="alias", problem_mark=event.start_mark)
        event = self.peek_event()
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise _TagError(problem="tag", problem_mark=event.start_mark)
        return super().compose_node(parent, index)


def parse_yaml(text: str, rep: Reporter, line_offset: int = 0) -> YNode | None:
    """Parse one YAML document; report problems at file lines shifted by ``line_offset``.

    Returns None when the text could not be parsed (a diagnostic was reported) and a
    ``YScalar('', plain=True)`` for an empty document. Documents libyaml reads cleanly are
    built from its event stream (``yaml_fast``); the rest, and every problem, go through the
    pure-Python composer below, which is the reference for positions and messages.
    """
    fast = compose_fast(text, line_offset)
    if fast is not None:
        return fast
    return parse_yaml_pure(text, rep, line_offset)


def parse_yaml_pure(text: str, rep: Reporter, line_offset: int = 0) -> YNode | None:
    """``parse_yaml`` with PyYAML's pure-Python parser alone (the reference behaviour)."""
    try:
        node = yaml.compose(text, Loader=_StrictLoader)
    except _AliasError as exc:
        rep.error("yaml_alias", _mark_pos(exc.problem_mark, line_offset))
        return None
    except _TagError as exc:
        rep.error("yaml_tag", _mark_pos(exc.problem_mark, line_offset))
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or ""
        if exc.context_mark is not None and ("end of stream" in problem or "stream end" in problem):
            mark = exc.context_mark  # point at the unclosed quote or bracket, not the end
        detail = " ".join(p for p in (exc.context, exc.problem) if p)
        rep.error("yaml_syntax", _mark_pos(mark, line_offset), detail=detail)
        return None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(exc.position, 0)) + 1 + line_offset
        rep.error("yaml_bad_character", Pos(line), char=f"U+{exc.character:04X}"
                  if isinstance(exc.character, int) else repr(exc.character))
        return None
    except yaml.YAMLError as exc:
        rep.error("yaml_syntax", Pos(line_offset + 1), detail=str(exc))
        return None
    except RecursionError:
        rep.error("yaml_too_deep", Pos(line_offset + 1))
        return None
    if node is None:
        return YScalar(Pos(line_offset + 1, 1), "", True)
    seen: set[int] = set()
    return _convert(node, rep, line_offset, 0, seen)


def _mark_pos(mark: yaml.Mark | None, line_offset: int) -> Pos:
    if mark is None:
        return Pos(line_offset + 1)
    return Pos(mark.line + 1 + line_offset, mark.column + 1)


def _convert(
    node: yaml.Node, rep: Reporter, line_offset: int, depth: int, seen: set[int]
) -> YNode | None:
    pos = _mark_pos(node.start_mark, line_offset)
    if depth > MAX_DEPTH:
        rep.error("yaml_too_deep", pos)
        return None
    if id(node) in seen:  # the composer shares nodes only through aliases
        rep.error("yaml_alias", pos)
        return None
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        bad = ESCAPED_CONTROL_RE.search(node.value)
        if bad:
            rep.error("yaml_bad_character", pos, char=f"U+{ord(bad.group()):04X}")
            return None
        return YScalar(pos, node.value, node.style is None)
    if isinstance(node, yaml.SequenceNode):
        items = []
        for item in node.value:
            converted = _convert(item, rep, line_offset, depth + 1, seen)
            if converted is not None:
                items.append(converted)
        return YSeq(pos, tuple(items))
    if isinstance(node, yaml.MappingNode):
        entries: list[tuple[YScalar, YNode]] = []
        keys: set[str] = set()
        for key_node, value_node in node.value:
            key_pos = _mark_pos(key_node.start_mark, line_offset)
            if not isinstance(key_node, yaml.ScalarNode):
                rep.error("yaml_key_not_text", key_pos)
                continue
            if key_node.value == "<<" and key_node.style is None:
                rep.error("yaml_merge_key", key_pos)
                continue
            if key_node.value in keys:
                rep.error("yaml_duplicate_key", key_pos, key=key_node.value)
                continue
            keys.add(key_node.value)
            value = _convert(value_node, rep, line_offset, depth + 1, seen)
            if value is not None:
                entries.append((YScalar(key_pos, key_node.value, key_node.style is None), value))
        return YMap(pos, tuple(entries))
    rep.error("yaml_syntax", pos, detail=type(node).__name__)
    return None
