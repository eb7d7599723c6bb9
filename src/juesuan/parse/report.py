"""A Report from a read document: department, year and layout, the tables, the text, the facts."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from juesuan.core.facts import Assets, Facts, OperatingExpenses, Procurement, ThreePublicCounts
from juesuan.core.location import Location
from juesuan.core.model import GlossaryEntry, NarrativePart, Report, Table, Unit
from juesuan.parse.families import choose_template, unknown_titles
from juesuan.parse.grid import pdf_tables
from juesuan.parse.identity import identify
from juesuan.parse.layout import Document
from juesuan.parse.performance import read_performance
from juesuan.parse.placement import place_by_identities
from juesuan.parse.sources import read_document
from juesuan.parse.tables import AMOUNT_CELL, TextLine, confidence_of, find_tables, text_lines

__all__ = ["Reading", "read_disclosure", "read_report", "report_from_document"]

_PART = re.compile(r"^第([一二三四五六七八九十])部分")
# what a part's title says it holds; the first word found decides (报表说明 before 报表)
_PART_KINDS = (("概况", "overview"), ("决算表", "tables"), ("报表说明", "explanation"), ("决算报表", "tables"),
               ("决算情况", "explanation"), ("绩效", "performance"), ("名词解释", "glossary"))
_GLOSSARY_TERM = re.compile(r"^(?:[一二三四五六七八九十]+、)?(.{2,24}?)[:：]\s*(.+)$")


@dataclass(frozen=True, slots=True)
class Reading:
    """A Report read from a published disclosure, and what the reader noticed on the way."""

    report: Report
    notes: tuple[str, ...] = ()


def _part_kind(title: str) -> str:
    plain = title.replace(" ", "")
    return next((k for word, k in _PART_KINDS if word in plain), "other")


def _part_title(lines: list[TextLine], i: int) -> str:
    """A part heading, with its second line when it wraps (…2025 年度 / 部门决算情况说明)."""
    title = " ".join(lines[i].cells)
    if _part_kind(title) == "other" and i + 1 < len(lines):
        following = lines[i + 1].text
        if len(following) <= 24 and not _HEADING.match(following) and _part_kind(following) != "other":
            title += " ".join(lines[i + 1].cells)
    return title


_NUMERALS = {c: n for n, c in enumerate("一二三四五六七八九十", start=1)}
_TOP = re.compile(r"^([一二三四五六七八九十])、")


def _part_heads(lines: list[TextLine]) -> list[int]:
    """The lines that open the body's parts: its 第X部分 headings, or, in a document without them
    (高等学校: 一、学校概况 … 四、名词解释), the numbered headings 一、二、三 … that name a part.

    The contents list every part heading once; the body repeats them. Body headings start where
    the heading sequence starts over, at 第一部分 or 一、, for the last time."""
    heads = [i for i, ln in enumerate(lines) if _PART.match(ln.text)]
    if heads:
        restarts = [i for i in heads if lines[i].text.startswith("第一部分")]
        return [i for i in heads if i >= restarts[-1]] if restarts else heads
    runs: list[list[int]] = []
    for i, line in enumerate(lines):
        match = _TOP.match(line.text)
        if match is None or len(line.text) > 30 or any(AMOUNT_CELL.match(c) for c in line.cells) \
                or _part_kind(line.text) == "other":
            continue
        number = _NUMERALS[match.group(1)]
        if number == 1:
            runs.append([i])
        elif runs and _NUMERALS[_TOP.match(lines[runs[-1][-1]].text).group(1)] == number - 1:  # type: ignore[union-attr]
            runs[-1].append(i)
    whole = [run for run in runs if len(run) >= 3]
    return whole[-1] if whole else []


def _parts(lines: list[TextLine]) -> list[NarrativePart]:
    """The parts of the document by their headings; the contents come before the first body part."""
    body = _part_heads(lines)
    out: list[NarrativePart] = []
    first = lines[0] if lines else None
    if first is not None and body:
        cover_end = next((i for i, ln in enumerate(lines) if ln.text.startswith("目")), body[0])
        out.append(NarrativePart("cover", "封面", "\n".join(" ".join(ln.cells) for ln in lines[:cover_end]),
                                 first.page))
        if cover_end < body[0]:
            out.append(NarrativePart("contents", "目录",
                                     "\n".join(" ".join(ln.cells) for ln in lines[cover_end:body[0]]),
                                     lines[cover_end].page))
    for n, start in enumerate(body):
        end = body[n + 1] if n + 1 < len(body) else len(lines)
        title = _part_title(lines, start)
        kind = _part_kind(title)
        text = "" if kind == "tables" else _paragraphs(lines[start + 1:end])
        out.append(NarrativePart(kind, title, text, lines[start].page))
    return out


# a numbered heading; 1. and 1、 but not an amount (274.82 万元 continuing the line before)
_HEADING = re.compile(r"^(?:[-•]\s*)?(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d)"
                      r"|第.部分)")
_ENDS = ("。", "；", ";", "：", ":", "！", "？")


def _paragraphs(lines: list[TextLine]) -> str:
    """Lines re-joined into paragraphs: page texts break sentences at the page width."""
    out: list[str] = []
    for line in lines:
        text = " ".join(line.cells)
        if out and not out[-1].endswith(_ENDS) and not _HEADING.match(text):
            out[-1] += text
        else:
            out.append(text)
    return "\n".join(out)


def _glossary(parts: list[NarrativePart]) -> tuple[GlossaryEntry, ...]:
    text = next((p.text for p in parts if p.part == "glossary"), "")
    entries: list[GlossaryEntry] = []
    for line in text.splitlines():
        plain = line.strip().lstrip("- ")
        match = _GLOSSARY_TERM.match(plain)
        if match and not plain.startswith("特别说明"):
            entries.append(GlossaryEntry(match.group(1).strip(), match.group(2).strip()))
        elif entries and plain:
            last = entries[-1]
            entries[-1] = GlossaryEntry(last.term, last.definition + plain)
    return tuple(entries)


def _units(lines: list[TextLine]) -> tuple[Unit, ...]:
    start = next((i for i, ln in enumerate(lines) if "单位名称" in ln.text and "序号" in ln.text), None)
    if start is None:
        return ()
    header = lines[start].text
    # the columns after 单位名称 are 单位性质 and/or 备注, as the header names them (性质 when it is silent)
    fields = [f for f, word in (("nature", "性质"), ("note", "备注")) if word in header] or ["nature"]
    units: list[Unit] = []
    for line in lines[start + 1:start + 40]:
        if not line.cells or not line.cells[0].isdigit():
            if units:
                break
            continue
        rest = line.cells[1:]
        if not rest:
            break
        units.append(Unit(rest[0], **dict(zip(fields, rest[1:], strict=False))))
    return tuple(units)


_SMALL_NUMERALS = {c: n for n, c in enumerate("零一二三四五六七八九十", start=0)} | {"两": 2}


def _int(pattern: str, text: str) -> int | None:
    """A count the pattern's group catches, in digits or in a numeral up to 十 (新购置一辆公车)."""
    match = re.search(pattern, text)
    if match is None:
        return None
    found = next(g for g in match.groups() if g is not None)
    return int(found) if found.isdigit() else _SMALL_NUMERALS.get(found)


