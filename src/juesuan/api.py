"""The Python API: read any input into a Report, check it, write it.

    >>> from juesuan import api
    >>> report = api.read("examples/guangzhou-2020_dept-final.yaml")
    >>> result = api.check(report)
    >>> api.write(report, "out/gz.xlsx")
"""

from __future__ import annotations

from pathlib import Path

from juesuan.core.findings import CheckResult
from juesuan.core.model import Report
from juesuan.io import format_of, load, save
from juesuan.parse.report import read_report
from juesuan.rules import CheckConfig, Explanation
from juesuan.rules import check as run_checks

__all__ = ["PUBLISHED_SUFFIXES", "check", "read", "write"]

PUBLISHED_SUFFIXES = (".txt", ".pdf")


def read(path: Path | str) -> Report:
    """A data package (.yaml .json .xlsx .csv) or a published disclosure (.txt, .pdf) as a Report."""
    path = Path(path)
    if path.suffix.lower() in PUBLISHED_SUFFIXES or (format_of(path) is None and path.is_file()
                                                     and path.read_bytes()[:4] == b"%PDF"):
        return read_report(path)
    return load(path)


def check(report: Report, *, prior: Report | None = None, config: CheckConfig | None = None,
          explanations: tuple[Explanation, ...] = ()) -> CheckResult:
    """Every rule of the report's layout; findings and coverage as values."""
    return run_checks(report, prior=prior, config=config, explanations=explanations)


def write(report: Report, path: Path | str, key: str | None = None) -> Path:
    """Write a report as a data package, atomically."""
    return save(report, path, key)
