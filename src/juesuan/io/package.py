"""The data package: a Report as plain values (the shared shape of YAML and JSON), both ways.

Reading validates against the catalogue and normalises, so that every format reads back to the
same Report: each row gets a cell for every column of its side (blank when not given), and the
table's headers are completed from its spec.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from juesuan.core.amounts import AmountError, format_amount, read_amount
from juesuan.core.catalogue import TableSpec, Template, catalogue
from juesuan.core.codes import CodeError, normalise_code, system_of
from juesuan.core.errors import InputError
from juesuan.core.facts import Facts
from juesuan.core.location import Location
from juesuan.core.model import (
    BLANK,
    Cell,
    CellKind,
    GlossaryEntry,
    NarrativePart,
    Provenance,
    Report,
    Row,
    Table,
    Unit,
)
from juesuan.io.plain import from_plain, to_plain

__all__ = ["SCHEMA", "cell_from_plain", "cell_to_plain", "report_from_plain", "report_to_plain",
           "resolve_spec", "template_of"]

SCHEMA = "juesuan/report-1"
_TOP_KEYS = ("schema", "department", "year", "template", "money_unit", "region", "source",
             "units", "tables", "narrative", "glossary", "facts", "unrecognised")
_CELL_KEYS = frozenset({"value", "text", "page", "line", "box", "uncertain", "source", "candidates",
                        "placed_by"})
_TABLE_KEYS = frozenset({"title", "spec", "page", "note", "statement", "columns", "rows",
                         "confidence", "doubts", "pages", "printed", "unreadable"})
_ROW_KEYS = frozenset({"key", "code", "label", "line", "cells"})


# ---------------------------------------------------------------- writing

def cell_to_plain(cell: Cell) -> Any:
    """A cell as a plain value: "12.30", None, {text: ...}, or a mapping with provenance."""
    if cell.kind is CellKind.AMOUNT:
        assert cell.amount is not None  # guaranteed by Cell's own check
        core: Any = format_amount(cell.amount)
        key = "value"
    elif cell.kind is CellKind.TEXT:
        core, key = cell.text, "text"
    else:
        core, key = None, "value"
    if cell.provenance is None and cell.uncertain is None and cell.kind is not CellKind.TEXT:
        return core
    out: dict[str, Any] = {key: core}
    if cell.provenance is not None:
        out.update(to_plain(cell.provenance))
    if cell.uncertain is not None:
        out["uncertain"] = cell.uncertain
    return out


def _row_to_plain(row: Row) -> dict[str, Any]:
    out: dict[str, Any] = {"key": row.key} if row.key is not None else {"code": row.code}
    out["label"] = row.label
    if row.line is not None:
        out["line"] = row.line
    out["cells"] = {k: cell_to_plain(c) for k, c in row.cells.items()}
    return out


def _table_to_plain(table: Table, template: Template) -> dict[str, Any]:
    out: dict[str, Any] = {"title": table.title}
    default = template.spec(table.kind)
    if default is None or default.id != table.spec:
        out["spec"] = table.spec
    for name in ("page", "note", "statement"):
        value = getattr(table, name)
        if value is not None:
            out[name] = value
    if table.confidence != 1.0:
        out["confidence"] = table.confidence
    if table.doubts:
        out["doubts"] = list(table.doubts)
    if table.pages:
        out["pages"] = list(table.pages)
    for name in ("printed", "unreadable"):
        value = getattr(table, name)
        if value is not None:
            out[name] = value
    out["columns"] = dict(table.columns)
    out["rows"] = [_row_to_plain(r) for r in table.rows]
    return out


def report_to_plain(report: Report) -> dict[str, Any]:
    """The report as plain values, in the documented order (docs/data-package.md)."""
    template = template_of(report.template, Location())
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "department": report.department,
        "year": report.year,
        "template": report.template,
        "money_unit": report.money_unit,
    }
    if report.region is not None:
        out["region"] = report.region
    if report.source is not None:
        out["source"] = report.source
    out["units"] = [to_plain(u) for u in report.units]
    out["tables"] = {k: _table_to_plain(t, template) for k, t in report.tables.items()}
    out["narrative"] = [to_plain(p) for p in report.narrative]
    out["glossary"] = [to_plain(g) for g in report.glossary]
    out["facts"] = to_plain(report.facts)
    if report.unrecognised:
        out["unrecognised"] = list(report.unrecognised)
    return out


# ---------------------------------------------------------------- reading

def template_of(template_id: Any, where: Location) -> Template:
    template = catalogue().template(str(template_id))
    if template is None:
        known = "、".join(catalogue().templates)
        raise InputError(
            where.at(field="template"),
            f"未知的模板 {template_id!r}",
            f"unknown template {template_id!r}",
            f"可用模板：{known}",
            f"known templates: {known}",
        )
    return template


def resolve_spec(kind: str, spec_id: Any, template: Template, where: Location) -> TableSpec:
    """The spec of a table kind: the one named, else the template's."""
    cat = catalogue()
    if kind not in cat.kinds:
        known = "、".join(cat.kinds)
        raise InputError(where, f"未知的表 {kind!r}", f"unknown table {kind!r}",
                         f"可用的表：{known}", f"known tables: {known}")
    if spec_id is None:
        spec = template.spec(kind)
        if spec is not None:
            return spec
        options = cat.specs_of_kind(kind)
        return options[0]
    spec = cat.spec(str(spec_id))
    if spec is None or spec.kind != kind:
        ids = "、".join(s.id for s in cat.specs_of_kind(kind))
        raise InputError(where.at(field="spec"), f"表样 {spec_id!r} 不属于 {kind}",
                         f"layout {spec_id!r} is not a {kind} layout",
                         f"可用表样：{ids}", f"known layouts: {ids}")
    return spec


