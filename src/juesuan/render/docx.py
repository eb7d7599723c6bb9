"""The disclosure as a Word document, from the same view model as the HTML: editable tables, styles."""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.shared import Emu, Mm, Pt

from juesuan.render.document import DocumentView, SheetView, TableView, glossary_lines

__all__ = ["document_docx"]

_FONT = "SimSun"  # what offices have; Noto Serif CJK SC is used where SimSun is missing


def _east_asian(run_or_style, name: str = _FONT) -> None:  # type: ignore[no-untyped-def]
    """Word picks CJK glyphs from the eastAsia font, which python-docx does not set by itself."""
    fonts = run_or_style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


_ALIGN = {"num": "right", "code": "center", "line": "center"}


# Tables are written as WordprocessingML directly, row by row: python-docx builds each cell through
# its object layer (cell(), merge(), .text walk the whole table or the cell's XML on every call),
# which made the Word writer spend most of its time on the ten tables' 2,000 cells.


def _cell(text: str, width: int, span: int = 1, align: str | None = None, merge: str | None = None) -> str:
    """One `w:tc`: its width in twips, columns spanned, alignment, and its part in a vertical merge
    (`restart` on the first row of a merged rectangle, `continue` below it)."""
    props = f'<w:tcW w:type="dxa" w:w="{width * span}"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        props += "<w:vMerge/>"
    paragraph = f'<w:pPr><w:jc w:val="{align}"/></w:pPr>' if align else ""
    if text:
        paragraph += f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p>{paragraph}</w:p></w:tc>"


def _grid_table(doc, columns: int, rows: list[list[str]], header_rows: int = 0) -> None:  # type: ignore[no-untyped-def]
    """A centred table in the 'Table Grid' style holding the given rows of `w:tc` (made by `_cell`
    with the width `_column_width` gave); the first `header_rows` repeat on every page it runs over."""
    table = doc.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    repeat = "<w:trPr><w:tblHeader/></w:trPr>"
    xml = "".join(f"<w:tr>{repeat if i < header_rows else ''}{''.join(cells)}</w:tr>" for i, cells in enumerate(rows))
    for tr in list(parse_xml(f"<w:tbl {nsdecls('w')}>{xml}</w:tbl>")):
        table._tbl.append(tr)


def _column_width(doc, columns: int) -> int:  # type: ignore[no-untyped-def]
    """The width of one of `columns` equal columns across the current section, in twips."""
    section = doc.sections[-1]
    return int(Emu((section.page_width - section.left_margin - section.right_margin) // columns).twips)


def _padded(cells: list[str], taken: int, columns: int, width: int) -> list[str]:
    return cells + [_cell("", width)] * (columns - taken)


def _table(doc, view: TableView, department: str, unit: str) -> None:  # type: ignore[no-untyped-def]
    doc.add_heading(view.title, level=3).alignment = WD_ALIGN_PARAGRAPH.CENTER
    line = doc.add_paragraph(f"部门：{department}　　单位：{unit}")
    line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    columns = max((len(r) for r in view.rows), default=0) or max(h.column + h.columns for h in view.headers)
    width = _column_width(doc, columns)
    starts = {(h.row, h.column): h for h in view.headers}
    below = {(r, h.column): h for h in view.headers for r in range(h.row + 1, h.row + h.rows)}
    rows: list[list[str]] = []
    for r in range(view.header_rows):  # header rectangles: merged across (gridSpan) and down (vMerge)
        cells: list[str] = []
        c = 0
        while c < columns:
            if (head := starts.get((r, c))) is not None:
                cells.append(_cell(head.text, width, head.columns, "center", "restart" if head.rows > 1 else None))
                c += head.columns
            elif (head := below.get((r, c))) is not None:
                cells.append(_cell("", width, head.columns, merge="continue"))
                c += head.columns
            else:
                cells.append(_cell("", width))
                c += 1
        rows.append(cells)
    for row in view.rows:
        cells = [_cell(text, width, align=_ALIGN.get(kind) if text else None) for text, kind in row]
        rows.append(_padded(cells, len(row), columns, width))
    _grid_table(doc, columns, rows, view.header_rows)
    if view.statement:
        doc.add_paragraph(view.statement)
    if view.note:
        doc.add_paragraph(f"注：{view.note}")


def _sheet(doc, sheet: SheetView) -> None:  # type: ignore[no-untyped-def]
    """A 项目支出绩效自评表 as an editable Word table, its spanning cells merged."""
    doc.add_heading(sheet.title, level=3).alignment = WD_ALIGN_PARAGRAPH.CENTER
    width = _column_width(doc, sheet.columns)
    rows = []
    for row in sheet.rows:
        cells = [_cell(text, width, span, ("center" if kind == "head" else _ALIGN.get(kind)) if text else None)
                 for text, span, kind in row]
        rows.append(_padded(cells, sum(span for _, span, _ in row), sheet.columns, width))
    _grid_table(doc, sheet.columns, rows)


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
            columns = len(view.unit_header)
            width = _column_width(doc, columns)
            _grid_table(doc, columns, [[_cell(text, width) for text in row] for row in (view.unit_header, *view.units)])
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
