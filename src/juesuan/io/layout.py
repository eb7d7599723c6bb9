"""The official layout of a table on a grid: header rows, lead columns, and where each row sits.

Shared by the Excel writer and reader (and by later renderers): a two-sided table puts its sides
next to each other, income row 行次 n beside expenditure row 行次 n + offset as published.
"""

from __future__ import annotations

from dataclasses import dataclass

from juesuan.core.catalogue import ColumnSpec, TableSpec
from juesuan.core.model import Row, Table

__all__ = ["Block", "GridLayout", "HeaderCell", "header_cells", "layout_of", "lead_header"]


@dataclass(frozen=True, slots=True)
class Block:
    """One side of a table on the grid: its lead columns (code, name, 行次) and data columns."""

    side: str | None
    side_label: str | None
    lead: tuple[str, ...]          # lead column roles: "code", "label", "line"
    columns: tuple[ColumnSpec, ...]

    @property
    def width(self) -> int:
        return len(self.lead) + len(self.columns)


@dataclass(frozen=True, slots=True)
class GridLayout:
    blocks: tuple[Block, ...]
    header_depth: int
    numbered: bool                         # a 栏次 row under the headers
    lines: tuple[tuple[Row | None, ...], ...]  # grid lines of rows, one entry per block

    def block_start(self, index: int) -> int:
        """0-based grid column where block `index` starts."""
        return sum(b.width for b in self.blocks[:index])


_LEAD_HEADERS = {"code": "科目编码", "label": "科目名称", "line": "行次"}


def lead_header(role: str, spec: TableSpec) -> str:
    if role == "label" and spec.classified_by is None:
        return "项目" if spec.kind != "non_tax" else "科目名称"
    if role == "code":
        return "功能分类科目编码" if spec.classified_by == "function" else "经济分类科目编码"
    return _LEAD_HEADERS[role]


def _lead(spec: TableSpec, with_lines: bool) -> tuple[str, ...]:
    if spec.classified_by is not None:
        return ("code", "label")
    if len(spec.rows) == 1 and not spec.sides:
        return ()  # the 三公 table: one row of amounts, no name column
    numbered_rows = with_lines and any(r.line is not None for r in spec.rows)
    return ("label", "line") if numbered_rows else ("label",)


def _positions(spec: TableSpec, rows: list[Row], side: str | None) -> dict[int, Row]:
    """Grid position of each row of one side: by catalogue 行次 where known, else in order."""
    lines = {r.key: r.line for r in spec.rows if r.line is not None}
    if rows and all(r.key is not None and r.key in lines for r in rows):
        offset = min(lines[str(r.key)] for r in rows) - 1 if side != spec.sides[0].key else 0
        return {lines[str(r.key)] - offset: r for r in rows}
    # No 行次: body rows in order, trailing fixed rows (合计 lines) aligned at the bottom later.
    tail_start = len(rows)
    while tail_start > 0 and rows[tail_start - 1].key is not None and rows[tail_start - 1].code is None:
        tail_start -= 1
    if tail_start == 0:
        tail_start = len(rows)
    out = {i + 1: r for i, r in enumerate(rows[:tail_start])}
    out.update({-(len(rows) - tail_start - i): r for i, r in enumerate(rows[tail_start:])})
    return out


def layout_of(table: Table, spec: TableSpec, with_lines: bool) -> GridLayout:
    """Where every header and row of the table goes on the grid."""
    lead = _lead(spec, with_lines)
    sides = spec.sides or ()
    if sides:
        blocks = tuple(Block(s.key, s.label, lead, spec.columns_of(s.key)) for s in sides)
    else:
        blocks = (Block(None, None, lead, spec.columns),)
    depth = max(len(c.header_levels) for c in spec.columns) + (1 if sides else 0)
    numbered = any(c.number is not None for c in spec.columns)

    placed = [_positions(spec, [r for r in table.rows if r.side == b.side], b.side) for b in blocks]
    body = max((p for pos in placed for p in pos if p > 0), default=0)
    grid: dict[int, list[Row | None]] = {}
    for index, pos in enumerate(placed):
        for p, row in pos.items():
            at = p if p > 0 else body + 1 + (p + max(-q for q in pos if q < 0))
            grid.setdefault(at, [None] * len(blocks))[index] = row
    lines = tuple(tuple(grid[k]) for k in sorted(grid))
    return GridLayout(blocks=blocks, header_depth=depth, numbered=numbered, lines=lines)


@dataclass(frozen=True, slots=True)
class HeaderCell:
    """One cell of a table's header: where it starts (0-based) and how many rows and columns it spans."""

    row: int
    column: int
    text: str
    rows: int = 1
    columns: int = 1


def header_cells(spec: TableSpec, grid: GridLayout) -> list[HeaderCell]:
    """The nested header as spanning cells (a level shared by neighbours spans them; a header with
    fewer levels reaches down to the last header row), then the 栏次 row if the table numbers its columns."""
    depth = grid.header_depth
    out: list[HeaderCell] = []
    for b_index, block in enumerate(grid.blocks):
        start = grid.block_start(b_index)
        prefix = (block.side_label,) if block.side_label else ()
        paths: list[tuple[str, ...]] = [(*prefix, lead_header(role, spec)) for role in block.lead] + \
            [(*prefix, *c.header_levels) for c in block.columns]
        for level in range(depth):
            col = 0
            while col < len(paths):
                path = paths[col]
                if level >= len(path):
                    col += 1
                    continue
                end = col
                while (end + 1 < len(paths) and len(paths[end + 1]) > level
                       and paths[end + 1][: level + 1] == path[: level + 1]):
                    end += 1
                rows = depth - level if level == len(path) - 1 else 1
                out.append(HeaderCell(level, start + col, path[level], rows, end - col + 1))
                col = end + 1
        if grid.numbered:
            if block.lead:
                out.append(HeaderCell(depth, start, "栏次", 1, len(block.lead)))
            for i, column in enumerate(block.columns):
                out.append(HeaderCell(depth, start + len(block.lead) + i,
                                      "" if column.number is None else str(column.number)))
    return out
