"""Benchmark: reading published disclosures end to end (read + tables + check).

    .venv/bin/python benchmarks/read.py [--runs N]

Texts: milliseconds per document. PDFs: milliseconds per page, beside pdfplumber's own
`extract_tables` on the same pages (which only finds cell text, with no keys and no checking).
Medians, with the fastest run beside them: a first line measures how steady the machine is.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

import pdfplumber
from timing import machine_noise, median_ms, times_ms  # benchmarks/timing.py, beside this script

from juesuan.api import read
from juesuan.parse import read_document
from juesuan.rules import check, load_rules

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def plumber_tables(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    load_rules()
    print(machine_noise())
    print(f"{runs} runs: median (best)")
    for path in sorted(CORPUS.glob("*.txt")):
        total = times_ms(lambda path=path: check(read(path)), runs)
        only = times_ms(lambda path=path: read(path), runs)
        print(f"{path.name:<62} read {statistics.median(only):6.1f} ({min(only):5.1f}) ms   "
              f"read + check {statistics.median(total):6.1f} ({min(total):5.1f}) ms per document")
    for path in sorted(CORPUS.glob("*.pdf")):
        pages = len(read_document(path).pages)
        ours = median_ms(lambda path=path: check(read(path)), runs) / pages
        theirs = median_ms(lambda path=path: plumber_tables(path), max(1, runs // 2)) / pages
        print(f"{path.name:<62} read + tables + check {ours:6.1f} ms per page   "
              f"pdfplumber extract_tables {theirs:6.1f} ms per page")


if __name__ == "__main__":
    main()
