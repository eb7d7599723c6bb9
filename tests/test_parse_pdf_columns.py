"""Amounts go to the column whose printed header names it, never by their count (synthetic PDFs)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from juesuan.core.model import Table
from juesuan.parse.report import read_disclosure
from synthetic_pdf import table_pdf

TEMPLATE = "shanghai-district-2025"
_CODE = [("项目", 2, 1)]
_NAMES = [("科目编码", 1, 1), ("科目名称", 1, 1)]


def _income(tmp_path: Path, headers: list[str], values: list[list[str]]) -> Table:
    """A 收入决算表 with the given amount columns (each header two rows high), 合计 and 201."""
    header = [_CODE + [(h, 1, 2) for h in headers], _NAMES]
    rows = [["", "合计", *values[0]], ["201", "一般公共服务支出", *values[1]]]
    path = table_pdf(tmp_path / "income.pdf", "收入决算表", header, rows)
    return read_disclosure(path, TEMPLATE).report.tables["income"]


def _amounts(table: Table, row: str) -> dict[str, Decimal | None]:
    found = table.row(row)
    assert found is not None
    return {k: c.amount for k, c in found.cells.items()}


def test_columns_printed_in_another_order_go_by_their_headers(tmp_path: Path) -> None:
    headers = ["本年收入合计", "上级补助收入", "财政拨款收入", "其他收入", "事业收入", "经营收入", "附属单位上缴收入"]
    table = _income(tmp_path, headers, [["10.00", "2.00", "7.00", "1.00", "0.00", "0.00", "0.00"],
                                        ["5.00", "", "5.00", "", "", "", ""]])
    total = _amounts(table, "total")
    assert (total["total"], total["fiscal"], total["higher_subsidy"], total["other"]) == \
        (Decimal("10.00"), Decimal("7.00"), Decimal("2.00"), Decimal("1.00"))
    assert table.doubts == () and table.printed == 9


def test_a_column_the_layout_lacks_is_kept_out_and_said(tmp_path: Path) -> None:
    """其中：教育收费 beside 事业收入 in a layout without it: its amount is not read into a neighbour."""
    headers = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "其中：教育收费", "经营收入",
               "附属单位上缴收入", "其他收入"]
    table = _income(tmp_path, headers, [["10.00", "6.00", "0.00", "4.00", "3.00", "0.00", "0.00", "0.00"],
                                        ["6.00", "6.00", "", "", "", "", "", ""]])
    total = _amounts(table, "total")
    assert (total["business"], total["operating"], total["other"]) == (Decimal("4.00"), Decimal("0.00"),
                                                                       Decimal("0.00"))
    assert any("「其中：教育收费」不是表样" in d for d in table.doubts)
    assert "此表印有 10 个数字，读入 9 个" in table.doubts


def test_a_column_the_document_does_not_print_is_blank(tmp_path: Path) -> None:
    headers = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "附属单位上缴收入", "其他收入"]
    table = _income(tmp_path, headers, [["10.00", "9.00", "0.00", "0.00", "0.00", "1.00"],
                                        ["9.00", "9.00", "", "", "", ""]])
    total = _amounts(table, "total")
    assert (total["operating"], total["affiliated"], total["other"]) == (None, Decimal("0.00"), Decimal("1.00"))
    assert all(c.uncertain is None for r in table.rows for c in r.cells.values())


def test_the_column_numbers_row_is_a_header(tmp_path: Path) -> None:
    """栏次 1 2 3 … under the headers names no row and holds no amounts."""
    header = [_CODE + [(h, 1, 2) for h in ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
                                            "附属单位上缴收入", "其他收入")], _NAMES]
    rows = [["栏次", "", "1", "2", "3", "4", "5", "6", "7"],
            ["", "合计", "3.00", "3.00", "0.00", "0.00", "0.00", "0.00", "0.00"]]
    table = read_disclosure(table_pdf(tmp_path / "numbers.pdf", "收入决算表", header, rows), TEMPLATE).report \
        .tables["income"]
    assert [r.ident for r in table.rows] == ["total"]
    assert _amounts(table, "total")["total"] == Decimal("3.00")


def test_a_column_no_header_names_is_uncertain_when_an_unknown_column_is_printed(tmp_path: Path) -> None:
    """A header the layout does not know (here a torn 经营收) may hold the amounts of the layout's
    column that no header named: those cells are uncertain, not blank."""
    headers = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收", "附属单位上缴收入", "其他收入"]
    table = _income(tmp_path, headers, [["10.00", "6.00", "0.00", "0.00", "4.00", "0.00", "0.00"],
                                        ["6.00", "6.00", "", "", "", "", ""]])
    total = table.row("total")
    assert total is not None
    assert total.cells["operating"].amount is None and total.cells["operating"].uncertain is not None
    assert total.cells["fiscal"].amount == Decimal("6.00") and total.cells["fiscal"].uncertain is None


def test_a_table_printed_in_another_layout_of_its_kind_is_read_in_that_layout(tmp_path: Path) -> None:
    """A district disclosure whose 三公 table is printed in the national order (six 预算数 columns,
    then six 决算数) rather than in pairs: its headers name the national layout, which reads it."""
    items = [("合计", 1, 2), ("因公出国（境）费", 1, 2), ("公务用车购置及运行费", 3, 1), ("公务接待费", 1, 2)]
    vehicle = [("小计", 1, 1), ("公务用车购置费", 1, 1), ("公务用车运行费", 1, 1)]
    header = [[("预算数", 6, 1), ("决算数", 6, 1)], items + items, vehicle + vehicle]
    values = ["10.00", "1.00", "8.00", "5.00", "3.00", "1.00", "9.00", "0.00", "8.50", "5.00", "3.50", "0.50"]
    path = table_pdf(tmp_path / "three.pdf", "财政拨款“三公”经费支出决算表", header, [values])
    table = read_disclosure(path, TEMPLATE).report.tables["three_public"]
    assert table.spec == "three_public"
    amounts = _amounts(table, "amounts")
    assert (amounts["budget_total"], amounts["actual_total"], amounts["actual_vehicle_operation"],
            amounts["actual_reception"]) == (Decimal("10.00"), Decimal("9.00"), Decimal("3.50"), Decimal("0.50"))
    assert table.doubts == ()


def test_a_title_wrapped_over_two_lines_anchors_its_table(tmp_path: Path) -> None:
    header = [_CODE + [(h, 1, 2) for h in ("本年支出合计", "基本支出", "项目支出")], _NAMES]
    rows = [["", "合计", "5.00", "3.00", "2.00"], ["201", "一般公共服务支出", "5.00", "3.00", "2.00"]]
    path = table_pdf(tmp_path / "wrapped.pdf", "一般公共预算财政拨款<br/>支出决算表", header, rows)
    table = read_disclosure(path, TEMPLATE).report.tables["gpb_expenditure"]
    assert _amounts(table, "201") == {"total": Decimal("5.00"), "basic": Decimal("3.00"), "project": Decimal("2.00")}


def test_a_table_printed_as_a_picture_is_found_but_unreadable(tmp_path: Path) -> None:
    """Its title and 单位：万元 are text, the table is not: review, never 'missing' or 'empty'."""
    import weasyprint

    html = ('<html><body><div style="page-break-after:always">某某局<br/>2025年度部门决算</div>'
            "<h3>收入决算表</h3><p>单位：万元</p><p>（表格为图片）</p></body></html>")
    path = tmp_path / "picture.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    table = read_disclosure(path, TEMPLATE).report.tables["income"]
    assert table.unreadable is not None and "图片" in table.unreadable


def test_a_table_drawn_without_rules_is_read_as_text(tmp_path: Path) -> None:
    """No ruling lines: the words in reading order, as a page text is read (and said)."""
    import weasyprint

    rows = "".join(f"<tr>{''.join(f'<td>{v}</td>' for v in row)}</tr>" for row in (
        ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"], ["", "合计", "5.00", "3.00", "2.00"],
        ["201", "一般公共服务支出", "5.00", "3.00", "2.00"]))
    html = ('<html><body><div style="page-break-after:always">某某局<br/>2025年度部门决算</div>'
            f"<h3>一般公共预算财政拨款支出决算表</h3><p>单位：万元</p><table>{rows}</table>"
            "<p>注：本表反映部门本年度一般公共预算财政拨款实际支出情况。</p></body></html>")
    path = tmp_path / "unruled.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    table = read_disclosure(path, TEMPLATE).report.tables["gpb_expenditure"]
    assert table.unreadable is None and "没有表格线" in table.doubts[0]
    assert _amounts(table, "201") == {"total": Decimal("5.00"), "basic": Decimal("3.00"), "project": Decimal("2.00")}
