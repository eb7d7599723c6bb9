"""情况说明 against the tables: each claim of the narrative checked by the formulas of §3.2."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from itertools import accumulate
from typing import Any, NamedTuple

from juesuan.core.amounts import decimals, half_unit
from juesuan.core.findings import Location, Severity
from juesuan.core.scoring import falls_short, measured
from juesuan.core.text import plain, plain_lines
from juesuan.rules.catalogue import Rule
from juesuan.rules.claims import Claim, Subject, read_claims
from juesuan.rules.compare import ByCheck, Evaluator, Tally, money, record
from juesuan.rules.context import ZERO, Context, NotApplicable, NotRun, Value
from juesuan.rules.percent import HUNDRED, NARRATIVE_HALF, ratio_fits

__all__ = ["NARRATIVE_EVALUATORS"]

_ALL_MET = re.compile(r"(各类|各项|全部|所有)[^。;]{0,12}指标[^。;]{0,8}(均|都|全部)(已)?(达到|完成)")


def _part_lines(ctx: Context, text: str) -> list[str]:
    """A part's normalised lines, worked out once per run."""
    key = ("lines", text)
    lines: list[str] | None = ctx.memo.get(key)
    if lines is None:
        lines = ctx.memo[key] = plain_lines(text)
    return lines


def _claims(ctx: Context) -> list[Claim]:
    """The narrative's claims, read once per run and shared by the narrative rules."""
    if not any(p.part in ("explanation", "performance") for p in ctx.report.narrative):
        raise NotApplicable("报告中没有情况说明文字")
    if "claims" not in ctx.memo:
        ctx.memo["claims"] = read_claims(ctx.report, partial(_part_lines, ctx))
    claims: list[Claim] = ctx.memo["claims"]
    return claims


class _Figure(NamedTuple):
    """A plain amount shaped like a Value for the checks below: its half-width worked out when asked
    (a blank's is zero: nothing was rounded)."""

    amount: Decimal
    blank: bool = False

    @property
    def half(self) -> Decimal:
        return ZERO if self.blank else half_unit(self.amount)


def _value(ctx: Context, ref: str) -> Value | _Figure | None:
    """The amount a subject stands for (with its half-width, worked out when asked); None when the
    report does not say."""
    if ref.startswith("facts."):
        node: object = ctx.report.facts
        for name in ref.split(".")[1:]:
            node = getattr(node, name, None)
            if node is None:
                return None
        return _Figure(node) if isinstance(node, Decimal) else None
    try:
        value = ctx.value(ref)
    except NotRun:
        return None
    if value.uncertain:  # the table rules already ask for review; the text is not judged against it
        return None
    return value


def _where(claim: Claim) -> Location:
    return Location(part=claim.part, line=claim.line)


def _quote(claim: Claim) -> str:
    start = max(0, claim.position - 24)
    return claim.sentence[start:claim.position + 12]


def _report(tally: Tally, rule: Rule, claim: Claim, finding: str, variant: str = "", *,
            expected: Decimal | None = None, actual: Decimal | None = None, severity: Severity | None = None,
            **fields: object) -> None:
    """A finding on a claim: its message opens with the words around it ({quote} in the templates)."""
    record(tally, rule, _where(claim), finding, variant, expected=expected, actual=actual, severity=severity,
           quote=f"「…{_quote(claim)}…」", **fields)


def _same(stated: Decimal, published: Decimal) -> bool:
    """The narrative's figure is the table's, written with fewer decimals or trailing zeros dropped."""
    if stated == published:
        return True
    unit = Decimal(1).scaleb(-decimals(stated))
    return published.quantize(unit, ROUND_HALF_UP) == stated


def _sentences(ctx: Context) -> list[list[Claim]]:
    """The claims grouped by sentence (part, line, sentence text), once per run."""
    if "sentences" not in ctx.memo:
        out: dict[tuple[str, int, str], list[Claim]] = {}
        for claim in _claims(ctx):
            out.setdefault((claim.part, claim.line, claim.sentence), []).append(claim)
        ctx.memo["sentences"] = list(out.values())
    sentences: list[list[Claim]] = ctx.memo["sentences"]
    return sentences


# ------------------------------------------------------------------ checks


