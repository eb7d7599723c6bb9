"""The 情况说明 of a Shanghai district department (2024/2025 layout, nine tables), written from the
numbers like the Guangzhou one (render/narrative.py) but in Shanghai's own eleven sections and
wording: amounts with two decimals, percentages with two, full-width punctuation, each change
against last year "与上年度相比", 一般公共预算财政拨款支出 against its 年初预算 item by item.

Figures the tables do not hold come from the report's reference figures (last year's, the 年初预算)
and the department's texts; where one is missing the text keeps a 【请填写…】 placeholder, which
`juesuan check` reports (rule K5).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from juesuan.core.facts import Basis
from juesuan.core.model import Report
from juesuan.core.texts import DepartmentTexts
from juesuan.render.narrative import Wording, amount_at, missing_tables, percent_text, prior_figures, references

__all__ = ["shanghai_explanation"]

_ZERO = Decimal(0)
_NUMBERING = re.compile(r"^[一二三四五六七八九十]+、")
_NOT_COMPARABLE = "--%（基数为0，不可比）"


def _yuan(value: Decimal) -> str:
    """万元 as Shanghai prints them in the narrative: two decimals, no thousands separator."""
    return f"{value:.2f}"


# Cells that print the same figure in two tables (X identities): a figure stated for one serves the other.
_SAME = {"fiscal_summary.expenditure_total.gpb": "gpb_expenditure.total.total",
         "fiscal_summary.income_grand_total.income_actual": "fiscal_summary.expenditure_grand_total.total"}


def _with_aliases(figures: dict[str, Decimal]) -> dict[str, Decimal]:
    for cell, same in _SAME.items():
        if cell not in figures and same in figures:
            figures[cell] = figures[same]
    return figures


class _Writer:
    """The figures of one report and how to word them; each section is a method."""

    def __init__(self, report: Report, prior: Report | None, texts: DepartmentTexts, wording: Wording) -> None:
        self.report, self.texts, self.wording = report, texts, wording
        self.last = _with_aliases(prior_figures(report, prior))
        self.budget = _with_aliases({**references(report, Basis.INITIAL_BUDGET), **texts.budget})
        self.who = f"{report.department}{report.year}年度"
        self.year, self.before = report.year, report.year - 1

    def cell(self, kind: str, row: str, column: str) -> Decimal:
        return amount_at(self.report, kind, row, column) or _ZERO

    def share(self, part: Decimal, whole: Decimal) -> str:
        """part/whole in percent with the template's decimals; Shanghai prints a zero share as 0.00%."""
        places = self.wording.percent_places
        return f"{percent_text(part, whole, places) if whole and part else f'{_ZERO:.{places}f}'}%"

    def reason(self, subject: str, lead: str = "主要原因：", against_budget: bool = False) -> str:
        """The department's reason for a change against last year (or the budget), else a placeholder."""
        given = (self.texts.budget_reasons if against_budget else self.texts.reasons).get(subject)
        return lead + (given.rstrip("。") if given else "【请填写主要原因】")

    def moved(self, current: Decimal, prior: Decimal) -> str:
        """增加90.09万元，增长1.94% · 减少…，下降… · 增加5.00万元，--%（基数为0，不可比）."""
        diff = current - prior
        word, rate = ("增加", "增长") if diff > 0 else ("减少", "下降")
        ratio = _NOT_COMPARABLE if prior <= 0 else f"{rate}{self.share(abs(diff), prior)}"
        return f"{word}{_yuan(abs(diff))}万元，{ratio}"

    def versus_last_year(self, name: str, subject: str, current: Decimal) -> str:
        """与2024年度相比，收入支出总计增加90.09万元，增长1.94%。主要原因：…"""
        prior = self.last.get(subject)
        head = f"与{self.before}年度相比，"
        if prior is None:
            return f"{head}{name}【请填写{self.before}年度决算数】。"
        if current == prior:
            return f"{head}{name}持平。"
        return f"{head}{name}{self.moved(current, prior)}。{self.reason(subject)}。"

    def versus_budget(self, subject: str, actual: Decimal, lead: str) -> str:
        """年初预算为 x 万元，支出决算为 y 万元，完成年初预算的 z%。决算数大于预算数的主要原因：…"""
        budget = self.budget.get(subject)
        if budget is None:
            return f"{lead}年初预算为【请填写年初预算】万元，支出决算为{_yuan(actual)}万元。"
        rate = _NOT_COMPARABLE if budget <= 0 else self.share(actual, budget)
        text = f"{lead}年初预算为{_yuan(budget)}万元，支出决算为{_yuan(actual)}万元，完成年初预算的{rate}。"
        if actual == budget:
            return text + "决算数与预算数持平。"
        more = "大于" if actual > budget else "小于"
        return text + self.reason(subject, f"决算数{more}预算数的主要原因：", against_budget=True) + "。"

    # ------------------------------------------------------------------ sections

    def _grand_total(self, heading: str, kind: str, name: str) -> list[str]:
        """收入支出总计 x 万元, against last year, from the 总计 row of a summary table."""
        if gap := missing_tables(self.report, kind):
            return [heading, *gap]
        total = self.cell(kind, "income_grand_total", "income_actual")
        return [heading, f"{self.who}{name}{_yuan(total)}万元。"
                + self.versus_last_year(name, f"{kind}.income_grand_total.income_actual", total)]

    def overall(self) -> list[str]:
        return self._grand_total("一、收入支出决算总体情况说明", "summary", "收入支出总计")

    def income(self) -> list[str]:
        return self._composition("二、收入决算情况说明", "income", ("income_total", "income_actual"), "本年收入合计",
                                 ("fiscal",))

    def expenditure(self) -> list[str]:
        return self._composition("三、支出决算情况说明", "expenditure", ("expenditure_total", "expenditure_actual"),
                                 "本年支出合计", ("basic", "project"))

    def _composition(self, heading: str, kind: str, total_cell: tuple[str, str], name: str,
                     always: tuple[str, ...]) -> list[str]:
        """本年收入合计 x 万元，其中：财政拨款收入 y 万元，占 z%；… from the 合计 row of 收入决算表 (or
        支出决算表), each column with an amount (and the usual ones even at zero) with its share."""
        if gap := missing_tables(self.report, "summary", kind):
            return [heading, *gap]
        total = self.cell("summary", *total_cell)
        parts = []
        for column, header in self.report.tables[kind].columns.items():
            value = self.cell(kind, "total", column)
            if column != "total" and (value or column in always):
                parts.append(f"{header}{_yuan(value)}万元，占{self.share(value, total)}")
        return [heading, f"{name}{_yuan(total)}万元，其中：" + "；".join(parts) + "。"]

    def fiscal(self) -> list[str]:
        return self._grand_total("四、财政拨款收入支出决算总体情况说明", "fiscal_summary", "财政拨款收入支出总计")

    def gpb(self) -> list[str]:
        if gap := missing_tables(self.report, "summary", "fiscal_summary", "gpb_expenditure"):
            return ["五、一般公共预算财政拨款支出决算情况说明", *gap]
        spent = self.cell("fiscal_summary", "expenditure_total", "gpb")
        all_spent = self.cell("summary", "expenditure_total", "expenditure_actual")
        lines = ["五、一般公共预算财政拨款支出决算情况说明", "（一）一般公共预算财政拨款支出决算总体情况",
                 f"一般公共预算财政拨款支出{_yuan(spent)}万元，占本年支出合计的{self.share(spent, all_spent)}。"
                 + self.versus_last_year("一般公共预算财政拨款支出", "fiscal_summary.expenditure_total.gpb", spent),
                 "（二）一般公共预算财政拨款支出决算结构情况"]
        table = self.report.tables.get("gpb_expenditure")
        rows = table.coded_rows() if table is not None else ()
        names = {str(r.code): _NUMBERING.sub("", r.label) for r in rows}
        classes = [f"{names[str(r.code)]}（类）{_yuan(self.cell('gpb_expenditure', str(r.code), 'total'))}万元，"
                   f"占{self.share(self.cell('gpb_expenditure', str(r.code), 'total'), spent)}"
                   for r in rows if len(str(r.code)) == 3 and self.cell("gpb_expenditure", str(r.code), "total")]
        lines.append(f"一般公共预算财政拨款支出{_yuan(spent)}万元，主要用于以下方面：" + "；".join(classes) + "。")
        lines.append("（三）一般公共预算财政拨款支出决算具体情况")
        lines.append(self.versus_budget("fiscal_summary.expenditure_total.gpb", spent, "一般公共预算财政拨款支出")
                     .removesuffix("。") + "。其中：")
        items = [r for r in rows if len(str(r.code)) == 7]
        for number, row in enumerate(items, start=1):
            code = str(row.code)
            path = f"{names.get(code[:3], '')}（类）{names.get(code[:5], '')}（款）{names[code]}（项）"
            subject = f"gpb_expenditure.{code}.total"
            use = self.texts.uses.get(subject)
            lead = f"{number}.{path}，" + (f"主要用于{use.rstrip('。')}。" if use else "")
            lines.append(self.versus_budget(subject, self.cell("gpb_expenditure", code, "total"), lead))
        return lines

    def basic(self) -> list[str]:
        """基本支出 as 支出决算表 prints it, 人员经费 and 公用经费 as their 合计 rows print them, each with
        the 款 that have an amount."""
        if gap := missing_tables(self.report, "gpb_expenditure", "gpb_basic"):
            return ["六、一般公共预算财政拨款基本支出决算情况说明", *gap]
        table = self.report.tables.get("gpb_basic")
        sides: dict[str, list[str]] = {"personnel": [], "public": []}
        totals = {side: self.cell("gpb_basic", f"{side}_total", f"{side}_amount") for side in sides}
        for row in table.coded_rows() if table is not None else ():
            side = row.side or ""
            if side in sides and len(str(row.code)) > 3 and self.cell("gpb_basic", str(row.code), f"{side}_amount"):
                sides[side].append(_NUMBERING.sub("", row.label))
        total = self.cell("gpb_expenditure", "total", "basic")
        return ["六、一般公共预算财政拨款基本支出决算情况说明",
                f"一般公共预算财政拨款基本支出{_yuan(total)}万元。其中：人员经费{_yuan(totals['personnel'])}万元，"
                f"主要包括：{'、'.join(sides['personnel']) or '无'}；公用经费{_yuan(totals['public'])}万元，"
                f"主要包括：{'、'.join(sides['public']) or '无'}。"]

    def three_public(self) -> list[str]:
        if gap := missing_tables(self.report, "three_public"):
            return ["七、财政拨款“三公”经费支出决算情况说明", *gap]

        def cell(column: str) -> Decimal:
            return self.cell("three_public", "amounts", column)

        items = (("因公出国（境）费", "outbound"), ("公务用车购置及运行维护费", "vehicle"), ("公务接待费", "reception"))
        total = cell("actual_total")

        def completion(column: str) -> str:
            budget = cell("budget_" + column)
            return _NOT_COMPARABLE if budget <= 0 else self.share(cell("actual_" + column), budget)

        lines = ["七、财政拨款“三公”经费支出决算情况说明", "（一）“三公”经费财政拨款支出决算总体情况说明。"]
        head = (f"“三公”经费财政拨款支出年初预算为{_yuan(cell('budget_total'))}万元，支出决算为{_yuan(total)}万元，"
                f"完成预算的{completion('total')}，其中：" + "；".join(
                    f"{name}支出决算为{_yuan(cell('actual_' + column))}万元，完成预算的{completion(column)}"
                    for name, column in items) + "。")
        if total != cell("budget_total"):
            more = "大于" if total > cell("budget_total") else "小于"
            lead = f"{self.year}年度“三公”经费支出决算数{more}预算数的主要原因："
            head += self.reason("three_public.amounts.actual_total", lead, against_budget=True) + "。"
        lines.append(head)
        lines.append(self._three_public_last_year(cell, items))
        lines.append("（二）“三公”经费财政拨款支出决算具体情况说明。")
        lines.append("“三公”经费财政拨款支出决算中，" + "；".join(
            f"{name}支出决算{_yuan(cell('actual_' + column))}万元，占{self.share(cell('actual_' + column), total)}"
            for name, column in items) + "。具体情况如下：")
        counts = self.report.facts.three_public

        def count(value: int | None, what: str) -> str:
            return str(value) if value is not None else f"【请填写{what}】"

        outbound, vehicle = cell("actual_outbound"), cell("actual_vehicle")
        purchase, operation, reception = (cell("actual_vehicle_purchase"), cell("actual_vehicle_operation"),
                                          cell("actual_reception"))
        groups = count(counts.outbound_groups if counts else None, "出国团组数")
        people = count(counts.outbound_people if counts else None, "出国人次")
        held = count(counts.vehicles_held if counts else None, "公务用车保有量")
        lines.append(f"1、因公出国（境）费支出{_yuan(outbound)}万元。全年安排因公出国（境）团组{groups}个、累计{people}人次。")
        bought = "" if not purchase and (counts is None or counts.vehicles_purchased is None) else \
            f"，购置车辆{count(counts.vehicles_purchased if counts else None, '公务用车购置数')}辆"
        lines.append(f"2、公务用车购置及运行维护费支出{_yuan(vehicle)}万元。其中：公务用车购置支出为{_yuan(purchase)}万元"
                     f"{bought}。公务用车运行维护支出{_yuan(operation)}万元。{self.year}年，{self.report.department}"
                     f"所属各预算单位开支财政拨款的公务用车保有量为{held}辆。")
        # The counts must be published (rule K3), so a count not given is asked for, even beside 0.00.
        lines.append(
            f"3、公务接待费支出{_yuan(reception)}万元。其中：国内公务接待"
            f"{count(counts.domestic_reception_batches if counts else None, '国内接待批次')}批次、"
            f"{count(counts.domestic_reception_people if counts else None, '国内接待人次')}人次；接待外宾"
            f"{count(counts.foreign_reception_batches if counts else None, '外宾接待批次')}批次、"
            f"{count(counts.foreign_reception_people if counts else None, '外宾接待人次')}人次。")
        return lines

    def _three_public_last_year(self, cell: Callable[[str], Decimal], items: tuple[tuple[str, str], ...]) -> str:
        """2025年度“三公”经费财政拨款支出决算数比2024年度增加…，其中：each item against last year."""
        total = cell("actual_total")
        prior = self.last.get("three_public.amounts.actual_total")
        if prior is None:
            return (f"{self.year}年度“三公”经费财政拨款支出决算数与{self.before}年度相比："
                    f"【请填写{self.before}年度决算数】。")

        def against(current: Decimal, before: Decimal | None) -> str:
            if before is None:
                return f"【请填写{self.before}年度决算数】"
            return f"与{self.before}年持平" if current == before else self.moved(current, before)

        parts = [f"{name}支出决算为{_yuan(cell('actual_' + column))}万元，"
                 f"{against(cell('actual_' + column), self.last.get(f'three_public.amounts.actual_{column}'))}"
                 for name, column in items]
        text = (f"{self.year}年度“三公”经费财政拨款支出决算数比{self.before}年度{against(total, prior)}，其中："
                + "；".join(parts) + "。")
        if total != prior:
            text += self.reason("three_public.amounts.actual_total", "主要原因：") + "。"
        return text

    def funds(self) -> list[str]:
        lines = []
        for number, key, name in (("八", "gov_fund", "政府性基金预算"), ("九", "state_capital", "国有资本经营预算")):
            lines.append(f"{number}、{name}财政拨款收入支出决算情况说明")
            if gap := missing_tables(self.report, "fiscal_summary"):
                lines += gap
                continue
            income = self.cell("fiscal_summary", f"{key}_income", "income_actual")
            spent = self.cell("fiscal_summary", "expenditure_total", key)
            if not income and not spent:
                lines.append(f"{self.who}无{name}财政拨款收入和支出。")
            else:
                lines.append(f"{self.who}{name}财政拨款收入{_yuan(income)}万元，支出{_yuan(spent)}万元。")
        return lines

    def performance(self) -> list[str]:
        lines = ["十、预算绩效管理情况"]
        own = self.texts.performance or "【请填写预算绩效管理工作开展情况】。"
        own = own if own.endswith(("。", "）", ")")) else own + "。"
        perf = self.report.facts.performance
        figures = ""
        if perf is not None and perf.projects_evaluated is not None:
            figures = f"绩效自评的{self.year}年度项目{perf.projects_evaluated}个"
            if perf.projects_amount is not None:
                figures += f"，涉及预算金额{_yuan(perf.projects_amount)}万元"
            if perf.average_score is not None:
                figures += f"，平均得分{perf.average_score}分"
            figures += "。"
        lines.append(f"{self.who}预算绩效管理工作开展情况如下：{own}{figures}")
        return lines

    def other_matters(self) -> list[str]:
        facts = self.report.facts
        lines = ["十一、其他重要事项的情况说明", "（一）机关运行经费支出情况"]
        running = facts.operating_expenses
        if running is not None and running.amount is not None:
            subject = "facts.operating_expenses.amount"
            prior = self.last.get(subject)
            text = f"机关运行经费支出{_yuan(running.amount)}万元"
            if prior is None:
                text += f"，比{self.before}年度【请填写{self.before}年度决算数】。"
            elif prior == running.amount:
                text += f"，与{self.before}年度持平。"
            else:
                moved = self.moved(running.amount, prior)
                text += f"，比{self.before}年度{moved}。{self.reason(subject, '主要原因是')}。"
            lines.append(text)
        else:
            lines.append("机关运行经费支出【请填写机关运行经费】万元。")
        lines.append("（二）政府采购支出情况")
        buying = facts.procurement
        if buying is not None and buying.total is not None:
            sme, small = buying.sme or _ZERO, buying.small_micro or _ZERO
            lines.append(f"{self.who}政府采购金额（以合同签订为准）为{_yuan(buying.total)}万元，其中：货物采购金额"
                         f"{_yuan(buying.goods or _ZERO)}万元、工程采购金额{_yuan(buying.works or _ZERO)}万元、"
                         f"服务采购金额{_yuan(buying.services or _ZERO)}万元。"
                         f"授予中小企业合同金额{_yuan(sme)}万元，占政府采购金额的{self.share(sme, buying.total)}，"
                         f"其中：授予小微企业合同金额{_yuan(small)}万元，"
                         f"占政府采购金额的{self.share(small, buying.total)}。")
        else:
            lines.append(f"{self.who}政府采购金额（以合同签订为准）为【请填写政府采购金额】万元。")
        lines.append("（三）国有资产占有使用情况说明")
        assets = facts.assets
        if assets is not None and assets.vehicles is not None:
            kinds = "、".join(f"{name}{n}辆" for name, n in assets.vehicles_by_type.items())
            text = f"截至{self.year}年12月31日，{self.report.department}共有车辆{assets.vehicles}辆"
            text += f"，其中：{kinds}。" if kinds else "。"
            equipment = assets.equipment_1m if assets.equipment_1m is not None else assets.special_equipment_1m
            text += f"单价100万元（含）以上设备（不含车辆）{equipment or 0}台（套）。"
            lines.append(text)
        else:
            lines.append(f"截至{self.year}年12月31日，{self.report.department}共有车辆【请填写车辆数】辆。")
        return lines


def shanghai_explanation(report: Report, prior: Report | None = None, texts: DepartmentTexts | None = None,
                         wording: Wording | None = None) -> str:
    """第三部分 情况说明 in the Shanghai district layout: sections 一 to 十一, in order."""
    writer = _Writer(report, prior, texts or DepartmentTexts(), wording or Wording(percent_places=2))
    sections = (writer.overall, writer.income, writer.expenditure, writer.fiscal, writer.gpb, writer.basic,
                writer.three_public, writer.funds, writer.performance, writer.other_matters)
    return "\n".join(line for section in sections for line in section())
