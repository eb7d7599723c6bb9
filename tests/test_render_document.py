"""The disclosure written as HTML: every part, every table in its official layout, every cell."""

from __future__ import annotations

import html as markup
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from conftest import EXAMPLES, GUANGZHOU
from juesuan.cli.main import cli
from juesuan.core.amounts import format_amount
from juesuan.core.model import Report
from juesuan.io import load
from juesuan.render.document import document_html, view_of


class _Cells(HTMLParser):
    """Text of every td and th, and the spans of the th cells."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.spans: list[tuple[str, str | None, str | None]] = []
        self._in = False
        self._tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("td", "th"):
            self._in, self._tag = True, tag
            self.cells.append("")
            if tag == "th":
                found = dict(attrs)
                self.spans.append(("", found.get("rowspan"), found.get("colspan")))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._in = False
            if tag == "th":
                _, rows, cols = self.spans[-1]
                self.spans[-1] = (self.cells[-1], rows, cols)

    def handle_data(self, data: str) -> None:
        if self._in:
            self.cells[-1] += data


def test_every_cell_and_part_is_written(guangzhou: Report) -> None:
    page = document_html(view_of(guangzhou))
    parser = _Cells()
    parser.feed(page)
    texts = set(parser.cells)
    for table in guangzhou.tables.values():
        assert f"<h3>{markup.escape(table.title)}</h3>" in page
        for row in table.rows:
            for cell in row.cells.values():
                if cell.amount is not None:
                    assert format_amount(cell.amount, thousands=True) in texts
            if row.code:
                assert row.code in texts
    for part in guangzhou.narrative:
        if part.part in ("overview", "explanation", "performance"):
            assert part.title in page
    assert "机关运行经费" in page and "<b>一、财政拨款收入：</b>" in page
    # the 三公 table's nested header: 预算数 spans six columns, 公务用车购置及运行费 three
    assert ("预算数", None, "6") in parser.spans
    assert ("公务用车购置及运行费", None, "3") in parser.spans


def test_shanghai_layout_and_command(tmp_path: Path) -> None:
    report = load(EXAMPLES / "shanghai-putuo-ecology-environment-2025_dept-final.yaml")
    page = document_html(view_of(report))
    assert "4,733.14" in page and "说明" in page
    out = tmp_path / "gz.html"
    result = CliRunner().invoke(cli, ["render", str(GUANGZHOU), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