def check_level(rule: Rule, ctx: Context, tally: Tally) -> None:
    said: set[tuple[str, int, str, Decimal]] = set()  # a paragraph repeating a figure is judged once
    for claim in _claims(ctx):
        if claim.kind != "level" or claim.subject is None or claim.value is None:
            continue
        if claim.subject.ref.startswith("facts."):
            continue  # the facts were read from this same text
        once = (claim.part, claim.line, claim.subject.ref, claim.value)
        if once in said:
            continue
        said.add(once)
        found = _value(ctx, claim.subject.ref)
        if found is None:
            continue
        tally.checks += 1
        published = found.amount
        if not _same(claim.value, published):
            _report(tally, rule, claim, "narrative-mismatch", "amount", expected=published, actual=claim.value,
                    stated=claim.value, published=money(published))


class _Sentence:
    """A sentence's claims by kind and subject, in the order of their positions: the claim near
    another is found by bisection, so a sentence of n claims costs n·log n, not n² (a long run of
    comma-joined figures is one sentence)."""

    def __init__(self, claims: list[Claim]) -> None:
        self.claims = claims
        self._by: dict[tuple[str, Subject], list[Claim]] = {}
        for claim in sorted(claims, key=lambda c: c.position):
            if claim.subject is not None:
                self._by.setdefault((claim.kind, claim.subject), []).append(claim)
        self._positions = {key: [c.position for c in found] for key, found in self._by.items()}

    def first(self, kind: str, subject: Subject) -> Claim | None:
        """The first claim of this kind about the subject that states a value."""
        return next((c for c in self._by.get((kind, subject), ()) if c.value is not None), None)

    def after(self, kind: str, subject: Subject, position: int) -> Claim | None:
        """The first claim of this kind about the subject after the position."""
        found = self._by.get((kind, subject), [])
        at = bisect_right(self._positions.get((kind, subject), []), position)
        return found[at] if at < len(found) else None

    def before(self, kind: str, subject: Subject, position: int) -> Claim | None:
        """The last claim of this kind about the subject before the position that states a value."""
        found = self._by.get((kind, subject), [])
        at = bisect_left(self._positions.get((kind, subject), []), position)
        return next((c for c in reversed(found[:at]) if c.value is not None), None)


def _current(ctx: Context, subject: Subject, sentence: _Sentence) -> Decimal | None:
    found = _value(ctx, subject.ref)
    if found is not None:
        return found.amount
    level = sentence.first("level", subject)
    return None if level is None else level.value


def check_change(rule: Rule, ctx: Context, tally: Tally) -> None:
    for claims in _sentences(ctx):
        sentence = _Sentence(claims)
        for change in claims:
            if change.kind != "change" or change.subject is None or change.value is None:
                continue
            rate = sentence.after("rate", change.subject, change.position)
            current = _current(ctx, change.subject, sentence)
            if rate is None or current is None or change.direction is None:
                continue
            tally.checks += 1
            if rate.direction is not None and rate.direction != change.direction and change.value != 0:
                _report(tally, rule, rate, "narrative-direction")
                continue
            base = current - change.direction * change.value
            if rate.value is None:  # "--%": the base must be zero
                if base != 0:
                    _report(tally, rule, rate, "narrative-rate", "dashes-over-a-base", base=money(base))
                continue
            if base <= 0:
                if rate.value != 0 or change.value != 0:
                    _report(tally, rule, rate, "narrative-rate", "no-base", base=money(base))
                continue
            if not ratio_fits(rate.value, change.value, base, NARRATIVE_HALF, 2 * NARRATIVE_HALF):
                exact = change.value / base * HUNDRED
                what = "年初预算" if change.basis == "budget" else "上年数"
                _report(tally, rule, rate, "narrative-rate", "change",
                        expected=exact.quantize(rate.value, ROUND_HALF_UP), actual=rate.value, change=change.value,
                        what=what, base=money(base), exact=f"{exact:.2f}", stated=rate.value)


