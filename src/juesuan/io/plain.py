"""Typed records ↔ plain values (dicts, lists, strings) for the facts of a report.

Decimals become strings with their published decimals; tuples become lists; None fields are
left out. Reading is driven by the dataclass field types, so a new fact field needs no code here.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from juesuan.core.amounts import AmountError, format_amount, read_amount
from juesuan.core.errors import InputError
from juesuan.core.location import Location

T = TypeVar("T")

__all__ = ["from_plain", "to_plain"]


def to_plain(obj: Any) -> Any:
    """A dataclass tree as plain values, fields in declaration order, None fields omitted."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(obj):
            if not f.init:  # derived from the other fields
                continue
            value = getattr(obj, f.name)
            if value is None or (isinstance(value, (tuple, Mapping)) and not value):
                continue
            out[f.name] = to_plain(value)
        return out
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, Decimal):
        return format_amount(obj)
    if isinstance(obj, tuple | list):
        return [to_plain(v) for v in obj]
    if isinstance(obj, Mapping):
        return {str(k): to_plain(v) for k, v in obj.items()}
    return obj


@cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _fail(where: Location, path: str, zh: str, en: str) -> InputError:
    return InputError(where.at(field=path or None), zh, en)


def _convert(tp: Any, value: Any, where: Location, path: str) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [a for a in args if a is not type(None)]
        return _convert(inner, value, where, path)
    if origin is tuple:
        if not isinstance(value, list):
            raise _fail(where, path, "应为列表", "expected a list")
        return tuple(_convert(args[0], v, where, f"{path}[{i}]") for i, v in enumerate(value))
    if origin in (Mapping, dict) or tp is dict:
        if not isinstance(value, dict):
            raise _fail(where, path, "应为键值映射", "expected a mapping")
        return {str(k): _convert(args[1], v, where, f"{path}.{k}") for k, v in value.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return from_plain(tp, value, where, path)
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(value)
        except ValueError:
            allowed = "、".join(str(m.value) for m in tp)
            raise _fail(
                where, path, f"取值 {value!r} 无效，应为 {allowed}", f"invalid value {value!r}"
            ) from None
    if tp is Decimal:
        return _decimal(value, where, path)
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _fail(where, path, f"应为整数，实为 {value!r}", f"expected an integer, got {value!r}")
        return value
    if tp is str:
        if not isinstance(value, str | int):
            raise _fail(where, path, f"应为文字，实为 {value!r}", f"expected text, got {value!r}")
        return str(value)
    raise TypeError(f"unsupported field type {tp!r}")  # a programming error, not bad input


def _decimal(value: Any, where: Location, path: str) -> Decimal:
    if isinstance(value, bool):
        raise _fail(where, path, f"应为金额，实为 {value!r}", f"expected an amount, got {value!r}")
    if isinstance(value, int | float):
        value = repr(value)
    if not isinstance(value, str):
        raise _fail(where, path, f"应为金额，实为 {value!r}", f"expected an amount, got {value!r}")
    try:
        amount = read_amount(value)
    except AmountError:
        raise _fail(
            where, path, f"不是金额：{value!r}", f"not an amount: {value!r}"
        ) from None
    if amount is None:
        raise _fail(where, path, "金额为空", "empty amount")
    return amount


def from_plain(cls: type[T], data: Any, where: Location, path: str = "") -> T:
    """Build a dataclass from plain values, naming the path of any bad field."""
    if not isinstance(data, dict):
        raise _fail(where, path, "应为键值映射", "expected a mapping")
    hints = _hints(typing.cast(Any, cls))
    names = {f.name for f in dataclasses.fields(cls) if f.init}  # type: ignore[arg-type]
    unknown = sorted(set(data) - names)
    if unknown:
        raise _fail(
            where,
            path,
            f"未知字段 {', '.join(map(str, unknown))}（可用字段：{', '.join(sorted(names))}）",
            f"unknown field(s) {', '.join(map(str, unknown))}",
        )
    kwargs = {
        name: _convert(hints[name], value, where, f"{path}.{name}" if path else name)
        for name, value in data.items()
    }
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise _fail(where, path, f"缺少必填字段（{exc}）", f"missing required field ({exc})") from None
