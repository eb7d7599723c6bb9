"""Tables of a PDF read on their ruling lines: the grid puts every word in its cell.

Published tables are drawn with rules. Bands between horizontal rules are rows (a label wrapped
over two lines, or a code printed at the top of its cell, stays in its row); bands between
vertical rules are columns (a blank cell stays blank in its own column). Column roles come from the
cells: code columns, one label column, then the amount columns of that side. Each amount column
goes to the catalogue's column its printed header names (the header cells above it, however they
span); only when the headers name too few columns do they go in order, with a doubt when their
number differs from the layout's.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, replace

from juesuan.core.catalogue import ColumnSpec, TableSpec, Template, catalogue
from juesuan.core.model import Provenance, Table
from juesuan.core.text import plain
from juesuan.parse.families import title_key
from juesuan.parse.layout import Document, Line, Page, Word
from juesuan.parse.tables import (
    AMOUNT_CELL,
    CODE_CELL,
    EMPTY_STATEMENT,
    RowDraft,
    as_read,
    build_table,
    fix_label,
    match_fixed,
)

__all__ = ["pdf_tables"]



@dataclass(frozen=True, slots=True)
class _Anchor:
    spec: TableSpec
    page: int          # index into doc.pages
    y: float           # bottom of the title line


@dataclass
class _Cell:
    words: list[Word]

    @property
    def text(self) -> str:
        return "".join(w.text for w in self.ordered())

    def ordered(self) -> list[Word]:
        """Words in reading order: visual lines top to bottom (words overlapping vertically share
        a line even when their boxes differ: "一、" and its label), each line left to right."""
        lines: list[list[Word]] = []
        for word in sorted(self.words, key=lambda w: w.middle):
            if lines and abs(word.middle - lines[-1][0].middle) < (word.bottom - word.top) * 0.6:
                lines[-1].append(word)
            else:
                lines.append([word])
        return [w for line in lines for w in sorted(line, key=lambda w: w.x0)]

    def split_code(self) -> tuple[str, str]:
        """A cell holding both a code and a name (columns not ruled apart): (code, name)."""
        words = self.ordered()
        codes = [w.text for w in words if CODE_CELL.match(w.text)]
        names = [w.text for w in words if not CODE_CELL.match(w.text)]
        return "".join(codes), "".join(names)


# a ruled area: rows of cells, the y of its horizontal rules and the x of its column rules
_Grid = tuple[list[list[_Cell]], list[float], list[float]]


_TABLE_WORDS = re.compile(r"单位[:：]|万元|栏次|行次|科目编码|决算数")
_PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分")


def _has_table_below(doc: Document, index: int, y: float, titles: dict[str, TableSpec]) -> bool:
    """Amounts, a table's header words (单位：万元, 栏次 …) or the statement that it has no data,
    between a title line and the next title (on its page, or on the next when the title ends its
    page): a title in the contents (目录) is followed by the next title, or by a part heading."""
    page = doc.pages[index]
    if not any(line.top > y for line in page.lines) and index + 1 < len(doc.pages):
        page, y = doc.pages[index + 1], -1.0
    for line in page.lines:
        if line.top <= y:
            continue
        text = plain(line.text)
        if title_key(line.text) in titles or _PART_HEADING.match(text):
            return False
        if any(AMOUNT_CELL.match(w.text) for w in line.words) or EMPTY_STATEMENT.search(text) \
                or _TABLE_WORDS.search(text):
            return True
    return False


def _titles(template: Template) -> dict[str, TableSpec]:
    """The titles a table of the layout may carry: its own specs' first, then those of the
    catalogue's other specs of the same kinds (a variant's T9 with balances in a national layout)."""
    kinds = set(template.kinds)
    specs = [*template.tables, *(s for s in catalogue().specs.values() if s.kind in kinds)]
    titles: dict[str, TableSpec] = {}
    for spec in specs:
        for title in (spec.title, *spec.aliases):
            titles.setdefault(title_key(title), spec)
    return titles


def _anchors(doc: Document, template: Template) -> tuple[list[_Anchor], tuple[int, float] | None]:
    """Table titles in the body, and where the tables end (the 第三部分 heading).

    A title counts where a table follows it: the contents (目录) list every title too, without
    amounts. The tables end at the first 第三部分 heading after a table.
    """
    titles = _titles(template)
    anchors: list[_Anchor] = []
    for index, page in enumerate(doc.pages):
        taken = -1  # the second line of a wrapped title, read with the first
        for n, line in enumerate(page.lines):
            text = plain(line.text)
            if text.startswith("第三部分") and anchors:
                return anchors, (index, line.top)
            if n == taken:
                continue
            spec, bottom = titles.get(title_key(line.text)), line.bottom
            if spec is None and n + 1 < len(page.lines):  # a title wrapped onto a second line
                following = page.lines[n + 1]
                spec, bottom = titles.get(title_key(line.text) + title_key(following.text)), following.bottom
                taken = n + 1 if spec is not None else taken
            if spec is None or (anchors and anchors[-1].spec.kind == spec.kind):
                continue
            if _has_table_below(doc, index, bottom, titles):
                anchors.append(_Anchor(spec, index, bottom))
    return anchors, None


def _merge(values: list[float], tolerance: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _grid(page: Page, top: float, bottom: float) -> _Grid | None:
    """The cells of the ruled area of a page between top and bottom: rows × columns of words."""
    hs = _merge([y for y, _, _ in page.hrules if top <= y <= bottom])
    if not hs:
        return None
    # The column rules' ends close the grid where a horizontal rule is not drawn: a table continued
    # from the previous page often starts without a top border.
    ends = [(t, b) for _, t, b in page.vrules if top - 2 <= t and b <= bottom + 2 and b > hs[0]]
    if ends and min(t for t, _ in ends) < hs[0] - 3:
        hs.insert(0, min(t for t, _ in ends))
    if ends and max(b for _, b in ends) > hs[-1] + 3:
        hs.append(max(b for _, b in ends))
    if len(hs) < 2:
        return None
    last_band = (hs[-2] + hs[-1]) / 2
    xs = _merge([x for x, t, b in page.vrules if t - 2 <= last_band <= b + 2])
    if len(xs) < 2:
        return None
    rows = [[_Cell([]) for _ in range(len(xs) - 1)] for _ in range(len(hs) - 1)]
    for line in page.lines:
        for word in line.words:
            y, x = word.middle, (word.x0 + word.x1) / 2
            if hs[0] <= y <= hs[-1] and xs[0] <= x <= xs[-1]:  # the first band and column that hold it
                rows[max(0, bisect_left(hs, y) - 1)][max(0, bisect_left(xs, x) - 1)].words.append(word)
    return rows, hs, xs


def _role(texts: list[str]) -> str:
    filled = [t for t in texts if t]
    if not filled:
        return "empty"
    if sum(bool(AMOUNT_CELL.match(t)) for t in filled) * 2 >= len(filled):
        return "amount"
    if sum(bool(CODE_CELL.match(t)) for t in filled) * 2 >= len(filled) or all(t.isdigit() for t in filled):
        return "code"  # classification codes, or 行次 line numbers (1, 2, … 8 on the income side)
    return "label"


def _blocks(roles: list[str]) -> list[list[int]]:
    """Groups of columns, one per side: codes, a label, then amounts (blank columns count as amounts)."""
    blocks: list[list[int]] = []
    previous = None
    for i, role in enumerate(roles):
        starts = role in ("code", "label") and previous not in ("code", "label", None)
        if not blocks or starts:
            blocks.append([])
        blocks[-1].append(i)
        previous = role if role != "empty" else previous
    return blocks


def _column_numbers(row: list[_Cell]) -> bool:
    """The 栏次 row under the headers: 栏次 (once per side) and the column numbers in order, or the
    numbers 1, 2, 3 … alone (the 三公 table)."""
    texts = [c.text for c in row if c.text]
    numbers = [t for t in texts if t not in ("栏次", "行次")]
    if not numbers or not all(t.isdigit() for t in numbers):
        return False
    values = [int(t) for t in numbers]
    if len(numbers) < len(texts):
        return values == sorted(set(values))
    return values == list(range(1, len(values) + 1))


def _numbered(row: list[_Cell]) -> bool:
    """A row with an amount, or a code (alone in its cell or leading a name in it); not the 栏次 row."""
    if _column_numbers(row):
        return False
    return any(AMOUNT_CELL.match(c.text) or any(CODE_CELL.match(w.text) for w in c.words) for c in row)


_HEADER_WORDS = frozenset({"项目", "栏次", "行次", "科目名称", "科目编码"})


def _is_data(row: list[_Cell], spec: TableSpec) -> bool:
    """A data row, not a header repeated at the top of a continuation page."""
    if any(c.text in _HEADER_WORDS for c in row):
        return False
    return _numbered(row) or any(c.text and any(r.matches(c.text) for r in spec.rows) for c in row)


def _drafts(spec: TableSpec, grid: _Grid, page: Page, used: set[str], year: int,
            doubts: list[str], continued: bool, heads: dict[tuple[int, str | None], _Heads]) -> list[RowDraft]:
    # Header rows come before the first row with an amount or a code (on a continuation page the
    # grid may start with data straight away); a data row may be all blank (二、外交支出 with no amount).
    rows = grid[0]
    first = next((i for i, r in enumerate(rows) if _numbered(r)), None)
    if first is None:  # an empty table still prints its 合计 row
        first = next((i for i, r in enumerate(rows) if any(c.text == "合计" for c in r)), None)
        if first is None:
            return []
    if continued:
        first = next((i for i, r in enumerate(rows) if _is_data(r, spec)), first)
    data = [r for r in rows[first:] if not _column_numbers(r)]
    roles = [_role([r[i].text for r in data]) for i in range(len(data[0]))]
    blocks = _blocks(roles)
    paths = _header_paths(page, grid, first)
    settled: set[tuple[int, str | None]] = set()  # sides whose headers this page has settled
    sides: list[str | None] = [s.key for s in spec.sides] or [None]
    drafts: list[RowDraft] = []
    for row in data:
        for b, columns in enumerate(blocks):
            side = sides[min(b, len(sides) - 1)]
            code = "".join(row[i].text for i in columns if roles[i] == "code" and row[i].text.isdigit())
            label = "".join(row[i].text for i in columns if roles[i] == "label")
            if spec.classified_by is not None and not code:
                parts = [row[i].split_code() for i in columns if roles[i] == "label"]
                code, label = "".join(c for c, _ in parts), "".join(n for _, n in parts)
            # amounts follow the code and label; an empty column before them is a code column with
            # nothing in it on this page (a continuation page where one side has run out)
            named = [i for i in columns if roles[i] in ("code", "label")]
            amount_columns = [i for i in columns if roles[i] in ("amount", "empty") and (not named or i > named[0])]
            amounts = [(row[i].text or None, _provenance(page, row[i])) for i in amount_columns]
            if not code and not label and not any(a for a, _ in amounts):
                continue
            draft = _draft(spec, code, label, amounts, side, used)
            if draft is None:
                if label or code:
                    doubts.append(f"第 {page.number} 页：无法识别的行「{code}{label}」")
                continue
            if draft.code is not None:
                fix_label(draft, year, doubts)
            # the headers of this page, or, on a page that prints none, those of the pages before
            side_key = (b, draft.side)
            if side_key not in settled and (any(paths[i] for i in amount_columns) or side_key not in heads):
                heads[side_key] = _placed(spec, draft.side, [paths[i] for i in amount_columns], page, doubts)
            settled.add(side_key)
            known = heads[side_key]
            if known.keys is not None and len(known.keys) == len(amounts):
                draft.columns, draft.unplaced = known.keys, known.unplaced
            elif len(amounts) != len(spec.columns_of(draft.side)):
                doubts.append(f"第 {page.number} 页「{label or code}」：有 {len(amounts)} 个数字列，"
                              f"表样为 {len(spec.columns_of(draft.side))} 列")
            drafts.append(draft)
    return drafts


# ------------------------------------------------------------------ columns by their headers

def _ruled_across(page: Page, y: float, x: float) -> bool:
    """A horizontal rule at y passes through x: the header cells above and below are two cells."""
    return any(abs(hy - y) <= 1.5 and x0 - 1 <= x <= x1 + 1 for hy, x0, x1 in page.hrules)


def _span(page: Page, y: float, x: float) -> tuple[float, float]:
    """The cell of a header band holding x: between the column rules that cross the band at y."""
    rules = _merge([rx for rx, top, bottom in page.vrules if top - 2 <= y <= bottom + 2])
    left = max((r for r in rules if r <= x), default=-1.0)
    right = min((r for r in rules if r >= x), default=page.width + 1)
    return left, right


def _header_paths(page: Page, grid: _Grid, bands: int) -> list[tuple[str, ...]]:
    """For each column of the grid, the header cells above its first data row, top to bottom.

    A header cell spans the columns between the rules that cross its band (一般公共预算财政拨款
    over 合计, 基本支出, 项目支出) and the bands between the rules drawn through it (a name that
    wraps over three bands stays one header)."""
    rows, hs, xs = grid
    words = [w for line in page.lines for w in line.words if bands and hs[0] <= w.middle <= hs[bands]]
    numbers = [k for k in range(bands) if _column_numbers(rows[k])]  # the 栏次 row names no column
    words = [w for w in words if not any(hs[k] <= w.middle <= hs[k + 1] for k in numbers)]
    paths: list[tuple[str, ...]] = []
    for i in range(len(xs) - 1):
        x = (xs[i] + xs[i + 1]) / 2
        path: list[str] = []
        cell: list[Word] = []
        for k in range(bands):
            top, bottom = hs[k], hs[k + 1]
            if k and _ruled_across(page, top, x):
                path.append(_Cell(cell).text)
                cell = []
            left, right = _span(page, (top + bottom) / 2, x)
            cell += [w for w in words if top <= w.middle <= bottom and left <= (w.x0 + w.x1) / 2 <= right]
        path.append(_Cell(cell).text)
        paths.append(tuple(t for t in path if t))
    return paths


def _fits(column: ColumnSpec, path: tuple[str, ...]) -> int:
    """How many levels of a column's header (or of one of its variants) the printed header path
    shows: the last level as the last printed cell, the others above it in order; 0 when it does not."""
    printed = [plain(p) for p in path]
    best = 0
    for header in (column.header, *column.variants):
        levels = [plain(h) for h in header.split("/")]
        if not printed or printed[-1] != levels[-1]:
            continue
        above = iter(printed[:-1])
        if all(level in above for level in levels[:-1]):  # a subsequence: extra printed levels allowed
            best = max(best, len(levels))
    return best


@dataclass(frozen=True, slots=True)
class _Heads:
    """Where a side's printed amount columns go: a column key each (None: not a column of the
    layout), or None when the headers do not settle it and the columns go in order."""

    keys: tuple[str | None, ...] | None
    unplaced: str | None = None


def _placed(spec: TableSpec, side: str | None, paths: list[tuple[str, ...]], page: Page,
            doubts: list[str]) -> _Heads:
    """The layout's column for each printed amount column, by its header. Used only when the
    headers name most columns, each a different one; a printed column the layout lacks is kept out
    (its amounts are not read, and the layout's columns no header named become uncertain)."""
    columns = spec.columns_of(side)
    keys: list[str | None] = []
    for path in paths:
        scores = [(_fits(c, path), c.key) for c in columns]
        best = max((score for score, _ in scores), default=0)
        chosen = [key for score, key in scores if score == best and best > 0]
        keys.append(chosen[0] if len(chosen) == 1 else None)
    named = [k for k in keys if k is not None]
    if not named or len(named) != len(set(named)) or 2 * len(named) < len(paths):
        return _Heads(None)
    unknown = ["/".join(p) or "（无表头）" for p, k in zip(paths, keys, strict=True) if k is None]
    if not unknown:
        return _Heads(tuple(keys))
    said = "、".join(f"「{u}」" for u in unknown)
    doubts.append(f"第 {page.number} 页：列{said}不是表样「{spec.title}」的列，其数未读入")
    return _Heads(tuple(keys), f"第 {page.number} 页有未识别的列{said}，此列的数可能在其中")


def _draft(spec: TableSpec, code: str, label: str, amounts: list[tuple[str | None, Provenance]], side: str | None,
           used: set[str]) -> RowDraft | None:
    if spec.kind == "three_public" and not label and not code:
        return RowDraft(key="amounts", amounts=amounts)
    if code and spec.classified_by is not None:
        return RowDraft(label=label, code=code, side=spec.side_of_code(code), amounts=amounts)
    if not label:
        return None
    match = match_fixed(spec, label, used, side)
    if match is None:
        return None
    used.add(match.key)
    return RowDraft(label=label, key=match.key, side=match.side, amounts=amounts)


def _provenance(page: Page, cell: _Cell) -> Provenance:
    if not cell.words:
        return Provenance(page=page.number)
    box = (min(w.x0 for w in cell.words), min(w.top for w in cell.words), max(w.x1 for w in cell.words),
           max(w.bottom for w in cell.words))
    return Provenance(page=page.number, box=tuple(round(v, 1) for v in box))  # type: ignore[arg-type]


def _extent(doc: Document, anchor: _Anchor, stop: tuple[int, float]) -> Iterator[tuple[Page, Line]]:
    """The lines printed where a table stands: below its title, above the next title (or the end)."""
    for index in range(anchor.page, stop[0] + 1):
        page = doc.pages[index]
        for line in page.lines:
            if (index == anchor.page and line.top < anchor.y) or (index == stop[0] and line.top >= stop[1]):
                continue
            yield page, line


def _statement(lines: list[tuple[Page, Line]]) -> str | None:
    """The 本表本年度无发生额 sentence printed with the table: a table of zeros may carry it as well
    as an empty one."""
    for _, line in lines:
        if EMPTY_STATEMENT.search(plain(line.text)):
            return re.sub(r"^注[:：]", "", "".join(w.text for w in line.words))
    return None


def _amounts_on(page: Page, top: float, bottom: float) -> int:
    """Amounts printed on a page between top and bottom, for a table drawn without rules."""
    return sum(bool(AMOUNT_CELL.match(w.text)) for line in page.lines if top <= line.top < bottom
               for w in line.words)


def _amount_headers(grid: _Grid, page: Page) -> list[tuple[str, ...]]:
    """The printed header path of each amount column of a grid (none when it has no numbered row)."""
    rows = grid[0]
    first = next((i for i, r in enumerate(rows) if _numbered(r)), None)
    if not first:
        return []
    paths = _header_paths(page, grid, first)
    data = [r for r in rows[first:] if not _column_numbers(r)]
    return [paths[i] for i in range(len(data[0])) if _role([r[i].text for r in data]) == "amount" and paths[i]]


def _header_fit(spec: TableSpec, headers: list[tuple[str, ...]]) -> int:
    """How well a spec's columns fit the amount columns printed: those whose header names one of
    its columns, less those whose header names none."""
    fitting = sum(any(_fits(c, path) for c in spec.columns) for path in headers)
    return fitting - (len(headers) - fitting)


def _printed_layout(spec: TableSpec, grid: _Grid, page: Page) -> TableSpec:
    """The spec of the table's kind whose columns its printed headers name best: the layout's own
    unless another layout of that table fits better (a 三公 table printed in the national order)."""
    others = [s for s in catalogue().specs_of_kind(spec.kind) if s.id != spec.id]
    if not others:
        return spec
    headers = _amount_headers(grid, page)
    fits = [(_header_fit(s, headers), -n, s) for n, s in enumerate([spec, *others])]
    return max(fits, key=lambda f: f[:2])[2]


def pdf_tables(doc: Document, template: Template, year: int) -> tuple[dict[str, Table], list[str]]:
    """Every titled table of the template found in a PDF, read on its grid, in the layout of that
    table its headers name."""
    anchors, end = _anchors(doc, template)
    found: dict[str, Table] = {}
    problems: list[str] = []
    for n, titled in enumerate(anchors):
        stop = (anchors[n + 1].page, anchors[n + 1].y - 30) if n + 1 < len(anchors) else \
            (end or (len(doc.pages) - 1, doc.pages[-1].height))
        grids: list[tuple[int, Page, _Grid]] = []  # the ruled area of each page the table stands on
        for index in range(titled.page, stop[0] + 1):
            page = doc.pages[index]
            grid = _grid(page, titled.y if index == titled.page else 0.0, stop[1] if index == stop[0] else page.height)
            if grid is not None:
                grids.append((index, page, grid))
        spec = _printed_layout(titled.spec, grids[0][2], grids[0][1]) if grids else titled.spec
        anchor = _Anchor(spec, titled.page, titled.y)
        doubts: list[str] = []
        drafts: list[RowDraft] = []
        used: set[str] = set()
        heads: dict[tuple[int, str | None], _Heads] = {}  # what the headers said, for pages printing none
        printed: dict[int, int] = {}  # page number → amounts printed in the table's grid there
        for index, page, grid in grids:
            drafts += _drafts(anchor.spec, grid, page, used, year, doubts, index != anchor.page, heads)
            printed[page.number] = sum(bool(AMOUNT_CELL.match(c.text)) for row in grid[0] for c in row)
        ruled = bool(printed)  # a grid was drawn on some page
        if not any(printed.values()):  # no amount in a grid: what is printed below the title on its page
            page = doc.pages[anchor.page]
            printed = {page.number: _amounts_on(page, anchor.y, stop[1] if stop[0] == anchor.page else page.height)}
        table = build_table(anchor.spec, drafts, doubts, template.has_line_numbers, anchor.spec.title, None,
                            _statement(list(_extent(doc, anchor, stop))), doc.pages[anchor.page].number)
        table = as_read(table, tuple(p for p, n in printed.items() if n), sum(printed.values()))
        if not ruled and not table.printed and table.statement is None:
            # a title and its header words, but no grid, no amount and no "no data" statement: the
            # table is there but not as text (a picture, a scan)
            table = replace(table, confidence=0.0, unreadable=f"第 {table.page} 页有此表的标题，但没有读到表格和数字，"
                                                              "表格可能是图片")
        found[anchor.spec.kind] = table
    for kind_spec in template.tables:
        if kind_spec.kind not in found:
            problems.append(f"没有找到「{kind_spec.title}」")
    return {s.kind: found[s.kind] for s in template.tables if s.kind in found}, problems
