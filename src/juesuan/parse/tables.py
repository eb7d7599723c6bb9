"""Finding the tables in pages of words and reading their rows into the catalogue's keys.

Text sources print every cell (0.00 for zero) in reading order, so a row is read as a sequence of
tokens: a code (whole, or split 类 款 项), label words, 行次, amounts. A table is found by its
closing 注 sentence, which every table of the national template carries; its title (lost in some
extractions) is taken when printed. Nothing is guessed: a row whose amounts do not fill its
columns, or whose label had to be taken from the code list, is recorded as a doubt on the table
and its cells are marked uncertain.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from juesuan.core.amounts import AmountError, read_amount
from juesuan.core.catalogue import ColumnSpec, RowSpec, TableSpec, Template, catalogue, strip_numbering
from juesuan.core.codes import is_valid
from juesuan.core.model import BLANK, Cell, CellKind, Provenance, Row, Table
from juesuan.core.names import is_known_name, name_of
from juesuan.core.text import plain, spaceless
from juesuan.parse.layout import Document

__all__ = ["RowDraft", "TextLine", "as_read", "build_table", "confidence_of", "find_tables", "fix_label",
           "match_fixed", "read_cell", "row_doubt", "text_lines"]

# shared with the PDF grid reader (parse/grid.py): one notion of an amount, a code, a 无数据 sentence
# an amount as printed: with its decimals, or a lone 0 (no code, 行次 or 栏次 is 0)
AMOUNT_CELL = re.compile(r"^-?\d{1,3}(?:,\s?\d{3})*(?:\.\s?\d+)$|^-?\d+\.\s?\d+$|^0$")
_ROW_NUMBER = re.compile(r"^\d{1,2}$")
CODE_CELL = re.compile(r"^\d{2,3}$|^\d{5}$|^\d{7}$")
_NOTE = re.compile(r"^\s*注\s*[:：]")
EMPTY_STATEMENT = re.compile(r"无发生额|故本表无数据|本年度没有.*故本表")


@dataclass(frozen=True, slots=True)
class TextLine:
    """A line as the table reader sees it: its cells (tab- or space-separated), their text joined,
    and where it is."""

    page: int | None
    number: int
    cells: tuple[str, ...]
    text: str = ""


def text_lines(doc: Document, paged: bool) -> list[TextLine]:
    """Every line of a text document as cells: split at tabs when the line has tabs, else at spaces."""
    out: list[TextLine] = []
    for page in doc.pages:
        for number, raw in enumerate(page.text.strip("\n").splitlines(), start=1):
            if not raw.strip():
                continue
            # split() drops spaces and empty parts itself; tab-separated cells keep their inner spaces
            cells = tuple(c for p in raw.split("\t") if (c := p.strip())) if "\t" in raw else tuple(raw.split())
            if cells:
                out.append(TextLine(page.number if paged else None, number, cells, "".join(cells)))
    return out


def _amount(cell: str) -> bool:
    return bool(AMOUNT_CELL.match(cell))


def read_cell(cell: str, provenance: Provenance | None = None, uncertain: str | None = None) -> Cell:
    """A printed cell as an amount, a blank (a dash or nothing) or words, never coerced."""
    try:
        value = read_amount(cell)
    except AmountError:
        return Cell(CellKind.TEXT, text=cell, provenance=provenance, uncertain=uncertain)
    if value is None:
        return BLANK if provenance is None and uncertain is None else \
            Cell(CellKind.BLANK, provenance=provenance, uncertain=uncertain)
    return Cell(CellKind.AMOUNT, amount=value, provenance=provenance, uncertain=uncertain)


@dataclass
class RowDraft:
    """A row as read, before it becomes a Row: amounts are the printed texts (None: a blank cell)."""

    label: str = ""
    key: str | None = None
    code: str | None = None
    side: str | None = None
    line: int | None = None
    amounts: list[tuple[str | None, Provenance]] = field(default_factory=list)
    # The column key of each amount, found by its printed header (None: a column the layout lacks);
    # None when the amounts go to the layout's columns in order. `unplaced` says why a column of the
    # layout that no printed header named is uncertain rather than blank.
    columns: tuple[str | None, ...] | None = None
    unplaced: str | None = None


def _split_code(cells: tuple[str, ...], start: int) -> tuple[str | None, int]:
    """A code at `start`, whole (2010301) or split over cells (201 06 01, 301 01)."""
    if start >= len(cells) or not CODE_CELL.match(cells[start]):
        return None, start
    code, i = cells[start], start + 1
    while len(code) in (3, 5) and i < len(cells) and re.fullmatch(r"\d{2}", cells[i]):
        code, i = code + cells[i], i + 1
    return (code, i) if is_valid(code) else (None, start)


# ------------------------------------------------------------------ regions


@dataclass
class Region:
    """The lines of one table, from after the previous table to its closing 注."""

    spec: TableSpec
    lines: list[TextLine]
    note: str
    statement: str | None = None
    title: str | None = None


def _note_kind(text: str, template: Template) -> TableSpec | None:
    printed = plain(text)
    for spec in template.tables:
        for note in (spec.note, *spec.note_variants):
            if plain(note) in printed:
                return spec
    return None


def regions(lines: list[TextLine], template: Template) -> list[Region]:
    """Tables in the order printed: a title or a header line opens one, its closing 注 names and ends it.

    The 注 is the surest fingerprint and wins over a title or header guess; a table without a 注
    (many PDFs print none) ends where the next one begins, or at 第三部分.
    """
    found: list[Region] = []
    start = _tables_start(lines)
    # The tables end at the body's 第三部分, after the first amount (the contents list 第三部分 too).
    first_data = next((k for k in range(start, len(lines)) if _has_data(lines[k:k + 1])), len(lines))
    stop = next((k for k in range(first_data, len(lines)) if lines[k].text.startswith("第三部分")), len(lines))
    current: TableSpec | None = None
    opened_by_title = False
    i = start
    while i < stop:
        line = lines[i]
        spec = _note_kind(line.text, template) if line.text.startswith("注") else None
        if spec is not None:
            note, statement, i = _closing(lines, i)
            found.append(Region(spec, lines[start:i], note, statement, _title(lines[start:i], spec)))
            start, current, opened_by_title = i + 1, None, False
            i += 1
            continue
        title = _title_spec(line, template)
        wrapped = None
        if title is None and i + 1 < stop and len(line.text) <= 30:  # a title wrapped onto a second line
            following = lines[i + 1]
            wrapped = _title_spec(TextLine(line.page, line.number, (*line.cells, *following.cells),
                                           line.text + following.text), template)
            title = wrapped
        header = None if title is not None or opened_by_title else _header_spec(line, template, found, current)
        begins = title or header
        if begins is not None and (current is None or begins.kind != current.kind):
            if current is not None and _complete(lines[start:i]):
                found.append(Region(current, lines[start:i], "", _empty_statement(lines[start:i]),
                                    _title(lines[start:i], current)))
                start = i
            current, opened_by_title = begins, title is not None
        i += 2 if wrapped is not None else 1  # the title's second line is no title of its own
    if current is not None and _complete(lines[start:stop]):
        found.append(Region(current, lines[start:stop], "", _empty_statement(lines[start:stop]),
                            _title(lines[start:stop], current)))
    return found


_TABLE_WORDS = re.compile(r"单位[:：]|栏次|科目编码")


def _complete(lines: list[TextLine]) -> bool:
    """A region that holds a table: amounts, the statement that it has none, or a table's header
    words (a table whose numbers the text lost is there, and said to be unreadable); the titles of
    the contents have none of them below."""
    return _has_data(lines) or _empty_statement(lines) is not None or any(_TABLE_WORDS.search(ln.text) for ln in lines)


def _closing(lines: list[TextLine], i: int) -> tuple[str, str | None, int]:
    """The 注 at line i, the table's "no data" statement if any, and the last line they take."""
    note = re.sub(r"^\s*注\s*[:：]\s*", "", " ".join(lines[i].cells))
    statement = None
    if EMPTY_STATEMENT.search(plain(lines[i].text)):  # "…支出情况。本表本年度无发生额。" in the 注 itself
        statement = "本表本年度无发生额"
        note = note.replace("本表本年度无发生额。", "").strip()
    # or on one of the next two lines ("本表本年度无发生额。", "说明：…故本表无数据。")
    following = next((k for k in range(i + 1, min(i + 3, len(lines))) if EMPTY_STATEMENT.search(plain(lines[k].text))),
                     None)
    if following is not None:
        said = "".join(lines[following].cells)
        statement = re.sub(r"^\s*说明\s*[:：]\s*", "", said).rstrip("。") if "说明" in said else "本表本年度无发生额"
        i = following
    return note, statement, i


