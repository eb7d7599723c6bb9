"""审核 on the real documents, and the check command's outputs, config and explanations."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, GUANGZHOU
from juesuan.cli.main import cli
from juesuan.core.findings import Outcome, Severity
from juesuan.core.model import Report
from juesuan.io import load
from juesuan.rules import CheckConfig, Explanation, check, load_rules
from juesuan.rules.catalogue import Case, Rule, SumParams

FINANCE = EXAMPLES / "shanghai-putuo-finance-bureau-2024_dept-final.yaml"
ECOLOGY = EXAMPLES / "shanghai-putuo-ecology-environment-2025_dept-final.yaml"
D = Decimal


def gaps(result) -> set[tuple[str, str | None, str | None, Decimal | None]]:
    return {(f.rule, f.location.row, f.location.column, f.difference) for f in result.findings
            if f.code == "rounding-gap"}


def serious(result) -> set[tuple[str, str]]:
    return {(f.rule, f.code) for f in result.findings if f.severity in (Severity.ERROR, Severity.WARNING)}


def test_guangzhou_only_its_real_narrative_defects_are_raised(guangzhou: Report) -> None:
    """domain.md §7: the 非税 paragraph (12.27 twice, 0.01 missing) and "all targets met"."""
    result = check(guangzhou)
    assert serious(result) == {("NR1", "narrative-mismatch"), ("NR6", "narrative-duplicate"),
                               ("NR7", "narrative-itemisation"), ("NR8", "narrative-claim"),
                               ("K7", "stale-glossary")}
    nr1 = next(f for f in result.findings if f.rule == "NR1")
    assert (nr1.expected, nr1.actual) == (D("0.01"), D("0.08"))
    assert "行政单位国有资产处置收入" in nr1.message_zh
    nr8 = next(f for f in result.findings if f.rule == "NR8")
    assert "工单转派及时率" in nr8.message_zh and "99.99%" in nr8.message_zh
    runs = {r.rule: r for r in result.coverage.runs}
    # every percentage of §3.3 and the project score are confirmed
    for rule in ("NR2", "NR3", "NR4", "P1", "P3", "P4", "P5", "P6"):
        assert runs[rule].outcome is Outcome.HELD, runs[rule]
    assert runs["NR2"].checks >= 6 and runs["NR3"].checks >= 5 and runs["NR4"].checks >= 12


def test_guangzhou_tables_hold_up_to_the_known_rounding_gaps(guangzhou: Report) -> None:
    result = check(guangzhou)
    table_rules = [f for f in result.findings if f.rule[0] in "TXC"]
    assert [f for f in table_rules if f.severity is not Severity.INFO] == []
    found = gaps(result)
    # domain.md §1.12 and §2 (X13, X21), each as info with its size
    for expected in [("T1-b", "income_grand_total", "income_actual", D("-0.01")),
                     ("T1-c", "expenditure_total", "expenditure_actual", D("-0.01")),
                     ("T1-f", "closing_balance", "expenditure_actual", D("-0.01")),
                     ("T3-a", "2010350", "total", D("0.01")),
                     ("T3-b", "20103", "basic", D("0.01")),
                     ("T3-c", "total", "basic", D("-0.01")),
                     ("T4-e", "expenditure_total", "gpb", D("-0.01")),
                     ("T6-a", "302", "public_amount", D("-0.02")),
                     ("T6-b", "personnel_total", "personnel_amount", D("-0.01")),
                     ("X13", "total", "basic", D("0.01")),
                     ("X21", "closing_balance", "expenditure_actual", D("-0.01"))]:
        assert expected in found
    assert len(found) == 28
    # The legitimate gaps of domain.md §7 row 8 are not raised at all.
    assert not [f for f in result.findings if f.rule in {"X17", "X19", "X20", "X8", "X12"}]
    runs = {r.rule: r for r in result.coverage.runs}
    assert runs["X17"].outcome is Outcome.HELD and runs["X19"].outcome is Outcome.HELD


def test_finance_bureau_known_defects_are_found() -> None:
    """corpus README: 326.71 vs 326.72, and "财政拨款收入支出总计0.3万元"; also 71.73 % for 71.65 %."""
    result = check(load(FINANCE))
    errors = [(f.rule, f.location.table, f.location.row) for f in result.findings if f.severity is Severity.ERROR
              and f.location.table]
    assert errors == [("X1", "summary", "exp_208"), ("X9", "fiscal_summary", "exp_208")]
    assert serious(result) == {("X1", "cross-table-mismatch"), ("X9", "cross-table-mismatch"),
                               ("NR1", "narrative-mismatch"), ("NR4", "narrative-share")}
    nr1 = next(f for f in result.findings if f.rule == "NR1")
    assert (nr1.expected, nr1.actual) == (D("2961.68"), D("0.3"))
    x1 = next(f for f in result.findings if f.rule == "X1")
    assert (x1.expected, x1.actual, x1.difference) == (D("326.72"), D("326.71"), D("-0.01"))
    assert x1.location.page == 6


def test_ecology_rounding_hints_are_info_and_the_narrative_defects_are_found() -> None:
    result = check(load(ECOLOGY))
    # A-001 (目录 "202 年度"), A-002 (减少为0.00万元，与2024年持平), A-003 (国内接待未披露),
    # and 2.60 % where 4.68 / 180.73 = 2.59 %
    assert serious(result) == {("K4", "wrong-year"), ("NR5", "narrative-contradiction"), ("K3", "missing-count"),
                               ("NR2", "narrative-rate")}
    assert "公务接待费" in next(f for f in result.findings if f.rule == "NR5").message_zh
    found = gaps(result)
    assert ("T3-c", "total", "project", D("0.01")) in found          # A-004 1,367.76 vs 1,367.75
    assert ("T5-a", "total", "total", D("0.01")) in found            # A-005 p.14 合计 4,733.14
    assert ("T6-a", "310", "public_amount", D("0.01")) in found      # A-006 14.44 vs 14.43
    assert ("T6-c", "public_total", "public_amount", D("-0.01")) in found  # A-008 416.36 vs 416.37
    runs = {r.rule: r for r in result.coverage.runs}
    assert runs["T8-a"].outcome is Outcome.NOT_RUN and "无数据" in (runs["T8-a"].reason or "")


def test_coverage_says_what_was_not_checked(guangzhou: Report) -> None:
    from dataclasses import replace

    tables = dict(guangzhou.tables)
    del tables["expenditure"]
    result = check(replace(guangzhou, tables=tables))
    assert result.coverage.tables_missing == ("expenditure",)
    runs = {r.rule: r for r in result.coverage.runs}
    assert runs["T3-a"].outcome is Outcome.NOT_RUN and "缺少「支出决算表」" in (runs["T3-a"].reason or "")
    assert runs["X2"].outcome is Outcome.NOT_RUN
    assert runs["T2-a"].outcome is Outcome.HELD


def test_uncertain_cells_give_needs_review_not_errors(guangzhou: Report) -> None:
    from dataclasses import replace

    from juesuan.core.model import Cell, CellKind

    table = guangzhou.tables["income"]
    rows = list(table.rows)
    row = rows[3]
    rows[3] = replace(row, cells={**row.cells, "fiscal": Cell(CellKind.AMOUNT, amount=D("3300.00"),
                                                              uncertain="数字位置与表头错位")})
    report = replace(guangzhou, tables={**guangzhou.tables, "income": replace(table, rows=tuple(rows))})
    result = check(report)
    review = [f for f in result.findings if f.rule == "T2-a"]
    assert review and all(f.severity is Severity.NEEDS_REVIEW for f in review)
    assert "数字位置与表头错位" in review[0].message_zh
    assert not [f for f in result.findings if f.severity is Severity.ERROR and f.location.table]


def test_a_crashing_rule_is_an_internal_error_finding(guangzhou: Report) -> None:
    broken = Rule(id="BROKEN", title="坏规则", kind="sum", severity=Severity.ERROR,
                  params=SumParams(cases=(Case("summary.income_total", ()),)))
    result = check(guangzhou, rules=[broken, *load_rules()[:2]])
    crash = [f for f in result.findings if f.code == "internal-error"]
    assert len(crash) == 1 and crash[0].rule == "BROKEN" and crash[0].severity is Severity.ERROR
    assert [r.outcome for r in result.coverage.runs] == [Outcome.NOT_RUN, Outcome.HELD, Outcome.ROUNDING]


def test_config_and_explanations(guangzhou: Report) -> None:
    config = CheckConfig.from_plain({"disable": ["T1-b"], "severity": {"T1-c": "warning"}})
    notes = [Explanation(rule="T1-c", text="系统转换万元时的尾差", table="收入支出决算总表")]
    result = check(guangzhou, config=config, explanations=notes)
    assert "T1-b" not in {r.rule for r in result.coverage.runs}
    t1c = next(f for f in result.findings if f.rule == "T1-c")
    assert t1c.severity is Severity.INFO  # severities change errors and warnings, not hints
    assert t1c.explanation == "系统转换万元时的尾差" and t1c.explained


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


def test_check_command_exit_codes_and_formats(tmp_path: Path) -> None:
    code, out = run("check", str(ECOLOGY))
    assert code == 1 and "错误 1" in out and "202" in out
    code, out = run("check", str(GUANGZHOU))
    assert code == 1 and "错误 1" in out and "行政单位国有资产处置收入" in out
    code, out = run("check", str(FINANCE))
    assert code == 1 and "326.71" in out
    code, out = run("check", str(FINANCE), "--format", "json")
    doc = json.loads(out[: out.rindex("}") + 1])
    assert doc["summary"]["error"] == 3 and doc["coverage"]["tables_found"][0] == "summary"
    assert {"rule", "outcome", "checks"} <= set(doc["coverage"]["rules"][0])
    page = tmp_path / "check.html"
    code, _ = run("check", str(FINANCE), "--format", "html", "-o", str(page))
    text = page.read_text(encoding="utf-8")
    assert code == 1 and text.startswith("<!DOCTYPE html>") and "326.72" in text and "覆盖情况" in text
    code, out = run("check", str(tmp_path / "missing.yaml"))
    assert code == 2 and "文件不存在" in out


def test_check_command_config_and_explain_files(tmp_path: Path) -> None:
    config = tmp_path / "rules.yaml"
    config.write_text("severity:\n  X1: warning\n  X9: warning\n  NR1: warning\n", encoding="utf-8")
    explain = tmp_path / "explain.yaml"
    explain.write_text("- {rule: X1, row: exp_208, text: 总表按调整前口径填列}\n", encoding="utf-8")
    code, out = run("check", str(FINANCE), "--config", str(config), "--explain", str(explain))
    assert code == 0 and "总表按调整前口径填列" in out and "已说明 1" in out
    config.write_text("disable: [NOPE]\n", encoding="utf-8")
    code, out = run("check", str(FINANCE), "--config", str(config))
    assert code == 2 and "NOPE" in out


def test_prior_year_check(tmp_path: Path) -> None:
    code, out = run("check", str(ECOLOGY), "--prior", str(ECOLOGY), "--config", str(_write_config()))
    assert code == 0 and "Y3" in out and "警告" in out


def _write_config() -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp()) / "rules.yaml"
    path.write_text("disable: [K4]\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["guangzhou-2020_dept-final", "shanghai-putuo-finance-bureau-2024_dept-final",
                                  "shanghai-putuo-ecology-environment-2025_dept-final"])
def test_the_identities_are_the_comparisons_the_checker_judges(name: str) -> None:
    """rules/identities.py and the checker read one list of comparisons: the table rules whose
    identities do not hold exactly on the printed amounts are the ones that report a finding."""
    from juesuan.core.model import CellKind
    from juesuan.rules.identities import identities

    report = load(EXAMPLES / f"{name}.yaml")
    values = {(kind, row.ident, column): cell.amount for kind, table in report.tables.items() for row in table.rows
              for column, cell in row.cells.items() if cell.kind is CellKind.AMOUNT and cell.amount is not None}
    broken = {i.rule for i in identities(report) if not i.holds(values)}
    reported = {f.rule for f in check(report).findings if f.rule[0] in "TX" and f.location.table is not None}
    assert broken == reported
