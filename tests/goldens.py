"""Golden cell lists transcribed by hand from corpus documents (tests/goldens/*.yaml), matched to a Report.

A golden names what is printed — the table's title, a row's code or label, a column's header path —
never juesuan's keys, so that it judges the reader's recognition of tables, rows and columns too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from juesuan.core.catalogue import TableSpec, catalogue, strip_numbering
from juesuan.core.model import BLANK, Report, Row
from juesuan.parse.families import title_key

GOLDENS = Path(__file__).parent / "goldens"


@dataclass(frozen=True)
class Compared:
    """Every golden cell, sorted by what the reader made of it."""

    exact: list[str]       # read with certainty, as printed
    placed: list[str]      # in the column the tables' identities chose, as printed (still marked)
    uncertain: list[str]   # read, but marked uncertain (a needs-review, never an error)
    wrong: list[str]       # read with certainty and not as printed, or not read at all; or placed wrongly

    @property
    def total(self) -> int:
        return len(self.exact) + len(self.placed) + len(self.uncertain) + len(self.wrong)


def load_golden(name: str) -> dict[str, Any]:
    data = yaml.safe_load((GOLDENS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _spec(report: Report, title: str) -> TableSpec:
    template = catalogue().template(report.template)
    assert template is not None
    for spec in template.tables:
        if title_key(title) in {title_key(t) for t in (spec.title, *spec.aliases)}:
            return spec
    raise AssertionError(f"no table of {report.template} is titled {title}")


def _column(spec: TableSpec, side: str | None, header: str) -> str:
    wanted = header.replace(" ", "")
    for column in spec.columns_of(side):
        if wanted in {h.replace(" ", "") for h in (column.header, *column.variants)}:
            return column.key
    raise AssertionError(f"{spec.id}: no column headed {header}")


def _row(spec: TableSpec, row: dict[str, Any], side: str | None, used: set[str]) -> str:
    """The row's key: its code, or the first fixed row of that label (and side) not yet taken —
    the same label may be printed twice (T4: 一般公共预算财政拨款 as income and as opening balance)."""
    if row.get("code"):
        return str(row["code"])
    if spec.kind == "three_public":
        return "amounts"
    label = strip_numbering(str(row["label"]))
    matches = [r.key for r in spec.rows if label in r.names and (side is None or r.side == side) and r.key not in used]
    assert matches, f"{spec.id}: no row labelled {row['label']}"
    used.add(matches[0])
    return matches[0]


def _among_candidates(row: Row | None, column: str, expected: Decimal) -> bool:
    """An uncertain amount is still found: a cell of its row holds it and may be its column."""
    return row is not None and any(c.amount == expected and c.provenance is not None
                                   and column in c.provenance.candidates for c in row.cells.values())


def _placed(row: Row | None) -> bool:
    """A row whose columns the identities chose: each of its cells must then be as printed."""
    return row is not None and any(c.provenance is not None and c.provenance.placed_by for c in row.cells.values())


def compare(report: Report, golden: dict[str, Any]) -> Compared:
    """Each golden cell against the report's cell of the same table, row and column."""
    exact: list[str] = []
    placed: list[str] = []
    uncertain: list[str] = []
    wrong: list[str] = []
    for table in golden["tables"]:
        spec = _spec(report, table["title"])
        read = report.tables.get(spec.kind)
        sides = {s.label: s.key for s in spec.sides}
        used: set[str] = set()
        for row in table.get("rows") or []:
            side = sides.get(row.get("side")) if row.get("side") else None
            ident = _row(spec, row, side, used)
            for header, printed in row["cells"].items():
                column = _column(spec, side, header)
                where = f"{table['title']} / {row.get('code') or row.get('label')} / {header}"
                cell = read.cell(ident, column) if read is not None else None
                if cell is None and printed is None and read is not None:
                    cell = BLANK  # a row printed without amounts may be left out: nothing is misplaced
                expected = None if printed is None else Decimal(str(printed))
                if cell is not None and read is not None and _placed(read.row(ident)):
                    if cell.amount == expected:
                        placed.append(where)
                    else:
                        wrong.append(f"{where}: printed {printed}, placed by the identities as {cell.amount}")
                elif cell is not None and cell.uncertain is not None:
                    if expected is None or _among_candidates(read.row(ident), column, expected):
                        uncertain.append(where)
                    else:
                        wrong.append(f"{where}: printed {printed}, in no uncertain cell that may be this column")
                elif cell is not None and cell.amount == expected and (expected is None or
                                                                       str(cell.amount) == str(printed)):
                    exact.append(where)
                else:
                    wrong.append(f"{where}: printed {printed}, read {None if cell is None else cell.amount}")
    return Compared(exact, placed, uncertain, wrong)
