"""`juesuan check`: read, check, and report findings as text, JSON or HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console

from juesuan.api import read, read_with_notes
from juesuan.cli.console import styled
from juesuan.core.findings import CheckResult, Finding, Severity
from juesuan.core.location import Location
from juesuan.core.model import Report
from juesuan.io import InputError
from juesuan.render.findings import OUTCOME_NAMES, SEVERITY_NAMES, summary_counts
from juesuan.rules import CheckConfig, Explanation, check, load_rules

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.NEEDS_REVIEW: "magenta",
          Severity.INFO: "dim"}


def read_config(path: Path | None) -> CheckConfig:
    """The user's rule configuration (tiers, rules switched off, severities changed)."""
    if path is None:
        return CheckConfig()
    from juesuan.io.syntax import read_yaml_file  # yaml loads only for a user's own file

    data = read_yaml_file(path)
    try:
        if data is not None and not isinstance(data, dict):
            raise ValueError("配置文件应为键值映射（tiers、disable、severity）")
        return CheckConfig.from_plain(data)
    except ValueError as exc:
        raise InputError(Location(file=str(path)), str(exc), f"invalid configuration: {exc}") from None


def read_explanations(path: Path | None) -> list[Explanation]:
    """出错说明: a YAML list of {rule, table, row, column, text}; table/row/column are optional."""
    if path is None:
        return []
    from juesuan.io.syntax import read_yaml_file

    data = read_yaml_file(path) or []
    where = Location(file=str(path))
    if not isinstance(data, list):
        raise InputError(where, "出错说明文件应为列表", "the explanations file must be a list")
    known = {r.id for r in load_rules()}
    out = []
    for i, item in enumerate(data, start=1):
        here = where.at(field=f"第 {i} 条")
        if not isinstance(item, dict) or not isinstance(item.get("rule"), str) or not isinstance(
                item.get("text"), str) or not item["text"].strip():
            raise InputError(here, "每条说明须有 rule 与 text（文字）", "each explanation needs rule and text (words)")
        places = {k: item.get(k) for k in ("table", "row", "column")}
        if any(v is not None and not isinstance(v, str | int) for v in places.values()):
            raise InputError(here, "table、row、column 应为文字或编码", "table, row and column must be words or codes")
        if item["rule"] not in known:
            raise InputError(here, f"未知的规则 {item['rule']}", f"unknown rule {item['rule']}")
        extra = {str(k) for k in item} - {"rule", "text", "table", "row", "column"}
        if extra:
            raise InputError(here, f"未知字段 {sorted(extra)}", f"unknown fields {sorted(extra)}")
        out.append(Explanation(rule=str(item["rule"]), text=str(item["text"]),
                               table=_opt(item.get("table")), row=_opt(item.get("row")),
                               column=_opt(item.get("column"))))
    return out


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


def run_check(input_path: Path, prior_path: Path | None, config_path: Path | None,
              explain_path: Path | None, template: str | None = None) -> tuple[Report, CheckResult, tuple[str, ...]]:
    """The pipeline: read the report (and last year's), the config and explanations; check. Also
    what the reader noticed (the layout it chose, names that disagree)."""
    report, notes = read_with_notes(input_path, template)
    prior = read(prior_path) if prior_path is not None else None
    result = check(report, config=read_config(config_path), explanations=read_explanations(explain_path),
                   prior=prior)
    return report, result, notes


def summary_line(result: CheckResult, lang: str) -> str:
    c = summary_counts(result)
    if lang == "en":
        return (f"{c['error']} errors, {c['warning']} warnings, {c['needs-review']} to review, {c['info']} info "
                f"({c['explained']} explained); {c['rules']} rules: {c['held']} held, {c['rounding']} within "
                f"rounding, {c['failed']} failed, {c['not_run']} not run; {c['checks']} comparisons")
    return (f"错误 {c['error']}，警告 {c['warning']}，需人工复核 {c['needs-review']}，提示 {c['info']}"
            f"（已说明 {c['explained']}）；规则 {c['rules']} 条：通过 {c['held']}，尾数误差内通过 {c['rounding']}，"
            f"未通过 {c['failed']}，未运行 {c['not_run']}；共比较 {c['checks']} 次")


def print_text(console: Console, report: Report, result: CheckResult, lang: str, verbose: bool) -> None:
    """Findings grouped by table, then the coverage of rules that did not run, then one summary line."""
    zh = lang != "en"
    console.rule(styled(f"{report.department} {report.year} " + ("审核结果" if zh else "check")))
    groups: dict[str, list[Finding]] = {}
    for f in result.findings:
        groups.setdefault(f.location.table_title or f.location.part or ("其他" if zh else "other"), []).append(f)
    for group, found in groups.items():
        console.print(styled("\n", (group, "bold"), f"（{len(found)}）"))
        for f in found:
            name = SEVERITY_NAMES[f.severity][0 if zh else 1]
            console.print(styled("  ", (name, _STYLE[f.severity]), " ", (f.rule, "dim"), " ", f.message(lang)),
                          soft_wrap=False)
            if f.explanation:
                console.print(styled("    ", (f"{'说明' if zh else 'explained'}：{f.explanation}", "green")))
    not_run = [r for r in result.coverage.runs if r.reason and (verbose or not r.reason.startswith("不适用"))]
    if not_run:
        console.print(styled("\n", ("未运行或未完全运行的规则" if zh else "Rules not run, or not fully", "bold")))
        for run in not_run:
            outcome = OUTCOME_NAMES[run.outcome][0 if zh else 1]
            console.print(f"  {run.rule} {outcome}：{run.reason}")
    missing = result.coverage.tables_missing
    if missing:
        console.print(("缺少的表：" if zh else "missing tables: ") + "、".join(missing))
    console.print("\n" + summary_line(result, lang))
