"""Benchmark: reading and writing the Guangzhou example in every data format.

    .venv/bin/python benchmarks/formats.py [--runs N]

Prints the median of N runs (default 15) per format and operation, and for YAML compares the
C parser (libyaml, used when available) with the pure-Python one it replaces.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import yaml
from timing import median_ms  # benchmarks/timing.py, beside this script

from juesuan.io import FORMATS, dump, load, save

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "guangzhou-2020_dept-final.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    report = load(EXAMPLE)
    cells = sum(len(r.cells) for t in report.tables.values() for r in t.rows)
    print(f"example: {EXAMPLE.name} ({len(report.tables)} tables, {cells} cells); median of {runs} runs")
    print(f"{'format':<8}{'write ms':>10}{'read ms':>10}{'size':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for key, (suffixes, _) in FORMATS.items():
            path = Path(tmp) / f"report{suffixes[0]}"
            write = median_ms(lambda key=key, path=path: save(report, path, key), runs)
            read = median_ms(lambda path=path: load(path), runs)
            print(f"{key:<8}{write:>10.1f}{read:>10.1f}{path.stat().st_size:>12,}")
    text = dump(report, "yaml")
    assert isinstance(text, str)
    c_parse = median_ms(lambda: yaml.load(text, Loader=yaml.CSafeLoader), runs)
    py_parse = median_ms(lambda: yaml.load(text, Loader=yaml.SafeLoader), runs)
    print(f"YAML parsing only: libyaml {c_parse:.1f} ms vs pure Python {py_parse:.1f} ms "
          f"({py_parse / c_parse:.1f}× faster)")


if __name__ == "__main__":
    main()
