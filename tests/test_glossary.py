"""名词解释: the standard library, the glossary a report should carry, and the department's own file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml
from click.testing import CliRunner

from conftest import EXAMPLES, GUANGZHOU
from juesuan.cli.main import cli
from juesuan.core.glossary import glossary_for, same_term, standard_terms
from juesuan.core.model import Report
from juesuan.io import load
from juesuan.io.glossary import read_glossary
from juesuan.rules import check, load_rules


def test_the_library_is_current_and_passes_the_glossary_rule(guangzhou: Report) -> None:
    terms = [same_term(e.term) for e in standard_terms()]
    assert len(terms) == len(set(terms)) and "三公经费" in terms
    rules = [r for r in load_rules() if r.id == "K7"]
    assert check(replace(guangzhou, glossary=standard_terms()), rules=rules).findings == ()
    assert check(guangzhou, rules=rules).findings  # the published 2020 text has the old wording


def test_a_report_keeps_its_own_definitions_and_terms(guangzhou: Report) -> None:
    entries = glossary_for(guangzhou)
    by_term = {same_term(e.term): e.definition for e in entries}
    for own in guangzhou.glossary:  # every one of the department's entries, as it wrote it
        assert by_term[same_term(own.term)] == own.definition
    assert [e.term for e in entries[-6:]] == [e.term for e in guangzhou.glossary[-6:]]  # its own terms last
    assert "上缴上级支出" in by_term  # a column of its 支出决算表 the text did not explain

    bare = glossary_for(replace(guangzhou, glossary=()))
    assert {e.term for e in bare} <= {e.term for e in standard_terms()}
    assert next(e for e in bare if e.term == "财政拨款收入").definition.count("国有资本经营预算") == 1


def test_only_terms_the_tables_or_text_use_are_explained() -> None:
    report = load(EXAMPLES / "shanghai-putuo-finance-bureau-2024_dept-final.yaml")
    used = {e.term for e in glossary_for(replace(report, glossary=()))}
    assert "财政拨款收入" in used and "机关运行经费" in used
    nothing = replace(report, template="no-such-template", tables={}, narrative=(), glossary=())
    assert glossary_for(nothing) == ()


def test_the_file_is_written_edited_and_used(tmp_path: Path) -> None:
    terms = tmp_path / "terms.yaml"
    run = CliRunner().invoke(cli, ["glossary", str(GUANGZHOU), "-o", str(terms)], catch_exceptions=False)
    assert run.exit_code == 0
    assert "上缴上级支出" in run.output and "K7" in run.output  # added terms, and the stale definition
    assert read_glossary(terms) == glossary_for(load(GUANGZHOU))

    data = yaml.safe_load(terms.read_text(encoding="utf-8"))
    fixed = next(e.definition for e in standard_terms() if e.term == "财政拨款收入")
    data["terms"][0]["definition"] = fixed
    terms.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    page = tmp_path / "gz.html"
    run = CliRunner().invoke(cli, ["render", str(GUANGZHOU), "--glossary", str(terms), "-o", str(page)],
                             catch_exceptions=False)
    assert run.exit_code == 0 and fixed in page.read_text(encoding="utf-8")

    broken = tmp_path / "broken.yaml"
    broken.write_text("terms:\n  - term: 财政拨款收入\n  - term: 事业收入\n    definition: 指……\n", encoding="utf-8")
    out = tmp_path / "never.html"
    run = CliRunner().invoke(cli, ["render", str(GUANGZHOU), "--glossary", str(broken), "-o", str(out)])
    assert run.exit_code == 2 and "第 1 项" in run.output and not out.exists()
