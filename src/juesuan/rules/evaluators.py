"""The generic evaluators: one function per kind of rule record.

Every comparison is made on intervals (design decision 6): a published value v with d decimals
stands for [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]. An identity holds exactly, holds only within rounding
(the intervals meet: a 尾数误差, reported as info with its size), or fails. A comparison that
touches a cell the reader doubted, and does not hold exactly, is reported as needs-review.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any

from juesuan.core.amounts import format_amount, half_unit
from juesuan.core.facts import ReferenceFigure
from juesuan.core.findings import Finding, Severity
from juesuan.core.model import Row
from juesuan.rules.catalogue import Rule
from juesuan.rules.context import ZERO, Context, NotApplicable, NotRun, TableView, Value

__all__ = ["EVALUATORS", "NARRATIVE_HALF", "Tally"]

NARRATIVE_HALF = Decimal("0.005")  # half a unit of the 2 decimals narrative amounts stand for


@dataclass
class Tally:
    """What one rule did: comparisons made, how they ended, what could not be looked at."""

    checks: int = 0
    rounding: int = 0
    failed: int = 0
    not_run: list[str] = field(default_factory=list)
    not_applicable: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _amount(value: Decimal) -> str:
    return format_amount(value, thousands=True)


def _describe(values: Iterable[tuple[int, Value]], lang: str) -> str:
    parts = list(values)
    if not parts:
        return "0"
    if len(parts) > 4:
        return f"{len(parts)} 项之和" if lang == "zh" else f"the sum of {len(parts)} items"
    out = ""
    for i, (sign, v) in enumerate(parts):
        name = v.location.row_label or v.location.row or ""
        if v.location.column_header and len({p.location.column for _, p in parts}) > 1:
            name = f"{name}·{v.location.column_header}" if name else v.location.column_header
        if len({p.location.table for _, p in parts}) > 1:
            name = f"「{v.location.table_title}」{name}"
        out += (" − " if sign < 0 else (" + " if i else "")) + name
    return out


def _equal(rule: Rule, tally: Tally, target: Value, terms: list[tuple[int, Value]],
           basis: tuple[str, str] | Callable[[], tuple[str, str]] | None = None) -> None:
    """Compare target = Σ ±terms on intervals and record the outcome."""
    tally.checks += 1
    expected = sum((s * v.amount for s, v in terms), ZERO)
    diff = target.amount - expected
    if diff == 0:
        return
    if len(terms) == 1 and terms[0][1].half == target.half:
        # One figure printed twice with the same decimals is one rounding of one true value:
        # the two must be identical, so no gap is a rounding gap.
        tolerance = ZERO
    else:
        tolerance = target.half + sum((v.half for _, v in terms), ZERO)
    doubt = next((v.uncertain for v in (target, *(v for _, v in terms)) if v.uncertain), None)
    where_zh, where_en = target.location.render("zh"), target.location.render("en")
    if basis is None:
        basis_zh, basis_en = _describe(terms, "zh"), _describe(terms, "en")
    else:
        basis_zh, basis_en = basis() if callable(basis) else basis
    if doubt is not None:
        tally.failed += 1
        tally.findings.append(Finding(
            "needs-review", Severity.NEEDS_REVIEW, rule.id, target.location,
            f"{where_zh}：{_amount(target.amount)} 与{basis_zh} {_amount(expected)} 不一致，"
            f"但识别时存疑（{doubt}），请人工核对原件。规则 {rule.id}：{rule.title}",
            f"{where_en}: {_amount(target.amount)} differs from {basis_en} {_amount(expected)}, "
            f"but the reader doubted a cell ({doubt}); check the original. Rule {rule.id}",
            expected, target.amount, diff))
        return
    if abs(diff) <= tolerance:
        tally.rounding += 1
        tally.findings.append(Finding(
            "rounding-gap", Severity.INFO, rule.id, target.location,
            f"{where_zh}：{_amount(target.amount)} 与{basis_zh} {_amount(expected)} 相差 {_amount(diff)}，"
            f"在各数四舍五入的误差范围 ±{_amount(tolerance)} 内，属尾数误差。规则 {rule.id}：{rule.title}",
            f"{where_en}: {_amount(target.amount)} vs {basis_en} {_amount(expected)}, a gap of {_amount(diff)} "
            f"within the rounding of the published values (±{_amount(tolerance)}). Rule {rule.id}",
            expected, target.amount, diff))
        return
    tally.failed += 1
    if tolerance:
        why_zh, why_en = f"超出四舍五入误差 ±{_amount(tolerance)}", f"beyond rounding ±{_amount(tolerance)}"
    else:
        why_zh, why_en = "同一个数在两处应完全相同", "the same figure must be printed the same in both places"
    tally.findings.append(Finding(
        _CODES.get(rule.kind, "sum-mismatch"), rule.severity, rule.id, target.location,
        f"{where_zh}：应为{basis_zh} {_amount(expected)}，实为 {_amount(target.amount)}，相差 {_amount(diff)}"
        f"（{why_zh}）。规则 {rule.id}：{rule.title}",
        f"{where_en}: expected {basis_en} {_amount(expected)}, found {_amount(target.amount)}, "
        f"a difference of {_amount(diff)} ({why_en}). Rule {rule.id}",
        expected, target.amount, diff))


def _at_least(rule: Rule, tally: Tally, left: list[Value], right: list[Value], at: Value) -> None:
    """Compare Σ left ≥ Σ right: fails only when no true values within rounding can satisfy it."""
    tally.checks += 1
    lhs = sum((v.amount for v in left), ZERO)
    rhs = sum((v.amount for v in right), ZERO)
    if lhs >= rhs:
        return
    anchor = at.location
    slack = sum((v.half for v in (*left, *right)), ZERO)
    gap = lhs - rhs
    where_zh, where_en = anchor.render("zh"), anchor.render("en")
    right_zh = _describe([(1, v) for v in right], "zh") if right else "0"
    right_en = _describe([(1, v) for v in right], "en") if right else "0"
    if -gap <= slack:
        tally.rounding += 1
        tally.findings.append(Finding(
            "rounding-gap", Severity.INFO, rule.id, anchor,
            f"{where_zh}：{_amount(lhs)} 略小于{right_zh} {_amount(rhs)}（{_amount(gap)}），在四舍五入误差 "
            f"±{_amount(slack)} 内。规则 {rule.id}：{rule.title}",
            f"{where_en}: {_amount(lhs)} is slightly below {right_en} {_amount(rhs)} ({_amount(gap)}), within "
            f"rounding ±{_amount(slack)}. Rule {rule.id}", rhs, lhs, gap))
        return
    doubt = next((v.uncertain for v in (*left, *right) if v.uncertain), None)
    tally.failed += 1
    severity, code = (Severity.NEEDS_REVIEW, "needs-review") if doubt else (rule.severity, "inequality-violated")
    extra_zh = f"（识别时存疑：{doubt}，请人工核对）" if doubt else ""
    tally.findings.append(Finding(
        code, severity, rule.id, anchor,
        f"{where_zh}：{_amount(lhs)} 应不小于{right_zh} {_amount(rhs)}，少 {_amount(-gap)}{extra_zh}。"
        f"规则 {rule.id}：{rule.title}",
        f"{where_en}: {_amount(lhs)} should be at least {right_en} {_amount(rhs)}, short by {_amount(-gap)}. "
        f"Rule {rule.id}", rhs, lhs, gap))


_CODES = {
    "sum": "sum-mismatch",
    "conditional": "sum-mismatch",
    "rows": "row-sum-mismatch",
    "hierarchy": "hierarchy-mismatch",
    "classes_total": "total-mismatch",
    "children": "subtotal-mismatch",
    "match": "cross-table-mismatch",
}


def _attempt(tally: Tally, action: Callable[[], None]) -> None:
    """Run one comparison; a lookup that cannot be answered is counted, not raised."""
    try:
        action()
    except NotApplicable as exc:
        tally.not_applicable.append(str(exc))
    except NotRun as exc:
        tally.not_run.append(str(exc))


def _signed(ref: str) -> tuple[int, str]:
    return (-1, ref[1:]) if ref.startswith("-") else (1, ref)


def _cases(rule: Rule) -> list[dict[str, Any]]:
    """A rule's comparisons: its `cases`, else itself, once per entry of `columns` if given."""
    base = [dict(c) for c in rule.params.get("cases", [rule.params])]
    columns = rule.params.get("columns")
    if not columns:
        return base
    out = []
    for case in base:
        for column in columns:
            out.append({k: (v.replace("{column}", column) if isinstance(v, str)
                            else [t.replace("{column}", column) for t in v] if isinstance(v, list) else v)
                        for k, v in case.items()})
    return out


