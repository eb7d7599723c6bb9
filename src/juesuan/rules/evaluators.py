"""The generic evaluators of table rules: one function per kind of rule record.

Every comparison is made on intervals (design decision 6): a published value v with d decimals
stands for [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]. An identity holds exactly, holds only within rounding
(the intervals meet: a 尾数误差, reported as info with its size), or fails. A comparison that
touches a cell the reader doubted, and does not hold exactly, is reported as needs-review.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from juesuan.core.amounts import half_unit
from juesuan.core.facts import ReferenceFigure
from juesuan.core.model import Row
from juesuan.rules.catalogue import Rule
from juesuan.rules.compare import Tally, at_least, attempt, equal, equal_plain, money, record
from juesuan.rules.context import (
    PRIOR,
    ZERO,
    Context,
    NotApplicable,
    NotRun,
    TableView,
    Value,
    split_ref,
    sums_exactly,
)
from juesuan.rules.percent import NARRATIVE_HALF

__all__ = ["TABLE_EVALUATORS"]


def _signed(ref: str) -> tuple[int, str]:
    return (-1, ref[1:]) if ref.startswith("-") else (1, ref)


@dataclass(frozen=True, slots=True)
class _Ref:
    """A cell reference of a rule, parsed once: ±, last year's or this year's table, row, column."""

    sign: int
    prior: bool
    table: str
    row: str  # a row key, code or `{placeholder}`
    column: str

    @staticmethod
    def parse(item: str) -> _Ref:
        sign, ref = _signed(item)
        kind, row, column = split_ref(ref.removeprefix(PRIOR))
        return _Ref(sign, ref.startswith(PRIOR), kind, row, column)

    def total(self, ctx: Context) -> Decimal:
        """The sum of the plain amounts the reference stands for; KeyError when one is not plainly
        present (or its table is missing)."""
        if not self.prior and self.row[0] != "{":  # one cell of this year's report: most references
            return ctx.views[self.table].plain[self.column][self.row]
        owner = ctx.last_year if self.prior else ctx
        by_row = owner.views[self.table].plain[self.column]
        rows = owner.rows_of(self.table, self.row) if self.row[0] == "{" else (self.row,)
        return sum(map(by_row.__getitem__, rows), ZERO)


@dataclass(frozen=True, slots=True)
class _Case:
    """One comparison of a `sum` rule: its record (for the full path) and its parsed references."""

    params: Mapping[str, Any]
    target: _Ref
    terms: tuple[_Ref, ...]

    def holds_exactly(self, ctx: Context) -> bool:
        """The fast path: every cell plainly present and target = Σ ±terms exactly."""
        try:
            acc = ZERO
            for term in self.terms:
                acc = acc + term.total(ctx) if term.sign > 0 else acc - term.total(ctx)
            return acc == self.target.total(ctx)
        except KeyError:
            return False

    def judged_plainly(self, rule: Rule, ctx: Context, tally: Tally) -> bool:
        """A case within one table of this year's report that does not hold exactly, judged on plain
        amounts (`equal_plain`); False when it spans tables or years, or a cell is not plain."""
        table = self.target.table
        if self.target.prior or self.target.row[0] == "{" or any(t.prior or t.table != table for t in self.terms):
            return False
        view = ctx.views.get(table)
        if view is None:
            return False
        terms = [(term.sign, row, term.column) for term in self.terms
                 for row in (ctx.rows_of(table, term.row) if term.row[0] == "{" else (term.row,))]
        return equal_plain(rule, tally, view, (self.target.row, self.target.column), terms)


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


# Rules parsed once per rule object (held here, so an id is never reused while its entry lives).
_COMPILED: dict[int, tuple[Rule, tuple[_Case, ...]]] = {}


def _sum_cases(rule: Rule) -> tuple[_Case, ...]:
    entry = _COMPILED.get(id(rule))
    if entry is None or entry[0] is not rule:
        if len(_COMPILED) > 4096:  # rules made on the fly (tests, tools): do not keep them all alive
            _COMPILED.clear()
        cases = tuple(_Case(c, _Ref.parse(c["target"]), tuple(map(_Ref.parse, c["terms"]))) for c in _cases(rule))
        entry = _COMPILED[id(rule)] = (rule, cases)
    return entry[1]


def _terms(ctx: Context, refs: list[str]) -> list[tuple[int, Value]]:
    out = []
    for item in refs:
        sign, ref = _signed(item)
        out += [(sign, ctx.value(r)) for r in ctx.expand(ref)]
    return out


# ------------------------------------------------------------------ kinds


def run_sum(rule: Rule, ctx: Context, tally: Tally) -> None:
    for case in _sum_cases(rule):
        try:
            if case.holds_exactly(ctx):
                tally.checks += 1
                continue
            if case.judged_plainly(rule, ctx, tally):
                continue
        except NotRun:
            pass  # the full path below says why
        attempt(tally, partial(_sum_case, rule, ctx, tally, case.params))


def _sum_case(rule: Rule, ctx: Context, tally: Tally, case: Mapping[str, Any]) -> None:
    equal(rule, tally, ctx.value(case["target"]), _terms(ctx, case["terms"]))


def run_conditional(rule: Rule, ctx: Context, tally: Tally) -> None:
    def compare() -> None:
        if any(ctx.value(ref).amount != 0 for ref in rule.params["when_zero"]):
            raise NotApplicable("条件不成立")
        equal(rule, tally, ctx.value(rule.params["target"]), _terms(ctx, rule.params["terms"]))
    attempt(tally, compare)


def run_ge(rule: Rule, ctx: Context, tally: Tally) -> None:
    def compare(case: dict[str, Any]) -> None:
        left = [ctx.value(r) for r in case["left"]]
        right = [ctx.value(r) for r in case["right"]]
        at_least(rule, tally, left, right, left[0])
    for case in _cases(rule):
        attempt(tally, partial(compare, case))


def _amount_columns(view: TableView, side: str | None) -> list[str]:
    return [c.key for c in view.spec.columns_of(side)]


def _row_sums_exactly(row: str, total: dict[str, Decimal], terms: list[tuple[int, dict[str, Decimal]]]) -> bool:
    """The fast path of a row identity, on the plain amounts of its columns (column → row → amount)."""
    try:
        acc = ZERO
        for sign, by_row in terms:
            acc = acc + by_row[row] if sign > 0 else acc - by_row[row]
        return acc == total[row]
    except KeyError:  # a cell not plainly present
        return False


def run_rows(rule: Rule, ctx: Context, tally: Tally) -> None:
    p = rule.params
    view = ctx.view_with_data(p["table"])
    for column in (p["target"], *(_signed(t)[1] for t in p["terms"])):
        if column not in view.columns:
            raise NotApplicable(f"「{view.table.title}」的表样没有列 {column}")
    terms = [_signed(t) for t in p["terms"]]
    total = view.plain.get(p["target"], {})
    plain_terms = [(sign, view.plain.get(column, {})) for sign, column in terms]
    side = p.get("side")
    for row in view.table.rows:
        if side is not None and row.side != side:
            continue
        ident = row.ident
        if _row_sums_exactly(ident, total, plain_terms):
            tally.checks += 1
            continue
        if equal_plain(rule, tally, view, (ident, p["target"]), [(sign, ident, column) for sign, column in terms]):
            continue
        try:
            target = ctx.cell_value(view, row.ident, p["target"])
            values = [(sign, ctx.cell_value(view, row.ident, column)) for sign, column in terms]
        except NotRun as exc:
            tally.not_run.append(str(exc))
            continue
        equal(rule, tally, target, values)


def run_hierarchy(rule: Rule, ctx: Context, tally: Tally) -> None:
    view = ctx.view_with_data(rule.params["table"])
    columns = {side: [(c, view.plain.get(c)) for c in _amount_columns(view, side)]
               for side in {r.side for r in view.table.rows}}
    for row in view.coded:
        kids = view.children.get(row.ident)
        if not kids:
            continue
        level_zh = "款" if len(row.ident) == 3 else "项"
        for column, by_row in columns[row.side]:
            if by_row is not None and sums_exactly(by_row, row.ident, kids):
                tally.checks += 1
                continue
            basis = (f"所属各{level_zh}之和", "the sum of its children")
            if equal_plain(rule, tally, view, (row.ident, column), [(1, k, column) for k in kids], basis):
                continue
            try:
                target = ctx.cell_value(view, row.ident, column)
                terms = [(1, ctx.cell_value(view, k, column)) for k in kids]
            except NotRun as exc:
                tally.not_run.append(str(exc))
                continue
            equal(rule, tally, target, terms, basis)


def run_classes_total(rule: Rule, ctx: Context, tally: Tally) -> None:
    view = ctx.view_with_data(rule.params["table"])
    classes = [r.ident for r in view.coded if len(r.ident) == 3]
    for column in _amount_columns(view, None):
        if view.sums_exactly(column, "total", classes):
            tally.checks += 1
            continue
        if equal_plain(rule, tally, view, ("total", column), [(1, c, column) for c in classes], _CLASSES):
            continue

        def compare(column: str = column) -> None:
            terms = [(1, ctx.cell_value(view, c, column)) for c in classes]
            equal(rule, tally, ctx.cell_value(view, "total", column), terms, _CLASSES)
        attempt(tally, compare)


_CLASSES = ("各类之和", "the sum of the classes")
_ITEMS = ("各细项之和", "the sum of its items")


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
            if view.sums_exactly(column, parent.key, kids):
                tally.checks += 1
                continue
            if equal_plain(rule, tally, view, (parent.key, column), [(1, k, column) for k in kids], _ITEMS):
                continue

            def compare(parent_key: str = parent.key, column: str = column, kids: list[str] = kids) -> None:
                terms = [(1, ctx.cell_value(view, k, column)) for k in kids]
                target = ctx.cell_value(view, parent_key, column)
                equal(rule, tally, target, terms, _ITEMS)
            attempt(tally, compare)


def _code_of(view: TableView, row: Row) -> str | None:
    if row.code is not None:
        return row.code
    spec_row = view.spec.row(row.ident)
    return spec_row.code if spec_row is not None else None


def _by_code(ctx: Context, side: dict[str, Any]) -> tuple[TableView, dict[str, Row]]:
    """A table's rows by code, of one side and level if given (worked out once per run)."""
    view = ctx.view(side["table"])
    level, wanted = side.get("level"), side.get("side")
    key = ("by code", side["table"], wanted, level)
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


