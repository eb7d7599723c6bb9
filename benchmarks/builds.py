"""Benchmark: a check by the compiled build of the checker against the pure-Python working copy.

    .venv/bin/python benchmarks/builds.py [--rounds N] [--runs N]

The compiled build is the one `pip install .` makes (setup.py: juesuan.rules translated to C by
mypyc); scripts/compiled builds it into .compiled/ when a source changed. A shared virtual machine
drifts within minutes, so the two builds are not timed one after the other but in turns: each round
runs benchmarks/check.py (`--json`: a fresh report per run, `--runs` runs of each example) once per
build in a child process, the order swapped every round. Printed per report and build: the median of
the rounds' medians, the fastest run of all, and the median in loops (check.py's "in loops": steadier
than milliseconds on a busy machine), then compiled ÷ pure for the medians and the bests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from timing import machine_noise

ROOT = Path(__file__).resolve().parents[1]


def one_round(build_dir: str | None, runs: int) -> dict[str, list[float]]:
    """{report: [median, best, median in loops]} from one child process running the pure (None) or the
    compiled build."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if build_dir is not None:
        env["PYTHONPATH"] = build_dir
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "check.py"), "--json", "--runs", str(runs)],
                         env=env, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    result = json.loads(out)
    want = "pure" if build_dir is None else "compiled"
    if result["build"] != want:
        sys.exit(f"expected the {want} build, got the {result['build']} one")
    return result["medians"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    compiled_dir = subprocess.run(["bash", str(ROOT / "scripts" / "compiled")], check=True, capture_output=True,
                                  text=True, cwd=ROOT).stdout.strip()
    print(machine_noise())
    seen: dict[str, dict[str, list[list[float]]]] = {"pure": {}, "compiled": {}}
    for i in range(args.rounds):
        order = [("pure", None), ("compiled", compiled_dir)]
        for name, where in order if i % 2 == 0 else order[::-1]:
            for report, pair in one_round(where, args.runs).items():
                seen[name].setdefault(report, []).append(pair)
        print(f"round {i + 1}/{args.rounds} done", file=sys.stderr)
    print(f"{args.rounds} rounds × {args.runs} runs per build, builds in turns; ms (median of the rounds' medians, "
          f"best of all runs), and the median in loops (a check ÷ the fixed loop timed right after it)")
    print(f"{'report':<52}{'pure':>8}{'best':>7}{'loops':>7}{'compiled':>10}{'best':>7}{'loops':>7}{'÷ median':>10}"
          f"{'÷ best':>8}")
    for report in seen["pure"]:
        (pm, pb, pl), (cm, cb, cl) = (_summary(seen[name][report]) for name in ("pure", "compiled"))
        print(f"{report:<52}{pm:>8.2f}{pb:>7.2f}{pl:>7.2f}{cm:>10.2f}{cb:>7.2f}{cl:>7.2f}{cm / pm:>10.2f}"
              f"{cb / pb:>8.2f}")


def _summary(rounds: list[list[float]]) -> tuple[float, float, float]:
    """The median of the rounds' medians, the best run of all, the median of the rounds' loop ratios."""
    return (statistics.median(r[0] for r in rounds), min(r[1] for r in rounds),
            statistics.median(r[2] for r in rounds))


if __name__ == "__main__":
    main()