def _empty_statement(lines: list[TextLine]) -> str | None:
    said = next((ln for ln in lines if EMPTY_STATEMENT.search(plain(ln.text))), None)
    return None if said is None else re.sub(r"^\s*(说明|注)\s*[:：]\s*", "", "".join(said.cells)).rstrip("。")


def _has_data(lines: list[TextLine]) -> bool:
    return any(_amount(c) for line in lines for c in line.cells)


_HEADERS: dict[str, tuple[frozenset[str], int]] = {}


def _headers(spec: TableSpec) -> tuple[frozenset[str], int]:
    """The last header level of each column (and its variants), and how many distinct headers there are."""
    if spec.id not in _HEADERS:
        heads = frozenset(plain(h.split("/")[-1]) for c in spec.columns for h in (c.header, *c.variants))
        _HEADERS[spec.id] = (heads, len({c.header.split("/")[-1] for c in spec.columns}))
    return _HEADERS[spec.id]


_TITLES: dict[str, dict[str, TableSpec]] = {}


def _title_spec(line: TextLine, template: Template) -> TableSpec | None:
    """A line that is a table's title and nothing else."""
    if template.id not in _TITLES:
        _TITLES[template.id] = {plain(t): s for s in reversed(template.tables) for t in (s.title, *s.aliases)}
    text = line.text
    if len(text) > 40:  # titles are short; most lines are not worth normalising
        return None
    return _TITLES[template.id].get(strip_numbering(plain(text)))


