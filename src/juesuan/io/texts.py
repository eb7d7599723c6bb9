"""A department's own words and figures for the generated 情况说明.

    reasons:
      summary.gpb_income.income_actual: 一是因机构改革……；二是……
      expenditure.total.basic: 人员编制和工作任务增加。
      facts.operating_expenses.amount: 从严控制机关运行经费支出。
    prior:                                   # last year's figures the data does not hold (万元)
      summary.state_capital_income.income_actual: 0

A key names a cell as `table.row.column` (or a fact), as in the data package. A reason is placed
after 主要变动情况 where that figure's change is described; a prior figure is last year's value
of that cell (a prior-year report given with --prior overrides it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from juesuan.io.errors import InputError, Where, read_yaml_file

__all__ = ["DepartmentTexts", "read_texts"]


@dataclass(frozen=True, slots=True)
class DepartmentTexts:
    reasons: dict[str, str] = field(default_factory=dict)
    prior: dict[str, Decimal] = field(default_factory=dict)


def _keyed(path: Path, data: dict[str, object], section: str) -> dict[str, object]:
    value = data.get(section) or {}
    if not isinstance(value, dict):
        raise InputError(Where(file=str(path), field=section), f"{section} 应为映射（单元格 → 值）",
                         f"{section} must be a mapping (cell → value)")
    for key in value:
        if str(key).count(".") != 2:
            raise InputError(Where(file=str(path), field=f"{section}.{key}"), "键应为“表.行.列”",
                             "the key must be table.row.column")
    return {str(k): v for k, v in value.items()}


def read_texts(path: Path) -> DepartmentTexts:
    """The reasons and prior figures of a texts file; a clear error naming the entry for anything malformed."""
    where = Where(file=str(path))
    data = read_yaml_file(path)
    if not isinstance(data, dict) or not (set(data) & {"reasons", "prior"}) or set(data) - {"reasons", "prior"}:
        raise InputError(where, "应有 reasons:（单元格 → 主要变动情况）和/或 prior:（单元格 → 上年数）",
                         "expected `reasons:` (cell → reason) and/or `prior:` (cell → last year's figure)")
    reasons: dict[str, str] = {}
    for key, text in _keyed(path, data, "reasons").items():
        if not isinstance(text, str) or not text.strip():
            raise InputError(Where(file=str(path), field=f"reasons.{key}"), "主要变动情况不能为空",
                             "the reason must not be empty")
        reasons[key] = text.strip()
    prior: dict[str, Decimal] = {}
    for key, value in _keyed(path, data, "prior").items():
        try:
            prior[key] = Decimal(str(value).replace(",", ""))
        except InvalidOperation:
            raise InputError(Where(file=str(path), field=f"prior.{key}"), f"不是金额：{value}",
                             f"not an amount: {value}") from None
    return DepartmentTexts(reasons, prior)
