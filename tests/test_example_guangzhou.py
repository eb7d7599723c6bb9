"""The Guangzhou 2020 example package is a faithful transcription of the published disclosure.

Proof by arithmetic: every identity of domain.md §1 is recomputed from the package. Each holds
exactly or within the rounding bound 0.005·(n+1), and the gaps are exactly those listed in
domain.md §1.12. Proof by text: every published amount appears in the corpus text.
"""

from __future__ import annotations

import re
from decimal import Decimal

from conftest import corpus_file
from juesuan.core.amounts import format_amount
from juesuan.core.codes import children_of
from juesuan.core.model import Report, Table

Gap = tuple[str, str, str, Decimal]  # (identity, row, column, published − sum)


def _gap(rule: str, row: str, column: str, total: Decimal | None, parts: list[Decimal | None],
         gaps: list[Gap]) -> None:
    assert total is not None, (rule, row, column)
    assert all(p is not None for p in parts), (rule, row, column)
    diff = total - sum(parts, Decimal(0))  # type: ignore[arg-type]
    bound = max(Decimal("0.01"), Decimal("0.005") * (len(parts) + 1))
    assert abs(diff) <= bound, f"{rule} {row} {column}: {total} vs Σ {diff}"
    if diff:
        gaps.append((rule, row, column, diff))


def _amount(table: Table, row: str, column: str) -> Decimal | None:
    cell = table.cell(row, column)
    return None if cell is None else cell.amount


def _classified(prefix: str, table: Table, row_columns: tuple[str, ...] | None,
                gaps: list[Gap]) -> None:
    """c1 = Σ other columns (when given), 类 = Σ 款 = Σ 项 and 合计 = Σ 类, in every column."""
    codes = [r.ident for r in table.coded_rows()]
    columns = list(table.columns)
    for row in table.rows:
        if row_columns:
            _gap(f"{prefix}-a", row.ident, row_columns[0], row.amount(row_columns[0]),
                 [row.amount(c) for c in row_columns[1:]], gaps)
    for column in columns:
        for code in codes:
            kids = children_of(code, codes)
            if kids:
                _gap(f"{prefix}-b", code, column, _amount(table, code, column),
                     [_amount(table, k, column) for k in kids], gaps)
        classes = [c for c in codes if len(c) == 3]
        _gap(f"{prefix}-c", "total", column, _amount(table, "total", column),
             [_amount(table, c, column) for c in classes], gaps)


