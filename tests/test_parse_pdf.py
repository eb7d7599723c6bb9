"""The 财政局 2024 PDF read on its ruling lines: every cell as published; every defect, real or seeded."""

from __future__ import annotations

from decimal import Decimal

from conftest import EXAMPLES, corpus_file
from juesuan.api import read
from juesuan.core.findings import Severity
from juesuan.core.model import CellKind, Report
from juesuan.io import load
from juesuan.rules import check

ORIGINAL = "shanghai-putuo_finance-bureau_2024_dept-final.pdf"
SEEDED = "shanghai-putuo_finance-bureau_2024_dept-final_seeded-errors.pdf"


def cells(report: Report) -> dict[tuple[str, str, str], tuple[CellKind, Decimal | None]]:
    return {(kind, row.ident, column): (cell.kind, cell.amount)
            for kind, table in report.tables.items() for row in table.rows for column, cell in row.cells.items()}


def test_every_cell_of_the_pdf_equals_the_published_value() -> None:
    """Blank cells stay blank (not zero) and each number lands in its own column."""
    report = read(corpus_file(ORIGINAL))
    golden = load(EXAMPLES / "shanghai-putuo-finance-bureau-2024_dept-final.yaml")
    assert (report.department, report.year, report.template) == ("上海市普陀区财政局", 2024, "shanghai-district-2024")
    assert list(report.tables) == list(golden.tables)
    assert cells(report) == cells(golden)
    for kind, table in golden.tables.items():
        assert [r.ident for r in report.tables[kind].rows] == [r.ident for r in table.rows], kind
        assert report.tables[kind].doubts == (), kind
    three = report.tables["three_public"].row("amounts")
    assert three is not None
    assert (three.amount("budget_total"), three.amount("budget_reception")) == (Decimal("0.95"), Decimal("0.95"))
    cell = report.tables["summary"].cell("gpb_income", "income_actual")
    assert cell is not None and cell.provenance is not None and cell.provenance.page == 6
    assert cell.provenance.box is not None


def serious(report: Report) -> set[tuple[str, str]]:
    return {(f.rule, f.code) for f in check(report).findings if f.severity in (Severity.ERROR, Severity.WARNING)}


def test_the_original_pdf_shows_its_real_defects_only() -> None:
    """326.71 against 326.72, "财政拨款收入支出总计0.3万元", and 71.73 % for 71.65 %."""
    assert serious(read(corpus_file(ORIGINAL))) == {("X1", "cross-table-mismatch"), ("X9", "cross-table-mismatch"),
                                                    ("NR1", "narrative-mismatch"), ("NR4", "narrative-share")}


def test_every_seeded_error_is_reported() -> None:
    """corpus README: XX局, 2023年度, 总计0万元, no 支出决算表, 0.95 removed, 大于/等于 swapped."""
    report = read(corpus_file(SEEDED))
    found = check(report).findings
    codes = {(f.rule, f.code) for f in found}
    assert ("K5", "placeholder") in codes                       # 上海市普陀区XX局
    assert ("K4", "wrong-year") in codes                        # 第三部分 … 2023年度
    assert ("K1", "missing-table") in codes                     # 支出决算表 missing
    assert any(f.rule == "NR1" and f.actual == 0 for f in found)  # 收入支出总计0万元
    assert ("NR3", "narrative-mismatch") in codes               # 三公 预算 0.95 no longer in the table
    assert sum(f.rule == "NR9" for f in found) == 3             # 决算数大于/等于预算数, against the figures
    assert "expenditure" not in report.tables


def test_debug_shows_the_cells_the_reader_placed() -> None:
    from juesuan.parse import read_document
    from juesuan.parse.debug import _placed, debug_html, debug_png
    from juesuan.parse.report import report_from_document

    doc = read_document(corpus_file(ORIGINAL))
    report = report_from_document(doc).report
    placed = {cell.key: cell for cell in _placed(report, 16)}
    assert placed["gpb_basic.30101.personnel_amount"].box is not None
    assert debug_png(doc, 16, report) != debug_png(doc, 16)
    page = debug_html(doc, 16, report)
    assert f"gpb_basic.30101.personnel_amount = {placed['gpb_basic.30101.personnel_amount'].shown}" in page
    assert 'class="r"' in page  # the ruling lines the grid reader used


def test_assets_are_read_from_the_text() -> None:
    assets = read(corpus_file(ORIGINAL)).facts.assets
    assert assets is not None and assets.vehicles == 0 and assets.equipment_1m == 2
