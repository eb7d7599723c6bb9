"""The disclosure as a Word document, from the same view model as the HTML: editable tables, styles."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from juesuan.render.document import DocumentView, SheetView, TableView, glossary_lines

__all__ = ["document_docx"]

_FONT = "SimSun"  # what offices have; Noto Serif CJK SC is used where SimSun is missing


def _east_asian(run_or_style, name: str = _FONT) -> None:  # type: ignore[no-untyped-def]
    """Word picks CJK glyphs from the eastAsia font, which python-docx does not set by itself."""
    fonts = run_or_style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


_ALIGN = {"num": "right", "code": "center", "line": "center"}


def _fill(tc, text: str, align: str | None) -> None:  # type: ignore[no-untyped-def]
    """Put text in an empty table cell: its one paragraph gets one run (and an alignment).
    Written as XML directly: python-docx's cell.text and alignment setters cost ~0.3 ms a cell."""
    paragraph = tc.p_lst[0]
    if align:
        properties = paragraph.makeelement(qn("w:pPr"), {})
        properties.append(properties.makeelement(qn("w:jc"), {qn("w:val"): align}))
        paragraph.append(properties)
    run = paragraph.makeelement(qn("w:r"), {})
    content = run.makeelement(qn("w:t"), {})
    content.text = text
    content.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(content)
    paragraph.append(run)


def _table(doc, view: TableView, department: str, unit: str) -> None:  # type: ignore[no-untyped-def]
    doc.add_heading(view.title, level=3).alignment = WD_ALIGN_PARAGRAPH.CENTER
    line = doc.add_paragraph(f"部门：{department}　　单位：{unit}")
    line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    width = max((len(r) for r in view.rows), default=0) or max(h.column + h.columns for h in view.headers)
    table = doc.add_table(rows=view.header_rows + len(view.rows), cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # table.cell(r, c) walks the whole table on every call: take the grid once, merge the header
    # rectangles (they do not overlap, so each corner is still its own element), then take it again.
    grid = table._cells
    for head in view.headers:
        if head.rows > 1 or head.columns > 1:
            grid[head.row * width + head.column].merge(
                grid[(head.row + head.rows - 1) * width + head.column + head.columns - 1])
    grid = table._cells
    for head in view.headers:
        _fill(grid[head.row * width + head.column]._tc, head.text, "center")
    for r in range(view.header_rows):  # the header repeats on every page the table runs over
        properties = table.rows[r]._tr.get_or_add_trPr()
        repeat = properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
        properties.append(repeat)
    for i, row in enumerate(view.rows):
        base = (view.header_rows + i) * width
        for j, (text, kind) in enumerate(row):
            if text:
                _fill(grid[base + j]._tc, text, _ALIGN.get(kind))
    if view.statement:
        doc.add_paragraph(view.statement)
    if view.note:
        doc.add_paragraph(f"注：{view.note}")


def _sheet(doc, sheet: SheetView) -> None:  # type: ignore[no-untyped-def]
    """A 项目支出绩效自评表 as an editable Word table, its spanning cells merged."""
    doc.add_heading(sheet.title, level=3).alignment = WD_ALIGN_PARAGRAPH.CENTER
    width = sheet.columns
    table = doc.add_table(rows=len(sheet.rows), cols=width)
    table.style = "Table Grid"
    starts = [[sum(span for _, span, _ in row[:k]) for k in range(len(row))] for row in sheet.rows]
    grid = table._cells
    for r, row in enumerate(sheet.rows):
        for start, (_, span, _) in zip(starts[r], row, strict=True):
            if span > 1:
                grid[r * width + start].merge(grid[r * width + start + span - 1])
    grid = table._cells
    for r, row in enumerate(sheet.rows):
        for start, (text, _, kind) in zip(starts[r], row, strict=True):
            if text:
                _fill(grid[r * width + start]._tc, text, "center" if kind == "head" else _ALIGN.get(kind))


def document_docx(view: DocumentView) -> bytes:
    """The whole disclosure as a .docx: cover, 目录, parts, tables on landscape pages, 名词解释."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for margin in ("left_margin", "right_margin"):
        setattr(section, margin, Mm(20))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    _east_asian(normal)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        _east_asian(doc.styles[name])

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(f"{view.department}\n{view.year}年度部门决算")
    run.bold = True
    run.font.size = Pt(22)
    title.add_run().add_break(WD_BREAK.PAGE)

    doc.add_heading("目　录", level=1)
    for _, entry in view.contents:
        doc.add_paragraph(entry)

    for _, key, part_title, paragraphs in view.parts:
        doc.add_page_break()
        doc.add_heading(part_title, level=1)
        if key == "glossary" and view.glossary:
            for term, definition in glossary_lines(view):
                paragraph = doc.add_paragraph()
                paragraph.paragraph_format.first_line_indent = Pt(22)
                paragraph.add_run(term).bold = True
                paragraph.add_run(definition)
            continue
        for text in paragraphs:
            paragraph = doc.add_paragraph(text)
            paragraph.paragraph_format.first_line_indent = Pt(22)
        if key == "overview" and view.units:
            units = doc.add_table(rows=1 + len(view.units), cols=len(view.unit_header))
            units.style = "Table Grid"
            for i, row in enumerate((view.unit_header, *view.units)):
                for j, text in enumerate(row):
                    units.cell(i, j).text = text
        if key == view.sheets_in:
            for sheet in view.sheets:
                _sheet(doc, sheet)
        if key == "tables":
            tables = doc.add_section()
            tables.orientation = WD_ORIENT.LANDSCAPE
            tables.page_width, tables.page_height = Mm(297), Mm(210)
            for n, table in enumerate(view.tables):
                if n:
                    doc.add_page_break()
                _table(doc, table, view.department, view.money_unit)
            back = doc.add_section()
            back.orientation = WD_ORIENT.PORTRAIT
            back.page_width, back.page_height = Mm(210), Mm(297)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
