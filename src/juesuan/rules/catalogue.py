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

__all__ = ["KINDS", "RULE_FILES", "Rule", "load_rules"]

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


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule record. `params` are the kind's own fields (target, terms, table, …)."""

    id: str
    title: str
    kind: str
    severity: Severity
    tier: str = "basic"
    note: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def comparison(self) -> str:
        if self.kind == "match" and self.params.get("mode") == "ge":
            return "≥ (按科目编码逐类比较)"
        return KINDS[self.kind]


_FIXED = {"id", "title", "kind", "severity", "tier", "note"}


def _rule(raw: Mapping[str, Any], source: str) -> Rule:
    kind = raw["kind"]
    if kind not in KINDS:
        raise ValueError(f"{source}: rule {raw.get('id')} has unknown kind {kind!r}")
    return Rule(
        id=str(raw["id"]),
        title=str(raw["title"]),
        kind=kind,
        severity=Severity(raw.get("severity", "error")),
        tier=str(raw.get("tier", "basic")),
        note=str(raw.get("note", "")),
        params={k: v for k, v in raw.items() if k not in _FIXED},
    )


@cache
def load_rules() -> tuple[Rule, ...]:
    """Every rule shipped with juesuan."""
    rules: list[Rule] = []
    for name in RULE_FILES:
        rules += [_rule(raw, name) for raw in read_data("juesuan.rules", name)["rules"]]
    ids = [r.id for r in rules]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"duplicate rule ids: {sorted(duplicates)}")
    return tuple(rules)
