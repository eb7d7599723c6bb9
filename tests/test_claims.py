"""The claims reader's patterns are fast forms of plain ones: they must find exactly what the plain
forms find, on any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.rules.claims import _NUMBER, _alternation

# The plain form of _NUMBER: what a claim's number is, written the obvious way.
PLAIN_NUMBER = re.compile(r"(?P<num>--|(?<!\d)-?\d[\d,]*(?:\.\d+)?)(?P<unit>万元|%)")

PHRASE_CHARS = "一般公共预算支出收入财政拨款基本"
TEXT_CHARS = "0123456789-,.%万元增加减少 "


@settings(max_examples=300)
@given(st.lists(st.text(PHRASE_CHARS, min_size=1, max_size=6), min_size=1, max_size=12, unique=True),
       st.text(PHRASE_CHARS + "，。", max_size=40))
def test_the_phrase_trie_finds_what_the_longest_first_alternation_finds(phrases: list[str], text: str) -> None:
    ordered = tuple(sorted(phrases, key=lambda p: (-len(p), p)))
    flat = re.compile("|".join(map(re.escape, ordered)))
    assert [m.span() for m in _alternation(ordered).finditer(text)] == [m.span() for m in flat.finditer(text)]


@settings(max_examples=500)
@given(st.text(TEXT_CHARS, max_size=24))
def test_the_number_pattern_finds_what_its_plain_form_finds(text: str) -> None:
    assert [(m.span(), m.group("num", "unit")) for m in _NUMBER.finditer(text)] == \
        [(m.span(), m.group("num", "unit")) for m in PLAIN_NUMBER.finditer(text)]


def test_numbers_in_context() -> None:
    text = "增加3-5万元，下降-0.23%，--%（基数为0），2020年12,345.60万元"
    found = [m.group("num", "unit") for m in _NUMBER.finditer(text)]
    assert found == [("5", "万元"), ("-0.23", "%"), ("--", "%"), ("12,345.60", "万元")]
