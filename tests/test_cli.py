"""The command line end to end: parse, show, demo."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from conftest import GUANGZHOU
from juesuan.cli.main import cli
from juesuan.core.model import Report
from juesuan.io import load


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_parse_prints_json_by_default(guangzhou: Report) -> None:
    code, out, _ = invoke("parse", str(GUANGZHOU))
    assert code == 0
    data = json.loads(out)
    assert data["department"] == "广州市政务服务数据管理局"
    assert data["tables"]["income"]["rows"][0]["cells"]["total"] == "36145.27"


def test_parse_csv_lists_every_published_cell(guangzhou: Report, tmp_path: Path) -> None:
    out = tmp_path / "gz.csv"
    code, _, err = invoke("parse", str(GUANGZHOU), "--format", "csv", "-o", str(out))
    assert code == 0 and str(out) in err
    text = out.read_text(encoding="utf-8-sig")
    records = list(csv.DictReader(io.StringIO(text.split("\n", 1)[1])))
    assert len(records) == 899
    assert {r["table_title"] for r in records} == {t.title for t in guangzhou.tables.values()}
    assert all(r["value"] for r in records)  # every published cell of this document is an amount
    assert load(out) == guangzhou


def test_parse_format_from_suffix_and_xlsx_needs_output(tmp_path: Path) -> None:
    out = tmp_path / "gz.xlsx"
    assert invoke("parse", str(GUANGZHOU), "-o", str(out))[0] == 0
    assert out.stat().st_size > 10_000
    code, _, err = invoke("parse", str(GUANGZHOU), "--format", "xlsx")
    assert code == 2 and "-o" in err


def test_show_prints_tables_as_published() -> None:
    code, out, _ = invoke("show", str(GUANGZHOU), "--table", "summary", "--table", "non_tax")
    assert code == 0
    assert "收入支出决算总表" in out and "36,145.11" in out and "非税收入征缴情况表" in out
    assert "支出决算表\n" not in out
    code, _, err = invoke("show", str(GUANGZHOU), "--table", "nonexistent")
    assert code == 2 and "nonexistent" in err


def test_demo_writes_every_format(tmp_path: Path) -> None:
    code, out, _ = invoke("demo", "--out", str(tmp_path))
    assert code == 0
    for suffix in (".yaml", ".json", ".xlsx", ".csv"):
        assert (tmp_path / f"guangzhou-2020_dept-final{suffix}").exists()
        assert f"guangzhou-2020_dept-final{suffix}" in out.replace("\n", "")
    assert "899 个单元格" in out and "899/899" in out


def test_help_is_chinese_and_english_is_available() -> None:
    code, out, _ = invoke("--help")
    assert code == 0 and "部门决算" in out
    code, out, _ = invoke("--lang", "en", "demo", "--help")
    assert code == 0
