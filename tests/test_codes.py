"""Classification codes: normalising printed forms and the hierarchy helpers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juesuan.core.codes import (
    CodeError,
    CodeSystem,
    children_of,
    is_under,
    is_valid,
    level,
    level_name,
    normalise_code,
    parent,
    system_of,
)

function_codes = st.from_regex(r"2[0-9]{2}([0-9]{2}([0-9]{2})?)?", fullmatch=True)
economic_codes = st.from_regex(r"[35][0-9]{2}([0-9]{2})?", fullmatch=True)


@pytest.mark.parametrize(
    ("printed", "code"),
    [("201 | 06 | 01", "2010601"), ("301 01", "30101"), ("2010301", "2010301"),
     ("２０１", "201"), ("208 05 99", "2080599")],
)
def test_split_codes_are_joined(printed: str, code: str) -> None:
    assert normalise_code(printed) == code


@pytest.mark.parametrize("printed", ["20", "2010", "20A01", "合计", ""])
def test_malformed_codes_are_rejected(printed: str) -> None:
    with pytest.raises(CodeError):
        normalise_code(printed)


@pytest.mark.parametrize(
    ("code", "system"),
    [("201", CodeSystem.FUNCTION), ("2010301", CodeSystem.FUNCTION), ("30101", CodeSystem.ECONOMIC),
     ("50101", CodeSystem.ECONOMIC), ("10307", CodeSystem.REVENUE), ("3010101", None), ("401", None)],
)
def test_system_of(code: str, system: CodeSystem | None) -> None:
    assert system_of(code) is system


@given(function_codes)
def test_function_hierarchy(code: str) -> None:
    assert is_valid(code)
    assert system_of(code) is CodeSystem.FUNCTION
    up = parent(code)
    if level(code) == 1:
        assert up is None
        assert level_name(code) == "类"
    else:
        assert up is not None
        assert level(up) == level(code) - 1
        assert is_under(code, up)
        assert code in children_of(up, [code, up, code + "01"])
        assert not is_under(up, code)


@given(economic_codes)
def test_economic_codes_have_two_levels(code: str) -> None:
    assert system_of(code) is CodeSystem.ECONOMIC
    assert level(code) in (1, 2)


def test_children_keep_order_and_skip_grandchildren() -> None:
    codes = ["201", "20103", "2010301", "2010302", "20104", "202"]
    assert children_of("201", codes) == ["20103", "20104"]
    assert children_of("20103", codes) == ["2010301", "2010302"]
    assert not is_under("202", "201")
