"""The Python API: read any input into a Report, check it, write it.

    >>> from juesuan import api
    >>> report = api.read("examples/guangzhou-2020_dept-final.yaml")
    >>> result = api.check(report)
    >>> api.write(report, "out/gz.xlsx")

Errors: these functions raise only juesuan's own errors (juesuan.core.errors):
- InputError: the file cannot be read (missing, damaged, past a limit …); `.where` is the place,
  `.render("zh" | "en")` the message;
- OutputError: the output cannot be written; nothing partial is left;
- ArgumentError (a TypeError and a ValueError): an argument of the wrong type or value, such as a
  path that is not a path, or a format key that does not exist (a template that does not exist is
  an InputError: it comes from the command line as often as from code).
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from juesuan.core.catalogue import catalogue
from juesuan.core.errors import ArgumentError
from juesuan.core.findings import CheckResult
from juesuan.core.location import Location
from juesuan.core.model import Report
from juesuan.io import FORMATS, InputError, format_of, load, save
from juesuan.io.files import read_input
from juesuan.parse.report import read_disclosure
from juesuan.rules import CheckConfig, Explanation
from juesuan.rules import check as run_checks

__all__ = ["PUBLISHED_SUFFIXES", "check", "read", "read_with_notes", "with_template", "write"]

PUBLISHED_SUFFIXES = (".txt", ".pdf")


def read(path: Path | str, template: str | None = None) -> Report:
    """A data package (.yaml .json .xlsx .csv) or a published disclosure (.txt, .pdf) as a Report.

    `template` names the layout to read a disclosure in (or to hold a package's tables in) instead
    of the one the reader infers from the document (or the package states)."""
    return read_with_notes(path, template)[0]


def read_with_notes(path: Path | str, template: str | None = None) -> tuple[Report, tuple[str, ...]]:
    """`read`, with what the reader noticed on the way (layout chosen, names that disagree …)."""
    path = _path(path)
    _expect(template, (str, type(None)), "template")
    if path.suffix.lower() in PUBLISHED_SUFFIXES or (format_of(path) is None and read_input(path)[:4] == b"%PDF"):
        reading = read_disclosure(path, template)
        return reading.report, reading.notes
    report = load(path)
    return (report, ()) if template is None else (with_template(report, template, Location(file=str(path))), ())


def with_template(report: Report, template_id: str, where: Location) -> Report:
    """The report held in another layout of the catalogue, when every table of it fits that layout."""
    templates = catalogue().templates
    template = templates.get(template_id)
    if template is None:
        known = "、".join(templates)
        raise InputError(Location(field="--template"), f"没有表样 {template_id}（可用：{known}）",
                         f"no layout {template_id} (known: {', '.join(templates)})")
    misfits = template.misfits({kind: table.spec for kind, table in report.tables.items()})
    if misfits:
        titles = "、".join(f"「{report.tables[k].title}」" for k in misfits)
        raise InputError(where, f"{titles}不是表样「{template.name}」的表，不能按此表样处理",
                         f"the tables {', '.join(misfits)} do not fit the layout of {template_id}")
    return replace(report, template=template_id)


def check(report: Report, *, prior: Report | None = None, config: CheckConfig | None = None,
          explanations: tuple[Explanation, ...] = ()) -> CheckResult:
    """Every rule of the report's layout; findings and coverage as values."""
    _expect(report, Report, "report")
    _expect(prior, (Report, type(None)), "prior")
    _expect(config, (CheckConfig, type(None)), "config")
    _expect(explanations, (tuple, list), "explanations")
    for explanation in explanations:
        _expect(explanation, Explanation, "explanations[…]")
    return run_checks(report, prior=prior, config=config, explanations=explanations)


def write(report: Report, path: Path | str, key: str | None = None) -> Path:
    """Write a report as a data package, atomically; the format is `key` (yaml json xlsx csv) or
    the path's suffix."""
    _expect(report, Report, "report")
    _expect(key, (str, type(None)), "key")
    if key is not None and key not in FORMATS:
        raise ArgumentError(f"key must be one of {', '.join(FORMATS)}, not {key!r}")
    return save(report, _path(path), key)


def _expect(value: Any, types: type | tuple[type, ...], name: str) -> None:
    if not isinstance(value, types):
        wanted = " or ".join(t.__name__ for t in (types if isinstance(types, tuple) else (types,)))
        raise ArgumentError(f"{name} must be {wanted}, not {type(value).__name__}")


def _path(path: Any) -> Path:
    if isinstance(path, str | os.PathLike) and not isinstance(path, bytes) and str(path) and "\0" not in str(path):
        return Path(path)
    raise ArgumentError(f"path must be a path (str or os.PathLike), not {path!r:.60}")
