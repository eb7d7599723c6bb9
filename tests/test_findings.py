"""The catalogue of finding types (core/data/findings.yaml): documented, and each code reproduced."""

from __future__ import annotations

import runpy
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from juesuan.core.findings import Severity, finding_types
from juesuan.core.model import CellKind, Report
from juesuan.rules import check, load_rules
from juesuan.rules.catalogue import Case, Rule, SumParams
from test_rules import ALL_TIERS, FIXTURES, package, with_rows, with_text

ROOT = Path(__file__).resolve().parents[1]


def test_the_findings_doc_is_current() -> None:
    render = runpy.run_path(str(ROOT / "tools" / "findings_doc.py"))["render"]
    assert (ROOT / "docs" / "findings.md").read_text(encoding="utf-8") == render(), \
        "run: .venv/bin/python tools/findings_doc.py > docs/findings.md"


def test_every_entry_says_what_it_means_and_what_to_do() -> None:
    for t in finding_types().values():
        assert all((t.title_zh, t.title_en, t.means_zh, t.means_en, t.action_zh, t.action_en)), t.code


# ---------------------------------------------------------------- one reproducer per code
# Most codes are what a rule's failing fixture expects (tests/rule_fixtures.yaml, run by
# tests/test_rules.py); the others are reproduced here.


def _codes(report: Report, **kwargs: object) -> set[str]:
    return {f.code for f in check(report, **kwargs).findings}  # type: ignore[arg-type]


def _rounding_gap() -> set[str]:
    return _codes(package("guangzhou"))  # the published 广州 tables hold several 尾差


def _needs_review() -> set[str]:
    report = package("guangzhou")
    table = report.tables["income"]
    rows = tuple(replace(r, cells={**r.cells, "fiscal": replace(r.cells["fiscal"], uncertain="列位置不确定")})
                 if r.ident == "2010301" else r for r in table.rows)
    row = next(r for r in rows if r.ident == "2010301")
    amount = row.cells["fiscal"].amount
    assert amount is not None
    rows = tuple(replace(r, cells={**r.cells, "fiscal": replace(r.cells["fiscal"], amount=amount + 10)})
                 if r.ident == "2010301" else r for r in rows)
    return _codes(replace(report, tables={**report.tables, "income": replace(table, rows=rows)}))


def _internal_error() -> set[str]:
    broken = Rule(id="BROKEN", title="坏规则", kind="sum", severity=Severity.ERROR,
                  params=SumParams(cases=(Case("summary.income_total", ()),)))
    return _codes(package("guangzhou"), rules=[broken])


def _narrative_direction() -> set[str]:
    return _codes(with_text(package("guangzhou"), {"比上年决算增加11,587.94万元,增长47.2%":
                                                   "比上年决算增加11,587.94万元,下降47.2%"}))


def _unknown_code() -> set[str]:
    return _codes(with_rows(package("guangzhou"), {"expenditure": [["2010397", "未知的项"]]}, {}), config=ALL_TIERS)


def _wrong_department() -> set[str]:
    report = package("guangzhou")
    return _codes(replace(report, department="广州市某某局"))


def _share_balanced() -> set[str]:
    # 13.45 and 2.08 of 15.53 万元 are 86.61 % and 13.39 %: printed 86.5 % and 13.5 %, they still add to 100 %
    return _codes(with_text(package("guangzhou"), {"占86.6%": "占86.5%", "占13.4%": "占13.5%"}))


def _unreadable_table() -> set[str]:
    report = package("guangzhou")
    table = replace(report.tables["summary"], unreadable="行或列无法识别", printed=40)
    return _codes(replace(report, tables={**report.tables, "summary": table}))


def _empty_table_unmarked() -> set[str]:
    report = package("guangzhou")
    table = report.tables["gov_fund"]
    rows = tuple(replace(r, cells={k: c if c.kind is not CellKind.AMOUNT else replace(c, amount=c.amount * 0)
                                   for k, c in r.cells.items()}) for r in table.rows)
    return _codes(replace(report, tables={**report.tables, "gov_fund": replace(table, rows=rows, statement=None,
                                                                                   note=None)}))


REPRODUCERS: dict[str, Callable[[], set[str]]] = {
    "rounding-gap": _rounding_gap,
    "needs-review": _needs_review,
    "internal-error": _internal_error,
    "narrative-direction": _narrative_direction,
    "unknown-code": _unknown_code,
    "wrong-department": _wrong_department,
    "share-balanced": _share_balanced,
    "unreadable-table": _unreadable_table,
    "empty-table-unmarked": _empty_table_unmarked,
}


def test_every_code_has_a_reproducer() -> None:
    by_fixture = {f["expect"] for f in FIXTURES.values()}
    assert set(finding_types()) == by_fixture | set(REPRODUCERS)
    assert not by_fixture & set(REPRODUCERS)


@pytest.mark.parametrize("code", list(REPRODUCERS))
def test_the_reproducer_finds_its_code(code: str) -> None:
    assert code in REPRODUCERS[code]()


def test_every_code_a_rule_fixture_expects_is_catalogued() -> None:
    assert {f["expect"] for f in FIXTURES.values()} <= set(finding_types())
    assert load_rules()  # the rules load with the catalogue in place


def test_every_variant_the_rules_name_has_a_template() -> None:
    """A message variant named in a rule's code is in the catalogue (a misspelt one would only show as an
    internal-error when that finding first occurs)."""
    import re

    named = set()
    for path in (ROOT / "src" / "juesuan" / "rules").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        named |= set(re.findall(r'(?:record|_report)\(\s*tally, rule, [^,()]+(?:\([^()]*\))?, "([a-z-]+)", "([a-z-]+)"',
                                text))
    assert len(named) > 20
    types = finding_types()
    assert {(code, variant) for code, variant in named if variant not in types[code].messages} == set()
