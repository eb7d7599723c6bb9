"""Benchmark: machine instructions per check of each example report, counted by valgrind.

    .venv/bin/python benchmarks/check_instructions.py [--checks N]

Wall-clock medians on a shared virtual machine drift by a factor of two within the hour, so two
versions of the checker are hard to compare by time unless run side by side. An instruction count
is the same on a busy or a quiet machine: valgrind's callgrind counts the instructions of a process
that loads the rule catalogue and N copies of a report, with and without checking them, and the
difference divided by N is printed (thousands of instructions per check; the cost of the first
check, which compiles the narrative's patterns, is left out), with string hashing seeded alike in
every run so that the same code gives the same count. Needs valgrind (on PATH); each
report takes about half a minute, both runs at once.
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from juesuan.io import load

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# What runs under valgrind: the report is unpickled (fast, and the same in both runs) rather than
# read from YAML, so that the difference is the checking alone.
_CHILD = """
import pickle, sys
from juesuan.rules import check, load_rules
load_rules()
data = open(sys.argv[1], "rb").read()
check(pickle.loads(data)); check(pickle.loads(data))
reports = [pickle.loads(data) for _ in range(int(sys.argv[2]))]
if sys.argv[3] == "check":
    for report in reports:
        check(report)
"""


def _count(args: list[str]) -> subprocess.Popen[str]:
    # One fixed string-hash seed: with a random one, dict and set layouts (and so the count) vary by
    # about 1.5 % from run to run; with it, the same code counts the same to the thousand.
    return subprocess.Popen(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                             "-c", _CHILD, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONHASHSEED": "0"})


def _instructions(process: subprocess.Popen[str]) -> int:
    _, err = process.communicate()
    found = re.search(r"refs:\s*([\d,]+)", err)
    if process.returncode != 0 or found is None:
        raise SystemExit(f"valgrind failed:\n{err[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checks", type=int, default=10)
    checks = parser.parse_args().checks
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    print(f"thousands of instructions per check (valgrind callgrind, {checks} checks)")
    with tempfile.TemporaryDirectory() as folder:
        for path in sorted(p for p in EXAMPLES.glob("*.yaml") if not p.name.endswith("_texts.yaml")):
            pickled = Path(folder) / "report.pickle"
            pickled.write_bytes(pickle.dumps(load(path)))
            runs = [_count([str(pickled), str(checks), mode]) for mode in ("load", "check")]
            loaded, checked = (_instructions(p) for p in runs)
            print(f"{path.stem:<52}{(checked - loaded) / checks / 1000:>12,.0f}")


if __name__ == "__main__":
    main()
