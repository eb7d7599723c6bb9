"""Rows whose blank cells vanished from a text, placed by the tables' own identities (parse/placement.py)."""

from __future__ import annotations

from decimal import Decimal

from juesuan.core.catalogue import catalogue
from juesuan.core.findings import Severity
from juesuan.core.location import Location
from juesuan.core.model import CellKind, Report, Table
from juesuan.io.package import report_from_plain, report_to_plain
from juesuan.parse.placement import PLACED_BY_IDENTITY, place_by_identities
from juesuan.parse.quality import quality
from juesuan.parse.tables import TextLine, find_tables
from juesuan.rules import check

DISTRICT = catalogue().template("shanghai-district-2025")


def _report(body: str) -> Report:
    """A report of one 一般公共预算财政拨款支出决算表 (合计 | 基本支出 | 项目支出) with these rows."""
    text = ("一般公共预算财政拨款支出决算表\n单位：万元\n科目编码 科目名称 本年支出合计 基本支出 项目支出\n"
            + body.strip() + "\n注：本表反映部门本年度一般公共预算财政拨款实际支出情况。")
    lines = [TextLine(1, n, tuple(raw.split()), raw.replace(" ", "")) for n, raw in enumerate(text.splitlines(), 1)]
    assert DISTRICT is not None
    tables = find_tables(lines, DISTRICT, 2025)[0]
    return Report(department="测试局", year=2025, template=DISTRICT.id, tables=tables)


def _gpb(report: Report) -> Table:
    return report.tables["gpb_expenditure"]


def test_the_hierarchy_tells_which_column_each_amount_is_in() -> None:
    """20101 prints 6.00 6.00 and 20102 4.00 4.00: 基本 or 项目? Only 基本 for 20101 and 项目 for
    20102 make 201's columns the sums of their 款; the cells go there and stay marked."""
    report = place_by_identities(_report("""
合计 10.00 6.00 4.00
201 一般公共服务支出 10.00 6.00 4.00
20101 人大事务 6.00 6.00
20102 政协事务 4.00 4.00
"""))
    table = _gpb(report)
    first, second = table.row("20101"), table.row("20102")
    assert first is not None and second is not None
    assert (first.amount("basic"), first.amount("project")) == (Decimal("6.00"), None)
    assert (second.amount("basic"), second.amount("project")) == (None, Decimal("4.00"))
    for cell in (*first.cells.values(), *second.cells.values()):
        assert cell.uncertain is not None and "勾稽关系" in cell.uncertain
    amount = first.cells["basic"]
    assert amount.provenance is not None and amount.provenance.placed_by == PLACED_BY_IDENTITY
    assert amount.provenance.candidates == ("basic", "project")  # the second of two amounts in three columns
    said = quality(report).tables[0]
    assert (said.certain, said.placed, said.uncertain) == (6, 4, 0)
    assert "勾稽关系" in said.reason
    assert not any("无法确定" in d for d in table.doubts)  # the rows' old doubt is replaced, not kept


def test_rows_the_identities_could_place_either_way_stay_uncertain() -> None:
    """Both 款 print 5.00 5.00 under a 类 of 5.00 | 5.00: either could be the 基本支出. Nothing is placed."""
    read = _report("""
合计 10.00 5.00 5.00
201 一般公共服务支出 10.00 5.00 5.00
20101 人大事务 5.00 5.00
20102 政协事务 5.00 5.00
""")
    assert place_by_identities(read) == read


def test_a_row_its_identities_cannot_tell_is_not_placed() -> None:
    """A lone 类 printing its total and one part: 基本 or 项目? Its row sum holds either way, and
    nothing else speaks of it, so it stays as read."""
    read = _report("""
201 一般公共服务支出 3.00 3.00
""")
    assert place_by_identities(read) == read


def test_a_real_error_is_never_an_error_on_a_placed_cell() -> None:
    """20102 prints 4.50 where 201's 项目支出 is 4.00. The placement that breaks the fewest
    identities still puts 20101 in 基本 and 20102 in 项目; the mismatch it leaves is reported,
    but as needs-review: it rests on a placement the identities chose."""
    report = place_by_identities(_report("""
合计 10.00 6.00 4.00
201 一般公共服务支出 10.00 6.00 4.00
20101 人大事务 6.00 6.00
20102 政协事务 4.50 4.50
"""))
    row = _gpb(report).row("20102")
    assert row is not None and row.amount("project") == Decimal("4.50")
    findings = [f for f in check(report).findings if f.location.table == "gpb_expenditure"]
    assert any(f.rule == "T5-b" and f.location.column == "project" and f.severity is Severity.NEEDS_REVIEW
               for f in findings)
    assert not [f for f in findings if f.severity is Severity.ERROR and f.location.row in ("20101", "20102")]


def test_placed_cells_keep_how_they_were_placed_in_a_package() -> None:
    report = place_by_identities(_report("""
合计 10.00 6.00 4.00
201 一般公共服务支出 10.00 6.00 4.00
20101 人大事务 6.00 6.00
20102 政协事务 4.00 4.00
"""))
    again = report_from_plain(report_to_plain(report), Location(file="placed.yaml"))
    cell = _gpb(again).cell("20102", "project")
    assert cell is not None and cell.kind is CellKind.AMOUNT and cell.provenance is not None
    assert cell.provenance.placed_by == PLACED_BY_IDENTITY and cell.uncertain is not None
