"""The 西南大学 2024 PDF: the 高等学校 four-table family, added to the catalogue as data only."""

from __future__ import annotations

from decimal import Decimal

from conftest import corpus_file
from juesuan.core.findings import Outcome, Severity
from juesuan.parse.report import read_disclosure
from juesuan.rules import check

UNIVERSITY = "chongqing_southwest-university_2024_dept-final.pdf"


def test_the_family_is_told_by_its_titles_and_each_table_is_found_in_the_body() -> None:
    reading = read_disclosure(corpus_file(UNIVERSITY))
    report = reading.report
    assert (report.department, report.year, report.template) == ("西南大学", 2024, "higher-education")
    # the 目录 on page 2 lists all four titles; the tables are where their amounts are
    assert {k: t.page for k, t in report.tables.items()} == {
        "summary": 8, "income": 10, "expenditure": 12, "fiscal_expenditure": 14}
    assert all(t.doubts == () for t in report.tables.values())


def test_a_table_continued_without_a_top_rule_keeps_its_first_row() -> None:
    """Pages 11 and 13 continue 表2 and 表3; their first row (206, 20602) sits above the first rule."""
    tables = read_disclosure(corpus_file(UNIVERSITY)).report.tables
    assert tables["income"].row("206") is not None
    assert tables["expenditure"].row("20602") is not None


def test_the_university_checks_without_false_errors() -> None:
    result = check(read_disclosure(corpus_file(UNIVERSITY)).report)
    assert [f for f in result.findings if f.severity is Severity.ERROR] == []
    runs = {r.rule: r for r in result.coverage.runs}
    # T1-a sums the national income rows, which this family does not print: not applicable, not zero
    assert runs["T1-a"].outcome is Outcome.NOT_RUN and (runs["T1-a"].reason or "").startswith("不适用")
    assert runs["T1-b"].outcome in (Outcome.HELD, Outcome.ROUNDING)


def test_the_university_narrative_is_read_by_its_numbered_parts_and_checked_in_its_family_s_words() -> None:
    """No 第X部分 headings: 一、学校概况 … 四、名词解释 are its parts. Its 收入总计 / 总收入 is the year's
    income and its 财政拨款支出决算表 explanation's 总支出 that table's (the family's wording, as data);
    the one real defect: 小微企业 7,295.12 is 60.16 % of 中小企业 12,127.08, the text says 60.02 %."""
    report = read_disclosure(corpus_file(UNIVERSITY)).report
    assert [p.part for p in report.narrative] == ["cover", "contents", "overview", "tables", "explanation",
                                                  "glossary"]
    result = check(report)
    serious = [f for f in result.findings if f.severity in (Severity.ERROR, Severity.WARNING)]
    assert [(f.rule, f.expected, f.actual) for f in serious] == [("NR4", Decimal("60.16"), Decimal("60.02"))]
    runs = {r.rule: r for r in result.coverage.runs}
    assert runs["NR1"].outcome is Outcome.HELD and runs["K2"].outcome is Outcome.HELD
