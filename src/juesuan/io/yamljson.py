"""YAML and JSON data packages: the same plain structure, two syntaxes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from juesuan.core.location import Location
from juesuan.core.model import Report
from juesuan.io.errors import InputError
from juesuan.io.package import report_from_plain, report_to_plain

__all__ = ["dump_json", "dump_yaml", "read_json", "read_yaml"]


class _Flow(dict[str, Any]):
    """A mapping written on one line (rows and cells), so that tables read like tables."""


# libyaml's parser and emitter when present (seven times faster on the example, see
# benchmarks/formats.py), the pure-Python ones otherwise; both give the same result.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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


def _text(path: Path) -> str:
    where = Location(file=str(path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(where, f"无法读取文件（{exc.strerror}）", f"cannot read file ({exc.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(where, f"文件不是 UTF-8 编码（第 {exc.start} 字节）",
                         f"file is not UTF-8 (byte {exc.start})",
                         "请以 UTF-8 编码保存后重试", "save it as UTF-8 and retry") from None


def read_yaml(path: Path) -> Report:
    """Read a YAML data package; a syntax error names its line and column."""
    where = Location(file=str(path))
    try:
        data = yaml.load(_text(path), Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = None if mark is None else mark.line + 1
        col = None if mark is None else mark.column + 1
        raise InputError(where.at(line=line), f"YAML 格式错误（第 {col} 列）：{exc.problem}",
                         f"malformed YAML (column {col}): {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise InputError(where, f"YAML 格式错误：{exc}", f"malformed YAML: {exc}") from None
    return report_from_plain(data, where)


def read_json(path: Path) -> Report:
    """Read a JSON data package; a syntax error names its line and column."""
    where = Location(file=str(path))
    try:
        data = json.loads(_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(where.at(line=exc.lineno), f"JSON 格式错误（第 {exc.colno} 列）：{exc.msg}",
                         f"malformed JSON (column {exc.colno}): {exc.msg}") from None
    return report_from_plain(data, where)
