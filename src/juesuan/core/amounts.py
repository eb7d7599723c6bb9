"""Money as Decimal: reading noisy published numbers, their rounding interval, and formatting."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

__all__ = [
    "AmountError",
    "amount_problem",
    "decimals",
    "format_amount",
    "half_unit",
    "interval",
    "is_dash",
    "normalise_digits",
    "read_amount",
]

# Full-width digits and punctuation, and the minus look-alikes extractors produce (the last three),
# mapped to ASCII.
_ASCII = str.maketrans("０１２３４５６７８９，．－（）＋：　−–﹣", "0123456789,.-()+: ---")

# Strings that stand for "no amount" in a published table: a blank, not a zero.
_DASHES = frozenset({"-", "--", "—", "——", "–", "/", "－", "─", "…"})

_NUMBER = re.compile(r"^(?P<sign>[-+]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?$")
_PLAIN_NUMBER = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")  # most cells: 1,234.56 as printed


# The size of any amount: 10^18 is beyond every budget even in 元, and no table prints more than a
# few decimals. A Decimal past these (or NaN, or Infinity) is refused where it enters the model.
_MOST_DIGITS, _MOST_DECIMALS = 18, 10


def amount_problem(value: Decimal) -> str | None:
    """Why a Decimal cannot be an amount (not finite, too large, too many decimals), or None."""
    if not value.is_finite():
        return "不是有限的数"
    if value and value.adjusted() >= _MOST_DIGITS:
        return f"整数部分超过 {_MOST_DIGITS} 位"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -_MOST_DECIMALS:
        return f"超过 {_MOST_DECIMALS} 位小数"
    return None


class AmountError(ValueError):
    """A string that should be an amount but is not one."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"不是金额: {text!r}（{reason}）")
        self.text = text
        self.reason = reason


def normalise_digits(text: str) -> str:
    """Map full-width digits, punctuation and minus look-alikes to ASCII."""
    return text.translate(_ASCII)


def is_dash(text: str) -> bool:
    """True when the text is one of the dashes that mean "no amount"."""
    return normalise_digits(text).strip() in _DASHES or text.strip() in _DASHES


def read_amount(text: str) -> Decimal | None:
    """Read a published amount exactly, keeping its printed decimals.

    Accepts extraction noise (`36, 145. 11`, `0. 16`), thousands separators, full-width digits,
    accounting negatives `(1.00)` and a leading minus. Returns None for an empty string or a
    dash (a blank cell, not zero). Raises AmountError for anything else: text is never coerced.
    """
    # The common case, read directly: a plain number of at most 11 characters cannot pass either
    # bound of amount_problem (it has at most 10 decimals and 11 digits).
    if len(text) <= _MOST_DECIMALS + 1 and _PLAIN_NUMBER.fullmatch(text):
        return Decimal(text.replace(",", ""))
    s = normalise_digits(text).strip()
    if not s or s in _DASHES:
        return None
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    # Extraction puts spaces after separators and between digit groups; none is meaningful.
    s = "".join(s.split())
    match = _NUMBER.match(s)
    if match is None:
        raise AmountError(text, "含有非数字字符或格式不符")
    if match["sign"] == "-":
        if negative:
            raise AmountError(text, "负号重复")
        negative = True
    digits = match["int"].replace(",", "")
    frac = match["frac"]
    value = Decimal(f"{digits}.{frac}" if frac is not None else digits)  # the regex admits only digits
    problem = amount_problem(value)
    if problem is not None:
        raise AmountError(text[:40], problem)
    return -value if negative else value


def decimals(value: Decimal) -> int:
    """Number of decimals a value was published with (0 for integers)."""
    text = str(value)  # reading the printed form is faster than as_tuple(), which copies the digits
    if "E" not in text:
        point = text.find(".")
        return 0 if point < 0 else len(text) - point - 1
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):
        raise ValueError(f"not a finite amount: {value}")
    return max(0, -exponent)


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of the value's last published decimal: 0.005 for 2 decimals."""
    # decimals() inlined: a check asks this of hundreds of values, most of them in plain notation.
    text = str(value)
    if "E" in text:
        return _half(decimals(value))
    point = text.find(".")
    places = 0 if point < 0 else len(text) - point - 1
    return _HALVES[places] if places < len(_HALVES) else _half(places)


@cache
def _half(places: int) -> Decimal:
    return Decimal(5).scaleb(-places - 1)


_HALVES = tuple(_half(places) for places in range(8))  # 0.5 … 0.00000005


def interval(value: Decimal) -> tuple[Decimal, Decimal]:
    """The interval of true values a rounded published value stands for (design decision 6)."""
    h = half_unit(value)
    return value - h, value + h


def format_amount(value: Decimal, *, thousands: bool = False) -> str:
    """Write an amount with exactly its own decimals, optionally with thousands separators."""
    # Decimal's `f` without a precision keeps the value's own exponent: 1.50 stays 1.50, 1E+2 is 100.
    return f"{value:,f}" if thousands else f"{value:f}"
