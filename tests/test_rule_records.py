"""Rule records are typed and checked when loaded: a mistake in a rule file names the rule."""

from __future__ import annotations

import pytest

from juesuan.rules.catalogue import CheckParams, RowsParams, RuleError, SumParams, load_rules, make_rule

BASE = {"id": "T99", "title": "测试规则", "severity": "error"}


@pytest.mark.parametrize(("fields", "said"), [
    ({"kind": "summ"}, "未知的规则类型 'summ'"),
    ({"kind": "rows", "table": "income", "target": "total", "terms": ["fiscal"], "colour": "red"}, "未知字段 colour"),
    ({"kind": "rows", "table": "incme", "target": "total", "terms": ["fiscal"]}, "未知的表 'incme'"),
    ({"kind": "rows", "table": "income", "target": "total", "terms": ["fiscl"]}, "表 income 没有列 'fiscl'"),
    ({"kind": "sum", "target": "summary.income_totl.income_actual", "terms": []}, "表 summary 没有行 'income_totl'"),
    ({"kind": "sum", "target": "summary.income_total", "terms": []}, "应为 表.行.列"),
    ({"kind": "hierarchy"}, "缺少必填字段"),
    ({"kind": "narrative", "check": "amounts_typo"}, "未知的检查 'amounts_typo'"),
    ({"kind": "match", "left": {"table": "summary", "column": "expenditure_actual"},
      "right": {"table": "expenditure", "column": "total"}, "mode": "gt"}, "mode 应为 eq 或 ge"),
    ({"kind": "rows", "table": "income", "target": "total", "terms": ["fiscal"], "severity": "fatal"}, "未知的级别"),
], ids=["kind", "key", "table", "column", "row", "reference", "missing", "check", "mode", "severity"])
def test_a_mistake_is_a_load_error_naming_the_rule(fields: dict[str, object], said: str) -> None:
    with pytest.raises(RuleError) as error:
        make_rule({**BASE, **fields}, "rules/data/tables.yaml")
    assert str(error.value).startswith("rules/data/tables.yaml: 规则 T99") and said in str(error.value)


def test_sum_cases_are_expanded_per_column_at_load() -> None:
    rule = make_rule({**BASE, "kind": "sum", "columns": ["total", "basic"],
                      "target": "gpb_expenditure.total.{column}", "terms": ["gpb_expenditure.201.{column}"]})
    assert isinstance(rule.params, SumParams)
    assert [(c.target, c.terms) for c in rule.params.cases] == [
        ("gpb_expenditure.total.total", ("gpb_expenditure.201.total",)),
        ("gpb_expenditure.total.basic", ("gpb_expenditure.201.basic",))]


def test_every_shipped_rule_has_the_parameters_of_its_kind() -> None:
    rules = load_rules()
    assert any(isinstance(r.params, RowsParams) for r in rules)
    assert all(isinstance(r.params, CheckParams) for r in rules if r.kind in ("codes", "narrative", "performance"))
