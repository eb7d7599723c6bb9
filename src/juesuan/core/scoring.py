"""绩效 figures as the self-evaluation states them: quantitative targets and actuals, shortfalls, grades
(domain.md §4). Shared by the checker and the narrative generator."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from juesuan.core.amounts import AmountError, read_amount
from juesuan.core.facts import Indicator

__all__ = ["GRADES", "Measure", "falls_short", "grade_of", "measure", "measured"]

_TARGET = re.compile(r"^\s*(?P<op>[≥≤>＞<＜=＝]?)\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<pct>%|％)?\s*$")
# National grade bands (domain.md §4.3): 优 90–100, 良 80–<90, 中 60–<80, 差 <60.
GRADES = (("优", Decimal(90)), ("良", Decimal(80)), ("中", Decimal(60)), ("差", Decimal(0)))


@dataclass(frozen=True, slots=True)
class Measure:
    """A quantitative target or actual: comparison, number, whether it is a percentage."""

    op: str
    value: Decimal
    percent: bool


def measure(text: str | None) -> Measure | None:
    """`≥95%`, `100%`, `2148` → a Measure; qualitative text → None."""
    if not text:
        return None
    match = _TARGET.match(text.replace(" ", ""))
    if match is None:
        return None
    try:
        value = read_amount(match["num"])
    except AmountError:
        return None
    if value is None:
        return None
    op = {"＞": ">", "＜": "<", "＝": "=", "": "="}.get(match["op"], match["op"])
    return Measure(op, value, match["pct"] is not None)


def measured(indicator: Indicator) -> bool:
    """True when both the target and the actual value of an indicator are quantitative."""
    return measure(indicator.target) is not None and measure(indicator.actual) is not None


def falls_short(indicator: Indicator) -> bool:
    """True when a quantitative indicator's actual value does not reach its target."""
    target, actual = measure(indicator.target), measure(indicator.actual)
    if target is None or actual is None:
        return False
    return actual.value < target.value if target.op in ("=", "≥", ">") else actual.value > target.value


def grade_of(score: Decimal) -> str:
    """The grade band of a total score."""
    return next(name for name, floor in GRADES if score >= floor)
