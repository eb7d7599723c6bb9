"""Write docs/rules.md from the rule catalogue, so every rule is documented as it is.

    .venv/bin/python tools/rules_doc.py > docs/rules.md
"""

from __future__ import annotations

import sys
from importlib import resources

import yaml

from juesuan.rules import load_rules
from juesuan.rules.catalogue import KINDS, RULE_FILES

_GROUPS = {"tables.yaml": "Inside each table (domain.md §1)", "cross.yaml": "Across tables (domain.md §2)",
           "years.yaml": "Across years (`--prior`)", "codes.yaml": "Classification codes (domain.md §5)",
           "narrative.yaml": "情况说明 against the tables (domain.md §3)", "performance.yaml": "绩效 (domain.md §4)",
           "completeness.yaml": "Completeness (domain.md §6)"}


def render() -> str:
    """The rules as Markdown: id, what it checks, kind, severity, tier and source."""
    rules = load_rules()
    out = ["# 审核 rules", "",
           "Generated from `src/juesuan/rules/data/*.yaml` by `tools/rules_doc.py`; do not edit by hand.", "",
           "Every comparison is made on intervals: a published value with d decimals stands for ±½·10⁻ᵈ.",
           "An `=` rule holds exactly, holds within rounding (an info finding `rounding-gap` with its size), or",
           "fails. One figure printed twice with the same decimals must be identical. A `≥` rule fails only",
           "when no true values within rounding can satisfy it. Cells the reader doubted give `needs-review`,",
           "never an arithmetic error.", "",
           "Every rule makes its comparisons on these intervals, one way: each kind of table rule states its",
           "comparisons in one function (`rules/evaluators.py`), which the checker judges and from which",
           "`rules/identities.py` takes the identities that 舍位平衡 and the reading of text rows hold to.",
           "`.venv/bin/python benchmarks/check.py` prints the time per report (median, best, the",
           "median in units of a fixed Python loop timed beside each check, and a new department's first",
           "check); `benchmarks/check_instructions.py` counts the",
           "machine instructions per check with valgrind, which a busy machine does not change. Both depend",
           "on how Python was built: `.venv` is made from the operating system's own python3, compiled with",
           "profile-guided optimisation, when there is one (README, Benchmarks).", "",
           "Each kind has its own record of parameters (`rules/catalogue.py`, `PARAMS`). A rule file is checked",
           "when it loads: a field the kind does not have, or a table, column, row or check the catalogue does",
           "not know, stops the load with the file, the rule's id and what is wrong — never a rule that",
           "silently does not apply.", "",
           "Kinds:", ""]
    out += [f"- `{kind}`: {meaning}" for kind, meaning in KINDS.items()]
    by_file = {name: [] for name in RULE_FILES}
    ids_by_file: dict[str, set[str]] = {}


    for name in RULE_FILES:
        raw = yaml.safe_load(resources.files("juesuan.rules").joinpath("data", name).read_text(encoding="utf-8"))
        ids_by_file[name] = {str(r["id"]) for r in raw["rules"]}
    for rule in rules:
        for name, ids in ids_by_file.items():
            if rule.id in ids:
                by_file[name].append(rule)
    strict = [r.id for r in rules if r.tier == "strict"]
    out += ["", "Every rule runs on every report; a rule whose tables or columns the report's layout does not",
            "have is not applicable (a 非税收入 rule on a layout without that table, the balance rule of a",
            "T9 printed without balances). `basic` rules run by default, `strict` ones when the",
            f"configuration asks for them (`tiers: [basic, strict]`): {', '.join(strict) or '—'}."]
    for name, group in by_file.items():
        out += ["", f"## {_GROUPS.get(name, name)}", "", "| id | checks | kind | severity | tier | note |",
                "|---|---|---|---|---|---|"]
        for rule in group:
            out.append(f"| `{rule.id}` | {rule.title} | {rule.comparison} | {rule.severity.value} | {rule.tier} "
                       f"| {rule.note} |")
    out += ["", "Not a rule by design: X24 (收入决算表 and 支出决算表 class totals differ by the change in",
            "balances; no identity links them, domain.md §2).", ""]
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(render())
