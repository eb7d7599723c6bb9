"""The Report model: a department's final accounts for one year, as immutable typed records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from juesuan.core.amounts import amount_problem
from juesuan.core.errors import ArgumentError
from juesuan.core.facts import Facts

__all__ = [
    "BLANK",
    "Cell",
    "CellKind",
    "GlossaryEntry",
    "NarrativePart",
    "Provenance",
    "Report",
    "Row",
    "Table",
    "Unit",
]


class CellKind(StrEnum):
    """The three states of a cell: an amount, nothing printed, or words (design decision 2)."""

    AMOUNT = "amount"
    BLANK = "blank"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a value was read: file, page, line, and the box on the page for PDFs. For a cell the
    reader could not place with certainty, `candidates` are the column keys it may belong to, and
    `placed_by` says what chose its column among them when something did ("identity": the tables'
    own identities, parse/placement.py); such a cell stays uncertain."""

    source: str | None = None
    page: int | None = None
    line: int | None = None
    box: tuple[float, float, float, float] | None = None
    candidates: tuple[str, ...] = ()
    placed_by: str | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell. `uncertain` gives the reader's reason for doubting its placement."""

    kind: CellKind
    amount: Decimal | None = None
    text: str | None = None
    provenance: Provenance | None = None
    uncertain: str | None = None

    def __post_init__(self) -> None:
        if (self.kind is CellKind.AMOUNT) != (self.amount is not None):
            raise ArgumentError("an amount cell needs an amount, other cells none")
        if (self.kind is CellKind.TEXT) != (self.text is not None):
            raise ArgumentError("a text cell needs its text, other cells none")
        if self.amount is not None:
            if not isinstance(self.amount, Decimal):
                raise ArgumentError(f"an amount is a Decimal, not {type(self.amount).__name__}")
            problem = amount_problem(self.amount)
            if problem is not None:
                raise ArgumentError(f"not an amount: {self.amount} ({problem})")

    @staticmethod
    def of(amount: Decimal, provenance: Provenance | None = None) -> Cell:
        """An amount cell."""
        return Cell(CellKind.AMOUNT, amount=amount, provenance=provenance)

    @staticmethod
    def words(text: str, provenance: Provenance | None = None) -> Cell:
        """A text cell; its text is never read as a number."""
        return Cell(CellKind.TEXT, text=text, provenance=provenance)

    @property
    def is_blank(self) -> bool:
        return self.kind is CellKind.BLANK


BLANK = Cell(CellKind.BLANK)


@dataclass(frozen=True, slots=True)
class Row:
    """A table row, keyed by meaning: a catalogue key (fixed rows) or a classification code.

    `cells` maps the column keys of the row's side to cells; a column without a cell is blank.
    """

    label: str
    cells: Mapping[str, Cell]
    key: str | None = None
    code: str | None = None
    side: str | None = None
    line: int | None = None

    # The row's identity within its table: its key, or its code (derived, kept: rules read it often).
    ident: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if (self.key is None) == (self.code is None):
            raise ValueError("a row has either a key or a code")
        object.__setattr__(self, "ident", self.key if self.key is not None else self.code)

    def cell(self, column: str) -> Cell:
        return self.cells.get(column, BLANK)

    def amount(self, column: str) -> Decimal | None:
        return self.cell(column).amount


@dataclass(frozen=True, slots=True)
class Table:
    """One published table. `columns` maps column keys to the headers as published.

    A table read from a published document also says how it was read: the `pages` it stands on,
    how many amounts were `printed` where it stands (None: not read from a document), and, when
    the reader found the table but could not read it, why (`unreadable`: no rule runs on it).
    """

    kind: str
    spec: str
    title: str
    rows: tuple[Row, ...]
    columns: Mapping[str, str] = field(default_factory=dict)
    note: str | None = None
    statement: str | None = None
    page: int | None = None
    confidence: float = 1.0
    doubts: tuple[str, ...] = ()
    pages: tuple[int, ...] = ()
    printed: int | None = None
    unreadable: str | None = None

    def row(self, ident: str) -> Row | None:
        """The row with this key or code, or None."""
        for row in self.rows:
            if row.ident == ident:
                return row
        return None

    def cell(self, ident: str, column: str) -> Cell | None:
        """The cell at row `ident` and `column`, or None when the row is absent."""
        row = self.row(ident)
        return None if row is None else row.cell(column)

    def coded_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.code is not None)


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of the department (部门决算单位构成)."""

    name: str
    nature: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class NarrativePart:
    """A part of the published text (概况, 情况说明, 绩效, 名词解释), as published."""

    part: str
    title: str
    text: str
    page: int | None = None


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One term of 名词解释."""

    term: str
    definition: str


@dataclass(frozen=True, slots=True)
class Report:
    """A department's final accounts for one year: tables, text and the facts the text states."""

    department: str
    year: int
    template: str
    tables: Mapping[str, Table]
    money_unit: str = "万元"
    region: str | None = None
    units: tuple[Unit, ...] = ()
    narrative: tuple[NarrativePart, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()
    facts: Facts = field(default_factory=Facts)
    source: str | None = None
    # what the reader of a published document saw and did not know (a table title, a column, a part)
    unrecognised: tuple[str, ...] = ()

    def table(self, kind: str) -> Table | None:
        return self.tables.get(kind)
