"""The 情况说明 written from the tables: every number of a sentence is a cell or a formula over cells,
so the narrative agrees with the tables by construction (domain.md §3).

This module writes, in the Guangzhou 2020 wording, 一、收入支出决算总体情况 (each income line of
收入支出决算总表 and each expenditure type of 支出决算表 against last year), 二、财政拨款收入支出
(income against last year, expenditure against 年初预算) and 三、"三公"经费 (each item against its
budget, and its share). Last year's figures
come from a prior-year report when given, else from the reference figures the report carries.
Where a change needs a reason the department has not supplied, or a figure is missing, the text
keeps a visible 【请填写…】 placeholder, which `juesuan check` reports (rule K5).

    >>> from juesuan.render.narrative import explanation
    >>> print(explanation(report, prior=None, reasons={"summary.gpb_income.income_actual": "…"}))
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from juesuan.core.catalogue import catalogue
from juesuan.core.facts import Basis, ReferenceFigure
from juesuan.core.model import NarrativePart, Report
from juesuan.core.texts import DepartmentTexts

__all__ = ["Wording", "amount_at", "change_clause", "completion_clause", "explanation", "fiscal_section",
           "missing_tables", "narrative_amount", "other_matters_section", "overall_section", "percent_text",
           "prior_figures", "reason_or_placeholder", "references", "three_public_section", "with_explanation"]

_NUMBERING = re.compile(r"^[一二三四五六七八九十]+、")
_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Wording:
    """How a template words its numbers: decimals of percentages, the name of last year's base."""

    percent_places: int = 1   # Guangzhou: 47.2%; Shanghai prints two
    prior_basis: str = "上年决算"
    fiscal_prior_basis: str = "上年决算数"   # 二、财政拨款: "比上年决算数增加0万元,与上年决算数持平"
    budget_basis: str = "年初预算数"


def narrative_amount(value: Decimal) -> str:
    """An amount as the narrative prints it: thousands separated, trailing zeros dropped (36,144.8; 0)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


_NOT_COMPARABLE = "--%(基数为0,不可比)"


def percent_text(part: Decimal, whole: Decimal, places: int) -> str:
    """part/whole as a percentage, half-up to `places` decimals; a zero share prints as 0 (占0%)."""
    if part == 0:
        return "0"
    ratio = (part / whole * 100).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{ratio:.{places}f}"


def change_clause(current: Decimal, prior: Decimal, wording: Wording, basis: str | None = None,
                  state_zero: bool = False, zero_base_comparable: bool = True, fall: str = "下降") -> str:
    """比上年决算增加 11,587.94 万元,增长 47.2% · 与上年决算持平 · 增加--%(基数为0,不可比) (domain.md §0.3).
    `state_zero` keeps the amount in a zero change too (比上年决算数增加0万元,与上年决算数持平);
    0 against a base of 0 is 持平, or 不可比 where the template says so (Guangzhou: against 年初预算)."""
    diff = current - prior
    basis = basis or wording.prior_basis
    more = diff >= 0
    amount = f"比{basis}{'增加' if more else '减少'}{narrative_amount(abs(diff))}万元"
    if (prior < 0 and diff) or (prior == 0 and (diff or not zero_base_comparable)):  # no rate on such a base
        return f"{amount},增加{_NOT_COMPARABLE}"
    if diff == 0:
        return f"{amount},与{basis}持平" if state_zero else f"与{basis}持平"
    return f"{amount},{'增长' if more else fall}{percent_text(abs(diff), prior, wording.percent_places)}%"


def completion_clause(actual: Decimal, budget: Decimal, wording: Wording) -> str:
    """完成预算16.46万元的94.3% · 完成预算0万元的--%(基数为0,不可比)."""
    rate = _NOT_COMPARABLE if budget <= 0 else f"{percent_text(actual, budget, wording.percent_places)}%"
    return f"完成预算{narrative_amount(budget)}万元的{rate}"


def prior_figures(report: Report, prior: Report | None) -> dict[str, Decimal]:
    """Last year's figure of each cell, as `kind.row.column` (and of 机关运行经费, as
    `facts.operating_expenses.amount`): the reference figures the report states, overridden by the
    prior-year report's own cells and facts when one is given."""
    figures = {f.subject: f.amount for f in report.facts.reference if f.basis is Basis.PRIOR_YEAR}
    running = "facts.operating_expenses.amount"
    own = report.facts.operating_expenses
    if own is not None and own.prior_year is not None:
        figures.setdefault(running, own.prior_year)
    if prior is not None:
        figures.update({f"{kind}.{row.ident}.{column}": cell.amount for kind, table in prior.tables.items()
                        for row in table.rows for column, cell in row.cells.items() if cell.amount is not None})
        last = prior.facts.operating_expenses
        if last is not None and last.amount is not None:
            figures[running] = last.amount
    return figures


