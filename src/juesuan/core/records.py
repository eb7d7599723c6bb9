"""Frozen records made fast: an `__init__` that fills a frozen slots dataclass through its slots.

A frozen dataclass's own `__init__` stores each field with `object.__setattr__(self, name, value)`,
a generic call that looks the attribute up again every time: about a thousand machine instructions
a field, so that a Location of nine fields costs more to make than most comparisons cost to run. A
check makes hundreds of such records (one RuleRun per rule, a Location and a Finding per finding).
`quick_init` gives the class an `__init__` with the same signature that calls each slot's own
descriptor instead; the instance is the same, and still cannot be changed afterwards.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

__all__ = ["quick_init"]

T = TypeVar("T")


def quick_init(cls: type[T]) -> type[T]:
    """Replace the `__init__` of a frozen slots dataclass by one that sets its slots directly.

    Only for plain records: every field in `__init__`, defaults that are values (no factories), no
    `__post_init__`; anything else keeps the dataclass's own `__init__` (a TypeError says which)."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not a frozen slots dataclass")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__")
    namespace: dict[str, Any] = {}
    arguments, body = [], []
    for i, field in enumerate(dataclasses.fields(cls)):  # type: ignore[arg-type]
        if not field.init or field.kw_only or field.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{field.name} is not a plain field")
        namespace[f"_set{i}"] = cls.__dict__[field.name].__set__  # the slot's member descriptor
        if field.default is dataclasses.MISSING:
            arguments.append(field.name)
        else:
            namespace[f"_default{i}"] = field.default
            arguments.append(f"{field.name}=_default{i}")
        body.append(f"    _set{i}(self, {field.name})")
    source = f"def __init__(self, {', '.join(arguments)}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(source, namespace)  # the way dataclasses writes its own __init__
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[method-assign]
    return cls
