"""The disclosure as people read it, from one view model: cover, 目录, the parts, every table.

The view model does every formatting decision once (amounts with thousands separators and their
published decimals, 行次 and codes as printed, header spans); the HTML template only places it.
"""

from __future__ import annotations

import html as markup
from dataclasses import dataclass
from decimal import Decimal

from juesuan.core.amounts import format_amount
from juesuan.core.catalogue import catalogue
from juesuan.core.facts import ProjectEvaluation
from juesuan.core.model import Cell, CellKind, Report, Table
from juesuan.io.layout import HeaderCell, header_cells, layout_of

__all__ = ["DocumentView", "SheetView", "TableView", "chinese_ordinal", "document_html", "glossary_lines",
           "view_of"]

_PART_ORDER = ("overview", "tables", "explanation", "performance", "glossary")


@dataclass(frozen=True, slots=True)
class TableView:
    """A table ready to place: title, header cells with spans, rows of strings, closing lines."""

    kind: str
    title: str
    headers: tuple[HeaderCell, ...]
    header_rows: int
    rows: tuple[tuple[tuple[str, str], ...], ...]  # (text, css class) per grid cell
    note: str | None
    statement: str | None


@dataclass(frozen=True, slots=True)
class SheetView:
    """A form-like table (项目支出绩效自评表): rows of (text, columns spanned, css class) on a fixed grid."""

    title: str
    columns: int
    rows: tuple[tuple[tuple[str, int, str], ...], ...]


@dataclass(frozen=True, slots=True)
class DocumentView:
    """Everything a renderer needs, formatted once."""

    department: str
    year: int
    money_unit: str
    contents: tuple[tuple[str, str], ...]  # (anchor, title)
    parts: tuple[tuple[str, str, str, tuple[str, ...]], ...]  # (anchor, part key, title, paragraphs)
    unit_header: tuple[str, ...]  # 序号, 单位名称, then 单位性质 and/or 备注 as the units carry them
    units: tuple[tuple[str, ...], ...]
    tables: tuple[TableView, ...]
    glossary: tuple[tuple[str, str], ...]
    sheets: tuple[SheetView, ...] = ()  # the 项目支出绩效自评表, placed in the part that speaks of 绩效
    sheets_in: str = "performance"


_DIGITS = "零一二三四五六七八九"


def chinese_ordinal(n: int) -> str:
    """一 … 九十九, as disclosures number their parts and glossary terms."""
    if not 0 < n < 100:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def glossary_lines(view: DocumentView) -> list[tuple[str, str]]:
    """The glossary as disclosures print it: "一、财政拨款收入：" then the definition, one paragraph each."""
    return [(f"{chinese_ordinal(n)}、{term}：", definition) for n, (term, definition) in enumerate(view.glossary, 1)]


def _cell(cell: Cell) -> tuple[str, str]:
    if cell.kind is CellKind.AMOUNT:
        assert cell.amount is not None
        return format_amount(cell.amount, thousands=True), "num"
    if cell.kind is CellKind.TEXT:
        return cell.text or "", "text"
    return "", "num"


def _table_view(report: Report, table: Table) -> TableView:
    spec = catalogue().spec(table.spec)
    assert spec is not None  # tables are validated against the catalogue when read
    template = catalogue().template(report.template)
    grid = layout_of(table, spec, bool(template and template.has_line_numbers))
    rows = []
    for line in grid.lines:
        cells: list[tuple[str, str]] = []
        for block, row in zip(grid.blocks, line, strict=True):
            if row is None:
                cells += [("", "")] * block.width
                continue
            for role in block.lead:
                text = {"code": row.code or "", "label": row.label,
                        "line": "" if row.line is None else str(row.line)}[role]
                cells.append((text, role))
            cells += [_cell(row.cell(c.key)) for c in block.columns]
        rows.append(tuple(cells))
    return TableView(table.kind, table.title, tuple(header_cells(spec, grid)),
                     grid.header_depth + (1 if grid.numbered else 0), tuple(rows), table.note, table.statement)


def _number(value: Decimal | None, percent: bool = False) -> str:
    if value is None:
        return ""
    return f"{format_amount(value, thousands=True)}{'%' if percent else ''}"


