"""舍位平衡: accounts in 元 published as 万元 tables in which every identity holds exactly."""

from __future__ import annotations

import itertools
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, GUANGZHOU
from juesuan.balance import accounts_in_yuan, balance, solve
from juesuan.cli.main import cli
from juesuan.core.model import CellKind, Report
from juesuan.io import load
from juesuan.rules import check
from juesuan.rules.identities import Identity, identities

YUAN = EXAMPLES / "guangzhou-2020_accounts-in-yuan.yaml"
CENT = Decimal("0.01")


def amounts(report: Report) -> dict[tuple[str, str, str], Decimal]:
    return {(kind, row.ident, column): cell.amount for kind, table in report.tables.items() for row in table.rows
            for column, cell in row.cells.items() if cell.kind is CellKind.AMOUNT and cell.amount is not None}


# ---------------------------------------------------------------- the solver on plain tables

def _table(values: list[list[int]], groups: list[int]) -> tuple[dict, list[Identity]]:
    """A table of leaf rows (cents of 元) grouped into subtotals and a grand total, each row with a
    total column: the shape of 收入决算表 (类/款/项 rows, 合计 column)."""
    exact: dict[tuple[str, str, str], Decimal] = {}
    rules: list[Identity] = []
    columns = len(values[0])

    def put(row: str, cells: list[Decimal]) -> None:
        for c, v in enumerate(cells):
            exact["t", row, str(c)] = v
        exact["t", row, "total"] = sum(cells, Decimal(0))
        rules.append(Identity("row", "eq", ((1, ("t", row, "total")),
                                            *((-1, ("t", row, str(c))) for c in range(columns)))))

    start = 0
    group_rows = []
    for g, size in enumerate(groups):
        members = [f"{g}.{i}" for i in range(size)]
        for name, row in zip(members, values[start:start + size], strict=True):
            put(name, [Decimal(v) / 1_000_000 for v in row])  # 元 cents as 万元
        put(f"{g}", [sum((exact["t", m, str(c)] for m in members), Decimal(0)) for c in range(columns)])
        for c in [*map(str, range(columns)), "total"]:
            rules.append(Identity("group", "eq", ((1, ("t", f"{g}", c)), *((-1, ("t", m, c)) for m in members))))
        group_rows.append(f"{g}")
        start += size
    put("all", [sum((exact["t", g, str(c)] for g in group_rows), Decimal(0)) for c in range(columns)])
    for c in [*map(str, range(columns)), "total"]:
        rules.append(Identity("all", "eq", ((1, ("t", "all", c)), *((-1, ("t", g, c)) for g in group_rows))))
    return exact, rules


@st.composite
def tables(draw: st.DrawFn) -> tuple[dict, list[Identity]]:
    groups = draw(st.lists(st.integers(1, 5), min_size=1, max_size=5))
    columns = draw(st.integers(1, 5))
    cell = st.integers(0, 10**9)  # up to 1,000 万元, to the 分
    values = [[draw(cell) for _ in range(columns)] for _ in range(sum(groups))]
    return _table(values, groups)


@given(tables())
@settings(max_examples=150, deadline=None)
def test_every_identity_holds_and_no_cell_moves_a_full_cent(table: tuple[dict, list[Identity]]) -> None:
    exact, rules = table
    cents = solve(exact, rules)
    assert cents is not None  # such tables can always be balanced within one step of each value
    published = {k: Decimal(v) * CENT for k, v in cents.items()}
    assert all(r.holds(published) for r in rules)
    for key, value in exact.items():
        assert value.quantize(CENT, ROUND_FLOOR) <= published[key] <= value.quantize(CENT, ROUND_CEILING)


def test_the_fewest_cells_change() -> None:
    # two rows of three columns whose plain rounding breaks every total
    exact, rules = _table([[44_000, 44_000, 44_000], [45_000, 45_000, 5_000]], [2])
    cents = solve(exact, rules)
    assert cents is not None
    half_up = {k: int((v * 100).quantize(Decimal(1), ROUND_HALF_UP)) for k, v in exact.items()}
    moved = sum(cents[k] != half_up[k] for k in exact)
    choices = [sorted({int((v * 100).to_integral_value(ROUND_FLOOR)), int((v * 100).to_integral_value(ROUND_CEILING))})
               for v in exact.values()]
    best = min(sum(a != half_up[k] for a, k in zip(combo, exact, strict=True))
               for combo in itertools.product(*choices)
               if all(r.holds({k: Decimal(a) for a, k in zip(combo, exact, strict=True)}) for r in rules))
    assert moved == best > 0


# ---------------------------------------------------------------- a whole report

@given(st.integers(0, 10**6))
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_accounts_in_yuan_balance_and_check_clean(seed: int) -> None:
    yuan = accounts_in_yuan(load(GUANGZHOU), seed)
    exact = {k: v / 10_000 for k, v in amounts(yuan).items()}
    result = balance(yuan)
    published = amounts(result.report)
    assert result.report.money_unit == "万元" and not result.broken
    assert all(v == v.quantize(CENT) for v in published.values())
    for key, value in exact.items():  # one of the two 0.01 steps around the exact value
        assert value.quantize(CENT, ROUND_FLOOR) <= published[key] <= value.quantize(CENT, ROUND_CEILING)
    moved = {c.cell for c in result.changes}
    assert moved == {k for k, v in exact.items() if published[k] != v.quantize(CENT, ROUND_HALF_UP)}
    # the checker finds every table identity exact: not even a 尾数误差
    findings = [f for f in check(result.report).findings if f.rule[0] in "TX"]
    assert findings == []


def test_the_bundled_accounts_are_consistent_and_balance(tmp_path: Path) -> None:
    yuan = load(YUAN)
    assert yuan.money_unit == "元"
    values = amounts(yuan)
    assert all(rule.holds(values) for rule in identities(yuan))
    result = balance(yuan)
    assert result.changes and not any(c.wide for c in result.changes)
    spent, published_spent = yuan.facts.operating_expenses, result.report.facts.operating_expenses
    assert spent is not None and spent.amount is not None and published_spent is not None
    assert published_spent.amount == (spent.amount / 10_000).quantize(CENT, ROUND_HALF_UP)  # 机关运行经费 in 万元

    out = tmp_path / "published.yaml"
    run = CliRunner().invoke(cli, ["balance", str(YUAN), "-o", str(out)], catch_exceptions=False)
    assert run.exit_code == 0, run.output
    assert f"调整了 {len(result.changes)} 个单元格" in run.output and "一般公共预算财政拨款支出决算表" in run.output
    assert load(out) == result.report

    # already in 万元: a clear refusal, and nothing written
    refused = tmp_path / "refused.yaml"
    run = CliRunner().invoke(cli, ["balance", str(GUANGZHOU), "-o", str(refused)])
    assert run.exit_code == 2 and "元" in run.output and not refused.exists()


def test_rendering_accounts_in_yuan_publishes_balanced_wan(tmp_path: Path) -> None:
    out = tmp_path / "yuan.html"
    run = CliRunner().invoke(cli, ["render", str(YUAN), "-o", str(out)], catch_exceptions=False)
    assert run.exit_code == 0 and "舍位平衡" in run.output
    page = out.read_text(encoding="utf-8")
    total = balance(load(YUAN)).report.tables["summary"].row("gpb_income").cells["income_actual"].amount
    assert total is not None and f"{total:,.2f}" in page
