"""The rule catalogue: rule records read from the package's data files (rules are data).

Each record has an id, a Chinese title, a kind (the evaluator that runs it), a severity, a tier,
a note and the parameters of its kind. `load_rules()` returns them all, in file order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from juesuan.core.datafiles import read_data
from juesuan.core.findings import Severity
from juesuan.core.location import Location

__all__ = ["KINDS", "PARAMS", "RULE_FILES", "Rule", "RuleError", "load_rules", "make_rule"]

RULE_FILES = ("tables.yaml", "cross.yaml", "years.yaml", "codes.yaml", "narrative.yaml", "performance.yaml",
              "completeness.yaml")

# The kinds of rule and the comparison each stands for in docs/rules.md.
KINDS: dict[str, str] = {
    "sum": "=",
    "rows": "= (每行)",
    "hierarchy": "= (类 = Σ款, 款 = Σ项)",
    "classes_total": "= (合计 = Σ类)",
    "children": "= (小计 = Σ细项)",
    "match": "= 或 ≥ (按科目编码逐类比较)",
    "conditional": "= (条件成立时)",
    "ge": "≥",
    "set": "⊆ (集合)",
    "prior_reference": "= (情况说明所述上年数 vs 上年报表)",
    "performance": "= (绩效得分与比率复算)",
    "codes": "结构 (编码体系、上级科目、名称)",
    "narrative": "情况说明 vs 表 (金额、增减、完成率、占比、措辞)",
    "completeness": "完整性 (表、章节、统计数、名称年度、占位符)",
}


# ---------------------------------------------------------------- the parameters of each kind
# A cell reference is `table.row.column` (table kind, row key, code or `{placeholder}`, column key);
# a leading `-` subtracts, `prior:` reads last year's report.


@dataclass(frozen=True, slots=True)
class Case:
    """target = Σ terms."""

    target: str
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SumParams:
    """`sum`: each case's target equals the sum of its terms (`{column}` expanded at load)."""

    cases: tuple[Case, ...]


@dataclass(frozen=True, slots=True)
class ConditionalParams:
    """`conditional`: target = Σ terms, when every `when_zero` cell is zero."""

    when_zero: tuple[str, ...]
    target: str
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Inequality:
    """Σ left ≥ Σ right."""

    left: tuple[str, ...]
    right: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GeParams:
    """`ge`: each case's left side is at least its right side."""

    cases: tuple[Inequality, ...]


@dataclass(frozen=True, slots=True)
class RowsParams:
    """`rows`: in every row of `table` (of one side if given), target column = Σ ±terms columns."""

    table: str
    target: str
    terms: tuple[str, ...]
    side: str | None = None


@dataclass(frozen=True, slots=True)
class TableParams:
    """`hierarchy`, `classes_total`: a rule over the coded rows of one table."""

    table: str


@dataclass(frozen=True, slots=True)
class ChildrenParams:
    """`children`: each fixed row with children (the `rows` given, or all) = Σ its children."""

    table: str
    rows: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TableSide:
    """A table's rows by classification code: of one side and code level if given, in a column."""

    table: str
    column: str | None = None
    columns: tuple[str, ...] = ()
    side: str | None = None
    level: int | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        return self.columns or ((self.column,) if self.column else ())


@dataclass(frozen=True, slots=True)
class MatchParams:
    """`match`: the two tables' rows compared code by code, equal (`eq`) or left ≥ right (`ge`)."""

    left: TableSide
    right: TableSide
    mode: str = "eq"


@dataclass(frozen=True, slots=True)
class SetParams:
    """`set`: every code with an amount in `subset` has an amount in `superset`."""

    subset: TableSide
    superset: TableSide


@dataclass(frozen=True, slots=True)
class NoParams:
    """A kind with no parameters of its own (`prior_reference`)."""


@dataclass(frozen=True, slots=True)
class CheckParams:
    """`codes`, `narrative`, `performance`: which of the kind's checks the rule runs."""

    check: str


@dataclass(frozen=True, slots=True)
class Section:
    """A 情况说明 section, by the words that name it."""

    name: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CompletenessParams:
    """`completeness`: which check; for `sections`, the sections required, and a layout family's own."""

    check: str
    sections: tuple[Section, ...] = ()
    family_sections: Mapping[str, tuple[Section, ...]] = field(default_factory=dict)


Params = (SumParams | ConditionalParams | GeParams | RowsParams | TableParams | ChildrenParams | MatchParams
          | SetParams | NoParams | CheckParams | CompletenessParams)

PARAMS: dict[str, type[Params]] = {
    "sum": SumParams, "conditional": ConditionalParams, "ge": GeParams, "rows": RowsParams,
    "hierarchy": TableParams, "classes_total": TableParams, "children": ChildrenParams, "match": MatchParams,
    "set": SetParams, "prior_reference": NoParams, "codes": CheckParams, "narrative": CheckParams,
    "performance": CheckParams, "completeness": CompletenessParams,
}


class RuleError(ValueError):
    """A rule record that is not valid: its file, its id and what is wrong."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule record. `params` are the kind's own fields, typed (PARAMS)."""

    id: str
    title: str
    kind: str
    severity: Severity
    tier: str = "basic"
    note: str = ""
    params: Params = field(default_factory=NoParams)

    @property
    def comparison(self) -> str:
        if isinstance(self.params, MatchParams) and self.params.mode == "ge":
            return "≥ (按科目编码逐类比较)"
        return KINDS[self.kind]


