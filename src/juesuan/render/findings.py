"""A check's findings as JSON (for programs) and as a standalone HTML page (for reviewers)."""

from __future__ import annotations

import html as markup
import json
from collections.abc import Mapping
from typing import Any

from juesuan.core.amounts import format_amount
from juesuan.core.findings import CheckResult, Finding, Outcome, Severity
from juesuan.core.model import Report

__all__ = ["SEVERITY_NAMES", "findings_html", "findings_json", "summary_counts"]

SEVERITY_NAMES = {
    Severity.ERROR: ("错误", "error"),
    Severity.WARNING: ("警告", "warning"),
    Severity.NEEDS_REVIEW: ("需人工复核", "needs review"),
    Severity.INFO: ("提示", "info"),
}
OUTCOME_NAMES = {
    Outcome.HELD: ("通过", "held"),
    Outcome.ROUNDING: ("尾数误差内通过", "held within rounding"),
    Outcome.FAILED: ("未通过", "failed"),
    Outcome.NOT_RUN: ("未运行", "not run"),
}


def summary_counts(result: CheckResult) -> dict[str, int]:
    """Counts by severity (unexplained), explained findings, and rule outcomes."""
    counts = {s.value: sum(1 for f in result.findings if f.severity is s and not f.explained) for s in Severity}
    counts["explained"] = sum(1 for f in result.findings if f.explained)
    cov = result.coverage
    counts.update({
        "rules": len(cov.runs), "held": cov.count(Outcome.HELD), "rounding": cov.count(Outcome.ROUNDING),
        "failed": cov.count(Outcome.FAILED), "not_run": cov.count(Outcome.NOT_RUN), "checks": cov.checks,
    })
    return counts


def _number(value: Any) -> str | None:
    return None if value is None else format_amount(value)


def _finding(f: Finding, lang: str) -> dict[str, Any]:
    loc = {k: v for k, v in (
        ("table", f.location.table), ("table_title", f.location.table_title), ("row", f.location.row),
        ("row_label", f.location.row_label), ("column", f.location.column),
        ("column_header", f.location.column_header), ("page", f.location.page), ("line", f.location.line),
        ("part", f.location.part)) if v is not None}
    out: dict[str, Any] = {"code": f.code, "severity": f.severity.value, "rule": f.rule, "location": loc,
                           "message": f.message(lang)}
    for name in ("expected", "actual", "difference"):
        value = _number(getattr(f, name))
        if value is not None:
            out[name] = value
    if f.explanation:
        out["explanation"] = f.explanation
    return out


def findings_json(report: Report, result: CheckResult, lang: str = "zh") -> str:
    """The findings and the coverage block as JSON."""
    cov = result.coverage
    doc = {
        "report": {"department": report.department, "year": report.year, "template": report.template,
                   "source": report.source},
        "summary": summary_counts(result),
        "findings": [_finding(f, lang) for f in result.findings],
        "coverage": {
            "tables_found": list(cov.tables_found),
            "tables_missing": list(cov.tables_missing),
            "rules": [{"rule": r.rule, "outcome": r.outcome.value, "checks": r.checks,
                       **({"reason": r.reason} if r.reason else {})} for r in cov.runs],
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;
vertical-align:top;font-size:.9rem}th{background:#eef1f5;text-align:left}td.num{text-align:right;white-space:nowrap}
.error{color:#b00020;font-weight:bold}.warning{color:#a15c00;font-weight:bold}.needs-review{color:#5b3cc4}
.info{color:#555}.summary span{margin-right:1.2rem}.explained{color:#2e7d32}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}
"""


def findings_html(report: Report, result: CheckResult, titles: Mapping[str, str], lang: str = "zh") -> str:
    """A standalone HTML page: summary, findings grouped by table, and the coverage of every rule."""
    zh = lang != "en"
    e = markup.escape
    counts = summary_counts(result)
    title = (f"{report.department} {report.year} 年度部门决算审核结果" if zh
             else f"Check of {report.department}, final accounts {report.year}")
    parts = [f"<!DOCTYPE html><html lang=\"{'zh-CN' if zh else 'en'}\"><head><meta charset=\"utf-8\">",
             f"<title>{e(title)}</title><style>{_CSS}</style></head><body>", f"<h1>{e(title)}</h1>"]
    names = {s: SEVERITY_NAMES[s][0 if zh else 1] for s in Severity}
    parts.append("<p class=\"summary\">" + "".join(
        f"<span class=\"{s.value}\">{e(names[s])} {counts[s.value]}</span>" for s in Severity)
        + f"<span class=\"explained\">{'已说明' if zh else 'explained'} {counts['explained']}</span></p>")
    groups: dict[str, list[Finding]] = {}
    for f in result.findings:
        groups.setdefault(f.location.table_title or f.location.part or ("其他" if zh else "other"), []).append(f)
    head = (("级别", "规则", "位置", "说明", "应为", "实为", "差额") if zh
            else ("severity", "rule", "where", "message", "expected", "actual", "difference"))
    for group, found in groups.items():
        parts.append(f"<h2>{e(group)}（{len(found)}）</h2><table><tr>"
                     + "".join(f"<th>{h}</th>" for h in head) + "</tr>")
        for f in found:
            note = f"<br><span class=\"explained\">{'说明' if zh else 'explanation'}：{e(f.explanation)}</span>" \
                if f.explanation else ""
            where = f.location.render(lang)
            message = f.message(lang)
            if where and message.startswith(where):  # the place has its own column
                message = message[len(where):].lstrip("：: ")
            cells = [f"<td class=\"{f.severity.value}\">{e(names[f.severity])}</td>",
                     f"<td>{e(f.rule)}<br><small>{e(f.code)}</small></td>",
                     f"<td>{e(where)}</td>", f"<td>{e(message)}{note}</td>"]
            cells += [f"<td class=\"num\">{e(_number(getattr(f, n)) or '')}</td>"
                      for n in ("expected", "actual", "difference")]
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table>")
    cov = result.coverage
    if zh:
        tables = "、".join(cov.tables_found) or "无"
        missing = "、".join(cov.tables_missing) or "无"
        line = (f"找到的表：{tables}；缺少的表：{missing}。规则 {counts['rules']} 条：通过 {counts['held']}，"
                f"尾数误差内通过 {counts['rounding']}，未通过 {counts['failed']}，未运行 {counts['not_run']}；"
                f"比较 {counts['checks']} 次。")
        heads = ("规则", "内容", "结果", "比较次数", "原因")
    else:
        line = (f"tables found: {', '.join(cov.tables_found)}; missing: {', '.join(cov.tables_missing) or 'none'}. "
                f"{counts['rules']} rules: {counts['held']} held, {counts['rounding']} within rounding, "
                f"{counts['failed']} failed, {counts['not_run']} not run; {counts['checks']} comparisons.")
        heads = ("rule", "checks", "outcome", "count", "reason")
    parts.append(f"<h2>{'覆盖情况' if zh else 'Coverage'}</h2><p>{e(line)}</p><table><tr>"
                 + "".join(f"<th>{h}</th>" for h in heads) + "</tr>")
    for run in cov.runs:
        outcome = OUTCOME_NAMES[run.outcome][0 if zh else 1]
        parts.append(f"<tr><td>{e(run.rule)}</td><td>{e(titles.get(run.rule, ''))}</td><td>{e(outcome)}</td>"
                     f"<td class=\"num\">{run.checks}</td><td>{e(run.reason or '')}</td></tr>")
    parts.append("</table></body></html>\n")
    return "".join(parts)
