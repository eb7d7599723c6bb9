"""The 情况说明 written from the tables: every number of a sentence is a cell or a formula over cells,
so the narrative agrees with the tables by construction (domain.md §3).

This module writes 一、收入支出决算总体情况 in the Guangzhou 2020 wording: each income line of
收入支出决算总表 and each expenditure type of 支出决算表 against last year. Last year's figures
come from a prior-year report when given, else from the reference figures the report carries.
Where a change needs a reason the department has not supplied, or a figure is missing, the text
keeps a visible 【请填写…】 placeholder, which `juesuan check` reports (rule K5).

    >>> from juesuan.render.narrative import overall_section
    >>> print(overall_section(report, prior=None, reasons={}))
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from juesuan.core.facts import Basis
from juesuan.core.model import Report

__all__ = ["Wording", "change_clause", "narrative_amount", "overall_section", "prior_figures"]

_NUMBERING = re.compile(r"^[一二三四五六七八九十]+、")
_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Wording:
    """How a template words its numbers: decimals of percentages, the name of last year's base."""

    percent_places: int = 1   # Guangzhou: 47.2%; Shanghai prints two
    prior_basis: str = "上年决算"


def narrative_amount(value: Decimal) -> str:
    """An amount as the narrative prints it: thousands separated, trailing zeros dropped (36,144.8; 0)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _percent(part: Decimal, whole: Decimal, places: int) -> str:
    ratio = (part / whole * 100).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{ratio:.{places}f}"


def change_clause(current: Decimal, prior: Decimal, wording: Wording) -> str:
    """比上年决算增加 11,587.94 万元,增长 47.2% · 与上年决算持平 · 增加--%(基数为0,不可比) (domain.md §0.3)."""
    diff = current - prior
    basis = wording.prior_basis
    if diff == 0:
        return f"与{basis}持平"
    more = diff > 0
    amount = f"比{basis}{'增加' if more else '减少'}{narrative_amount(abs(diff))}万元"
    if prior == 0:
        return f"{amount},增加--%(基数为0,不可比)"
    return f"{amount},{'增长' if more else '下降'}{_percent(abs(diff), prior, wording.percent_places)}%"


def prior_figures(report: Report, prior: Report | None) -> dict[str, Decimal]:
    """Last year's figure of each cell, as `kind.row.column`: from the prior report's cells when
    given, else from the reference figures the report states."""
    if prior is not None:
        return {f"{kind}.{row.ident}.{column}": cell.amount for kind, table in prior.tables.items()
                for row in table.rows for column, cell in row.cells.items() if cell.amount is not None}
    return {f.subject: f.amount for f in report.facts.reference if f.basis is Basis.PRIOR_YEAR}


def _amount(report: Report, kind: str, row: str, column: str) -> Decimal | None:
    table = report.tables.get(kind)
    found = table.row(row) if table else None
    cell = found.cells.get(column) if found else None
    return None if cell is None else (cell.amount if cell.amount is not None else _ZERO)


def _line(number: int, name: str, current: Decimal, prior: Decimal | None, reason: str | None,
          wording: Wording) -> str:
    head = f"{number}.{name}{narrative_amount(current)}万元"
    if prior is None:
        return f"{head},【请填写{wording.prior_basis}数】。"
    clause = change_clause(current, prior, wording)
    if current == prior:
        return f"{head},{clause}。"
    return f"{head},{clause}。主要变动情况:{reason or '【请填写主要变动情况】'}"


def overall_section(report: Report, prior: Report | None = None, reasons: Mapping[str, str] | None = None,
                    wording: Wording | None = None) -> str:
    """一、收入支出决算总体情况: totals, then each income line and expenditure type against last
    year. `reasons` maps a cell (`summary.gpb_income.income_actual`) to its 主要变动情况."""
    wording = wording or Wording()
    reasons = reasons or {}
    last = prior_figures(report, prior)
    who = f"{report.department}{report.year}年度"
    lines = [f"一、{report.year}年度收入支出决算总体情况说明", "(一)年度收入总体情况"]
    summary = report.tables.get("summary")
    if summary is not None:
        grand = _amount(report, "summary", "income_grand_total", "income_actual")
        total = _amount(report, "summary", "income_total", "income_actual")
        if grand is not None and total is not None:
            lines.append(f"{who}总收入{narrative_amount(grand)}万元,其中本年收入{narrative_amount(total)}万元。"
                         "具体情况如下:")
        number = 0
        for row in summary.rows:
            if row.side != "income" or row.key is None or not row.key.endswith("_income"):
                continue
            subject = f"summary.{row.key}.income_actual"
            current = _amount(report, "summary", row.key, "income_actual")
            if current is None:
                continue
            number += 1
            name = _NUMBERING.sub("", row.label or row.key)
            lines.append(_line(number, name, current, last.get(subject), reasons.get(subject), wording))
    lines.append("(二)年度支出总体情况")
    grand = _amount(report, "summary", "expenditure_grand_total", "expenditure_actual")
    total = _amount(report, "summary", "expenditure_total", "expenditure_actual")
    if grand is not None and total is not None:
        lines.append(f"{who}总支出{narrative_amount(grand)}万元,其中本年支出{narrative_amount(total)}万元。"
                     "具体情况如下:")
    expenditure = report.tables.get("expenditure")
    if expenditure is not None:
        number = 0
        for column, header in expenditure.columns.items():
            if column == "total":
                continue
            current = _amount(report, "expenditure", "total", column)
            if current is None:
                continue
            number += 1
            subject = f"expenditure.total.{column}"
            lines.append(_line(number, header, current, last.get(subject), reasons.get(subject), wording))
    return "\n".join(lines)
