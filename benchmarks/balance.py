"""Benchmark: 舍位平衡 of the bundled 元 accounts, medians, beside plain half-up rounding.

    .venv/bin/python benchmarks/balance.py [--runs N]

Plain rounding is the alternative: it is instant but leaves identities broken; the line says how many.
"""

from __future__ import annotations

import argparse
import statistics
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from juesuan.balance import balance, identities
from juesuan.core.model import CellKind
from juesuan.io import load

YUAN = Path(__file__).resolve().parents[1] / "examples" / "guangzhou-2020_accounts-in-yuan.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    report = load(YUAN)
    times, found_times = [], []
    for _ in range(runs):
        start = time.perf_counter()
        found = identities(report)
        found_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        result = balance(report)
        times.append(time.perf_counter() - start)
    rounded = {(kind, row.ident, column): (cell.amount / 10_000).quantize(Decimal("0.01"), ROUND_HALF_UP)
               for kind, table in report.tables.items() for row in table.rows
               for column, cell in row.cells.items() if cell.kind is CellKind.AMOUNT and cell.amount is not None}
    broken = sum(not rule.holds(rounded) for rule in found)
    print(f"{YUAN.name}: {len(rounded)} cells, {len(found)} identities (equalities and inequalities)")
    print(f"  learning the identities from the rules   median {statistics.median(found_times) * 1000:7.1f} ms")
    print(f"  balancing (identities + solve + rebuild)  median {statistics.median(times) * 1000:7.1f} ms, "
          f"{len(result.changes)} cells moved by 0.01, 0 identities broken")
    print(f"  plain half-up rounding                    {broken} identities broken")


if __name__ == "__main__":
    main()