def run_match(rule: Rule, ctx: Context, tally: Tally) -> None:
    """Rows of two tables compared code by code; a code missing on one side counts as zero."""
    p = rule.params
    left_view, left = _by_code(ctx, p["left"])
    right_view, right = _by_code(ctx, p["right"])
    left_columns = p["left"].get("columns") or [p["left"]["column"]]
    right_columns = p["right"].get("columns") or [p["right"]["column"]]
    # Each pair of columns with the plain amounts of both (None where the table has no such column).
    pairs = [(lcol, rcol, left_view.plain.get(lcol) if lcol in left_view.columns else None,
              right_view.plain.get(rcol) if rcol in right_view.columns else None)
             for lcol, rcol in zip(left_columns, right_columns, strict=True)]
    at_least_mode = p.get("mode") == "ge"
    for code in sorted(set(left) | set(right)):
        lrow, rrow = left.get(code), right.get(code)
        for lcol, rcol, lplain, rplain in pairs:
            if lplain is not None and rplain is not None:
                # A code one table does not list has no amount there (the full path agrees).
                lamount = ZERO if lrow is None else lplain.get(lrow.ident)
                ramount = ZERO if rrow is None else rplain.get(rrow.ident)
                if lamount is not None and ramount is not None and (
                        lamount == ramount or (at_least_mode and lamount >= ramount)):
                    tally.checks += 1
                    continue
            def compare(code: str = code, lcol: str = lcol, rcol: str = rcol) -> None:
                lrow, rrow = left.get(code), right.get(code)
                lval = ctx.cell_value(left_view, lrow.ident if lrow else code, lcol)
                rval = ctx.cell_value(right_view, rrow.ident if rrow else code, rcol)
                if at_least_mode:
                    at_least(rule, tally, [lval], [rval], lval if lrow else rval)
                else:
                    target, other = (lval, rval) if lrow else (rval, lval)
                    equal(rule, tally, target, [(1, other)], partial(_matching, other))
            attempt(tally, compare)


