"""The table catalogue: consistent as data, and matching the real documents' tables."""

from __future__ import annotations

import re

import pytest

from conftest import corpus_file
from juesuan.core.catalogue import TableSpec, catalogue, strip_numbering
from juesuan.core.codes import CodeSystem

KINDS = ["summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic",
         "three_public", "gov_fund", "state_capital"]


def test_templates() -> None:
    cat = catalogue()
    assert list(cat.template("guangzhou-2020").kinds) == [*KINDS, "non_tax"]  # type: ignore[union-attr]
    for year in (2024, 2025):
        template = cat.template(f"shanghai-district-{year}")
        assert template is not None
        assert list(template.kinds) == KINDS
        assert template.spec("state_capital").id == "state_capital_full"  # type: ignore[union-attr]
        assert template.spec("three_public").id == "three_public_paired"  # type: ignore[union-attr]


@pytest.mark.parametrize(("template", "classes"), [("guangzhou-2020", 26),
                                                    ("shanghai-district-2024", 26),
                                                    ("shanghai-district-2025", 24)])
def test_expenditure_class_rows(template: str, classes: int) -> None:
    tpl = catalogue().template(template)
    assert tpl is not None
    for kind in ("summary", "fiscal_summary"):
        spec = tpl.spec(kind)
        assert spec is not None
        assert sum(1 for r in spec.rows if r.code is not None) == classes


@pytest.mark.parametrize("spec", list(catalogue().specs.values()), ids=lambda s: s.id)
def test_specs_are_consistent(spec: TableSpec) -> None:
    keys = [c.key for c in spec.columns]
    assert len(keys) == len(set(keys))
    rows = [r.key for r in spec.rows]
    assert len(rows) == len(set(rows))
    sides = {s.key for s in spec.sides}
    for column in spec.columns:
        assert (column.side in sides) if sides else column.side is None
    for row in spec.rows:
        assert (row.side in sides) if sides else row.side is None
        assert row.parent is None or spec.row(row.parent) is not None
    if spec.classified_by is CodeSystem.ECONOMIC:
        assert spec.side_of_code("30101") == "personnel"
        assert spec.side_of_code("30201") == "public"
        assert spec.side_of_code("31002") == "public"


def test_labels_match_with_numbering_and_variants() -> None:
    spec = catalogue().spec("summary")
    assert spec is not None
    row = spec.row("exp_224")
    assert row is not None and row.matches("二十二、灾害防治及应急管理支 出")
    assert strip_numbering("（一）财政拨款") == "财政拨款"
    use = spec.row("use_non_fiscal_surplus")
    assert use is not None and use.matches("使用非财政拨款结余（含专用结余）")
    assert spec.row("exp_210").matches("医疗卫生与计划生育支出")  # type: ignore[union-attr]


def _summary_labels(text: str) -> list[str]:
    labels = []
    for line in text.splitlines():
        # "一、一般公共预算财政拨款收入 4,733.14 一、一般公共服务支出 0.00": labels around amounts
        labels += [p.strip() for p in re.split(r"\s*[\d,]+\.\d\d\s*", line) if p.strip()]
    return labels


def test_shanghai_2025_summary_rows_are_all_known() -> None:
    """Every row label of the ecology bureau's 收入支出决算总表 names a catalogue row, and back."""
    text = corpus_file("shanghai-putuo_ecology-environment_2025_dept-final.txt").read_text(encoding="utf-8")
    page = text.split("=== PAGE 7 ===")[1].split("=== PAGE 8 ===")[0]
    body = page.split("项目 决算数 项目 决算数")[1].split("注：")[0]
    labels = _summary_labels(body)
    spec = catalogue().template("shanghai-district-2025").spec("summary")  # type: ignore[union-attr]
    assert spec is not None
    unmatched = [label for label in labels if not any(r.matches(label) for r in spec.rows)]
    assert unmatched == []
    matched = {r.key for r in spec.rows for label in labels if r.matches(label)}
    assert matched == {r.key for r in spec.rows}
    assert len(labels) == len(spec.rows) == 40


def test_shanghai_2024_fiscal_summary_has_26_classes() -> None:
    """The 财政局 2024 PDF lists 二十四、债务还本支出 … 二十六、抗疫特别国债安排的支出 (pdfium text)."""
    tpl = catalogue().template("shanghai-district-2024")
    assert tpl is not None
    spec = tpl.spec("fiscal_summary")
    assert spec is not None
    for label in ("二十四、债务还本支出", "二十五、债务付息支出", "二十六、抗疫特别国债安排的支出"):
        assert any(r.matches(label) for r in spec.rows)
    corpus_file("shanghai-putuo_finance-bureau_2024_dept-final.pdf")


def test_closing_notes_identify_the_shanghai_tables() -> None:
    text = corpus_file("shanghai-putuo_ecology-environment_2025_dept-final.txt").read_text(encoding="utf-8")
    notes = [line.removeprefix("注：").rstrip("。") for line in text.splitlines() if line.startswith("注：本表")]
    template = catalogue().template("shanghai-district-2025")
    assert template is not None
    found = []
    for note in notes:
        specs = [s for s in template.tables
                 if note.replace("“", '"').replace("”", '"') in
                 [n.replace("“", '"').replace("”", '"') for n in (s.note, *s.note_variants)]]
        assert len(specs) == 1, note
        found.append(specs[0].kind)
    assert found == KINDS


def test_catalogue_doc_is_current() -> None:
    """docs/catalogue.md is generated from the data; regenerate it after changing the catalogue."""
    import runpy

    from conftest import ROOT

    render = runpy.run_path(str(ROOT / "tools" / "catalogue_doc.py"))["render"]
    assert (ROOT / "docs" / "catalogue.md").read_text(encoding="utf-8") == render(), (
        "run: .venv/bin/python tools/catalogue_doc.py > docs/catalogue.md")
