"""The errors juesuan raises, and the only ones its API lets out.

- InputError: a file (or a value read from it) that cannot be read; it names the place and what to do.
- OutputError: a file that cannot be written; nothing partial is left behind.
- ArgumentError: a Python call given the wrong kind of argument, or a value the model cannot hold
  (an amount that is not a finite number of sensible size).
"""

from __future__ import annotations

from juesuan.core.location import Location

__all__ = ["ArgumentError", "InputError", "OutputError"]


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


class ArgumentError(TypeError, ValueError):
    """A call given what it cannot take: a wrong type (a TypeError) or a wrong value (a ValueError)."""