def amount_at(report: Report, kind: str, row: str, column: str) -> Decimal | None:
    """A cell's amount (a blank is 0); None when the table, row or cell is not there."""
    table = report.tables.get(kind)
    found = table.row(row) if table else None
    cell = found.cells.get(column) if found else None
    return None if cell is None else (cell.amount if cell.amount is not None else _ZERO)


def _line(number: int, name: str, current: Decimal, prior: Decimal | None, reason: str | None,
          wording: Wording) -> str:
    head = f"{number}.{name}{narrative_amount(current)}万元"
    if prior is None:
        return f"{head},【请填写{wording.prior_basis}数】。"
    clause = change_clause(current, prior, wording)
    if current == prior:
        return f"{head},{clause}。"
    return f"{head},{clause}。主要变动情况:{reason or '【请填写主要变动情况】'}"


def overall_section(report: Report, prior: Report | None = None, reasons: Mapping[str, str] | None = None,
                    wording: Wording | None = None) -> str:
    """一、收入支出决算总体情况: totals, then each income line and expenditure type against last
    year. `reasons` maps a cell (`summary.gpb_income.income_actual`) to its 主要变动情况."""
    wording = wording or Wording()
    reasons = reasons or {}
    last = prior_figures(report, prior)
    who = f"{report.department}{report.year}年度"
    lines = [f"一、{report.year}年度收入支出决算总体情况说明", *missing_tables(report, "summary", "expenditure"),
             "(一)年度收入总体情况"]
    summary = report.tables.get("summary")
    if summary is not None:
        grand = amount_at(report, "summary", "income_grand_total", "income_actual")
        total = amount_at(report, "summary", "income_total", "income_actual")
        if grand is not None and total is not None:
            lines.append(f"{who}总收入{narrative_amount(grand)}万元,其中本年收入{narrative_amount(total)}万元。"
                         "具体情况如下:")
        number = 0
        for row in summary.rows:
            if row.side != "income" or row.key is None or not row.key.endswith("_income"):
                continue
            subject = f"summary.{row.key}.income_actual"
            current = amount_at(report, "summary", row.key, "income_actual")
            if current is None:
                continue
            number += 1
            name = _NUMBERING.sub("", row.label or row.key)
            lines.append(_line(number, name, current, last.get(subject), reasons.get(subject), wording))
    lines.append("(二)年度支出总体情况")
    grand = amount_at(report, "summary", "expenditure_grand_total", "expenditure_actual")
    total = amount_at(report, "summary", "expenditure_total", "expenditure_actual")
    if grand is not None and total is not None:
        lines.append(f"{who}总支出{narrative_amount(grand)}万元,其中本年支出{narrative_amount(total)}万元。"
                     "具体情况如下:")
    expenditure = report.tables.get("expenditure")
    if expenditure is not None:
        number = 0
        for column, header in expenditure.columns.items():
            if column == "total":
                continue
            current = amount_at(report, "expenditure", "total", column)
            if current is None:
                continue
            number += 1
            subject = f"expenditure.total.{column}"
            lines.append(_line(number, header, current, last.get(subject), reasons.get(subject), wording))
    return "\n".join(lines)


