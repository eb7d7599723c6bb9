"""The name list of classification codes: to name a code and to warn about an odd name.

Seeded from published disclosures (data/code_names.yaml, tools/seed_code_names.py) and tagged
with the years each name was seen. It never decides whether a code is allowed: names change by
year and place (domain.md §5.3), so an unknown code or name is at most a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from juesuan.core.datafiles import read_data
from juesuan.core.text import plain

__all__ = ["CodeName", "code_names", "is_known_name", "name_of"]



@dataclass(frozen=True, slots=True)
class CodeName:
    name: str
    years: tuple[int, ...]


def _key(name: str) -> str:
    return plain(name)


@cache
def code_names() -> dict[str, tuple[CodeName, ...]]:
    """Every code seen, with its names and the years each name was seen."""
    raw = read_data("juesuan.core", "code_names.yaml") or {}
    return {
        str(code): tuple(CodeName(str(e["name"]), tuple(int(y) for y in e["years"])) for e in entries)
        for code, entries in raw.items()
    }


def name_of(code: str, year: int | None = None) -> str | None:
    """The name of a code: the one seen in `year` if any, else the latest seen; None if unseen."""
    entries = code_names().get(code)
    if not entries:
        return None
    if year is not None:
        for entry in entries:
            if year in entry.years:
                return entry.name
    return max(entries, key=lambda e: max(e.years)).name


def is_known_name(code: str, name: str) -> bool:
    """True when `name` is a name seen for `code` (brackets and spaces ignored)."""
    keys = _known_keys().get(code, ())
    return name in keys or _key(name) in keys  # a name printed as listed needs no normalising


@cache
def _known_keys() -> dict[str, frozenset[str]]:
    return {code: frozenset(_key(e.name) for e in entries) for code, entries in code_names().items()}