def _identity_gaps(report: Report) -> list[Gap]:
    gaps: list[Gap] = []
    t1 = report.tables["summary"]
    inc, exp = "income_actual", "expenditure_actual"

    def a1(key: str) -> Decimal | None:
        return _amount(t1, key, inc if key in {r.key for r in t1.rows if r.side == "income"} else exp)

    income_lines = ["gpb_income", "gov_fund_income", "state_capital_income", "higher_subsidy_income",
                    "business_income", "operating_income", "affiliated_income", "other_income"]
    classes = [r.ident for r in t1.rows if r.ident.startswith("exp_")]
    _gap("T1-a", "income_total", inc, a1("income_total"), [a1(k) for k in income_lines], gaps)
    _gap("T1-b", "income_grand_total", inc, a1("income_grand_total"),
         [a1("income_total"), a1("use_non_fiscal_surplus"), a1("opening_balance")], gaps)
    _gap("T1-c", "expenditure_total", exp, a1("expenditure_total"), [a1(k) for k in classes], gaps)
    _gap("T1-d", "expenditure_grand_total", exp, a1("expenditure_grand_total"),
         [a1("expenditure_total"), a1("surplus_distribution"), a1("closing_balance")], gaps)
    _gap("T1-e", "income_grand_total", inc, a1("income_grand_total"), [a1("expenditure_grand_total")], gaps)
    _gap("T1-f", "closing_balance", exp, a1("closing_balance"),
         [a1("opening_balance"), a1("income_total"), a1("use_non_fiscal_surplus"),
          -a1("expenditure_total"), -a1("surplus_distribution")], gaps)  # type: ignore[operator]

    _classified("T2", report.tables["income"],
                ("total", "fiscal", "higher_subsidy", "business", "operating", "affiliated", "other"), gaps)
    _classified("T3", report.tables["expenditure"],
                ("total", "basic", "project", "remit_higher", "operating", "subsidy_affiliated"), gaps)

    t4 = report.tables["fiscal_summary"]

    def a4(key: str, column: str = "income_actual") -> Decimal | None:
        return _amount(t4, key, column)

    _gap("T4-a", "income_total", "income_actual", a4("income_total"),
         [a4("gpb_income"), a4("gov_fund_income"), a4("state_capital_income")], gaps)
    _gap("T4-b", "opening_balance", "income_actual", a4("opening_balance"),
         [a4("opening_gpb"), a4("opening_gov_fund"), a4("opening_state_capital")], gaps)
    _gap("T4-c", "income_grand_total", "income_actual", a4("income_grand_total"),
         [a4("income_total"), a4("opening_balance")], gaps)
    funds = ("gpb", "gov_fund", "state_capital")
    for row in (r for r in t4.rows if r.side == "expenditure"):
        _gap("T4-d", row.ident, "total", row.amount("total"), [row.amount(f) for f in funds], gaps)
    t4_classes = [r.ident for r in t4.rows if r.ident.startswith("exp_")]
    for column in ("total", *funds):
        _gap("T4-e", "expenditure_total", column, a4("expenditure_total", column),
             [a4(k, column) for k in t4_classes], gaps)
        _gap("T4-f", "expenditure_grand_total", column, a4("expenditure_grand_total", column),
             [a4("expenditure_total", column), a4("closing_balance", column)], gaps)
    _gap("T4-g", "income_grand_total", "income_actual", a4("income_grand_total"),
         [a4("expenditure_grand_total", "total")], gaps)
    for fund, opening, income in (("gpb", "opening_gpb", "gpb_income"),
                                  ("gov_fund", "opening_gov_fund", "gov_fund_income"),
                                  ("state_capital", "opening_state_capital", "state_capital_income")):
        _gap("T4-h", "closing_balance", fund, a4("closing_balance", fund),
             [a4(opening), a4(income), -a4("expenditure_total", fund)], gaps)  # type: ignore[operator]

    _classified("T5", report.tables["gpb_expenditure"], ("total", "basic", "project"), gaps)

    t6 = report.tables["gpb_basic"]
    t6_codes = [r.ident for r in t6.coded_rows()]
    for row in t6.coded_rows():
        kids = children_of(row.ident, t6_codes)
        column = "personnel_amount" if row.side == "personnel" else "public_amount"
        if kids:
            _gap("T6-a", row.ident, column, row.amount(column),
                 [_amount(t6, k, column) for k in kids], gaps)
    _gap("T6-b", "personnel_total", "personnel_amount", _amount(t6, "personnel_total", "personnel_amount"),
         [_amount(t6, c, "personnel_amount") for c in ("301", "303")], gaps)
    _gap("T6-c", "public_total", "public_amount", _amount(t6, "public_total", "public_amount"),
         [_amount(t6, c, "public_amount") for c in ("302", "307", "310", "399")], gaps)

    t7 = report.tables["three_public"]

    def a7(column: str) -> Decimal | None:
        return _amount(t7, "amounts", column)

    for stage in ("budget", "actual"):
        _gap("T7-a/c", "amounts", f"{stage}_total", a7(f"{stage}_total"),
             [a7(f"{stage}_outbound"), a7(f"{stage}_vehicle"), a7(f"{stage}_reception")], gaps)
        _gap("T7-b/d", "amounts", f"{stage}_vehicle", a7(f"{stage}_vehicle"),
             [a7(f"{stage}_vehicle_purchase"), a7(f"{stage}_vehicle_operation")], gaps)

    t8 = report.tables["gov_fund"]
    for row in t8.rows:
        _gap("T8-a", row.ident, "expenditure", row.amount("expenditure"),
             [row.amount("basic"), row.amount("project")], gaps)
        _gap("T8-b", row.ident, "closing", row.amount("closing"),
             [row.amount("opening"), row.amount("income"), -row.amount("expenditure")], gaps)  # type: ignore[operator]
    _classified("T8", t8, None, gaps)
    _classified("T9", report.tables["state_capital"], ("expenditure", "basic", "project"), gaps)

    t10 = report.tables["non_tax"]
    from juesuan.core.catalogue import catalogue

    spec = catalogue().spec(t10.spec)
    assert spec is not None
    for row in t10.rows:
        _gap("T10-a", row.ident, "total", row.amount("total"),
             [row.amount("budget_managed"), row.amount("special_account")], gaps)
        kids = [r.key for r in spec.rows if r.parent == row.ident]
        for column in ("total", "budget_managed", "special_account"):
            if kids:
                _gap("T10-b/c", row.ident, column, row.amount(column),
                     [_amount(t10, str(k), column) for k in kids], gaps)
    return gaps


