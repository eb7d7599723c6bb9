"""Sources read into pages of positioned words: the corpus PDFs and texts, and hostile input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from conftest import corpus_file
from juesuan.io import InputError
from juesuan.parse import read_document

FINANCE_PDF = "shanghai-putuo_finance-bureau_2024_dept-final.pdf"


def words(line) -> list[str]:
    return [w.text for w in line.words]


def test_finance_pdf_keeps_digits_on_their_lines() -> None:
    doc = read_document(corpus_file(FINANCE_PDF))
    assert doc.kind == "pdf" and len(doc.pages) == 25
    assert doc.pages[13].empty and "第 14 页没有文字" in doc.notes
    page24 = ["".join(words(line)) for line in doc.pages[23].lines]
    assert any("机关运行经费支出184.65万元，比2023年度增加2.55万元" in line for line in page24)
    title = "".join(words(doc.pages[5].lines[0]))
    assert "上海市普陀区财政局2024年度部门决算表" in title
    row = doc.pages[5].lines[5]
    assert words(row) == ["一、", "一般公共预算财政拨款收入", "2,940.05", "一、", "一般公共服务支出", "2,106.66"]
    header = doc.pages[5].lines[4]
    amount = row.words[2]
    column = next(w for w in header.words if w.text == "决算数")
    assert column.x0 - 5 < amount.x0 and amount.x1 < column.x1 + 15  # the number sits under its header


def test_page_texts_and_one_stream_text() -> None:
    ecology = read_document(corpus_file("shanghai-putuo_ecology-environment_2025_dept-final.txt"))
    assert ecology.kind == "text" and [p.number for p in ecology.pages] == list(range(1, 32))
    page7 = ecology.pages[6]
    assert words(page7.lines[5]) == ["一、一般公共预算财政拨款收入", "4,733.14", "一、一般公共服务支出", "0.00"]
    guangzhou = read_document(corpus_file("guangzhou-gov-service-data-bureau_2020_dept-final.txt"))
    assert len(guangzhou.pages) == 1 and any("分页标记" in n for n in guangzhou.notes)
    row = next(line for line in guangzhou.pages[0].lines if words(line)[:2] == ["2010301", "行政运行"])
    assert words(row)[2:4] == ["3,", "308."]  # the extractor's noise stays for the table reader: "3, 308. 36"


def test_empty_and_binary_files(tmp_path: Path) -> None:
    for name in ("empty.pdf", "empty.txt"):
        (tmp_path / name).write_bytes(b"")
        with pytest.raises(InputError, match="空"):
            read_document(tmp_path / name)
    (tmp_path / "garbage.pdf").write_bytes(bytes(range(256)) * 40)
    with pytest.raises(InputError, match="不是有效的 PDF"):
        read_document(tmp_path / "garbage.pdf")
    (tmp_path / "garbage.txt").write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(InputError, match="二进制"):
        read_document(tmp_path / "garbage.txt")


def test_truncated_pdf(tmp_path: Path) -> None:
    data = corpus_file(FINANCE_PDF).read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[: len(data) // 50])
    with pytest.raises(InputError, match="不是有效的 PDF 文件，或文件已损坏"):
        read_document(tmp_path / "cut.pdf")


def test_encrypted_pdf(tmp_path: Path) -> None:
    parts = [b"%PDF-1.4\n",
             b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
             b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n",
             b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n",
             b"4 0 obj << /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32
             + b"> /P -4 >> endobj\n",
             b"trailer << /Root 1 0 R /Size 5 /Encrypt 4 0 R /ID [<" + b"33" * 16 + b"> <" + b"33" * 16 + b">] >>\n",
             b"%%EOF\n"]
    (tmp_path / "locked.pdf").write_bytes(b"".join(parts))
    with pytest.raises(InputError, match="已加密"):
        read_document(tmp_path / "locked.pdf")


def _blank_pdf(path: Path, pages: int) -> Path:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    pdf.save(str(path))
    pdf.close()
    return path


def test_pdf_without_text_layer_and_a_pdf_past_the_page_limit(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="OCR"):
        read_document(_blank_pdf(tmp_path / "scan.pdf", 3))
    monkeypatch.setenv("JUESUAN_LIMIT_PAGES", "20")
    with pytest.raises(InputError, match=r"页数为 30，超过上限 20.*JUESUAN_LIMIT_PAGES"):
        read_document(_blank_pdf(tmp_path / "huge.pdf", 30))


def test_gbk_text_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("收入支出决算总表\n本年收入合计 1,234.56\n".encode("gbk"))
    doc = read_document(path)
    assert any("GBK" in n for n in doc.notes)
    assert words(doc.pages[0].lines[1]) == ["本年收入合计", "1,234.56"]


def run_debug(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "juesuan", "debug", *map(str, args)], capture_output=True,
                          text=True, timeout=120, check=False)


def test_debug_draws_the_page(tmp_path: Path) -> None:
    png = tmp_path / "p6.png"
    assert run_debug(corpus_file(FINANCE_PDF), "--page", "6", "-o", png).returncode == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = tmp_path / "p7.html"
    assert run_debug(corpus_file("shanghai-putuo_ecology-environment_2025_dept-final.txt"), "--page", "7",
                     "-o", page).returncode == 0
    drawn = page.read_text(encoding="utf-8")
    assert "4,733.14" in drawn and "summary.income_total.income_actual = 4733.14" in drawn  # keys by their line
    result = run_debug(corpus_file(FINANCE_PDF), "--page", "99", "-o", png)
    assert result.returncode == 2 and "没有这一页" in result.stderr and "Traceback" not in result.stderr
    result = run_debug(corpus_file("shanghai-putuo_ecology-environment_2025_dept-final.txt"), "-o", png)
    assert result.returncode == 2 and ".html" in result.stderr


def test_cjk_radicals_become_ideographs(tmp_path: Path) -> None:
    path = tmp_path / "radicals.txt"
    path.write_text("\u2f00、\u2f00般公共服务\u2f40出 1.00\n", encoding="utf-8")  # ⼀、⼀般公共服务⽀出
    doc = read_document(path)
    assert words(doc.pages[0].lines[0]) == ["一、一般公共服务支出", "1.00"]