def references(report: Report, basis: Basis) -> dict[str, Decimal]:
    """The report's reference figures of one basis (last year's, or the 年初预算), by subject."""
    return {f.subject: f.amount for f in report.facts.reference if f.basis is basis}


def missing_tables(report: Report, *kinds: str) -> list[str]:
    """A placeholder for each table a section needs and the report lacks: no figure is made up, and
    `juesuan check` reports the placeholder (rule K5)."""
    template = catalogue().template(report.template)
    out = []
    for kind in kinds:
        if kind not in report.tables:
            spec = template.spec(kind) if template else None
            out.append(f"【请填写「{spec.title if spec else kind}」（报表中缺少此表，补上后再生成本段）】")
    return out


def reason_or_placeholder(reasons: Mapping[str, str], subject: str) -> str:
    """The department's reason for the change of `subject`, else a visible placeholder (rule K5)."""
    return reasons.get(subject) or "【请填写主要变动情况】"


def fiscal_section(report: Report, prior: Report | None = None, reasons: Mapping[str, str] | None = None,
                   wording: Wording | None = None) -> str:
    """二、财政拨款收入支出: each kind of 财政拨款 income against last year, each kind of spending
    against the 年初预算 (the base Guangzhou uses here, domain.md §3.2)."""
    wording = wording or Wording()
    reasons = reasons or {}
    last = prior_figures(report, prior)
    budget = references(report, Basis.INITIAL_BUDGET)
    who = f"{report.department}{report.year}年度"
    lines = [f"二、{report.year}年度财政拨款收入支出总表说明", *missing_tables(report, "fiscal_summary"),
             f"(一){report.year}年度财政拨款收入说明"]
    kinds = (("gpb", "一般公共预算"), ("gov_fund", "政府性基金预算"), ("state_capital", "国有资本经营预算"))

    def clauses(flow: str, row: str, column: str, bases: Mapping[str, Decimal], basis: str, comparable: bool) -> str:
        """一般公共预算财政拨款收入 x 万元,比… ; … for the three kinds, with reasons where they changed."""
        out = []
        for key, name in kinds:
            cell = (row.format(key=key), column.format(key=key))
            subject = f"fiscal_summary.{cell[0]}.{cell[1]}"
            current = amount_at(report, "fiscal_summary", *cell)
            if current is None:
                continue
            base = bases.get(subject)
            clause = f"{name}财政拨款{flow}{narrative_amount(current)}万元,"
            if base is None:
                clause += f"【请填写{basis}】"
            else:
                clause += change_clause(current, base, wording, basis, state_zero=True, zero_base_comparable=comparable)
                if current != base:
                    clause += f",主要变动情况:{reason_or_placeholder(reasons, subject)}"
            out.append(clause)
        return ";".join(out)

    total = amount_at(report, "fiscal_summary", "income_total", "income_actual")
    if total is not None:
        lines.append(f"{who}财政拨款收入合计{narrative_amount(total)}万元。其中:"
                     + clauses("收入", "{key}_income", "income_actual", last, wording.fiscal_prior_basis, True) + "。")
    lines.append(f"(二){report.year}年度财政拨款支出说明")
    spent = amount_at(report, "fiscal_summary", "expenditure_total", "total")
    if spent is not None:
        lines.append(f"{who}财政拨款支出合计{narrative_amount(spent)}万元。其中:"
                     + clauses("支出", "expenditure_total", "{key}", budget, wording.budget_basis, False) + "。")
    return "\n".join(lines)


