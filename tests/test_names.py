"""The code name list: seeded from the corpus, used to name codes, never to reject them."""

from __future__ import annotations

from juesuan.core.model import Report
from juesuan.core.names import code_names, is_known_name, name_of


def test_every_code_of_the_example_is_named(guangzhou: Report) -> None:
    for table in guangzhou.tables.values():
        for row in table.coded_rows():
            assert is_known_name(str(row.code), row.label), (table.kind, row.code, row.label)
            assert name_of(str(row.code), 2020) == row.label


def test_names_carry_the_years_seen() -> None:
    names = code_names()
    assert {2020, 2024, 2025} <= set(names["2080505"][0].years)
    assert name_of("20106") == "财政事务"  # seen only in the 财政局 2024 document
    assert 2024 in names["20106"][0].years
    assert is_known_name("30213", "维修（护）费") and is_known_name("30213", "维修(护)费")


def test_unknown_codes_and_names_are_not_errors() -> None:
    assert name_of("2999999") is None
    assert not is_known_name("201", "一般公共服务")
