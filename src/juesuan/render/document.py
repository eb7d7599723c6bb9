"""The disclosure as people read it, from one view model: cover, 目录, the parts, every table.

The view model does every formatting decision once (amounts with thousands separators and their
published decimals, 行次 and codes as printed, header spans); the HTML template only places it.
"""

from __future__ import annotations

import html as markup
from dataclasses import dataclass

from juesuan.core.amounts import format_amount
from juesuan.core.catalogue import catalogue
from juesuan.core.model import Cell, CellKind, Report, Table
from juesuan.io.layout import HeaderCell, header_cells, layout_of

__all__ = ["DocumentView", "TableView", "document_html", "view_of"]

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
class DocumentView:
    """Everything a renderer needs, formatted once."""

    department: str
    year: int
    money_unit: str
    contents: tuple[tuple[str, str], ...]  # (anchor, title)
    parts: tuple[tuple[str, str, str, tuple[str, ...]], ...]  # (anchor, part key, title, paragraphs)
    units: tuple[tuple[str, str, str], ...]
    tables: tuple[TableView, ...]
    glossary: tuple[tuple[str, str], ...]


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


def view_of(report: Report) -> DocumentView:
    """The view model of a report's disclosure."""
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
    return DocumentView(
        department=report.department, year=report.year, money_unit=report.money_unit, contents=tuple(contents),
        parts=tuple(parts), units=tuple((str(i), u.name, u.nature or u.note or "")
                                        for i, u in enumerate(report.units, start=1)),
        tables=tables, glossary=tuple((g.term, g.definition) for g in report.glossary),
    )


_CSS = """
@page{size:A4;margin:18mm 15mm}
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;color:#111;line-height:1.7;
max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{text-align:center;font-size:1.8rem;margin:30vh 0 1rem}h2{font-size:1.3rem;margin-top:2.5rem}
h3{font-size:1.1rem;text-align:center;margin-top:2rem}p{text-indent:2em;margin:.3rem 0}
.cover{text-align:center;page-break-after:always}nav ol{list-style:none;padding:0}nav a{color:#111}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.85rem;page-break-inside:auto}
th,td{border:1px solid #333;padding:.15rem .35rem}th{background:#f2f2f2;font-weight:normal;text-align:center}
thead{display:table-header-group}tr{page-break-inside:avoid}td.num{text-align:right;white-space:nowrap}
td.code,td.line{text-align:center;white-space:nowrap}.unit{text-align:right;font-size:.85rem;margin:0}
.note{font-size:.85rem;text-indent:0}section.table{page-break-before:always}
dt{font-weight:bold;margin-top:.6rem}dd{margin:0 0 0 2em}
@media print{body{margin:0;max-width:none}h1{margin-top:35%}}
"""


def _table_html(view: TableView, department: str, unit: str) -> str:
    e = markup.escape
    head_rows: list[list[str]] = [[] for _ in range(view.header_rows)]
    for h in view.headers:
        spans = (f' rowspan="{h.rows}"' if h.rows > 1 else "") + (f' colspan="{h.columns}"' if h.columns > 1 else "")
        head_rows[h.row].append(f'<th scope="col"{spans}>{e(h.text)}</th>')
    body = "".join("<tr>" + "".join(f'<td class="{cls}">{e(text)}</td>' for text, cls in row) + "</tr>"
                   for row in view.rows)
    closing = ""
    if view.statement:
        closing += f'<p class="note">{e(view.statement)}</p>'
    if view.note:
        closing += f'<p class="note">注：{e(view.note)}</p>'
    return (f'<section class="table" id="table-{e(view.kind)}"><h3>{e(view.title)}</h3>'
            f'<p class="unit">部门：{e(department)}　　单位：{e(unit)}</p><table><caption hidden>{e(view.title)}'
            f'</caption><thead>{"".join("<tr>" + "".join(r) + "</tr>" for r in head_rows)}</thead>'
            f"<tbody>{body}</tbody></table>{closing}</section>")


def document_html(view: DocumentView) -> str:
    """The whole disclosure as one standalone HTML page (with a print stylesheet for A4)."""
    e = markup.escape
    title = f"{view.department}{view.year}年度部门决算"
    out = [f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{e(title)}</title>',
           f"<style>{_CSS}</style></head><body>",
           f'<div class="cover"><h1>{e(view.department)}</h1><p style="text-indent:0;font-size:1.4rem">'
           f"{view.year}年度部门决算</p></div>",
           '<nav><h2>目　录</h2><ol>' + "".join(f'<li><a href="#{a}">{e(t)}</a></li>' for a, t in view.contents)
           + "</ol></nav>"]
    for anchor, key, part_title, paragraphs in view.parts:
        out.append(f'<section id="{anchor}"><h2>{e(part_title)}</h2>')
        if key == "glossary" and view.glossary:
            out.append("<dl>" + "".join(f"<dt>{e(t)}</dt><dd>{e(d)}</dd>" for t, d in view.glossary) + "</dl>")
        else:
            out += [f"<p>{e(p)}</p>" for p in paragraphs]
        if key == "overview" and view.units:
            out.append('<table><thead><tr><th scope="col">序号</th><th scope="col">单位名称</th>'
                       '<th scope="col">单位性质</th></tr></thead><tbody>'
                       + "".join(f'<tr><td class="code">{e(n)}</td><td>{e(name)}</td><td>{e(nature)}</td></tr>'
                                 for n, name, nature in view.units) + "</tbody></table>")
        if key == "tables":
            out += [_table_html(t, view.department, view.money_unit) for t in view.tables]
        out.append("</section>")
    out.append("</body></html>\n")
    return "".join(out)
