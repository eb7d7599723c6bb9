"""绩效 rules: recompute the scores and rates of the self-evaluation (domain.md §4)."""

from __future__ import annotations

from decimal import Decimal

from juesuan.core.amounts import half_unit
from juesuan.core.facts import Indicator, ProjectEvaluation
from juesuan.core.findings import Location
from juesuan.core.scoring import Measure, grade_of, measure
from juesuan.rules.catalogue import Rule
from juesuan.rules.compare import ByCheck, Evaluator, Tally, money, record
from juesuan.rules.context import ZERO, Context, NotApplicable
from juesuan.rules.percent import HUNDRED, fits_rounding, ratio_fits

__all__ = ["PERFORMANCE_EVALUATORS"]

def _projects(ctx: Context) -> tuple[ProjectEvaluation, ...]:
    perf = ctx.report.facts.performance
    if perf is None or not perf.projects:
        raise NotApplicable("报告中没有项目支出绩效自评表")
    return perf.projects


def _where(project: ProjectEvaluation, item: str) -> Location:
    return Location(part="项目支出绩效自评表", table_title=f"{project.name}", row_label=item)


def check_total(rule: Rule, ctx: Context, tally: Tally) -> None:
    for project in _projects(ctx):
        scores = [i.score for i in project.indicators]
        if project.total_score is None or project.execution is None or project.execution.score is None \
                or any(s is None for s in scores):
            tally.not_run.append(f"「{project.name}」缺少得分")
            continue
        parts = [s for s in scores if s is not None] + [project.execution.score]
        tally.checks += 1
        total = sum(parts, ZERO)
        slack = half_unit(project.total_score) + sum((half_unit(p) for p in parts), ZERO)
        if abs(total - project.total_score) > slack:
            record(tally, rule, _where(project, "总分"), "score-mismatch", expected=total,
                   actual=project.total_score, score=project.total_score, total=money(total))


def check_weights(rule: Rule, ctx: Context, tally: Tally) -> None:
    for project in _projects(ctx):
        weights = [i.weight for i in project.indicators]
        if project.execution is None or project.execution.weight is None or any(w is None for w in weights):
            tally.not_run.append(f"「{project.name}」缺少分值")
            continue
        tally.checks += 1
        total = sum((w for w in weights if w is not None), project.execution.weight)
        if total != HUNDRED:
            record(tally, rule, _where(project, "分值"), "weight-total", expected=HUNDRED, actual=total, total=total)


def check_execution_rate(rule: Rule, ctx: Context, tally: Tally) -> None:
    for project in _projects(ctx):
        total = next((f for f in project.funds if f.source.startswith("总额")), None)
        rate = project.execution.rate if project.execution else None
        if total is None or total.budget is None or total.executed is None or rate is None:
            tally.not_run.append(f"「{project.name}」缺少预算数、完成数或预算执行率")
            continue
        if total.budget <= 0:
            tally.not_run.append(f"「{project.name}」的预算数为 {money(total.budget)}，执行率无从计算")
            continue
        tally.checks += 1
        if not ratio_fits(rate, total.executed, total.budget, half_unit(total.executed), half_unit(total.budget)):
            exact = total.executed / total.budget * HUNDRED
            record(tally, rule, _where(project, "预算执行率"), "rate-mismatch", "execution",
                   expected=exact.quantize(rate), actual=rate, rate=rate, executed=(money(total.executed),
                   total.executed), budget=(money(total.budget), total.budget), exact=f"{exact:.4f}")


def _score_fits(score: Decimal, candidates: list[Decimal]) -> bool:
    return any(fits_rounding(score, c) for c in candidates)


def check_execution_score(rule: Rule, ctx: Context, tally: Tally) -> None:
    for project in _projects(ctx):
        ex = project.execution
        if ex is None or ex.weight is None or ex.rate is None or ex.score is None:
            tally.not_run.append(f"「{project.name}」缺少预算执行率得分")
            continue
        tally.checks += 1
        proportional = min(ex.weight, ex.weight * ex.rate / HUNDRED)
        linear = max(ZERO, ex.weight - max(ZERO, HUNDRED - ex.rate))
        if not _score_fits(ex.score, [proportional, linear]):
            record(tally, rule, _where(project, "预算执行率得分"), "score-rule", "execution", actual=ex.score,
                   score=ex.score, proportional=f"{proportional:.2f}", linear=f"{linear:.2f}")


