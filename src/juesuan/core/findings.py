"""Findings: what a check found, as values (design decision 7), and the coverage of a run."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cache

from juesuan.core.datafiles import read_data
from juesuan.core.location import Location

__all__ = ["CheckResult", "Coverage", "Finding", "FindingType", "Location", "Outcome", "RuleRun", "Severity",
           "finding_types"]


class Severity(StrEnum):
    """How much a finding matters. `needs-review`: the reader was unsure, a person must look."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEEDS_REVIEW = "needs-review"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "needs-review": 2, "info": 3}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a check found, with a stable code, where, expected/actual and a message."""

    code: str
    severity: Severity
    rule: str
    location: Location
    message_zh: str
    message_en: str
    expected: Decimal | None = None
    actual: Decimal | None = None
    difference: Decimal | None = None
    explanation: str | None = None  # the user's 出错说明, when one matches

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    @property
    def explained(self) -> bool:
        return self.explanation is not None


@dataclass(frozen=True, slots=True)
class FindingType:
    """A kind of finding, by its code: its name, what it means, what the preparer does about it
    (core/data/findings.yaml; docs/findings.md lists them)."""

    code: str
    group: str
    title_zh: str
    title_en: str
    means_zh: str
    means_en: str
    action_zh: str
    action_en: str
    messages: Mapping[str, tuple[str, str]]  # variant ("" for the only one) → (zh, en) message template

    def title(self, lang: str = "zh") -> str:
        return self.title_en if lang == "en" else self.title_zh

    def message(self, variant: str, fields: Mapping[str, object]) -> tuple[str, str]:
        """The message in Chinese and English, its template's {fields} filled in; a field given as a
        (zh, en) pair is said in each language."""
        zh, en = self.messages[variant]
        return (zh.format_map({k: v[0] if isinstance(v, tuple) else v for k, v in fields.items()}),
                en.format_map({k: v[1] if isinstance(v, tuple) else v for k, v in fields.items()}))


@cache
def finding_types() -> dict[str, FindingType]:
    """Every kind of finding juesuan reports, by code, in the catalogue's order."""
    types = {}
    for code, raw in read_data("juesuan.core", "findings.yaml")["codes"].items():
        variants = raw["messages"] if "messages" in raw else {"": raw["message"]}
        title, means, action = raw["title"], raw["means"], raw["action"]
        types[code] = FindingType(code, str(raw["group"]), str(title["zh"]), str(title["en"]), str(means["zh"]),
                                  str(means["en"]), str(action["zh"]), str(action["en"]),
                                  {k: (str(v["zh"]), str(v["en"])) for k, v in variants.items()})
    return types


class Outcome(StrEnum):
    """What became of one rule in a run: nothing unchecked is shown as passing."""

    HELD = "held"
    ROUNDING = "rounding"      # held only within the rounding of the published values
    FAILED = "failed"
    NOT_RUN = "not-run"


@dataclass(frozen=True, slots=True)
class RuleRun:
    """One rule's outcome; `checks` counts the comparisons it made, `reason` says why it did not run."""

    rule: str
    outcome: Outcome
    checks: int = 0
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Coverage:
    """What a run looked at: the tables found and missing, and every rule's outcome."""

    tables_found: tuple[str, ...] = ()
    tables_missing: tuple[str, ...] = ()
    runs: tuple[RuleRun, ...] = ()

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.runs if r.outcome is outcome)

    @property
    def checks(self) -> int:
        return sum(r.checks for r in self.runs)


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The findings of a run with its coverage."""

    findings: tuple[Finding, ...] = ()
    coverage: Coverage = field(default_factory=Coverage)

    def by_severity(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is severity)

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR and not f.explained for f in self.findings)
