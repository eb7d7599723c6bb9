"""The disclosure written as PDF, Word and Excel; the PDF read back by our own reader cell for cell."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from docx import Document

from conftest import EXAMPLES, GUANGZHOU
from juesuan.api import read
from juesuan.cli.main import cli
from juesuan.core.facts import ProjectEvaluation
from juesuan.core.model import Report
from juesuan.io import load
from juesuan.render import disclosure_format_of, render
from juesuan.render.document import view_of

PACKAGES = ["guangzhou-2020", "shanghai-putuo-finance-bureau-2024", "shanghai-putuo-ecology-environment-2025"]


def amounts(report: Report) -> dict[tuple[str, str, str], Decimal | None]:
    return {(kind, row.ident, column): cell.amount
            for kind, table in report.tables.items() for row in table.rows for column, cell in row.cells.items()}


def _scored(project: ProjectEvaluation) -> tuple[object, ...]:
    return (project.name, project.funds, project.execution, project.total_score,
            [(i.target, i.actual, i.weight, i.score) for i in project.indicators])


@pytest.mark.parametrize("name", PACKAGES)
def test_the_pdf_reads_back_to_the_same_figures(name: str, tmp_path: Path) -> None:
    report = load(EXAMPLES / f"{name}_dept-final.yaml")
    path = tmp_path / "out.pdf"
    path.write_bytes(render(report, "pdf"))
    back = read(path)
    assert (back.department, back.year, back.template) == (report.department, report.year, report.template)
    assert amounts(back) == amounts(report)
    # row by row, so that no extra row hides behind a repeated key (the 三公 栏次 row once read as amounts)
    assert {k: [r.ident for r in t.rows] for k, t in back.tables.items()} == \
        {k: [r.ident for r in t.rows] for k, t in report.tables.items()}
    assert {k: t.statement for k, t in back.tables.items()} == {k: t.statement for k, t in report.tables.items()}
    assert back.units == report.units
    assert [t.term for t in back.glossary] == [t.term for t in report.glossary]
    # The 项目支出绩效自评表 come back with every figure the 绩效 rules recompute.
    projects = report.facts.performance.projects if report.facts.performance else ()
    assert [_scored(p) for p in (back.facts.performance.projects if back.facts.performance else ())] == \
        [_scored(p) for p in projects]

    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = [pdf[i] for i in range(len(pdf))]
        texts = [page.get_textpage().get_text_range() for page in pages]
        sizes = [page.get_size() for page in pages]
    finally:
        pdf.close()
    assert sizes[0][0] < sizes[0][1]  # the cover is A4 portrait and carries no page number
    assert not any(line.strip().isdigit() for line in texts[0].splitlines())
    for table in report.tables.values():  # every table starts on a landscape page
        start = next(i for i, text in enumerate(texts) if text.lstrip().startswith(table.title))
        assert sizes[start][0] > sizes[start][1], table.title
    assert texts[-1].rstrip().splitlines()[-1].strip() == str(len(texts))  # numbered footer


def test_the_word_document_holds_every_cell_and_header(guangzhou: Report) -> None:
    view = view_of(guangzhou)
    document = Document(BytesIO(render(guangzhou, "docx")))
    tables = document.tables[1:] if view.units else document.tables  # the units table comes first
    sheets = tables[len(view.tables):]  # then the 项目支出绩效自评表 of the 绩效 part
    tables = tables[:len(view.tables)]
    assert len(sheets) == len(view.sheets) == 1
    assert [c.text for c in sheets[0].rows[-1].cells][-3:] == ["100", "99.84", ""]  # 总分
    assert len(tables) == len(view.tables)
    for table_view, table in zip(view.tables, tables, strict=True):
        for i, row in enumerate(table_view.rows):
            cells = table.rows[table_view.header_rows + i].cells
            assert [c.text for c in cells[:len(row)]] == [text for text, _ in row], table_view.title
        for head in table_view.headers:
            assert table.cell(head.row, head.column).text == head.text
        repeated = table.rows[0]._tr.trPr.xml
        assert "tblHeader" in repeated  # the header repeats on each page the table runs over
    orientations = [section.page_width > section.page_height for section in document.sections]
    assert orientations == [False, True, False]  # portrait text, landscape tables, portrait again
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert all(part.title in paragraphs for part in guangzhou.narrative if part.part == "explanation")


def test_excel_is_the_official_layout_read_back_whole(guangzhou: Report, tmp_path: Path) -> None:
    path = tmp_path / "gz.xlsx"
    path.write_bytes(render(guangzhou, "xlsx"))
    assert load(path) == guangzhou


def test_the_command_picks_the_format_from_the_file_name(tmp_path: Path) -> None:
    assert [disclosure_format_of(n) for n in ("a.PDF", "a.htm", "a.docx", "a.xlsx", "a.txt", "a")] == \
        ["pdf", "html", "docx", "xlsx", None, None]
    out = tmp_path / "gz.docx"
    result = CliRunner().invoke(cli, ["render", str(GUANGZHOU), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0 and out.read_bytes()[:2] == b"PK"
    unknown = tmp_path / "gz.txt"
    result = CliRunner().invoke(cli, ["render", str(GUANGZHOU), "-o", str(unknown)])
    assert result.exit_code == 2 and "--format" in result.output and not unknown.exists()
    forced = tmp_path / "gz.out"
    result = CliRunner().invoke(cli, ["render", str(GUANGZHOU), "--format", "html", "-o", str(forced)])
    assert result.exit_code == 0 and forced.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_negative_amounts_read_back_from_the_pdf(tmp_path: Path) -> None:
    """Accounts with negative figures (random consistent accounts, balanced): the PDF reads back
    cell for cell, signs included."""
    from juesuan.balance import accounts_in_yuan, balance

    report = balance(accounts_in_yuan(load(EXAMPLES / "guangzhou-2020_dept-final.yaml"), 1)).report
    assert any(amount is not None and amount < 0 for amount in amounts(report).values())
    path = tmp_path / "out.pdf"
    path.write_bytes(render(report, "pdf"))
    assert amounts(read(path)) == amounts(report)


@pytest.mark.parametrize("name", PACKAGES)
def test_the_page_reads_as_xml_into_the_tree_the_html_parser_builds(name: str) -> None:
    """The PDF writer reads the page with expat (the page is well-formed XML too): every element, attribute,
    text and tail must be what WeasyPrint's HTML5 parser makes of it."""
    from xml.etree import ElementTree

    import tinyhtml5

    from juesuan.render.document import document_html

    html = document_html(view_of(load(EXAMPLES / f"{name}_dept-final.yaml")))

    def nodes(root: ElementTree.Element) -> list[tuple[object, ...]]:
        return [(e.tag, e.attrib, e.text, e.tail) for e in root.iter()]

    # The HTML parser moves the newline after </html> into the body (whitespace: nothing to lay out).
    as_html = tinyhtml5.parse(html.removesuffix("\n"), namespace_html_elements=False)
    assert nodes(ElementTree.fromstring(html)) == nodes(as_html)


