"""Code structure rules: the code system of each table, parents present, names as seen before."""

from __future__ import annotations

from typing import Any

from juesuan.core.codes import CodeSystem, level_name, system_of
from juesuan.core.findings import Location, Severity
from juesuan.core.names import code_names, is_known_name
from juesuan.core.text import plain
from juesuan.rules.catalogue import Rule
from juesuan.rules.compare import ByCheck, Tally, record
from juesuan.rules.context import Context, TableView

__all__ = ["STRUCTURE_EVALUATORS"]

_SYSTEM_NAMES = {CodeSystem.FUNCTION: "功能分类", CodeSystem.ECONOMIC: "经济分类", CodeSystem.REVENUE: "收入分类"}


def _classified(ctx: Context) -> list[TableView]:
    return [v for v in ctx.views.values() if v.spec.classified_by is not None and v.coded]


def _add(tally: Tally, rule: Rule, view: TableView, code: str, severity: Severity, finding: str,
         **fields: Any) -> None:
    where = Location(table=view.table.kind, table_title=view.table.title, row=code, row_label=view.rows[code].label,
                     page=view.table.page)
    record(tally, rule, where, finding, severity=severity, code=code, **fields)


def check_system(rule: Rule, ctx: Context, tally: Tally) -> None:
    for view in _classified(ctx):
        wanted = view.spec.classified_by
        for row in view.coded:
            tally.checks += 1
            code = str(row.code)
            found = system_of(code)
            if found is not wanted:
                got = _SYSTEM_NAMES.get(found, "未知分类") if found else "未知分类"
                _add(tally, rule, view, code, rule.severity, "wrong-code-system",
                     found=(got, found or "unknown"), wanted=(_SYSTEM_NAMES[wanted], wanted))  # type: ignore[index]


def check_parent(rule: Rule, ctx: Context, tally: Tally) -> None:
    for view in _classified(ctx):
        for row in view.coded:
            code = str(row.code)
            if len(code) <= 3:
                continue
            tally.checks += 1
            if code[:-2] not in view.rows:
                _add(tally, rule, view, code, rule.severity, "missing-parent", level=level_name(code),
                     parent=code[:-2])


def check_names(rule: Rule, ctx: Context, tally: Tally) -> None:
    year = ctx.report.year
    names = code_names()
    for view in _classified(ctx):
        for row in view.coded:
            code = str(row.code)
            tally.checks += 1
            seen = names.get(code)
            if seen is None:
                _add(tally, rule, view, code, Severity.INFO, "unknown-code", label=row.label)
                continue
            if is_known_name(code, row.label) or _prefix_of_known(code, row.label):
                continue
            same_year = any(year in n.years for n in seen)
            known = "、".join(f"「{n.name}」({'/'.join(map(str, n.years))})" for n in seen)
            _add(tally, rule, view, code, rule.severity if same_year else Severity.INFO, "unusual-name",
                 label=row.label, known=known)


def _prefix_of_known(code: str, label: str) -> bool:
    """A name cut short where the printed cell wrapped (收入决算表 prints 机关事业单位基本养老保险)."""
    wanted = _bracketless(label)
    return len(wanted) >= 4 and any(_bracketless(n.name).startswith(wanted) for n in code_names()[code])


def _bracketless(name: str) -> str:
    return plain(name).replace("(", "").replace(")", "")


STRUCTURE_EVALUATORS = {"codes": ByCheck({"system": check_system, "parent": check_parent, "names": check_names})}
