"""`juesuan demo`: the main job on the bundled Guangzhou 2020 example, end to end: read, convert, check."""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console

import juesuan
from juesuan.cli.checking import summary_line
from juesuan.cli.console import styled
from juesuan.cli.messages import say
from juesuan.core.findings import CheckResult, Severity
from juesuan.core.location import Location
from juesuan.core.model import CellKind, Report
from juesuan.io import FORMATS, InputError, load, save, write_atomic
from juesuan.io.texts import DepartmentTexts, read_texts
from juesuan.parse.report import read_report
from juesuan.render import render
from juesuan.render.findings import SEVERITY_NAMES, findings_html
from juesuan.render.narrative import with_explanation
from juesuan.rules import check, load_rules

EXAMPLE = "guangzhou-2020_dept-final.yaml"
SHANGHAI = "shanghai-putuo-ecology-environment-2025_dept-final.yaml"
PUBLISHED = "guangzhou-gov-service-data-bureau_2020_dept-final.txt"


def example_path() -> Path:
    """The bundled example package (examples/ at the top of the source tree)."""
    path = Path(juesuan.__file__).resolve().parents[2] / "examples" / EXAMPLE
    if not path.exists():
        raise InputError(Location(file=str(path)), "找不到自带示例（请在 juesuan 源码目录中运行）",
                         "the bundled example is missing (run from the juesuan source tree)")
    return path


def counts(report: Report) -> dict[str, int]:
    """How much the report holds, for the summary line."""
    cells = [c for t in report.tables.values() for r in t.rows for c in r.cells.values()]
    return {
        "tables": len(report.tables),
        "rows": sum(len(t.rows) for t in report.tables.values()),
        "cells": len(cells),
        "amounts": sum(c.kind is CellKind.AMOUNT for c in cells),
        "blanks": sum(c.kind is CellKind.BLANK for c in cells),
        "texts": sum(c.kind is CellKind.TEXT for c in cells),
        "units": len(report.units),
        "parts": len(report.narrative),
        "terms": len(report.glossary),
    }


def published_text() -> Path | None:
    """The published text the example was transcribed from, when the shared corpus is beside us."""
    path = Path(juesuan.__file__).resolve().parents[3] / "shared" / "corpus" / PUBLISHED
    return path if path.exists() else None


def _amounts(report: Report) -> dict[tuple[str, str, str], object]:
    return {(kind, row.ident, column): cell.amount for kind, table in report.tables.items()
            for row in table.rows for column, cell in row.cells.items()}


def _compare_with_published(console: Console, report: Report, lang: str) -> None:
    """Read the published text itself and compare it, cell by cell, with the data package."""
    path = published_text()
    if path is None:
        console.print(say(lang, "demo_no_corpus"))
        return
    started = time.perf_counter()
    read_back = read_report(path)
    elapsed = (time.perf_counter() - started) * 1000
    ours, theirs = _amounts(report), _amounts(read_back)
    equal = sum(1 for key, value in ours.items() if theirs.get(key) == value)
    console.print(say(lang, "demo_read", path=path, tables=len(read_back.tables), equal=equal, cells=len(ours),
                      ms=f"{elapsed:.0f}"), soft_wrap=True)


