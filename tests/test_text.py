"""core/text.py: the one normalisation every comparison of text goes through."""

from __future__ import annotations

from juesuan.core.text import plain, plain_glyphs, plain_lines, spaceless, unquoted


def test_plain_drops_spaces_and_keeps_one_form_of_each_mark() -> None:
    assert plain("财政拨款 “三公” 经费（万元）：12，3％") == '财政拨款"三公"经费(万元):12,3%'
    assert plain("一般公共预算\u3000财政\n拨款") == "一般公共预算财政拨款"
    assert plain(plain("（一）")) == plain("（一）") == "(一)"


def test_spaceless_keeps_the_marks() -> None:
    assert spaceless("部门： 上海市 普陀区") == "部门：上海市普陀区"


def test_plain_lines_keep_the_line_numbers() -> None:
    assert plain_lines("第一行 （甲）\n\n第三行") == ["第一行(甲)", "", "第三行"]


def test_a_term_is_the_same_with_or_without_its_quotes() -> None:
    assert unquoted("“三公”经费") == unquoted('"三公"经费') == unquoted("三公经费") == "三公经费"


def test_radicals_become_the_ideographs_they_look_like() -> None:
    assert plain_glyphs("⼀般公共服务⽀出") == "一般公共服务支出"
