"""One error type for input that cannot be read, naming exactly where and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["InputError", "OutputError", "Where", "read_yaml_file"]


@dataclass(frozen=True, slots=True)
class Where:
    """A place in an input: file, then sheet or table, row, column, page and line as known."""

    file: str | None = None
    sheet: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    field: str | None = None
    page: int | None = None
    line: int | None = None

    def render(self, lang: str = "zh") -> str:
        zh = lang != "en"
        parts: list[str] = []
        if self.file:
            parts.append(f"文件 {self.file}" if zh else f"file {self.file}")
        if self.page is not None:
            parts.append(f"第 {self.page} 页" if zh else f"page {self.page}")
        if self.line is not None:
            parts.append(f"第 {self.line} 行" if zh else f"line {self.line}")
        if self.sheet:
            parts.append(f"工作表「{self.sheet}」" if zh else f"sheet '{self.sheet}'")
        if self.table:
            parts.append(f"表「{self.table}」" if zh else f"table '{self.table}'")
        if self.row:
            parts.append(f"行「{self.row}」" if zh else f"row '{self.row}'")
        if self.column:
            parts.append(f"列「{self.column}」" if zh else f"column '{self.column}'")
        if self.field:
            parts.append(f"字段「{self.field}」" if zh else f"field '{self.field}'")
        return ("，" if zh else ", ").join(parts)

    def at(self, **changes: object) -> Where:
        """A copy with some fields changed."""
        from dataclasses import replace

        return replace(self, **changes)  # type: ignore[arg-type]


class InputError(Exception):
    """Input that cannot be read: where, what was expected, what was found, what to do."""

    def __init__(self, where: Where, zh: str, en: str, hint_zh: str = "", hint_en: str = "") -> None:
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
    """An output that could not be written; nothing partial is left behind."""

    def __init__(self, path: str, zh: str, en: str) -> None:
        super().__init__(zh)
        self.path = path
        self.zh = zh
        self.en = en

    def render(self, lang: str = "zh") -> str:
        if lang == "en":
            return f"cannot write {self.path}: {self.en}"
        return f"无法写入 {self.path}：{self.zh}"


def read_yaml_file(path: Path) -> Any:
    """A user's own YAML file (a config, a glossary, texts), parsed; a clear error if it is missing or malformed."""
    import yaml

    where = Where(file=str(path))
    if not path.is_file():
        raise InputError(where, "文件不存在", "file not found")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(where, f"YAML 格式错误：{exc}", f"malformed YAML: {exc}") from None
