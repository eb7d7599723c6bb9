"""The claims reader's patterns are fast forms of plain ones: they must find exactly what the plain
forms find, on any text."""

from __future__ import annotations

import re
from decimal import Decimal

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


def test_the_budget_and_outturn_sentences_go_on_with_the_paragraph_s_subject() -> None:
    """"…（项）”x万元，主要用于…。年初预算为y万元，支出决算为z万元" (the district wording, a paragraph per
    项): z is the 项's figure again, and a paragraph wrapped at "年初预算为" / "274.82万元" stays one."""
    from dataclasses import replace

    from conftest import EXAMPLES
    from juesuan.core.model import NarrativePart
    from juesuan.io import load
    from juesuan.rules.claims import read_claims

    report = load(EXAMPLES / "shanghai-putuo-finance-bureau-2024_dept-final.yaml")
    gpb = report.tables["gpb_expenditure"]
    item = next(r for r in gpb.coded_rows() if len(str(r.code)) == 7)
    names = {str(r.code): r.label for r in gpb.coded_rows()}
    code = str(item.code)
    text = ("二、一般公共预算财政拨款支出决算情况说明\n"
            f"“{names[code[:3]]}（类）{names[code[:5]]}（款）{item.label}（项）”12.34万元，主要用于：日常支出。"
            "年初预算为20.00万元，支出决算为12.35万元，完成年初预算的61.70%。")
    claims = read_claims(replace(report, narrative=(NarrativePart("explanation", "第三部分 情况说明", text),)))
    levels = [(c.value, c.subject.ref if c.subject else None) for c in claims if c.kind == "level"]
    assert levels == [(Decimal("12.34"), f"gpb_expenditure.{code}.total"),
                      (Decimal("12.35"), f"gpb_expenditure.{code}.total")]
