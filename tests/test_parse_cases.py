"""Reading steps on small synthetic page texts, one named case each."""

from __future__ import annotations

from decimal import Decimal

from juesuan.api import check
from juesuan.core.catalogue import catalogue
from juesuan.core.findings import Severity
from juesuan.core.model import Report
from juesuan.parse.quality import quality
from juesuan.parse.tables import RowDraft, TextLine, find_tables, fix_label

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


UNKNOWN_ROWS = """
收入支出决算总表
单位：万元
项目 决算数 项目 决算数
甲类进账 100.00 乙类开销 60.00
丙类开销 40.00
注：本表反映部门本年度的总收支和年末结转结余情况。
"""


def test_a_table_whose_rows_are_not_recognised_is_found_but_unreadable() -> None:
    """The title and the amounts are there, but no label names a row of the layout: the table is
    reported as found and unreadable, never as missing or empty, and no rule runs on it."""
    assert DISTRICT is not None
    tables, _ = find_tables(lines(UNKNOWN_ROWS), DISTRICT, 2025)
    summary = tables["summary"]
    assert summary.printed == 3 and summary.rows == ()
    assert summary.unreadable is not None and "3 个数字" in summary.unreadable
    report = Report(department="某局", year=2025, template=DISTRICT.id, tables=tables)
    findings = check(report).findings
    on_summary = [f for f in findings if f.location.table == "summary"]
    assert [(f.rule, f.severity, f.code) for f in on_summary] == [("K1", Severity.NEEDS_REVIEW, "unreadable-table")]
    assert "summary" not in quality(report).missing
    assert "找到但无法读取" in quality(report).lines()[0]


def test_a_total_repeated_atop_a_continuation_page_is_not_lost() -> None:
    """广州 prints 合计 again on each page of a long table: read once, its repeats count as read."""
    assert DISTRICT is not None
    text = SUMMARY.replace("总计 100.00 总计 100.00\n", "总计 100.00 总计 100.00\n项目 决算数 项目 决算数\n"
                                                    "本年收入合计 100.00 本年支出合计 100.00\n")
    summary = find_tables(lines(text), DISTRICT, 2025)[0]["summary"]
    assert summary.printed == 7 and summary.unreadable is None and summary.doubts == ()


def test_amounts_that_went_nowhere_are_a_doubt() -> None:
    """An amount printed in the table that no cell took lowers the table's confidence."""
    assert DISTRICT is not None
    text = SUMMARY.replace("总计 100.00 总计 100.00", "总计 100.00 总计 100.00\n甲类进账 5.00")
    summary = find_tables(lines(text), DISTRICT, 2025)[0]["summary"]
    assert summary.doubts == ("此表印有 8 个数字，读入 7 个",) and summary.confidence < 1


def test_a_torn_name_is_mended_and_another_whole_name_kept() -> None:
    """The extractor's fragments and shuffles take the listed name (and say so); a department's own
    whole name for a code, older or local, is kept as printed (C3 judges names, not the reader)."""
    cases = {"费": "公务用车运行维护费", "险机缴关费事支业出单位职业年金缴": "机关事业单位职业年金缴费支出"}
    for label, listed in cases.items():
        code = "30231" if label == "费" else "2080506"
        row, doubts = RowDraft(label=label, code=code), []
        fix_label(row, 2025, doubts)
        assert row.label == listed and doubts
    row, doubts = RowDraft(label="行政事业单位离退休", code="20805"), []
    fix_label(row, 2025, doubts)
    assert row.label == "行政事业单位离退休" and doubts == []


def test_a_name_wrapped_around_its_code_is_one_name() -> None:
    """城乡社区管理事 / 21201 12,029.15 … / 务: the head above the code belongs to that row, not the one before."""
    assert DISTRICT is not None
    text = """
一般公共预算财政拨款支出决算表
单位：万元
科目编码 科目名称 本年支出合计 基本支出 项目支出
212 城乡社区支出 13,583.48 1,066.51 12,516.97
城乡社区管理事
21201 12,029.15 1,066.51 10,962.64
务
注：本表反映部门本年度一般公共预算财政拨款实际支出情况。
"""
    table = find_tables(lines(text), DISTRICT, 2025)[0]["gpb_expenditure"]
    assert [(r.code, r.label) for r in table.rows] == [("212", "城乡社区支出"), ("21201", "城乡社区管理事务")]


