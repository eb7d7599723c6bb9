"""What a disclosure says it is: its kind (决算 or 预算, 部门 or 单位), its department and its year.

Everything comes from the document itself — the cover, the table titles and headers, the 第X部分
titles — never from a list of known departments or places. A department's name can hold any
words (中共…委…部, …办事处, …项目…中心, 学校); a cover may carry a date line, or be missing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from juesuan.core.errors import InputError
from juesuan.core.location import Location
from juesuan.core.text import spaceless
from juesuan.parse.tables import TextLine

__all__ = ["Identity", "Kind", "identify"]


class Kind(StrEnum):
    DEPARTMENT_FINAL = "部门决算"
    UNIT_FINAL = "单位决算"
    DEPARTMENT_BUDGET = "部门预算"
    UNIT_BUDGET = "单位预算"

    @property
    def final(self) -> bool:
        return self.value.endswith("决算")


@dataclass(frozen=True, slots=True)
class Identity:
    """The kind, department and year a disclosure states, and what its places disagreed on."""

    kind: Kind
    department: str
    year: int
    notes: tuple[str, ...] = ()


# "部门决算" / "单位预算" / "区级部门预算" / "市级单位预算" on a cover or in a heading
_KIND_WORD = re.compile(r"(部门|单位)(决算|预算)")
# A table title names its kind by its last words: 收入支出决算总表, 财政拨款支出预算表
_TITLE_KIND = re.compile(r"(决算|预算)(?:总表|表|明细表|情况表)$")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_DATE_LINE = re.compile(r"^\s*(?:19|20)\d\d\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*$")
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,3}\s*(?:页|/\s*\d{1,3})?[-—–\s]*$")
_CONTENTS = re.compile(r"^目\s*录$")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
# where a document names its department besides the cover: a table header, the 概况 part title
_HEADER_NAME = re.compile(r"^(?:编制|填报)?(?:部门|单位)(?:名称)?[:：]\s*([^\s:：]{2,40}?)(?:\s|单位[:：]|金额单位|$)")
_OVERVIEW = re.compile(r"^第一部分\s*(.{2,40}?)\s*(?:部门)?概况$")
_TABLES_PART = re.compile(r"^第二部分\s*(.{2,40}?)\s*((?:19|20)\d\d)\s*年度?\s*(?:部门|单位)决算表?$")
# words of the cover that are not the name: a region's budget level (区级 市级), the word 公开
_COVER_NOISE = re.compile(r"(?:[区市县省]级)?(?:部门|单位)(?:决算|预算)(?:公开)?|公开$"
                          r"|^(?:预算|决算)(?:主管)?(?:部门|单位)[:：]")


def _cover(lines: list[TextLine]) -> list[TextLine]:
    """The cover: the first page's lines when pages are known, else the lines before the contents
    (目录) or the first part heading — at most eight lines, without date lines and page numbers."""
    if not lines:
        return []
    first_page = lines[0].page
    head: list[TextLine] = []
    for line in lines[:12]:
        text = spaceless(line.text)
        if _CONTENTS.match(text) or text.startswith("目录") or _PART.match(text):
            break
        if first_page is not None and line.page != first_page:
            break
        head.append(line)
    return [ln for ln in head[:8] if not _DATE_LINE.match(ln.text) and not _PAGE_NUMBER.match(ln.text)]


def _kind(cover: str, lines: list[TextLine], where: Location) -> tuple[Kind, list[str]]:
    """The kind the cover states; the table titles decide when it is silent, and overrule it when
    every titled table says the other word."""
    notes: list[str] = []
    titles = Counter(m.group(1) for ln in lines
                     if len(ln.text) <= 60 and (m := _TITLE_KIND.search(spaceless(ln.text))))
    said = _KIND_WORD.findall(cover)
    if said:
        unit, word = said[-1]
    elif titles:
        unit, word = "部门", titles.most_common(1)[0][0]
        notes.append(f"封面没有写明公开类别，按表名判断为{unit}{word}")
    else:
        words = Counter(m.group(2) for ln in lines[:200] for m in _KIND_WORD.finditer(ln.text))
        if not words:
            raise InputError(where, "看不出这是决算公开：封面和表名中都没有“部门决算”“单位决算”或“…决算表”",
                             "this does not read as a final-accounts disclosure: neither the cover nor any "
                             "table title says 部门决算/单位决算 or …决算表")
        unit, word = "部门", words.most_common(1)[0][0]
    other = "预算" if word == "决算" else "决算"
    if titles.get(other, 0) >= 3 and not titles.get(word):
        notes.append(f"封面写“{unit}{word}”，但各表名都是“…{other}表”，按表名判断")
        word = other
    return Kind(unit + word), notes


def _year_of(text: str) -> int | None:
    match = _YEAR.search(text)
    return int(match.group(1)) if match else None


def identify(lines: list[TextLine], where: Location) -> Identity:
    """The kind, department and year of a disclosure; InputError when it is no final accounts, or
    when neither its cover nor its headings name the department or the year."""
    cover_lines = _cover(lines)
    cover = "".join(spaceless(ln.text) for ln in cover_lines)
    kind, notes = _kind(cover, lines, where)
    if not kind.final:
        raise InputError(where, f"这是预算公开（{kind.value}），不是决算公开：juesuan 只读取部门决算和单位决算",
                         f"this is a budget disclosure ({kind.value}), not final accounts: juesuan reads "
                         "departmental and unit final accounts only",
                         "请提供决算公开文件", "provide the final-accounts disclosure")
    texts = [spaceless(ln.text) for ln in lines]
    headers = Counter(m.group(1) for ln in lines if (m := _HEADER_NAME.match(ln.text.strip())))
    parts = [(m.group(1), int(m.group(2))) for t in texts if (m := _TABLES_PART.match(t))]
    overview = [m.group(1) for t in texts if (m := _OVERVIEW.match(t))]

    # the year: the cover's, else the 第二部分 title's, else the most frequent in the table titles
    year = _year_of(cover)
    title_years = Counter(int(m.group(1)) for t in texts
                          if "决算" in t and len(t) <= 60 and (m := re.search(r"((?:19|20)\d\d)\s*年度?", t)))
    if year is None:
        year = parts[-1][1] if parts else (title_years.most_common(1)[0][0] if title_years else None)
        if year is None:
            raise InputError(where, "找不到决算年度：封面、表头和各部分标题都没有写“××××年度”",
                             "no year: neither the cover nor the headings give one")
        notes.append(f"封面没有年度，按标题取 {year} 年度")

    name = _COVER_NOISE.sub("", re.sub(r"(?:19|20)\d\d年度?", "", cover)) if cover_lines else ""
    name = name.strip("：:")
    candidates = [n for n in (name, *overview, *(p for p, _ in parts), *headers) if n]
    if not candidates:
        raise InputError(where, "找不到部门名称：封面、表头（部门：…）和各部分标题都没有写",
                         "no department name on the cover, in a table header or in a part title")
    department = candidates[0]
    if not name:
        notes.append(f"文件没有封面，部门名称按标题取「{department}」")
    others = {n for n in (*overview, *(p for p, _ in parts)) if n and n != department}
    if others:
        notes.append(f"部门名称不一致：封面「{department}」，标题中「{'」「'.join(sorted(others))}」")
    return Identity(kind, department, year, tuple(notes))
