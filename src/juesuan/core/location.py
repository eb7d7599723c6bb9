"""One place type for the whole system: where a finding points and where bad input was found."""

from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = ["Location"]


@dataclass(frozen=True, slots=True)
class Location:
    """A place: a file (and its sheet), a narrative part or section, a table (its kind or key, and
    its title), a row (key or code, and label), a column (key, and header), a field of a data file,
    a page and a line; each as far as known."""

    file: str | None = None
    sheet: str | None = None
    part: str | None = None
    table: str | None = None
    table_title: str | None = None
    row: str | None = None
    row_label: str | None = None
    column: str | None = None
    column_header: str | None = None
    field: str | None = None
    page: int | None = None
    line: int | None = None

    def render(self, lang: str = "zh") -> str:
        """The place as a reader says it, from the outside in: file, sheet, part, table, row, column,
        field, page, line."""
        zh = lang != "en"
        bits: list[str] = []
        if self.file:
            bits.append(f"文件 {self.file}" if zh else f"file {self.file}")
        if self.sheet:
            bits.append(f"工作表「{self.sheet}」" if zh else f"sheet '{self.sheet}'")
        if self.part:
            bits.append(f"「{self.part}」")
        if self.table_title:
            bits.append(f"「{self.table_title}」")
        elif self.table:
            bits.append(f"表「{self.table}」" if zh else f"table '{self.table}'")
        if self.row_label or self.row:
            row = self.row_label or self.row
            if self.row and self.row_label and self.row != self.row_label and self.row.isdigit():
                row = f"{self.row} {self.row_label}"
            bits.append(f"行「{row}」" if zh else f"row '{row}'")
        if self.column_header or self.column:
            column = self.column_header or self.column
            bits.append(f"列「{column}」" if zh else f"column '{column}'")
        if self.field:
            bits.append(f"字段「{self.field}」" if zh else f"field '{self.field}'")
        if self.page is not None:
            bits.append(f"第 {self.page} 页" if zh else f"page {self.page}")
        if self.line is not None:
            bits.append(f"第 {self.line} 行" if zh else f"line {self.line}")
        return ("，" if zh else ", ").join(bits)

    def at(self, **changes: object) -> Location:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]