def three_public_section(report: Report, wording: Wording | None = None) -> str:
    """三、"三公"经费: the total and each item against its budget (完成预算 x%), each item's share, and
    the counts behind each (团组 and 人次, 车辆购置数 and 保有量, 接待批次 and 人数)."""
    wording = wording or Wording()
    table = report.tables.get("three_public")
    row = table.rows[0] if table and table.rows else None
    if row is None:
        heading = f'三、{report.year}年度一般公共预算财政拨款"三公"经费支出决算情况说明'
        return "\n".join([heading, *missing_tables(report, "three_public")]) if table is None else ""

    def cell(column: str) -> Decimal:
        found = row.cells.get(column)
        return found.amount if found is not None and found.amount is not None else _ZERO

    def spent(name: str, item: str, column: str) -> str:
        return f"{name}{item}决算为{narrative_amount(cell('actual_' + column))}万元," + completion_clause(
            cell("actual_" + column), cell("budget_" + column), wording)

    year, total = report.year, cell("actual_total")
    lines = [f'三、{year}年度一般公共预算财政拨款"三公"经费支出决算情况说明',
             '(一)"三公"经费财政拨款支出决算总体情况说明',
             f'{report.department}{year}年度"三公"经费财政拨款支出决算为{narrative_amount(total)}万元,'
             + completion_clause(total, cell("budget_total"), wording) + "。其中:"
             + spent("因公出国(境)费", "支出", "outbound") + ";"
             + spent("公务用车购置及运行费", "支出", "vehicle") + "(其中:"
             + spent("公务用车购置", "支出", "vehicle_purchase") + ";"
             + spent("公务用车运行费", "支出", "vehicle_operation") + ");"
             + spent("公务接待费", "支出", "reception") + "。"]
    lines.append('(二)"三公"经费财政拨款支出决算具体情况说明')
    items = (("因公出国(境)费", "outbound"), ("公务用车购置及运行费支出", "vehicle"), ("公务接待费支出", "reception"))
    shares = [(name, cell("actual_" + column)) for name, column in items]
    lines.append(f'{year}年"三公"经费财政拨款支出决算中,' + ";".join(
        f"{name}{narrative_amount(v)}万元,占{percent_text(v, total, wording.percent_places) if total else '0'}%"
        for name, v in shares) + "。具体情况如下:")
    counts = report.facts.three_public

    def count(value: int | None, what: str) -> str:
        return str(value) if value is not None else f"【请填写{what}】"

    if counts is not None:
        lines += [
            f"1.因公出国(境)费支出{narrative_amount(cell('actual_outbound'))}万元。全年使用财政拨款安排"
            f"出国团组{count(counts.outbound_groups, '出国团组数')}个、"
            f"累计{count(counts.outbound_people, '出国人次')}人次。",
            f"2.公务用车购置及运行维护费支出{narrative_amount(cell('actual_vehicle'))}万元,其中:公务用车购置支出为"
            f"{narrative_amount(cell('actual_vehicle_purchase'))}万元,{year}年公务用车购置数"
            f"{count(counts.vehicles_purchased, '购置数')}辆。公务用车运行及维护支出"
            f"{narrative_amount(cell('actual_vehicle_operation'))}万元,{year}年公务用车保有量为"
            f"{count(counts.vehicles_held, '保有量')}辆。",
            f"3.公务接待费支出{narrative_amount(cell('actual_reception'))}万元。{year}年,共接待国外、境外来访团组"
            f"{count(counts.foreign_reception_batches, '来访团组数')}个,来访外宾"
            f"{count(counts.foreign_reception_people, '来访外宾人次')}人次;发生国内接待"
            f"{count(counts.domestic_reception_batches, '国内接待次数')}次,接待人数共"
            f"{count(counts.domestic_reception_people, '国内接待人数')}人。",
        ]
    return "\n".join(lines)