def _header_spec(line: TextLine, template: Template, found: list[Region],
                 current: TableSpec | None) -> TableSpec | None:
    """A header line naming most columns of a table whose title was lost (广州 T5, T6)."""
    if len(line.cells) < 2 or any(_amount(c) for c in line.cells):  # a data line, as most are
        return None
    cells = {plain(c) for c in line.cells}
    if len(cells) < 2:
        return None
    scored = []
    for spec in template.tables:
        heads, distinct = _headers(spec)
        hits = len(heads & cells)
        if hits >= 2:
            scored.append((hits, hits / distinct, spec))
    if not scored:
        return None
    best = max(scored, key=lambda x: x[:2])
    ties = [s for h, f, s in scored if (h, f) == best[:2]]
    if current is not None and current in ties:
        return current  # the same table's header, repeated on a continuation page
    done = {r.spec.kind for r in found}
    return next((s for s in ties if s.kind not in done), ties[0])


def _tables_start(lines: list[TextLine]) -> int:
    """The line where the tables begin: the last 第二部分 heading before the first closing 注."""
    first_note = next((i for i, ln in enumerate(lines) if _NOTE.match(ln.text)), len(lines))
    heads = [i for i, ln in enumerate(lines[:first_note]) if re.match(r"^第二部分", ln.text)]
    return heads[-1] + 1 if heads else 0


def _title(body: list[TextLine], spec: TableSpec) -> str | None:
    wanted = {plain(t) for t in (spec.title, *spec.aliases)}
    for line in body[:12]:
        text = plain(line.text)
        if text in wanted:
            return " ".join(line.cells)
        if any(text.endswith(t) and len(text) - len(t) < 30 for t in wanted) and "部门决算表" not in text:
            return next(t for t in (spec.title, *spec.aliases) if text.endswith(plain(t)))
    return None


# ------------------------------------------------------------------ rows


def _data_lines(region: Region) -> Iterator[TextLine]:
    for line in region.lines:
        if "栏次" in line.text or "栏 次" in " ".join(line.cells):
            continue
        yield line


