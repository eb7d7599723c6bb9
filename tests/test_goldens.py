"""Every cell of the corpus documents transcribed by hand (tests/goldens/) against what the reader reads."""

from __future__ import annotations

from conftest import corpus_file
from goldens import compare, load_golden
from juesuan.parse.report import read_disclosure


def test_the_subdistrict_text_places_no_number_wrongly() -> None:
    """石泉路街道 2025: blank cells vanish from this text. Where the tables' identities put a row's
    numbers one way only, they go there, and each must then be the printed cell (a row they could
    put either way would stay uncertain); none is read in a wrong column."""
    golden = load_golden("shanghai-putuo_shiquan-subdistrict_2025.yaml")
    report = read_disclosure(corpus_file(golden["source"])).report
    assert (report.department, report.year) == (golden["department"], golden["year"])
    result = compare(report, golden)
    assert result.total > 1000
    assert result.wrong == [] and result.uncertain == []
    assert len(result.placed) > 1000  # most rows lost their blank cells; the identities place them all


def test_the_subdistrict_checks_with_its_real_defects_only() -> None:
    """Its real defects: 212/21201 print 基本支出 1,066.51 where their items add to 10,661.51 (so
    合计 ≠ 基本 + 项目); the 情况说明 gives 基本养老保险缴费 545.84 against 545.85 in the tables, and
    职业年金 "支出决算为245.53万元，完成年初预算的93.57%" where 93.57 % is 257.14 (the table's) of 274.82;
    two words typed over their opposites: "比 2024 年度减增加", "决算数大小于预算数"; and 类/款/项 names
    that are not the table's (统计信息事务 named as a 项, 其他公共安全支出 put under 司法, two misspelt)."""
    from juesuan.core.findings import Severity
    from juesuan.rules import check

    report = read_disclosure(corpus_file("shanghai-putuo_shiquan-subdistrict_2025_dept-final.txt")).report
    serious = [f for f in check(report).findings if f.severity in (Severity.ERROR, Severity.WARNING)]
    assert {(f.rule, f.location.row) for f in serious if f.rule == "T5-a"} == {("T5-a", "212"), ("T5-a", "21201")}
    rest = [f for f in serious if f.rule not in ("T5-a", "NR11")]
    assert [f.rule for f in rest] == ["NR1", "NR3", "NR10", "NR10"]
    assert "545.84" in rest[0].message("zh") and "245.53" in rest[1].message("zh")
    assert ["减增加" in rest[2].message("zh"), "大小于" in rest[3].message("zh")] == [True, True]
    # four 类/款/项 names the text gets wrong against its own table
    names = [f.message("zh") for f in serious if f.rule == "NR11"]
    assert [("统计信息事务" in m, "司法(款)" in m, "归口管理" in m, "其他社区城乡" in m) for m in names] == [
        (True, False, False, False), (False, True, False, False), (False, False, True, False),
        (False, False, False, True)]


def test_every_cell_of_the_university_pdf_reads_as_printed() -> None:
    """西南大学 2024: a ruled PDF of the 高等学校 family; every cell exact, none uncertain."""
    golden = load_golden("chongqing_southwest-university_2024.yaml")
    report = read_disclosure(corpus_file(golden["source"])).report
    result = compare(report, golden)
    assert result.wrong == [] and result.uncertain == []
    assert result.total > 500


def test_every_coded_row_of_the_golden_documents_reads_with_its_printed_name() -> None:
    """A name wrapped around its code and amounts (head above, tail below) is one name again, and a
    name never runs on into the head of the next row's (石泉路街道: 城乡社区管理事 / 21201 … / 务)."""
    from juesuan.core.catalogue import strip_numbering

    for name in ("shanghai-putuo_shiquan-subdistrict_2025.yaml", "chongqing_southwest-university_2024.yaml"):
        golden = load_golden(name)
        report = read_disclosure(corpus_file(golden["source"])).report
        printed = {(t["title"], str(r["code"])): strip_numbering(str(r["label"]))
                   for t in golden["tables"] for r in t.get("rows") or [] if r.get("code")}
        read = {(t["title"], str(r.code)): strip_numbering(r.label) for t in golden["tables"]
                for k, table in report.tables.items() if table.title == t["title"] or k == t.get("kind")
                for r in table.coded_rows()}
        said = " ".join(d for table in report.tables.values() for d in table.doubts)
        # a name replaced from the name list is said in the table's doubts (石泉路 prints the
        # pre-2025 name 行政事业单位离退休 for 20805, whose 2025 name the list gives)
        wrong = {key: (label, read.get(key)) for key, label in printed.items()
                 if read.get(key) != label and f"{key[1]} 的名称「{label}」" not in said}
        assert wrong == {}, name
