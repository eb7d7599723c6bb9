"""Write docs/catalogue.md from the table catalogue, so the document never drifts from the data.

    .venv/bin/python tools/catalogue_doc.py > docs/catalogue.md
"""

from __future__ import annotations

import sys

from juesuan.core.catalogue import TableSpec, catalogue


def _spec(spec: TableSpec) -> list[str]:
    lines = [f"### `{spec.id}` — {spec.title}", ""]
    lines.append(f"- kind: `{spec.kind}`")
    if spec.base:
        lines.append(f"- a variant of `{spec.base}` (the fields not given here come from it)")
    if spec.aliases:
        lines.append(f"- also titled: {'；'.join(spec.aliases)}")
    lines.append(f"- closing 注: {spec.note}" + "".join(f"；{v}" for v in spec.note_variants))
    classified = {"function": "功能分类 (3/5/7 digits)", "economic": "经济分类 (3/5 digits)"}
    lines.append(f"- classified rows: {classified.get(str(spec.classified_by), 'none (fixed rows only)')}")
    if spec.sides:
        lines.append(f"- sides: {' | '.join(f'`{s.key}` {s.label}' for s in spec.sides)}")
    if spec.side_by_class:
        pairs = ", ".join(f"{code} → `{side}`" for code, side in spec.side_by_class)
        lines.append(f"- side of a classified row by its 类: {pairs}; others → `{spec.default_side}`")
    lines += ["", "| column key | header | 栏次 | side | variants |", "|---|---|---|---|---|"]
    for c in spec.columns:
        lines.append(f"| `{c.key}` | {c.header} | {c.number or ''} | {c.side or ''} | {'；'.join(c.variants)} |")
    if spec.rows:
        lines += ["", "| row key | label | 行次 | side | code | parent | variants |", "|---|---|---|---|---|---|---|"]
        for r in spec.rows:
            lines.append(f"| `{r.key}` | {r.label} | {r.line or ''} | {r.side or ''} | {r.code or ''} "
                         f"| {r.parent or ''} | {'；'.join(r.variants)} |")
    return [*lines, ""]


def render() -> str:
    """The catalogue as Markdown."""
    cat = catalogue()
    out = ["# The table catalogue", "",
           "Generated from `src/juesuan/core/data/tables.yaml` and `templates.yaml` by",
           "`tools/catalogue_doc.py`; do not edit by hand.", "", "## Templates", "",
           "`national` is the 财政部 template; every other layout is a variant of it (or of a variant),",
           "stating only what differs. How a document's layout is told, and how to add one:",
           "[pdf-reading.md](pdf-reading.md#layouts-the-national-template-and-its-variants).", "",
           "| template | variant of | name | region | years | tables (spec ids) | rows the layout leaves out "
           "| % decimals |",
           "|---|---|---|---|---|---|---|---|"]
    for t in cat.templates.values():
        specs = ", ".join(f"`{s.id}`" for s in t.tables)
        years = ", ".join(map(str, t.years))
        left_out = "; ".join(
            f"`{s.id}`: " + ", ".join(f"`{r.key}` {r.label}" for r in base.rows if s.row(r.key) is None)
            for s in t.tables
            if (base := cat.specs[s.id]) and len(base.rows) != len(s.rows)
        )
        variant_of = f"`{t.base}`" if t.base else ""
        out.append(f"| `{t.id}` | {variant_of} | {t.name} | {t.region} | {years} | {specs} | {left_out} "
                   f"| {t.percent_decimals} |")
    out += ["", "## Table specs", ""]
    for spec in cat.specs.values():
        out += _spec(spec)
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(render())