def run_demo(console: Console, out_dir: Path, lang: str) -> bool:
    """Load the example, write it in every format, read each back and compare; True if all equal."""
    source = example_path()
    report = load(source)
    console.rule(say(lang, "demo_title", department=report.department, year=report.year))
    console.print(say(lang, "demo_loaded", path=source))
    console.print(say(lang, "demo_counts", **counts(report)))
    console.print(say(lang, "demo_written"), style="bold")
    stem = source.name.removesuffix(".yaml")
    all_equal = True
    for key, (suffixes, _) in FORMATS.items():
        path = save(report, out_dir / f"{stem}{suffixes[0]}", key)
        equal = load(path) == report
        all_equal &= equal
        mark = (say(lang, "demo_ok"), "green") if equal else (say(lang, "demo_bad"), "red")
        # Paths on their own, never cut: the user copies them.
        console.print(styled(f"  {key:<5} {path.stat().st_size:>9,} B  ", mark, f"  {path}"), soft_wrap=True)
    console.print(say(lang, "demo_done", n=len(FORMATS)) if all_equal else say(lang, "demo_failed"))

    _compare_with_published(console, report, lang)

    # 审核: every rule on the example; its findings are the defects the published document has.
    result = check(report)
    page = out_dir / f"{stem}_check.html"
    write_atomic(page, findings_html(report, result, {r.id: r.title for r in load_rules()}, lang).encode("utf-8"))
    console.print(styled((say(lang, "demo_check"), "bold"), " ", summary_line(result, lang)))
    _print_serious(console, result, lang, "  ")
    console.print(f"  {say(lang, 'demo_check_page')} {page}", soft_wrap=True)

    all_equal &= _render(console, report, out_dir / stem, lang)
    _render_shanghai(console, source.with_name(SHANGHAI), out_dir, lang)
    # The example's own published defects are findings, not a failure of the demo.
    return all_equal


def _render(console: Console, report: Report, stem: Path, lang: str) -> bool:
    """Write the disclosure as HTML, Word and PDF with its 情况说明 and 第四部分 绩效 written from the
    numbers (and the department's reasons); read the PDF back with our own reader, compare it and
    check it."""
    texts_file = example_path().with_name("guangzhou-2020_texts.yaml")
    texts = read_texts(texts_file) if texts_file.is_file() else DepartmentTexts()
    report = with_explanation(report, None, texts, performance=True)
    console.print(say(lang, "demo_render"), style="bold")
    for key in ("html", "docx", "pdf"):
        path = stem.with_name(f"{stem.name}_disclosure.{key}")
        started = time.perf_counter()
        write_atomic(path, render(report, key))
        ms = (time.perf_counter() - started) * 1000
        console.print(f"  {key:<5} {path.stat().st_size:>9,} B  {ms:>6,.0f} ms  {path}", soft_wrap=True)
    read_back = read_report(path)
    ours, theirs = _amounts(report), _amounts(read_back)
    equal = sum(1 for k, v in ours.items() if theirs.get(k) == v)
    console.print(say(lang, "demo_render_back", equal=equal, cells=len(ours)))
    result = check(read_back)
    console.print(f"  {say(lang, 'demo_render_check')} {summary_line(result, lang)}", soft_wrap=True)
    _print_serious(console, result, lang, "    ")
    return equal == len(ours)


def _render_shanghai(console: Console, source: Path, out_dir: Path, lang: str) -> None:
    """The second layout: the 生态环境局 2025 example written as HTML and Word with its 情况说明
    generated in the Shanghai sections, then checked (what it still asks the department for is listed)."""
    report = load(source)
    texts_file = source.with_name(source.name.replace("_dept-final.yaml", "_texts.yaml"))
    report = with_explanation(report, None, read_texts(texts_file) if texts_file.is_file() else None)
    console.print(say(lang, "demo_shanghai", department=report.department, year=report.year), style="bold",
                  soft_wrap=True)
    for key in ("html", "docx"):
        path = out_dir / f"{source.stem}_disclosure.{key}"
        started = time.perf_counter()
        write_atomic(path, render(report, key))
        ms = (time.perf_counter() - started) * 1000
        console.print(f"  {key:<5} {path.stat().st_size:>9,} B  {ms:>6,.0f} ms  {path}", soft_wrap=True)
    result = check(report)
    console.print(f"{say(lang, 'demo_shanghai_check')}{summary_line(result, lang)}", soft_wrap=True)
    _print_serious(console, result, lang, "    ")


def _print_serious(console: Console, result: CheckResult, lang: str, indent: str) -> None:
    """The errors and warnings of a check, one per line."""
    for finding in result.findings:
        if finding.severity in (Severity.ERROR, Severity.WARNING):
            name = SEVERITY_NAMES[finding.severity][0 if lang != "en" else 1]
            console.print(f"{indent}{name} {finding.rule} {finding.message(lang)}", soft_wrap=True)