def _project_sheet(project: ProjectEvaluation) -> SheetView:
    """A 项目支出绩效自评表 in the layout the reader knows (parse/performance.py): one row per line.
    Names, labels and numbers do not wrap (class label/num), so each row's figures stay on its first
    line; only the long texts (goals, outcomes, analysis) wrap."""
    rows: list[tuple[tuple[str, int, str], ...]] = [
        (("项目名称", 1, "head"), (project.name, 7, "label")),
        (("主管部门", 1, "head"), (project.department or "", 3, "label"), ("实施单位", 1, "head"),
         (project.implementer or "", 3, "label")),
        (("项目资金(万元)", 2, "head"), ("全年预算数", 1, "head"), ("全年执行数", 1, "head"), ("分值", 1, "head"),
         ("执行率", 1, "head"), ("得分", 1, "head"), ("", 1, "head")),
    ]
    execution = project.execution
    for funds in project.funds:
        line = [(funds.source, 2, "label"), (_number(funds.budget), 1, "num"), (_number(funds.executed), 1, "num")]
        if funds.source.startswith("总额") and execution is not None:
            line += [(_number(execution.weight), 1, "num"), (_number(execution.rate, percent=True), 1, "num"),
                     (_number(execution.score), 1, "num"), ("", 1, "")]
        else:
            line += [("", 4, "")]
        rows.append(tuple(line))
    if project.goals or project.outcomes:
        rows.append((("年度总体目标", 1, "head"), (project.goals or "", 3, "text"), ("实际完成情况", 1, "head"),
                     (project.outcomes or "", 3, "text")))
    rows.append(tuple((h, 1, "head") for h in ("指标类别", "一级指标", "二级指标", "年度指标值", "实际完成值", "分值",
                                               "得分", "偏差原因分析")))
    for item in project.indicators:
        rows.append(((item.category or "", 1, "label"), (item.level1 or "", 1, "label"), (item.level2, 1, "label"),
                     (item.target or "", 1, "num"), (item.actual or "", 1, "num"), (_number(item.weight), 1, "num"),
                     (_number(item.score), 1, "num"), (item.analysis or "", 1, "text")))
    weights = [i.weight for i in project.indicators if i.weight is not None]
    if execution is not None and execution.weight is not None:
        weights.append(execution.weight)
    total_weight = sum(weights, Decimal(0)) if weights else None
    rows.append((("总分", 5, "head"), (_number(total_weight), 1, "num"), (_number(project.total_score), 1, "num"),
                 ("", 1, "")))
    return SheetView(f"{project.name} 项目支出绩效自评表", 8, tuple(rows))


def view_of(report: Report) -> DocumentView:
    """The view model of a report's disclosure."""
    perf = report.facts.performance
    parts = []
    for index, part in enumerate(report.narrative):
        if part.part in _PART_ORDER:
            paragraphs = tuple(p.strip() for p in part.text.splitlines() if p.strip())
            parts.append((f"part-{index}", part.part, part.title, paragraphs))
    if not any(p[1] == "tables" for p in parts):
        parts.append(("part-tables", "tables", f"{report.department}{report.year}年度部门决算表", ()))
        parts.sort(key=lambda p: _PART_ORDER.index(p[1]))
    tables = tuple(_table_view(report, t) for t in report.tables.values())
    contents = []
    for anchor, key, title, _ in parts:
        contents.append((anchor, title))
        if key == "tables":
            contents += [(f"table-{t.kind}", f"　{t.title}") for t in tables]
    extra = [(head, f) for head, f in (("单位性质", "nature"), ("备注", "note"))
             if any(getattr(u, f) for u in report.units)]
    return DocumentView(
        department=report.department, year=report.year, money_unit=report.money_unit, contents=tuple(contents),
        parts=tuple(parts), unit_header=("序号", "单位名称", *tuple(h for h, _ in extra)),
        units=tuple((str(i), u.name, *(getattr(u, f) or "" for _, f in extra))
                    for i, u in enumerate(report.units, start=1)),
        tables=tables, glossary=tuple((g.term, g.definition) for g in report.glossary),
        sheets=tuple(_project_sheet(p) for p in (perf.projects if perf else ())),
        sheets_in="performance" if any(p[1] == "performance" for p in parts) else "explanation",
    )