def check_completion(rule: Rule, ctx: Context, tally: Tally) -> None:
    for claims in _sentences(ctx):
        sentence = _Sentence(claims)
        for claim in (c for c in claims if c.kind == "completion" and c.subject is not None):
            subject = claim.subject
            assert subject is not None
            actual = _current(ctx, subject, sentence)
            stated_budget = sentence.before("budget", subject, claim.position)
            table_budget = _value(ctx, subject.budget) if subject.budget else None
            budget = stated_budget.value if stated_budget is not None else \
                (table_budget.amount if table_budget else None)
            if actual is None or budget is None:
                continue
            tally.checks += 1
            if stated_budget is not None and stated_budget.value is not None and table_budget is not None \
                    and not _same(stated_budget.value, table_budget.amount):
                table = money(table_budget.amount)
                _report(tally, rule, stated_budget, "narrative-mismatch", "budget", expected=table_budget.amount,
                        actual=stated_budget.value, severity=Severity.ERROR, stated=stated_budget.value,
                        published=table)
                continue
            if budget <= 0:  # no rate over a base that is not positive: --% (0 % of 0 is accepted too)
                if claim.value is not None and not (budget == 0 and actual == 0 and claim.value == 0):
                    base = "0" if budget == 0 else f"{money(budget)} 万元（负数）"
                    _report(tally, rule, claim, "narrative-rate", "dashes-wanted", budget=(base, money(budget)))
                continue
            if claim.value is None:
                _report(tally, rule, claim, "narrative-rate", "no-dashes", budget=money(budget))
                continue
            if not ratio_fits(claim.value, actual, budget, NARRATIVE_HALF, NARRATIVE_HALF):
                exact = actual / budget * HUNDRED
                _report(tally, rule, claim, "narrative-rate", "completion",
                        expected=exact.quantize(claim.value, ROUND_HALF_UP), actual=claim.value,
                        actual_amount=money(actual), budget=money(budget), exact=f"{exact:.2f}", stated=claim.value)


def check_share(rule: Rule, ctx: Context, tally: Tally) -> None:
    claims = _claims(ctx)
    for claim in claims:
        if claim.kind != "share" or claim.subject is None or claim.value is None:
            continue
        whole_ref = claim.share_base.ref if claim.share_base else claim.subject.share_of
        if whole_ref is None:
            continue
        part, whole = _value(ctx, claim.subject.ref), _value(ctx, whole_ref)
        if part is None or whole is None:
            continue
        if whole.amount < 0:
            tally.not_run.append(f"总额为负数（{money(whole.amount)}），占比无从核对")
            continue
        tally.checks += 1
        if whole.amount == 0:
            if claim.value != 0:
                _report(tally, rule, claim, "narrative-share", "zero-whole")
            continue
        if ratio_fits(claim.value, part.amount, whole.amount, part.half, whole.half):
            continue
        exact = part.amount / whole.amount * HUNDRED
        siblings = [c for c in claims if c.kind == "share" and c.part == claim.part and c.line == claim.line
                    and c.value is not None and (c.share_base.ref if c.share_base else
                                                 (c.subject.share_of if c.subject else None)) == whole_ref]
        unit = Decimal(1).scaleb(-decimals(claim.value))
        balanced = sum((c.value for c in siblings if c.value is not None), ZERO) == HUNDRED \
            and abs(exact - claim.value) <= unit * Decimal("1.5")
        said: dict[str, Any] = {"part": money(part.amount), "whole": money(whole.amount), "exact": f"{exact:.2f}",
                "stated": claim.value}
        if balanced:
            _report(tally, rule, claim, "share-balanced", expected=exact.quantize(unit, ROUND_HALF_UP),
                    actual=claim.value, severity=Severity.INFO, **said)
        else:
            _report(tally, rule, claim, "narrative-share", "share", expected=exact.quantize(unit, ROUND_HALF_UP),
                    actual=claim.value, **said)


def check_flat(rule: Rule, ctx: Context, tally: Tally) -> None:
    """持平 says the change is zero: the subject it is said of must not also go up or down."""
    for sentence in _sentences(ctx):
        text = sentence[0].sentence
        at = text.find("持平")
        while at >= 0:
            tally.checks += 1
            # The subject 持平 is said of: the last number's subject before it.
            before = [c for c in sentence if c.position < at and c.subject is not None]
            said_of = before[-1].subject if before else None
            for claim in before:
                moved = (claim.kind == "level" and claim.direction is not None) or \
                        (claim.kind == "change" and claim.value not in (None, ZERO))
                if moved and claim.subject == said_of:
                    word = "增加" if claim.direction == 1 else "减少"
                    _report(tally, rule, claim, "narrative-contradiction", "unchanged", word=word)
                    break
            at = text.find("持平", at + 2)


def _listings(ctx: Context) -> Iterator[tuple[list[Claim], int]]:
    """The sentences that list items (…，包括 a x 万元, b y 万元), with where the list begins."""
    for sentence in _sentences(ctx):
        listing = sentence[0].sentence.rfind("包括")
        if listing >= 0:
            yield sentence, listing