def test_a_paragraph_broken_before_an_amount_stays_one() -> None:
    """"…年初预算为" / "274.82万元，支出决算为…": a line that opens with an amount is no numbered heading."""
    from juesuan.parse.report import _paragraphs

    printed = "职业年金缴费支出。年初预算为\n274.82万元，支出决算为245.53万元。\n1.行政运行 1.00万元。"
    text = _paragraphs(lines(printed))
    assert text.splitlines() == ["职业年金缴费支出。年初预算为274.82万元，支出决算为245.53万元。",
                                 "1.行政运行 1.00万元。"]


def test_a_title_wrapped_over_two_lines() -> None:
    assert DISTRICT is not None
    text = """
一般公共预算财政拨款
支出决算表
单位：万元
科目编码 科目名称 本年支出合计 基本支出 项目支出
合计 5.00 3.00 2.00
201 一般公共服务支出 5.00 3.00 2.00
"""
    tables = find_tables(lines(text), DISTRICT, 2025)[0]
    assert list(tables) == ["gpb_expenditure"]
    assert tables["gpb_expenditure"].cell("201", "basic").amount == Decimal("3.00")  # type: ignore[union-attr]


GPB = """
一般公共预算财政拨款支出决算表
单位：万元
科目编码 科目名称 本年支出合计 基本支出 项目支出
类 款 项
合计 6.00 4.00 2.00
201 一般公共服务支出 6.00 4.00 2.00
201 06 财政事务 6.00 4.00 2.00
201 06 01 行政运行 4.00 4.00 0.00
"""


def test_codes_split_over_class_columns() -> None:
    """类 | 款 | 项 printed in three columns (201 06 01) are one code."""
    assert DISTRICT is not None
    table = find_tables(lines(GPB), DISTRICT, 2025)[0]["gpb_expenditure"]
    assert [r.code for r in table.coded_rows()] == ["201", "20106", "2010601"]
    assert table.cell("2010601", "basic").amount == Decimal("4.00")  # type: ignore[union-attr]


def test_a_continuation_page_without_its_title() -> None:
    """The rows on the next page, under no title, belong to the table they continue."""
    assert DISTRICT is not None
    more = "2010602 一般行政管理事务 2.00 0.00 2.00\n注：本表反映部门本年度一般公共预算财政拨款实际支出情况。"
    pages = [TextLine(1, n, ln.cells, ln.text) for n, ln in enumerate(lines(GPB), 1)] + \
        [TextLine(2, n, ln.cells, ln.text) for n, ln in enumerate(lines(more), 1)]
    table = find_tables(pages, DISTRICT, 2025)[0]["gpb_expenditure"]
    assert table.cell("2010602", "project").amount == Decimal("2.00")  # type: ignore[union-attr]
    assert table.pages == (1, 2)


def test_a_row_whose_blank_cells_vanished_is_uncertain_with_its_candidates() -> None:
    """"201 一般公共服务支出 5.00 5.00" for seven columns: which two? Uncertain, never guessed."""
    assert DISTRICT is not None
    text = ("收入决算表\n单位：万元\n科目编码 科目名称 本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 "
            "附属单位上缴收入 其他收入\n201 一般公共服务支出 5.00 5.00\n注：本表反映部门本年度取得的各项收入情况。")
    table = find_tables(lines(text), DISTRICT, 2025)[0]["income"]
    first = table.cell("201", "total")
    assert first is not None and first.uncertain is not None and first.provenance is not None
    assert first.provenance.candidates == ("total", "fiscal", "higher_subsidy", "business", "operating", "affiliated")


