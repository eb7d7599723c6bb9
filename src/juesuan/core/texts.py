"""What a department writes itself for its 情况说明: reasons, and the figures its tables do not hold."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.core.model import Report

__all__ = ["DepartmentTexts"]


@dataclass(frozen=True, slots=True)
class DepartmentTexts:
    """A department's own words and figures, keyed by cell (`table.row.column`) or fact.

    reasons      the 主要变动情况 (or 主要原因) of a figure's change against last year (Guangzhou also
                 words its 财政拨款支出 against the 年初预算 with these)
    budget_reasons  why a figure's 决算数 is above or below its 年初预算 (Shanghai, each 项 and 三公)
    uses         what a figure's money is mainly used for (主要用于, Shanghai's each 项)
    prior        last year's figure of a cell (a prior-year report given with --prior overrides it)
    budget       the 年初预算 of a cell (Shanghai states it for each 项 of 一般公共预算财政拨款支出)
    performance  the 预算绩效管理 paragraph (制度, 工作机制, 全过程管理), placed before the figures
    """

    reasons: dict[str, str] = field(default_factory=dict)
    budget_reasons: dict[str, str] = field(default_factory=dict)
    uses: dict[str, str] = field(default_factory=dict)
    prior: dict[str, Decimal] = field(default_factory=dict)
    budget: dict[str, Decimal] = field(default_factory=dict)
    performance: str | None = None

    def keys(self) -> list[tuple[str, str]]:
        """(section, key) of every cell-keyed entry."""
        sections: dict[str, Iterable[str]] = {"reasons": self.reasons, "budget_reasons": self.budget_reasons,
                                              "uses": self.uses, "prior": self.prior, "budget": self.budget}
        return [(name, key) for name, entries in sections.items() for key in entries]

    def unknown_keys(self, report: Report) -> list[str]:
        """`section.key` of the entries that name no cell of the report (nor a fact): a typo, most
        likely, whose text or figure would never be used."""
        out = []
        for section, key in self.keys():
            if key.startswith("facts."):
                continue
            kind, _, rest = key.partition(".")
            row, _, column = rest.rpartition(".")
            table = report.tables.get(kind)
            if table is None or not row or column not in table.columns or table.row(row) is None:
                out.append(f"{section}.{key}")
        return out
