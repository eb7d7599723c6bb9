"""Data packages convert between YAML, JSON, XLSX and CSV without losing anything."""

from __future__ import annotations

import csv
import io
import itertools
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import EXAMPLES
from juesuan.core.model import Cell, CellKind, Provenance, Report, Row
from juesuan.io import FORMATS, dump, load, save

SUFFIX = {key: suffixes[0] for key, (suffixes, _) in FORMATS.items()}


PACKAGES = sorted(p for p in EXAMPLES.glob("*.yaml") if not p.name.endswith("_texts.yaml"))  # texts: not a package


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.stem)
@pytest.mark.parametrize("key", list(FORMATS))
def test_each_format_reads_back_equal(package: Path, tmp_path: Path, key: str) -> None:
    report = load(package)
    path = save(report, tmp_path / f"report{SUFFIX[key]}")
    assert load(path) == report


@pytest.mark.parametrize(("first", "second"), list(itertools.permutations(FORMATS, 2)))
def test_chains_of_conversions_are_exact(guangzhou: Report, tmp_path: Path, first: str,
                                         second: str) -> None:
    one = load(save(guangzhou, tmp_path / f"a{SUFFIX[first]}"))
    two = load(save(one, tmp_path / f"b{SUFFIX[second]}"))
    assert two == guangzhou


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.stem)
def test_yaml_output_is_stable(package: Path) -> None:
    """Writing an example again gives the committed file byte for byte (no churn in diffs)."""
    assert dump(load(package), "yaml") == package.read_text(encoding="utf-8")


def _with_provenance(report: Report) -> Report:
    """The example with provenance, an uncertain cell and a text cell on the first table."""
    from dataclasses import replace

    table = report.tables["income"]
    first, second, *rest = table.rows
    cells = dict(first.cells)
    cells["total"] = Cell(CellKind.AMOUNT, amount=Decimal("36145.27"),
                          provenance=Provenance(page=5, line=12, box=(10.5, 20.0, 80.25, 32.0)),
                          uncertain="列位置不确定")
    cells["other"] = Cell.words("——", Provenance(page=5))
    rows = (replace(first, cells=cells), Row(label=second.label, cells=second.cells,
                                             code=second.code, side=second.side), *rest)
    tables = dict(report.tables)
    tables["income"] = replace(table, rows=rows, page=5, confidence=0.8, doubts=("行数与表样不符",))
    return replace(report, tables=tables)


@pytest.mark.parametrize("key", list(FORMATS))
def test_provenance_text_and_doubts_survive(guangzhou: Report, tmp_path: Path, key: str) -> None:
    report = _with_provenance(guangzhou)
    assert load(save(report, tmp_path / f"p{SUFFIX[key]}")) == report


def test_csv_lists_every_cell_with_the_required_columns(guangzhou: Report) -> None:
    text = dump(guangzhou, "csv")
    assert isinstance(text, str)
    lines = text.lstrip("\ufeff").splitlines()
    records = list(csv.DictReader(io.StringIO("\n".join(lines[1:]))))
    for column in ("table_title", "row_code", "row_label", "column_header", "value", "page"):
        assert column in records[0]
    assert len(records) == sum(len(r.cells) for t in guangzhou.tables.values() for r in t.rows)
    by_place = {(r["table_title"], r["row_code"] or r["row_label"], r["column_header"]): r["value"]
                for r in records}
    assert by_place[("收入决算表", "2010301", "本年收入合计")] == "3308.36"
    assert by_place[("收入支出决算总表", "一、一般公共预算财政拨款收入", "决算数")] == "36145.11"
    assert by_place[("一般公共预算财政拨款\"三公\"经费支出决算表", "金额",
                     "决算数/公务用车购置及运行费/公务用车运行费")] == "13.45"
    fixed = [r for r in records if r["table_title"] == "收入支出决算总表"]
    assert all(r["row_code"] == "" for r in fixed)


def test_xlsx_is_in_the_official_layout(guangzhou: Report, tmp_path: Path) -> None:
    path = save(guangzhou, tmp_path / "gz.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames[:10] == [t.title for t in guangzhou.tables.values()]
    assert wb["_juesuan"].sheet_state == "hidden"
    ws = wb["收入决算表"]
    assert ws["A1"].value == "收入决算表"
    codes = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    r = codes["2010301"]
    assert ws.cell(r, 1).data_type == "s"  # codes are text
    assert ws.cell(r, 3).value == pytest.approx(3308.36)
    assert ws.cell(r, 3).number_format == "#,##0.00"
    t1 = wb["收入支出决算总表"]
    first = [t1.cell(6, c).value for c in range(1, 7)]
    assert first == ["一、一般公共预算财政拨款收入", "1", pytest.approx(36145.11),
                     "一、一般公共服务支出", "31", pytest.approx(24568.35)]
    assert t1.freeze_panes == "A6"


def test_xlsx_edits_by_a_finance_officer_are_read(guangzhou: Report, tmp_path: Path) -> None:
    path = save(guangzhou, tmp_path / "gz.xlsx")
    wb = load_workbook(path)
    ws = wb["收入决算表"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "2010301")
    ws.cell(row, 3).value = 3308.37
    ws.cell(row, 2).value = "行政运行（已改）"
    wb.save(path)
    report = load(path)
    edited = report.tables["income"].row("2010301")
    assert edited is not None
    assert edited.amount("total") == Decimal("3308.37")
    assert edited.label == "行政运行（已改）"


def test_xlsx_fact_edits_are_read(guangzhou: Report, tmp_path: Path) -> None:
    path = save(guangzhou, tmp_path / "gz.xlsx")
    wb = load_workbook(path)
    ws = wb["其他事项"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "three_public.vehicles_held")
    assert ws.cell(row, 2).value == "公务用车保有量"
    ws.cell(row, 3).value = 7
    wb.save(path)
    facts = load(path).facts
    assert facts.three_public is not None and facts.three_public.vehicles_held == 7
