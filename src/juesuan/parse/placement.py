"""Placing the amounts of a row whose blank cells vanished, by the accounts' own identities.

A page text prints a row's amounts in order but not its blank cells: a row of 2 amounts in a
7-column table may hold them in any 2 of the 7 columns, in that order. Each such row gets one
choice among those placements; the identities the rules hold the tables to (rules/identities.py)
constrain the choices, each within the rounding of the published values. An integer programme
(HiGHS, through scipy) finds the placements that break the fewest identities, since a published
document may break some; a row is placed only when every such placement puts it the same way.
A row that could go more than one way stays as it was read.

Placed cells keep their doubt and say what placed them (Provenance.placed_by = "identity"): an
identity that decided a placement holds by construction, so no finding may rest on such a cell
as certain; a comparison on it that fails asks for review, never reports an error.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import combinations

from juesuan.core.amounts import half_unit
from juesuan.core.model import Cell, CellKind, Report, Row, Table
from juesuan.core.quiet import stdout_to_stderr
from juesuan.parse.tables import confidence_of, row_doubt
from juesuan.rules.identities import CellKey, Identity, identities

__all__ = ["PLACED_BY_IDENTITY", "place_by_identities"]

PLACED_BY_IDENTITY = "identity"
# Seconds of solving for one document. The corpus needs about one; a document whose identities
# leave many choices open (a few tables of many rows) could take minutes. Past the budget, the rows
# not yet decided stay as read, doubted: they are never guessed. The budget is wall time, so it is
# ten times what the corpus needs: a busy machine must not read a document otherwise.
_BUDGET = 10.0
_INF = float("inf")


@dataclass(frozen=True, slots=True)
class _Open:
    """A row whose amounts were printed without their columns."""

    kind: str
    row: Row
    columns: tuple[str, ...]                 # the row's columns, in order
    amounts: tuple[Cell, ...]                # as printed, in order
    placements: tuple[tuple[int, ...], ...]  # each: the column index of each amount, ascending

    def cells(self, placement: int) -> dict[str, Cell]:
        """The row's column → amount cell under one placement (the other columns are blank)."""
        return {self.columns[i]: cell for i, cell in zip(self.placements[placement], self.amounts, strict=True)}


def _open_rows(report: Report) -> list[_Open]:
    """The rows whose amounts have candidate columns and could go more than one way."""
    found = []
    for kind, table in report.tables.items():
        if table.unreadable:
            continue
        for row in table.rows:
            amounts = tuple(c for c in row.cells.values() if c.kind is CellKind.AMOUNT)
            if (not amounts or any(c.kind is CellKind.TEXT for c in row.cells.values())
                    or any(c.provenance is None or not c.provenance.candidates or c.provenance.placed_by
                           for c in amounts)):
                continue
            columns = tuple(row.cells)
            index = {key: i for i, key in enumerate(columns)}
            allowed = [{index[k] for k in c.provenance.candidates if k in index} for c in amounts if c.provenance]
            placements = tuple(p for p in combinations(range(len(columns)), len(amounts))
                               if all(i in ok for i, ok in zip(p, allowed, strict=True)))
            if len(placements) > 1:
                found.append(_Open(kind, row, columns, amounts, placements))
    return found


def _breaks(relation: str, value: int, tolerance: int) -> bool:
    """Whether Σ = value with rounding ±tolerance breaks an "eq" or "ge" identity."""
    return abs(value) > tolerance if relation == "eq" else value + tolerance < 0


def _scale(values: Iterable[Decimal]) -> int:
    """A factor that makes every amount and every half of a last decimal an integer."""
    places: int = max((max(0, -int(v.as_tuple().exponent)) for v in values), default=0)
    return int(2 * 10**places)


