"""The disclosure as PDF: the HTML page laid out by WeasyPrint on A4 (tables on landscape pages),
with page numbers and each table's header repeated on its continuation pages."""

from __future__ import annotations

import logging

from juesuan.io.errors import OutputError
from juesuan.render.document import DocumentView, document_html

__all__ = ["document_pdf"]


def document_pdf(view: DocumentView) -> bytes:
    """PDF bytes of the disclosure; fonts come from the system (the README's commands install
    Noto CJK), so every glyph is drawn."""
    try:  # imported here: it loads system libraries (Pango) that only this output needs
        import weasyprint
    except OSError as exc:
        raise OutputError("PDF", f"缺少 PDF 排版所需的系统库（Pango）：{exc}；请先运行 bash scripts/bootstrap",
                          f"the system library PDF layout needs (Pango) is missing: {exc}; "
                          "run bash scripts/bootstrap first") from None

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    result: bytes = weasyprint.HTML(string=document_html(view)).write_pdf()
    return result
