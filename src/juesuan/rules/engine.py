"""The checking pipeline: choose the rules, run each (a crash becomes a finding), apply the
user's configuration and explanations, and report coverage."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from juesuan.core.errors import ArgumentError
from juesuan.core.findings import CheckResult, Coverage, Finding, Location, Outcome, RuleRun, Severity, finding_types
from juesuan.core.model import Report
from juesuan.rules.catalogue import Rule, load_rules
from juesuan.rules.compare import Evaluator, Tally
from juesuan.rules.completeness import COMPLETENESS_EVALUATORS
from juesuan.rules.context import Context, NotApplicable, NotRun
from juesuan.rules.evaluators import TABLE_EVALUATORS
from juesuan.rules.narrative import NARRATIVE_EVALUATORS
from juesuan.rules.performance import PERFORMANCE_EVALUATORS
from juesuan.rules.structure import STRUCTURE_EVALUATORS

__all__ = ["EVALUATORS", "CheckConfig", "Explanation", "check"]

EVALUATORS: dict[str, Evaluator] = {**TABLE_EVALUATORS, **STRUCTURE_EVALUATORS, **NARRATIVE_EVALUATORS,
                                    **PERFORMANCE_EVALUATORS, **COMPLETENESS_EVALUATORS}


@dataclass(frozen=True, slots=True)
class CheckConfig:
    """What the user chose: tiers to run, rules switched off, severities changed."""

    tiers: frozenset[str] = frozenset({"basic"})
    disabled: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = field(default_factory=dict)

    @staticmethod
    def from_plain(data: Mapping[str, Any] | None) -> CheckConfig:
        """Read a config mapping (`tiers: [basic, strict]`, `disable: [X8]`, `severity: {X17: info}`);
        ArgumentError (a ValueError) names what is wrong."""
        data = data or {}
        if not isinstance(data, Mapping):
            raise ArgumentError("配置应为键值映射（tiers、disable、severity）")
        unknown = {str(k) for k in data} - {"tiers", "disable", "severity"}
        if unknown:
            raise ArgumentError(f"未知的配置项：{', '.join(sorted(unknown))}（可用：tiers、disable、severity）")
        rules = load_rules()
        known, tiers_known = {r.id for r in rules}, {r.tier for r in rules}
        tiers = frozenset(_names(data.get("tiers") or ["basic"], "tiers"))
        if tiers - tiers_known:
            raise ArgumentError(f"tiers 中有未知的级别：{'、'.join(sorted(tiers - tiers_known))}"
                                f"（可用：{'、'.join(sorted(tiers_known))}）")
        disabled = frozenset(_names(data.get("disable") or [], "disable"))
        severity = data.get("severity") or {}
        if not isinstance(severity, Mapping):
            raise ArgumentError("severity 应为映射（规则 → error、warning、needs-review 或 info）")
        names = {s.value for s in Severity}
        wrong = sorted(f"{k}: {v}" for k, v in severity.items() if not isinstance(v, str) or v not in names)
        if wrong:
            raise ArgumentError(f"severity 中的级别无效：{'、'.join(wrong)}（可用：{'、'.join(sorted(names))}）")
        severities = {str(k): Severity(v) for k, v in severity.items()}
        bad = sorted((disabled | set(severities)) - known)
        if bad:
            raise ArgumentError(f"配置中有未知的规则：{', '.join(bad)}")
        return CheckConfig(tiers=tiers, disabled=disabled, severities=severities)


def _names(value: Any, field_name: str) -> list[str]:
    """A list of names in a config (a single name is a list of one)."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ArgumentError(f"{field_name} 应为名称的列表")
    return list(value)


@dataclass(frozen=True, slots=True)
class Explanation:
    """A user's 出错说明: it explains the findings of `rule` at the given place (None = any)."""

    rule: str
    text: str
    table: str | None = None
    row: str | None = None
    column: str | None = None

    def explains(self, finding: Finding) -> bool:
        loc = finding.location
        return (finding.rule == self.rule
                and self.table in (None, loc.table, loc.table_title)
                and self.row in (None, loc.row, loc.row_label)
                and self.column in (None, loc.column, loc.column_header))


def _run(rule: Rule, ctx: Context) -> tuple[RuleRun, list[Finding]]:
    tally = Tally()
    try:
        EVALUATORS[rule.kind](rule, ctx, tally)
    except NotApplicable as why:
        return RuleRun(rule.id, Outcome.NOT_RUN, 0, f"不适用：{why}"), []
    except NotRun as missing:
        return RuleRun(rule.id, Outcome.NOT_RUN, 0, str(missing)), []
    except Exception as exc:  # a defect in a rule must not stop the others
        error = f"{type(exc).__name__}: {exc}"
        zh, en = finding_types()["internal-error"].message("", {"rule": rule.id, "error": error})
        finding = Finding("internal-error", Severity.ERROR, rule.id, Location(), zh, en)
        return RuleRun(rule.id, Outcome.NOT_RUN, tally.checks, f"内部错误：{exc}"), [finding]
    if tally.checks == 0:
        reasons = tally.not_run or [f"不适用：{r}" for r in tally.not_applicable] or ["没有可比较的数"]
        return RuleRun(rule.id, Outcome.NOT_RUN, 0, "；".join(dict.fromkeys(reasons))), tally.findings
    if tally.failed:
        outcome = Outcome.FAILED
    elif tally.rounding:
        outcome = Outcome.ROUNDING
    else:
        outcome = Outcome.HELD
    # Some comparisons could not be made (most runs have none: spare them the join).
    reason = ("；".join(dict.fromkeys(tally.not_run)) or None) if tally.not_run else None
    return RuleRun(rule.id, outcome, tally.checks, reason), tally.findings


def check(report: Report, *, rules: Iterable[Rule] | None = None, config: CheckConfig | None = None,
          explanations: Iterable[Explanation] = (), prior: Report | None = None) -> CheckResult:
    """Check a report: every selected rule runs; findings and coverage come back as values."""
    config = config or CheckConfig()
    ctx = Context(report, prior)
    selected = [r for r in (load_rules() if rules is None else rules)
                if r.tier in config.tiers and r.id not in config.disabled]
    runs: list[RuleRun] = []
    findings: list[Finding] = []
    notes = tuple(explanations)
    for rule in selected:
        run, found = _run(rule, ctx)
        runs.append(run)
        for finding in found:
            severity = config.severities.get(rule.id)
            if severity is not None and finding.severity in (Severity.ERROR, Severity.WARNING):
                finding = replace(finding, severity=severity)
            note = next((e.text for e in notes if e.explains(finding)), None)
            findings.append(replace(finding, explanation=note) if note else finding)
    order = {kind: i for i, kind in enumerate(ctx.template.kinds)}
    findings.sort(key=lambda f: (order.get(f.location.table or "", len(order)), f.severity.rank))
    coverage = Coverage(
        tables_found=tuple(k for k in ctx.template.kinds if k in report.tables),
        tables_missing=tuple(k for k in ctx.template.kinds if k not in report.tables),
        runs=tuple(runs),
    )
    return CheckResult(findings=tuple(findings), coverage=coverage)
