"""YAML and JSON data packages: the same plain structure, two syntaxes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from juesuan.core.location import Location
from juesuan.core.model import Report
from juesuan.io.files import read_utf8
from juesuan.io.package import report_from_plain, report_to_plain
from juesuan.io.syntax import load_json, load_yaml

__all__ = ["dump_json", "dump_yaml", "read_json", "read_yaml"]


class _Flow(dict[str, Any]):
    """A mapping written on one line (rows and cells), so that tables read like tables."""


# libyaml's emitter when present (seven times faster on the example, see benchmarks/formats.py),
# the pure-Python one otherwise; both give the same result. Reading is io/syntax.py's.
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(_Flow, _flow)


def _flow_rows(plain: dict[str, Any]) -> dict[str, Any]:
    for table in plain.get("tables", {}).values():
        table["rows"] = [_Flow(r) for r in table["rows"]]
        table["columns"] = _Flow(table["columns"])
    return plain


def dump_yaml(report: Report) -> str:
    """The report as a YAML data package."""
    plain = _flow_rows(report_to_plain(report))
    return yaml.dump(plain, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def dump_json(report: Report) -> str:
    """The report as a JSON data package."""
    return json.dumps(report_to_plain(report), ensure_ascii=False, indent=2) + "\n"


def read_yaml(path: Path) -> Report:
    """Read a YAML data package; a syntax error names its line and column."""
    where = Location(file=str(path))
    return report_from_plain(load_yaml(read_utf8(path), where), where)


def read_json(path: Path) -> Report:
    """Read a JSON data package; a syntax error names its line and column."""
    where = Location(file=str(path))
    return report_from_plain(load_json(read_utf8(path), where), where)
