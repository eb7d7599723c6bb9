"""Reading the narrative into claims: a number bound to its subject, with its kind and direction.

A claim is one number of the 情况说明 (万元 or %) read in its own sentence: the subject is the
nearest known phrase before it (data/subjects.yaml, plus the table's own row names), its kind comes
from the words just before it (比上年增加 → a change; 增长 → a rate; 完成预算 → a completion
rate; 占 → a share), and a year is never an amount because only 万元 and % are read.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any, NamedTuple

from juesuan.core.catalogue import catalogue, strip_numbering
from juesuan.core.datafiles import read_data
from juesuan.core.model import Report
from juesuan.core.text import plain, plain_lines

__all__ = ["Claim", "Subject", "forget_patterns", "read_claims"]


@dataclass(frozen=True, slots=True)
class Subject:
    """What a phrase of the narrative stands for: a cell (`kind.row.column`) or a fact."""

    phrases: tuple[str, ...]
    ref: str
    topics: tuple[str, ...] = ()
    share_of: str | None = None
    budget: str | None = None


class Claim(NamedTuple):
    """One number of the narrative in context (a named tuple: a report has hundreds, made fast)."""

    part: str
    line: int            # line of the part's text, from 1
    sentence: str        # the sentence as normalised
    subject: Subject | None
    kind: str            # level | change | rate | budget | completion | share
    value: Decimal | None  # None for "--%" (基数为 0，不可比)
    direction: int | None  # +1 增加/增长, -1 减少/下降, 0 持平
    basis: str | None    # change and rate: prior (上年) or budget (年初预算)
    share_base: Subject | None = None
    position: int = 0    # offset of the number in its sentence


# A number is --, or digits with commas and a point, with a minus sign only where it cannot be a
# range's dash (3-5万元 reads 5), and never starts right after a digit. The pattern opens with the
# class of its first character, which lets the engine skip every other character of the text with one
# test; the lookbehinds after it say what the plain form (?<!\d)-?\d… says before it.
_NUMBER = re.compile(r"(?P<num>[-\d](?:(?<=-)-|(?<!\d-)(?<=-)\d[\d,]*(?:\.\d+)?|(?<!\d\d)(?<=\d)[\d,]*(?:\.\d+)?))"
                     r"(?P<unit>万元|%)")
_SENTENCE_END = re.compile(r"[。;!?？！]")
_HEADING = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))")
_TOP_HEADING = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)")
_HEADING_FIRST = frozenset("第一二三四五六七八九十(")  # the first character of every _HEADING


_Topics = tuple[tuple[str, tuple[str, ...]], ...]


@cache
def _raw_lexicon() -> dict[str, Any]:
    raw: dict[str, Any] = read_data("juesuan.rules", "subjects.yaml")
    return raw


def _read_lexicon(raw: dict[str, Any]) -> tuple[_Topics, tuple[Subject, ...]]:
    topics = tuple((t["topic"], tuple(plain(w) for w in t["words"])) for t in raw.get("topics") or ())
    subjects = tuple(
        Subject(phrases=tuple(plain(p) for p in s["phrases"]), ref=s["ref"] or _UNCHECKED,
                topics=tuple(s.get("topics") or ()), share_of=s.get("share_of"), budget=s.get("budget"))
        for s in raw.get("subjects") or ()
    )
    return topics, subjects


# The ref of phrases named only so that a shorter phrase inside them does not bind (ref: null in the
# lexicon): a number after one has no subject.
_UNCHECKED = "unchecked"


@cache
def _lexicon(template: str = "") -> tuple[_Topics, tuple[Subject, ...]]:
    """The topics and subjects of a layout: its family's own first, then the base's."""
    raw = _raw_lexicon()
    topics, subjects = _read_lexicon(raw)
    family = (raw.get("families") or {}).get(template)
    if family is None:
        return topics, subjects
    own_topics, own_subjects = _read_lexicon(family)
    return (*own_topics, *topics), (*own_subjects, *subjects)


@cache
def _non_tax_subjects(spec_id: str) -> tuple[Subject, ...]:
    """The rows of a 非税收入征缴情况表 layout as subjects (catalogue data: worked out once)."""
    spec = catalogue().spec(spec_id)
    return tuple(Subject(tuple(plain(strip_numbering(v)) for v in (row.label, *row.variants)),
                         f"non_tax.{row.key}.total", ("non_tax",), "non_tax.total.total")
                 for row in (spec.rows if spec else ()) if row.key != "total")


def _layout(report: Report) -> tuple[str, str | None, tuple[tuple[str, str], ...]]:
    """What the report adds to the lexicon, as plain strings (cheap to compare and hash): the layout of
    its 非税 table, and the names of its GPB table's rows that name one code only (an ambiguous name,
    行政运行, binds to nothing)."""
    non_tax = report.tables.get("non_tax")
    gpb = report.tables.get("gpb_expenditure")
    labels: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for row in gpb.coded_rows() if gpb is not None else ():
        labels.setdefault(plain(row.label), []).append(str(row.code))
        names[str(row.code)] = plain(row.label)
    named = [(label, codes[0]) for label, codes in labels.items() if len(codes) == 1 and len(label) >= 2]
    # A name two rows share (款 20899 and 项 2089999 其他社会保障和就业支出) binds only as the text
    # writes it with its parents: …(类)其他社会保障和就业支出(款)其他社会保障和就业支出(项).
    for label, codes in labels.items():
        for code in codes if len(codes) > 1 else ():
            named += [(phrase, code) for phrase in _with_parents(code, label, names)]
    return report.template, (non_tax.spec if non_tax is not None else None), tuple(named)


def _with_parents(code: str, label: str, names: dict[str, str]) -> list[str]:
    """A row's name as the narrative writes it after its parents' names: 款(款)项(项), and
    类(类)款(款)项(项) (the longest phrase wins where a 类(类)款(款) phrase would start the same)."""
    if len(code) == 5 and code[:3] in names:
        return [f"{names[code[:3]]}(类){label}(款)"]
    if len(code) != 7 or code[:5] not in names:
        return []
    pair = f"{names[code[:5]]}(款){label}(项)"
    return [pair] + ([f"{names[code[:3]]}(类){pair}"] if code[:3] in names else [])


@lru_cache(maxsize=64)
def _subjects(template: str, non_tax_spec: str | None, gpb_names: tuple[tuple[str, str], ...]) -> tuple[Subject, ...]:
    _, fixed = _lexicon(template)
    extra = _non_tax_subjects(non_tax_spec) if non_tax_spec is not None else ()
    gpb = tuple(Subject((label,), f"gpb_expenditure.{code}.total", ("gpb",),
                        "gpb_expenditure.total.total" if len(code) == 3 else None) for label, code in gpb_names)
    return (*fixed, *extra, *gpb)


def _topic(line: str, current: str, topics: _Topics) -> str:
    """The topic a heading names (the first in the lexicon's order), else the current one."""
    for topic, words in topics:
        for word in words:
            if word in line:
                return topic
    return current


def _lines(lines: list[str], topics: _Topics) -> Iterator[tuple[int, str, str]]:
    """(line number, topic, line) for the normalised lines of a part that state an amount or a
    percentage, topics from its headings."""
    top = sub = "general"
    for number, line in enumerate(lines, start=1):
        if not line:
            continue
        if line[0] in _HEADING_FIRST:  # most lines are not headings: spare them the two patterns
            if _TOP_HEADING.match(line):
                top = sub = _topic(line, "general", topics)
            elif _HEADING.match(line):
                sub = _topic(line, top, topics)
        if "万元" in line or "%" in line:
            yield number, sub, line


@lru_cache(maxsize=256)
def _alternation(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching the longest of a topic's phrases at each place. Most topics hold only the
    lexicon's phrases, so every report shares theirs, and only a topic with the report's own row names
    (一般公共预算 类款项) is compiled for a new layout.

    The phrases are written as a trie (一般公共预算(?:财政拨款(?:收入|支出)|支出)…): at each place of
    the text the engine follows the one branch its next character allows, deepest first, where a flat
    `a|b|c` alternation would try every phrase in turn. Deepest first is longest first, so the match at
    each place is the one the flat alternation, longest phrases first, would find."""
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = True  # a phrase ends here
    return re.compile(_trie_pattern(trie))


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a phrase may end here: the longer ones first, then nothing more
        return f"(?:{body})?" if len(branches) == 1 else body[:-1] + "|)"
    return body


def forget_patterns() -> None:
    """Drop the compiled subject patterns (for benchmarks measuring a first check)."""
    _alternation.cache_clear()
    _finder.cache_clear()
    _subjects.cache_clear()


@lru_cache(maxsize=64)
def _finder(template: str, non_tax_spec: str | None, gpb_names: tuple[tuple[str, str], ...]) -> _Finder:
    """The finder of a layout's subjects: reports of one layout share it (and its compiled patterns)."""
    return _Finder(_subjects(template, non_tax_spec, gpb_names))


class _Finder:
    """All subject phrases of a topic as one pattern, longest first, matched once per sentence."""

    def __init__(self, subjects: tuple[Subject, ...]) -> None:
        self._subjects = subjects
        self._patterns: dict[str, tuple[re.Pattern[str], dict[str, Subject | None]] | None] = {}

    def _pattern(self, topic: str) -> tuple[re.Pattern[str], dict[str, Subject | None]] | None:
        if topic not in self._patterns:
            by_phrase: dict[str, Subject | None] = {}
            for subject in self._subjects:
                if subject.topics and topic not in subject.topics:
                    continue
                for phrase in subject.phrases:
                    by_phrase.setdefault(phrase, None if subject.ref == _UNCHECKED else subject)
            phrases = tuple(sorted(by_phrase, key=lambda p: (-len(p), p)))
            self._patterns[topic] = (_alternation(phrases), by_phrase) if phrases else None
        return self._patterns[topic]

    def matches(self, sentence: str, topic: str) -> list[tuple[int, Subject | None]]:
        """(end offset, subject) of every phrase in the sentence, in order (None: named, unchecked)."""
        found = self._pattern(topic)
        if found is None:
            return []
        pattern, by_phrase = found
        return [(m.end(), by_phrase[m.group(0)]) for m in pattern.finditer(sentence)]


def _last_before(matches: list[tuple[int, Subject | None]], before: int) -> tuple[Subject | None, int] | None:
    """The subject whose phrase ends nearest before `before`."""
    best: tuple[Subject | None, int] | None = None
    for end, subject in matches:
        if end > before:
            break
        best = (subject, end)
    return best


def read_claims(report: Report, lines_of: Callable[[str], list[str]] = plain_lines) -> list[Claim]:
    """Every number of the 情况说明 and 绩效 parts as a claim, in reading order (`lines_of` gives a
    part's normalised lines: a check shares them between its rules)."""
    finder = _finder(*_layout(report))
    topics = _lexicon(report.template)[0]
    claims: list[Claim] = []
    for part in report.narrative:
        if part.part not in ("explanation", "performance"):
            continue
        for number, topic, line in _lines(lines_of(part.text), topics):
            claims += _line_claims(part.title, number, topic, line, finder)
    return claims


# A sentence that names no subject and opens on the budget or the outturn speaks of the paragraph's.
_GOES_ON = re.compile(r"^[,;:。]?(?:其中[:,]?)?(?:年初预算|全年预算|预算|支出决算|决算)数?为$")
_NEAR = 12  # a subject binds a number at most this many characters before it, with no comma between


def _line_claims(part: str, number: int, topic: str, line: str, finder: _Finder) -> list[Claim]:
    """The claims of one line, each read within its own sentence. The line is searched once for
    numbers and once for subject phrases: neither can cross a sentence's end, so each sentence's
    share of them is what a search of the sentence alone would find."""
    out: list[Claim] = []
    numbers = list(_NUMBER.finditer(line))
    if not numbers:
        return out
    phrases = finder.matches(line, topic)
    ends = [end for end, _ in phrases]
    bounds = iter([m.end() for m in _SENTENCE_END.finditer(line)] + [len(line)])
    sentence_start = sentence_end = 0
    sentence = ""
    previous_end = 0  # where the words before the next number start: the last number, or its sentence
    previous: Subject | None = None
    last_bound: Subject | None = None  # the paragraph's latest subject: 年初预算为 / 支出决算为 go on with it
    for match in numbers:
        start = match.start()
        if start >= sentence_end:  # the first number of a new sentence
            while start >= sentence_end:
                sentence_start, sentence_end = sentence_end, next(bounds)
            sentence = line[sentence_start:sentence_end]
            previous_end, previous = sentence_start, None
        seg = line[previous_end:start]  # the words since the last number
        share_at = seg.rfind("占")
        subject_limit = previous_end + share_at if share_at >= 0 else start
        at = bisect_right(ends, subject_limit) - 1  # the phrase ending nearest before the limit
        subject: Subject | None = None
        if at >= 0 and ends[at] >= previous_end and _close(line[ends[at]:subject_limit]):
            subject = phrases[at][1]
        elif previous is not None and len(seg) <= 14:
            subject = previous  # 比上年增加 x 万元，增长 y%: the same subject goes on
        elif previous is None and _GOES_ON.search(seg):
            subject = last_bound  # "…(项)"257.14万元，主要用于…。年初预算为274.82万元，支出决算为…"
        figure, unit = match.group(1, 2)
        percent = unit == "%"
        # The pattern admits only digits, commas and one point: read it directly.
        value = None if figure == "--" else Decimal(figure.replace(",", ""))
        base = None
        if percent and share_at >= 0:
            after = seg[share_at + 1:]
            hit = _last_before(finder.matches(after, topic), len(after)) if after else None
            base = hit[0] if hit else None
            kind, direction, basis = "share", None, None
        else:
            kind, direction, basis = _classify(seg, line, sentence_start, start, percent)
        out.append(Claim(part, number, sentence, subject, kind, value, direction, basis, base,
                         start - sentence_start))
        previous_end = match.end()
        previous = subject
        last_bound = subject or last_bound
    return out


def _close(between: str) -> bool:
    return len(between) <= _NEAR and "," not in between and ";" not in between


# The words of a change and their direction: a change or rate is read only right after one of them
# (增加/减少为 x 万元 too), so its direction is that word's.
_SIGN = {"增加": 1, "增长": 1, "上升": 1, "减少": -1, "下降": -1, "降低": -1}
_MOVES = tuple(_SIGN)
_BUDGET_ENDS = ("预算", "预算数", "预算为", "预算是", "预算数为", "预算数是")  # 完成(年初)预算 end in 预算
_MOVED_TO = ("增加为", "减少为", "增长为", "下降为")
_COMPLETION = re.compile(r"完成(年初)?预算(数)?(\d[\d,.]*万元)?的?$")
_COMPLETION_REACH = 32  # the longest phrase _COMPLETION can match: look only at the sentence's tail


def _classify(seg: str, line: str, sentence: int, start: int, percent: bool) -> tuple[str, int | None, str | None]:
    """Kind, direction and basis of the number at `start` of a line from the words just before it:
    `seg` since the last number, the sentence (from `sentence`) up to it for the basis."""
    if percent:
        # The pattern ends in $: searched up to `start`, it looks at the sentence's words before the number.
        if _COMPLETION.search(line, max(sentence, start - _COMPLETION_REACH), start):
            return "completion", None, None
        if seg.endswith(_MOVES):
            return "rate", _SIGN[seg[-2:]], _basis(line, sentence, start)
        return "other", None, None
    if seg.endswith(_MOVES):
        return "change", _SIGN[seg[-2:]], _basis(line, sentence, start)
    if seg.endswith(_BUDGET_ENDS):
        return "budget", None, None
    return "level", (_SIGN[seg[-3:-1]] if seg.endswith(_MOVED_TO) else None), None


def _basis(line: str, sentence: int, start: int) -> str:
    """A change or rate is against 年初预算 when its sentence says so before it, else against last year."""
    return "budget" if line.find("比年初预算", sentence, start) >= 0 or line.find("比预算", sentence, start) >= 0 \
        else "prior"
