"""Benchmark: a whole `juesuan` process, as a user waits for it, beside the floors.

    .venv/bin/python benchmarks/process.py [--runs N]

For each corpus document: the CPU time (user + system) of `juesuan check FILE` as a new process,
beside two floors run the same way: `python -c pass` (starting Python at all) and, for a PDF,
pypdfium2 extracting the text of every page of the same file (the least any reader of it does).
Then `juesuan --version`. Medians of N runs; the ratios are juesuan's median over the floor's.
Targets (issue 14): a 25-page PDF checked in at most 2.5× the pypdfium2 floor, a page-text file in
at most 0.25 s, `juesuan --version` in at most 0.15 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

from timing import machine_noise  # benchmarks/timing.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
JUESUAN = [sys.executable, "-c", "from juesuan.cli.main import main; main()"]
PDFIUM_TEXT = ("import sys, pypdfium2 as p\n"
               "pdf = p.PdfDocument(sys.argv[1])\n"
               "for page in pdf: page.get_textpage().get_text_range()\n")


# As users run it: with bytecode cached (some shells set PYTHONDONTWRITEBYTECODE, which makes every
# process compile every module again) and string hashing seeded alike.
_ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONHASHSEED": "0"}


def cpu_seconds(command: list[str]) -> float:
    """The user + system CPU time of one run of `command` as a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env=_ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_s(command: list[str], runs: int) -> float:
    cpu_seconds(command)  # a first run warms the file cache and the bytecode
    return statistics.median(cpu_seconds(command) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    print(machine_noise())
    python = median_s([sys.executable, "-c", "pass"], runs)
    print(f"CPU seconds per process, median of {runs}; python -c pass: {python:.3f} s")
    print(f"{'document':<66}{'juesuan check':>14}{'floor':>8}{'ratio':>7}")
    for path in sorted(CORPUS.glob("*.pdf")) + sorted(CORPUS.glob("*.txt")):
        ours = median_s([*JUESUAN, "check", str(path)], runs)
        if path.suffix == ".pdf":
            floor = median_s([sys.executable, "-c", PDFIUM_TEXT, str(path)], runs)
            name = "pypdfium2 text"
        else:
            floor, name = python, "python"
        print(f"{path.name:<66}{ours:>13.3f}s{floor:>7.3f}s{ours / floor:>6.1f}×  (floor: {name})")
    version = median_s([*JUESUAN, "--version"], runs)
    print(f"{'juesuan --version':<66}{version:>13.3f}s{python:>7.3f}s{version / python:>6.1f}×  (floor: python)")


if __name__ == "__main__":
    main()
