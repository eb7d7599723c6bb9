"""What a disclosure says it is — kind, department, year, layout — told by the document alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import corpus_file
from juesuan.core.errors import InputError
from juesuan.core.location import Location
from juesuan.parse.families import choose_template, title_key
from juesuan.parse.identity import Kind, identify
from juesuan.parse.report import read_disclosure
from juesuan.parse.tables import TextLine

HERE = Location(file="fixture.txt")


def lines(*pages: str) -> list[TextLine]:
    """Page texts as the table reader sees them (cells split at spaces)."""
    out = []
    for number, text in enumerate(pages, start=1):
        for n, raw in enumerate(text.strip().splitlines(), start=1):
            cells = tuple(raw.split())
            if cells:
                out.append(TextLine(number if len(pages) > 1 else None, n, cells, "".join(cells)))
    return out


TITLES = "\n".join(("一、收入支出决算总表", "二、收入决算表", "三、支出决算表"))


def test_a_cover_with_a_date_line() -> None:
    found = identify(lines("西南大学 2024 年度部门决算\n2025 年 8 月", "目录\n" + TITLES), HERE)
    assert (found.kind, found.department, found.year, found.notes) == (Kind.DEPARTMENT_FINAL, "西南大学", 2024, ())


def test_a_name_wrapped_over_the_cover_lines() -> None:
    found = identify(lines("上海市普陀区人民政府\n石泉路街道办事处 2025\n年度部门决算", "目 录\n" + TITLES), HERE)
    assert (found.department, found.year) == ("上海市普陀区人民政府石泉路街道办事处", 2025)


@pytest.mark.parametrize("name", ["中共上海市普陀区委社会工作部", "上海市某某建设项目管理中心", "某某区实验学校",
                                  "某某街道办事处"])
def test_any_name_a_department_can_have(name: str) -> None:
    found = identify(lines(f"{name}\n2024 年度部门决算", "目录\n" + TITLES), HERE)
    assert (found.department, found.year) == (name, 2024)


def test_the_year_before_the_name() -> None:
    found = identify(lines("2020 年某某市某某局部门决算\n目 录\n" + TITLES), HERE)
    assert (found.department, found.year, found.notes) == ("某某市某某局", 2020, ())


def test_a_unit_final_accounts() -> None:
    assert identify(lines("某某中心\n2024 年度单位决算", "目录"), HERE).kind is Kind.UNIT_FINAL


def test_a_file_with_no_cover_takes_the_part_titles() -> None:
    found = identify(lines("第一部分 某某区某某局概况\n一、主要职能\n…",
                           "第二部分 某某区某某局2024年度部门决算表\n一、收入支出决算总表"), HERE)
    assert (found.department, found.year) == ("某某区某某局", 2024)
    assert any("没有封面" in n for n in found.notes)


def test_names_that_disagree_are_reported() -> None:
    found = identify(lines("某某区财政局\n2024 年度部门决算",
                           "第二部分 某某区XX局2024年度部门决算表\n一、收入支出决算总表"), HERE)
    assert found.department == "某某区财政局"
    assert any("不一致" in n and "某某区XX局" in n for n in found.notes)


@pytest.mark.parametrize("cover", ["某某省高级人民法院\n2019 年度部门预算公开",
                                   "上海市2025年市级单位预算\n预算单位：上海市财政局",
                                   "某某区2026年区级部门预算\n预算主管部门：某某区某某局"])
def test_a_budget_is_refused(cover: str) -> None:
    with pytest.raises(InputError, match="这是预算公开"):
        identify(lines(cover, "目录\n一、收支预算总表\n二、收入预算表"), HERE)


def test_titles_tell_the_kind_when_there_is_no_cover() -> None:
    with pytest.raises(InputError, match="这是预算公开"):
        identify(lines("一、部门收支预算总表\n二、部门收入预算表\n三、部门支出预算表\n四、财政拨款收支预算总表"), HERE)


@pytest.mark.parametrize("name", ["other-kinds/shanghai_municipal-finance-bureau_2025_unit-budget.pdf",
                                  "other-kinds/jiangsu_high-peoples-court_2019_dept-budget.pdf",
                                  "other-kinds/shanghai-putuo_urban-management-enforcement_2026_dept-budget.txt"])
def test_the_corpus_budgets_are_recognised_and_refused(name: str) -> None:
    with pytest.raises(InputError, match="这是预算公开") as caught:
        read_disclosure(corpus_file(name))
    assert caught.value.where.file is not None and caught.value.where.file.endswith(name.split("/")[-1])


@pytest.mark.parametrize(("printed", "key"), [
    ("表 1：高等学校收支决算总表", "高等学校收支决算总表"),
    ("公开01表 收入支出决算总表", "收入支出决算总表"),
    ("一、收入支出决算总表……………………6", "收入支出决算总表"),
    ("财政拨款“三公”经费支出决算表", '财政拨款"三公"经费支出决算表'),
])
def test_numbered_titles_and_contents_lines(printed: str, key: str) -> None:
    assert title_key(printed) == key


def test_the_layout_is_told_by_its_titles_not_by_the_name() -> None:
    """A Guangzhou-style ten-table document under a Shanghai-sounding name still gets the ten-table layout."""
    titles = ["收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表",
              "一般公共预算财政拨款支出决算表",
              '一般公共预算财政拨款"三公"经费支出决算表', "政府性基金预算财政拨款收入支出决算表",
              "国有资本经营预算财政拨款支出决算表", "非税收入征缴情况表"]
    doc = lines("上海市某某局\n2020 年度部门决算\n" + "\n".join(titles))
    assert choose_template(doc, HERE).template.id == "guangzhou-2020"


def test_a_template_can_be_named() -> None:
    doc = lines("某某局\n2024 年度部门决算")
    assert choose_template(doc, HERE, "guangzhou-2020").template.id == "guangzhou-2020"
    with pytest.raises(InputError, match="没有表样"):
        choose_template(doc, HERE, "nowhere-1999")


@pytest.mark.parametrize(("name", "department", "year", "template"), [
    ("shanghai-putuo_shiquan-subdistrict_2025_dept-final.txt", "上海市普陀区人民政府石泉路街道办事处", 2025,
     "shanghai-district-2025"),
    ("chongqing_southwest-university_2024_dept-final.pdf", "西南大学", 2024, None),
    ("guangzhou-gov-service-data-bureau_2020_dept-final.txt", "广州市政务服务数据管理局", 2020, "guangzhou-2020"),
])
def test_corpus_identities(name: str, department: str, year: int, template: str | None) -> None:
    reading = read_disclosure(corpus_file(name))
    assert (reading.report.department, reading.report.year) == (department, year)
    if template is not None:
        assert reading.report.template == template


NATIONAL_TITLES = ["收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表",
                   "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算表",
                   '一般公共预算财政拨款"三公"经费支出决算表', "政府性基金预算财政拨款收入支出决算表",
                   "国有资本经营预算财政拨款支出决算表"]


def test_a_layout_no_variant_describes_reads_through_the_national_template() -> None:
    """The nine standard titles and nothing a variant adds: the 财政部 template itself."""
    doc = lines("某某县某某局\n2023 年度部门决算\n" + "\n".join(NATIONAL_TITLES))
    assert choose_template(doc, HERE).template.id == "national"


def test_a_table_the_layout_does_not_have_is_named_as_not_read(tmp_path: Path) -> None:
    """A variant's extra table (here a 专项资金 table) is said, not silently dropped."""
    extra = "专项资金使用情况表\n单位：万元\n项目 金额\n甲专项 12.00\n"
    text = "某某县某某局\n2023 年度部门决算\n" + "\n".join(NATIONAL_TITLES) + "\n" + extra
    path = tmp_path / "extra.txt"
    path.write_text(text, encoding="utf-8")
    report = read_disclosure(path).report
    assert report.template == "national"
    assert any("专项资金使用情况表" in u and "未读取" in u for u in report.unrecognised)


def test_a_document_no_layout_fits_reads_through_the_national_template() -> None:
    """One title of nine: not the smallest layout (which misses least), but the one all vary."""
    choice = choose_template(lines("某某局\n2025 年度部门决算\n收入决算表"), HERE)
    assert choice.template.id == "national" and "没有与本文件明显吻合" in choice.notes[0]
