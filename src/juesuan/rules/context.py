"""What rules read: published values with their rounding, looked up by `table.row.column`.

A value carries half a unit of its last decimal (its rounding interval), where it was printed,
and the reader's doubt if any. Lookups that cannot be answered raise NotRun with the reason,
so that a rule that could not look is reported as not run, never as passing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from juesuan.core.amounts import format_amount, half_unit
from juesuan.core.catalogue import TableSpec, Template, catalogue
from juesuan.core.findings import Location
from juesuan.core.model import CellKind, Report, Row, Table

__all__ = ["PRIOR", "ZERO", "Context", "NotApplicable", "NotRun", "Value"]

ZERO = Decimal(0)
PRIOR = "prior:"  # a reference into last year's report

class NotRun(Exception):
    """A rule (or one comparison of it) could not be evaluated; the message says why, in Chinese."""


class NotApplicable(NotRun):
    """The rule does not apply to this layout (e.g. a column the table does not have)."""


class Value:
    """A published amount with its rounding half-width, any reader doubt, and its place.

    The place (a Location) is worked out only when a finding needs it: most values only add up.
    """

    __slots__ = ("_half", "_key", "_location", "_view", "amount", "uncertain")

    def __init__(self, amount: Decimal, exact: bool, uncertain: str | None, view: TableView,
                 row_id: str, column: str) -> None:
        self.amount = amount
        self.uncertain = uncertain
        self._half: Decimal | None = ZERO if exact else None
        self._view = view
        self._key = (row_id, column)
        self._location: Location | None = None

    @property
    def half(self) -> Decimal:
        """Half a unit of the last printed decimal (zero for a blank: nothing was rounded)."""
        if self._half is None:
            self._half = half_unit(self.amount)
        return self._half

    @property
    def cell(self) -> tuple[str, str, str]:
        """(table kind, row, column): the cell this value was read from."""
        return (self._view.table.kind, *self._key)

    @property
    def location(self) -> Location:
        if self._location is None:
            self._location = self._view.location(*self._key)
        return self._location

    def text(self) -> str:
        return format_amount(self.amount, thousands=True)


@dataclass(frozen=True, slots=True)
class TableView:
    """A table of the report with its spec, its rows by key or code, and its code tree."""

    table: Table
    spec: TableSpec
    rows: dict[str, Row]
    columns: frozenset[str]
    children: dict[str, list[str]]
    coded: tuple[Row, ...]  # the rows with a code, in order

    @staticmethod
    def of(table: Table, spec: TableSpec) -> TableView:
        rows = {r.ident: r for r in table.rows}
        children: dict[str, list[str]] = {}
        for ident, row in rows.items():
            code = row.code
            if code is not None and len(code) > 3 and code[:-2] in rows:
                children.setdefault(code[:-2], []).append(ident)
        return TableView(table, spec, rows, frozenset(c.key for c in spec.columns), children, table.coded_rows())

    def location(self, row_id: str, column: str) -> Location:
        row = self.rows.get(row_id)
        page = label = None
        if row is not None:
            label = row.label
            cell = row.cells.get(column)
            if cell is not None and cell.provenance is not None:
                page = cell.provenance.page
        elif (spec_row := self.spec.row(row_id)) is not None:
            label = spec_row.label
        header = self.table.columns.get(column)
        if not header:
            spec_column = self.spec.column(column)
            header = spec_column.header if spec_column else column
        return Location(table=self.table.kind, table_title=self.table.title, row=row_id, row_label=label,
                        column=column, column_header=header, page=page if page is not None else self.table.page)

    @property
    def empty(self) -> bool:
        """Published with no data: no rows, or only blank cells (本表本年度无发生额)."""
        return all(c.kind is CellKind.BLANK for r in self.table.rows for c in r.cells.values())


class Context:
    """Everything the rules of one run read, built once per report."""

    def __init__(self, report: Report, prior: Report | None = None) -> None:
        self.report = report
        self.prior = prior
        template = catalogue().template(report.template)
        if template is None:  # the readers validate templates; a bare Report may not
            raise ValueError(f"unknown template {report.template!r}")
        self.template: Template = template
        self.views: dict[str, TableView] = {}
        for kind, table in report.tables.items():
            if table.unreadable:  # found but not read: K1 asks for review, no other rule runs on it
                continue
            # The template's own spec when it is the one used: it knows the rows the layout drops.
            spec = template.spec(kind)
            if spec is None or spec.id != table.spec:
                spec = catalogue().spec(table.spec)
            if spec is not None:
                self.views[kind] = TableView.of(table, spec)
        self._values: dict[tuple[str, str, str], Value] = {}
        self._last_year: Context | None = None
        self.memo: dict[Any, Any] = {}  # work shared by the rules of one run (claims, placeholder rows)

    # ------------------------------------------------------------ tables

    def view(self, kind: str) -> TableView:
        view = self.views.get(kind)
        if view is None:
            spec = self.template.spec(kind)
            title = spec.title if spec is not None else kind
            if spec is None:
                raise NotApplicable(f"此模板没有「{title}」")
            found = self.report.tables.get(kind)
            if found is not None and found.unreadable:
                raise NotRun(f"「{found.title}」无法读取")
            raise NotRun(f"缺少「{title}」")
        return view

    def view_with_data(self, kind: str) -> TableView:
        """A table that has data to check; an empty one (本表本年度无发生额) does not apply."""
        view = self.view(kind)
        if view.empty:
            said = f"（{view.table.statement}）" if view.table.statement else ""
            raise NotApplicable(f"「{view.table.title}」本年度无数据{said}")
        return view

    # ------------------------------------------------------------ values

    @property
    def last_year(self) -> Context:
        """The context of last year's report (`--prior`); rules that need it do not run without it."""
        if self.prior is None:
            raise NotRun("未提供上年报表（--prior）")
        if self._last_year is None:
            self._last_year = Context(self.prior)
        return self._last_year

    def value(self, ref: str) -> Value:
        """The value at `table.row.column` (`prior:table.row.column` for last year's report);
        absent rows and blanks count as an exact zero."""
        if ref.startswith(PRIOR):
            return self.last_year.value(ref.removeprefix(PRIOR))
        kind, row_id, column = split_ref(ref)
        return self.cell_value(self.view(kind), row_id, column)

    def cell_value(self, view: TableView, row_id: str, column: str) -> Value:
        key = (view.table.kind, row_id, column)
        value = self._values.get(key)
        if value is None:
            value = self._values[key] = self._read(view, row_id, column)
        return value

    def _read(self, view: TableView, row_id: str, column: str) -> Value:
        if column not in view.columns:
            raise NotApplicable(f"「{view.table.title}」的表样没有列 {column}")
        row = view.rows.get(row_id)
        if row is None and not row_id.isdigit() and view.spec.row(row_id) is None:
            raise NotApplicable(f"「{view.table.title}」的表样没有行 {row_id}")
        if row is None:
            expected = view.spec.row(row_id) is not None and not view.empty
            if expected and not row_id.isdigit():
                label = view.location(row_id, column).row_label or row_id
                raise NotRun(f"「{view.table.title}」缺少行「{label}」")
            return Value(ZERO, True, None, view, row_id, column)  # a code not listed has no amount
        cell = row.cell(column)
        if cell.kind is CellKind.TEXT:
            raise NotRun(f"{view.location(row_id, column).render()}为文字「{cell.text}」，不能参与计算")
        if cell.amount is None:
            return Value(ZERO, True, cell.uncertain, view, row_id, column)
        return Value(cell.amount, False, cell.uncertain, view, row_id, column)

    def expand(self, ref: str) -> list[str]:
        """Expand `{expenditure classes}` / `{classes on SIDE}` placeholders into references."""
        if ref.startswith(PRIOR):
            return [PRIOR + r for r in self.last_year.expand(ref.removeprefix(PRIOR))]
        kind, row_id, column = split_ref(ref)
        if not (row_id.startswith("{") and row_id.endswith("}")):
            return [ref]
        return [f"{kind}.{i}.{column}" for i in self.rows_of(kind, row_id)]

    def rows_of(self, kind: str, placeholder: str) -> list[str]:
        """The rows a `{placeholder}` of a table stands for in this report (worked out once)."""
        key = ("rows", kind, placeholder)
        rows: list[str] | None = self.memo.get(key)
        if rows is None:
            view = self.view(kind)
            name = placeholder[1:-1]
            if name == "expenditure classes":
                rows = [r.key for r in view.spec.rows if r.code is not None]
            elif name.startswith("classes on "):
                side = name.removeprefix("classes on ")
                rows = [r.ident for r in view.table.rows if r.code is not None and len(r.code) == 3 and r.side == side]
            else:
                raise ValueError(f"unknown placeholder {placeholder}")
            self.memo[key] = rows
        return rows


@cache
def split_ref(ref: str) -> tuple[str, str, str]:
    """`table.row.column` → its three parts (a row may be a `{placeholder}` with spaces)."""
    kind, _, rest = ref.partition(".")
    row_id, _, column = rest.rpartition(".")
    if not kind or not row_id or not column:
        raise ValueError(f"bad cell reference {ref!r}")
    return kind, row_id, column
