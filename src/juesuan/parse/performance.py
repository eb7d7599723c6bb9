"""绩效 from a published text: the project self-evaluation tables and the department-wide figures."""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan.core.amounts import AmountError, read_amount
from juesuan.core.facts import (
    DepartmentPerformance,
    ExecutionScore,
    Indicator,
    Performance,
    ProjectEvaluation,
    ProjectFunds,
)
from juesuan.core.text import spaceless
from juesuan.parse.tables import TextLine

__all__ = ["read_performance"]

_AMOUNT = r"(\d[\d,]{0,20}(?:\.\d{1,6})?)"  # 36,144.80 or 36144.8: a number as the narrative prints it
_COVERAGE = re.compile(r"(\d{1,6})个[^,，。]{0,12}项目支出(?:全面)?开展绩效自评,?共涉及资金" + _AMOUNT + r"万元,?"
                       r"占[^%]{0,20}?(\d+(?:\.\d+)?)%")
_DEPARTMENT = re.compile(r"全年预算数" + _AMOUNT + r"万元,?执行数" + _AMOUNT + r"万元,?完成预算的(\d+(?:\.\d+)?)%")
_EXPECTED = re.compile(r"预期预算完成率[:：]?(\d+(?:\.\d+)?)%")
_MEASURE = re.compile(r"^[≥≤>＜<＞=]?\s*\d[\d,.\s]*%?$")


def _number(text: str) -> Decimal | None:
    try:
        return read_amount(text.rstrip("%").rstrip("％"))
    except AmountError:
        return None


_CATEGORIES = ("产出指标", "效益指标", "满意度指标", "成本指标")


def _indicator(cells: tuple[str, ...], context: list[str | None]) -> Indicator | None:
    """`… 二级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 分析` anywhere in a row.

    The category and 一级指标 cells span several rows in the PDF; they carry over to the next rows.
    """
    for i in range(1, len(cells) - 3):
        target, actual = spaceless(cells[i]), spaceless(cells[i + 1])
        weight, score = _number(cells[i + 2]), _number(cells[i + 3])
        quantitative = "%" in target or target[:1] in "≥≤><"
        if not (_MEASURE.match(target) and _MEASURE.match(actual) and quantitative) or weight is None \
                or score is None:
            continue
        *spans, level2 = [spaceless(c) for c in cells[:i]]
        for span in spans:
            context[0 if span in _CATEGORIES else 1] = span
        analysis = "".join(spaceless(c) for c in cells[i + 4:]) or None
        return Indicator(level2=level2, category=context[0], level1=context[1], target=target, actual=actual,
                         weight=weight, score=score, analysis=analysis)
    return None


def _project(lines: list[TextLine]) -> ProjectEvaluation | None:
    name = department = implementer = None
    funds: list[ProjectFunds] = []
    rate = weight = score = total = None
    indicators: list[Indicator] = []
    context: list[str | None] = [None, None]
    for line in lines:
        cells = line.cells
        plain = [spaceless(c) for c in cells]
        if plain[0] == "项目名称" and len(cells) > 1:
            name = plain[1]
        elif plain[0] == "主管部门" and len(cells) > 3:
            department, implementer = plain[1], plain[3]
        elif any(p.startswith(("总额", "其中:财政拨款", "财政拨款", "非财政拨款")) for p in plain[:2]):
            label = next(p for p in plain[:2] if p.startswith(("总额", "其中:财政拨款", "财政拨款", "非财政拨款")))
            numbers = [_number(c) for c in cells[plain.index(label) + 1:]]
            amounts = [n for n, c in zip(numbers, cells[plain.index(label) + 1:], strict=True)
                       if n is not None and "%" not in c]
            funds.append(ProjectFunds(label.removeprefix("其中:"), amounts[0] if amounts else None,
                                      amounts[1] if len(amounts) > 1 else None))
            percents = [_number(c) for c in cells if "%" in c]
            if percents and percents[0] is not None:
                rate = percents[0]
            if len(amounts) >= 4:
                weight, score = amounts[2], amounts[3]
        elif plain[0].startswith("总分") or "".join(plain[:2]) == "总分":
            total = _number(cells[-1])
        else:
            indicator = _indicator(cells, context)
            if indicator is not None:
                indicators.append(indicator)
    if name is None:
        return None
    return ProjectEvaluation(name=name, department=department, implementer=implementer, funds=tuple(funds),
                             execution=ExecutionScore(weight, rate, score), indicators=tuple(indicators),
                             total_score=total)


def read_performance(lines: list[TextLine], text: str) -> Performance | None:
    """The 绩效 facts a published text states: coverage, the department-wide rate, project tables."""
    flat = spaceless(text)
    projects: list[ProjectEvaluation] = []
    starts = [i for i, ln in enumerate(lines) if spaceless(ln.text).startswith("项目名称")]
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else next(
            (i for i in range(start, len(lines)) if spaceless(lines[i].text).startswith(("总分", "第五部分"))),
            len(lines))
        project = _project(lines[start:end + 1])
        if project is not None:
            projects.append(project)
    coverage = _COVERAGE.search(flat)
    department = _DEPARTMENT.search(flat)
    expected = _EXPECTED.search(flat)
    if not projects and coverage is None and department is None:
        return None
    return Performance(
        projects_evaluated=int(coverage.group(1)) if coverage else None,
        projects_amount=_number(coverage.group(2)) if coverage else None,
        projects_share=_number(coverage.group(3)) if coverage else None,
        department=DepartmentPerformance(
            budget=_number(department.group(1)), executed=_number(department.group(2)),
            rate=_number(department.group(3)), expected_rate=_number(expected.group(1)) if expected else None,
        ) if department else None,
        projects=tuple(projects),
    )
