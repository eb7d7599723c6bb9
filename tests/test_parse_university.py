"""The 西南大学 2024 PDF: the 高等学校 four-table family, added to the catalogue as data only."""

from __future__ import annotations

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
