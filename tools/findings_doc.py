"""Write docs/findings.md from the catalogue of finding types, so every code is documented as it is.

    .venv/bin/python tools/findings_doc.py > docs/findings.md
"""

from __future__ import annotations

import sys

from juesuan.core.findings import finding_types

_GROUPS = {"tables": "Inside a table", "cross": "Across tables and years", "narrative": "情况说明 against the tables",
           "performance": "绩效", "codes": "Classification codes", "completeness": "What must be published",
           "run": "juesuan itself"}


def render() -> str:
    """The finding types as Markdown, by group: code, title, what it means, what to do."""
    types = finding_types()
    out = ["# Findings (审核结果)", "",
           "Generated from `src/juesuan/core/data/findings.yaml` by `tools/findings_doc.py`; do not edit by hand.", "",
           "Every finding has a code from this list, a severity (错误 error, 警告 warning, 需人工复核",
           "needs-review, 提示 info), the rule that found it ([rules.md](rules.md)), where it is and a message.",
           "The severity belongs to the rule and the case: the same code can be an error in one rule and a",
           "warning in another, and any comparison on a cell the reader doubted is `needs-review`. Each",
           "message is built from its code's template below (one per variant), the `{fields}` filled by the",
           "rule, after the place it points to and before the rule's id and title.", ""]
    for group, heading in _GROUPS.items():
        members = [t for t in types.values() if t.group == group]
        if not members:
            continue
        out += [f"## {heading}", ""]
        for t in members:
            out += [f"### `{t.code}` — {t.title_zh}", "", f"*{t.title_en}.*", "",
                    f"- **含义**：{t.means_zh}", f"- **处理**：{t.action_zh}",
                    f"- *Meaning*: {t.means_en}", f"- *What to do*: {t.action_en}",
                    "- **消息** (message): " + "; ".join(f"`{zh}`" for zh, _ in t.messages.values()), ""]
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(render())
