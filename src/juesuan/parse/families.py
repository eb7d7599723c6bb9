"""Which layout of the catalogue a disclosure is printed in, told by what it prints.

Every template of the catalogue is scored on the document's own lines: the table titles it prints
(numbering such as 一、 表1： 公开01表 and a unit name before the title allowed), the closing 注
sentences, and the fixed rows of its two-sided tables (a layout that drops 债务还本支出 from its 类
list is told by the rows printed). The department's name, the place and the year play no part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.core.catalogue import TableSpec, Template, catalogue, strip_numbering
from juesuan.core.errors import InputError
from juesuan.core.location import Location
from juesuan.core.text import plain
from juesuan.parse.tables import AMOUNT_CELL, TextLine

__all__ = ["LayoutChoice", "choose_template", "title_key", "unknown_titles"]

# 表1： 表 1. 附表2 公开01表 before a title
_TABLE_NUMBER = re.compile(r"^(?:附?表\s*\d{1,2}\s*[:：.、]?|公开\s*\d{1,2}\s*表\s*[:：]?)")
_LEADER = re.compile(r"[.·…．]{3,}\s*\d*$")  # a contents line: title……12


def title_key(text: str) -> str:
    """A printed title line as the catalogue stores titles: no numbering, spaces, quotes or leaders."""
    return strip_numbering(_TABLE_NUMBER.sub("", _LEADER.sub("", plain(text))))


@dataclass(frozen=True, slots=True)
class LayoutChoice:
    template: Template
    score: float
    notes: tuple[str, ...] = ()


def _titles(spec: TableSpec) -> tuple[str, ...]:
    return tuple(title_key(t) for t in (spec.title, *spec.aliases))


def _title_hit(spec: TableSpec, keys: set[str], tails: list[str]) -> bool:
    """The spec's title is printed on a line of its own, or ends a short line (a unit name before it)."""
    titles = _titles(spec)
    return any(t in keys for t in titles) or any(k.endswith(t) and len(k) - len(t) <= 30
                                                 for t in titles for k in tails)


def _note_hit(spec: TableSpec, notes: str) -> bool:
    return any(title_key(n) in notes for n in (spec.note, *spec.note_variants))


def _rows_share(spec: TableSpec, text: str) -> float:
    """The share of a two-sided table's fixed-row labels that the document prints somewhere."""
    labels = {strip_numbering(r.label) for r in spec.rows}
    return sum(label in text for label in labels) / len(labels) if labels else 1.0


def _score(template: Template, keys: set[str], tails: list[str], notes: str, text: str) -> float:
    score = 0.0
    for spec in template.tables:
        hit = _title_hit(spec, keys, tails) or _note_hit(spec, notes)
        score += 1.0 if hit else -0.5
        if spec.two_sided:
            score += _rows_share(spec, text) - 1.0
    return score


def choose_template(lines: list[TextLine], where: Location, wanted: str | None = None) -> LayoutChoice:
    """The catalogue's layout that fits the document best (or the one `wanted`, if it names one)."""
    templates = catalogue().templates
    if wanted is not None:
        chosen = templates.get(wanted)
        if chosen is None:
            known = "、".join(templates)
            raise InputError(where.at(field="--template"), f"没有表样 {wanted}（可用：{known}）",
                             f"no layout {wanted} (known: {', '.join(templates)})")
        return LayoutChoice(chosen, 0.0, (f"按 --template 指定的表样「{chosen.name}」读取",))
    texts = [title_key(ln.text) for ln in lines]
    keys = {t for t in texts if t}
    tails = [t for t in keys if len(t) <= 60]
    notes = "".join(t for t in texts if t.startswith("注"))
    text = "".join(texts)
    scored = sorted(((_score(t, keys, tails, notes, text), len(t.tables), sum(len(s.rows) for s in t.tables), t)
                     for t in templates.values()), key=lambda x: x[:3], reverse=True)
    best, *rest = scored
    if best[0] <= 0:  # nothing fits: the template every layout varies, not the one that misses least
        base = next(t for t in templates.values() if t.base is None)
        return LayoutChoice(base, best[0], (f"没有与本文件明显吻合的表样，按「{base.name}」读取",))
    notes_out: list[str] = []
    if rest and rest[0][:3] == best[:3]:
        notes_out.append(f"表样「{best[3].name}」与「{rest[0][3].name}」同样吻合，取前者")
    return LayoutChoice(best[3], best[0], tuple(notes_out))


_TITLE_END = re.compile(r"(?:决算表|情况表|明细表|汇总表)$")
# the heading over all the tables (第二部分 …2024年度部门决算表), not a table's title
_TABLES_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分|年度?(?:部门|单位)决算表$")


def unknown_titles(lines: list[TextLine], template: Template) -> list[str]:
    """Table titles the document prints, with amounts below them, that are no table of the layout
    (a table a variant adds): the reader says it did not read them. A title in the contents has
    the next title below it, not amounts."""
    known = [t for spec in template.tables for t in _titles(spec)]
    found: list[str] = []
    for i, line in enumerate(lines):
        key = title_key(line.text)
        if not (4 <= len(key) <= 40 and _TITLE_END.search(key)) or _TABLES_HEADING.search(key) \
                or any(key.endswith(t) for t in known):
            continue
        for following in lines[i + 1:i + 12]:
            if _TITLE_END.search(title_key(following.text)):
                break
            if any(AMOUNT_CELL.match(c) for c in following.cells):
                found.append(" ".join(line.cells))
                break
    return list(dict.fromkeys(found))