def _provenance(value: dict[str, Any], where: Location) -> Provenance:
    """Where a cell was read, from its plain form, each field checked for its type."""
    def whole(name: str) -> int | None:
        v = value.get(name)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or not 0 <= v < 10**7):
            raise InputError(where.at(field=name), f"{name} 应为整数（页码或行号）",
                             f"{name} must be a whole number (a page or line)")
        return v

    def words(name: str) -> str | None:
        v = value.get(name)
        if v is not None and not isinstance(v, str):
            raise InputError(where.at(field=name), f"{name} 应为文字", f"{name} must be words")
        return v

    box = value.get("box")
    if box is not None and (not isinstance(box, list) or len(box) != 4 or not all(
            isinstance(b, int | float) and not isinstance(b, bool) and math.isfinite(b) for b in box)):
        raise InputError(where.at(field="box"), "box 应为四个数 [x0, top, x1, bottom]",
                         "box must be four numbers [x0, top, x1, bottom]")
    candidates = value.get("candidates") or []
    if not isinstance(candidates, list) or not all(isinstance(c, str) for c in candidates):
        raise InputError(where.at(field="candidates"), "candidates 应为列键的列表",
                         "candidates must be a list of column keys")
    return Provenance(source=words("source"), page=whole("page"), line=whole("line"),
                      box=None if box is None else (float(box[0]), float(box[1]), float(box[2]), float(box[3])),
                      candidates=tuple(candidates), placed_by=words("placed_by"))


def cell_from_plain(value: Any, where: Location) -> Cell:
    """A cell from its plain form; amounts are read exactly, text is never coerced."""
    if isinstance(value, dict):
        unknown = set(value) - _CELL_KEYS
        if unknown or ("value" in value) == ("text" in value):
            raise InputError(where, f"单元格格式无效：{value!r:.80}", f"invalid cell: {value!r:.80}",
                             "应为金额字符串、null、{text: ...} 或 {value: ..., page: ...}",
                             "use an amount string, null, {text: ...} or {value: ..., page: ...}")
        prov = _provenance(value, where) if any(
            k in value for k in ("page", "line", "box", "source", "candidates", "placed_by")) else None
        uncertain = value.get("uncertain")
        if uncertain is not None and not isinstance(uncertain, str):
            raise InputError(where.at(field="uncertain"), "uncertain 应为文字（存疑的原因）",
                             "uncertain must be words (the reason for the doubt)")
        if "text" in value:
            return Cell(CellKind.TEXT, text=str(value["text"]), provenance=prov,
                        uncertain=uncertain)
        base = cell_from_plain(value["value"], where)
        return Cell(base.kind, amount=base.amount, provenance=prov, uncertain=uncertain)
    if value is None:
        return BLANK
    if isinstance(value, bool):
        raise InputError(where, f"不是金额：{value!r}", f"not an amount: {value!r}")
    if isinstance(value, int | float | Decimal):
        value = repr(value) if isinstance(value, float) else str(value)
    if not isinstance(value, str):
        raise InputError(where, f"单元格格式无效：{value!r:.80}", f"invalid cell: {value!r:.80}")
    try:
        amount = read_amount(value)
    except AmountError:
        raise InputError(
            where, f"金额单元格中是文字：{value!r}", f"text in an amount cell: {value!r}",
            "金额请写数字；确是文字时写成 {text: ...}",
            "write a number, or {text: ...} if the cell really holds text",
        ) from None
    return BLANK if amount is None else Cell.of(amount)