def check_duplicate(rule: Rule, ctx: Context, tally: Tally) -> None:
    for sentence, listing in _listings(ctx):
        items = [c for c in sentence if c.position > listing and c.kind == "level" and c.subject is not None]
        tally.checks += 1
        seen: set[tuple[str, Decimal | None]] = set()
        for claim in items:
            assert claim.subject is not None
            key = (claim.subject.ref, claim.value)
            if key in seen:
                _report(tally, rule, claim, "narrative-duplicate", subject=claim.subject.phrases[0], stated=claim.value)
            seen.add(key)


def check_itemisation(rule: Rule, ctx: Context, tally: Tally) -> None:
    for sentence, listing in _listings(ctx):
        before = [c for c in sentence if c.position < listing and c.kind == "level" and c.value is not None
                  and c.subject is not None]
        items = [c for c in sentence if c.position > listing and c.kind == "level" and c.value is not None]
        if not before or len(items) < 1:
            continue
        parent = before[-1]
        assert parent.value is not None
        tally.checks += 1
        total = sum((c.value for c in items if c.value is not None), ZERO)
        if abs(total - parent.value) > NARRATIVE_HALF * (len(items) + 1):
            _report(tally, rule, parent, "narrative-itemisation", expected=parent.value, actual=total,
                    total=money(total), stated=parent.value)


def _shortfalls(ctx: Context) -> list[str]:
    """Indicators with a quantitative target their actual value does not reach."""
    perf = ctx.report.facts.performance
    out: list[str] = []
    for project in perf.projects if perf else ():
        for indicator in project.indicators:
            if falls_short(indicator):
                out.append(f"{indicator.level2}（目标 {indicator.target}，实际 {indicator.actual}）")
    return out


def check_targets(rule: Rule, ctx: Context, tally: Tally) -> None:
    claims_text = [(p, line, raw) for p in ctx.report.narrative if p.part in ("explanation", "performance")
                   for line, raw in enumerate(p.text.splitlines(), start=1)
                   if "指标" in raw and _ALL_MET.search(raw.replace(" ", ""))]
    if not claims_text:
        raise NotApplicable("情况说明中没有“指标均已达到”的说法")
    perf = ctx.report.facts.performance
    if not any(measured(i) for p in (perf.projects if perf else ()) for i in p.indicators):
        raise NotRun("没有可核对的量化绩效指标（自评表未读到），无法判断“指标均已达到”是否属实")
    missed = _shortfalls(ctx)
    for part, line, raw in claims_text:
        tally.checks += 1
        if missed:
            match = _ALL_MET.search(raw.replace(" ", ""))
            assert match is not None
            claim = Claim(part.title, line, raw.replace(" ", ""), None, "other", None, None, None,
                          position=match.start())
            _report(tally, rule, claim, "narrative-claim", missed=("；".join(missed), "; ".join(missed)))


_COMPARED = re.compile(r"决算数?(?:与预算数?)?(大于|小于|等于|基本持平|持平)(?:预算数?)?")
_COMPARED_WORDS = ("大于", "小于", "等于", "持平")  # a cheap test before normalising a part for _COMPARED
_BUDGET = re.compile(r"预算(?:数)?(?:为|是)([\d,]+(?:\.\d+)?)万元")
_ACTUAL = re.compile(r"决算(?:数)?(?:为|是)([\d,]+(?:\.\d+)?)万元")


def check_comparison(rule: Rule, ctx: Context, tally: Tally) -> None:
    """决算数大于/小于/等于预算数 against the 预算 and 决算 figures stated just before it."""
    for part in ctx.report.narrative:
        if part.part not in ("explanation", "performance") or not any(w in part.text for w in _COMPARED_WORDS):
            continue
        lines = _part_lines(ctx, part.text)
        text = "".join(lines)
        starts = list(accumulate((len(x) for x in lines[:-1]), initial=0))
        for match in _COMPARED.finditer(text):
            head = text[max(0, match.start() - 80):match.start()]  # the item the statement concludes
            budgets, actuals = list(_BUDGET.finditer(head)), list(_ACTUAL.finditer(head))
            if not budgets or not actuals:
                continue
            tally.checks += 1
            budget = Decimal(budgets[-1].group(1).replace(",", ""))
            actual = Decimal(actuals[-1].group(1).replace(",", ""))
            word = match.group(1)
            holds = {"大于": actual > budget, "小于": actual < budget, "等于": actual == budget,
                     "持平": actual == budget, "基本持平": abs(actual - budget) <= abs(budget) / 100}[word]
            if holds:
                continue
            line = bisect_right(starts, match.start()) - 1
            claim = Claim(part.title, line + 1, lines[line], None, "other", None, None, None,
                          position=match.start() - starts[line])
            _report(tally, rule, claim, "narrative-comparison", expected=budget, actual=actual, budget=money(budget),
                    actual_amount=money(actual), word=word)
    if tally.checks == 0:
        raise NotApplicable("情况说明中没有“决算数大于/小于/等于预算数”的说法")