def _amount(pattern: str, text: str) -> Decimal | None:
    match = re.search(pattern, text)
    return Decimal(match.group(1).replace(",", "")) if match else None


_WAN = r"([\d,]+(?:\.\d+)?)万元"  # an amount in 万元, as the narrative prints it


def _facts(parts: list[NarrativePart], lines: list[TextLine]) -> Facts:
    """The facts the explanation states in its usual wording (三公 counts, 机关运行经费, 政府采购)."""
    text = re.sub(r"\s+", "", next((p.text for p in parts if p.part == "explanation"), ""))
    if not text:
        return Facts()
    counts = ThreePublicCounts(
        outbound_groups=_int(r"出国(?:（境）|\(境\))?团组(\d+)个", text),
        outbound_people=_int(r"团组\d+个[、,，]累计(\d+)人次", text),
        vehicles_purchased=_int(r"公务用车购置数(\d+)辆"
                                r"|(?:新购置?|购置)(\d+|[一两二三四五六七八九十])辆(?:公车|公务用车)", text),
        vehicles_held=_int(r"保有量为?(\d+)辆", text),
        domestic_reception_batches=_int(r"(?:国内|发生国内)接待(\d+)(?:次|批次)", text),
        domestic_reception_people=_int(r"接待人数共?(\d+)人", text),
        foreign_reception_batches=_int(r"(?:外宾|来访团组)(\d+)(?:批次|个)", text),
        foreign_reception_people=_int(r"(?:外宾\d+批次、|来访外宾)(\d+)人次", text),
    )
    operating = OperatingExpenses(amount=_amount(r"机关运行经费支出" + _WAN, text))
    by_type = {m.group(1): int(m.group(2)) for m in re.finditer(r"([^,，、:：;；]{2,10}用车)(\d+)辆", text)}
    assets = Assets(
        vehicles=_int(r"共有车辆(\d+)辆", text), vehicles_by_type=by_type,
        general_equipment_500k=_int(r"单价50万元(?:（含）|\(含\))?以上通用设备(\d+)台", text),
        special_equipment_1m=_int(r"单价100万元(?:（含）|\(含\))?以上专用设备(\d+)台", text),
        equipment_1m=_int(r"单价100万元(?:（含）|\(含\))?以上设备(?:（不含车辆）|\(不含车辆\))?(\d+)台", text),
    )
    procurement = Procurement(
        total=_amount(r"政府采购(?:支出总额|金额(?:（以合同签订为准）)?为?)" + _WAN, text),
        goods=_amount(r"(?:政府采购货物支出|货物采购金额)" + _WAN, text),
        works=_amount(r"(?:政府采购工程支出|工程采购金额)" + _WAN, text),
        services=_amount(r"(?:政府采购服务支出|服务采购金额)" + _WAN, text),
        sme=_amount(r"授予中小企业合同金额" + _WAN, text),
        small_micro=_amount(r"授予小微企业合同金额" + _WAN, text),
    )
    empty = ThreePublicCounts()
    performance_text = "\n".join(p.text for p in parts if p.part == "performance")
    return Facts(three_public=None if counts == empty else counts,
                 operating_expenses=None if operating.amount is None else operating,
                 procurement=None if procurement == Procurement() else procurement,
                 assets=None if assets == Assets() else assets,
                 performance=read_performance(lines, performance_text) if performance_text else None)


