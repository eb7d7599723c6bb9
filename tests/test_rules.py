"""Every rule: a passing and a failing fixture (tests/rule_fixtures.yaml), and the real documents."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, ROOT
from juesuan.core.catalogue import catalogue
from juesuan.core.facts import Facts
from juesuan.core.findings import Outcome, Severity
from juesuan.core.location import Location
from juesuan.core.model import BLANK, Cell, Report, Row
from juesuan.io import load
from juesuan.io.flat import flatten, unflatten
from juesuan.io.plain import from_plain, to_plain
from juesuan.rules import CheckConfig, check, load_rules

PACKAGES = {
    "guangzhou": "guangzhou-2020_dept-final.yaml",
    "finance2024": "shanghai-putuo-finance-bureau-2024_dept-final.yaml",
    "ecology": "shanghai-putuo-ecology-environment-2025_dept-final.yaml",
}
FIXTURES: dict = yaml.safe_load((Path(__file__).parent / "rule_fixtures.yaml").read_text(encoding="utf-8"))
RULES = {r.id: r for r in load_rules()}
ALL_TIERS = CheckConfig(tiers=frozenset({"basic", "strict"}))


@cache
def package(name: str) -> Report:
    return load(EXAMPLES / PACKAGES[name])


def with_cells(report: Report, changes: dict[str, str]) -> Report:
    """The report with some cells set (`table.row.column: value`); a missing row is added."""
    tables = dict(report.tables)
    for ref, value in changes.items():
        kind, rest = ref.split(".", 1)
        ident, column = rest.rsplit(".", 1)
        table = tables[kind]
        spec = catalogue().spec(table.spec)
        assert spec is not None
        rows = list(table.rows)
        index = next((i for i, r in enumerate(rows) if r.ident == ident), None)
        if index is None:
            spec_row = spec.row(ident)
            assert spec_row is not None, ref
            columns = spec.columns_of(spec_row.side)
            rows.append(Row(label=spec_row.label, cells={c.key: BLANK for c in columns}, key=ident,
                            side=spec_row.side))
            index = len(rows) - 1
        row = rows[index]
        assert column in row.cells, ref
        rows[index] = replace(row, cells={**row.cells, column: Cell.of(Decimal(value))})
        tables[kind] = replace(table, rows=tuple(rows))
    return replace(report, tables=tables)


def with_facts(report: Report, changes: dict[str, str]) -> Report:
    """The report with some facts set, by their flat paths (`performance.projects[0].grade`)."""
    if not changes:
        return report
    pairs = [(p, v) for p, v in flatten(to_plain(report.facts)) if p not in changes] + list(changes.items())
    return replace(report, facts=from_plain(Facts, unflatten(pairs), Location()))


def with_rows(report: Report, add: dict[str, list[list[str]]], relabel: dict[str, str]) -> Report:
    """The report with classified rows added (blank cells) and labels changed."""
    tables = dict(report.tables)
    for kind, rows in add.items():
        table = tables[kind]
        spec = catalogue().spec(table.spec)
        assert spec is not None
        new = tuple(Row(label=label, cells={c.key: BLANK for c in spec.columns_of(spec.side_of_code(code))},
                        code=code, side=spec.side_of_code(code)) for code, label in rows)
        tables[kind] = replace(table, rows=table.rows + new)
    for ref, label in relabel.items():
        kind, ident = ref.split(".")
        table = tables[kind]
        tables[kind] = replace(table, rows=tuple(replace(r, label=label) if r.ident == ident else r
                                                  for r in table.rows))
    return replace(report, tables=tables)


def with_text(report: Report, changes: dict[str, str]) -> Report:
    """The report with narrative and glossary text replaced (each old text must occur)."""
    parts, terms = list(report.narrative), list(report.glossary)
    for old, new in changes.items():
        assert any(old in p.text for p in parts) or any(old in g.definition for g in terms), old
        parts = [replace(p, text=p.text.replace(old, new)) for p in parts]
        terms = [replace(g, definition=g.definition.replace(old, new)) for g in terms]
    return replace(report, narrative=tuple(parts), glossary=tuple(terms))


def test_every_rule_has_a_fixture() -> None:
    assert set(FIXTURES) == set(RULES)


@pytest.mark.parametrize("rule_id", list(FIXTURES))
def test_rule_passes_and_fails(rule_id: str) -> None:
    fixture = FIXTURES[rule_id]
    rule = RULES[rule_id]
    base = package(fixture["report"])
    prior_base = package(fixture["prior"]) if "prior" in fixture else None

    passing = with_facts(with_cells(base, fixture.get("pass_set", {})), fixture.get("pass_facts", {}))
    passing = with_text(passing, fixture.get("pass_text", {}))
    prior = with_cells(prior_base, fixture.get("pass_prior_set", {})) if prior_base else None
    result = check(passing, rules=[rule], prior=prior, config=ALL_TIERS)
    (run,) = result.coverage.runs
    assert run.outcome in (Outcome.HELD, Outcome.ROUNDING), (run, result.findings)
    assert run.checks > 0
    assert all(f.severity is Severity.INFO for f in result.findings)

    failing = with_facts(with_cells(base, fixture.get("set", {})), fixture.get("facts", {}))
    failing = with_rows(failing, fixture.get("add_rows", {}), fixture.get("relabel", {}))
    failing = with_text(failing, fixture.get("text", {}))
    if fixture.get("drop_tables"):
        failing = replace(failing, tables={k: t for k, t in failing.tables.items() if k not in fixture["drop_tables"]})
    prior = with_cells(prior_base, fixture.get("prior_set", {})) if prior_base else None
    result = check(failing, rules=[rule], prior=prior, config=ALL_TIERS)
    (run,) = result.coverage.runs
    assert run.outcome is Outcome.FAILED, (run, result.findings)
    if fixture["at"].startswith("~"):
        part, _, line = fixture["at"][1:].partition(":")
        hits = [f for f in result.findings if f.code == fixture["expect"] and (f.location.part or "").startswith(part)
                and (not line or f.location.line == int(line))]
    elif fixture["at"].startswith("table:"):
        hits = [f for f in result.findings if f.code == fixture["expect"]
                and f.location.table == fixture["at"].removeprefix("table:")]
    elif "/" in fixture["at"]:
        part, label = fixture["at"].split("/")
        hits = [f for f in result.findings if f.code == fixture["expect"] and f.location.part == part
                and f.location.row_label == label]
    else:
        kind, row, *column = fixture["at"].split(".")
        hits = [f for f in result.findings if f.code == fixture["expect"] and f.location.table == kind
                and f.location.row == row and f.location.column == (column[0] if column else None)]
    assert hits, [(f.code, f.location) for f in result.findings]
    finding = hits[0]
    assert finding.severity is rule.severity
    assert finding.rule == rule_id and finding.message_zh and finding.message_en
    assert rule_id in finding.message_zh


def test_rule_docs_are_current() -> None:
    """docs/rules.md documents every rule; regenerate it after changing the rules."""
    import runpy

    render = runpy.run_path(str(ROOT / "tools" / "rules_doc.py"))["render"]
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert text == render(), "run: .venv/bin/python tools/rules_doc.py > docs/rules.md"
    for rule in RULES.values():
        assert f"`{rule.id}`" in text