def _terms(ctx: Context, refs: list[str]) -> list[tuple[int, Value]]:
    out = []
    for item in refs:
        sign, ref = _signed(item)
        out += [(sign, ctx.value(r)) for r in ctx.expand(ref)]
    return out


# ------------------------------------------------------------------ kinds


def _sums_exactly(ctx: Context, target: str, terms: list[str]) -> bool:
    """The fast path of `sum`: every cell plainly present and the identity exact."""
    total = ctx.plain(target)
    if total is None:
        return False
    acc = ZERO
    for item in terms:
        sign, ref = _signed(item)
        for expanded in ctx.expand(ref):
            amount = ctx.plain(expanded)
            if amount is None:
                return False
            acc += amount if sign > 0 else -amount
    return acc == total


def run_sum(rule: Rule, ctx: Context, tally: Tally) -> None:
    for case in _cases(rule):
        try:
            if _sums_exactly(ctx, case["target"], case["terms"]):
                tally.checks += 1
                continue
        except NotRun:
            pass  # the full path below says why
        _attempt(tally, partial(_sum_case, rule, ctx, tally, case))


def _sum_case(rule: Rule, ctx: Context, tally: Tally, case: dict[str, Any]) -> None:
    _equal(rule, tally, ctx.value(case["target"]), _terms(ctx, case["terms"]))


