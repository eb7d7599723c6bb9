"""舍位平衡: publish accounts kept in 元 as 万元 tables in which every identity holds exactly.

Rounding each cell to 0.01 万元 on its own breaks sums (three items of 0.004 round to 0.00 each
but their total 0.012 rounds to 0.01). Finance software therefore moves a few cells by 0.01 so
that every table identity and every cross-table identity holds again. We do the same, reasoned:

* the identities are the comparisons the checker makes for rules T and X (rules/identities.py),
  so balancing and checking can never disagree about what must add up;
* each published value stays one of the two 0.01 steps around its exact value (floor or ceiling),
  so no cell is off by a full 0.01 or more; only if that is impossible is a wider step allowed,
  and the cells that needed it are reported;
* among all such tables, the one that differs from plain half-up rounding in the fewest cells is
  chosen (a small integer programme, solved exactly by HiGHS); between equally few, cells whose
  exact value lies nearest the half are moved first, as they gain the least error.

    >>> from juesuan.balance import balance
    >>> result = balance(report_in_yuan)
    >>> result.report.money_unit, len(result.changes)
    ('万元', 7)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from juesuan.core.facts import Facts
from juesuan.core.model import CellKind, Report
from juesuan.core.quiet import stdout_to_stderr
from juesuan.rules.identities import CellKey, Identity, identities

__all__ = ["BalanceError", "Balanced", "Change", "accounts_in_yuan", "balance", "solve"]

_TEN_THOUSAND = Decimal(10000)
_CENT = Decimal("0.01")


class BalanceError(ValueError):
    """Accounts that cannot be balanced, said in Chinese and English."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh, self.en = zh, en


@dataclass(frozen=True, slots=True)
class Change:
    """A cell published other than by plain rounding, so that the identities hold."""

    cell: CellKey
    exact: Decimal      # the 元 amount in 万元, unrounded
    rounded: Decimal    # half-up to 0.01
    published: Decimal  # what the balanced table prints

    @property
    def wide(self) -> bool:
        """More than one 0.01 step from the exact value: needed only when the identities left no choice."""
        return abs(self.published - self.exact) >= _CENT


@dataclass(frozen=True, slots=True)
class Balanced:
    report: Report                 # in 万元, two decimals
    changes: tuple[Change, ...]    # cells moved off plain rounding
    broken: tuple[Identity, ...]   # identities that already fail in the 元 input: left as they are
    identities: int                # how many identities were held


# Money among the facts the text states; the rest (rates, scores, weights, counts) have no unit.
_FACT_MONEY = {
    "OperatingExpenses": {"amount", "budget", "prior_year"},
    "Procurement": {"total", "goods", "works", "services", "sme", "small_micro"},
    "DepartmentPerformance": {"budget", "executed"},
    "ProjectFunds": {"budget", "executed"},
    "ReferenceFigure": {"amount"},  # last year's or the budget's figure for a cell or a fact
}


def _facts_scaled(value: object, factor: Decimal) -> object:
    """The facts with their money multiplied by `factor` and kept to the 分 of the new unit, half-up
    (×10000: 万元 to 元; ÷10000: 元 to 万元; they enter no identity, so plain rounding is right)."""
    if isinstance(value, tuple):
        return tuple(_facts_scaled(v, factor) for v in value)
    if not is_dataclass(value) or isinstance(value, type):
        return value
    money = _FACT_MONEY.get(type(value).__name__, set())
    changed: dict[str, object] = {}
    for f in fields(value):
        old = getattr(value, f.name)
        if f.name in money and isinstance(old, Decimal):
            changed[f.name] = (old * factor).quantize(_CENT, ROUND_HALF_UP)
        elif isinstance(old, tuple) or (is_dataclass(old) and not isinstance(old, type)):
            changed[f.name] = _facts_scaled(old, factor)
    return replace(value, **changed)


def _scaled(facts: Facts, factor: Decimal) -> Facts:
    scaled = _facts_scaled(facts, factor)
    assert isinstance(scaled, Facts)
    return scaled