def _non_tax(report: Report, wording: Wording) -> str:
    """(四)非税收入: the total by management, then each 款 with its share and, where it has an amount,
    the items it is made of (the rows with nothing below them), so that they add up to it."""
    table = report.tables.get("non_tax")
    template = catalogue().template(report.template)
    spec = template.spec(table.kind) if table is not None and template is not None else None
    if table is None or spec is None:
        return ""

    def amount(key: str, column: str = "total") -> Decimal:
        return amount_at(report, "non_tax", key, column) or _ZERO

    parents = {r.key: r.parent for r in spec.rows}
    has_children = set(parents.values())
    total = amount("total")
    heads = []
    for row in spec.rows:
        if parents.get(row.key) != "total":
            continue
        value = amount(row.key)
        share = percent_text(value, total, wording.percent_places) if total else "0"
        head = f"{row.label}{narrative_amount(value)}万元,占{share}%"
        if value:
            leaves = []
            for leaf in spec.rows:
                ancestor = parents.get(leaf.key)
                while ancestor not in (None, row.key):
                    ancestor = parents.get(ancestor)
                found = table.row(leaf.key)
                if ancestor == row.key and leaf.key not in has_children and amount(leaf.key):
                    leaves.append(f"{found.label if found and found.label else leaf.label}"
                                  f"{narrative_amount(amount(leaf.key))}万元")
            if leaves:
                head += ",包括" + ",".join(leaves)
        heads.append(head)
    return (f"本部门{report.year}年度各类非税收入合计{narrative_amount(total)}万元,"
            f"纳入预算管理{narrative_amount(amount('total', 'budget_managed'))}万元;"
            f"纳入财政专户管理{narrative_amount(amount('total', 'special_account'))}万元。其中:"
            + ";".join(heads) + "。")


def other_matters_section(report: Report, reasons: Mapping[str, str] | None = None,
                          wording: Wording | None = None) -> str:
    """四、其他重要事项: 机关运行经费 against 年初预算, 政府采购 with its 中小企业 shares, 国有资产,
    非税收入 (with the items that make up each 款, written correctly: domain.md §3.3 N24)."""
    wording = wording or Wording()
    reasons = reasons or {}
    facts, year = report.facts, report.year
    lines = ["四、其他重要事项的情况说明", "(一)机关运行经费支出情况"]
    running = facts.operating_expenses
    if running is not None and running.amount is not None:
        sentence = f"{year}年本部门机关运行经费支出{narrative_amount(running.amount)}万元"
        if running.budget is None:
            sentence += f",【请填写{wording.budget_basis}】。"
        else:
            sentence += "," + change_clause(running.amount, running.budget, wording, wording.budget_basis,
                                            fall="降低") + "。"
            if running.amount != running.budget:
                sentence += "主要增减变动情况是:" + reason_or_placeholder(reasons, "facts.operating_expenses.amount")
        lines.append(sentence)
    else:
        lines.append(f"{year}年本部门机关运行经费支出【请填写机关运行经费】万元。")
    lines.append("(二)政府采购支出情况说明")
    buying = facts.procurement
    if buying is not None and buying.total is not None:
        total = buying.total

        def share(part: Decimal | None) -> str:
            return percent_text(part or _ZERO, total, wording.percent_places) if total else "0"

        lines.append(
            f"{year}年本部门政府采购支出总额{narrative_amount(total)}万元,其中:"
            f"政府采购货物支出{narrative_amount(buying.goods or _ZERO)}万元、"
            f"政府采购工程支出{narrative_amount(buying.works or _ZERO)}万元、"
            f"政府采购服务支出{narrative_amount(buying.services or _ZERO)}万元。"
            f"授予中小企业合同金额{narrative_amount(buying.sme or _ZERO)}万元,占政府采购支出总额的{share(buying.sme)}%,"
            f"其中:授予小微企业合同金额{narrative_amount(buying.small_micro or _ZERO)}万元,"
            f"占政府采购支出总额的{share(buying.small_micro)}%。")
    else:
        lines.append(f"{year}年本部门政府采购支出总额【请填写政府采购支出】万元。")
    lines.append("(三)国有资产占用情况")
    assets = facts.assets
    if assets is not None and assets.vehicles is not None:
        kinds = "、".join(f"{name}{count}辆" for name, count in assets.vehicles_by_type.items())
        lines.append(f"截至{year}年12月31日,本部门共有车辆{assets.vehicles}辆" + (f",其中,{kinds}" if kinds else "")
                     + f";单价50万元以上通用设备{assets.general_equipment_500k or 0}台(套),"
                     f"单价100万元以上专用设备{assets.special_equipment_1m or 0}台(套)。")
    else:
        lines.append(f"截至{year}年12月31日,本部门共有车辆【请填写车辆数】辆。")
    non_tax = _non_tax(report, wording)
    if non_tax:
        lines += ["(四)非税收入征缴情况说明", non_tax]
    return "\n".join(lines)


