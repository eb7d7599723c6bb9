"""Completeness: every required table and section is there, and names and years agree (§6)."""

from __future__ import annotations

import re

from juesuan.core.facts import ThreePublicCounts
from juesuan.core.findings import Location, Severity
from juesuan.core.model import NarrativePart
from juesuan.core.text import plain, spaceless
from juesuan.rules.catalogue import CompletenessParams, Rule
from juesuan.rules.compare import ByCheck, Evaluator, Tally, record
from juesuan.rules.context import Context, NotApplicable

__all__ = ["COMPLETENESS_EVALUATORS"]

_YEAR = re.compile(r"(?<!\d)(\d{1,5})年度?(?:部门)?决算")
# XX局, ××年, XXX, and the 【请填写…】 the narrative generator leaves where a reason or figure is missing
_PLACEHOLDER = re.compile(r"(?:XX|ＸＸ|xx|××|\*\*|＊＊)(?:局|部门|单位|委|办|处|中心|年)|[X×]{3,}|【请填写[^】]*】")
_PLACEHOLDER_FIRST = "XＸx×*＊【"  # every placeholder starts with one of these
_UNIT_COUNT = re.compile(r"单位共(\d+)个")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")


def check_tables(rule: Rule, ctx: Context, tally: Tally) -> None:
    for spec in ctx.template.tables:
        tally.checks += 1
        table = ctx.report.tables.get(spec.kind)
        if table is None:
            record(tally, rule, Location(table=spec.kind, table_title=spec.title), "missing-table",
                   layout=(ctx.template.name, ctx.template.id))
            continue
        if table.unreadable:
            record(tally, rule, Location(table=spec.kind, table_title=table.title, page=table.page),
                   "unreadable-table", severity=Severity.NEEDS_REVIEW, why=table.unreadable)
            continue
        empty = not any(c.amount for r in table.rows for c in r.cells.values())  # only blanks and zeros
        if empty and not table.statement:
            record(tally, rule, Location(table=spec.kind, table_title=table.title, page=table.page),
                   "empty-table-unmarked")


def _plain(part: NarrativePart) -> str:
    """A part's title and text without spaces (the words searched for have no brackets or quotes)."""
    return spaceless(part.title + "\n" + part.text)


def _text_parts(ctx: Context, *parts: str) -> list[NarrativePart]:
    return [p for p in ctx.report.narrative if p.part in parts]


def check_sections(rule: Rule, ctx: Context, tally: Tally) -> None:
    explanation = _text_parts(ctx, "explanation", "performance")
    if not explanation:
        tally.checks += 1
        record(tally, rule, Location(part="情况说明"), "missing-section", "explanation")
        return
    text = "\n".join(_plain(p) for p in explanation)
    params = rule.params
    assert isinstance(params, CompletenessParams)
    family = params.family_sections.get(ctx.template.id)
    assumed = (f"（按{ctx.template.name}的要求）", f" (as {ctx.template.id} requires)") if family else ("", "")
    for section in family or params.sections:
        tally.checks += 1
        if not any(w in text for w in section.words):
            record(tally, rule, Location(part="情况说明"), "missing-section", "section", section=section.name,
                   assumed=assumed)
    tally.checks += 1
    if not ctx.report.glossary and not _text_parts(ctx, "glossary"):
        record(tally, rule, Location(part="名词解释"), "missing-section", "glossary")


def check_three_public_counts(rule: Rule, ctx: Context, tally: Tally) -> None:
    table = ctx.report.tables.get("three_public")
    counts = ctx.report.facts.three_public or ThreePublicCounts()
    row = table.row("amounts") if table is not None else None

    def spent(column: str) -> bool:
        return row is not None and bool(row.amount(column))

    def need(label: str, wanted: bool, *fields: str) -> None:
        if not wanted:
            return
        tally.checks += 1
        missing = [f for f in fields if getattr(counts, f) is None]
        if missing:
            record(tally, rule, Location(part="“三公”经费说明"), "missing-count", label=label,
                   fields=", ".join(missing))

    need("因公出国（境）团组数与人次", spent("actual_outbound") or counts.outbound_groups is not None,
         "outbound_groups", "outbound_people")
    need("公务用车保有量", spent("actual_vehicle") or counts.vehicles_held is not None, "vehicles_held")
    need("公务用车购置数", spent("actual_vehicle_purchase"), "vehicles_purchased")
    reception_stated = counts.foreign_reception_batches is not None or counts.domestic_reception_batches is not None
    need("国内公务接待批次与人数", spent("actual_reception") or reception_stated,
         "domestic_reception_batches", "domestic_reception_people")
    if tally.checks == 0:
        raise NotApplicable("本年度无“三公”经费支出，也未列相关统计数")


