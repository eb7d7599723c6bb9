"""Bad input: one clear message naming the place, exit code 2, no traceback, no output left."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from conftest import GUANGZHOU
from juesuan.io import load, save


def run(*args: str | Path, lang: str = "zh") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "juesuan", "--lang", lang, *map(str, args)],
                          capture_output=True, text=True, timeout=120, check=False)


def package() -> dict:
    return yaml.safe_load(GUANGZHOU.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict, name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def assert_rejected(tmp_path: Path, source: Path, *expected: str) -> str:
    out = tmp_path / "out.json"
    result = run("parse", source, "-o", out)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not out.exists()
    assert not list(tmp_path.glob(".out.json.*"))  # no temporary file left behind
    message = result.stderr
    assert str(source) in message
    for part in expected:
        assert part in message, (part, message)
    return message


def test_text_in_an_amount_cell(tmp_path: Path) -> None:
    data = package()
    data["tables"]["income"]["rows"][3]["cells"]["fiscal"] = "三千三百"
    assert_rejected(tmp_path, write(tmp_path, data), "收入决算表", "行政运行", "财政拨款收入",
                    "金额单元格中是文字", "三千三百")


def test_duplicate_code(tmp_path: Path) -> None:
    data = package()
    rows = data["tables"]["expenditure"]["rows"]
    rows.append(dict(rows[3]))
    assert_rejected(tmp_path, write(tmp_path, data), "支出决算表", "重复的科目编码 2010301")


def test_unknown_table(tmp_path: Path) -> None:
    data = package()
    data["tables"]["budget_table"] = {"title": "预算表", "rows": []}
    assert_rejected(tmp_path, write(tmp_path, data), "budget_table", "未知的表")


def test_unknown_column_and_row(tmp_path: Path) -> None:
    data = package()
    data["tables"]["summary"]["rows"][0]["cells"]["budget"] = "1.00"
    assert_rejected(tmp_path, write(tmp_path, data), "收入支出决算总表", "一般公共预算财政拨款收入",
                    "此行没有列 'budget'")
    data = package()
    data["tables"]["summary"]["rows"][0]["key"] = "gpb_incme"
    assert_rejected(tmp_path, write(tmp_path, data), "表中没有固定行 'gpb_incme'")


def test_malformed_code_and_template(tmp_path: Path) -> None:
    data = package()
    data["tables"]["income"]["rows"][1]["code"] = "20A"
    assert_rejected(tmp_path, write(tmp_path, data), "收入决算表", "科目编码只能由数字组成")
    data = package()
    data["template"] = "beijing-1999"
    assert_rejected(tmp_path, write(tmp_path, data), "未知的模板", "guangzhou-2020")


def test_malformed_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("schema: juesuan/report-1\ndepartment: [x\nyear: 2020\n", encoding="utf-8")
    assert_rejected(tmp_path, path, "YAML 格式错误", "第 3 行")


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"schema": "juesuan/report-1",\n "year": 2020,,\n}', encoding="utf-8")
    assert_rejected(tmp_path, path, "JSON 格式错误", "第 2 行")


def test_wrong_encoding(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("department: 广州市\n".encode("gbk"))
    assert_rejected(tmp_path, path, "不是 UTF-8 编码")


def test_missing_sheet(tmp_path: Path) -> None:
    path = save(load(GUANGZHOU), tmp_path / "gz.xlsx")
    wb = load_workbook(path)
    del wb["支出决算表"]
    wb.save(path)
    assert_rejected(tmp_path, path, "工作表「支出决算表」", "缺少工作表")


def test_text_in_an_excel_amount_cell(tmp_path: Path) -> None:
    path = save(load(GUANGZHOU), tmp_path / "gz.xlsx")
    wb = load_workbook(path)
    ws = wb["收入决算表"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "2010302")
    ws.cell(row, 4).value = "见附件"
    wb.save(path)
    assert_rejected(tmp_path, path, "收入决算表", "一般行政管理事务", "财政拨款收入",
                    "金额单元格中是文字", "见附件")


def test_not_a_workbook_and_not_our_csv(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"\x00\x01PK not really a zip" * 100)
    assert_rejected(tmp_path, garbage, "不是有效的 Excel 工作簿")
    plain = tmp_path / "plain.csv"
    plain.write_text("a,b\n1,2\n", encoding="utf-8")
    assert_rejected(tmp_path, plain, "第 1 行", "元数据")


def test_missing_file_and_unknown_suffix(tmp_path: Path) -> None:
    assert_rejected(tmp_path, tmp_path / "nope.yaml", "文件不存在")
    other = tmp_path / "report.docx"
    other.write_bytes(b"x")
    assert_rejected(tmp_path, other, "无法识别的文件类型 .docx")


def test_english_messages(tmp_path: Path) -> None:
    data = package()
    rows = data["tables"]["expenditure"]["rows"]
    rows.append(dict(rows[3]))
    result = run("parse", write(tmp_path, data), lang="en")
    assert result.returncode == 2
    assert "duplicate code 2010301" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_unwritable_output_leaves_nothing(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        target = locked / "sub" / "out.json"
        result = run("parse", GUANGZHOU, "-o", target)
        if result.returncode == 0:  # running as root: permissions do not bind
            assert target.exists()
            return
        assert result.returncode == 4
        assert "无法写入" in result.stderr and "Traceback" not in result.stderr
        assert not target.exists()
    finally:
        locked.chmod(0o700)


def test_output_to_a_directory_path_fails_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "adir.json"
    target.mkdir()
    result = run("parse", GUANGZHOU, "-o", target)
    assert result.returncode == 4
    assert "无法写入" in result.stderr and "Traceback" not in result.stderr
    assert target.is_dir() and not list(tmp_path.glob(".adir.json.*"))