def explanation(report: Report, prior: Report | None = None, reasons: Mapping[str, str] | None = None,
                wording: Wording | None = None) -> str:
    """The 情况说明 in the Guangzhou 2020 sections (一 to 四), in order."""
    return "\n".join(part for part in (overall_section(report, prior, reasons, wording),
                                        fiscal_section(report, prior, reasons, wording),
                                        three_public_section(report, wording),
                                        other_matters_section(report, reasons, wording)) if part)


def _with_references(report: Report, basis: Basis, figures: Mapping[str, Decimal]) -> Report:
    """The report with `figures` as its reference figures of `basis`, replacing any of the same subject."""
    if not figures:
        return report
    known = tuple(f for f in report.facts.reference if not (f.basis is basis and f.subject in figures))
    added = tuple(ReferenceFigure(subject, basis, amount) for subject, amount in figures.items())
    return replace(report, facts=replace(report.facts, reference=known + added))


def with_explanation(report: Report, prior: Report | None = None, texts: DepartmentTexts | None = None,
                     wording: Wording | None = None, performance: bool | None = None) -> Report:
    """The report with its 情况说明 (第三部分) written from its numbers, in place of any it had, in
    its template's sections and wording. The department's prior-year and budget figures are kept
    with the report's reference figures (so that `juesuan check` can use them too).

    Where the template gives 绩效 a part of its own (Guangzhou's 第四部分), that part is written too
    when `performance` is True, or when it is None and the report has no such part: a department's
    own 第四部分 carries prose no number can replace, so it is kept unless asked. The report's own
    目录 is dropped: it names the old parts, and every renderer writes the contents afresh."""
    texts = texts or DepartmentTexts()
    report = _with_references(report, Basis.PRIOR_YEAR, texts.prior)
    report = _with_references(report, Basis.INITIAL_BUDGET, texts.budget)
    template = catalogue().template(report.template)
    wording = wording or Wording(percent_places=template.percent_decimals if template else 1)
    if template is not None and template.narrative == "shanghai-district":
        from juesuan.render.shanghai import shanghai_explanation  # it builds on this module's clauses

        text, year = shanghai_explanation(report, prior, texts, wording), f"{report.year}年度"
    else:
        text, year = explanation(report, prior, texts.reasons, wording), f"{report.year}年"
    title = f"第三部分 {report.department}{year}部门决算情况说明"
    # The published 目录 lists the old titles; the renderers write the contents from the parts.
    report = replace(report, narrative=tuple(p for p in report.narrative if p.part != "contents"))
    report = _with_part(report, NarrativePart("explanation", title, text), ("cover", "contents", "overview", "tables"))
    has_own = any(p.part == "performance" and p.text.strip() for p in report.narrative)
    own_part = template is None or template.narrative == "guangzhou"  # Shanghai: 绩效 is 第三部分's 十
    if own_part and (performance or (performance is None and not has_own)):
        from juesuan.render.performance import performance_part  # it builds on this module's clauses

        written = performance_part(report, texts, wording)
        if written:
            report = _with_part(report, NarrativePart("performance", "第四部分 预算绩效管理情况", written),
                                ("cover", "contents", "overview", "tables", "explanation"))
    return report


def _with_part(report: Report, part: NarrativePart, after: tuple[str, ...]) -> Report:
    """The report with `part` in place of its part of the same kind, placed after the parts named."""
    parts = [p for p in report.narrative if p.part != part.part]
    at = max((i + 1 for i, p in enumerate(parts) if p.part in after), default=0)
    return replace(report, narrative=(*parts[:at], part, *parts[at:]))
