"""A user's file, read safely: one place for missing files, directories, long names, permissions and
the size limit, and for YAML and JSON parsed within the limits (nesting, YAML aliases, numbers).

Every reader of juesuan takes its bytes from `read_input`, and its YAML or JSON from `load_yaml` or
`load_json`, so a hostile or broken file is refused here with its place, whatever reads it.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path
from typing import Any

import yaml

from juesuan.core.errors import InputError
from juesuan.core.limits import check_limit, limit, limit_error
from juesuan.core.location import Location

__all__ = ["check_readable", "load_json", "load_yaml", "read_input", "read_utf8", "read_yaml_file"]

# libyaml's parser when present (seven times faster on the example, see benchmarks/formats.py), the
# pure-Python one otherwise; both give the same result.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})


def _os_error(where: Location, exc: OSError) -> InputError:
    if exc.errno == errno.ENAMETOOLONG:
        return InputError(where, "文件名或路径过长", "the file name or path is too long")
    if exc.errno == errno.EACCES:
        return InputError(where, "没有读取此文件的权限", "no permission to read this file")
    reason = exc.strerror or str(exc)
    return InputError(where, f"无法读取文件（{reason}）", f"cannot read the file ({reason})")


def check_readable(path: Path) -> None:
    """Refuse a path that is missing, a directory, too long a name, or a file past the size limit."""
    where = Location(file=str(path))
    try:
        if not path.exists():
            raise InputError(where, "文件不存在", "file not found")
        if path.is_dir():
            raise InputError(where, "这是一个目录，不是文件", "this is a directory, not a file")
        check_limit("file_mb", -(-path.stat().st_size // (1024 * 1024)), where)
    except OSError as exc:
        raise _os_error(where, exc) from None


def read_input(path: Path) -> bytes:
    """The bytes of a user's file, at most the size limit (a pipe or a device is read only that far)."""
    where = Location(file=str(path))
    cap = limit("file_mb") * 1024 * 1024
    check_readable(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(cap + 1)
    except OSError as exc:
        raise _os_error(where, exc) from None
    if len(data) > cap:
        check_limit("file_mb", len(data) // (1024 * 1024) + 1, where)
    return data


def read_utf8(path: Path) -> str:
    """A data file's text; it must be UTF-8 (a byte-order mark is allowed)."""
    raw = read_input(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(Location(file=str(path)), f"文件不是 UTF-8 编码（第 {exc.start} 字节）",
                         f"file is not UTF-8 (byte {exc.start})",
                         "请以 UTF-8 编码保存后重试", "save it as UTF-8 and retry") from None


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