def run_conditional(rule: Rule, ctx: Context, tally: Tally) -> None:
    def compare() -> None:
        if any(ctx.value(ref).amount != 0 for ref in rule.params["when_zero"]):
            raise NotApplicable("条件不成立")
        _equal(rule, tally, ctx.value(rule.params["target"]), _terms(ctx, rule.params["terms"]))
    _attempt(tally, compare)


def run_ge(rule: Rule, ctx: Context, tally: Tally) -> None:
    def compare(case: dict[str, Any]) -> None:
        left = [ctx.value(r) for r in case["left"]]
        right = [ctx.value(r) for r in case["right"]]
        _at_least(rule, tally, left, right, left[0])
    for case in _cases(rule):
        _attempt(tally, partial(compare, case))


def _amount_columns(view: TableView, side: str | None) -> list[str]:
    return [c.key for c in view.spec.columns_of(side)]


def run_rows(rule: Rule, ctx: Context, tally: Tally) -> None:
    p = rule.params
    view = ctx.view_with_data(p["table"])
    for column in (p["target"], *(_signed(t)[1] for t in p["terms"])):
        if column not in view.columns:
            raise NotApplicable(f"「{view.table.title}」的表样没有列 {column}")
    terms = [_signed(t) for t in p["terms"]]
    for row in view.table.rows:
        if p.get("side") is not None and row.side != p["side"]:
            continue
        ident = row.ident
        if not any(s < 0 for s, _ in terms) and view.sums_exactly(
                (ident, p["target"]), [(ident, c) for _, c in terms]):
            tally.checks += 1
            continue
        try:
            target = ctx.cell_value(view, row.ident, p["target"])
            values = [(sign, ctx.cell_value(view, row.ident, column)) for sign, column in terms]
        except NotRun as exc:
            tally.not_run.append(str(exc))
            continue
        _equal(rule, tally, target, values)


def run_hierarchy(rule: Rule, ctx: Context, tally: Tally) -> None:
    view = ctx.view_with_data(rule.params["table"])
    columns = {side: _amount_columns(view, side) for side in {r.side for r in view.table.rows}}
    for row in view.table.coded_rows():
        kids = view.children.get(row.ident)
        if not kids:
            continue
        level_zh = "款" if len(row.ident) == 3 else "项"
        for column in columns[row.side]:
            if view.sums_exactly((row.ident, column), [(k, column) for k in kids]):
                tally.checks += 1
                continue
            try:
                target = ctx.cell_value(view, row.ident, column)
                terms = [(1, ctx.cell_value(view, k, column)) for k in kids]
            except NotRun as exc:
                tally.not_run.append(str(exc))
                continue
            _equal(rule, tally, target, terms, (f"所属各{level_zh}之和", "the sum of its children"))


def run_classes_total(rule: Rule, ctx: Context, tally: Tally) -> None:
    view = ctx.view_with_data(rule.params["table"])
    classes = [r.ident for r in view.table.coded_rows() if len(r.ident) == 3]
    for column in _amount_columns(view, None):
        if view.sums_exactly(("total", column), [(c, column) for c in classes]):
            tally.checks += 1
            continue

        def compare(column: str = column) -> None:
            terms = [(1, ctx.cell_value(view, c, column)) for c in classes]
            _equal(rule, tally, ctx.cell_value(view, "total", column), terms, ("各类之和", "the sum of the classes"))
        _attempt(tally, compare)


def run_children(rule: Rule, ctx: Context, tally: Tally) -> None:
    view = ctx.view_with_data(rule.params["table"])
    only = set(rule.params.get("rows") or ())
    for parent in view.spec.rows:
        if only and parent.key not in only:
            continue
        kids = [r.key for r in view.spec.rows if r.parent == parent.key]
        if not kids:
            continue
        for column in _amount_columns(view, parent.side):
            if view.sums_exactly((parent.key, column), [(k, column) for k in kids]):
                tally.checks += 1
                continue

            def compare(parent_key: str = parent.key, column: str = column, kids: list[str] = kids) -> None:
                terms = [(1, ctx.cell_value(view, k, column)) for k in kids]
                target = ctx.cell_value(view, parent_key, column)
                _equal(rule, tally, target, terms, ("各细项之和", "the sum of its items"))
            _attempt(tally, compare)


