"""Reading a number typed by a learner, in Vietnamese or international notation.

The rule (shown to learners in the hint of numeric questions):

- Digits are 0-9, with an optional leading sign (+, - or the minus sign U+2212).
- When both "." and "," appear, the one written last is the decimal separator and the other
  groups thousands: "1.234,5" and "1,234.5" are both 1234.5.
- When only one kind appears and it could be read two ways, it is read the Vietnamese way:
  a single comma is the decimal separator ("3,5" = 3.5, "1,500" = 1.5), and a single dot
  followed by exactly three digits after a 1-3 digit whole part groups thousands
  ("500.000" = 500000, "1.500" = 1500).
- A single dot in any other position is a decimal point ("3.5", "3.14", "0.500", "1234.5").
- A separator written more than once groups thousands ("1.000.000", "1,000,000"), and so
  do spaces ("1 000 000"); groups after the first must have exactly three digits.
- Anything else (letters, units, "1e3", "1.2.3", "5.", empty text) is not a number.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_SIGN = re.compile(r"^[+\-\u2212]")
_DIGITS = re.compile(r"^[0-9]+$")
_GROUPED = re.compile(r"^[0-9]{1,3}(?:[ .,][0-9]{3})+$")


def parse_number(text: str | None) -> float | None:
    """The number written in text by the rule above, or None when it is not one."""
    if text is None:
        return None
    value = text.strip()
    negative = False
    sign = _SIGN.match(value)
    if sign:
        negative = sign.group(0) != "+"
        value = value[1:].lstrip()
    if not value:
        return None
    whole, fraction = _split(value)
    if whole is None:
        return None
    try:
        number = float(Decimal(f"{whole or '0'}.{fraction}" if fraction else whole))
    except InvalidOperation:
        return None
    if not math.isfinite(number):
        return None
    return -number if negative else number


def _split(value: str) -> tuple[str | None, str]:
    """The whole part (group separators removed) and the fraction digits; None if invalid."""
    has_space = _SPACES.search(value) is not None
    value = _SPACES.sub(" ", value)
    dots, commas = value.count("."), value.count(",")
    if dots and commas:
        decimal = "." if value.rfind(".") > value.rfind(",") else ","
        if value.count(decimal) != 1:
            return None, ""
        whole, fraction = value.split(decimal)
        return _whole(whole, allow_empty=False), _fraction(fraction)
    separator = "." if dots else "," if commas else ""
    count = dots or commas
    if count == 0:
        return _whole(value, allow_empty=False), ""
    if count > 1:
        return (_ungroup(value) if _is_grouped(value) else None), ""
    whole, fraction = value.split(separator)
    if separator == "." and not has_space and _is_thousands_group(whole, fraction):
        return whole + fraction, ""
    return _whole(whole, allow_empty=True), _fraction(fraction)


def _is_thousands_group(whole: str, fraction: str) -> bool:
    return (
        len(fraction) == 3
        and _DIGITS.match(fraction) is not None
        and 1 <= len(whole) <= 3
        and _DIGITS.match(whole) is not None
        and not whole.startswith("0")
    )


def _whole(part: str, *, allow_empty: bool) -> str | None:
    if part == "":
        return "" if allow_empty else None
    if _DIGITS.match(part):
        return part
    if _is_grouped(part):
        return _ungroup(part)
    return None


def _is_grouped(part: str) -> bool:
    """Digits in thousands groups, all separated by the same character."""
    return _GROUPED.match(part) is not None and len(set(re.sub(r"[0-9]", "", part))) == 1


def _fraction(part: str) -> str:
    # An invalid fraction is signalled by a value Decimal refuses.
    return part if _DIGITS.match(part) else "x"


def _ungroup(part: str) -> str:
    return re.sub(r"[ .,]", "", part)
