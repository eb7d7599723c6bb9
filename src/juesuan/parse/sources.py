"""Sources: a PDF with a text layer (parse/pdf.py) or extracted text, read into pages of words."""

from __future__ import annotations

import re
from pathlib import Path

from juesuan.core.errors import InputError
from juesuan.core.limits import check_limit, limit, limit_error
from juesuan.core.location import Location
from juesuan.core.text import plain_glyphs
from juesuan.io.files import read_input
from juesuan.parse.layout import Document, Line, Page, Word

__all__ = ["read_document"]

_PAGE_MARK = re.compile(r"^=== PAGE (\d{1,6}) ===\s*$", re.M)
_TAB = 8


def read_document(path: Path | str, words: bool = True) -> Document:
    """Read a PDF or a text file into pages of positioned words; InputError if it cannot be read.

    A text source's words are only needed to draw it (`juesuan debug`); its tables are read from
    its lines, so `words=False` skips them.
    """
    path = Path(path)
    raw = read_input(path)
    if raw.startswith(b"%PDF") or path.suffix.lower() == ".pdf":
        from juesuan.parse.pdf import read_pdf  # pdfium loads only for a PDF

        return read_pdf(path, raw)
    return _read_text(path, raw, words)


def _decode(path: Path, raw: bytes) -> tuple[str, tuple[str, ...]]:
    where = Location(file=str(path))
    if not raw.strip():
        raise InputError(where, "文件是空的", "the file is empty")
    if b"\x00" in raw[:4096]:
        raise InputError(where, "不是文本文件（含有二进制内容）", "not a text file (binary content)",
                         "请提供 PDF 或文字文件", "provide a PDF or a text file")
    try:
        return raw.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), ("文件按 GBK/GB18030 编码读取",)
    except UnicodeDecodeError:
        raise InputError(where, "无法识别文件编码（既不是 UTF-8 也不是 GBK）",
                         "unknown text encoding (neither UTF-8 nor GBK)") from None


_WORD = re.compile(r"[^\s\u3000]+")


def _text_line(number: int, raw: str) -> Line | None:
    """Words of a text line: runs without spaces or tabs; x is the character column (tabs expanded)."""
    words = tuple(Word(m.group(0), float(m.start()), float(number), float(m.end()), float(number) + 1)
                  for m in _WORD.finditer(raw.expandtabs(_TAB)))
    return Line(number, words) if words else None


def _read_text(path: Path, raw: bytes, words: bool) -> Document:
    """Text extracted from a published PDF: page texts split by `=== PAGE n ===`, or one stream."""
    where = Location(file=str(path))
    text, notes = _decode(path, raw)
    text = plain_glyphs(text)
    longest = max(text.splitlines(), key=len, default="")
    if len(longest) > limit("line_chars"):
        number = text.splitlines().index(longest) + 1
        raise limit_error("line_chars", len(longest), where.at(line=number))
    marks = list(_PAGE_MARK.finditer(text))
    check_limit("pages", len(marks), where)
    if marks:
        chunks = [(int(m.group(1)), text[m.end():marks[i + 1].start() if i + 1 < len(marks) else len(text)])
                  for i, m in enumerate(marks)]
    else:
        chunks = [(1, text)]
        notes = (*notes, "文字中没有分页标记，页码不可知，位置以行号表示")
    pages = []
    for number, chunk in chunks:
        lines = [line for i, raw in enumerate(chunk.strip("\n").splitlines(), start=1)
                 if (line := _text_line(i, raw)) is not None] if words else []
        width = float(max((w.x1 for line in lines for w in line.words), default=0))
        pages.append(Page(number, width, float(len(lines)), tuple(lines), chunk))
    return Document(str(path), "text", tuple(pages), notes)