def _expect(kind: type | tuple[type, ...], value: Any, where: Location, zh: str, en: str) -> Any:
    if not isinstance(value, kind) or isinstance(value, bool):
        raise InputError(where, f"{zh}，实为 {value!r:.80}", f"{en}, got {value!r:.80}")
    return value


def _words(raw: dict[str, Any], name: str, where: Location) -> str | None:
    """An optional field of words: absent, null, or a string (a whole number is taken as its digits,
    as io/plain.py does; a list, a mapping or a fraction is refused)."""
    value = raw.get(name)
    if value is None:
        return None
    return str(_expect((str, int), value, where.at(field=name), f"{name} 应为文字", f"{name} must be words"))


def _row_from_plain(raw: Any, spec: TableSpec, where: Location) -> Row:
    _expect(dict, raw, where, "行应为键值映射", "a row must be a mapping")
    unknown = set(raw) - _ROW_KEYS
    if unknown:
        raise InputError(where, f"行中有未知字段 {sorted(unknown)}", f"unknown row fields {sorted(unknown)}")
    key, code = raw.get("key"), raw.get("code")
    label = str(raw.get("label") or "")
    if (key is None) == (code is None):
        raise InputError(where.at(row=label or None), "每行须有 key（固定行）或 code（科目编码）之一",
                         "each row needs exactly one of key (fixed row) or code")
    side: str | None
    if key is not None:
        row_spec = spec.row(str(key))
        if row_spec is None:
            known = "、".join(r.key for r in spec.rows)
            raise InputError(where.at(row=str(key)), f"表中没有固定行 {key!r}", f"no fixed row {key!r}",
                             f"可用：{known}", f"known: {known}")
        side, key = row_spec.side, str(key)
        label = label or row_spec.label
    else:
        if spec.classified_by is None:
            raise InputError(where.at(row=str(code)), "此表没有按科目编码分类的行",
                             "this table has no classified rows")
        try:
            code = normalise_code(str(code))
        except CodeError as exc:
            raise InputError(where.at(row=str(code)), str(exc), f"malformed code {code!r}") from None
        if system_of(code) is None:
            raise InputError(where.at(row=code), f"科目编码 {code} 不属于任何分类体系",
                             f"code {code} fits no classification")
        side = spec.side_of_code(code)
    where = where.at(row=label or key or code)
    cells_raw = raw.get("cells") or {}
    _expect(dict, cells_raw, where, "cells 应为键值映射", "cells must be a mapping")
    columns = spec.columns_of(side)
    allowed = {c.key for c in columns}
    for col in cells_raw:
        if col not in allowed:
            known = "、".join(sorted(allowed))
            raise InputError(where.at(column=str(col)), f"此行没有列 {col!r}", f"no column {col!r} in this row",
                             f"可用列：{known}", f"known columns: {known}")
    cells = {c.key: cell_from_plain(cells_raw.get(c.key), where.at(column=c.header)) for c in columns}
    line = raw.get("line")
    if line is not None:
        _expect(int, line, where.at(field="line"), "行次应为整数", "line must be an integer")
    return Row(label=label, cells=cells, key=key, code=code, side=side, line=line)


