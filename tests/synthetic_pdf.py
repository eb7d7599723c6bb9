"""Small ruled PDFs made for a test: a cover and one table, laid out by WeasyPrint."""

from __future__ import annotations

from pathlib import Path

_CSS = """
@page{size:A4 landscape;margin:15mm}
body{font-family:"Noto Serif CJK SC","Source Han Serif SC",serif;font-size:10pt}
.cover{page-break-after:always;text-align:center;font-size:20pt}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #333;padding:2pt 4pt}
td.num{text-align:right}
"""


def table_pdf(path: Path, title: str, header: list[list[tuple[str, int, int]]], rows: list[list[str]],
              department: str = "某某局") -> Path:
    """A disclosure of one ruled table: header rows of (text, colspan, rowspan) cells, then the rows
    (an amount-looking cell is set right-aligned)."""
    import weasyprint

    head = "".join("<tr>" + "".join(f'<th colspan="{c}" rowspan="{r}">{t}</th>' for t, c, r in line) + "</tr>"
                   for line in header)
    body = "".join("<tr>" + "".join(f'<td class="{"num" if "." in v else ""}">{v}</td>' for v in row) + "</tr>"
                   for row in rows)
    html = (f"<html><head><style>{_CSS}</style></head><body>"
            f'<div class="cover">{department}<br/>2025年度部门决算</div>'
            f"<h3>{title}</h3><p>单位：万元</p><table><thead>{head}</thead><tbody>{body}</tbody></table>"
            "</body></html>")
    weasyprint.HTML(string=html).write_pdf(path)
    return path
