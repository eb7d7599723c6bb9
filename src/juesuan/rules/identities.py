"""The accounting identities (勾稽关系) the table rules hold a report's layout to, as linear terms.

Learnt by running the rules, not restated: 舍位平衡 (balance.py) keeps them while it moves cents,
and the reader (parse/placement.py) uses them to tell where the amounts of a row whose blank cells
vanished belong. Each is Σ sign·cell = 0 ("eq") or ≥ 0 ("ge"); a blank or absent cell counts as zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from juesuan.core.model import Report

__all__ = ["CellKey", "Identity", "identities"]

CellKey = tuple[str, str, str]  # (table kind, row ident, column)


@dataclass(frozen=True, slots=True)
class Identity:
    """Σ sign·cell = 0 ("eq") or ≥ 0 ("ge"), from a rule; blank or absent cells count as zero."""

    rule: str
    relation: str
    terms: tuple[tuple[int, CellKey], ...]

    def value(self, values: Mapping[CellKey, Decimal]) -> Decimal:
        return sum((sign * values.get(key, Decimal(0)) for sign, key in self.terms), Decimal(0))

    def holds(self, values: Mapping[CellKey, Decimal]) -> bool:
        v = self.value(values)
        return v == 0 if self.relation == "eq" else v >= 0


def identities(report: Report) -> tuple[Identity, ...]:
    """Every equality and inequality the table rules (T, X) hold this report's layout to: the
    comparisons the checker judges (rules/evaluators.py), as linear terms over cells."""
    from juesuan.rules.catalogue import load_rules
    from juesuan.rules.context import Context, NotRun
    from juesuan.rules.evaluators import COMPARISONS

    ctx = Context(report)
    found: dict[tuple[str, tuple[tuple[int, CellKey], ...]], Identity] = {}
    for rule in load_rules():
        if rule.id[0] not in "TX" or rule.kind not in COMPARISONS:
            continue
        try:
            comparisons = list(COMPARISONS[rule.kind](rule, ctx))
        except NotRun:  # the rule does not apply to this report, or cannot look
            continue
        for comparison in comparisons:
            if isinstance(comparison, NotRun):
                continue
            combined: dict[CellKey, int] = {}
            for sign, value in comparison.left:
                combined[value.cell] = combined.get(value.cell, 0) + sign
            for sign, value in comparison.right:
                combined[value.cell] = combined.get(value.cell, 0) - sign
            terms = tuple(sorted((s, k) for k, s in combined.items() if s))
            if terms:
                found.setdefault((comparison.relation, terms), Identity(rule.id, comparison.relation, terms))
    return tuple(found.values())