def _classified(region: Region, year: int, doubts: list[str]) -> tuple[list[RowDraft], int]:
    """Rows of a table classified by code (T2, T3, T5, T8, T9 and the two sides of T6), and how
    many amounts were those of a row printed again."""
    spec = region.spec
    rows: list[RowDraft] = []
    current: RowDraft | None = None
    fixed = {strip_numbering(r.label): r for r in spec.rows}
    for line in _heads_before_codes(list(_data_lines(region))):
        cells = line.cells
        where = _where(line)  # one Provenance for every cell of the line
        amount_after = [False] * (len(cells) + 1)  # an amount is printed after cell i (one pass, not one per cell)
        for k in range(len(cells) - 1, -1, -1):
            amount_after[k] = amount_after[k + 1] or _amount(cells[k])
        i = 0
        while i < len(cells):
            code, j = _split_code(cells, i)
            if code is not None:
                current = RowDraft(code=code, side=spec.side_of_code(code))
                rows.append(current)
                i = j
                continue
            cell = cells[i]
            bare = cell.replace(" ", "")
            if _amount(cell):
                if current is not None:
                    current.amounts.append((cell, where))
            elif bare in fixed and amount_after[i + 1]:
                spec_row = fixed[bare]
                current = RowDraft(label=bare, key=spec_row.key, side=spec_row.side)
                rows.append(current)
            elif bare in ("类", "款", "项") or bare.isdigit():
                pass  # header fragments printed on the 合计 line
            elif current is not None:
                current.label += bare
            i += 1
    # The repeated 合计 of continuation pages (Guangzhou) is the same row printed again.
    seen: dict[str, RowDraft] = {}
    out = []
    repeated = 0
    for row in rows:
        ident = row.key or str(row.code)
        if ident in seen:
            repeated += len(row.amounts)
            if [read_cell(a or "").amount for a, _ in seen[ident].amounts] != \
                    [read_cell(a or "").amount for a, _ in row.amounts]:
                doubts.append(f"行「{row.label or ident}」出现两次且数字不同")
            continue
        seen[ident] = row
        out.append(row)
    for row in out:
        if row.code is not None:
            fix_label(row, year, doubts)
    return out, repeated


def _heads_before_codes(lines: list[TextLine]) -> list[TextLine]:
    """Lines with a label wrapped around its code and amounts made whole: a page text prints the
    head of a long name on the line above ("城乡社区管理事" / "21201 12,029.15 …" / "务"). A line of
    words alone is such a head when the next line is a code followed only by amounts; the tail,
    after the amounts, joins the row by itself. A line of words before a code line that prints a
    name of its own is the tail of the row before ("疗" after "21011 …", before "2101101 行政单位医疗");
    when it was the head of the next after all, the name list mends both (fix_label)."""
    out: list[TextLine] = []
    head: TextLine | None = None  # a line of words alone, waiting to see what follows
    for line in lines:
        code, after = _split_code(line.cells, 0)
        if head is not None and code is not None and after < len(line.cells) and \
                all(_amount(c) for c in line.cells[after:]):
            line = TextLine(line.page, line.number, (*line.cells[:after], *head.cells, *line.cells[after:]), line.text)
        elif head is not None:
            out.append(head)
        head = None
        if all(not _amount(c) for c in line.cells) and code is None:
            head = line
        else:
            out.append(line)
    if head is not None:
        out.append(head)
    return out


def fix_label(row: RowDraft, year: int, doubts: list[str]) -> None:
    """A label torn by the extractor is replaced by the code's name as seen in published tables;
    a whole name that differs from the list (an older or a local name) is kept as printed, for
    the checker's C3 to judge."""
    code = str(row.code)
    label = row.label
    if label and (is_known_name(code, label) or name_of(code) is None):
        return
    known = name_of(code, year)
    if known is None:
        return
    bare = spaceless(known)
    if label and (bare.startswith(label) or label.startswith(bare)):
        # a name cut short, or one that ran on into the head of the next row's name
        row.label = known
        return
    if label and not _torn(label, bare):
        return
    if label:
        doubts.append(f"{code} 的名称「{label}」无法识别（提取时错位），按科目名单取「{known}」")
    row.label = known


