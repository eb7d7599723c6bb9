"""Tables in the terminal, laid out as published (two-sided tables side by side)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from juesuan.cli.console import styled
from juesuan.cli.messages import say
from juesuan.core.amounts import format_amount
from juesuan.core.catalogue import catalogue
from juesuan.core.errors import InputError
from juesuan.core.location import Location
from juesuan.core.model import Cell, CellKind, Report, Table
from juesuan.io.layout import layout_of, lead_header
from juesuan.io.package import template_of


def _cell_text(cell: Cell) -> Text:
    if cell.kind is CellKind.AMOUNT:
        assert cell.amount is not None
        style = "yellow" if cell.uncertain else ""
        return Text(format_amount(cell.amount, thousands=True), style=style)
    if cell.kind is CellKind.TEXT:
        return Text(cell.text or "", style="italic")
    return Text("")


def render_table(report: Report, table: Table, lang: str) -> RichTable:
    """One table as a rich table in the official layout."""
    spec = catalogue().spec(table.spec)
    assert spec is not None
    template = template_of(report.template, Location())
    grid = layout_of(table, spec, template.has_line_numbers)
    caption = say(lang, "table_caption", unit=report.money_unit, rows=len(table.rows))
    if len(table.rows) == 1 and not grid.blocks[0].lead:
        # One row of many nested columns (the 三公 table) reads better turned on its side.
        (row,) = table.rows
        out = RichTable(title=table.title, caption=caption, header_style="bold")
        out.add_column(say(lang, "col_label"))
        out.add_column(row.label or "", justify="right")
        for column in spec.columns:
            out.add_row(table.columns.get(column.key, column.header), _cell_text(row.cell(column.key)))
        return out
    out = RichTable(title=table.title, caption=caption, header_style="bold")
    for block in grid.blocks:
        prefix = f"{block.side_label}·" if block.side_label else ""
        for role in block.lead:
            header = {"code": say(lang, "col_code"), "line": say(lang, "col_line")}.get(
                role, lead_header(role, spec))
            out.add_column(prefix + header, no_wrap=role != "label", overflow="fold",
                           min_width=12 if role == "label" else None)
        for column in block.columns:
            out.add_column(prefix + table.columns.get(column.key, column.header).replace("/", "·"),
                           justify="right", no_wrap=True)
    for line in grid.lines:
        values: list[Text | str] = []
        for block, grid_row in zip(grid.blocks, line, strict=True):
            if grid_row is None:
                values.extend([""] * block.width)
                continue
            for role in block.lead:
                values.append({"code": grid_row.code or "", "label": grid_row.label,
                               "line": "" if grid_row.line is None else str(grid_row.line)}[role])
            values.extend(_cell_text(grid_row.cell(c.key)) for c in block.columns)
        out.add_row(*values)
    return out


def print_report(console: Console, report: Report, kinds: tuple[str, ...], lang: str) -> None:
    """Print the chosen tables (all when none is chosen)."""
    for kind in kinds:
        if kind not in report.tables:
            known = "、".join(report.tables)
            raise InputError(Location(file=report.source), say("zh", "no_table", kind=kind, known=known),
                             say("en", "no_table", kind=kind, known=known))
    console.print(styled((report.department, "bold"), f" {report.year}"))
    for kind, table in report.tables.items():
        if kinds and kind not in kinds:
            continue
        console.print(render_table(report, table, lang))
        if table.statement:
            console.print(f"  {table.statement}")
