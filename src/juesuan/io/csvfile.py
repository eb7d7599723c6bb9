"""The tidy CSV: one line per table cell, the rest of the report in one leading `#` line.

Columns (docs/data-package.md): table_kind, table_title, row_key, row_code, row_label,
row_line, column_key, column_header, value, kind, page, provenance, uncertain.
`page` is where the cell was printed (the cell's page, else its table's), for analysts;
`provenance` keeps the cell's exact provenance as JSON so that the file reads back exactly.
Read it with pandas as `pd.read_csv(path, skiprows=1, dtype=str)`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from juesuan.core.amounts import format_amount
from juesuan.core.errors import InputError
from juesuan.core.limits import limit, limit_error
from juesuan.core.location import Location
from juesuan.core.model import CellKind, Report
from juesuan.io.files import read_utf8
from juesuan.io.package import SCHEMA, report_from_plain, report_to_plain
from juesuan.io.plain import to_plain
from juesuan.io.syntax import load_json

__all__ = ["COLUMNS", "dump_csv", "read_csv"]

COLUMNS = (
    "table_kind", "table_title", "row_key", "row_code", "row_label", "row_line",
    "column_key", "column_header", "value", "kind", "page", "provenance", "uncertain",
)
_META = f"# {SCHEMA} "


def dump_csv(report: Report) -> str:
    """The report as a tidy CSV (UTF-8 with BOM, so that Excel opens it as UTF-8)."""
    meta = report_to_plain(report)
    for table in meta["tables"].values():
        del table["rows"]
    out = io.StringIO()
    out.write("\ufeff" + _META + json.dumps(meta, ensure_ascii=False, separators=(",", ":")) + "\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for kind, table in report.tables.items():
        for row in table.rows:
            for column, cell in row.cells.items():
                prov = cell.provenance
                page = prov.page if prov is not None and prov.page is not None else table.page
                prov_json = ""
                if prov is not None:
                    prov_json = json.dumps(to_plain(prov), ensure_ascii=False, separators=(",", ":"))
                if cell.kind is CellKind.AMOUNT:
                    assert cell.amount is not None
                    value = format_amount(cell.amount)
                else:
                    value = cell.text or ""
                writer.writerow((
                    kind, table.title, row.key or "", row.code or "", row.label,
                    "" if row.line is None else row.line, column, table.columns.get(column, column),
                    value, cell.kind.value, "" if page is None else page, prov_json,
                    cell.uncertain or "",
                ))
    return out.getvalue()


def _cell(line: dict[str, str], where: Location) -> Any:
    kind = line["kind"]
    value: Any
    if kind == CellKind.AMOUNT.value:
        value = line["value"]
        if value == "":
            raise InputError(where, "kind 为 amount 但 value 为空", "kind is amount but value is empty")
    elif kind == CellKind.TEXT.value:
        value = {"text": line["value"]}
    elif kind == CellKind.BLANK.value:
        value = None
    else:
        raise InputError(where.at(field="kind"), f"kind 应为 amount、blank 或 text，实为 {kind!r}",
                         f"kind must be amount, blank or text, got {kind!r}")
    extra: dict[str, Any] = {}
    if line["provenance"]:
        extra = load_json(line["provenance"], where.at(field="provenance"))
        if not isinstance(extra, dict):
            raise InputError(where.at(field="provenance"), "provenance 应为 JSON 对象",
                             "provenance must be a JSON object")
    if line["uncertain"]:
        extra["uncertain"] = line["uncertain"]
    if not extra:
        return value
    base = value if isinstance(value, dict) else {"value": value}
    return {**base, **extra}


def read_csv(path: Path) -> Report:
    """Read a tidy CSV written by juesuan back into the same report."""
    where = Location(file=str(path))
    first, _, body = read_utf8(path).partition("\n")
    if not first.startswith(_META):
        raise InputError(where.at(line=1), f"第一行应为 juesuan 元数据（以 {_META.strip()!r} 开头）",
                         f"the first line must be juesuan metadata (starting {_META.strip()!r})",
                         "只能读取由 juesuan 写出的 CSV", "only CSV files written by juesuan can be read")
    meta = load_json(first[len(_META):], where.at(line=1, field="元数据"))
    if not isinstance(meta, dict) or not isinstance(meta.get("tables"), dict):
        raise InputError(where.at(line=1), "元数据缺少 tables", "metadata lacks tables")
    reader = csv.DictReader(io.StringIO(body))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise InputError(where.at(line=2), f"缺少列：{', '.join(missing)}", f"missing columns: {', '.join(missing)}")
    rows: dict[str, dict[str, dict[str, Any]]] = {kind: {} for kind in meta["tables"]}
    for line in _lines(reader, where):
        number = reader.line_num + 1  # the metadata line is not the reader's
        here = where.at(line=number, table=line["table_title"] or line["table_kind"],
                        row=line["row_label"] or line["row_code"] or line["row_key"],
                        column=line["column_header"])
        kind = line["table_kind"]
        if kind not in rows:
            raise InputError(here, f"元数据中没有表 {kind!r}", f"table {kind!r} is not in the metadata")
        ident = ("key", line["row_key"]) if line["row_key"] else ("code", line["row_code"])
        row = rows[kind].setdefault(f"{ident[0]}:{ident[1]}", {ident[0]: ident[1], "label": line["row_label"]})
        if line["row_line"]:
            try:
                row["line"] = int(line["row_line"])
            except ValueError:
                raise InputError(here.at(field="row_line"), "行次应为整数", "row_line must be an integer") from None
        cells = row.setdefault("cells", {})
        if line["column_key"] in cells:
            raise InputError(here, "同一单元格出现两次", "the same cell appears twice")
        cells[line["column_key"]] = _cell(line, here)
    for kind, table in meta["tables"].items():
        table["rows"] = list(rows[kind].values())
    return report_from_plain(meta, where)


def _lines(reader: csv.DictReader[str], where: Location) -> Iterator[dict[str, str]]:
    """The reader's lines, within the rows limit; a line the csv module cannot read names its line."""
    most = limit("rows")
    try:
        for count, line in enumerate(reader, start=1):
            if count > most:
                raise limit_error("rows", None, where)
            if None in line or None in line.values():
                raise InputError(where.at(line=reader.line_num + 1), "此行的栏数与表头不符",
                                 "this line has more or fewer fields than the header")
            yield line
    except csv.Error as exc:
        # the line the csv module could not finish is one past those it counted
        raise InputError(where.at(line=reader.line_num + 2), f"CSV 格式错误：{exc}", f"malformed CSV: {exc}") from None
