"""Typed, reporting readers for located YAML nodes (the strict typing rules of the format)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from learn.content.diagnostics import Pos, Reporter
from learn.content.strict_yaml import YMap, YNode, YScalar, YSeq

INT_RE = re.compile(r"^[-+]?[0-9]+$")
FLOAT_RE = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
# Words YAML 1.1 reads as booleans; only true/false are allowed.
BOOL_WORDS = frozenset(
    [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "True", "TRUE", "False",
        "FALSE", "on", "On", "ON", "off", "Off", "OFF",
    ]
)
_YAML11_NUMBER_RE = re.compile(
    r"^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+"
    r"|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
    r"|\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


def suggest(word: str, choices: Sequence[str]) -> str | None:
    """The closest of ``choices`` to ``word`` (for "did you mean"), or None."""
    lowered = {c.lower(): c for c in choices}
    if word.lower() in lowered:
        return lowered[word.lower()]
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def is_null(node: YNode | None) -> bool:
    """True for a missing value, ``~``, ``null`` or an empty plain scalar."""
    return node is None or (isinstance(node, YScalar) and node.plain and node.value in NULL_WORDS)


def looks_like_number(node: YScalar) -> bool:
    """True when YAML 1.1 tools would read this unquoted scalar as a number."""
    return node.plain and bool(_YAML11_NUMBER_RE.match(node.value))


def check_keys(node: YMap, allowed: Sequence[str], rep: Reporter, where: str) -> None:
    """Report every key of ``node`` that is not in ``allowed`` (with a suggestion)."""
    for key, _ in node.entries:
        if key.value not in allowed:
            hint = suggest(key.value, allowed)
            args = {"key": key.value, "where": where, "allowed": ", ".join(allowed)}
            if hint:
                args["suggestion"] = hint
            rep.error("unknown_key", key.pos, **args)


def require(node: YMap, key: str, rep: Reporter, where: str) -> YNode | None:
    """The value of a required key, or None after reporting it missing or empty."""
    value = node.get(key)
    if value is None:
        rep.error("missing_field", node.pos, field=key, where=where)
        return None
    if is_null(value):
        rep.error("empty_field", value.pos, field=key)
        return None
    return value


def read_text(node: YNode, rep: Reporter, field: str, *, allow_empty: bool = False) -> str | None:
    """A text value; numbers and true/false written without quotes are errors."""
    if not isinstance(node, YScalar):
        rep.error("expected_text", node.pos, field=field)
        return None
    if node.plain:
        if node.value in NULL_WORDS:
            if allow_empty:
                return ""
            rep.error("empty_field", node.pos, field=field)
            return None
        if looks_like_number(node):
            rep.error("quote_number", node.pos, field=field, value=node.value)
            return None
        if node.value in ("true", "false"):
            rep.error("quote_bool", node.pos, field=field, value=node.value)
            return None
    if not allow_empty and not node.value.strip():
        rep.error("empty_field", node.pos, field=field)
        return None
    return node.value


def read_bool(node: YNode, rep: Reporter, field: str) -> bool | None:
    """``true`` or ``false`` only; yes/no/on/off and quoted values are errors."""
    if isinstance(node, YScalar) and node.plain:
        if node.value == "true":
            return True
        if node.value == "false":
            return False
        if node.value in BOOL_WORDS:
            rep.error("bool_word", node.pos, field=field, value=node.value)
            return None
    rep.error("expected_bool", node.pos, field=field)
    return None


def read_int(
    node: YNode, rep: Reporter, field: str, *, minimum: int | None = None,
    maximum: int | None = None,
) -> int | None:
    """A whole number written without quotes, within ``minimum``..``maximum``."""
    if not (isinstance(node, YScalar) and node.plain and INT_RE.match(node.value)):
        rep.error("expected_int", node.pos, field=field, value=_shown(node))
        return None
    value = int(node.value)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        rep.error("int_out_of_range", node.pos, field=field, value=value,
                  minimum="" if minimum is None else minimum,
                  maximum="" if maximum is None else maximum)
        return None
    return value


def read_number(node: YNode, rep: Reporter, field: str) -> float | None:
    """A number (``3.14``, ``-2``, ``1e3``) written without quotes; a comma is an error."""
    if isinstance(node, YScalar) and node.plain and FLOAT_RE.match(node.value):
        return float(node.value)
    if isinstance(node, YScalar) and re.match(r"^[-+]?[0-9]+,[0-9]+$", node.value):
        rep.error("decimal_comma", node.pos, field=field, value=node.value)
        return None
    rep.error("expected_number", node.pos, field=field, value=_shown(node))
    return None


def read_enum(node: YNode, rep: Reporter, field: str, choices: Sequence[str]) -> str | None:
    """One of ``choices``; anything else is reported with a suggestion."""
    if not isinstance(node, YScalar) or (node.plain and node.value in NULL_WORDS):
        rep.error("expected_choice", node.pos, field=field, choices=", ".join(choices))
        return None
    if node.value in choices:
        return node.value
    hint = suggest(node.value, choices)
    args = {"field": field, "value": node.value, "choices": ", ".join(choices)}
    if hint:
        args["suggestion"] = hint
    rep.error("bad_choice", node.pos, **args)
    return None


def read_list(node: YNode, rep: Reporter, field: str) -> tuple[YNode, ...] | None:
    """The items of a list (a single value where a list is expected is an error)."""
    if isinstance(node, YSeq):
        return node.items
    if is_null(node):
        return ()
    rep.error("expected_list", node.pos, field=field)
    return None


def read_map(node: YNode, rep: Reporter, field: str) -> YMap | None:
    """A mapping (``key: value`` lines)."""
    if isinstance(node, YMap):
        return node
    rep.error("expected_mapping", node.pos, field=field)
    return None


def read_text_list(node: YNode, rep: Reporter, field: str) -> list[tuple[str, Pos]]:
    """A list of texts, each with its position."""
    items = read_list(node, rep, field)
    out: list[tuple[str, Pos]] = []
    for item in items or ():
        text = read_text(item, rep, field)
        if text is not None:
            out.append((text, item.pos))
    return out


def _shown(node: YNode) -> str:
    if isinstance(node, YScalar):
        return node.value
    return "[…]" if isinstance(node, YSeq) else "{…}"
