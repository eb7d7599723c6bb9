"""The limits every input is held to, so that no file makes juesuan run for ever or fill memory.

Each limit is far above what a real disclosure needs (a 部门决算 is a few dozen pages and a few
thousand cells) and low enough that a wrong or hostile file is refused in seconds. A user with a
genuine need raises one through the environment: `JUESUAN_LIMIT_PAGES=5000 juesuan check big.pdf`.
docs/cli.md lists them; the message past one names it and says how to raise it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from juesuan.core.errors import InputError
from juesuan.core.location import Location

__all__ = ["LIMITS", "Limit", "check_limit", "limit", "limit_error"]


@dataclass(frozen=True, slots=True)
class Limit:
    """One limit: its name (the environment variable is JUESUAN_LIMIT_<NAME>), its default, and what
    it counts, in Chinese and English."""

    name: str
    default: int
    zh: str
    en: str

    @property
    def variable(self) -> str:
        return f"JUESUAN_LIMIT_{self.name.upper()}"


LIMITS: dict[str, Limit] = {limit.name: limit for limit in (
    Limit("file_mb", 200, "文件大小（MB）", "file size (MB)"),
    Limit("pages", 2000, "页数", "pages"),
    Limit("line_chars", 100_000, "一行的字符数", "characters in one line"),
    Limit("number_chars", 40, "一个数字的字符数", "characters in one number"),
    Limit("nesting", 64, "数据的嵌套层数", "levels of nesting in the data"),
    Limit("rows", 100_000, "一张表或工作表的行数", "rows in one table or sheet"),
    Limit("yaml_nodes", 1_000_000, "YAML 展开别名后的节点数", "YAML nodes once aliases are expanded"),
    Limit("seconds", 600, "一条命令的运行秒数", "seconds one command runs"),
)}


def limit(name: str) -> int:
    """The limit in force: the environment's JUESUAN_LIMIT_<NAME> if it is a positive whole number,
    else the default."""
    spec = LIMITS[name]
    raw = os.environ.get(spec.variable, "").strip()
    return int(raw) if raw.isdigit() and 0 < len(raw) < 19 and int(raw) > 0 else spec.default


def check_limit(name: str, found: int, where: Location) -> None:
    """Refuse `found` if it is past the limit `name`."""
    if found > limit(name):
        raise limit_error(name, found, where)


def limit_error(name: str, found: int | None, where: Location) -> InputError:
    """The error for an input past the limit `name` (by how much, if known), with a message that says
    how to raise it."""
    spec, allowed = LIMITS[name], limit(name)
    zh = f"{spec.zh}超过上限 {allowed}" if found is None else f"{spec.zh}为 {found}，超过上限 {allowed}"
    en = (f"{spec.en}: more than the limit of {allowed}" if found is None
          else f"{spec.en}: {found}, more than the limit of {allowed}")
    return InputError(where, zh, en,
                      f"如确需处理，可设置环境变量 {spec.variable}（例如 {spec.variable}={allowed * 10}）",
                      f"to allow it, set the environment variable {spec.variable} (for example "
                      f"{spec.variable}={allowed * 10})")
