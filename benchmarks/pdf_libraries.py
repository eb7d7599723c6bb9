"""Benchmark: pdfium (pypdfium2, what juesuan uses) against pdfminer (pdfplumber) on the corpus PDFs.

    .venv/bin/python benchmarks/pdf_libraries.py [--runs N]

For each PDF: characters and digits each library extracts; lines of text that are only digits
(numbers torn off the line they belong to: "机关运行经费支出 万元" and "184.65" on another line);
whether the 财政局 page-24 sentence "机关运行经费支出184.65万元" comes out on one line; and the
median time per page (juesuan's pages of words against pdfplumber's characters and its own
`extract_tables`). A reader that tears digits from their line invents defects.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from juesuan.parse import read_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
_ONLY_NUMBER = re.compile(r"^[\d.,%]+$")
SENTENCE = "机关运行经费支出184.65万元"


def pdfium_text(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def plumber_text(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return ["".join(c["text"] for c in page.chars) for page in pdf.pages]


def plumber_lines(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]


def our_lines(path: Path) -> list[str]:
    return ["".join(w.text for w in line.words) for page in read_document(path).pages for line in page.lines]


def torn(lines: list[str]) -> int:
    """Lines that hold nothing but a number: digits separated from their words."""
    return sum(1 for line in lines if _ONLY_NUMBER.match(line.replace(" ", "")))


def plumber_tables(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()


def per_page_ms(action, path: Path, pages: int, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000 / pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    for path in sorted(CORPUS.glob("*.pdf")):
        a, b = pdfium_text(path), plumber_text(path)
        pages = len(a)
        digits_a = sum(ch.isdigit() for page in a for ch in page)
        digits_b = sum(ch.isdigit() for page in b for ch in page)
        chars_a = sum(len(p.replace(" ", "").replace("\r", "").replace("\n", "")) for p in a)
        chars_b = sum(len(p.replace(" ", "")) for p in b)
        short = sum(1 for x, y in zip(a, b, strict=True)
                    if sum(ch.isdigit() for ch in y) < sum(ch.isdigit() for ch in x))
        print(f"{path.name} ({pages} pages)")
        print(f"  characters   pdfium {chars_a:>7,}   pdfminer {chars_b:>7,}")
        print(f"  digits       pdfium {digits_a:>7,}   pdfminer {digits_b:>7,}   "
              f"pages where pdfminer has fewer: {short}")
        ours_lines, their_lines = our_lines(path), plumber_lines(path)
        print(f"  lines that are only a number   juesuan (pdfium) {torn(ours_lines):>4}   "
              f"pdfplumber extract_text {torn(their_lines):>4}")
        if "finance-bureau_2024_dept-final.pdf" in path.name:
            ours_ok = any(SENTENCE in line for line in ours_lines)
            theirs_ok = any(SENTENCE in line.replace(" ", "") for line in their_lines)
            print(f"  '{SENTENCE}' on one line   juesuan {ours_ok}   pdfplumber {theirs_ok}")
        ours = per_page_ms(read_document, path, pages, runs)
        theirs = per_page_ms(plumber_text, path, pages, runs)
        tables = per_page_ms(plumber_tables, path, pages, max(1, runs // 2))
        print(f"  ms per page  juesuan words (pdfium) {ours:6.1f}   pdfplumber chars {theirs:6.1f}   "
              f"pdfplumber extract_tables {tables:6.1f}")


if __name__ == "__main__":
    main()