def _table_from_plain(kind: str, raw: Any, template: Template, where: Location) -> Table:
    _expect(dict, raw, where, "表应为键值映射", "a table must be a mapping")
    unknown = set(raw) - _TABLE_KEYS
    if unknown:
        raise InputError(where, f"表中有未知字段 {sorted(unknown)}", f"unknown table fields {sorted(unknown)}")
    spec = resolve_spec(kind, raw.get("spec"), template, where)
    where = where.at(table=str(raw.get("title") or spec.title))
    headers_raw = raw.get("columns") or {}
    _expect(dict, headers_raw, where.at(field="columns"), "columns 应为键值映射", "columns must be a mapping")
    for col in headers_raw:
        if spec.column(str(col)) is None:
            raise InputError(where.at(column=str(col)), f"表样中没有列 {col!r}", f"no column {col!r}")
    headers = {c.key: str(headers_raw.get(c.key) or c.header) for c in spec.columns}
    rows_raw = raw.get("rows") or []
    _expect(list, rows_raw, where.at(field="rows"), "rows 应为列表", "rows must be a list")
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(rows_raw, start=1):
        row = _row_from_plain(item, spec, where.at(row=f"第 {i} 行"))
        if row.ident in seen:
            what = "科目编码" if row.code else "固定行"
            raise InputError(
                where.at(row=row.label or row.ident),
                f"重复的{what} {row.ident}（第 {seen[row.ident]} 行与第 {i} 行）",
                f"duplicate {'code' if row.code else 'row'} {row.ident} (rows {seen[row.ident]} and {i})",
                "每个科目编码在一张表中只能出现一次", "each code may appear once per table",
            )
        seen[row.ident] = i
        rows.append(row)
    doubts = _expect(list, raw.get("doubts") or [], where.at(field="doubts"), "doubts 应为列表",
                     "doubts must be a list")
    pages = _expect(list, raw.get("pages") or [], where.at(field="pages"), "pages 应为页码列表",
                    "pages must be a list of page numbers")
    if not all(isinstance(p, int) and not isinstance(p, bool) for p in pages):
        raise InputError(where.at(field="pages"), "pages 应为页码列表", "pages must be a list of page numbers")
    printed = raw.get("printed")
    if printed is not None and (isinstance(printed, bool) or not isinstance(printed, int)):
        raise InputError(where.at(field="printed"), "printed 应为整数", "printed must be an integer")
    unreadable = raw.get("unreadable")
    return Table(
        kind=kind,
        spec=spec.id,
        title=str(raw.get("title") or spec.title),
        rows=tuple(rows),
        columns=headers,
        note=_words(raw, "note", where),
        statement=_words(raw, "statement", where),
        page=None if raw.get("page") is None else _expect(int, raw["page"], where.at(field="page"),
                                                           "page 应为页码", "page must be a page number"),
        confidence=float(_expect((int, float), raw.get("confidence", 1.0), where.at(field="confidence"),
                                 "confidence 应为 0 到 1 之间的数", "confidence must be a number from 0 to 1")),
        doubts=tuple(str(d) for d in doubts),
        pages=tuple(pages),
        printed=printed,
        unreadable=None if unreadable is None else str(unreadable),
    )


def report_from_plain(data: Any, where: Location) -> Report:
    """Validate and build a Report from plain values; any problem is an InputError naming where."""
    _expect(dict, data, where, "数据包应为键值映射", "a data package must be a mapping")
    unknown = sorted(set(data) - set(_TOP_KEYS))
    if unknown:
        raise InputError(where.at(field=", ".join(map(str, unknown))), "未知字段", "unknown field(s)",
                         f"可用字段：{'、'.join(_TOP_KEYS)}", f"known fields: {', '.join(_TOP_KEYS)}")
    schema = data.get("schema")
    if schema != SCHEMA:
        raise InputError(where.at(field="schema"), f"不支持的数据包格式 {schema!r}，应为 {SCHEMA}",
                         f"unsupported package schema {schema!r}, expected {SCHEMA}")
    for name in ("department", "year", "template", "tables"):
        if data.get(name) in (None, ""):
            raise InputError(where.at(field=name), "缺少必填字段", "missing required field")
    year = _expect(int, data["year"], where.at(field="year"), "年度应为整数", "year must be an integer")
    template = template_of(data["template"], where)
    tables_raw = _expect(dict, data["tables"], where.at(field="tables"), "tables 应为键值映射",
                         "tables must be a mapping")
    tables = {
        str(kind): _table_from_plain(str(kind), raw, template, where.at(table=str(kind)))
        for kind, raw in tables_raw.items()
    }
    units = tuple(from_plain(Unit, u, where, f"units[{i}]") for i, u in enumerate(data.get("units") or []))
    narrative = tuple(
        from_plain(NarrativePart, p, where, f"narrative[{i}]")
        for i, p in enumerate(data.get("narrative") or [])
    )
    glossary = tuple(
        from_plain(GlossaryEntry, g, where, f"glossary[{i}]")
        for i, g in enumerate(data.get("glossary") or [])
    )
    facts = from_plain(Facts, data.get("facts") or {}, where, "facts")
    return Report(
        department=str(_words(data, "department", where)),
        year=year,
        template=template.id,
        tables=tables,
        money_unit=_words(data, "money_unit", where) or "万元",
        region=_words(data, "region", where),
        units=units,
        narrative=narrative,
        glossary=glossary,
        facts=facts,
        source=_words(data, "source", where),
        unrecognised=tuple(str(u) for u in _expect(list, data.get("unrecognised") or [],
                                                   where.at(field="unrecognised"), "unrecognised 应为列表",
                                                   "unrecognised must be a list")),
    )