def report_from_document(doc: Document, template_id: str | None = None) -> Reading:
    """Everything the reader can take from a document, as a Report: its kind, department and year
    from what it says, its layout from what it prints (or the one `template_id` names)."""
    where = Location(file=doc.source)
    paged = len(doc.pages) > 1
    lines = text_lines(doc, paged)
    identity = identify(lines, where)
    department, year = identity.department, identity.year
    choice = choose_template(lines, where, template_id)
    template = choice.template
    tables = pdf_tables(doc, template, year)[0] if doc.kind == "pdf" else find_tables(lines, template, year)[0]
    if doc.kind == "pdf" and any(t.unreadable for t in tables.values()):
        tables = _unruled(tables, find_tables(lines, template, year)[0])
    parts = _parts(lines)
    unrecognised = (*(f"表「{t}」（不是表样「{template.name}」的表，未读取）" for t in unknown_titles(lines, template)),
                    *(f"「{p.title}」（不知此部分的内容）" for p in parts if p.part == "other"))
    report = Report(department=department, year=year, template=template.id, tables=tables, money_unit="万元",
                    region=None, units=_units(lines), narrative=tuple(parts), glossary=_glossary(parts),
                    facts=_facts(parts, lines), source=Path(doc.source).name,
                    unrecognised=unrecognised)
    report = place_by_identities(report)
    chosen = () if template_id is not None else (f"表样：{template.name}",)
    return Reading(report, (*doc.notes, *identity.notes, *chosen, *choice.notes))


def _unruled(tables: dict[str, Table], as_text: dict[str, Table]) -> dict[str, Table]:
    """A PDF table found but not read on ruling lines (drawn without rules) is read as text is,
    its words in reading order: its cells come with the text reader's doubts, and it says so."""
    out = dict(tables)
    for kind, table in tables.items():
        text = as_text.get(kind)
        if table.unreadable and text is not None and not text.unreadable and text.rows:
            said = "此表没有表格线，按文字顺序读取，各数所在的列以表头顺序推定"
            out[kind] = replace(text, doubts=(said, *text.doubts), confidence=confidence_of((said, *text.doubts)))
    return out


def read_report(path: Path | str, template_id: str | None = None) -> Report:
    """Read a published disclosure (a PDF, or text extracted from one) into a Report."""
    return read_disclosure(path, template_id).report


def read_disclosure(path: Path | str, template_id: str | None = None) -> Reading:
    """Read a published disclosure into a Report, with the reader's notes."""
    return report_from_document(read_document(path, words=False), template_id)