def test_line_numbers_of_a_two_sided_table() -> None:
    """行次 beside each label (the national layout) are read as the row's 行次, never as amounts."""
    national = catalogue().template("national")
    assert national is not None
    text = """
收入支出决算总表
单位：万元
项目 行次 金额 项目 行次 金额
一、一般公共预算财政拨款收入 1 100.00 一、一般公共服务支出 32 100.00
本年收入合计 27 100.00 本年支出合计 58 100.00
注：本表反映部门本年度的总收支和年末结转结余情况。
"""
    summary = find_tables(lines(text), national, 2024)[0]["summary"]
    row = summary.row("gpb_income")
    assert row is not None and row.line == 1 and row.amount("income_actual") == Decimal("100.00")
    assert summary.cell("exp_201", "expenditure_actual").amount == Decimal("100.00")  # type: ignore[union-attr]


NATIONAL_THREE = """
财政拨款“三公”经费支出决算表
单位：万元
预算数 决算数
合计 因公出国（境）费 公务用车购置及运行费 公务接待费 合计 因公出国（境）费 公务用车购置及运行费 公务接待费
小计 公务用车购置费 公务用车运行费 小计 公务用车购置费 公务用车运行费
10.00 1.00 8.00 5.00 3.00 1.00 9.00 0.00 8.50 5.00 3.50 0.50
注：本表反映部门本年度“三公”经费支出预决算情况。
"""


def test_a_three_public_table_in_the_national_order_under_a_district_layout() -> None:
    """Its header lines print the national 三公 layout (six 预算数 columns, then six 决算数), not the
    district's pairs: the national layout reads it, so 决算数 合计 is 9.00, not the pair's 1.00."""
    assert DISTRICT is not None
    table = find_tables(lines(NATIONAL_THREE), DISTRICT, 2025)[0]["three_public"]
    assert table.spec == "three_public"
    assert table.cell("amounts", "actual_total").amount == Decimal("9.00")  # type: ignore[union-attr]


def test_paired_three_public_headers_under_the_national_layout() -> None:
    national = catalogue().template("national")
    assert national is not None
    paired = ("合计 因公出国（境）费 公务用车购置及运行费 公务接待费\n小计 公务用车购置费 公务用车运行费\n"
              + " ".join(["预算数", "决算数"] * 6))
    head = NATIONAL_THREE.split("\n")
    text = "\n".join([*head[:3], paired, *head[6:]])
    table = find_tables(lines(text), national, 2024)[0]["three_public"]
    assert table.spec == "three_public_paired"
    assert table.cell("amounts", "actual_total").amount == Decimal("1.00")  # type: ignore[union-attr]


def test_a_table_whose_numbers_the_text_lost_is_unreadable_not_missing() -> None:
    """Title and header words, no numbers (the page was a picture in the source): said, not 'missing'."""
    assert DISTRICT is not None
    text = "收入决算表\n单位：万元\n科目编码 科目名称 本年收入合计 财政拨款收入\n" + UNKNOWN_ROWS
    tables = find_tables(lines(text), DISTRICT, 2025)[0]
    assert tables["income"].unreadable == "有此表的标题和表头，但没有读到数字"
    findings = check(Report(department="某局", year=2025, template=DISTRICT.id, tables=tables)).findings
    assert [(f.rule, f.severity) for f in findings if f.location.table == "income"] == [("K1", Severity.NEEDS_REVIEW)]


def test_a_label_printed_alone_below_the_first_amount_is_a_blank_row() -> None:
    """A text that drops blank cells prints "二、政府性基金预算财政拨款收入" with nothing after it:
    the row is there, every cell blank (so rules on it run); the header printed again on the next
    page, which names columns, opens no row."""
    assert DISTRICT is not None
    text = """
收入支出决算总表
单位：万元
项目 决算数 项目 决算数
一、一般公共预算财政拨款收入 100.00 一、一般公共服务支出 100.00
二、政府性基金预算财政拨款收入 二、外交支出
项目 决算数 项目 决算数
本年收入合计 100.00 本年支出合计 100.00
注：本表反映部门本年度的总收支和年末结转结余情况。
"""
    summary = find_tables(lines(text), DISTRICT, 2025)[0]["summary"]
    gov_fund = summary.row("gov_fund_income")
    assert gov_fund is not None and all(c.is_blank and c.uncertain is None for c in gov_fund.cells.values())
    assert summary.row("exp_202") is not None
    assert summary.cell("income_total", "income_actual").amount == Decimal("100.00")  # type: ignore[union-attr]
