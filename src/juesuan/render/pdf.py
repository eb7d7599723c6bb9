"""The disclosure as PDF: the HTML page laid out by WeasyPrint on A4 (tables on landscape pages),
with page numbers and each table's header repeated on its continuation pages."""

from __future__ import annotations

import logging
from functools import cache
from importlib import resources
from typing import Any
from xml.etree import ElementTree

from juesuan.core.errors import OutputError
from juesuan.render.document import DocumentView, document_html

__all__ = ["document_pdf"]


def _lean(line: str) -> str:
    """A line of WeasyPrint's default stylesheet as our pages need it: its rules for a pseudo-element of
    every element dropped (footnotes), or kept for list items only (markers)."""
    if line.startswith("::marker"):
        return "li" + line
    return "" if line.startswith(("::footnote", "::note")) else line


@cache
def _html_class() -> Any:
    """WeasyPrint's HTML document, made faster for our pages in two ways.

    Its default stylesheet gives every element a ::marker and four footnote pseudo-elements
    (::footnote-call, ::note-call …), so that styles are computed for six pseudo-elements of each of
    the document's 2,600 elements; that was 60 % of the time styles took. Our pages have no
    footnotes, and markers only on list items: the same rules, kept for `li` only (the 目录 lists
    show none), give the same pages.

    Our page is well-formed XML as well as HTML (void elements closed, attributes with values), so
    expat, in C, reads it into the same element tree as WeasyPrint's HTML5 parser, in pure Python, in
    about 3 ms instead of 150 (a test compares the trees). A page that is not XML is parsed as HTML.

    Where WeasyPrint's package is laid out differently the class falls back to its own.
    """
    import cssselect2
    import weasyprint

    try:
        from weasyprint.html import UA_COUNTER_STYLE, UA_STYLESHEET
        from weasyprint.urls import URLFetcher
        text = resources.files("weasyprint").joinpath("css", "html5_ua.css").read_text(encoding="utf-8")
    except (ImportError, OSError):  # another layout of WeasyPrint's package: its own stylesheet, slower
        return weasyprint.HTML
    lean_sheet = weasyprint.CSS(string="\n".join(map(_lean, text.splitlines())), counter_style=UA_COUNTER_STYLE)

    class LeanHTML(weasyprint.HTML):  # type: ignore[misc]
        def __init__(self, string: str) -> None:
            try:
                root = ElementTree.fromstring(string)
            except ElementTree.ParseError:
                super().__init__(string=string)
                return
            # What WeasyPrint's own constructor keeps of a parsed page with no <base> and no URL.
            self.base_url = None
            self.url_fetcher = URLFetcher()
            self.media_type = "print"
            self.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
            self.etree_element = self.wrapper_element.etree_element

        def _ua_stylesheets(self, *args: Any, **kwargs: Any) -> list[Any]:
            sheets: list[Any] = super()._ua_stylesheets(*args, **kwargs)
            return [lean_sheet if sheet is UA_STYLESHEET else sheet for sheet in sheets]

    return LeanHTML


def document_pdf(view: DocumentView) -> bytes:
    """PDF bytes of the disclosure; fonts come from the system (the README's commands install
    Noto CJK), so every glyph is drawn."""
    try:  # imported here: it loads system libraries (Pango) that only this output needs
        html_class = _html_class()
    except OSError as exc:
        raise OutputError("PDF", f"缺少 PDF 排版所需的系统库（Pango）：{exc}；请先运行 bash scripts/bootstrap",
                          f"the system library PDF layout needs (Pango) is missing: {exc}; "
                          "run bash scripts/bootstrap first") from None

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    result: bytes = html_class(string=document_html(view)).write_pdf()
    return result
