"""Seed the name list of classification codes (src/juesuan/core/data/code_names.yaml).

Names are taken from data packages (exact) and from page texts of published disclosures (lines
`2010301 行政运行 1,234.56 …` or split `201 06 01 行政运行 …`, two code/name pairs per line in
the 基本支出 table). Each name is tagged with the years it was seen. Garbled extractions are kept
out by requiring a clean name. Usage:

    .venv/bin/python tools/seed_code_names.py --package examples/guangzhou-2020_dept-final.yaml \
        --text ../shared/corpus/shanghai-putuo_ecology-environment_2025_dept-final.txt:2025 \
        --text FINANCE_BUREAU_2024_PDFIUM_TEXT:2024 > src/juesuan/core/data/code_names.yaml
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

from juesuan.core.codes import is_valid
from juesuan.io import load

_PAIR = re.compile(r"(?<![\d.,])(\d{3}(?: \d{2}){0,2}|\d{5}|\d{7}) ([\u4e00-\u9fff（）()、]+?) (?=[\d,]+\.\d\d\b)")
_CLEAN = re.compile(r"^[\u4e00-\u9fff（）()、]{2,}$")


def from_text(path: Path) -> dict[str, str]:
    names: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        for raw_code, name in _PAIR.findall(line):
            code = raw_code.replace(" ", "")
            # Keep the longest clean reading: wrapped names lose their tail on a first line.
            if is_valid(code) and _CLEAN.match(name) and len(name) > len(names.get(code, "")):
                names[code] = name
    return names


def _key(name: str) -> str:
    return name.replace("（", "(").replace("）", ")")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--package", action="append", default=[], type=Path)
    parser.add_argument("--text", action="append", default=[], help="FILE:YEAR")
    args = parser.parse_args()
    seen: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for path in args.package:
        report = load(path)
        for table in report.tables.values():
            for row in table.coded_rows():
                seen[str(row.code)][row.label].add(report.year)
    for spec in args.text:
        file, _, year = spec.rpartition(":")
        for code, name in from_text(Path(file)).items():
            # A name cut at a line end, or the same name in other brackets, is the known name.
            same = next((known for known in seen[code]
                         if _key(known).startswith(_key(name))), name)
            seen[code][same].add(int(year))
    out = {
        code: [{"name": name, "years": sorted(years)} for name, years in sorted(names.items(), key=lambda x: min(x[1]))]
        for code, names in sorted(seen.items())
    }
    sys.stdout.write(
        "# Names of classification codes seen in published disclosures, with the years seen.\n"
        "# Used to name codes and to warn about unusual names, never to reject a code.\n"
        "# Seeded by tools/seed_code_names.py from examples/guangzhou-2020_dept-final.yaml (2020),\n"
        "# the 上海市普陀区财政局 2024 PDF (pdfium text) and the 生态环境局 2025 page texts.\n"
    )
    yaml.safe_dump(out, sys.stdout, allow_unicode=True, sort_keys=False, width=120, default_flow_style=None)


if __name__ == "__main__":
    main()
