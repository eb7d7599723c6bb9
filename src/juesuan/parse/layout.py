"""Pages of positioned words: what every source becomes, so that one reader serves them all.

Coordinates are points from the top-left corner of the page (y grows downwards). A text source has
no geometry: its words get character columns as x and line numbers as y, which keeps their order
and their alignment in tab- or space-separated text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import median

__all__ = ["Char", "Document", "Line", "Page", "Word", "lines_from_chars"]


@dataclass(frozen=True, slots=True)
class Char:
    """One character with its box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Word:
    """A run of characters with no gap between them: a label, a number, a header."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Line:
    """Words that share a baseline, left to right; `number` counts from 1 on its page."""

    number: int
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


@dataclass(frozen=True, slots=True)
class Page:
    """One page: its number (from 1), its size, its lines, and its plain text as the source gave it."""

    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    text: str = ""
    # Ruling lines of a PDF page (table borders): y of horizontal rules, x of vertical ones.
    hrules: tuple[tuple[float, float, float], ...] = ()  # (y, x0, x1)
    vrules: tuple[tuple[float, float, float], ...] = ()  # (x, top, bottom)

    @property
    def empty(self) -> bool:
        return not self.lines


@dataclass(frozen=True, slots=True)
class Document:
    """A source read into pages. `kind` is `pdf` or `text`; `notes` say what the reader noticed."""

    source: str
    kind: str
    pages: tuple[Page, ...]
    notes: tuple[str, ...] = field(default=())


def _words_of(chars: list[Char], gap: float) -> list[Word]:
    words: list[Word] = []
    run: list[Char] = []

    def flush() -> None:
        if run:
            words.append(Word("".join(c.text for c in run), min(c.x0 for c in run), min(c.top for c in run),
                              max(c.x1 for c in run), max(c.bottom for c in run)))
            run.clear()

    for char in sorted(chars, key=lambda c: c.x0):
        if char.text.isspace():
            flush()
            continue
        if run and char.x0 - run[-1].x1 > gap:
            flush()
        run.append(char)
    flush()
    return words


def lines_from_chars(chars: Iterable[Char]) -> list[Line]:
    """Group characters into lines (by vertical overlap) and lines into words (by horizontal gaps).

    A gap wider than 0.6 of the typical character height starts a new word: table columns are far
    apart, while the characters of a label or a number are set at most a few points apart.
    """
    visible = [c for c in chars if c.bottom > c.top]
    if not visible:
        return []
    height = median(c.bottom - c.top for c in visible)
    slack = height * 0.2
    rows: list[list[Char]] = []
    top = bottom = 0.0
    for char in sorted(visible, key=lambda c: (c.top + c.bottom, c.x0)):
        middle = (char.top + char.bottom) / 2
        if rows and top - slack <= middle <= bottom + slack:
            rows[-1].append(char)
            top, bottom = min(top, char.top), max(bottom, char.bottom)
            continue
        rows.append([char])
        top, bottom = char.top, char.bottom
    lines: list[Line] = []
    for row in rows:
        words = [w for tier in _tiers(row, height) for w in _words_of(tier, gap=max(1.5, height * 0.6))]
        if words:
            lines.append(Line(len(lines) + 1, tuple(sorted(words, key=lambda w: w.x0))))
    return lines


def _tiers(row: list[Char], height: float) -> list[list[Char]]:
    """The characters of a line by the height they stand at. A table's header line holds cells
    whose names wrap (年初结转和 over 结余) beside cells of one line: the wrapped lines are kept
    apart, so that no word mixes the characters of two of them."""
    tiers: list[list[Char]] = []
    for char in sorted(row, key=lambda c: c.top + c.bottom):
        middle = (char.top + char.bottom) / 2
        if tiers and middle - (tiers[-1][-1].top + tiers[-1][-1].bottom) / 2 <= height * 0.5:
            tiers[-1].append(char)
        else:
            tiers.append([char])
    return tiers