def solve(exact: Mapping[CellKey, Decimal], rules: Iterable[Identity], step: int = 1,
          time_limit: float = 60.0) -> dict[CellKey, int] | None:
    """Integers (in units of 0.01) for the cells, each within `step` units of its exact value
    (step 1: the floor or the ceiling), satisfying every identity, differing from half-up rounding
    in as few cells as possible. None when no such integers exist."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import lil_matrix

    keys = sorted(exact)
    index = {k: i for i, k in enumerate(keys)}
    scaled = [exact[k] * 100 for k in keys]
    half_up = [int(x.quantize(Decimal(1), ROUND_HALF_UP)) for x in scaled]
    if step == 1:
        low = [int(x.to_integral_value(ROUND_FLOOR)) for x in scaled]
        high = [int(x.to_integral_value(ROUND_CEILING)) for x in scaled]
    else:
        low = [h - step for h in half_up]
        high = [h + step for h in half_up]
    rules = list(rules)
    n = len(keys)
    # variables: up_i then down_i, both ≥ 0; value_i = half_up_i + up_i − down_i; each identity
    # Σ sign·value = 0 (or ≥ 0) becomes Σ sign·(up − down) = (or ≥) −Σ sign·half_up
    matrix = lil_matrix((len(rules), 2 * n))
    low_side = np.zeros(len(rules))
    high_side = np.zeros(len(rules))
    for r, identity in enumerate(rules):
        constant = 0
        for sign, key in identity.terms:
            i = index.get(key)
            if i is None:
                continue  # a blank or absent cell: zero
            matrix[r, i] += sign
            matrix[r, n + i] -= sign
            constant -= sign * half_up[i]
        low_side[r] = constant
        high_side[r] = constant if identity.relation == "eq" else np.inf
    # cost: one per moved cell, a little less for cells whose exact value lies near the half
    distance = [abs(float(x) - h) for x, h in zip(scaled, half_up, strict=True)]
    cost = np.array([1 + 1e-3 * (1 - 2 * d) for d in distance] * 2)
    upper = np.array([high[i] - half_up[i] for i in range(n)] + [half_up[i] - low[i] for i in range(n)], float)
    with stdout_to_stderr():
        result = milp(cost, integrality=np.ones(2 * n), bounds=Bounds(np.zeros(2 * n), upper),
                      constraints=[LinearConstraint(matrix.tocsr(), low_side, high_side)] if rules else [],
                      options={"time_limit": time_limit})
    if result.x is None or result.status != 0:
        return None
    moves = np.rint(result.x).astype(int)
    return {k: half_up[i] + int(moves[i]) - int(moves[n + i]) for i, k in enumerate(keys)}


def balance(report: Report) -> Balanced:
    """The report, kept in 元, as balanced 万元 tables; raises BalanceError for any other unit or
    when not even a wider step can make the identities hold."""
    if report.money_unit != "元":
        raise BalanceError(f"舍位平衡需要以「元」为单位的数据，此数据的单位为「{report.money_unit}」",
                           f"balancing needs accounts in 元; these are in {report.money_unit}")
    in_wan = {(kind, row.ident, column): cell.amount / _TEN_THOUSAND
              for kind, table in report.tables.items() for row in table.rows
              for column, cell in row.cells.items() if cell.kind is CellKind.AMOUNT and cell.amount is not None}
    found = identities(report)
    holds = {i: i.holds(in_wan) for i in found}
    broken = tuple(i for i in found if not holds[i])
    held = [i for i in found if holds[i]]
    cents = solve(in_wan, held, step=1) or solve(in_wan, held, step=2)
    if cents is None:
        raise BalanceError("无法在每个数变动不超过 0.02 万元的前提下使全部勾稽关系成立",
                           "no table within 0.02 万元 of every exact value satisfies all identities")
    published = {k: Decimal(v) * _CENT for k, v in cents.items()}
    changes = tuple(Change(k, in_wan[k], in_wan[k].quantize(_CENT, ROUND_HALF_UP), published[k])
                    for k in in_wan if published[k] != in_wan[k].quantize(_CENT, ROUND_HALF_UP))  # table order
    tables = {}
    for kind, table in report.tables.items():
        rows = tuple(replace(row, cells={
            c: replace(cell, amount=published[(kind, row.ident, c)].quantize(_CENT))
            if (kind, row.ident, c) in published else cell for c, cell in row.cells.items()})
            for row in table.rows)
        tables[kind] = replace(table, rows=rows)
    facts = _scaled(report.facts, 1 / _TEN_THOUSAND)
    return Balanced(replace(report, tables=tables, money_unit="万元", facts=facts), changes, broken, len(held))


def accounts_in_yuan(report: Report, seed: int) -> Report:
    """Consistent accounts in 元 near a published 万元 report: each non-zero figure spread at random
    within ±0.5 万元 of its published value, then moved as little as needed for every identity to
    hold to the 分. For examples, tests and benchmarks of balancing; not anyone's real accounts."""
    import random

    rng = random.Random(seed)
    spread = {(kind, row.ident, column): cell.amount * _TEN_THOUSAND + Decimal(rng.randint(-500_000, 500_000)) / 100
              for kind, table in report.tables.items() for row in table.rows
              for column, cell in row.cells.items() if cell.kind is CellKind.AMOUNT and cell.amount}
    cents = solve(spread, identities(report), step=10**7)
    if cents is None:
        raise BalanceError("无法在此表样下生成一致的元数据", "no consistent 元 accounts exist near this report")
    tables = {}
    for kind, table in report.tables.items():
        rows = tuple(replace(row, cells={
            c: replace(cell, amount=Decimal(cents[(kind, row.ident, c)]) * _CENT)
            if (kind, row.ident, c) in cents else cell for c, cell in row.cells.items()}) for row in table.rows)
        tables[kind] = replace(table, rows=rows)
    return replace(report, tables=tables, money_unit="元", facts=_scaled(report.facts, _TEN_THOUSAND))
