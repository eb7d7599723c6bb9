"""Pictures of what the reader saw on a page: every word's box and line, over the page itself."""

from __future__ import annotations

import html as markup
from dataclasses import dataclass
from io import BytesIO

import pypdfium2 as pdfium
from PIL import ImageDraw

from juesuan.core.errors import InputError
from juesuan.core.location import Location
from juesuan.core.model import Report
from juesuan.parse.layout import Document, Page

__all__ = ["debug_html", "debug_png", "page_of"]

_SCALE = 2.0  # render PDFs at 144 dpi
_MOST_PIXELS = 40_000_000  # about 120 MB of RGB


def page_of(doc: Document, number: int) -> Page:
    for page in doc.pages:
        if page.number == number:
            return page
    raise InputError(Location(file=doc.source, page=number), f"没有这一页（共 {len(doc.pages)} 页）",
                     f"no such page ({len(doc.pages)} pages)")


def debug_png(doc: Document, number: int, report: Report | None = None) -> bytes:
    """The rendered PDF page with the ruling lines the grid reader used (grey), word boxes (red), line
    numbers (blue), and, when the report read from it is given, every cell the table reader placed
    (green) with its `table.row.column` key."""
    if doc.kind != "pdf":
        raise InputError(Location(file=doc.source), "文字来源没有页面图像，请输出 .html",
                         "a text source has no page image: write .html instead")
    page = page_of(doc, number)
    # 144 dpi, less for a page so large that the image would not fit in memory
    scale = min(_SCALE, (_MOST_PIXELS / max(1.0, page.width * page.height)) ** 0.5)
    try:
        pdf = pdfium.PdfDocument(doc.source)
        try:
            image = pdf[number - 1].render(scale=scale).to_pil().convert("RGB")
        finally:
            pdf.close()
    except pdfium.PdfiumError:
        raise InputError(Location(file=doc.source, page=number), "pdfium 无法绘出这一页（已损坏）",
                         "pdfium cannot draw this page (it is damaged)", "请输出 .html",
                         "write .html instead") from None
    draw = ImageDraw.Draw(image)
    for y, x0, x1 in page.hrules:
        draw.line((x0 * scale, y * scale, x1 * scale, y * scale), fill=(150, 150, 150), width=1)
    for x, top, bottom in page.vrules:
        draw.line((x * scale, top * scale, x * scale, bottom * scale), fill=(150, 150, 150), width=1)
    for line in page.lines:
        for word in line.words:
            box = (word.x0 * scale, word.top * scale, word.x1 * scale, word.bottom * scale)
            draw.rectangle(box, outline=(220, 30, 30), width=1)
        first = line.words[0]
        draw.text((max(0.0, first.x0 * scale - 28), first.top * scale), str(line.number), fill=(30, 60, 200))
    for cell in _placed(report, number):
        if cell.box is None:
            continue
        x0, top, x1, bottom = (v * scale for v in cell.box)
        draw.rectangle((x0 - 2, top - 2, x1 + 2, bottom + 2), outline=(20, 150, 60), width=2)
        draw.text((x0, bottom + 2), cell.key, fill=(20, 120, 50))
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class _Placed:
    """A cell the table reader placed on the page: its key, what it holds, its line and box."""

    key: str
    shown: str
    line: int | None
    box: tuple[float, float, float, float] | None
    uncertain: str | None


def _placed(report: Report | None, number: int) -> list[_Placed]:
    """Cells of the report printed on page `number`, with their keys, lines and boxes."""
    if report is None:
        return []
    out = []
    for kind, table in report.tables.items():
        for row in table.rows:
            for column, cell in row.cells.items():
                where = cell.provenance
                if where is None or where.page != number:
                    continue
                shown = cell.text if cell.text is not None else ("空" if cell.amount is None else str(cell.amount))
                out.append(_Placed(f"{kind}.{row.ident}.{column}", shown, where.line, where.box, cell.uncertain))
    return out


