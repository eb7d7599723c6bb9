"""Every input a clear message: the cases a fuzzing campaign found, each once (issue 15).

Each case asserts the exit code, that no traceback is printed, and the words of the message that
tell the user what and where.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from conftest import GUANGZHOU, corpus_file
from juesuan import api
from juesuan.cli.main import cli
from juesuan.core.errors import ArgumentError, InputError
from juesuan.core.model import Cell, CellKind
from juesuan.io import load, save
from juesuan.parse import read_document
from synthetic_pdf import tiny_pdf


def invoke(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    return result.exit_code, result.stdout, result.stderr


def refused(*args: str | Path, code: int = 2) -> str:
    exit_code, _, err = invoke(*args)
    assert exit_code == code, err
    return err


def package() -> dict:
    return yaml.safe_load(GUANGZHOU.read_text(encoding="utf-8"))


def write_yaml(path: Path, data: object) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------- text printed as it is

def test_markup_in_file_names_and_department_names_prints_as_it_is(tmp_path: Path) -> None:
    err = refused("check", tmp_path / "[/x].yaml")
    assert "[/x].yaml" in err and "文件不存在" in err
    data = package()
    data["department"] = "[/x]测试局[a] :smile:"
    source = write_yaml(tmp_path / "[a].yaml", data)
    code, out, _ = invoke("check", source)
    assert code == 1  # the example's own published defects
    assert "[/x]测试局[a] :smile:" in out
    code, out, _ = invoke("show", source, "--table", "summary")
    assert code == 0 and "[/x]测试局[a] :smile:" in out


def test_an_internal_error_is_one_line_and_exit_70(monkeypatch: pytest.MonkeyPatch) -> None:
    import juesuan.cli.checking

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("something juesuan did not expect\nsecond line")

    monkeypatch.setattr(juesuan.cli.checking, "read_with_notes", broken)
    code, _, err = invoke("check", GUANGZHOU)
    assert code == 70
    assert "内部错误：RuntimeError: something juesuan did not expect。" in err
    assert "JUESUAN_DEBUG=1" in err and "second line" not in err
    result = CliRunner().invoke(cli, ["check", str(GUANGZHOU)], env={"JUESUAN_DEBUG": "1"})
    assert result.exit_code == 70 and "Traceback" in result.stderr


def test_a_full_standard_output_is_exit_4() -> None:
    with Path("/dev/full").open("w") as full:
        result = subprocess.run([sys.executable, "-m", "juesuan", "parse", str(GUANGZHOU)], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=120, check=False)
    assert result.returncode == 4, result.stderr
    assert "无法写入 标准输出" in result.stderr and "Traceback" not in result.stderr
    assert "Exception ignored" not in result.stderr


# ---------------------------------------------------------------- numbers, nesting, limits

def test_a_page_mark_of_5000_digits(tmp_path: Path) -> None:
    source = tmp_path / "pages.txt"
    source.write_text(f"=== PAGE {'9' * 5000} ===\n收入支出决算总表\n", encoding="utf-8")
    refused("check", source)


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_a_number_of_5000_digits_in_a_package(tmp_path: Path, suffix: str) -> None:
    data = package()
    data["year"] = "YEAR"
    text = yaml.safe_dump(data, allow_unicode=True) if suffix == "yaml" else json.dumps(data, ensure_ascii=False)
    source = tmp_path / f"big.{suffix}"
    source.write_text(text.replace("YEAR" if suffix == "yaml" else '"YEAR"', "9" * 5000), encoding="utf-8")
    err = refused("parse", source)
    assert "一个数字的字符数为 5000" in err and "JUESUAN_LIMIT_NUMBER_CHARS" in err


def test_json_nested_100000_deep(tmp_path: Path) -> None:
    source = tmp_path / "deep.json"
    source.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert "嵌套层数" in refused("parse", source)


def test_a_yaml_alias_bomb_is_refused_before_it_is_built(tmp_path: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    source = tmp_path / "bomb.yaml"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    assert "YAML 展开别名后的节点数" in refused("parse", source)
    assert time.perf_counter() - started < 10


def test_a_malformed_amount_in_the_performance_text_is_not_read_as_one(tmp_path: Path) -> None:
    text = corpus_file("guangzhou-gov-service-data-bureau_2020_dept-final.txt").read_text(encoding="utf-8")
    broken = re.sub(r"全年预算数\s*[\d,.]+\s*万元", "全年预算数 3.,145.27 万元", text, count=1)
    assert broken != text
    source = tmp_path / "gz.txt"
    source.write_text(broken, encoding="utf-8")
    code, _, err = invoke("check", source)
    assert code in (0, 1), err


def test_a_line_of_40000_words_in_a_table_reads_in_bounded_time(tmp_path: Path) -> None:
    text = corpus_file("guangzhou-gov-service-data-bureau_2020_dept-final.txt").read_text(encoding="utf-8")
    at = text.index("本年收入合计")
    source = tmp_path / "long.txt"
    source.write_text(text[:at] + "合计 " * 40_000 + "\n" + text[at:], encoding="utf-8")
    started = time.perf_counter()
    code, _, err = invoke("check", source)
    assert code in (0, 1, 2), err
    assert time.perf_counter() - started < 30


def test_a_line_past_the_limit_says_which_and_how_to_raise_it(tmp_path: Path) -> None:
    source = tmp_path / "wide.txt"
    source.write_text("收入支出决算总表\n" + "1" * 200_000 + "\n", encoding="utf-8")
    err = refused("check", source)
    assert "一行的字符数为 200000" in err and "第 2 行" in err and "JUESUAN_LIMIT_LINE_CHARS" in err


# ---------------------------------------------------------------- PDFs, page by page

def test_a_pdf_page_that_is_not_a_page_is_named_and_the_rest_is_read(tmp_path: Path) -> None:
    source = tmp_path / "pages.pdf"
    source.write_bytes(tiny_pdf(["first page", None, "third page"]))
    doc = read_document(source)
    assert [p.text.strip() for p in doc.pages] == ["first page", "", "third page"]
    assert any("第 2 页无法读取" in note for note in doc.notes)


def test_pdfs_with_no_pages_no_text_or_no_content_each_have_their_message(tmp_path: Path) -> None:
    (tmp_path / "zero.pdf").write_bytes(tiny_pdf([]))
    assert "没有可读的页面" in refused("check", tmp_path / "zero.pdf")
    (tmp_path / "broken.pdf").write_bytes(tiny_pdf([None, None]))
    assert "都无法读取" in refused("check", tmp_path / "broken.pdf")
    (tmp_path / "cut.pdf").write_bytes(tiny_pdf(["x"])[:40])
    assert "PDF" in refused("check", tmp_path / "cut.pdf")


# ---------------------------------------------------------------- data packages

def test_a_csv_field_over_131072_characters_names_its_line(tmp_path: Path) -> None:
    source = tmp_path / "gz.csv"
    save(load(GUANGZHOU), source)
    lines = source.read_text(encoding="utf-8-sig").splitlines()
    lines[4] += "x" * 200_000  # the line's last field
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = refused("parse", source)
    assert "第 5 行" in err and "CSV 格式错误" in err


def _workbook(tmp_path: Path) -> Path:
    path = tmp_path / "gz.xlsx"
    save(load(GUANGZHOU), path)
    return path


def _rezip(path: Path, change: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path) as old:
        members = {info.filename: old.read(info) for info in old.infolist()}
    members.update(change)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in members.items():
            new.writestr(name, data)


def test_damaged_workbooks(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 200] = bytes(200)  # a corrupt deflate stream
    (tmp_path / "deflate.xlsx").write_bytes(bytes(data))
    assert "Excel" in refused("parse", tmp_path / "deflate.xlsx")
    _rezip(path, {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row"})
    assert "Excel" in refused("parse", path)


def test_a_huge_number_and_a_hidden_sheet_of_the_wrong_shape(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    target = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, float | int) and c.row > 5)
    target.value = 1e308
    wb.save(path)
    err = refused("parse", path)
    assert "金额单元格中的数不像金额：1e+308" in err and target.coordinate in err
    path = _workbook(tmp_path)
    wb = load_workbook(path)
    keys = wb["_juesuan"]
    for row in keys.iter_rows():
        if row[0].value and str(row[0].value).startswith("table:"):
            row[1].value = json.dumps({"sheet": 5, "rows": "x"})
            for cell in row[2:]:
                cell.value = None
    wb.save(path)
    assert "键值工作表已损坏" in refused("parse", path)


def test_a_sheet_past_the_rows_limit_is_refused_quickly(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    wb = load_workbook(path)
    ws = wb["名词解释"]
    for r in range(3, 3000):
        ws.cell(r, 2, "术语")
    wb.save(path)
    exit_code, _, err = invoke("parse", path, env={"JUESUAN_LIMIT_ROWS": "1000"})
    assert exit_code == 2 and "一张表或工作表的行数" in err and "JUESUAN_LIMIT_ROWS" in err


def test_a_box_that_is_not_four_numbers(tmp_path: Path) -> None:
    data = package()
    row = data["tables"]["income"]["rows"][0]
    column = next(iter(row["cells"]))
    row["cells"][column] = {"value": row["cells"][column], "page": 3, "box": "abc"}
    err = refused("parse", write_yaml(tmp_path / "box.yaml", data))
    assert "box 应为四个数" in err


# ---------------------------------------------------------------- side files

@pytest.mark.parametrize(("option", "content", "words"), [
    ("--config", "tiers: 5\n", "tiers 应为名称的列表"),
    ("--config", "severity: [1, 2]\n", "severity 应为映射"),
    ("--config", "severity: {X1: fatal}\n", "severity 中的级别无效"),
    ("--config", "tiers: [gold]\n", "未知的级别"),
    ("--explain", "- {rule: [1], text: x}\n", "每条说明须有 rule 与 text"),
])
def test_side_files_of_check(tmp_path: Path, option: str, content: str, words: str) -> None:
    side = tmp_path / "side.yaml"
    side.write_text(content, encoding="utf-8")
    assert words in refused("check", GUANGZHOU, option, side)


@pytest.mark.parametrize("value", [".nan", "1e999999999", "[1]", "true"])
def test_texts_of_render_with_a_prior_that_is_not_an_amount(tmp_path: Path, value: str) -> None:
    side = tmp_path / "texts.yaml"
    side.write_text(f"prior:\n  income.total.total: {value}\n", encoding="utf-8")
    err = refused("render", GUANGZHOU, "--texts", side, "-o", tmp_path / "out.html")
    assert "不是金额" in err and "prior.income.total.total" in err
    assert not (tmp_path / "out.html").exists()


# ---------------------------------------------------------------- paths and outputs

def test_an_input_path_over_255_bytes(tmp_path: Path) -> None:
    assert "过长" in refused("check", tmp_path / ("长" * 100 + ".yaml"))


def test_an_output_name_of_245_bytes_is_written(tmp_path: Path) -> None:
    out = tmp_path / ("a" * 240 + ".json")
    code, _, err = invoke("parse", GUANGZHOU, "-o", out)
    assert code == 0, err
    assert out.is_file() and [p.name for p in tmp_path.iterdir()] == [out.name]


def test_only_a_regular_file_is_replaced(tmp_path: Path) -> None:
    err = refused("parse", GUANGZHOU, "-o", "/dev/full", code=4)
    assert "不是普通文件" in err
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    assert "不是普通文件" in refused("parse", GUANGZHOU, "-o", fifo, code=4)
    target = tmp_path / "target.json"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert "不是普通文件" in refused("parse", GUANGZHOU, "-o", link, code=4)
    assert target.read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo.json", "link.json", "target.json"]


# ---------------------------------------------------------------- the Python API

def test_the_api_checks_its_arguments(tmp_path: Path) -> None:
    report = load(GUANGZHOU)
    for call in (lambda: api.check(None),  # type: ignore[arg-type]
                 lambda: api.read(None),  # type: ignore[arg-type]
                 lambda: api.read(b"x.yaml"),  # type: ignore[arg-type]
                 lambda: api.check(report, prior="last year"),  # type: ignore[arg-type]
                 lambda: api.write(report, tmp_path / "x.yaml", key="xls"),
                 lambda: api.write("report", tmp_path / "x.yaml")):  # type: ignore[arg-type]
        with pytest.raises(ArgumentError):
            call()
    with pytest.raises(InputError, match="文件不存在"):
        api.read(tmp_path / "missing.yaml")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("amount", [Decimal("NaN"), Decimal("Infinity"), Decimal("1E+999999"), Decimal("1E-30")])
def test_the_model_refuses_what_is_not_an_amount(amount: Decimal) -> None:
    started = time.perf_counter()
    with pytest.raises(ArgumentError, match="not an amount"):
        Cell(CellKind.AMOUNT, amount=amount)
    assert time.perf_counter() - started < 1


def test_the_whole_of_an_interrupted_write_is_gone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        api.write(load(GUANGZHOU), tmp_path / "gz.json")
    assert list(tmp_path.iterdir()) == []



def test_a_command_past_the_seconds_limit_says_so(tmp_path: Path) -> None:
    env = {**os.environ, "JUESUAN_LIMIT_SECONDS": "1"}
    source = corpus_file("shanghai-putuo_shiquan-subdistrict_2025_dept-final.txt")  # read twice: over 1 s
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "juesuan", "check", str(source), "--prior", str(source)],
                            capture_output=True, text=True, timeout=120, check=False, env=env)
    assert result.returncode == 2, result.stderr
    assert "一条命令的运行秒数超过上限 1" in result.stderr and "JUESUAN_LIMIT_SECONDS" in result.stderr
    assert time.perf_counter() - started < 10


def test_kill_stops_a_write_without_leaving_anything(tmp_path: Path) -> None:
    script = ("import os, signal, sys\n"
              "from juesuan.io import load, write_atomic\n"
              "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGTERM)\n"
              "from juesuan.cli.main import main\n"
              f"sys.argv = ['juesuan', 'parse', {str(GUANGZHOU)!r}, '-o', {str(tmp_path / 'gz.json')!r}]\n"
              "main()\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 130, result.stderr
    assert "已中断" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_pdf_of_2000_pages_reads_in_bounded_time(tmp_path: Path) -> None:
    source = tmp_path / "long.pdf"
    source.write_bytes(tiny_pdf([f"page {n} 1,234.56 7,890.12" for n in range(1, 2001)]))
    started = time.perf_counter()
    doc = read_document(source)
    assert len(doc.pages) == 2000 and doc.pages[-1].text.startswith("page 2000")
    assert "决算" in refused("check", source)  # read whole, then refused: it is not a disclosure
    assert time.perf_counter() - started < 60


def test_a_sheet_whose_dimension_claims_fewer_rows_is_read_whole(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    with zipfile.ZipFile(path) as archive:
        sheets = {n: archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/sheet")}
    _rezip(path, {n: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:A1"/>', x) for n, x in sheets.items()})
    assert load(path) == load(GUANGZHOU)


def test_pdf_messages_do_not_depend_on_the_pdf_read_before(tmp_path: Path) -> None:
    """pdfium remembers its last error: each message must still be about this file."""
    (tmp_path / "cut.pdf").write_bytes(tiny_pdf(["x"])[:40])
    (tmp_path / "zero.pdf").write_bytes(tiny_pdf([]))
    for first, second, words in (("cut.pdf", "zero.pdf", "没有可读的页面"), ("zero.pdf", "cut.pdf", "已损坏")):
        with pytest.raises(InputError):
            read_document(tmp_path / first)
        with pytest.raises(InputError, match=words):
            read_document(tmp_path / second)


def test_debug_of_a_page_pdfium_cannot_load(tmp_path: Path) -> None:
    source = tmp_path / "pages.pdf"
    source.write_bytes(tiny_pdf(["first page", None]))
    assert "第 2 页" in refused("debug", source, "--page", "2", "-o", tmp_path / "p2.png")
    code, _, err = invoke("debug", source, "--page", "1", "-o", tmp_path / "p1.png")
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p1.png", "pages.pdf"]


def test_cells_far_out_on_a_sheet_cost_no_more_than_the_cells_held(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    wb = load_workbook(path)
    wb.worksheets[0].cell(90_000, 16_000, "far")  # a visible sheet: past the table's columns, ignored
    wb["名词解释"].cell(90_000, 16_000, "far")
    wb.save(path)
    started = time.perf_counter()
    assert load(path).tables == load(GUANGZHOU).tables
    wb = load_workbook(path)
    wb["_juesuan"].cell(90_000, 16_000, "far")
    wb.save(path)
    assert "键值工作表已损坏" in refused("parse", path)
    assert time.perf_counter() - started < 30


def test_control_characters_are_left_out_of_workbooks_and_documents(tmp_path: Path) -> None:
    data = package()
    data["department"] = "测试\x01局\x0b"
    source = write_yaml(tmp_path / "ctl.yaml", data)
    code, _, err = invoke("parse", source, "-o", tmp_path / "ctl.xlsx")
    assert code == 0, err
    assert load(tmp_path / "ctl.xlsx").department == "测试局"
    code, _, err = invoke("render", source, "-o", tmp_path / "ctl.docx")
    assert code == 0, err


@pytest.mark.parametrize(("field", "value"), [("statement", [839]), ("note", {"a": 1}), ("confidence", "high"),
                                              ("page", "three")])
def test_a_table_field_of_the_wrong_type_names_the_field(tmp_path: Path, field: str, value: object) -> None:
    """Found by the fuzzer: `statement: 839` was kept as a number and crashed the Word writer."""
    data = package()
    data["tables"]["gov_fund"][field] = value
    err = refused("render", write_yaml(tmp_path / "t.yaml", data), "-o", tmp_path / "t.docx")
    assert f"字段「{field}」" in err and "政府性基金" in err
    assert not (tmp_path / "t.docx").exists()


def test_a_number_where_words_are_expected_is_taken_as_its_digits(tmp_path: Path) -> None:
    data = package()
    data["tables"]["gov_fund"]["statement"] = 839
    code, _, err = invoke("render", write_yaml(tmp_path / "t.yaml", data), "-o", tmp_path / "t.docx")
    assert code == 0, err
    assert load(tmp_path / "t.yaml").tables["gov_fund"].statement == "839"


def test_a_printed_number_with_too_many_decimals_is_words_not_an_amount(tmp_path: Path) -> None:
    """Found by the fuzzer: `0.000000000000000` in a table was read as an amount the model refuses."""
    text = corpus_file("guangzhou-gov-service-data-bureau_2020_dept-final.txt").read_text(encoding="utf-8")
    source = tmp_path / "gz.txt"
    source.write_text(re.sub(r"(本年收入合计\s+)[\d,.]+", r"\g<1>0.000000000000000", text, count=1), encoding="utf-8")
    code, _, err = invoke("check", source)
    assert code == 1, err  # read, and the table no longer adds up
