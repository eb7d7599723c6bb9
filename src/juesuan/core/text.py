"""Text as juesuan compares it: one normalisation for the reader, the claims, the names and the glossary.

Published Chinese text mixes full-width and ASCII marks (（）and (), “” and ", ：and :), spaces
inside words where a line or a cell wrapped, and CJK radicals where an extractor mapped a glyph to
the wrong code point. Everything compared — a title, a header, a label, a sentence, a term — goes
through `plain` (or, where only the spaces differ, `spaceless`), on both sides of the comparison.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["plain", "plain_glyphs", "plain_lines", "spaceless", "unquoted"]

# Full-width marks and their ASCII forms (str.replace per pair is many times faster than str.translate
# with a dict on long Chinese text).
_MARKS = (("（", "("), ("）", ")"), ("“", '"'), ("”", '"'), ("％", "%"), ("，", ","), ("：", ":"), ("；", ";"),
          ("‘", "'"), ("’", "'"), ("－", "-"), ("−", "-"))
_QUOTES = re.compile(r"[\"'「」]")

# Kangxi radicals and CJK radical supplements that PDF fonts map some characters to (⼀ for 一,
# ⽀ for 支): each becomes the ideograph it looks like, so that labels match the catalogue.
_RADICALS = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in (*range(0x2E80, 0x2F00), *range(0x2F00, 0x2FE0))
             if unicodedata.normalize("NFKC", chr(cp)) != chr(cp)}
_ANY_RADICAL = re.compile("[\u2e80-\u2fdf]")


def plain_glyphs(text: str) -> str:
    """Text with CJK radical code points replaced by the ideographs they stand for."""
    return text.translate(_RADICALS) if _ANY_RADICAL.search(text) else text


def spaceless(text: str) -> str:
    """The text without whitespace (spaces, ideographic spaces, tabs, line breaks)."""
    return "".join(text.split())


def _marks(text: str) -> str:
    for wide, narrow in _MARKS:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


def plain(text: str) -> str:
    """The text as compared: no whitespace, one form of brackets, quotes, colons and punctuation."""
    return spaceless(_marks(text))


def plain_lines(text: str) -> list[str]:
    """`plain` line by line: item i is line i + 1."""
    return [spaceless(line) for line in _marks(text).splitlines()]


def unquoted(text: str) -> str:
    """`plain` without quotation marks (“三公”经费 = "三公"经费 = 三公经费)."""
    return _QUOTES.sub("", plain(text))