class _Problem:
    """The choice of one placement per open row, and the identities as integer constraints."""

    def __init__(self, report: Report, rows: list[_Open], found: Sequence[Identity], deadline: float) -> None:
        self.rows = rows
        self.deadline = deadline
        where = {(r.kind, r.row.ident): n for n, r in enumerate(rows)}
        fixed: dict[CellKey, Cell] = {}
        for kind, table in report.tables.items():
            for row in table.rows:
                if (kind, row.ident) not in where:
                    fixed.update({(kind, row.ident, col): c for col, c in row.cells.items()
                                  if c.kind is CellKind.AMOUNT})
        used = {k for i in found for _, k in i.terms}
        amounts = [c.amount for k, c in fixed.items() if k in used and c.amount is not None]
        amounts += [c.amount for r in rows for c in r.amounts if c.amount is not None]
        factor = _scale(amounts)

        def ints(cell: Cell) -> tuple[int, int]:
            assert cell.amount is not None
            return int(cell.amount * factor), int(half_unit(cell.amount) * factor)

        # each open row's cells under each placement: column → (value, half), in integer units
        placed = [[{col: ints(c) for col, c in r.cells(p).items()} for p in range(len(r.placements))] for r in rows]

        # An identity that one open row alone decides is a cost on that row's placements; one that
        # several decide is a constraint: (relation, constant sum, constant tolerance,
        # {row: [(sum, tolerance) per placement]}).
        self.local = [[0] * len(r.placements) for r in rows]
        self.joint: list[tuple[str, int, int, dict[int, list[tuple[int, int]]]]] = []
        for identity in found:
            total = tolerance = 0
            by_row: dict[int, list[tuple[int, str]]] = {}
            for sign, key in identity.terms:
                n = where.get(key[:2])
                if n is not None:
                    by_row.setdefault(n, []).append((sign, key[2]))
                elif key in fixed:
                    value, half = ints(fixed[key])
                    total, tolerance = total + sign * value, tolerance + half
            options: dict[int, list[tuple[int, int]]] = {}
            for n, terms in by_row.items():
                per = []
                for cells in placed[n]:
                    hit = [(sign, cells[col]) for sign, col in terms if col in cells]
                    per.append((sum(sign * v for sign, (v, _) in hit), sum(h for _, (_, h) in hit)))
                options[n] = per
            if not any(len(set(per)) > 1 for per in options.values()):
                continue  # holds or fails whatever the placements: it tells nothing
            if len(options) == 1:
                [(n, per)] = options.items()
                for p, (s, t) in enumerate(per):
                    self.local[n][p] += _breaks(identity.relation, total + s, tolerance + t)
            else:
                self.joint.append((identity.relation, total, tolerance, options))
        self.offsets = [0]
        for r in rows:
            self.offsets.append(self.offsets[-1] + len(r.placements))
        # the integer programme: a 0/1 variable per row and placement, then one per joint identity
        # (1: broken); its constraints as (terms, low, high), kept for every solve
        n_x = self.offsets[-1]
        self.constraints: list[tuple[list[tuple[int, float]], float, float]] = []
        for k, open_row in enumerate(rows):  # one placement per row
            self.constraints.append(([(self.offsets[k] + p, 1.0) for p in range(len(open_row.placements))], 1, 1))
        for i, (relation, total, tolerance, options) in enumerate(self.joint):
            # broken_i = 0 forces the identity to hold within rounding; big M lets it fail
            big = abs(total) + tolerance + sum(max(abs(s) + t for s, t in per) for per in options.values()) + 1
            sides = [(-1, total)] if relation == "ge" else [(1, -total), (-1, total)]
            for sign, rhs in sides:  # sign·S − T ≤ M·broken, S and T linear in the placements
                row_terms = [(self.offsets[k] + p, float(sign * s - t)) for k, per in options.items()
                             for p, (s, t) in enumerate(per)]
                self.constraints.append(([*row_terms, (n_x + i, -float(big))], -_INF, float(tolerance + rhs)))
        # what breaks: the identities one row decides (costs of its placements), then the others
        self.breaks = [float(c) for local in self.local for c in local] + [1.0] * len(self.joint)

    def broken(self, choice: Sequence[int]) -> int:
        """How many identities a choice breaks, counted exactly."""
        count = sum(local[p] for local, p in zip(self.local, choice, strict=True))
        for relation, total, tolerance, options in self.joint:
            s, t = total, tolerance
            for n, per in options.items():
                s, t = s + per[choice[n]][0], t + per[choice[n]][1]
            count += _breaks(relation, s, t)
        return count

    def solve(self, most_broken: int | None = None, differ_from: tuple[Sequence[int], set[int]] | None = None
              ) -> tuple[str, list[int] | None]:
        """("found", a choice breaking the fewest identities), or with `most_broken` any choice
        breaking at most that many and, with `differ_from`, placing one of those rows otherwise;
        ("none", None) when there is none, ("unsolved", None) when the solver gave up."""
        import numpy as np
        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import coo_array

        constraints = list(self.constraints)
        if most_broken is not None:
            constraints.append(([(col, value) for col, value in enumerate(self.breaks) if value], -_INF, most_broken))
        if differ_from is not None:
            choice, rows = differ_from
            constraints.append(([(self.offsets[k] + choice[k], 1.0) for k in rows], -_INF, len(rows) - 1))
        left = self.deadline - time.monotonic()
        if left <= 0:
            return "unsolved", None
        n = len(self.breaks)
        cost = np.zeros(n) if most_broken is not None else np.array(self.breaks)
        at = [(r, col, value) for r, (terms, _, _) in enumerate(constraints) for col, value in terms]
        matrix = coo_array(([v for _, _, v in at], ([r for r, _, _ in at], [c for _, c, _ in at])),
                           shape=(len(constraints), n)).tocsr()
        low = np.array([lo for _, lo, _ in constraints])
        high = np.array([hi for _, _, hi in constraints])
        with stdout_to_stderr():
            result = milp(cost, integrality=np.ones(n), bounds=Bounds(np.zeros(n), np.ones(n)),
                          constraints=[LinearConstraint(matrix, low, high)],
                          options={"time_limit": left, "mip_rel_gap": 0})
        if result.status == 2:
            return "none", None
        if result.status != 0 or result.x is None:
            return "unsolved", None
        x = result.x
        return "found", [int(np.argmax(x[self.offsets[k]:self.offsets[k + 1]])) for k in range(len(self.rows))]

    def decided(self) -> dict[int, int]:
        """Row → placement for the rows every least-breaking choice places the same way."""
        _, best = self.solve()
        if best is None:
            return {}
        fewest = self.broken(best)
        open_ = set(range(len(self.rows)))
        while open_:
            status, other = self.solve(fewest, (best, open_))
            if status == "none":
                break
            if other is None or self.broken(other) < fewest:  # the solver gave up, or misjudged: place nothing
                return {}
            open_ -= {k for k in open_ if other[k] != best[k]}
        return {k: best[k] for k in open_}


