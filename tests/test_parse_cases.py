"""Reading steps on small synthetic page texts, one named case each."""

from __future__ import annotations

from decimal import Decimal

from juesuan.core.catalogue import catalogue
from juesuan.parse.tables import TextLine, find_tables

DISTRICT = catalogue().template("shanghai-district-2025")


def lines(text: str) -> list[TextLine]:
    out = []
    for n, raw in enumerate(text.strip().splitlines(), start=1):
        cells = tuple(raw.split())
        out.append(TextLine(1, n, cells, "".join(cells)))
    return out


SUMMARY = """
收入支出决算总表
单位：万元
项目 决算数 项目 决算数
一、一般公共预算财政拨款收入 100.00 一、一般公共服务支出 1.77
二十二、灾害防治及应急管理支
98.23
出
二十四、抗疫特别国债安排的支
出
本年收入合计 100.00 本年支出合计 100.00
总计 100.00 总计 100.00
注：本表反映部门本年度的总收支和年末结转结余情况。
"""


def test_a_label_wrapped_around_its_amount() -> None:
    """The extractor put the amount between the two halves of a long label."""
    assert DISTRICT is not None
    tables, _ = find_tables(lines(SUMMARY), DISTRICT, 2025)
    summary = tables["summary"]
    assert summary.cell("exp_224", "expenditure_actual").amount == Decimal("98.23")  # type: ignore[union-attr]
    assert summary.cell("exp_201", "expenditure_actual").amount == Decimal("1.77")  # type: ignore[union-attr]


def test_the_contents_lists_titles_without_amounts() -> None:
    """A 目录 page names every table; the table is where its amounts are."""
    assert DISTRICT is not None
    contents = "目录\n一、收入支出决算总表\n二、收入决算表\n三、支出决算表\n"
    tables, _ = find_tables(lines(contents + SUMMARY), DISTRICT, 2025)
    assert list(tables) == ["summary"]
    assert tables["summary"].cell("income_total", "income_actual").amount == Decimal("100.00")  # type: ignore[union-attr]
