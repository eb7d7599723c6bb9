"""Percentages and scores computed from rounded numbers, judged by reason (design decision 6).

A ratio of two published amounts can honestly be printed as anything between the ratios of their
interval ends; a printed percentage is accepted when it is that range rounded half-up or
truncated to the printed decimals (domain.md §0.1: 99.9987 % is printed 99.99 %).
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from juesuan.core.amounts import decimals, half_unit

__all__ = ["HUNDRED", "NARRATIVE_HALF", "fits_rounding", "ratio_fits", "ratio_range"]

HUNDRED = Decimal(100)
# Narrative amounts drop trailing zeros ("0.3万元" = 0.30, domain.md §0.2): they stand for the
# tables' 2 decimals, half a unit of which is this.
NARRATIVE_HALF = Decimal("0.005")


def ratio_range(part: Decimal, whole: Decimal, part_half: Decimal, whole_half: Decimal) -> tuple[Decimal, Decimal]:
    """The range of part / whole × 100 over the rounding intervals of both (whole > 0)."""
    low_whole, high_whole = whole - whole_half, whole + whole_half
    low_part, high_part = part - part_half, part + part_half
    if low_part >= 0 and low_whole > 0:  # the usual case: the ratio grows with the part, falls with the whole
        return low_part / high_whole * HUNDRED, high_part / low_whole * HUNDRED
    candidates = [p / w * HUNDRED for p in (low_part, high_part) for w in (low_whole, high_whole) if w > 0]
    if not candidates:
        raise ZeroDivisionError("the base is zero")
    return min(candidates), max(candidates)


def ratio_fits(stated: Decimal, part: Decimal, whole: Decimal, part_half: Decimal, whole_half: Decimal) -> bool:
    """True when `stated` % is part / whole rounded half-up or truncated to its printed decimals."""
    low, high = ratio_range(part, whole, part_half, whole_half)
    h = half_unit(stated)
    return low - 2 * h <= stated <= high + h


def fits_rounding(stated: Decimal, exact: Decimal) -> bool:
    """True when `stated` is `exact` rounded half-up or truncated to the stated decimals."""
    unit = Decimal(1).scaleb(-decimals(stated))
    return stated in (exact.quantize(unit, ROUND_HALF_UP), exact.quantize(unit, ROUND_DOWN))