def _code_of(view: TableView, row: Row) -> str | None:
    if row.code is not None:
        return row.code
    spec_row = view.spec.row(row.ident)
    return spec_row.code if spec_row is not None else None


def _by_code(ctx: Context, side: dict[str, Any]) -> tuple[TableView, dict[str, Row]]:
    view = ctx.view(side["table"])
    level = side.get("level")
    rows = {}
    for row in view.table.rows:
        if side.get("side") is not None and row.side != side["side"]:
            continue
        code = _code_of(view, row)
        if code is None or (level is not None and len(code) != 2 * level + 1):
            continue
        rows[code] = row
    return view, rows


def run_match(rule: Rule, ctx: Context, tally: Tally) -> None:
    """Rows of two tables compared code by code; a code missing on one side counts as zero."""
    p = rule.params
    left_view, left = _by_code(ctx, p["left"])
    right_view, right = _by_code(ctx, p["right"])
    left_columns = p["left"].get("columns") or [p["left"]["column"]]
    right_columns = p["right"].get("columns") or [p["right"]["column"]]
    for code in sorted(set(left) | set(right)):
        lrow, rrow = left.get(code), right.get(code)
        for lcol, rcol in zip(left_columns, right_columns, strict=True):
            if lcol in left_view.columns and rcol in right_view.columns:
                # A code one table does not list has no amount there (the full path agrees).
                lplain = ZERO if lrow is None else left_view.plain.get((lrow.ident, lcol))
                rplain = ZERO if rrow is None else right_view.plain.get((rrow.ident, rcol))
                if lplain is not None and rplain is not None and (
                        lplain == rplain or (p.get("mode") == "ge" and lplain >= rplain)):
                    tally.checks += 1
                    continue
            def compare(code: str = code, lcol: str = lcol, rcol: str = rcol) -> None:
                lrow, rrow = left.get(code), right.get(code)
                lval = ctx.cell_value(left_view, lrow.ident if lrow else code, lcol)
                rval = ctx.cell_value(right_view, rrow.ident if rrow else code, rcol)
                if p.get("mode") == "ge":
                    _at_least(rule, tally, [lval], [rval], lval if lrow else rval)
                else:
                    target, other = (lval, rval) if lrow else (rval, lval)
                    _equal(rule, tally, target, [(1, other)], partial(_matching, other))
            _attempt(tally, compare)


def _matching(other: Value) -> tuple[str, str]:
    title = other.location.table_title
    return f"「{title}」对应数", f"the matching figure of '{title}'"


def run_set(rule: Rule, ctx: Context, tally: Tally) -> None:
    p = rule.params
    sub_view, sub = _by_code(ctx, p["subset"])
    sup_view, sup = _by_code(ctx, p["superset"])
    for code, row in sub.items():
        tally.checks += 1
        value = ctx.cell_value(sub_view, row.ident, p["subset"]["column"])
        if value.amount == 0:
            continue
        other = sup.get(code)
        if other is not None and ctx.cell_value(sup_view, other.ident, p["superset"]["column"]).amount != 0:
            continue
        tally.failed += 1
        tally.findings.append(Finding(
            "missing-class", rule.severity, rule.id, value.location,
            f"{value.location.render('zh')}：有数 {value.text()}，但「{sup_view.table.title}」中没有这一类的金额。"
            f"规则 {rule.id}：{rule.title}",
            f"{value.location.render('en')}: has {value.text()} but '{sup_view.table.title}' shows no amount for "
            f"this class. Rule {rule.id}", None, value.amount, None))


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
            tally.failed += 1
            where = published.location
            tally.findings.append(Finding(
                "prior-year-mismatch", rule.severity, rule.id, where,
                f"情况说明所述上年数 {_amount(figure.amount)}（「{figure.stated or ''}」）与上年报表"
                f"{where.render('zh')} {published.text()} 不一致，相差 {_amount(-gap)}。规则 {rule.id}：{rule.title}",
                f"the prior-year figure {_amount(figure.amount)} implied by the narrative differs from last year's "
                f"{where.render('en')} {published.text()} by {_amount(-gap)}. Rule {rule.id}",
                published.amount, figure.amount, -gap))
        _attempt(tally, compare)


EVALUATORS: dict[str, Callable[[Rule, Context, Tally], None]] = {
    "sum": run_sum,
    "conditional": run_conditional,
    "ge": run_ge,
    "rows": run_rows,
    "hierarchy": run_hierarchy,
    "classes_total": run_classes_total,
    "children": run_children,
    "match": run_match,
    "set": run_set,
    "prior_reference": run_prior_reference,
}

