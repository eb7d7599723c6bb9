"""Control characters, which no document shows and XML (a workbook, a Word document) cannot hold.

A package or a damaged text can bring them in (`\\x01` in a department name); the writers of those
formats take the report through `printable` first, so that they never fail on them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import fields, is_dataclass, replace
from enum import Enum
from typing import Any, TypeVar

__all__ = ["printable"]

# C0 and C1 controls but tab, line feed and carriage return; DEL; the two non-characters XML forbids.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

T = TypeVar("T")


def printable(value: T) -> T:
    """`value` with the control characters left out of every string in it (dataclasses, tuples,
    lists and mappings are walked); the very same objects where there were none."""
    return _walk(value)  # type: ignore[no-any-return]


def _walk(value: Any) -> Any:
    if isinstance(value, str):
        return value if isinstance(value, Enum) or not _CONTROLS.search(value) else _CONTROLS.sub("", value)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: new for f in fields(value) if f.init
                   if (new := _walk(old := getattr(value, f.name))) is not old}
        return replace(value, **changes) if changes else value
    if isinstance(value, tuple | list):
        items = [_walk(v) for v in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else type(value)(items)
    if isinstance(value, Mapping):
        pairs = {_walk(k): _walk(v) for k, v in value.items()}
        same = all(k in value and pairs[k] is value[k] for k in pairs) and len(pairs) == len(value)
        return value if same else dict(pairs)
    return value