def _torn(label: str, known: str) -> bool:
    """A label the extractor tore: a short fragment ("费", "的补助出"), or characters most of which
    are the listed name's, shuffled with a stray one or two ("险机缴关费事支业出单位职业年金缴").
    A name of five characters or more, most of whose characters the listed name lacks, is another
    name (行政事业单位离退休 for 行政事业单位养老支出, 减排专项支出)."""
    if len(label) < 5:
        return True
    left = list(known)
    shared = 0
    for char in label:
        if char in left:
            left.remove(char)
            shared += 1
    return shared >= 0.75 * len(label)


def _names_a_row(spec: TableSpec, label: str) -> bool:
    return match_fixed(spec, label, set(), None) is not None


def _join_wrapped(spec: TableSpec, lines: list[TextLine]) -> list[TextLine]:
    """Lines with a label wrapped by the extractor made whole again: a label's head alone on its
    line, then its amounts, then its tail ("二十二、灾害防治及应急管理支" / "98.23" / "出"), or the
    head, then the tail with the amounts. Only a joined label that names a row is joined."""
    out: list[TextLine] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        head = line.cells[0] if len(line.cells) == 1 else None
        if head is not None and not _amount(head) and not _names_a_row(spec, head) and i + 1 < len(lines):
            following = lines[i + 1].cells
            after = lines[i + 2].cells if i + 2 < len(lines) else ()
            if all(_amount(c) for c in following) and len(after) == 1 and _names_a_row(spec, head + after[0]):
                out.append(TextLine(line.page, line.number, (head + after[0], *following), head + after[0]))
                i += 3
                continue
            if following and _names_a_row(spec, head + following[0]):
                cells = (head + following[0], *following[1:])
                out.append(TextLine(line.page, line.number, cells, "".join(cells)))
                i += 2
                continue
        out.append(line)
        i += 1
    return out


def _fixed(region: Region, doubts: list[str]) -> tuple[list[RowDraft], int]:
    """Rows keyed by label (T1 and T4 on two sides, T7, T10), in the order of the catalogue, and
    how many amounts were those of a row printed again (合计 atop a continuation page)."""
    spec = region.spec
    rows: list[RowDraft] = []
    used: set[str] = set()
    repeated = 0
    first_side = spec.sides[0].key if spec.sides else None
    heads = _headers(spec)[0]
    started = False  # past the header: a line with an amount was read
    for line in _join_wrapped(spec, list(_data_lines(region))):
        current: RowDraft | None = None
        position = 0  # the first label of a line stands on the first side
        cells = line.cells
        where = _where(line)
        # Header cells (一般公共预算财政拨款, 合计) look like labels: above the first amount, a label
        # opens a row only when a number (an amount or its 行次) follows it on the line. Below it, a
        # label printed alone is a row whose cells are all blank (a text that drops blank cells),
        # unless the line names two columns or more: the header printed again on the next page.
        numbered = [False] * len(cells)
        for k in range(len(cells) - 2, -1, -1):  # from the right: is there a number after cell k?
            after = cells[k + 1]
            numbered[k] = numbered[k + 1] or _amount(after) or bool(_ROW_NUMBER.match(spaceless(after)))
        if started and spec.kind != "three_public" and sum(plain(c) in heads for c in cells) < 2:
            numbered = [True] * len(cells)
        started = started or any(_amount(c) for c in cells)
        again = False  # the amounts that follow are those of a row already read
        for k, cell in enumerate(cells):
            bare = cell.replace(" ", "")
            if _amount(cell):
                if current is not None:
                    current.amounts.append((cell, where))
                elif again:
                    repeated += 1
                elif spec.kind == "three_public":
                    current = RowDraft(key="amounts", label="")
                    rows.append(current)
                    current.amounts.append((cell, where))
                continue
            if _ROW_NUMBER.match(bare):
                if current is not None and current.line is None and not current.amounts:
                    current.line = int(bare)
                continue
            if not numbered[k]:
                continue
            match = match_fixed(spec, bare, used, first_side if position == 0 else None)
            if match is None:
                if match_fixed(spec, bare, set(), None) is not None:
                    current, again = None, True
                continue
            again = False
            used.add(match.key)
            current = RowDraft(label=bare, key=match.key, side=match.side)
            rows.append(current)
            position += 1
    if spec.kind == "three_public" and len(rows) > 1:
        doubts.append("找到不止一行“三公”数字")
    return rows, repeated