def test_a_page_that_is_not_xml_is_read_as_html() -> None:
    """A form feed (PDF text extraction leaves them) or an unclosed <br> is not XML: the page goes to
    WeasyPrint's HTML parser and is laid out all the same."""
    from juesuan.render.pdf import _html_class

    html = "<!DOCTYPE html><html><head><title>t</title></head><body><p>一\x0c二<br>三</p></body></html>"
    pdf = pdfium.PdfDocument(_html_class()(string=html).write_pdf())
    try:
        assert "一" in pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()


def test_the_lean_default_stylesheet_draws_the_same_pages() -> None:
    """The PDF writer reads the page with expat and drops WeasyPrint's default pseudo-element rules for
    every element (most of the time computing styles took); the pages must come out pixel for pixel as
    with WeasyPrint's own parser and stylesheet."""
    import weasyprint

    from juesuan.render.document import document_html
    from juesuan.render.pdf import _html_class

    assert _html_class() is not weasyprint.HTML  # the lean stylesheet is in use with this WeasyPrint
    html = document_html(view_of(load(EXAMPLES / "shanghai-putuo-finance-bureau-2024_dept-final.yaml")))
    ours, theirs = (pdfium.PdfDocument(cls(string=html).write_pdf()) for cls in (_html_class(), weasyprint.HTML))
    try:
        assert len(ours) == len(theirs)
        for i in range(len(ours)):
            assert ours[i].render(scale=0.5).to_pil().tobytes() == theirs[i].render(scale=0.5).to_pil().tobytes(), i
    finally:
        ours.close()
        theirs.close()
