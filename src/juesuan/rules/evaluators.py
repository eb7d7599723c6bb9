"""The generic evaluators of table rules: one function per kind of rule record.

The identity kinds (sum, conditional, ge, rows, hierarchy, classes_total, children, match) each
state the comparisons a rule asks of a report, as `Comparison`s, in one place: the checker judges
them (on intervals, design decision 6: a published value v with d decimals stands for
[v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]), and `rules/identities.py` turns the same ones into the linear identities
that 舍位平衡 and the reader's placement of text rows hold the tables to. A comparison that touches
a cell the reader doubted, and does not hold exactly, is reported as needs-review.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from juesuan.core.amounts import half_unit
from juesuan.core.facts import ReferenceFigure
from juesuan.core.model import Row
from juesuan.rules.catalogue import (
    Case,
    ChildrenParams,
    ConditionalParams,
    GeParams,
    Inequality,
    MatchParams,
    RowsParams,
    Rule,
    SetParams,
    SumParams,
    TableParams,
    TableSide,
)
from juesuan.rules.compare import Tally, at_least, attempt, equal, money, record
from juesuan.rules.context import Context, NotApplicable, NotRun, TableView, Value
from juesuan.rules.percent import NARRATIVE_HALF

__all__ = ["COMPARISONS", "TABLE_EVALUATORS", "Comparison"]

P = TypeVar("P")


@dataclass(frozen=True, slots=True)
class Comparison:
    """One comparison a rule asks of a report: Σ ±left = Σ ±right ("eq": left is the one target)
    or Σ left ≥ Σ right ("ge", its finding placed at `at`); `basis` says what the terms are."""

    relation: str
    left: tuple[tuple[int, Value], ...]
    right: tuple[tuple[int, Value], ...]
    basis: tuple[str, str] | Callable[[], tuple[str, str]] | None = None
    at: Value | None = None


# What a rule's comparisons come as: each one, or why one of them could not be looked at.
Comparisons = Iterator[Comparison | NotRun]


def _eq(target: Value, terms: list[tuple[int, Value]],
        basis: tuple[str, str] | Callable[[], tuple[str, str]] | None = None) -> Comparison:
    return Comparison("eq", ((1, target),), tuple(terms), basis)


def _ge(left: list[Value], right: list[Value], at: Value) -> Comparison:
    return Comparison("ge", tuple((1, v) for v in left), tuple((1, v) for v in right), None, at)


def _signed(ref: str) -> tuple[int, str]:
    return (-1, ref[1:]) if ref.startswith("-") else (1, ref)


def _params(rule: Rule, kind: type[P]) -> P:
    """A rule's parameters, of the type its kind has (rules/catalogue.py made them so at load)."""
    assert isinstance(rule.params, kind), (rule.id, rule.params)
    return rule.params


def _terms(ctx: Context, refs: tuple[str, ...]) -> list[tuple[int, Value]]:
    out = []
    for item in refs:
        sign, ref = _signed(item)
        out += [(sign, ctx.value(r)) for r in ctx.expand(ref)]
    return out


def _each(make: Callable[[], Comparison]) -> Comparison | NotRun:
    """One comparison, or why its cells could not be read."""
    try:
        return make()
    except NotRun as why:
        return why


# ------------------------------------------------------------------ the comparisons of each kind


def _case(ctx: Context, case: Case) -> Comparison:
    return _eq(ctx.value(case.target), _terms(ctx, case.terms))


def _column_sum(ctx: Context, view: TableView, target: str, rows: list[str], column: str,
                basis: tuple[str, str]) -> Comparison:
    """target = Σ rows, in one column of one table."""
    return _eq(ctx.cell_value(view, target, column), [(1, ctx.cell_value(view, r, column)) for r in rows], basis)


def _row_sum(ctx: Context, view: TableView, ident: str, target: str, terms: list[tuple[int, str]]) -> Comparison:
    """target column = Σ ±terms columns, in one row of one table."""
    return _eq(ctx.cell_value(view, ident, target), [(sign, ctx.cell_value(view, ident, c)) for sign, c in terms])


def sum_comparisons(rule: Rule, ctx: Context) -> Comparisons:
    for case in _params(rule, SumParams).cases:
        yield _each(partial(_case, ctx, case))


