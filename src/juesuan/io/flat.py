"""Nested plain values ↔ flat (path, value) pairs, for one-line-per-fact sheets.

Paths look like `performance.projects[0].indicators[2].score`; mapping keys must not contain
`.` or `[` (the facts' keys and 车辆 types do not).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["flatten", "unflatten"]

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def flatten(value: Any, path: str = "") -> list[tuple[str, Any]]:
    """Leaves of a nested dict/list structure with their paths, in order."""
    if isinstance(value, dict):
        out: list[tuple[str, Any]] = []
        for key, item in value.items():
            out += flatten(item, f"{path}.{key}" if path else str(key))
        return out
    if isinstance(value, list):
        return [pair for i, item in enumerate(value) for pair in flatten(item, f"{path}[{i}]")]
    return [(path, value)]


def _steps(path: str) -> list[str | int]:
    steps: list[str | int] = []
    pos = 0
    for match in _STEP.finditer(path):
        if match.start() != pos and path[pos:match.start()] != ".":
            raise ValueError(path)
        steps.append(match[1] if match[1] is not None else int(match[2]))
        pos = match.end()
    if pos != len(path) or not steps:
        raise ValueError(path)
    return steps


def unflatten(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """The nested structure back from (path, value) pairs; raises ValueError for a bad path."""
    root: dict[str, Any] = {}
    for path, value in pairs:
        steps = _steps(path)
        if not isinstance(steps[0], str):
            raise ValueError(path)
        node: Any = root
        for step, following in zip(steps, [*steps[1:], None], strict=True):
            if following is None:
                _put(node, step, value, path)
                break
            child: list[Any] | dict[str, Any] = [] if isinstance(following, int) else {}
            node = _get_or_put(node, step, child, path)
    return root


def _get_or_put(node: Any, step: str | int, child: Any, path: str) -> Any:
    if isinstance(step, int):
        if not isinstance(node, list) or step > len(node):
            raise ValueError(path)
        if step == len(node):
            node.append(child)
        return node[step]
    if not isinstance(node, dict):
        raise ValueError(path)
    return node.setdefault(step, child)


def _put(node: Any, step: str | int, value: Any, path: str) -> None:
    if isinstance(step, int):
        if not isinstance(node, list) or step != len(node):
            raise ValueError(path)
        node.append(value)
    else:
        if not isinstance(node, dict) or step in node:
            raise ValueError(path)
        node[step] = value
