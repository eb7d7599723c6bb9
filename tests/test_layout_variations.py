"""The example packages written through juesuan's own writer in layouts other than their own, and
read back: every cell must come back where it was (or be said not to have been read)."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import EXAMPLES
from juesuan.core.model import Report
from juesuan.io import load
from juesuan.io.layout import HeaderCell
from juesuan.parse.report import read_disclosure
from juesuan.render.document import DocumentView, TableView, chinese_ordinal, document_html, view_of

DISTRICT = EXAMPLES / "shanghai-putuo-finance-bureau-2024_dept-final.yaml"
GUANGZHOU = EXAMPLES / "guangzhou-2020_dept-final.yaml"


def amounts(report: Report, leave_out: tuple[str, ...] = ()) -> dict[tuple[str, str, str], Decimal | None]:
    return {(kind, row.ident, column): cell.amount for kind, table in report.tables.items() if kind not in leave_out
            for row in table.rows for column, cell in row.cells.items()}


def pdf(html: str, path: Path) -> Path:
    import weasyprint

    weasyprint.HTML(string=html).write_pdf(path)
    return path


def with_table(view: DocumentView, kind: str, change: TableView) -> DocumentView:
    return replace(view, tables=tuple(change if t.kind == kind else t for t in view.tables))


def table(view: DocumentView, kind: str) -> TableView:
    return next(t for t in view.tables if t.kind == kind)


def numbered(view: DocumentView, style: str) -> DocumentView:
    """Titles numbered 表1：… or 一、…, as many places print them."""
    def title(n: int, text: str) -> str:
        return f"表{n}：{text}" if style == "表" else f"{chinese_ordinal(n)}、{text}"
    return replace(view, tables=tuple(replace(t, title=title(n, t.title)) for n, t in enumerate(view.tables, 1)))


def with_column(view: TableView, after: str, header: str, value: str, under: str | None = None) -> TableView:
    """A column inserted after the header cell `after`: a column of its own (`under` None), or the
    header split into `under` (金额) and `header` (其中：教育收费) below it."""
    cell = next(h for h in view.headers if h.text == after)
    at = cell.column + 1
    headers = [replace(h, column=h.column + 1 if h.column >= at else h.column) for h in view.headers if h is not cell]
    if under is None:
        headers += [cell, HeaderCell(cell.row, at, header, cell.rows)]
    else:
        headers += [HeaderCell(cell.row, cell.column, after, 1, 2),
                    HeaderCell(cell.row + 1, cell.column, under, cell.rows - 1),
                    HeaderCell(cell.row + 1, at, header, cell.rows - 1)]
    rows = tuple((*row[:at], (value, "num"), *row[at:]) for row in view.rows)
    return replace(view, headers=tuple(sorted(headers, key=lambda h: (h.row, h.column))), rows=rows)


def one_sided(report: Report, view: TableView, kind: str) -> TableView:
    """A two-sided 总表 printed in one column pair: its income rows, then its expenditure rows."""
    source = report.tables[kind]
    rows = tuple(((row.label, "label"), (next(("" if c.amount is None else str(c.amount))
                                               for c in row.cells.values()), "num")) for row in source.rows)
    return replace(view, headers=(HeaderCell(0, 0, "项目"), HeaderCell(0, 1, "金额")), header_rows=1, rows=rows)


def read_back(tmp_path: Path, html: str, template: str | None) -> Report:
    return read_disclosure(pdf(html, tmp_path / "variant.pdf"), template).report


@pytest.mark.parametrize("style", ["表", "一"])
def test_numbered_titles(style: str, tmp_path: Path) -> None:
    report = load(DISTRICT)
    back = read_back(tmp_path, document_html(numbered(view_of(report), style)), None)
    assert back.template == report.template
    assert amounts(back) == amounts(report)


def test_an_extra_column_is_kept_out_and_every_other_cell_read(tmp_path: Path) -> None:
    report = load(DISTRICT)
    view = view_of(report)
    view = with_table(view, "income", with_column(table(view, "income"), "事业收入", "其中：政府性基金", "1.00"))
    back = read_back(tmp_path, document_html(view), report.template)
    assert amounts(back) == amounts(report)
    income = back.tables["income"]
    assert any("「其中：政府性基金」不是表样" in d for d in income.doubts)
    assert income.printed is not None and income.printed > sum(
        c.amount is not None for r in income.rows for c in r.cells.values())


def test_a_column_split_as_another_layout_prints_it_is_read_in_that_layout(tmp_path: Path) -> None:
    """事业收入 split into 金额 and 其中：教育收费 (as the 高等学校 收入决算表 prints it): read in that spec."""
    report = load(DISTRICT)
    view = view_of(report)
    view = with_table(view, "income", with_column(table(view, "income"), "事业收入", "其中：教育收费", "0.00",
                                                  under="金额"))
    back = read_back(tmp_path, document_html(view), report.template)
    assert back.tables["income"].spec == "hei_income"
    assert amounts(back, ("income",)) == amounts(report, ("income",))
    for row in report.tables["income"].rows:
        for column, cell in row.cells.items():
            assert back.tables["income"].cell(row.ident, column) == cell or \
                back.tables["income"].cell(row.ident, column).amount == cell.amount  # type: ignore[union-attr]


def test_narrow_columns_wrap_every_label(tmp_path: Path) -> None:
    """Every column as wide as every other: long labels wrap over two or three lines."""
    report = load(GUANGZHOU)
    html = re.sub(r'<col style="width:[\d.]+%"/>', '<col/>', document_html(view_of(report)))
    back = read_back(tmp_path, html, report.template)
    assert amounts(back) == amounts(report)


def test_smaller_pages_break_every_long_table(tmp_path: Path) -> None:
    report = load(GUANGZHOU)
    html = document_html(view_of(report)).replace("@page wide{size:A4 landscape", "@page wide{size:A5 landscape")
    back = read_back(tmp_path, html, report.template)
    assert amounts(back) == amounts(report)


def test_a_two_sided_summary_printed_on_one_side(tmp_path: Path) -> None:
    report = load(DISTRICT)
    view = view_of(report)
    view = with_table(view, "summary", one_sided(report, table(view, "summary"), "summary"))
    back = read_back(tmp_path, document_html(view), report.template)
    assert amounts(back, ("summary",)) == amounts(report, ("summary",))
    assert {(r.ident, c.amount) for r in back.tables["summary"].rows for c in r.cells.values() if c.amount} == \
        {(r.ident, c.amount) for r in report.tables["summary"].rows for c in r.cells.values() if c.amount}