def conditional_comparisons(rule: Rule, ctx: Context) -> Comparisons:
    p = _params(rule, ConditionalParams)

    def make() -> Comparison:
        if any(ctx.value(ref).amount != 0 for ref in p.when_zero):
            raise NotApplicable("条件不成立")
        return _eq(ctx.value(p.target), _terms(ctx, p.terms))
    yield _each(make)


def ge_comparisons(rule: Rule, ctx: Context) -> Comparisons:
    def make(case: Inequality) -> Comparison:
        left = [ctx.value(r) for r in case.left]
        return _ge(left, [ctx.value(r) for r in case.right], left[0])
    for case in _params(rule, GeParams).cases:
        yield _each(partial(make, case))


def _amount_columns(view: TableView, side: str | None) -> list[str]:
    return [c.key for c in view.spec.columns_of(side)]


def rows_comparisons(rule: Rule, ctx: Context) -> Comparisons:
    p = _params(rule, RowsParams)
    view = ctx.view_with_data(p.table)
    for column in (p.target, *(_signed(t)[1] for t in p.terms)):
        if column not in view.columns:
            raise NotApplicable(f"「{view.table.title}」的表样没有列 {column}")
    terms = [_signed(t) for t in p.terms]
    for row in view.table.rows:
        if p.side is None or row.side == p.side:
            yield _each(partial(_row_sum, ctx, view, row.ident, p.target, terms))


def hierarchy_comparisons(rule: Rule, ctx: Context) -> Comparisons:
    view = ctx.view_with_data(_params(rule, TableParams).table)
    for row in view.coded:
        kids = view.children.get(row.ident)
        if not kids:
            continue
        basis = (f"所属各{'款' if len(row.ident) == 3 else '项'}之和", "the sum of its children")
        for column in _amount_columns(view, row.side):
            yield _each(partial(_column_sum, ctx, view, row.ident, kids, column, basis))


_CLASSES = ("各类之和", "the sum of the classes")
_ITEMS = ("各细项之和", "the sum of its items")


def classes_total_comparisons(rule: Rule, ctx: Context) -> Comparisons:
    view = ctx.view_with_data(_params(rule, TableParams).table)
    classes = [r.ident for r in view.coded if len(r.ident) == 3]
    for column in _amount_columns(view, None):
        yield _each(partial(_column_sum, ctx, view, "total", classes, column, _CLASSES))


def children_comparisons(rule: Rule, ctx: Context) -> Comparisons:
    p = _params(rule, ChildrenParams)
    view = ctx.view_with_data(p.table)
    only = set(p.rows)
    for parent in view.spec.rows:
        if only and parent.key not in only:
            continue
        kids = [r.key for r in view.spec.rows if r.parent == parent.key]
        if not kids:
            continue
        for column in _amount_columns(view, parent.side):
            yield _each(partial(_column_sum, ctx, view, parent.key, kids, column, _ITEMS))


def _code_of(view: TableView, row: Row) -> str | None:
    if row.code is not None:
        return row.code
    spec_row = view.spec.row(row.ident)
    return spec_row.code if spec_row is not None else None


def _by_code(ctx: Context, side: TableSide) -> tuple[TableView, dict[str, Row]]:
    """A table's rows by code, of one side and level if given (worked out once per run)."""
    view = ctx.view(side.table)
    level, wanted = side.level, side.side
    key = ("by code", side.table, wanted, level)
    rows: dict[str, Row] | None = ctx.memo.get(key)
    if rows is None:
        rows = ctx.memo[key] = {}
        for row in view.table.rows:
            if wanted is not None and row.side != wanted:
                continue
            code = _code_of(view, row)
            if code is None or (level is not None and len(code) != 2 * level + 1):
                continue
            rows[code] = row
    return view, rows


