"""One error type for input that cannot be read, naming exactly where and what to do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from juesuan.core.location import Location

__all__ = ["InputError", "OutputError", "read_yaml_file"]


class InputError(Exception):
    """Input that cannot be read: where, what was expected, what was found, what to do."""

    def __init__(self, where: Location, zh: str, en: str, hint_zh: str = "", hint_en: str = "") -> None:
        super().__init__(zh)
        self.where = where
        self.zh = zh
        self.en = en
        self.hint_zh = hint_zh
        self.hint_en = hint_en

    def render(self, lang: str = "zh") -> str:
        place = self.where.render(lang)
        if lang == "en":
            text = f"{place}: {self.en}" if place else self.en
            return f"{text}. {self.hint_en}" if self.hint_en else text
        text = f"{place}：{self.zh}" if place else self.zh
        return f"{text}。{self.hint_zh}" if self.hint_zh else text

    def __str__(self) -> str:
        return self.render("zh")


class OutputError(Exception):
    """An output that could not be written; nothing partial is left behind. The path "" is standard
    output; `quiet` is a reader that went away (a closed pipe), which needs no message."""

    def __init__(self, path: str, zh: str, en: str, *, quiet: bool = False) -> None:
        super().__init__(zh)
        self.path = path
        self.zh = zh
        self.en = en
        self.quiet = quiet

    def render(self, lang: str = "zh") -> str:
        if lang == "en":
            return f"cannot write {self.path or 'standard output'}: {self.en}"
        return f"无法写入 {self.path or '标准输出'}：{self.zh}"


def read_yaml_file(path: Path) -> Any:
    """A user's own YAML file (a config, a glossary, texts), parsed; a clear error if it is missing or malformed."""
    import yaml

    where = Location(file=str(path))
    if not path.is_file():
        raise InputError(where, "文件不存在", "file not found")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(where, f"YAML 格式错误：{exc}", f"malformed YAML: {exc}") from None
