"""The Excel workbook in the official layout, written and read back exactly.

One sheet per table as published (title, 部门/单位 line, nested headers, 栏次, rows); codes and
行次 as text, amounts as numbers shown with their published decimals. Sheets 单位构成, 情况说明 and
名词解释 hold the text. The hidden sheet `_juesuan` keeps the stable keys (table kinds, column
keys, row keys and positions, provenance, the facts), so a finance officer can edit values,
labels, codes and text in the visible sheets and the workbook still reads back.
"""

from __future__ import annotations

import json
import math
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from juesuan.core.amounts import AmountError, decimals, read_amount
from juesuan.core.catalogue import TableSpec, catalogue
from juesuan.core.errors import InputError
from juesuan.core.limits import limit, limit_error
from juesuan.core.location import Location
from juesuan.core.model import CellKind, Report, Row, Table
from juesuan.core.printable import printable
from juesuan.io.files import read_input
from juesuan.io.flat import flatten, unflatten
from juesuan.io.layout import GridLayout, header_cells, layout_of
from juesuan.io.package import (
    cell_to_plain,
    report_from_plain,
    report_to_plain,
    resolve_spec,
    template_of,
)
from juesuan.io.plain import to_plain
from juesuan.io.syntax import load_json

__all__ = ["dump_xlsx", "read_xlsx"]

KEYS_SHEET = "_juesuan"
UNITS_SHEET, TEXT_SHEET, GLOSSARY_SHEET, FACTS_SHEET = "单位构成", "情况说明", "名词解释", "其他事项"
# Chinese names of the fact fields, shown beside their paths on the 其他事项 sheet.
_FACT_NAMES = {
    "three_public": "“三公”经费相关统计数", "outbound_groups": "因公出国(境)团组数",
    "outbound_people": "因公出国(境)人次", "vehicles_purchased": "公务用车购置数",
    "vehicles_held": "公务用车保有量", "domestic_reception_batches": "国内公务接待批次",
    "domestic_reception_people": "国内公务接待人次", "foreign_reception_batches": "外宾接待批次",
    "foreign_reception_people": "外宾接待人次", "operating_expenses": "机关运行经费", "amount": "金额",
    "budget": "预算数", "prior_year": "上年数", "procurement": "政府采购", "total": "总额",
    "goods": "货物", "works": "工程", "services": "服务", "sme": "授予中小企业合同金额",
    "small_micro": "其中：授予小微企业合同金额", "assets": "国有资产占用", "vehicles": "车辆数",
    "vehicles_by_type": "车辆（按用途）", "general_equipment_500k": "单价50万元以上通用设备（台、套）",
    "special_equipment_1m": "单价100万元以上专用设备（台、套）", "equipment_1m": "单价100万元以上设备（台、套）",
    "performance": "绩效", "projects_evaluated": "绩效自评项目数", "projects_amount": "绩效自评项目金额",
    "projects_share": "占项目支出比例(%)", "average_score": "平均得分", "department": "部门整体支出绩效",
    "executed": "执行数", "rate": "完成率(%)", "expected_rate": "预期完成率(%)", "targets": "绩效目标",
    "indicator": "关键指标", "goal": "部门整体支出目标", "expected": "预期实现值", "outcome": "指标完成情况",
    "projects": "项目支出绩效自评", "name": "项目名称", "implementer": "实施单位", "funds": "项目资金",
    "source": "资金来源", "execution": "预算执行率", "weight": "分值", "score": "得分",
    "goals": "年度绩效目标", "outcomes": "目标实际完成情况", "indicators": "绩效指标",
    "category": "指标类别", "level1": "一级指标", "level2": "二级指标", "target": "年度指标值",
    "actual": "实际完成指标值", "analysis": "偏差原因分析及改进措施", "total_score": "总分",
    "grade": "等级", "reference": "上年数与预算数", "subject": "对应项目", "basis": "口径",
    "stated": "原文",
}
_CHUNK = 30000  # Excel holds at most 32,767 characters in a cell
_CHUNKS_MOST = 1000  # columns of JSON chunks on the keys sheet: 30 MB, far beyond any report
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="EDEFF3")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _number_format(value: Decimal) -> str:
    places = decimals(value)
    return "#,##0" + ("." + "0" * places if places else "")