_CSS = """
@page{size:A4;margin:18mm 15mm;@bottom-center{content:counter(page);font-size:9pt}}
@page:first{@bottom-center{content:none}}
@page wide{size:A4 landscape;margin:15mm 15mm}
section.table{page:wide}
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;color:#111;line-height:1.7;
max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{text-align:center;font-size:1.8rem;margin:30vh 0 1rem}h2{font-size:1.3rem;margin-top:2.5rem}
h3{font-size:1.1rem;text-align:center;margin-top:2rem}p{text-indent:2em;margin:.3rem 0}
.cover{text-align:center;page-break-after:always}nav ol{list-style:none;padding:0}nav a{color:#111}
section.table table{table-layout:fixed}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.85rem;page-break-inside:auto}
th,td{border:1px solid #333;padding:.15rem .35rem}th{background:#f2f2f2;font-weight:normal;text-align:center}
thead{display:table-header-group}tr{page-break-inside:avoid}td.num{text-align:right;white-space:nowrap}
td.code,td.line{text-align:center;white-space:nowrap}.unit{text-align:right;font-size:.85rem;margin:0}
.note{font-size:.85rem;text-indent:0}section.table{page-break-before:always}
p.term{text-indent:2em;margin:.4rem 0}table.units{table-layout:fixed}
section.sheet{page:wide;page-break-before:always}table.sheet{table-layout:fixed;font-size:.7rem}
table.sheet td,table.sheet th{vertical-align:top}
table.sheet th,table.sheet td.label,table.sheet td.num{white-space:nowrap}
@media print{body{margin:0;max-width:none}h1{margin-top:35%}}
"""