def check_names_and_years(rule: Rule, ctx: Context, tally: Tally) -> None:
    """Every year named with 部门决算 is the report's; the cover and each part title name the department."""
    year, department = ctx.report.year, plain(ctx.report.department)
    lines = [(p.title, plain(p.title)) for p in ctx.report.narrative if p.part not in ("cover", "contents")]
    lines += [(p.title, plain(line)) for p in _text_parts(ctx, "cover", "contents") for line in p.text.splitlines()]
    for part, line in lines:
        for match in _YEAR.finditer(line):
            tally.checks += 1
            found = match.group(1)
            if found != str(year):
                what = "年度缺位" if len(found) != 4 else f"年度为 {found}"
                record(tally, rule, Location(part=part), "wrong-year", line=line, what=what, found=found, year=year)
        if _PART.match(line) and "部门决算" in line and not _PLACEHOLDER.search(line):
            tally.checks += 1
            if department not in line:
                record(tally, rule, Location(part=part), "wrong-department", "heading", line=line,
                       department=ctx.report.department)
    for cover in _text_parts(ctx, "cover"):
        tally.checks += 1
        text = plain(cover.text)
        if department not in text and not _PLACEHOLDER.search(text):
            record(tally, rule, Location(part=cover.title), "wrong-department", "cover",
                   department=ctx.report.department)


def check_placeholders(rule: Rule, ctx: Context, tally: Tally) -> None:
    texts = [(p.title, p.title + "\n" + p.text) for p in ctx.report.narrative]
    texts += [(t.title, t.title) for t in ctx.report.tables.values()]
    for part, text in texts:
        tally.checks += 1
        # Most texts have none of the characters a placeholder starts with: str's own search for each
        # is far cheaper than a pattern's scan over Chinese text, and the spaces need not go first.
        if not any(first in text for first in _PLACEHOLDER_FIRST):
            continue
        for match in _PLACEHOLDER.finditer(spaceless(text)):
            record(tally, rule, Location(part=part), "placeholder", placeholder=match.group(0))


def check_unit_count(rule: Rule, ctx: Context, tally: Tally) -> None:
    units = ctx.report.units
    overview = plain("\n".join(p.text for p in _text_parts(ctx, "overview")))
    match = _UNIT_COUNT.search(overview)
    if not units or match is None:
        raise NotApplicable("概况中没有“单位共 N 个”的说法或单位构成表")
    tally.checks += 1
    if int(match.group(1)) != len(units):
        record(tally, rule, Location(part="部门决算单位构成"), "unit-count", said=match.group(1), listed=len(units))


def check_glossary_fiscal(rule: Rule, ctx: Context, tally: Tally) -> None:
    entry = next((g for g in ctx.report.glossary if plain(g.term) == "财政拨款收入"), None)
    if entry is None or ctx.report.year < 2020:
        raise NotApplicable("名词解释中没有“财政拨款收入”，或年度早于 2020")
    tally.checks += 1
    if "国有资本经营" not in entry.definition:
        record(tally, rule, Location(part="名词解释", row_label="财政拨款收入"), "stale-glossary")


_CHECKS: dict[str, Evaluator] = {
    "tables": check_tables,
    "sections": check_sections,
    "three_public_counts": check_three_public_counts,
    "names_and_years": check_names_and_years,
    "placeholders": check_placeholders,
    "unit_count": check_unit_count,
    "glossary_fiscal": check_glossary_fiscal,
}


COMPLETENESS_EVALUATORS = {"completeness": ByCheck(_CHECKS)}