def _sheet_name(title: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("", title)[:31] or "表"
    name, n = base, 2
    while name in taken:
        suffix = f"({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def _write_headers(ws: Worksheet, spec: TableSpec, grid: GridLayout, top: int) -> int:
    """Write the nested header rows (and 栏次) from row `top`; return the first data row."""
    rows = grid.header_depth + (1 if grid.numbered else 0)
    width = sum(b.width for b in grid.blocks)
    for r in range(top, top + rows):
        for c in range(1, width + 1):
            ws.cell(r, c).border = _BOX
            ws.cell(r, c).fill = _HEAD_FILL
            ws.cell(r, c).font = Font(bold=True)
    for head in header_cells(spec, grid):
        cell = ws.cell(top + head.row, head.column + 1, head.text or None)
        cell.alignment = _CENTER
        if head.rows > 1 or head.columns > 1:
            ws.merge_cells(start_row=top + head.row, start_column=head.column + 1,
                           end_row=top + head.row + head.rows - 1, end_column=head.column + head.columns)
    return top + rows


def _write_table(ws: Worksheet, report: Report, table: Table, spec: TableSpec,
                 with_lines: bool) -> dict[str, Any]:
    grid = layout_of(table, spec, with_lines)
    width = sum(b.width for b in grid.blocks)
    ws.cell(1, 1, table.title).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 1))
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.cell(2, 1, f"部门：{report.department}")
    ws.cell(2, max(width, 1), f"单位：{report.money_unit}").alignment = Alignment(horizontal="right")
    first = _write_headers(ws, spec, grid, 3)
    keymap: dict[str, Any] = {"sheet": ws.title, "first_row": first, "rows": [], "columns": {},
                              "texts": [], "extra": {}}
    for b_index, block in enumerate(grid.blocks):
        start = grid.block_start(b_index) + 1
        for i, column in enumerate(block.columns):
            keymap["columns"][get_column_letter(start + len(block.lead) + i)] = column.key
    order = {id(row): i for i, row in enumerate(table.rows)}
    for offset, line in enumerate(grid.lines):
        r = first + offset
        for b_index, row in enumerate(line):
            block = grid.blocks[b_index]
            start = grid.block_start(b_index) + 1
            for c in range(start, start + block.width):
                ws.cell(r, c).border = _BOX
            if row is None:
                continue
            keymap["rows"].append({"r": r, "block": b_index, "i": order[id(row)],
                                   "key": row.key, "code": row.code})
            for j, role in enumerate(block.lead):
                value = {"code": row.code, "label": row.label,
                         "line": None if row.line is None else str(row.line)}[role]
                cell = ws.cell(r, start + j, value)
                cell.number_format = "@"
            for i, column in enumerate(block.columns):
                _write_cell(ws, r, start + len(block.lead) + i, row, column.key, keymap)
    for c in range(1, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 14
    for b_index, block in enumerate(grid.blocks):
        start = grid.block_start(b_index) + 1
        for j, role in enumerate(block.lead):
            ws.column_dimensions[get_column_letter(start + j)].width = (
                {"code": 12, "label": 34, "line": 6}[role])
    ws.freeze_panes = f"A{first}"
    return keymap


def _write_cell(ws: Worksheet, r: int, c: int, row: Row, column: str, keymap: dict[str, Any]) -> None:
    cell = row.cell(column)
    target = ws.cell(r, c)
    place = f"{get_column_letter(c)}{r}"
    if cell.kind is CellKind.AMOUNT:
        assert cell.amount is not None
        target.value = float(cell.amount) if decimals(cell.amount) else int(cell.amount)
        target.number_format = _number_format(cell.amount)
    elif cell.kind is CellKind.TEXT:
        target.value = cell.text
        target.number_format = "@"
        keymap["texts"].append(place)
    if cell.provenance is not None or cell.uncertain is not None:
        plain = cell_to_plain(cell)
        keymap["extra"][place] = {k: v for k, v in plain.items() if k not in ("value", "text")}


def _write_text_sheets(wb: Workbook, report: Report) -> None:
    ws = wb.create_sheet(UNITS_SHEET)
    ws.append(["序号", "单位名称", "单位性质", "备注"])
    for i, unit in enumerate(report.units, start=1):
        ws.append([i, unit.name, unit.nature, unit.note])
    ws = wb.create_sheet(TEXT_SHEET)
    ws.append(["部分", "标题", "页码", "正文"])
    for part in report.narrative:
        ws.append([part.part, part.title, part.page, part.text])
    ws = wb.create_sheet(GLOSSARY_SHEET)
    ws.append(["序号", "名词", "解释"])
    for i, entry in enumerate(report.glossary, start=1):
        ws.append([i, entry.term, entry.definition])
    ws = wb.create_sheet(FACTS_SHEET)
    ws.append(["字段", "名称", "值"])
    for path, value in flatten(to_plain(report.facts)):
        leaf = path.rsplit(".", 1)[-1].split("[", 1)[0]
        ws.append([path, _FACT_NAMES.get(leaf, leaf), value])
        if isinstance(value, str):
            ws.cell(ws.max_row, 3).number_format = "@"  # amounts keep their published decimals
    for name, widths in ((UNITS_SHEET, (6, 40, 20, 30)), (TEXT_SHEET, (12, 40, 6, 100)),
                         (GLOSSARY_SHEET, (6, 24, 100)), (FACTS_SHEET, (48, 30, 60))):
        sheet = wb[name]
        for i, w in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = w
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = _HEAD_FILL


def _put_json(ws: Worksheet, key: str, value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    ws.append([key, *[text[i:i + _CHUNK] for i in range(0, len(text), _CHUNK)]])


def dump_xlsx(report: Report) -> bytes:
    """The report as an Excel workbook in the official layout (control characters, which a
    workbook cannot hold, left out)."""
    report = printable(report)
    template = template_of(report.template, Location())
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    keys = wb.create_sheet(KEYS_SHEET)
    keys.sheet_state = "hidden"
    meta = report_to_plain(report)
    for name in ("units", "narrative", "glossary", "facts"):
        del meta[name]
    taken: set[str] = {KEYS_SHEET, UNITS_SHEET, TEXT_SHEET, GLOSSARY_SHEET, FACTS_SHEET}
    maps: dict[str, Any] = {}
    for kind, table in report.tables.items():
        spec = catalogue().spec(table.spec)
        assert spec is not None  # tables are validated against the catalogue when read
        ws = wb.create_sheet(_sheet_name(table.title, taken))
        maps[kind] = _write_table(ws, report, table, spec, template.has_line_numbers)
        del meta["tables"][kind]["rows"]
    _write_text_sheets(wb, report)
    _put_json(keys, "report", meta)
    for kind, keymap in maps.items():
        _put_json(keys, f"table:{kind}", keymap)
    wb.move_sheet(KEYS_SHEET, offset=len(wb.sheetnames))
    wb.active = 0
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- reading

@dataclass(frozen=True, slots=True)
class _Sheet:
    """A sheet's cells that hold something: value and number format by (row, column)."""

    name: str
    cells: dict[tuple[int, int], tuple[Any, str]]

    def value(self, r: int, c: int) -> Any:
        return self.cells.get((r, c), (None, ""))[0]

    def number_format(self, r: int, c: int) -> str:
        return self.cells.get((r, c), (None, "General"))[1]

    def rows(self, min_row: int, width: int) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """Each row from `min_row` on that holds something in its first `width` columns, with their
        values (in time of the cells held, not of the sheet's extent)."""
        held = sorted({r for r, c in self.cells if r >= min_row and c <= width})
        for r in held:
            yield r, tuple(self.value(r, c) for c in range(1, width + 1))


def _read_workbook(path: Path, where: Location) -> dict[str, _Sheet]:
    """Every sheet of the workbook, read once in order (openpyxl's streaming mode), within the size
    and rows limits. openpyxl is the parser of a file the user gives: whatever it raises on a damaged
    workbook (zip, deflate, XML) means the file is not a valid workbook."""
    data = read_input(path)
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > limit("file_mb") * 1024 * 1024:  # a small file that unpacks to gigabytes
            raise limit_error("file_mb", unpacked // (1024 * 1024), where)
        with warnings.catch_warnings():  # openpyxl's warnings about a file are not the user's to read
            warnings.simplefilter("ignore")
            wb = load_workbook(BytesIO(data), read_only=True, data_only=True)
            try:
                return {ws.title: _sheet(ws, where) for ws in wb.worksheets}
            finally:
                wb.close()
    except InputError:
        raise
    except Exception as exc:
        raise InputError(where, f"不是有效的 Excel 工作簿，或文件已损坏（{type(exc).__name__}）",
                         f"not a valid Excel workbook, or a damaged one ({type(exc).__name__})") from None


def _sheet(ws: Any, where: Location) -> _Sheet:
    """One sheet's cells that hold something, every row (not only those its own dimension claims)."""
    most_rows = limit("rows")
    cells: dict[tuple[int, int], tuple[Any, str]] = {}
    ws.reset_dimensions()
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            if cell.row > most_rows:
                raise limit_error("rows", None, where.at(sheet=ws.title))
            cells[(cell.row, cell.column)] = (cell.value, cell.number_format)
    return _Sheet(ws.title, cells)


def _get_json(sheet: _Sheet, where: Location) -> dict[str, Any]:
    out: dict[str, Any] = {}
    width = max((c for _, c in sheet.cells), default=1)
    if width > _CHUNKS_MOST:
        raise _damaged(where)
    for _, row in sheet.rows(1, width):
        if row[0] is None:
            continue
        out[str(row[0])] = load_json("".join(str(v) for v in row[1:] if v is not None),
                                     where.at(field=str(row[0])))
    return out


def _read_value(value: Any, number_format: str, is_text: bool, where: Location) -> Any:
    """The plain cell value of an Excel cell: "12.30", None or {text: ...}."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if is_text:
        return {"text": str(value)}
    if isinstance(value, bool):
        raise InputError(where, f"金额单元格中是逻辑值：{value!r}", f"boolean in an amount cell: {value!r}")
    if isinstance(value, int | float):
        # The number format carries the published decimals ("#,##0.00" → 2).
        places = sum(1 for ch in number_format.split(".")[1] if ch == "0") if "." in number_format else 0
        text = repr(value) if isinstance(value, float) else str(value)
        if len(text) > limit("number_chars") or not math.isfinite(value) or abs(value) >= 1e18:
            raise InputError(where, f"金额单元格中的数不像金额：{text[:40]}", f"not an amount: {text[:40]}",
                             "请填写数字，或清空该单元格", "enter a number or clear the cell")
        return str(Decimal(text).quantize(Decimal(1).scaleb(-min(places, 10))))
    try:
        amount = read_amount(str(value))
    except AmountError:
        raise InputError(where, f"金额单元格中是文字：{value!r}", f"text in an amount cell: {value!r}",
                         "请填写数字，或清空该单元格", "enter a number or clear the cell") from None
    return None if amount is None else str(value)


def _read_table(ws: _Sheet, spec: TableSpec, keymap: _Keymap, with_lines: bool,
                where: Location) -> list[dict[str, Any]]:
    rows_out: list[dict[str, Any]] = []
    empty = Table(kind=spec.kind, spec=spec.id, title=spec.title, rows=())
    blocks = layout_of(empty, spec, with_lines).blocks
    mapped = {entry.r for entry in keymap.rows}
    for entry in sorted(keymap.rows, key=lambda e: e.i):
        if entry.block >= len(blocks):
            raise _damaged(where.at(field=f"第 {entry.r} 行"))
        r, block = entry.r, blocks[entry.block]
        start = sum(b.width for b in blocks[:entry.block]) + 1
        lead = {role: ws.value(r, start + j) for j, role in enumerate(block.lead)}
        label = str(lead.get("label") or "")
        here = where.at(row=label or entry.code or entry.key)
        row: dict[str, Any] = {}
        if entry.key is not None:
            row["key"] = entry.key
        else:
            code = lead.get("code") if "code" in lead else entry.code
            row["code"] = str(code if code is not None else "")
        row["label"] = label
        if lead.get("line") not in (None, ""):
            line = str(lead["line"])
            if not line.isdigit() or len(line) > 6:
                raise InputError(here.at(column="行次"), f"行次应为整数，实为 {line[:20]!r}",
                                 f"line must be an integer, got {line[:20]!r}")
            row["line"] = int(line)
        cells: dict[str, Any] = {}
        for i, column in enumerate(block.columns):
            c = start + len(block.lead) + i
            letter = get_column_letter(c)
            place = f"{letter}{r}"
            value = _read_value(ws.value(r, c), ws.number_format(r, c), place in keymap.texts,
                                here.at(column=column.header, field=place))
            if place in keymap.extra:
                value = {("text" if isinstance(value, dict) else "value"):
                         (value["text"] if isinstance(value, dict) else value), **keymap.extra[place]}
            if value is not None:
                cells[keymap.columns.get(letter, column.key)] = value
        row["cells"] = cells
        rows_out.append(row)
    # A row the user added cannot be keyed safely: say so rather than guess.
    width = sum(b.width for b in blocks)
    for r, values in ws.rows(keymap.first_row, width):
        if r in mapped or all(v in (None, "") for v in values):
            continue
        raise InputError(where.at(field=f"第 {r} 行"), "无法识别的行（不是 juesuan 写出的行）",
                         "unrecognised row (not written by juesuan)",
                         "新增科目请在数据包（YAML/JSON）中添加", "add new rows in the YAML/JSON package")
    return rows_out


@dataclass(frozen=True, slots=True)
class _RowKey:
    r: int
    i: int
    block: int
    key: str | None
    code: str | None


@dataclass(frozen=True, slots=True)
class _Keymap:
    """Where a table's keys are on its sheet, as the hidden sheet records them."""

    sheet: str
    first_row: int
    rows: tuple[_RowKey, ...]
    columns: dict[str, str]
    texts: frozenset[str]
    extra: dict[str, dict[str, Any]]


def _damaged(where: Location) -> InputError:
    return InputError(where, "键值工作表已损坏", "the keys sheet is damaged",
                      "请勿修改隐藏的 _juesuan 工作表", "do not edit the hidden _juesuan sheet")


def _keymap(value: Any, where: Location) -> _Keymap:
    """A table's entry of the hidden sheet, checked for its shape (it may have been edited)."""
    def number(v: Any, lowest: int) -> int:
        if isinstance(v, bool) or not isinstance(v, int) or not lowest <= v <= limit("rows"):
            raise _damaged(where)
        return v

    def text(v: Any) -> str | None:
        if v is not None and not isinstance(v, str):
            raise _damaged(where)
        return v

    if not isinstance(value, dict) or not isinstance(value.get("sheet"), str):
        raise _damaged(where)
    rows, columns = value.get("rows"), value.get("columns")
    texts, extra = value.get("texts"), value.get("extra")
    if (not isinstance(rows, list) or not isinstance(columns, dict) or not isinstance(texts, list)
            or not isinstance(extra, dict) or not all(isinstance(e, dict) for e in rows)
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in columns.items())
            or not all(isinstance(t, str) for t in texts) or not all(isinstance(e, dict) for e in extra.values())):
        raise _damaged(where)
    keys = tuple(_RowKey(number(e.get("r"), 1), number(e.get("i"), 0), number(e.get("block"), 0),
                         text(e.get("key")), text(e.get("code"))) for e in rows)
    return _Keymap(value["sheet"], number(value.get("first_row"), 1), keys, columns, frozenset(texts), extra)



def read_xlsx(path: Path) -> Report:
    """Read a workbook written by juesuan (values and text as the user left them)."""
    where = Location(file=str(path))
    sheets = _read_workbook(path, where)
    if KEYS_SHEET not in sheets:
        raise InputError(where.at(sheet=KEYS_SHEET), "缺少 juesuan 键值工作表（隐藏）",
                         "the hidden juesuan keys sheet is missing",
                         "只能读取由 juesuan 写出的工作簿", "only workbooks written by juesuan can be read")
    keys = _get_json(sheets[KEYS_SHEET], where.at(sheet=KEYS_SHEET))
    meta = keys.get("report")
    if not isinstance(meta, dict) or not isinstance(meta.get("tables"), dict) or not all(
            isinstance(t, dict) for t in meta["tables"].values()):
        raise _damaged(where.at(sheet=KEYS_SHEET))
    template = template_of(meta.get("template"), where)
    for kind, table in meta["tables"].items():
        title = str(table.get("title") or kind)
        if f"table:{kind}" not in keys:
            raise InputError(where.at(table=title), "键值工作表中缺少此表", "table missing from the keys sheet")
        keymap = _keymap(keys[f"table:{kind}"], where.at(sheet=KEYS_SHEET, table=title))
        if keymap.sheet not in sheets:
            raise InputError(where.at(sheet=keymap.sheet, table=title), "缺少工作表",
                             "sheet is missing", "请勿删除或重命名表格工作表",
                             "do not delete or rename the table sheets")
        spec = resolve_spec(kind, table.get("spec"), template, where)
        table["rows"] = _read_table(sheets[keymap.sheet], spec, keymap, template.has_line_numbers,
                                    where.at(sheet=keymap.sheet, table=title))
    meta["units"] = _rows_of(sheets, UNITS_SHEET, where, lambda v: {
        k: x for k, x in (("name", v[1]), ("nature", v[2]), ("note", v[3])) if x is not None})
    meta["narrative"] = _rows_of(sheets, TEXT_SHEET, where, lambda v: {
        k: x for k, x in (("part", v[0]), ("title", v[1]), ("page", v[2]), ("text", v[3] or ""))
        if x is not None})
    meta["glossary"] = _rows_of(sheets, GLOSSARY_SHEET, where, lambda v: {
        "term": v[1], "definition": v[2] or ""})
    pairs = _rows_of(sheets, FACTS_SHEET, where, lambda v: (str(v[0] or ""), v[2]))
    try:
        meta["facts"] = unflatten(pairs)
    except ValueError as exc:
        raise InputError(where.at(sheet=FACTS_SHEET, field=str(exc)), "字段路径无效", "invalid field path",
                         "请勿修改“字段”列", "do not edit the 字段 column") from None
    return report_from_plain(meta, where)


def _rows_of(sheets: dict[str, _Sheet], name: str, where: Location, build: Any) -> list[Any]:
    if name not in sheets:
        raise InputError(where.at(sheet=name), "缺少工作表", "sheet is missing")
    return [build(values) for _, values in sheets[name].rows(2, 4) if not all(v in (None, "") for v in values)]
