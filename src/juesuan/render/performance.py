"""第四部分 预算绩效管理情况 of the Guangzhou 2020 layout, written from the 绩效 facts (domain.md §4):
how many projects were self-evaluated and their share of 一般公共预算项目支出, the department-wide
evaluation (budget, execution, 完成预算 %) and its key targets, then each project's funds, 预算执行率,
score and grade. A target is said to be met only when its figures show it: an indicator whose actual
value falls short is named, never covered by "各项指标均达到" (rule NR8).
"""

from __future__ import annotations

from decimal import Decimal

from juesuan.core.model import Report
from juesuan.core.scoring import falls_short, grade_of, measured
from juesuan.core.texts import DepartmentTexts
from juesuan.render.narrative import Wording, amount_at, narrative_amount, percent_text

__all__ = ["performance_part"]

_RATE_PLACES = 2  # execution rates are printed with two decimals, as in the self-evaluation tables (99.85%)
_ALMOST = Decimal("99.99")


def _rate(part: Decimal, whole: Decimal) -> str:
    """An execution rate, half-up to two decimals, except that money left unspent is never shown as
    100.00%: it is cut to 99.99% (truncation, which the checker accepts as well, domain.md §3.2)."""
    if whole <= 0:
        return "--%(基数为0,不可比)"
    text = percent_text(part, whole, _RATE_PLACES)
    return f"{_ALMOST}%" if part < whole and Decimal(text) >= 100 else f"{text}%"


def performance_part(report: Report, texts: DepartmentTexts | None = None, wording: Wording | None = None) -> str:
    """The text of 第四部分; empty when the report holds no 绩效 facts."""
    perf = report.facts.performance
    if perf is None:
        return ""
    wording = wording or Wording()
    texts = texts or DepartmentTexts()
    lines = [texts.performance] if texts.performance else []
    lines.append("一、绩效管理工作总体情况")
    evaluated = perf.projects_evaluated if perf.projects_evaluated is not None else len(perf.projects)
    projects_total = amount_at(report, "gpb_expenditure", "total", "project")
    sentence = f"根据财政预算绩效管理要求,本部门组织对{report.year}年度{evaluated}个一般公共预算项目支出开展绩效自评"
    if perf.projects_amount is not None:
        sentence += f",共涉及资金{narrative_amount(perf.projects_amount)}万元"
        if projects_total:
            sentence += (f",占一般公共预算项目支出总额的"
                         f"{percent_text(perf.projects_amount, projects_total, wording.percent_places)}%")
    lines.append(sentence + "。")
    subordinate = [u for u in report.units if "本级" not in u.name]
    spent = amount_at(report, "gpb_expenditure", "total", "total")
    if perf.department is not None and spent is not None:
        within = f"(含下属单位{len(subordinate)}个)" if subordinate and len(subordinate) < len(report.units) else ""
        lines.append(f"组织部门整体支出绩效自评{within},涉及一般公共预算支出{narrative_amount(spent)}万元。")
    lines += ["二、绩效自评结果", "(一)部门整体支出绩效自评综述"]
    whole = perf.department
    if whole is not None and whole.budget is not None and whole.executed is not None:
        lines.append(f"全年预算数{narrative_amount(whole.budget)}万元,执行数{narrative_amount(whole.executed)}万元,"
                     f"完成预算的{_rate(whole.executed, whole.budget)}。")
    if whole is not None and whole.targets:
        lines.append("主要绩效目标完成情况:")
        for number, target in enumerate(whole.targets, start=1):
            name = target.indicator or "其他目标"
            lines.append(f"{number}.{name}:目标值{target.expected or '未列明'};完成情况:{target.outcome or '未列明'}")
    short = [(p.name, i) for p in perf.projects for i in p.indicators if falls_short(i)]
    quantitative = any(measured(i) for p in perf.projects for i in p.indicators)
    if short:
        named = ";".join(f"{i.level2}(目标值{i.target},实际完成{i.actual})" for _, i in short)
        lines.append(f"经自评,{named}未达到目标值,其余量化指标均达到目标值。")
    elif quantitative:
        lines.append("经自评,各项量化指标均达到目标值。")
    if perf.projects:
        lines.append("(二)项目支出绩效自评")
    for number, project in enumerate(perf.projects, start=1):
        total = next((f for f in project.funds if f.source.startswith("总额")), None)
        sentence = f"{number}.{project.name}:"
        if total is not None and total.budget is not None and total.executed is not None:
            sentence += (f"全年预算数{narrative_amount(total.budget)}万元,执行数{narrative_amount(total.executed)}万元,"
                         f"预算执行率{_rate(total.executed, total.budget)};")
        if project.total_score is not None:
            grade = project.grade or grade_of(project.total_score)
            sentence += f"自评得分{project.total_score}分,评价等级为“{grade}”"
        lines.append(sentence.rstrip(";") + "。")
    return "\n".join(lines)
