"""Comparing published values on intervals, and tallying what a rule did.

Every comparison is made on intervals (design decision 6): a published value v with d decimals
stands for [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]. An identity holds exactly, holds only within rounding
(the intervals meet: a 尾数误差, reported as info with its size), or fails. A comparison that
touches a cell the reader doubted, and does not hold exactly, is reported as needs-review.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from juesuan.core.amounts import format_amount
from juesuan.core.findings import Finding, Location, Severity, finding_types
from juesuan.rules.catalogue import CheckParams, CompletenessParams, Rule
from juesuan.rules.context import ZERO, Context, NotApplicable, NotRun, Value

__all__ = ["ByCheck", "Evaluator", "Tally", "at_least", "attempt", "equal", "money", "record"]


class Tally:
    """What one rule did: comparisons made, how they ended, what could not be looked at (one per rule
    run: a plain class with slots, made in a fraction of a dataclass's time)."""

    __slots__ = ("checks", "failed", "findings", "not_applicable", "not_run", "rounding")

    def __init__(self) -> None:
        self.checks = self.rounding = self.failed = 0
        self.not_run: list[str] = []
        self.not_applicable: list[str] = []
        self.findings: list[Finding] = []


Evaluator = Callable[[Rule, Context, "Tally"], None]


class ByCheck:
    """One evaluator for a family of rules, running the check named by the rule's `check` field
    (its names, `checks`, are what a rule record may name: rules/catalogue.py checks them at load)."""

    def __init__(self, checks: Mapping[str, Evaluator]) -> None:
        self.checks = dict(checks)

    def __call__(self, rule: Rule, ctx: Context, tally: Tally) -> None:
        assert isinstance(rule.params, CheckParams | CompletenessParams), rule.id
        self.checks[rule.params.check](rule, ctx, tally)


def record(tally: Tally, rule: Rule, where: Location, finding: str, variant: str = "", *,
           expected: Decimal | None = None, actual: Decimal | None = None, severity: Severity | None = None,
           **fields: object) -> None:
    """Record a finding of `rule` at `where`: `finding` is its code, its message the catalogue's
    template for the code (and variant) filled with `fields` (core/data/findings.yaml); an info
    finding counts as a hint, not a failure."""
    kind = finding_types().get(finding)
    if kind is None:  # every code is catalogued (core/data/findings.yaml, docs/findings.md)
        raise KeyError(f"finding code {finding!r} is not in core/data/findings.yaml")
    zh, en = kind.message(variant, fields)
    severity = severity or rule.severity
    if severity is Severity.INFO:
        tally.rounding += 1
    else:
        tally.failed += 1
    diff = None if expected is None or actual is None else actual - expected
    place_zh, place_en = where.render("zh"), where.render("en")
    tally.findings.append(Finding(
        finding, severity, rule.id, where,
        f"{place_zh}：{zh}。规则 {rule.id}：{rule.title}" if place_zh else f"{zh}。规则 {rule.id}：{rule.title}",
        f"{place_en}: {en}. Rule {rule.id}" if place_en else f"{en}. Rule {rule.id}", expected, actual, diff))


def money(value: Decimal) -> str:
    return format_amount(value, thousands=True)


_NAMED = 4  # a sum of more terms is described by their number, not their names


def _describe(count: int, places: Callable[[], list[tuple[int, Location]]]) -> tuple[str, str]:
    """What the terms of a sum are, in Chinese and English: the names of up to four terms (their places
    are worked out only then), else how many there are."""
    if count == 0:
        return "0", "0"
    if count > _NAMED:
        return f"{count} 项之和", f"the sum of {count} items"
    parts = places()
    columns = len({p.column for _, p in parts}) > 1  # name the column when the terms differ by it
    tables = len({p.table for _, p in parts}) > 1
    out = ""
    for i, (sign, where) in enumerate(parts):
        name = where.row_label or where.row or ""
        if where.column_header and columns:
            name = f"{name}·{where.column_header}" if name else where.column_header
        if tables:
            name = f"「{where.table_title}」{name}"
        out += (" − " if sign < 0 else (" + " if i else "")) + name
    return out, out


def equal(rule: Rule, tally: Tally, target: Value, terms: list[tuple[int, Value]],
           basis: tuple[str, str] | Callable[[], tuple[str, str]] | None = None) -> None:
    """Compare target = Σ ±terms on intervals and record the outcome."""
    tally.checks += 1
    expected = sum((s * v.amount for s, v in terms), ZERO)
    if target.amount == expected:
        return
    doubt = next((v.uncertain for v in (target, *(v for _, v in terms)) if v.uncertain), None)
    if basis is None:
        basis = _describe(len(terms), lambda: [(sign, v.location) for sign, v in terms])
    _judge(rule, tally, target.location, target.amount, expected,
           _tolerance(target.half, [v.half for _, v in terms]), doubt, basis)


def _tolerance(target: Decimal, terms: list[Decimal]) -> Decimal:
    """How far target = Σ terms may be off by rounding alone: the sum of their half-widths; none for
    one figure printed twice with the same decimals (one rounding of one true value: no gap at all)."""
    if len(terms) == 1 and terms[0] == target:
        return ZERO
    return target + sum(terms, ZERO)


def _judge(rule: Rule, tally: Tally, where: Location, found_amount: Decimal, expected: Decimal,
           tolerance: Decimal, doubt: str | None,
           basis: tuple[str, str] | Callable[[], tuple[str, str]]) -> None:
    """Record a comparison that does not hold exactly: needs review, a rounding gap, or a mismatch."""
    diff = found_amount - expected
    said: dict[str, Any] = {"found": money(found_amount), "basis": basis() if callable(basis) else basis,
                            "want": money(expected), "gap": money(diff), "tolerance": money(tolerance)}
    if doubt is not None:
        record(tally, rule, where, "needs-review", "sum", expected=expected, actual=found_amount,
               severity=Severity.NEEDS_REVIEW, doubt=doubt, **said)
    elif abs(diff) <= tolerance:
        record(tally, rule, where, "rounding-gap", "sum", expected=expected, actual=found_amount,
               severity=Severity.INFO, **said)
    else:
        record(tally, rule, where, _CODES.get(rule.kind, "sum-mismatch"), "beyond-rounding" if tolerance else "same",
               expected=expected, actual=found_amount, **said)


def at_least(rule: Rule, tally: Tally, left: list[Value], right: list[Value], at: Value) -> None:
    """Compare Σ left ≥ Σ right: fails only when no true values within rounding can satisfy it."""
    tally.checks += 1
    lhs = sum((v.amount for v in left), ZERO)
    rhs = sum((v.amount for v in right), ZERO)
    if lhs >= rhs:
        return
    anchor = at.location
    slack = sum((v.half for v in (*left, *right)), ZERO)
    gap = lhs - rhs
    said: dict[str, Any] = {"left": money(lhs), "want": money(rhs), "gap": money(gap), "short": money(-gap),
                            "slack": money(slack),
                            "right": _describe(len(right), lambda: [(1, v.location) for v in right])}
    if -gap <= slack:
        record(tally, rule, anchor, "rounding-gap", "at-least", expected=rhs, actual=lhs, severity=Severity.INFO,
               **said)
        return
    doubt = next((v.uncertain for v in (*left, *right) if v.uncertain), None)
    if doubt:
        record(tally, rule, anchor, "needs-review", "at-least", expected=rhs, actual=lhs,
               severity=Severity.NEEDS_REVIEW, doubt=doubt, **said)
    else:
        record(tally, rule, anchor, "inequality-violated", expected=rhs, actual=lhs, **said)


_CODES = {
    "sum": "sum-mismatch",
    "conditional": "sum-mismatch",
    "rows": "row-sum-mismatch",
    "hierarchy": "hierarchy-mismatch",
    "classes_total": "total-mismatch",
    "children": "subtotal-mismatch",
    "match": "cross-table-mismatch",
}


def attempt(tally: Tally, action: Callable[[], None]) -> None:
    """Run one comparison; a lookup that cannot be answered is counted, not raised."""
    try:
        action()
    except NotApplicable as why:
        tally.not_applicable.append(str(why))
    except NotRun as missing:
        tally.not_run.append(str(missing))
