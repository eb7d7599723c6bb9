"""The command line end to end: parse, show, demo, and the examples of its help."""

from __future__ import annotations

import csv
import io
import json
from importlib.metadata import version
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import GUANGZHOU
from juesuan.cli.main import cli
from juesuan.core.model import Report
from juesuan.io import load


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert code == 0 and out == f"juesuan {version('juesuan')}\n"


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


def test_the_examples_in_the_help_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command the top-level --help shows (but the demo, tested above) runs as printed, from a folder
    that has the examples; check's exit code 1 says the example has errors (its real narrative defects)."""
    _, out, _ = invoke("--help")
    lines = [line.split()[1:] for line in out.splitlines() if line.strip().startswith("juesuan ")]
    assert {line[0] for line in lines} >= {"parse", "show", "check", "render"}
    (tmp_path / "examples").symlink_to(GUANGZHOU.parent)
    monkeypatch.chdir(tmp_path)
    for args in lines:
        if args[0] == "demo":
            continue
        code, _, err = invoke(*args)
        assert code == (1 if args[0] == "check" else 0), (args, err)
        if "-o" in args:
            assert Path(args[args.index("-o") + 1]).stat().st_size > 0
