"""Benchmark: checking each example report against every rule (design goal: under 10 ms median).

    .venv/bin/python benchmarks/check.py [--runs N]

Each run checks a freshly loaded report (nothing carried over between runs but the rule records
and the compiled patterns of the narrative's subject phrases), on one core. Printed per report: the
median and the fastest run; the median when the report is a new department's, checked right after
another one (the patterns of its own row names compiled anew). A first line
measures how steady the machine is, since a shared virtual machine inflates medians; the column
"in loops" divides each check by the fixed loop timed right after it, at the same moment, and gives
the median of those ratios: on a machine whose loop takes L ms, a check takes about that many L.
"""

from __future__ import annotations

import argparse
import gc
import statistics
from pathlib import Path

from timing import fixed_loop, machine_noise, times_ms

import juesuan
from juesuan.core.model import Report
from juesuan.io import load
from juesuan.rules import check, load_rules
from juesuan.rules.claims import forget_patterns

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def timed(path: Path, runs: int, after: Report | None = None) -> tuple[float, float, float, int, int]:
    """(median ms, best ms, median in loops, rules run, comparisons) of checking fresh copies of one
    report; with `after`, each run follows a first check of that other report, patterns forgotten."""
    reports: list[Report] = []

    def fresh() -> None:  # not timed: a new report each run, as when checking many documents
        reports.append(load(path))
        if after is not None:
            forget_patterns()
            check(after)
        gc.collect()

    def run() -> None:
        results.append(check(reports[-1]))

    results = []
    times, loops = [], []
    for _ in range(runs):  # each check with the fixed loop timed right after it
        times += times_ms(run, 1, before=fresh)
        loops += times_ms(fixed_loop, 1)
    result = results[-1]
    in_loops = statistics.median(t / loop for t, loop in zip(times, loops, strict=True))
    return statistics.median(times), min(times), in_loops, len(result.coverage.runs), result.coverage.checks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40)
    runs = parser.parse_args().runs
    load_rules()
    paths = sorted(p for p in EXAMPLES.glob("*.yaml") if not p.name.endswith("_texts.yaml"))
    print(machine_noise())
    print(f"juesuan at {Path(juesuan.__file__).parent}; {runs} runs, one fresh report per run; ms")
    print(f"{'report':<52}{'rules':>6}{'checks':>8}{'median':>8}{'best':>7}{'in loops':>10}{'new department':>16}")
    reports = [load(p) for p in paths]
    for path, report in zip(paths, reports, strict=True):
        timed(path, 2)  # warm the lexicon's patterns, as any second report would find them
        median, best, in_loops, rules, checks = timed(path, runs)
        other = next(r for r in reports if r.department != report.department)  # checked just before
        new = timed(path, max(5, runs // 3), after=other)[0]
        print(f"{path.stem:<52}{rules:>6}{checks:>8}{median:>8.2f}{best:>7.2f}{in_loops:>10.2f}{new:>16.2f}")


if __name__ == "__main__":
    main()
