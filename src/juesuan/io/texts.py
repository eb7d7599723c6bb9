"""Reading a department's own words and figures for the generated 情况说明.

    reasons:
      summary.gpb_income.income_actual: 一是因机构改革……；二是……
      expenditure.total.basic: 人员编制和工作任务增加。
      facts.operating_expenses.amount: 从严控制机关运行经费支出。
    prior:                                   # last year's figures the data does not hold (万元)
      summary.state_capital_income.income_actual: 0
    budget_reasons:                          # why the 决算数 is above or below the 年初预算
      gpb_expenditure.2080501.total: 年中人员退休。
    uses:                                    # what the money is mainly used for (主要用于)
      gpb_expenditure.2080501.total: 支付机关本部及参公单位退休人员补贴、退休人员福利费
    budget:                                  # 年初预算 the tables do not hold (万元)
      gpb_expenditure.2080501.total: 51.50
    performance: 本部门建立了预算绩效管理制度……

A key names a cell as `table.row.column` (or a fact), as in the data package. A reason is placed
after 主要变动情况 where that figure's change is described, a budget reason where its 决算数 is
set against its 年初预算; a prior figure is last year's value
of that cell (a prior-year report given with --prior overrides it); a budget figure is the cell's
年初预算; `performance` is the department's paragraph on its 预算绩效管理.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from juesuan.core.amounts import AmountError, read_amount
from juesuan.core.errors import InputError
from juesuan.core.location import Location
from juesuan.core.texts import DepartmentTexts
from juesuan.io.syntax import read_yaml_file

__all__ = ["DepartmentTexts", "read_texts"]

_SECTIONS = {"reasons", "budget_reasons", "uses", "prior", "budget", "performance"}


def _keyed(path: Path, data: dict[str, object], section: str) -> dict[str, object]:
    value = data.get(section) or {}
    if not isinstance(value, dict):
        raise InputError(Location(file=str(path), field=section), f"{section} 应为映射（单元格 → 值）",
                         f"{section} must be a mapping (cell → value)")
    for key in value:
        if str(key).count(".") != 2:
            raise InputError(Location(file=str(path), field=f"{section}.{key}"), "键应为“表.行.列”",
                             "the key must be table.row.column")
    return {str(k): v for k, v in value.items()}


def _reasons(path: Path, data: dict[str, object], section: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, text in _keyed(path, data, section).items():
        if not isinstance(text, str) or not text.strip():
            raise InputError(Location(file=str(path), field=f"{section}.{key}"), "原因不能为空",
                             "the reason must not be empty")
        out[key] = text.strip()
    return out


def _amounts(path: Path, data: dict[str, object], section: str) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for key, value in _keyed(path, data, section).items():
        try:
            amount = read_amount(str(value)) if isinstance(value, str | int | float) else None
        except AmountError:
            amount = None
        if amount is None or isinstance(value, bool):
            shown = str(value)[:40]
            raise InputError(Location(file=str(path), field=f"{section}.{key}"), f"不是金额：{shown}",
                             f"not an amount: {shown}")
        out[key] = amount
    return out


def read_texts(path: Path) -> DepartmentTexts:
    """A department's texts file; a clear error naming the entry for anything malformed."""
    where = Location(file=str(path))
    data = read_yaml_file(path)
    if not isinstance(data, dict) or not (set(data) & _SECTIONS) or set(data) - _SECTIONS:
        raise InputError(where, "应有 reasons:（单元格 → 主要变动情况）、budget_reasons:（单元格 → 与年初预算的"
                         "差异原因）、uses:（单元格 → 主要用于）、prior:（单元格 → 上年数）、budget:（单元格 → "
                         "年初预算）或 performance:（预算绩效管理情况）",
                         "expected `reasons:`, `budget_reasons:`, `uses:` (cell → text), `prior:`, `budget:` "
                         "(cell → amount) or `performance:` (a paragraph)")
    performance = data.get("performance")
    if performance is not None and (not isinstance(performance, str) or not performance.strip()):
        raise InputError(Location(file=str(path), field="performance"), "预算绩效管理情况应为一段非空文字",
                         "performance must be a non-empty paragraph")
    return DepartmentTexts(_reasons(path, data, "reasons"), _reasons(path, data, "budget_reasons"),
                           _reasons(path, data, "uses"), _amounts(path, data, "prior"), _amounts(path, data, "budget"),
                           performance.strip() if performance else None)