_FIXED = {"id", "title", "kind", "severity", "tier", "note"}


def _expanded(kind: str, raw: dict[str, Any]) -> dict[str, Any]:
    """A sum or ge rule's comparisons as `cases`, once per entry of `columns` for `{column}`."""
    if kind not in ("sum", "ge"):
        return raw
    fields_ = ("target", "terms") if kind == "sum" else ("left", "right")
    cases = raw.pop("cases", None) or [{k: raw.pop(k) for k in fields_ if k in raw}]
    columns = raw.pop("columns", None)
    if columns:
        cases = [{k: v.replace("{column}", c) if isinstance(v, str) else [t.replace("{column}", c) for t in v]
                  for k, v in case.items()} for case in cases for c in columns]
    return {**raw, "cases": cases}


def make_rule(raw: Mapping[str, Any], source: str = "rule") -> Rule:
    """A rule from its plain record; RuleError naming the file, the rule and the field when it is not valid."""
    from juesuan.core.errors import InputError
    from juesuan.io.plain import from_plain

    name = f"{source}: 规则 {raw.get('id')}"
    kind = raw.get("kind")
    if kind not in KINDS:
        raise RuleError(f"{name}: 未知的规则类型 {kind!r}（可用：{'、'.join(KINDS)}）")
    params = _expanded(kind, {k: v for k, v in raw.items() if k not in _FIXED})
    try:
        typed = from_plain(PARAMS[kind], params, Location(file=source))
        severity = Severity(raw.get("severity", "error"))
    except InputError as exc:
        raise RuleError(f"{name}: {exc.where.field or ''} {exc.zh}".replace(" :", ":")) from None
    except ValueError:
        raise RuleError(f"{name}: 未知的级别 {raw.get('severity')!r}") from None
    rule = Rule(id=str(raw["id"]), title=str(raw["title"]), kind=kind, severity=severity,
                tier=str(raw.get("tier", "basic")), note=str(raw.get("note", "")), params=typed)
    problem = _unknown_reference(rule)
    if problem:
        raise RuleError(f"{name}: {problem}")
    return rule


def _unknown_reference(rule: Rule) -> str | None:
    """What a rule names that the catalogue does not know (a table, column, row or check), or None."""
    from juesuan.core.catalogue import catalogue
    from juesuan.rules.engine import EVALUATORS

    specs = catalogue().specs_of_kind

    def table(kind: str) -> str | None:
        return None if specs(kind) else f"未知的表 {kind!r}"

    def column(kind: str, key: str) -> str | None:
        return table(kind) or (None if any(s.column(key) for s in specs(kind))
                               else f"表 {kind} 没有列 {key!r}")

    def row(kind: str, key: str) -> str | None:
        if key.isdigit() or key.startswith("{"):
            return None
        return None if any(s.row(key) for s in specs(kind)) else f"表 {kind} 没有行 {key!r}"

    def ref(item: str) -> str | None:
        parts = item.removeprefix("-").removeprefix("prior:").split(".")
        if len(parts) < 3:
            return f"单元格引用 {item!r} 应为 表.行.列"
        kind, key, col = parts[0], ".".join(parts[1:-1]), parts[-1]
        return column(kind, col) or row(kind, key)

    def side(s: TableSide) -> str | None:
        return next(filter(None, (column(s.table, c) for c in s.keys)), table(s.table))

    p = rule.params
    refs: list[str] = []
    found: list[str | None] = []
    if isinstance(p, SumParams):
        refs = [r for c in p.cases for r in (c.target, *c.terms)]
    elif isinstance(p, ConditionalParams):
        refs = [*p.when_zero, p.target, *p.terms]
    elif isinstance(p, GeParams):
        refs = [r for c in p.cases for r in (*c.left, *c.right)]
    elif isinstance(p, RowsParams):
        found = [column(p.table, c.removeprefix("-")) for c in (p.target, *p.terms)]
    elif isinstance(p, TableParams | ChildrenParams):
        found = [table(p.table), *(row(p.table, r) for r in getattr(p, "rows", ()))]
    elif isinstance(p, MatchParams):
        mode = None if p.mode in ("eq", "ge") else f"mode 应为 eq 或 ge，实为 {p.mode!r}"
        found = [side(p.left), side(p.right), mode]
    elif isinstance(p, SetParams):
        found = [side(p.subset), side(p.superset)]
    elif isinstance(p, CheckParams | CompletenessParams):
        checks = getattr(EVALUATORS[rule.kind], "checks", {})
        found = [None if p.check in checks else f"未知的检查 {p.check!r}（可用：{'、'.join(checks)}）"]
    return next(filter(None, [*found, *map(ref, refs)]), None)


@cache
def load_rules() -> tuple[Rule, ...]:
    """Every rule shipped with juesuan."""
    rules: list[Rule] = []
    for name in RULE_FILES:
        rules += [make_rule(raw, f"rules/data/{name}") for raw in read_data("juesuan.rules", name)["rules"]]
    ids = [r.id for r in rules]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"duplicate rule ids: {sorted(duplicates)}")
    return tuple(rules)
