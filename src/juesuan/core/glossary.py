"""名词解释: the standard library of terms, and the glossary a report's disclosure should carry.

A term belongs in a disclosure when its tables or text use it (a layout without 上级补助收入 does
not explain it). The department's own entries come first in authority: they replace a standard
definition of the same term and add the terms of its own work (数字政府, 12345 热线 …).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from juesuan.core.catalogue import catalogue
from juesuan.core.datafiles import read_data
from juesuan.core.model import GlossaryEntry, Report
from juesuan.core.text import unquoted

__all__ = ["glossary_for", "same_term", "standard_terms"]



def same_term(term: str) -> str:
    """A term as compared: quotes and spaces dropped (“三公”经费 = "三公"经费 = 三公经费)."""
    return unquoted(term)


@cache
def standard_terms() -> tuple[GlossaryEntry, ...]:
    """The library (core/data/glossary.yaml), in the order disclosures print it."""
    return tuple(GlossaryEntry(str(t["term"]), str(t["definition"]))
                 for t in read_data("juesuan.core", "glossary.yaml")["terms"])


def _used_words(report: Report) -> str:
    """Every table title, row label and column header of the report's layout, and its text."""
    words: list[str] = []
    template = catalogue().templates.get(report.template)
    for spec in template.tables if template else ():
        words.append(spec.title)
        words += [c.header for c in spec.columns]
        words += [r.label for r in spec.rows]
    for table in report.tables.values():
        words += [row.label or "" for row in table.rows]
    words += [part.text for part in report.narrative]
    return same_term("\n".join(words))


def glossary_for(report: Report, own: Iterable[GlossaryEntry] | None = None) -> tuple[GlossaryEntry, ...]:
    """The 名词解释 for a report: the standard terms its tables or text use, each replaced by the
    department's own definition where it has one, then the department's other terms in its order.
    `own` defaults to the report's own glossary."""
    own = tuple(report.glossary if own is None else own)
    mine = {same_term(e.term): e for e in own}
    used = _used_words(report)
    standard = [mine.get(same_term(e.term), e) for e in standard_terms()
                if same_term(e.term) in used or same_term(e.term) in mine]
    known = {same_term(e.term) for e in standard_terms()}
    return (*standard, *(e for e in own if same_term(e.term) not in known))
