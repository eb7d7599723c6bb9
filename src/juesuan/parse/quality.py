"""How well a published document was read: per table and for the whole document.

Computed from the Report alone (its tables say where they were read, how many amounts were
printed there and which cells are uncertain), so a data package written by `parse` gives the
same summary as the document it came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from juesuan.core.catalogue import catalogue
from juesuan.core.model import CellKind, Report, Table

__all__ = ["Quality", "TableQuality", "quality"]


@dataclass(frozen=True, slots=True)
class TableQuality:
    """One table as read: where, how much of it, and how sure the reader is."""

    kind: str
    title: str
    pages: tuple[int, ...]
    rows: int
    columns: int          # columns that hold at least one amount read
    spec_columns: int     # columns of the layout's table
    printed: int | None   # amounts printed where the table stands (None: not read from a document)
    certain: int          # amounts placed in their cell with certainty
    placed: int           # amounts whose column the tables' identities chose (still doubted)
    uncertain: int        # other amounts the reader placed but doubts (they lead to needs-review, never error)
    confidence: float
    reason: str           # why the confidence is what it is
    unreadable: str | None

    @property
    def read(self) -> int:
        return self.certain + self.placed + self.uncertain


@dataclass(frozen=True, slots=True)
class Quality:
    """The reading of a document: its tables, the layout's tables it lacks, what was not recognised."""

    tables: tuple[TableQuality, ...]
    missing: tuple[str, ...]
    unrecognised: tuple[str, ...]

    @property
    def share(self) -> float | None:
        """The share of the amounts printed on the table pages that went into cells."""
        printed = sum(t.printed or 0 for t in self.tables)
        if not printed:
            return None
        return sum(min(t.read, t.printed or 0) for t in self.tables) / printed

    def lines(self, lang: str = "zh") -> list[str]:
        """The summary as `juesuan parse` prints it, a line per table, then the document."""
        zh = lang != "en"
        out = []
        for t in self.tables:
            if t.unreadable:
                out.append(f"{t.title}：{'找到但无法读取' if zh else 'found, not readable'}（{t.unreadable}）")
                continue
            if zh:
                pages = f"第 {'、'.join(map(str, t.pages))} 页，" if t.pages else ""
                printed = "" if t.printed is None else f"，印有 {t.printed} 个数"
                out.append(f"{t.title}：{pages}{t.rows} 行，{t.columns}/{t.spec_columns} 列有数，"
                           f"读入 {t.read} 个数{printed}（确定 {t.certain}，"
                           f"{f'按勾稽关系定列 {t.placed}，' if t.placed else ''}不确定 {t.uncertain}）；"
                           f"可信度 {t.confidence:.1f}：{t.reason}")
            else:
                pages = f"p. {', '.join(map(str, t.pages))}, " if t.pages else ""
                printed = "" if t.printed is None else f", {t.printed} printed"
                out.append(f"{t.kind}: {pages}{t.rows} rows, {t.columns}/{t.spec_columns} columns with amounts, "
                           f"{t.read} amounts read{printed} ({t.certain} certain, "
                           f"{f'{t.placed} placed by the identities, ' if t.placed else ''}{t.uncertain} uncertain); "
                           f"confidence {t.confidence:.1f}: {t.reason}")
        share = self.share
        if share is not None:
            out.append(f"表页上印出的数字读入 {share:.1%}" if zh else f"{share:.1%} of the amounts on table pages read")
        if self.missing:
            out.append(("表样中的表未找到：" if zh else "tables of the layout not found: ") + "、".join(self.missing))
        out.extend(("未识别：" if zh else "not recognised: ") + u for u in self.unrecognised)
        return out


def _table(table: Table, spec_columns: int) -> TableQuality:
    cells = [c for r in table.rows for c in r.cells.values()]
    amounts = [c for c in cells if c.kind is CellKind.AMOUNT]
    certain = sum(c.uncertain is None for c in amounts)
    placed = sum(c.uncertain is not None and c.provenance is not None and c.provenance.placed_by is not None
                 for c in amounts)
    uncertain = len(amounts) - certain - placed
    columns = len({k for r in table.rows for k, c in r.cells.items() if c.kind is CellKind.AMOUNT})
    doubted = next((c.uncertain for c in amounts
                    if c.uncertain and (c.provenance is None or c.provenance.placed_by is None)), None)
    if table.unreadable:
        reason = table.unreadable
    elif doubted:  # the doubt that matters most: where the amounts go
        reason = f"{uncertain} 个数所在的列不确定（如：{doubted}）"
    elif placed:
        reason = f"{placed} 个数所在的列由勾稽关系推定（涉及它们的不符只报需人工复核）"
    elif table.printed == 0:
        reason = f"表中没有数字（{table.statement}）" if table.statement else "表中没有数字"
    elif table.doubts:
        more = f"（另有 {len(table.doubts) - 1} 处存疑）" if len(table.doubts) > 1 else ""
        reason = table.doubts[0] + more
    else:
        reason = "每个数都读入，位置确定" if table.printed is not None else "来自数据包"
    return TableQuality(table.kind, table.title, table.pages, len(table.rows), columns, spec_columns,
                        table.printed, certain, placed, uncertain, table.confidence, reason, table.unreadable)


def quality(report: Report) -> Quality:
    """How well the report's document was read."""
    template = catalogue().template(report.template)
    specs = catalogue().specs
    tables = tuple(_table(t, len(specs[t.spec].columns) if t.spec in specs else len(t.columns))
                   for t in report.tables.values())
    missing = tuple(s.title for s in template.tables if s.kind not in report.tables) if template else ()
    return Quality(tables, missing, report.unrecognised)