# Two opposite words run together: one typed over the other and both left (减增加, 大小于).
_CONTRADICTORY = re.compile(r"减增加|增减少|减增长|增减低|大小于|小大于|上升下降|下降上升|增长下降|下降增长")


def check_contradictory_words(rule: Rule, ctx: Context, tally: Tally) -> None:
    for part in ctx.report.narrative:
        if part.part not in ("explanation", "performance"):
            continue
        for number, line in enumerate(_part_lines(ctx, part.text), start=1):
            tally.checks += 1
            for match in _CONTRADICTORY.finditer(line):
                claim = Claim(part.title, number, line, None, "other", None, None, None, position=match.start())
                _report(tally, rule, claim, "narrative-contradiction", "opposites", words=match.group(0))


# A classification name as the text marks it: 社会保障和就业支出(类)行政事业单位养老支出(款)…(项)
_NAMED_LEVEL = re.compile(r"([^\"()\s,;:。、“”‘’'0-9.%]+)\((类|款|项)\)")
_LEVEL_DIGITS = {"类": 3, "款": 5, "项": 7}


def _chains(line: str) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    """The runs of names marked (类)(款)(项) in a line, each as (position, [(level, name), …])."""
    chain: list[tuple[str, str]] = []
    start = end = -1
    for match in _NAMED_LEVEL.finditer(line):
        if chain and match.start() != end:
            yield start, chain
            chain = []
        if not chain:
            start = match.start()
        chain.append((match.group(2), match.group(1)))
        end = match.end()
    if chain:
        yield start, chain


def _same_name(listed: str | None, said: str) -> bool:
    """A parent's name as the text gives it: the table's, or the table's without the 支出 that ends
    every 类 name (一般公共服务(类) for 一般公共服务支出)."""
    return listed is not None and (listed == said or listed == said + "支出")


def check_class_names(rule: Rule, ctx: Context, tally: Tally) -> None:
    """A 类/款/项 the text names with its parents is a row of the 一般公共预算财政拨款支出决算表
    under those parents, by the table's own names."""
    view = ctx.view_with_data("gpb_expenditure")
    names = {str(r.code): plain(r.label) for r in view.table.coded_rows()}
    for part in ctx.report.narrative:
        if part.part not in ("explanation", "performance"):
            continue
        for number, line in enumerate(_part_lines(ctx, part.text), start=1):
            for position, chain in _chains(line):
                if len(chain) < 2:
                    continue  # a name alone: the amount rules judge it
                level, name = chain[-1]
                parents = dict(chain[:-1])
                tally.checks += 1
                digits = _LEVEL_DIGITS[level]
                codes = [c for c, n in names.items() if len(c) == digits and n == name]
                fits = [c for c in codes if all(_same_name(names.get(c[:_LEVEL_DIGITS[lvl]]), n)
                                                for lvl, n in parents.items())]
                if fits:
                    continue
                said = "".join(f"{n}({lvl})" for lvl, n in chain)
                claim = Claim(part.title, number, line, None, "other", None, None, None, position=position)
                if not codes:
                    _report(tally, rule, claim, "narrative-class-name", "unknown", name=name, level=level, said=said)
                    continue
                above = "、".join(f"{names.get(c[:_LEVEL_DIGITS[chain[-2][0]]], '?')}" for c in codes)
                _report(tally, rule, claim, "narrative-class-name", "parent", name=name,
                        codes=("、".join(codes), ", ".join(codes)), parent_level=chain[-2][0], above=above, said=said)
    if tally.checks == 0:
        raise NotApplicable("情况说明中没有以（类）（款）（项）标明的科目")


_CHECKS: dict[str, Evaluator] = {
    "level": check_level,
    "change": check_change,
    "completion": check_completion,
    "share": check_share,
    "flat": check_flat,
    "duplicate": check_duplicate,
    "itemisation": check_itemisation,
    "targets": check_targets,
    "comparison": check_comparison,
    "contradictory_words": check_contradictory_words,
    "class_names": check_class_names,
}


NARRATIVE_EVALUATORS = {"narrative": ByCheck(_CHECKS)}