def match_fixed(spec: TableSpec, label: str, used: set[str], prefer: str | None) -> RowSpec | None:
    bare = strip_numbering(label)
    candidates = [r for r in spec.rows if bare in r.names and r.key not in used]
    if not candidates:
        return None
    preferred = [r for r in candidates if r.side == prefer]
    return (preferred or candidates)[0]


def _printed_layout(region: Region) -> TableSpec:
    """The layout of the region's table kind that its header lines print: the template's own unless
    they plainly print another (a 三公 table printed 预算数 | 决算数 in pairs, or all 预算数 columns
    first). Each column is matched by the last level of its header or a variant, as often as the
    header words are printed."""
    others = [s for s in catalogue().specs_of_kind(region.spec.kind) if s.id != region.spec.id]
    if not others:
        return region.spec
    head = []
    for line in region.lines:
        if _has_data([line]):
            break
        head.append(line)
    printed = Counter(plain(c) for line in head for c in line.cells)

    def fit(spec: TableSpec) -> float:
        left = printed.copy()
        matched = 0
        for column in spec.columns:
            names = [plain(h.split("/")[-1]) for h in (column.header, *column.variants)]
            found = next((n for n in names if left[n] > 0), None)
            if found is not None:
                left[found] -= 1
                matched += 1
        return matched / len(spec.columns)

    best = max(others, key=fit)
    # the title already named the template's layout: only headers that plainly print another one
    # (most of their words the other layout's, few of the template's) make it give way
    return best if fit(region.spec) <= 0.5 and fit(best) >= 0.9 else region.spec


def _table(region: Region, year: int, with_lines: bool) -> Table:
    doubts: list[str] = []
    region = replace(region, spec=_printed_layout(region))
    spec = region.spec
    raw, repeated = _classified(region, year, doubts) if spec.classified_by is not None else _fixed(region, doubts)
    page = region.lines[0].page if region.lines else None
    table = build_table(spec, raw, doubts, with_lines, region.title, region.note or None, region.statement, page)
    pages = tuple(dict.fromkeys(ln.page for ln in region.lines if ln.page is not None and _has_data([ln])))
    # a row printed again (the 合计 of each continuation page) is read once: its repeats are not lost
    printed = sum(_amount(c) for ln in _data_lines(region) for c in ln.cells) - repeated
    table = as_read(table, pages, printed)
    if not table.printed and table.statement is None and not table.rows:
        table = replace(table, confidence=0.0, unreadable="有此表的标题和表头，但没有读到数字")
    return table


def _where(line: TextLine) -> Provenance:
    return Provenance(page=line.page, line=line.number)


def build_table(spec: TableSpec, raw: list[RowDraft], doubts: list[str], with_lines: bool, title: str | None,
                note: str | None, statement: str | None, page: int | None) -> Table:
    """A Table from drafted rows: cells in the spec's column order, doubts kept, confidence set."""
    if spec.sides:  # two-sided tables: the first side's rows, then the second's (as in data packages)
        order = [s.key for s in spec.sides]
        raw.sort(key=lambda r: order.index(r.side) if r.side in order else len(order))
    rows = []
    for item in raw:
        columns = spec.columns_of(item.side)
        if item.columns is not None:
            rows.append(_row(spec, item, with_lines, _cells_by_header(columns, item)))
            continue
        amounts = item.amounts
        uncertain = None
        if any(a is not None for a, _ in amounts) and len(amounts) != len(columns):
            uncertain = f"本行读到 {len(amounts)} 个数，表样有 {len(columns)} 列，无法确定各数所在的列"
        cells: dict[str, Cell] = {}
        for k, column in enumerate(columns):
            text, prov = amounts[k] if k < len(amounts) else (None, None)
            if text is None:
                cells[column.key] = BLANK if uncertain is None else Cell(BLANK.kind, uncertain=uncertain)
                continue
            if uncertain is not None and prov is not None:
                prov = replace(prov, candidates=_candidates(columns, k, len(amounts)))
            cells[column.key] = read_cell(text, prov, uncertain)
        rows.append(_row(spec, item, with_lines, cells))
        if uncertain is not None:
            doubts.append(row_doubt(rows[-1], uncertain))
    confidence = confidence_of(doubts)
    return Table(kind=spec.kind, spec=spec.id, title=title or spec.title, rows=tuple(rows),
                 columns={c.key: c.header for c in spec.columns}, note=note, statement=statement, page=page,
                 confidence=confidence, doubts=tuple(doubts))


