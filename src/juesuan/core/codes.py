"""Classification codes (政府收支分类科目) as strings, with pure helpers.

功能分类 (expenditure by function): 2xx, 类 3 / 款 5 / 项 7 digits.
经济分类 (expenditure by economic nature): 3xx 部门预算 or 5xx 政府预算, 类 3 / 款 5 digits.
收入分类 (revenue): 1xx, 类 3 / 款 5 / 项 7 / 目 9 digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from juesuan.core.amounts import normalise_digits

__all__ = [
    "CodeError",
    "CodeSystem",
    "children_of",
    "is_under",
    "is_valid",
    "level",
    "level_name",
    "normalise_code",
    "parent",
    "system_of",
]


class CodeSystem(StrEnum):
    """The classification a code belongs to."""

    FUNCTION = "function"
    ECONOMIC = "economic"
    REVENUE = "revenue"


class CodeError(ValueError):
    """A string that is not a classification code."""


_LENGTHS: dict[CodeSystem, tuple[int, ...]] = {
    CodeSystem.FUNCTION: (3, 5, 7),
    CodeSystem.ECONOMIC: (3, 5),
    CodeSystem.REVENUE: (3, 5, 7, 9),
}
_LEVEL_NAMES = ("类", "款", "项", "目")
_SPLIT = re.compile(r"[\s|｜/]+")


def normalise_code(text: str) -> str:
    """Join a code printed in split columns (`201 | 06 | 01`, `301 01`) and check it is digits."""
    joined = "".join(_SPLIT.split(normalise_digits(text).strip()))
    if not joined.isdigit() or not joined.isascii():
        raise CodeError(f"科目编码只能由数字组成: {text!r}")
    if len(joined) not in (3, 5, 7, 9):
        raise CodeError(f"科目编码长度应为 3、5、7 或 9 位: {text!r}")
    return joined


def system_of(code: str) -> CodeSystem | None:
    """The code system a code belongs to by its first digit and length, or None if it fits none."""
    first = code[:1]
    if first == "2":
        system = CodeSystem.FUNCTION
    elif first in ("3", "5"):
        system = CodeSystem.ECONOMIC
    elif first == "1":
        system = CodeSystem.REVENUE
    else:
        return None
    return system if len(code) in _LENGTHS[system] else None


def is_valid(code: str) -> bool:
    """True for a well-formed code of some system."""
    return code.isdigit() and code.isascii() and system_of(code) is not None


def level(code: str) -> int:
    """1 for 类, 2 for 款, 3 for 项, 4 for 目."""
    if len(code) not in (3, 5, 7, 9):
        raise CodeError(f"科目编码长度应为 3、5、7 或 9 位: {code!r}")
    return (len(code) - 1) // 2


def level_name(code: str) -> str:
    """类 / 款 / 项 / 目."""
    return _LEVEL_NAMES[level(code) - 1]


def parent(code: str) -> str | None:
    """The code one level up (20103 for 2010301), None for a 类."""
    return None if len(code) <= 3 else code[:-2]


def is_under(code: str, ancestor: str) -> bool:
    """True when code lies strictly below ancestor in the hierarchy."""
    return len(code) > len(ancestor) and code.startswith(ancestor)


def children_of(code: str, codes: Iterable[str]) -> list[str]:
    """The codes exactly one level below code, in the order given."""
    return [c for c in codes if len(c) == len(code) + 2 and c.startswith(code)]