def debug_html(doc: Document, number: int, report: Report | None = None) -> str:
    """Words placed where the reader put them on a page-sized canvas (hover a word for its line), the
    ruling lines of a PDF page, and, when the report read from it is given, every cell the table
    reader placed: a green box with its key over a PDF's cell, or its key and value beside the line
    of a text it was read from (red where the reader doubted it)."""
    page = page_of(doc, number)
    sx, sy = (1.5, 1.5) if doc.kind == "pdf" else (9.0, 20.0)
    e = markup.escape
    placed = _placed(report, number)
    parts = [
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">",
        f"<title>{e(doc.source)} 第 {number} 页</title><style>",
        "body{font-family:sans-serif;margin:1rem}.page{position:relative;border:1px solid #999;background:#fff}",
        ".w{position:absolute;border:1px solid #d33;font-size:11px;line-height:1;white-space:nowrap;overflow:hidden}",
        ".n{position:absolute;left:-2.2rem;color:#24c;font-size:10px}",
        ".r{position:absolute;background:#aaa}.c{position:absolute;border:2px solid #193;pointer-events:auto}",
        ".k{position:absolute;font-size:10px;color:#172;white-space:nowrap}.doubt{color:#c00;border-color:#c00}",
        "</style></head><body>",
        f"<h1>{e(doc.source)} · 第 {number} 页 · {len(page.lines)} 行 · 读到 {len(placed)} 个单元格</h1>",
        "<p>红框：词；蓝字：行号；灰线：表格线；绿框或绿字：读到的单元格及其键（表.行.列）；红字：存疑。</p>",
        f"<div class=\"page\" style=\"width:{page.width * sx:.0f}px;height:{(page.height + 1) * sy:.0f}px\">",
    ]
    for y, x0, x1 in page.hrules:
        parts.append(f"<div class=\"r\" style=\"left:{x0 * sx:.0f}px;top:{y * sy:.0f}px;"
                     f"width:{(x1 - x0) * sx:.0f}px;height:1px\"></div>")
    for x, top, bottom in page.vrules:
        parts.append(f"<div class=\"r\" style=\"left:{x * sx:.0f}px;top:{top * sy:.0f}px;"
                     f"width:1px;height:{(bottom - top) * sy:.0f}px\"></div>")
    for line in page.lines:
        parts.append(f"<span class=\"n\" style=\"top:{line.top * sy:.0f}px\">{line.number}</span>")
        for word in line.words:
            style = (f"left:{word.x0 * sx:.0f}px;top:{word.top * sy:.0f}px;"
                     f"width:{max(1.0, (word.x1 - word.x0) * sx):.0f}px;height:{(word.bottom - word.top) * sy:.0f}px")
            parts.append(f"<span class=\"w\" style=\"{style}\" title=\"第 {line.number} 行 "
                         f"x {word.x0:.1f}–{word.x1:.1f}\">{e(word.text)}</span>")
    tops = {line.number: line.top for line in page.lines}
    beside: dict[int, list[_Placed]] = {}
    for cell in placed:
        doubt = " doubt" if cell.uncertain else ""
        note = f"{cell.key} = {cell.shown}" + (f"（存疑：{cell.uncertain}）" if cell.uncertain else "")
        if cell.box is not None:
            x0, top, x1, bottom = cell.box
            parts.append(f"<div class=\"c{doubt}\" title=\"{e(note)}\" style=\"left:{x0 * sx - 2:.0f}px;"
                         f"top:{top * sy - 2:.0f}px;width:{(x1 - x0) * sx + 2:.0f}px;"
                         f"height:{(bottom - top) * sy + 2:.0f}px\"></div>")
        elif cell.line is not None:
            beside.setdefault(cell.line, []).append(cell)
    for line_number, cells in beside.items():  # a text source: the keys beside the line they came from
        text = "；".join(f"{c.key} = {c.shown}" for c in cells)
        doubt = " doubt" if any(c.uncertain for c in cells) else ""
        parts.append(f"<span class=\"k{doubt}\" style=\"left:{page.width * sx + 8:.0f}px;"
                     f"top:{tops.get(line_number, 0) * sy:.0f}px\">{e(text)}</span>")
    parts.append("</div></body></html>\n")
    return "".join(parts)