def _column_widths(view: TableView) -> list[float]:
    """Each column's share of the width, by the longest text it holds (between 3 and 16 characters),
    so that the table lays out at a fixed width instead of being measured cell by cell."""
    count = max((len(r) for r in view.rows), default=0) or max(h.column + h.columns for h in view.headers)
    longest = [3] * count
    for row in view.rows:
        for i, (text, _) in enumerate(row):
            longest[i] = max(longest[i], min(len(text), 16))
    for head in view.headers:
        if head.columns == 1:  # a header over one column: its words may wrap onto two lines
            longest[head.column] = max(longest[head.column], min((len(head.text) + 1) // 2, 16))
    total = sum(longest)
    return [100 * n / total for n in longest]


def _table_html(view: TableView, department: str, unit: str) -> str:
    e = markup.escape
    head_rows: list[list[str]] = [[] for _ in range(view.header_rows)]
    for h in view.headers:
        spans = (f' rowspan="{h.rows}"' if h.rows > 1 else "") + (f' colspan="{h.columns}"' if h.columns > 1 else "")
        head_rows[h.row].append(f'<th scope="col"{spans}>{e(h.text)}</th>')
    body = "".join("<tr>" + "".join(f'<td class="{cls}">{e(text)}</td>' for text, cls in row) + "</tr>"
                   for row in view.rows)
    closing = ""
    widths = _column_widths(view)
    columns = "".join(f'<col style="width:{w:.1f}%"/>' for w in widths)
    if view.statement:
        closing += f'<p class="note">{e(view.statement)}</p>'
    if view.note:
        closing += f'<p class="note">注：{e(view.note)}</p>'
    return (f'<section class="table" id="table-{e(view.kind)}"><h3>{e(view.title)}</h3>'
            f'<p class="unit">部门：{e(department)}　　单位：{e(unit)}</p><table><caption hidden="">{e(view.title)}'
            f'</caption><colgroup>{columns}</colgroup>'
            f'<thead>{"".join("<tr>" + "".join(r) + "</tr>" for r in head_rows)}</thead>'
            f"<tbody>{body}</tbody></table>{closing}</section>")


def _sheet_cell(text: str, span: int, kind: str) -> str:
    tag, attributes = ("th", ' scope="row"') if kind == "head" else ("td", f' class="{kind}"')
    if span > 1:
        attributes += f' colspan="{span}"'
    return f"<{tag}{attributes}>{markup.escape(text)}</{tag}>"


_SHEET_LINE = 92  # characters of .7rem text across a landscape A4 page, less the cell padding


def _text_width(text: str) -> float:
    """The width of a text in CJK characters (digits and Latin letters are about half as wide)."""
    return sum(0.55 if ord(ch) < 128 else 1.0 for ch in text)


def _sheet_widths(sheet: SheetView) -> list[float]:
    """Column widths (percent) of a form-like table at a fixed layout: each column as wide as its
    longest text that must not wrap (names, labels, figures), the columns of long texts sharing the
    rest. A fixed layout spares WeasyPrint measuring every cell (0.8 s on the Guangzhou document)."""
    need = [0.0] * sheet.columns
    for row in sheet.rows:
        start = 0
        for text, span, kind in row:
            if span == 1 and kind != "text":
                need[start] = max(need[start], _text_width(text) + 1)
            start += span
    wrapping = [c for c, n in enumerate(need) if n == 0] or [sheet.columns - 1]
    rest = max(_SHEET_LINE - sum(need), 12 * len(wrapping))
    for c in wrapping:
        need[c] = rest / len(wrapping)
    total = sum(need)
    return [100 * n / total for n in need]


def _sheet_html(sheet: SheetView) -> str:
    e = markup.escape
    columns = "".join(f'<col style="width:{w:.1f}%"/>' for w in _sheet_widths(sheet))
    body = "".join("<tr>" + "".join(_sheet_cell(*cell) for cell in row) + "</tr>" for row in sheet.rows)
    return (f'<section class="sheet"><h3>{e(sheet.title)}</h3><table class="sheet"><caption hidden="">{e(sheet.title)}'
            f"</caption><colgroup>{columns}</colgroup><tbody>{body}</tbody></table></section>")


def document_html(view: DocumentView) -> str:
    """The whole disclosure as one standalone HTML page (with a print stylesheet for A4)."""
    e = markup.escape
    title = f"{view.department}{view.year}年度部门决算"
    out = [f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"/><title>{e(title)}</title>',
           f"<style>{_CSS}</style></head><body>",
           f'<div class="cover"><h1>{e(view.department)}</h1><p style="text-indent:0;font-size:1.4rem">'
           f"{view.year}年度部门决算</p></div>",
           '<nav><h2>目　录</h2><ol>' + "".join(f'<li><a href="#{a}">{e(t)}</a></li>' for a, t in view.contents)
           + "</ol></nav>"]
    for anchor, key, part_title, paragraphs in view.parts:
        out.append(f'<section id="{anchor}"><h2>{e(part_title)}</h2>')
        if key == "glossary" and view.glossary:
            out += [f'<p class="term"><b>{e(t)}</b>{e(d)}</p>' for t, d in glossary_lines(view)]
        else:
            out += [f"<p>{e(p)}</p>" for p in paragraphs]
        if key == "overview" and view.units:
            head = "".join(f'<th scope="col">{e(h)}</th>' for h in view.unit_header)
            body = "".join("<tr>" + f'<td class="code">{e(row[0])}</td>' + "".join(f"<td>{e(t)}</td>" for t in row[1:])
                           + "</tr>" for row in view.units)
            extra = len(view.unit_header) - 2  # 单位性质 and/or 备注, as the units carry them
            widths = (8, 92 - 40 * bool(extra), *([40 / extra] * extra if extra else []))
            columns = "".join(f'<col style="width:{w:.1f}%"/>' for w in widths)
            out.append(f'<table class="units"><colgroup>{columns}</colgroup><thead><tr>{head}</tr></thead>'
                       f"<tbody>{body}</tbody></table>")
        if key == "tables":
            out += [_table_html(t, view.department, view.money_unit) for t in view.tables]
        if key == view.sheets_in:
            out += [_sheet_html(s) for s in view.sheets]
        out.append("</section>")
    out.append("</body></html>\n")
    return "".join(out)
