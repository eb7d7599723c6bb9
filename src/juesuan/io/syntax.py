"""YAML and JSON as plain data, parsed within the limits: nesting, YAML aliases once expanded (a
"billion laughs" file is refused before it is built), and the length of numbers. Every YAML or JSON
juesuan reads, a data package or a user's side file, is parsed here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from juesuan.core.errors import InputError
from juesuan.core.limits import limit, limit_error
from juesuan.core.location import Location
from juesuan.io.files import read_utf8

__all__ = ["load_json", "load_yaml", "read_yaml_file"]

# libyaml's parser when present (seven times faster on the example, see benchmarks/formats.py), the
# pure-Python one otherwise; both give the same result.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})


def load_yaml(text: str, where: Location) -> Any:
    """YAML text as plain data. Aliases are allowed but their expansion is counted (a "billion
    laughs" file is refused before it is built), and so are nesting and the length of numbers."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_nodes(node, where)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = None if mark is None else mark.line + 1
        col = None if mark is None else mark.column + 1
        raise InputError(where.at(line=line), f"YAML 格式错误（第 {col} 列）：{exc.problem}",
                         f"malformed YAML (column {col}): {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise InputError(where, f"YAML 格式错误：{exc}", f"malformed YAML: {exc}") from None
    finally:
        loader.dispose()


def _check_nodes(root: yaml.Node, where: Location) -> None:
    """Walk the composed document once (iteratively: it may be deep) and refuse it past the limits:
    nodes once every alias is expanded, nesting, and numbers too long to be amounts."""
    size: dict[int, int] = {}  # id(node) → nodes it expands to; a node in progress is absent
    depth: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    most_nodes, most_depth, most_chars = limit("yaml_nodes"), limit("nesting"), limit("number_chars")
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in size:
            continue
        children = _children(node)
        if children_done:
            open_nodes.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in children)
            depth[key] = 1 + max((depth[id(c)] for c in children), default=0)
            if size[key] > most_nodes:
                raise limit_error("yaml_nodes", size[key], where.at(line=node.start_mark.line + 1))
            if depth[key] > most_depth:
                raise limit_error("nesting", depth[key], where.at(line=node.start_mark.line + 1))
            continue
        if isinstance(node, yaml.ScalarNode) and node.tag in _NUMBER_TAGS and len(node.value) > most_chars:
            raise limit_error("number_chars", len(node.value), where.at(line=node.start_mark.line + 1))
        open_nodes.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in open_nodes:
                raise InputError(where.at(line=child.start_mark.line + 1), "YAML 别名引用了包含它自身的节点",
                                 "a YAML alias refers to a node that contains it")
            stack.append((child, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def load_json(text: str, where: Location) -> Any:
    """JSON text as plain data, within the limits of nesting and of the length of numbers; NaN and
    Infinity, which JSON does not have, are refused."""
    most_chars = limit("number_chars")

    def number(kind: type[int] | type[float]) -> Any:
        def parse(digits: str) -> int | float:
            if len(digits) > most_chars:
                raise _TooLong(len(digits))
            return kind(digits)
        return parse

    def constant(name: str) -> float:
        raise _NotFinite(name)

    try:
        data = json.loads(text, parse_int=number(int), parse_float=number(float), parse_constant=constant)
    except json.JSONDecodeError as exc:
        raise InputError(where.at(line=exc.lineno), f"JSON 格式错误（第 {exc.colno} 列）：{exc.msg}",
                         f"malformed JSON (column {exc.colno}): {exc.msg}") from None
    except RecursionError:
        raise limit_error("nesting", None, where) from None
    except _TooLong as exc:
        raise limit_error("number_chars", exc.args[0], where) from None
    except _NotFinite as exc:
        raise InputError(where, f"JSON 中有 {exc.args[0]}，不是有限的数",
                         f"JSON has {exc.args[0]}, which is not a finite number") from None
    _check_depth(data, where)
    return data


class _TooLong(Exception):
    """A number in JSON longer than the limit (its length)."""


class _NotFinite(Exception):
    """NaN or Infinity in JSON (its name)."""


def _check_depth(data: Any, where: Location) -> None:
    most = limit("nesting")
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if level > most:
            raise limit_error("nesting", level, where)
        if isinstance(value, dict):
            stack.extend((v, level + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, level + 1) for v in value)


def read_yaml_file(path: Path) -> Any:
    """A user's own YAML file (a config, a glossary, texts), parsed; a clear error if it is missing,
    malformed or past a limit."""
    return load_yaml(read_utf8(path), Location(file=str(path)))