def row_doubt(row: Row, reason: str) -> str:
    """A table's doubt about one of its rows."""
    return f"行「{row.label or row.ident}」：{reason}"


def confidence_of(doubts: tuple[str, ...] | list[str]) -> float:
    """A table's confidence: 1 without doubts, a tenth less for each, never below 0.3."""
    return 1.0 if not doubts else max(0.3, 1.0 - 0.1 * len(doubts))


def as_read(table: Table, pages: tuple[int, ...], printed: int) -> Table:
    """The table with where it was read and how many amounts were printed there. A table whose
    place holds amounts of which none went into a cell was found but not read: it says so, and
    no rule runs on it (a partial loss is a doubt, which lowers its confidence)."""
    read = sum(c.kind is CellKind.AMOUNT for r in table.rows for c in r.cells.values())
    pages_said = "、".join(map(str, pages))
    unreadable = None
    doubts = table.doubts
    if printed and not read:
        unreadable = (f"第 {pages_said} 页印有此表的 {printed} 个数字，但行或列无法识别，一个也没有读入"
                      if pages else f"此表印有 {printed} 个数字，但行或列无法识别，一个也没有读入")
    elif read < printed:
        doubts = (*doubts, f"此表印有 {printed} 个数字，读入 {read} 个")
    return replace(table, pages=pages, printed=printed, unreadable=unreadable, doubts=doubts,
                   confidence=0.0 if unreadable else confidence_of(doubts))


def _candidates(columns: tuple[ColumnSpec, ...], k: int, count: int) -> tuple[str, ...]:
    """The columns the k-th of `count` amounts printed in order may belong to: as many columns to
    its right as there are missing amounts (blank cells that vanished), or to its left as there are
    amounts too many."""
    n = len(columns)
    return tuple(c.key for c in columns[max(0, k - max(0, count - n)):min(n, k + max(0, n - count) + 1)])


def _cells_by_header(columns: tuple[ColumnSpec, ...], item: RowDraft) -> dict[str, Cell]:
    """The cells of a row whose amounts were placed by their printed headers."""
    placed = {key: amount for key, amount in zip(item.columns or (), item.amounts, strict=True) if key is not None}
    cells: dict[str, Cell] = {}
    for column in columns:
        if column.key in placed:
            text, prov = placed[column.key]
            cells[column.key] = BLANK if text is None else read_cell(text, prov)
        else:
            cells[column.key] = BLANK if item.unplaced is None else Cell(BLANK.kind, uncertain=item.unplaced)
    return cells


def _row(spec: TableSpec, item: RowDraft, with_lines: bool, cells: dict[str, Cell]) -> Row:
    spec_row = spec.row(item.key) if item.key else None
    label = item.label or (spec_row.label if spec_row else "")
    return Row(label=label, cells=cells, key=item.key, code=item.code, side=item.side,
               line=item.line if with_lines else None)


def find_tables(lines: list[TextLine], template: Template, year: int) -> tuple[dict[str, Table], list[str]]:
    """Every table of the template that the text holds, by kind; and what could not be found."""
    found: dict[str, Table] = {}
    problems: list[str] = []
    for region in regions(lines, template):
        if region.spec.kind in found:
            problems.append(f"「{region.spec.title}」出现两次，只取第一次")
            continue
        found[region.spec.kind] = _table(region, year, template.has_line_numbers)
    ordered = {spec.kind: found[spec.kind] for spec in template.tables if spec.kind in found}
    for spec in template.tables:
        if spec.kind not in found:
            problems.append(f"没有找到「{spec.title}」")
    return ordered, problems

