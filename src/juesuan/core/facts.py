"""Facts the narrative states beyond the tables: 三公 counts, 机关运行经费, 政府采购, 国有资产, 绩效.

Amounts are Decimals as published (the narrative drops trailing zeros: `36,144.8`); counts are
integers; a field the document does not state is None, never zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "Assets",
    "Basis",
    "DepartmentPerformance",
    "DepartmentTarget",
    "ExecutionScore",
    "Facts",
    "Indicator",
    "OperatingExpenses",
    "Performance",
    "Procurement",
    "ProjectEvaluation",
    "ProjectFunds",
    "ReferenceFigure",
    "ThreePublicCounts",
]


@dataclass(frozen=True, slots=True)
class ThreePublicCounts:
    """Physical counts behind the 三公 amounts (团组/人次, 购置数/保有量, 接待批次/人次)."""

    outbound_groups: int | None = None
    outbound_people: int | None = None
    vehicles_purchased: int | None = None
    vehicles_held: int | None = None
    domestic_reception_batches: int | None = None
    domestic_reception_people: int | None = None
    foreign_reception_batches: int | None = None
    foreign_reception_people: int | None = None


@dataclass(frozen=True, slots=True)
class OperatingExpenses:
    """机关运行经费 with the figures it is compared against."""

    amount: Decimal | None = None
    budget: Decimal | None = None
    prior_year: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Procurement:
    """政府采购: total, by 货物/工程/服务, and the part awarded to 中小企业 (of which 小微企业)."""

    total: Decimal | None = None
    goods: Decimal | None = None
    works: Decimal | None = None
    services: Decimal | None = None
    sme: Decimal | None = None
    small_micro: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Assets:
    """国有资产占用: vehicles by type and equipment above the value thresholds."""

    vehicles: int | None = None
    vehicles_by_type: Mapping[str, int] = field(default_factory=dict)
    general_equipment_500k: int | None = None
    special_equipment_1m: int | None = None
    equipment_1m: int | None = None


@dataclass(frozen=True, slots=True)
class DepartmentTarget:
    """One row of the 部门整体支出绩效目标 table (the indicator name may be illegible: None)."""

    indicator: str | None = None
    goal: str | None = None
    expected: str | None = None
    outcome: str | None = None


@dataclass(frozen=True, slots=True)
class DepartmentPerformance:
    """部门整体支出绩效自评: budget, execution and the key targets."""

    budget: Decimal | None = None
    executed: Decimal | None = None
    rate: Decimal | None = None
    expected_rate: Decimal | None = None
    targets: tuple[DepartmentTarget, ...] = ()


@dataclass(frozen=True, slots=True)
class ProjectFunds:
    """A funding line of a project self-evaluation (总额, 财政拨款, 非财政拨款 …)."""

    source: str
    budget: Decimal | None = None
    executed: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ExecutionScore:
    """The 预算执行率 line: its weight, the rate in percent and the score given."""

    weight: Decimal | None = None
    rate: Decimal | None = None
    score: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Indicator:
    """One performance indicator: target and actual as printed, weight and score."""

    level2: str
    category: str | None = None
    level1: str | None = None
    target: str | None = None
    actual: str | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    analysis: str | None = None


@dataclass(frozen=True, slots=True)
class ProjectEvaluation:
    """One 项目支出绩效自评表."""

    name: str
    department: str | None = None
    implementer: str | None = None
    funds: tuple[ProjectFunds, ...] = ()
    execution: ExecutionScore | None = None
    goals: str | None = None
    outcomes: str | None = None
    indicators: tuple[Indicator, ...] = ()
    total_score: Decimal | None = None
    grade: str | None = None


@dataclass(frozen=True, slots=True)
class Performance:
    """绩效: coverage of project self-evaluation, the department-wide one, and project tables."""

    projects_evaluated: int | None = None
    projects_amount: Decimal | None = None
    projects_share: Decimal | None = None
    average_score: Decimal | None = None
    department: DepartmentPerformance | None = None
    projects: tuple[ProjectEvaluation, ...] = ()


class Basis(StrEnum):
    """What a reference figure is: last year's final accounts or this year's initial budget."""

    PRIOR_YEAR = "prior_year"
    INITIAL_BUDGET = "initial_budget"


@dataclass(frozen=True, slots=True)
class ReferenceFigure:
    """A figure of another year or of the budget, as the narrative states or implies it.

    `subject` names a table cell as `kind.row.column` or a fact as `facts.section.field`.
    """

    subject: str
    basis: Basis
    amount: Decimal
    stated: str | None = None


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything the narrative states that the tables do not hold."""

    three_public: ThreePublicCounts | None = None
    operating_expenses: OperatingExpenses | None = None
    procurement: Procurement | None = None
    assets: Assets | None = None
    performance: Performance | None = None
    reference: tuple[ReferenceFigure, ...] = ()
