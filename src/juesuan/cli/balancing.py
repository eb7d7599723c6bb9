"""`juesuan balance`: what 舍位平衡 changed, as a table a finance officer can check by hand."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from juesuan.balance import Balanced
from juesuan.core.amounts import format_amount
from juesuan.rules.context import Context


def print_balanced(console: Console, result: Balanced, lang: str) -> None:
    zh = lang != "en"
    ctx = Context(result.report)
    moved = len(result.changes)
    console.print(
        f"勾稽关系 {result.identities} 条全部成立；与逐数四舍五入相比调整了 {moved} 个单元格"
        if zh else f"all {result.identities} identities hold; {moved} cells differ from plain rounding")
    if result.changes:
        table = Table(show_lines=False)
        for head_zh, head_en in (("表", "table"), ("行", "row"), ("栏", "column"), ("精确值", "exact"),
                                 ("四舍五入", "rounded"), ("公开数", "published")):
            table.add_column(head_zh if zh else head_en, justify="right" if head_en in
                             ("exact", "rounded", "published") else "left")
        for change in result.changes:
            kind, row, column = change.cell
            where = ctx.view(kind).location(row, column)
            mark = " !" if change.wide else ""
            table.add_row(where.table_title or kind, where.row_label or row, where.column_header or column,
                          format_amount(change.exact, thousands=True), format_amount(change.rounded, thousands=True),
                          format_amount(change.published, thousands=True) + mark)
        console.print(table)
    if any(c.wide for c in result.changes):
        console.print("标 ! 的单元格与精确值相差 0.01 万元以上：只有这样全部勾稽关系才能成立" if zh else
                      "cells marked ! are 0.01 万元 or more from their exact value: the identities left "
                      "no other choice", style="yellow")
    for identity in result.broken:
        cells = "、".join(f"{k}/{r}/{c}" for _, (k, r, c) in identity.terms)
        console.print(f"原始数据（元）中规则 {identity.rule} 的关系本就不成立，未作平衡：{cells}" if zh else
                      f"rule {identity.rule} already fails in the 元 accounts and was left alone: {cells}",
                      style="yellow", soft_wrap=True)