def place_by_identities(report: Report) -> Report:
    """The report with each row whose amounts lacked their columns placed where the tables'
    identities put it, when they put it only one way; other rows as read."""
    rows = _open_rows(report)
    if not rows:
        return report
    where = {(r.kind, r.row.ident): k for k, r in enumerate(rows)}
    touching = [(i, {where[key[:2]] for _, key in i.terms if key[:2] in where}) for i in identities(report)]
    touching = [(i, ks) for i, ks in touching if ks]
    placed: dict[str, dict[str, Row]] = {}
    deadline = time.monotonic() + _BUDGET
    for group in _groups(len(rows), [ks for _, ks in touching]):
        members = set(group)
        problem = _Problem(report, [rows[k] for k in group], [i for i, ks in touching if ks & members], deadline)
        for k, p in problem.decided().items():
            r = rows[group[k]]
            placed.setdefault(r.kind, {})[r.row.ident] = _placed(r, p)
    if not placed:
        return report
    tables = dict(report.tables)
    for kind, by_ident in placed.items():
        tables[kind] = _table_placed(tables[kind], by_ident)
    return replace(report, tables=tables)


def _groups(count: int, links: list[set[int]]) -> list[list[int]]:
    """The rows 0…count−1 in groups that no identity joins across: each is solved on its own,
    which keeps every integer programme small."""
    parent = list(range(count))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for linked in links:
        first, *rest = linked
        for k in rest:
            parent[root(k)] = root(first)
    groups: dict[int, list[int]] = {}
    for k in range(count):
        groups.setdefault(root(k), []).append(k)
    return list(groups.values())


def _placed(row: _Open, placement: int) -> Row:
    reason = (f"本行读到 {len(row.amounts)} 个数，表样有 {len(row.columns)} 列，"
              f"各数所在的列按勾稽关系推定")
    amounts = row.cells(placement)
    cells: dict[str, Cell] = {}
    for column in row.columns:
        cell = amounts.get(column)
        if cell is None:
            cells[column] = Cell(CellKind.BLANK, uncertain=reason)
        else:
            assert cell.provenance is not None
            cells[column] = replace(cell, provenance=replace(cell.provenance, placed_by=PLACED_BY_IDENTITY),
                                    uncertain=reason)
    return replace(row.row, cells=cells)


def _table_placed(table: Table, placed: dict[str, Row]) -> Table:
    """The table with its placed rows, their doubts replaced by one that says how they were placed."""
    old = {row_doubt(r, next(c.uncertain for c in r.cells.values() if c.uncertain))
           for r in table.rows if r.ident in placed}
    said = f"{len(placed)} 行各数所在的列按勾稽关系推定（仍需核对）"
    doubts = (*(d for d in table.doubts if d not in old), said)
    return replace(table, rows=tuple(placed.get(r.ident, r) for r in table.rows), doubts=doubts,
                   confidence=0.0 if table.unreadable else confidence_of(doubts))
