"""A PDF with a text layer, read through pdfium into pages of positioned characters and rules.

pdfium (pypdfium2) is the PDF library: on the 财政局 2024 PDF, pdfminer-based extraction loses the
digits of many lines while pdfium reads them (docs/pdf-reading.md has the measurements).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from juesuan.core.errors import InputError
from juesuan.core.limits import check_limit
from juesuan.core.location import Location
from juesuan.core.text import plain_glyphs
from juesuan.parse.layout import Char, Document, Page, lines_from_chars

__all__ = ["read_pdf"]


def _pdf_error(where: Location, exc: pdfium.PdfiumError) -> InputError:
    """pdfium's reason for not opening a document, by its error code."""
    if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
        return InputError(where, "PDF 已加密，需要密码才能读取", "the PDF is encrypted and needs a password",
                          "请提供未加密的文件", "provide an unencrypted copy")
    if exc.err_code == pdfium_c.FPDF_ERR_FILE:  # still the primed error (see read_pdf): pdfium said nothing
        return InputError(where, "PDF 中没有可读的页面（页面目录为空或已损坏）",
                          "the PDF has no page that can be read (its page tree is empty or damaged)")
    return InputError(where, "不是有效的 PDF 文件，或文件已损坏", "not a valid PDF, or a damaged one")


def read_pdf(path: Path, raw: bytes) -> Document:
    """Every page's characters with their boxes, grouped into lines and words. A page pdfium cannot
    load is said (its number) and left empty; the rest of the document is read."""
    where = Location(file=str(path))
    if not raw:
        raise InputError(where, "文件是空的", "the file is empty")
    # pdfium keeps its last error until a failure sets another, and some failures (a page tree that
    # is empty) set none. Opening a file that does not exist sets FPDF_ERR_FILE, which a document
    # read from memory cannot cause: a failure that leaves it there is one pdfium had no words for.
    pdfium_c.FPDF_LoadDocument(b"", None)
    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        raise _pdf_error(where, exc) from None
    try:
        count = len(pdf)
        if count == 0:
            raise InputError(where, "PDF 中没有页面", "the PDF has no pages")
        check_limit("pages", count, where)
        pages, failed = [], []
        for index in range(count):
            try:
                pages.append(_pdf_page(pdf, index))
            except pdfium.PdfiumError:
                failed.append(index + 1)
                pages.append(Page(index + 1, 0.0, 0.0, (), ""))
    finally:
        pdf.close()
    if len(failed) == count:
        raise InputError(where, "PDF 的页面都无法读取，文件已损坏", "no page of the PDF can be loaded: it is damaged")
    if all(p.empty for p in pages):
        raise InputError(where, "PDF 没有文字层（可能是扫描件），需要先做文字识别（OCR）",
                         "the PDF has no text layer (a scan?); it needs OCR first")
    notes = tuple(f"第 {p.number} 页无法读取（已损坏），其余各页照常读取" if p.number in failed
                  else f"第 {p.number} 页没有文字" for p in pages if p.empty)
    return Document(str(path), "pdf", tuple(pages), notes)


def _pdf_page(pdf: pdfium.PdfDocument, index: int) -> Page:
    page = pdf[index]
    try:
        width, height = page.get_size()
        text = page.get_textpage()
        try:
            count = text.count_chars()
            plain = plain_glyphs(text.get_text_range(0, count)) if count else ""
            chars = []
            # One call for the text, one per box: reading glyphs one by one costs twice as much. The
            # boxes come straight from pdfium into four reused doubles (the helper makes new ones).
            box = [ctypes.c_double() for _ in range(4)]
            left, right, bottom, top = box
            refs = [ctypes.byref(v) for v in box]  # FPDFText_GetCharBox takes left, right, bottom, top

            def add(i: int, glyph: str) -> None:
                if pdfium_c.FPDFText_GetCharBox(text.raw, i, *refs):
                    chars.append(Char(glyph, left.value, height - top.value, right.value, height - bottom.value))

            for i, glyph in enumerate(plain if len(plain) == count else ()):
                if glyph not in "\r\n":
                    add(i, glyph)
            if len(plain) != count:  # characters outside the basic plane: fall back to one by one
                for i in range(count):
                    glyph = plain_glyphs(text.get_text_range(i, 1))
                    if glyph and glyph not in "\r\n":
                        add(i, glyph)
        finally:
            text.close()
        hrules, vrules = _rules(page, height)
    finally:
        page.close()
    return Page(index + 1, width, height, tuple(lines_from_chars(chars)), plain, hrules, vrules)


def _rules(page: pdfium.PdfPage, height: float) -> tuple[tuple[tuple[float, float, float], ...],
                                                      tuple[tuple[float, float, float], ...]]:
    """Thin path objects: the horizontal and vertical rules that draw a table's grid.

    Walked through pdfium's C functions: the helper objects of `page.get_objects()` cost twice as
    much on a page of table borders (about 0.6 ms a page on the 财政局 PDF)."""
    hrules, vrules = [], []
    box = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(v) for v in box]

    def walk(count: int, get: Callable[[int], Any], depth: int) -> None:
        for i in range(count):
            obj = get(i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 3:  # rules drawn inside a form XObject
                walk(pdfium_c.FPDFFormObj_CountObjects(obj), partial(pdfium_c.FPDFFormObj_GetObject, obj), depth + 1)
                continue
            if kind != pdfium_c.FPDF_PAGEOBJ_PATH or not pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
                continue
            left, bottom, right, top = (v.value for v in box)
            if top - bottom < 2 and right - left > 5:
                hrules.append((round(height - (top + bottom) / 2, 1), round(left, 1), round(right, 1)))
            elif right - left < 2 and top - bottom > 5:
                vrules.append((round((left + right) / 2, 1), round(height - top, 1), round(height - bottom, 1)))

    walk(pdfium_c.FPDFPage_CountObjects(page.raw), partial(pdfium_c.FPDFPage_GetObject, page.raw), 1)
    return tuple(sorted(hrules)), tuple(sorted(vrules))


# ---------------------------------------------------------------- text


