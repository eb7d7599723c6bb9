"""Published texts read into Reports: every cell as published, and the same findings as the packages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import EXAMPLES, corpus_file
from juesuan.api import read
from juesuan.core.findings import Severity
from juesuan.core.model import Report
from juesuan.io import load
from juesuan.rules import check

CASES = [
    ("shanghai-putuo_ecology-environment_2025_dept-final.txt",
     "shanghai-putuo-ecology-environment-2025_dept-final.yaml"),
    ("guangzhou-gov-service-data-bureau_2020_dept-final.txt", "guangzhou-2020_dept-final.yaml"),
]


def cells(report: Report) -> dict[tuple[str, str, str], Decimal | None]:
    return {(kind, row.ident, column): cell.amount
            for kind, table in report.tables.items() for row in table.rows for column, cell in row.cells.items()}


@pytest.mark.parametrize(("text", "package"), CASES, ids=["ecology-2025", "guangzhou-2020"])
def test_every_cell_equals_the_published_value(text: str, package: str) -> None:
    read_back = read(corpus_file(text))
    golden = load(EXAMPLES / package)
    assert (read_back.department, read_back.year, read_back.template) == (golden.department, golden.year,
                                                                          golden.template)
    assert list(read_back.tables) == list(golden.tables)
    assert cells(read_back) == cells(golden)
    for kind, table in golden.tables.items():
        assert [r.ident for r in read_back.tables[kind].rows] == [r.ident for r in table.rows], kind
        assert [r.line for r in read_back.tables[kind].rows] == [r.line for r in table.rows], kind
    assert len(read_back.units) == len(golden.units)
    assert len(read_back.glossary) == len(golden.glossary)


def test_labels_torn_by_the_extractor_are_taken_from_the_code_list() -> None:
    report = read(corpus_file(CASES[0][0]))
    table = report.tables["gpb_expenditure"]
    assert table.row("2080506").label == "机关事业单位职业年金缴费支出"  # type: ignore[union-attr]
    assert any("险机缴关费事支业出单位职业年金缴" in d for d in table.doubts)
    assert table.confidence < 1


def serious(report: Report) -> set[tuple[str, str]]:
    return {(f.rule, f.code) for f in check(report).findings if f.severity in (Severity.ERROR, Severity.WARNING)}


def test_checking_the_ecology_text_finds_its_known_defects() -> None:
    """The JSON annotation: A-001 (202 年度), A-002 (减少…持平), A-003 (国内接待); rounding hints as info."""
    report = read(corpus_file(CASES[0][0]))
    assert serious(report) == {("K4", "wrong-year"), ("NR5", "narrative-contradiction"), ("K3", "missing-count"),
                               ("NR2", "narrative-rate")}
    infos = {(f.rule, f.location.row) for f in check(report).findings if f.code == "rounding-gap"}
    assert {("T3-c", "total"), ("T6-a", "310"), ("T6-c", "public_total")} <= infos


def test_checking_the_guangzhou_text_finds_what_the_package_shows() -> None:
    """The 非税 paragraph, "all targets met" against the 绩效 table read from the text, the stale term."""
    report = read(corpus_file(CASES[1][0]))
    assert serious(report) == serious(load(EXAMPLES / CASES[1][1]))
    project = report.facts.performance.projects[0]  # type: ignore[union-attr]
    assert project.total_score == Decimal("99.84") and len(project.indicators) == 8
    runs = {r.rule: r.outcome.value for r in check(report).coverage.runs}
    assert all(runs[p] == "held" for p in ("P1", "P2", "P3", "P4", "P5", "P6"))



def test_text_that_omits_blank_cells_gives_doubts_not_guesses(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The 财政局 PDF's page texts print no 注 and leave blank cells out: tables are found by their
    titles and headers; a row whose numbers cannot be placed is uncertain, never guessed, and the
    checker asks for review instead of reporting arithmetic errors."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(corpus_file("shanghai-putuo_finance-bureau_2024_dept-final.pdf")))
    pages = [f"=== PAGE {i + 1} ===\n" + pdf[i].get_textpage().get_text_range().replace("\r", "")
             for i in range(len(pdf))]
    pdf.close()
    path = tmp_path / "finance.txt"
    path.write_text("\n".join(pages), encoding="utf-8")
    report = read(path)
    golden = load(EXAMPLES / "shanghai-putuo-finance-bureau-2024_dept-final.yaml")
    assert list(report.tables) == list(golden.tables)
    want = cells(golden)
    certain = {key: value for key, value in cells(report).items()
               if not report.tables[key[0]].row(key[1]).cell(key[2]).uncertain}  # type: ignore[union-attr]
    assert certain and all(want[key] == value for key, value in certain.items())
    # a row the identities placed is then exactly the printed row, blanks included
    placed_rows = {(kind, row.ident) for kind, t in report.tables.items() for row in t.rows
                   if any(c.provenance and c.provenance.placed_by for c in row.cells.values())}
    assert placed_rows
    for kind, ident in placed_rows:
        row = report.tables[kind].row(ident)
        assert row is not None
        assert {c: cell.amount for c, cell in row.cells.items()} == \
            {c: want.get((kind, ident, c)) for c in row.cells}, (kind, ident)
    uncertain = sum(1 for t in report.tables.values() for r in t.rows for c in r.cells.values() if c.uncertain)
    assert uncertain > 100
    assert report.tables["income"].confidence < 1 and report.tables["income"].doubts
    result = check(report)
    table_errors = [f for f in result.findings if f.severity is Severity.ERROR and f.location.table]
    assert table_errors == []
    assert any(f.severity is Severity.NEEDS_REVIEW for f in result.findings)
    assert serious(report) <= {("NR1", "narrative-mismatch"), ("NR4", "narrative-share")}