def match_comparisons(rule: Rule, ctx: Context) -> Comparisons:
    """Rows of two tables compared code by code; a code missing on one side counts as zero."""
    p = _params(rule, MatchParams)
    left_view, left = _by_code(ctx, p.left)
    right_view, right = _by_code(ctx, p.right)
    at_least_mode = p.mode == "ge"

    def make(code: str, lcol: str, rcol: str) -> Comparison:
        lrow, rrow = left.get(code), right.get(code)
        lval = ctx.cell_value(left_view, lrow.ident if lrow else code, lcol)
        rval = ctx.cell_value(right_view, rrow.ident if rrow else code, rcol)
        if at_least_mode:
            return _ge([lval], [rval], lval if lrow else rval)
        target, other = (lval, rval) if lrow else (rval, lval)
        return _eq(target, [(1, other)], partial(_matching, other))

    for code in sorted(set(left) | set(right)):
        for lcol, rcol in zip(p.left.keys, p.right.keys, strict=True):
            yield _each(partial(make, code, lcol, rcol))


def _matching(other: Value) -> tuple[str, str]:
    title = other.location.table_title
    return f"「{title}」对应数", f"the matching figure of '{title}'"


COMPARISONS: dict[str, Callable[[Rule, Context], Comparisons]] = {
    "sum": sum_comparisons,
    "conditional": conditional_comparisons,
    "ge": ge_comparisons,
    "rows": rows_comparisons,
    "hierarchy": hierarchy_comparisons,
    "classes_total": classes_total_comparisons,
    "children": children_comparisons,
    "match": match_comparisons,
}


def run_comparisons(rule: Rule, ctx: Context, tally: Tally) -> None:
    """Judge each comparison of an identity rule; one that could not be looked at is counted."""
    for item in COMPARISONS[rule.kind](rule, ctx):
        if isinstance(item, NotApplicable):
            tally.not_applicable.append(str(item))
        elif isinstance(item, NotRun):
            tally.not_run.append(str(item))
        elif item.relation == "eq":
            (_, target), = item.left
            equal(rule, tally, target, list(item.right), item.basis)
        else:
            assert item.at is not None
            at_least(rule, tally, [v for _, v in item.left], [v for _, v in item.right], item.at)


# ------------------------------------------------------------------ the other kinds


def run_set(rule: Rule, ctx: Context, tally: Tally) -> None:
    p = _params(rule, SetParams)
    sub_view, sub = _by_code(ctx, p.subset)
    sup_view, sup = _by_code(ctx, p.superset)
    (sub_column,), (sup_column,) = p.subset.keys, p.superset.keys
    for code, row in sub.items():
        tally.checks += 1
        value = ctx.cell_value(sub_view, row.ident, sub_column)
        if value.amount == 0:
            continue
        other = sup.get(code)
        if other is not None and ctx.cell_value(sup_view, other.ident, sup_column).amount != 0:
            continue
        title = sup_view.table.title
        record(tally, rule, value.location, "missing-class", actual=value.amount, amount=value.text(), title=title)


def run_prior_reference(rule: Rule, ctx: Context, tally: Tally) -> None:
    """Each prior-year figure the narrative states (本年 − 增减额) against last year's table."""
    last_year = ctx.last_year
    stated = [r for r in ctx.report.facts.reference if r.basis == "prior_year" and not r.subject.startswith("facts.")]
    if not stated:
        raise NotApplicable("情况说明中没有可核对的上年数")
    for figure in stated:
        def compare(figure: ReferenceFigure = figure) -> None:
            published = last_year.value(figure.subject)
            tally.checks += 1
            gap = published.amount - figure.amount
            # The narrative drops trailing zeros ("0.3万元" = 0.30, domain.md §0.2), so its figures
            # carry the tables' 2 decimals; the implied figure (本年 − 增减额) rounds twice.
            slack = published.half + 2 * min(half_unit(figure.amount), NARRATIVE_HALF)
            if gap == 0 or abs(gap) <= slack:
                return
            said = f"（「{figure.stated}」）" if figure.stated else ""
            record(tally, rule, published.location, "prior-year-mismatch", expected=published.amount,
                   actual=figure.amount, published=published.text(), stated=money(figure.amount), said=said,
                   gap=money(-gap))
        attempt(tally, compare)


TABLE_EVALUATORS: dict[str, Callable[[Rule, Context, Tally], None]] = {
    **dict.fromkeys(COMPARISONS, run_comparisons),
    "set": run_set,
    "prior_reference": run_prior_reference,
}