def _indicator_candidates(indicator: Indicator, target: Measure, actual: Measure) -> list[Decimal] | None:
    """The scores an indicator may have: full marks if met; else proportional or linear."""
    weight = indicator.weight
    if weight is None:
        return None
    met = actual.value >= target.value if target.op in ("=", "≥", ">") else actual.value <= target.value
    if met:
        return [weight]
    if target.op in ("≤", "<"):
        proportional = weight * target.value / actual.value if actual.value else ZERO
    else:
        proportional = weight * actual.value / target.value if target.value else ZERO
    candidates = [min(weight, proportional)]
    if target.percent and actual.percent:
        candidates.append(max(ZERO, weight - abs(target.value - actual.value)))
    return candidates


def check_indicator_scores(rule: Rule, ctx: Context, tally: Tally) -> None:
    for project in _projects(ctx):
        for indicator in project.indicators:
            target, actual = measure(indicator.target), measure(indicator.actual)
            if target is None or actual is None or indicator.score is None:
                continue  # qualitative indicators are scored by bands, not recomputed
            candidates = _indicator_candidates(indicator, target, actual)
            if candidates is None:
                continue
            tally.checks += 1
            if not _score_fits(indicator.score, candidates):
                shown = "、".join(f"{c:.2f}" for c in candidates)
                record(tally, rule, _where(project, indicator.level2), "score-rule", "indicator",
                       expected=candidates[0], actual=indicator.score, target=indicator.target,
                       actual_value=indicator.actual, weight=indicator.weight, score=indicator.score, shown=shown)
    if tally.checks == 0:
        raise NotApplicable("没有可复算的定量指标")


def check_department_rate(rule: Rule, ctx: Context, tally: Tally) -> None:
    perf = ctx.report.facts.performance
    dept = perf.department if perf else None
    if dept is None or dept.budget is None or dept.executed is None or dept.rate is None:
        raise NotApplicable("报告中没有部门整体支出的预算数、执行数与完成率")
    if dept.budget <= 0:
        raise NotApplicable(f"部门整体支出的预算数为 {money(dept.budget)}，完成率无从计算")
    tally.checks += 1
    # The narrative drops trailing zeros: its amounts carry 2 decimals (domain.md §0.2).
    executed_half = min(half_unit(dept.executed), Decimal("0.005"))
    budget_half = min(half_unit(dept.budget), Decimal("0.005"))
    if not ratio_fits(dept.rate, dept.executed, dept.budget, executed_half, budget_half):
        exact = dept.executed / dept.budget * HUNDRED
        where = Location(part="部门整体支出绩效自评", row_label="预算完成率")
        record(tally, rule, where, "rate-mismatch", "department", expected=exact.quantize(dept.rate),
               actual=dept.rate, rate=dept.rate, executed=money(dept.executed), budget=money(dept.budget),
               exact=f"{exact:.4f}")


def check_grade(rule: Rule, ctx: Context, tally: Tally) -> None:
    graded = [p for p in _projects(ctx) if p.grade and p.total_score is not None]
    if not graded:
        raise NotApplicable("自评表未给出绩效等级")
    for project in graded:
        tally.checks += 1
        assert project.total_score is not None
        expected = grade_of(project.total_score)
        if not (project.grade or "").startswith(expected):
            record(tally, rule, _where(project, "等级"), "grade-mismatch", score=project.total_score,
                   expected_grade=expected, grade=project.grade)


_CHECKS: dict[str, Evaluator] = {
    "total": check_total,
    "weights": check_weights,
    "execution_rate": check_execution_rate,
    "execution_score": check_execution_score,
    "indicator_scores": check_indicator_scores,
    "department_rate": check_department_rate,
    "grade": check_grade,
}


PERFORMANCE_EVALUATORS = {"performance": ByCheck(_CHECKS)}
