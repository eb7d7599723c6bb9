"""The reading summary: every amount printed in a corpus 决算's tables goes into a cell, and says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import corpus_file
from juesuan.cli.main import cli
from juesuan.io import load
from juesuan.parse.quality import quality
from juesuan.parse.report import read_report

FINALS = (
    "shanghai-putuo_finance-bureau_2024_dept-final.pdf",
    "shanghai-putuo_ecology-environment_2025_dept-final.txt",
    "guangzhou-gov-service-data-bureau_2020_dept-final.txt",
    "shanghai-putuo_shiquan-subdistrict_2025_dept-final.txt",
    "chongqing_southwest-university_2024_dept-final.pdf",
)


@pytest.mark.parametrize("name", FINALS)
def test_every_amount_on_the_table_pages_goes_into_a_cell(name: str) -> None:
    summary = quality(read_report(corpus_file(name)))
    assert summary.share == 1.0
    assert not summary.missing or set(summary.missing) <= {"政府性基金预算财政拨款收入支出决算表"}
    for table in summary.tables:
        assert table.unreadable is None, table.title
        assert table.printed == table.read, table.title


def test_a_pdf_says_which_pages_each_table_stands_on() -> None:
    report = read_report(corpus_file("chongqing_southwest-university_2024_dept-final.pdf"))
    assert [t.pages for t in report.tables.values()] == [(8, 9), (10, 11), (12, 13), (14, 15)]


def test_parse_prints_the_summary_and_the_package_keeps_it(tmp_path: Path) -> None:
    out = tmp_path / "university.json"
    result = CliRunner().invoke(cli, ["parse", str(corpus_file("chongqing_southwest-university_2024_dept-final.pdf")),
                                      "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    said = [line for line in result.stderr.splitlines() if line.startswith("读取结果：")]
    assert said[0].startswith("读取结果：高等学校收支决算总表：第 8、9 页，")
    assert said[-1] == "读取结果：表页上印出的数字读入 100.0%"
    income = json.loads(out.read_text(encoding="utf-8"))["tables"]["income"]
    assert income["pages"] == [10, 11] and income["printed"] == 81
    assert [f"读取结果：{line}" for line in quality(load(out)).lines()] == said
