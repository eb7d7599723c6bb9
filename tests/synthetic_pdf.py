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


def tiny_pdf(pages: list[str | None]) -> bytes:
    """A hand-made PDF whose pages print one line of Helvetica each; None puts an object that is not
    a page where that page should be. No page at all gives an empty page tree."""
    objects: list[str] = ["<< /Type /Catalog /Pages 2 0 R >>", "",
                          "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for text in pages:
        stream = f"BT /F1 12 Tf 72 720 Td ({text or ''}) Tj ET"
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        kind = "/Page" if text is not None else "/Annot"
        objects.append(f"<< /Type {kind} /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {len(objects)} 0 R "
                       "/Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