def _matching(other: Value) -> tuple[str, str]:
    title = other.location.table_title
    return f"「{title}」对应数", f"the matching figure of '{title}'"


def _amount(ctx: Context, view: TableView, row_id: str, column: str) -> Decimal:
    """A cell's amount: the plain one when there is one, else read in full (which may raise NotRun)."""
    amount = view.amount(row_id, column)
    return ctx.cell_value(view, row_id, column).amount if amount is None else amount


def run_set(rule: Rule, ctx: Context, tally: Tally) -> None:
    p = rule.params
    sub_view, sub = _by_code(ctx, p["subset"])
    sup_view, sup = _by_code(ctx, p["superset"])
    for code, row in sub.items():
        tally.checks += 1
        if _amount(ctx, sub_view, row.ident, p["subset"]["column"]) == 0:
            continue
        other = sup.get(code)
        if other is not None and _amount(ctx, sup_view, other.ident, p["superset"]["column"]) != 0:
            continue
        value = ctx.cell_value(sub_view, row.ident, p["subset"]["column"])
        title = sup_view.table.title
        record(tally, rule, value.location, f"有数 {value.text()}，但「{title}」中没有这一类的金额",
               f"has {value.text()} but '{title}' shows no amount for this class", "missing-class", None, value.amount)


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
            record(tally, rule, published.location,
                   f"上年报表为 {published.text()}，情况说明所述上年数为 {money(figure.amount)}{said}，"
                   f"相差 {money(-gap)}",
                   f"last year's table says {published.text()}, the narrative implies {money(figure.amount)}",
                   "prior-year-mismatch", published.amount, figure.amount)
        attempt(tally, compare)


TABLE_EVALUATORS: dict[str, Callable[[Rule, Context, Tally], None]] = {
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

