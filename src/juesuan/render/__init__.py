"""Writing outputs for people: the disclosure itself (HTML, PDF, Word, Excel) and findings reports.

    >>> from juesuan.render import render
    >>> data = render(report, "pdf")
"""

from __future__ import annotations

from collections.abc import Callable

from juesuan.core.errors import OutputError
from juesuan.core.model import Report
from juesuan.core.printable import printable

__all__ = ["DISCLOSURE_FORMATS", "disclosure_format_of", "render"]


def _html(report: Report) -> bytes:
    from juesuan.render.document import document_html, view_of

    return document_html(view_of(report)).encode("utf-8")


def _pdf(report: Report) -> bytes:
    from juesuan.render.document import view_of
    from juesuan.render.pdf import document_pdf

    return document_pdf(view_of(report))


def _docx(report: Report) -> bytes:
    from juesuan.render.document import view_of
    from juesuan.render.docx import document_docx

    return document_docx(view_of(report))


def _xlsx(report: Report) -> bytes:
    from juesuan.io import dump

    data = dump(report, "xlsx")  # the official table layout, readable back without loss
    assert isinstance(data, bytes)
    return data


# key → (suffix, writer); every writer starts from the same Report and, but for Excel, the same view.
DISCLOSURE_FORMATS: dict[str, tuple[str, Callable[[Report], bytes]]] = {
    "html": (".html", _html),
    "pdf": (".pdf", _pdf),
    "docx": (".docx", _docx),
    "xlsx": (".xlsx", _xlsx),
}


def disclosure_format_of(name: str) -> str | None:
    """The format a file name asks for, by its suffix (.htm counts as HTML)."""
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    if suffix == ".htm":
        return "html"
    return next((key for key, (s, _) in DISCLOSURE_FORMATS.items() if s == suffix), None)


def render(report: Report, fmt: str) -> bytes:
    """The disclosure in one format, as bytes ready to write (control characters left out)."""
    if fmt not in DISCLOSURE_FORMATS:
        raise OutputError(fmt, f"不支持的公开文本格式：{fmt}", f"unsupported disclosure format: {fmt}")
    return DISCLOSURE_FORMATS[fmt][1](printable(report))
