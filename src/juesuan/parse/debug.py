"""Pictures of what the reader saw on a page: every word's box and line, over the page itself."""

from __future__ import annotations

import html as markup
from io import BytesIO

import pypdfium2 as pdfium
from PIL import ImageDraw

from juesuan.core.model import Report
from juesuan.io.errors import InputError, Where
from juesuan.parse.layout import Document, Page

__all__ = ["debug_html", "debug_png", "page_of"]

_SCALE = 2.0  # render PDFs at 144 dpi


def page_of(doc: Document, number: int) -> Page:
    for page in doc.pages:
        if page.number == number:
            return page
    raise InputError(Where(file=doc.source, page=number), f"没有这一页（共 {len(doc.pages)} 页）",
                     f"no such page ({len(doc.pages)} pages)")


def debug_png(doc: Document, number: int, report: Report | None = None) -> bytes:
    """The rendered PDF page with word boxes (red), line numbers (blue), and, when the report read
    from it is given, every cell the table reader placed (green) with its row and column keys."""
    if doc.kind != "pdf":
        raise InputError(Where(file=doc.source), "文字来源没有页面图像，请输出 .html",
                         "a text source has no page image: write .html instead")
    page = page_of(doc, number)
    pdf = pdfium.PdfDocument(doc.source)
    try:
        image = pdf[number - 1].render(scale=_SCALE).to_pil().convert("RGB")
    finally:
        pdf.close()
    draw = ImageDraw.Draw(image)
    for line in page.lines:
        for word in line.words:
            box = (word.x0 * _SCALE, word.top * _SCALE, word.x1 * _SCALE, word.bottom * _SCALE)
            draw.rectangle(box, outline=(220, 30, 30), width=1)
        first = line.words[0]
        draw.text((max(0.0, first.x0 * _SCALE - 28), first.top * _SCALE), str(line.number), fill=(30, 60, 200))
    for kind, row, column, box in _placed(report, number):
        x0, top, x1, bottom = (v * _SCALE for v in box)
        draw.rectangle((x0 - 2, top - 2, x1 + 2, bottom + 2), outline=(20, 150, 60), width=2)
        draw.text((x0, bottom + 2), f"{kind}.{row}.{column}", fill=(20, 120, 50))
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _placed(report: Report | None, number: int) -> list[tuple[str, str, str, tuple[float, float, float, float]]]:
    """Cells of the report printed on page `number`, with their keys and boxes."""
    if report is None:
        return []
    return [(kind, row.ident, column, cell.provenance.box)
            for kind, table in report.tables.items() for row in table.rows for column, cell in row.cells.items()
            if cell.provenance is not None and cell.provenance.page == number and cell.provenance.box is not None]


def debug_html(doc: Document, number: int) -> str:
    """Words placed where the reader put them on a page-sized canvas; hover a word for its line."""
    page = page_of(doc, number)
    sx, sy = (1.5, 1.5) if doc.kind == "pdf" else (9.0, 20.0)
    e = markup.escape
    parts = [
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">",
        f"<title>{e(doc.source)} 第 {number} 页</title><style>",
        "body{font-family:sans-serif;margin:1rem}.page{position:relative;border:1px solid #999;background:#fff}",
        ".w{position:absolute;border:1px solid #d33;font-size:11px;line-height:1;white-space:nowrap;overflow:hidden}",
        ".n{position:absolute;left:-2.2rem;color:#24c;font-size:10px}</style></head><body>",
        f"<h1>{e(doc.source)} · 第 {number} 页 · {len(page.lines)} 行</h1>",
        f"<div class=\"page\" style=\"width:{page.width * sx:.0f}px;height:{(page.height + 1) * sy:.0f}px\">",
    ]
    for line in page.lines:
        parts.append(f"<span class=\"n\" style=\"top:{line.top * sy:.0f}px\">{line.number}</span>")
        for word in line.words:
            style = (f"left:{word.x0 * sx:.0f}px;top:{word.top * sy:.0f}px;"
                     f"width:{max(1.0, (word.x1 - word.x0) * sx):.0f}px;height:{(word.bottom - word.top) * sy:.0f}px")
            parts.append(f"<span class=\"w\" style=\"{style}\" title=\"第 {line.number} 行 "
                         f"x {word.x0:.1f}–{word.x1:.1f}\">{e(word.text)}</span>")
    parts.append("</div></body></html>\n")
    return "".join(parts)
