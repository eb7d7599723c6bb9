"""Benchmark: checking each example report against every rule (design goal: under 5 ms median).

    .venv/bin/python benchmarks/check.py [--runs N]

Each run checks a freshly loaded report (nothing carried over between runs), on one core.
Printed beside it: the same check without the exact-sum fast path (every comparison through the
interval path), the alternative the evaluators were measured against.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from pathlib import Path
from unittest import mock

from juesuan.io import load
from juesuan.rules import check, load_rules
from juesuan.rules.context import TableView

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def median_ms(path: Path, runs: int) -> tuple[float, int, int]:
    times = []
    result = None
    for _ in range(runs):
        report = load(path)  # not timed: a fresh report each run, as when checking many documents
        gc.collect()
        start = time.perf_counter()
        result = check(report)
        times.append(time.perf_counter() - start)
    assert result is not None
    return statistics.median(times) * 1000, len(result.coverage.runs), result.coverage.checks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    load_rules()
    print(f"median of {runs} runs, one fresh report per run")
    print(f"{'report':<52}{'rules':>6}{'checks':>8}{'ms':>8}{'no fast path ms':>17}")
    for path in sorted(p for p in EXAMPLES.glob("*.yaml") if not p.name.endswith("_texts.yaml")):
        ms, rules, checks = median_ms(path, runs)
        with mock.patch.object(TableView, "sums_exactly", return_value=False):
            slow, _, _ = median_ms(path, max(5, runs // 3))
        print(f"{path.stem:<52}{rules:>6}{checks:>8}{ms:>8.2f}{slow:>17.2f}")


if __name__ == "__main__":
    main()
