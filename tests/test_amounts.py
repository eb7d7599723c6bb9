"""Amounts: exact reading of noisy published numbers, their interval, and formatting."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juesuan.core.amounts import AmountError, format_amount, half_unit, interval, read_amount

amounts = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2,
                      allow_nan=False, allow_infinity=False)
any_places = st.integers(min_value=0, max_value=4).flatmap(
    lambda p: st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=p,
                          allow_nan=False, allow_infinity=False))

FULLWIDTH = str.maketrans("0123456789,.-", "０１２３４５６７８９，．－")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("36, 145. 11", Decimal("36145.11")),
        ("0. 16", Decimal("0.16")),
        ("4, 486. 20", Decimal("4486.20")),
        ("(1.00)", Decimal("-1.00")),
        ("-2.5", Decimal("-2.5")),
        ("−3.00", Decimal("-3.00")),
        ("３６，１４５．１１", Decimal("36145.11")),
        ("36,144.8", Decimal("36144.8")),
        ("210", Decimal("210")),
        (" 0.00 ", Decimal("0.00")),
    ],
)
def test_reads_published_noise(text: str, expected: Decimal) -> None:
    value = read_amount(text)
    assert value == expected
    assert value is not None
    assert value.as_tuple().exponent == expected.as_tuple().exponent  # decimals kept


@pytest.mark.parametrize("text", ["", "  ", "-", "—", "——", "--", "/"])
def test_dashes_and_empty_are_blank_not_zero(text: str) -> None:
    assert read_amount(text) is None


@pytest.mark.parametrize("text", ["abc", "12.3.4", "1,23", "十二", "12元", "((1))", "-(1.00)", "2020年"])
def test_text_is_never_coerced(text: str) -> None:
    with pytest.raises(AmountError):
        read_amount(text)


@given(any_places)
def test_format_then_read_is_exact(value: Decimal) -> None:
    for thousands in (False, True):
        read = read_amount(format_amount(value, thousands=thousands))
        assert read == value
        assert read is not None and read.as_tuple().exponent == value.as_tuple().exponent


@given(amounts)
def test_extraction_noise_is_removed(value: Decimal) -> None:
    printed = format_amount(value, thousands=True)
    noisy = printed.replace(",", ", ").replace(".", ". ")
    assert read_amount(noisy) == value
    assert read_amount(printed.translate(FULLWIDTH)) == value


@given(amounts)
def test_accounting_negative(value: Decimal) -> None:
    printed = format_amount(abs(value))
    assert read_amount(f"({printed})") == -abs(value)


@given(any_places)
def test_interval_is_half_a_unit_each_side(value: Decimal) -> None:
    low, high = interval(value)
    assert low < value < high
    places = -value.as_tuple().exponent  # type: ignore[operator]
    assert high - low == Decimal(1).scaleb(-places)
    assert half_unit(value) * 2 == high - low


@pytest.mark.parametrize(("value", "half"), [
    ("36145.11", "0.005"), ("0.00", "0.005"), ("12", "0.5"), ("-3.1", "0.05"),
    ("1.123456789", "0.0000000005"),  # more decimals than the precomputed halves
    ("1E-9", "0.0000000005"), ("1E+2", "0.5"),  # scientific notation: no point to count from
])
def test_half_unit_in_every_notation(value: str, half: str) -> None:
    assert half_unit(Decimal(value)) == Decimal(half)