D = Decimal
EXPECTED_GAPS: set[Gap] = {
    ("T1-b", "income_grand_total", "income_actual", D("-0.01")),
    ("T1-c", "expenditure_total", "expenditure_actual", D("-0.01")),
    ("T1-f", "closing_balance", "expenditure_actual", D("-0.01")),
    ("T4-e", "expenditure_total", "total", D("-0.01")),
    ("T4-e", "expenditure_total", "gpb", D("-0.01")),
    ("T6-a", "301", "personnel_amount", D("-0.01")),
    ("T6-a", "303", "personnel_amount", D("0.01")),
    ("T6-a", "302", "public_amount", D("-0.02")),
    ("T6-a", "310", "public_amount", D("0.01")),
    ("T6-b", "personnel_total", "personnel_amount", D("-0.01")),
}
# T3 and T5 carry the same four row gaps, two 款 gaps and two 合计 gaps (T5 = T3 c1..c3).
for _t in ("T3", "T5"):
    EXPECTED_GAPS |= {
        (f"{_t}-a", "total", "total", D("-0.01")),
        (f"{_t}-a", "201", "total", D("-0.01")),
        (f"{_t}-a", "20103", "total", D("-0.01")),
        (f"{_t}-a", "2010350", "total", D("0.01")),
        (f"{_t}-b", "20103", "basic", D("0.01")),
        (f"{_t}-b", "20103", "project", D("0.01")),
        (f"{_t}-c", "total", "total", D("-0.01")),
        (f"{_t}-c", "total", "basic", D("-0.01")),
    }


def test_all_ten_tables_are_present(guangzhou: Report) -> None:
    assert list(guangzhou.tables) == [
        "summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic",
        "three_public", "gov_fund", "state_capital", "non_tax"]
    rows = {k: len(t.rows) for k, t in guangzhou.tables.items()}
    assert rows == {"summary": 42, "income": 29, "expenditure": 27, "fiscal_summary": 38,
                    "gpb_expenditure": 27, "gpb_basic": 82, "three_public": 1, "gov_fund": 15,
                    "state_capital": 15, "non_tax": 19}


def test_identities_hold_up_to_the_published_rounding_gaps(guangzhou: Report) -> None:
    gaps = _identity_gaps(guangzhou)
    assert len(gaps) == len(set(gaps))
    assert set(gaps) == EXPECTED_GAPS


def test_key_figures(guangzhou: Report) -> None:
    t1 = guangzhou.tables["summary"]
    assert t1.cell("income_total", "income_actual").amount == D("36145.27")  # type: ignore[union-attr]
    assert t1.cell("expenditure_grand_total", "expenditure_actual").amount == D("36165.08")  # type: ignore[union-attr]
    assert guangzhou.tables["gpb_basic"].cell("public_total", "public_amount").amount == D("763.47")  # type: ignore[union-attr]
    assert guangzhou.tables["gov_fund"].statement == "本表本年度无发生额"


def _published(text: str) -> str:
    """The corpus text with the extractor's spaces inside numbers removed."""
    return re.sub(r"(?<=\d)([,.]) (?=\d)", r"\1", text)


def test_every_amount_is_printed_in_the_corpus(guangzhou: Report) -> None:
    lines = _published(corpus_file("guangzhou-gov-service-data-bureau_2020_dept-final.txt").read_text(
        encoding="utf-8")).splitlines()
    numbers = {n for line in lines for n in re.findall(r"\d[\d,]*\.\d\d", line)}
    for table in guangzhou.tables.values():
        for row in table.rows:
            for column, cell in row.cells.items():
                assert cell.amount is not None, (table.kind, row.ident, column)
                printed = format_amount(cell.amount, thousands=True)
                assert printed in numbers, (table.kind, row.ident, column, printed)


def test_narrative_facts(guangzhou: Report) -> None:
    facts = guangzhou.facts
    procurement = facts.procurement
    assert procurement is not None and procurement.total is not None
    assert procurement.total == sum((procurement.goods, procurement.works, procurement.services),  # type: ignore[arg-type]
                                    D(0))
    three = facts.three_public
    assert three is not None
    assert (three.vehicles_held, three.domestic_reception_batches, three.domestic_reception_people) == (6, 19, 203)
    assert facts.operating_expenses is not None
    assert facts.operating_expenses.amount == D("377.42")
    assert facts.assets is not None and facts.assets.vehicles == sum(facts.assets.vehicles_by_type.values())
    performance = facts.performance
    assert performance is not None and performance.projects_evaluated == 6
    (project,) = performance.projects
    assert project.execution is not None and project.total_score == D("99.84")
    assert sum((i.score for i in project.indicators), project.execution.score) == project.total_score  # type: ignore[arg-type,misc]
    assert sum((i.weight for i in project.indicators), project.execution.weight) == D(100)  # type: ignore[arg-type,misc]
    prior = {r.subject: r.amount for r in facts.reference if r.basis == "prior_year"}
    assert prior["summary.gpb_income.income_actual"] == D("24557.17")
    assert prior["expenditure.total.basic"] == D("7595.40")
    assert len(guangzhou.glossary) == 21
    assert [p.part for p in guangzhou.narrative] == ["cover", "contents", "overview", "tables", "explanation",
                                                    "performance", "glossary"]
    assert len(guangzhou.units) == 4
