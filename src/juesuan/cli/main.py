"""The `juesuan` command: parse, show and demo. Thin: each command is a short visible pipeline."""

from __future__ import annotations

import io
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from juesuan import __version__
from juesuan.cli.messages import say
from juesuan.core.limits import limit, limit_error
from juesuan.core.location import Location
from juesuan.io import FORMATS, InputError, OutputError

# Exit codes: 0 done, 1 the check found errors, 2 the input cannot be read, 4 an output cannot be
# written, 70 an internal error (a juesuan defect), 130 interrupted.
EXIT_INPUT, EXIT_OUTPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 2, 4, 70, 130


def _lang() -> str:
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.obj and "lang" in ctx.obj:
            return str(ctx.obj["lang"])
        ctx = ctx.parent
    return "zh"


def _tell(text: str, label: str = "", style: str = "dim") -> None:
    """One line on standard error, optionally after a styled label; the text is printed as it is."""
    from juesuan.cli.console import stderr, styled

    stderr().print(styled((label, style), ": " if _lang() == "en" else "：", text) if label else styled(text))


def _error_line(lang: str, text: str) -> None:
    _tell(text, say(lang, "error"), "bold red")


class _TimeUp(BaseException):
    """The command ran past the seconds limit. A BaseException, as KeyboardInterrupt is: no reader's
    `except Exception` may take it for a problem of the file it was reading."""


def _time_up(_signum: int, _frame: object) -> None:
    raise _TimeUp


def _terminated(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt  # `kill`: stop as on Ctrl-C, so that no temporary file is left behind


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """The one boundary: every failure becomes one clear line and a distinct exit code. Input that
    cannot be read, or a command past the seconds limit, is exit 2; an output that cannot be written
    exit 4; an interruption (Ctrl-C, `kill`) exit 130; anything else is a juesuan defect, exit 70
    with a hint to report it (the traceback only with JUESUAN_DEBUG=1)."""

    @wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        lang = _lang()
        watched = threading.current_thread() is threading.main_thread()  # signals reach only that one
        if watched:
            before = signal.signal(signal.SIGTERM, _terminated), signal.signal(signal.SIGALRM, _time_up)
            signal.alarm(limit("seconds"))
        try:
            return func(*args, **kwargs)
        except _TimeUp:
            _error_line(lang, limit_error("seconds", None, Location()).render(lang))
            sys.exit(EXIT_INPUT)
        except InputError as exc:
            _error_line(lang, exc.render(lang))
            sys.exit(EXIT_INPUT)
        except OutputError as exc:
            if not exc.quiet:
                _error_line(lang, exc.render(lang))
            sys.exit(EXIT_OUTPUT)
        except click.ClickException:
            raise  # usage errors: click prints them and exits 2
        except KeyboardInterrupt:
            _error_line(lang, say(lang, "interrupted"))
            sys.exit(EXIT_INTERRUPTED)
        except Exception as exc:
            if os.environ.get("JUESUAN_DEBUG"):
                traceback.print_exc()
            first = (str(exc).strip().splitlines() or [""])[0][:200]
            _error_line(lang, say(lang, "internal", what=f"{type(exc).__name__}: {first}".rstrip(": ")))
            sys.exit(EXIT_INTERNAL)
        finally:
            if watched:
                signal.alarm(0)
                signal.signal(signal.SIGTERM, before[0])
                signal.signal(signal.SIGALRM, before[1])

    return run


def _version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """The version (worth saying in a bug report)."""
    if not value or ctx.resilient_parsing:
        return
    click.echo(f"juesuan {__version__}")
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="输出语言 / output language")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
              help="显示版本")
@click.pass_context
def cli(ctx: click.Context, lang: str) -> None:
    """juesuan（决算）：部门决算公开的读取、审核、编写与展示。

    \b
    juesuan parse examples/guangzhou-2020_dept-final.yaml --format csv -o out/gz.csv
    juesuan show examples/guangzhou-2020_dept-final.yaml --table summary
    juesuan check examples/guangzhou-2020_dept-final.yaml
    juesuan render examples/guangzhou-2020_dept-final.yaml -o out/gz.pdf
    juesuan demo
    """
    ctx.ensure_object(dict)
    ctx.obj["lang"] = lang


def _print_notes(notes: tuple[str, ...]) -> None:
    """What the reader noticed, on standard error, before the result."""
    for note in notes:
        _tell(note, say(_lang(), "reader_note"))


@cli.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=None,
              help="输出格式；缺省时按 -o 的扩展名，否则为 json")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="输出文件；缺省时打印到标准输出（xlsx 除外）")
@click.option("--template", "template_id", default=None,
              help="按此表样读取公开文件（如 shanghai-district-2025），缺省由文件的表名、表头和行推断")
@guarded
def parse(input_path: Path, fmt: str | None, output: Path | None, template_id: str | None) -> None:
    """读取 INPUT（数据包 .yaml .json .xlsx .csv，或公开文件 .pdf .txt），按所选格式输出。

    \b
    CSV 每个单元格一行，列包括 table_title,row_code,row_label,column_header,value,page。
    """
    from juesuan.api import read_with_notes
    from juesuan.cli.console import STDOUT
    from juesuan.io import dump, format_of, save

    lang = _lang()
    report, notes = read_with_notes(input_path, template_id)
    _print_notes(notes)
    if any(t.printed is not None for t in report.tables.values()):  # read from a published document
        from juesuan.parse.quality import quality
        for line in quality(report).lines(lang):
            _tell(line, say(lang, "reading"))
    key = fmt or (format_of(output) if output is not None else None) or "json"
    if output is None:
        if key == "xlsx":
            raise click.UsageError(say(lang, "xlsx_needs_out"))
        content = dump(report, key)
        assert isinstance(content, str)
        STDOUT.write(content)
        return
    save(report, output, key)
    _tell(say(lang, "wrote", path=output))


@cli.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("--table", "kinds", multiple=True,
              help="只显示这些表（表键，如 summary、income；可重复）")
@guarded
def show(input_path: Path, kinds: tuple[str, ...]) -> None:
    """在终端中按官方表样显示 INPUT 的各张表。"""
    from juesuan.api import read
    from juesuan.cli.console import console
    from juesuan.cli.tables import print_report

    report = read(input_path)
    print_report(console(), report, kinds, _lang())


@cli.command(name="check")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("--prior", "prior_path", type=click.Path(path_type=Path), default=None,
              help="上年报表（数据包），用于跨年度核对")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True,
              help="输出格式")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="输出文件；缺省时打印")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
              help="规则配置（YAML：tiers、disable、severity）")
@click.option("--explain", "explain_path", type=click.Path(path_type=Path), default=None,
              help="出错说明（YAML 列表：rule、table、row、column、text）")
@click.option("-v", "--verbose", is_flag=True, help="也列出不适用于此表样的规则")
@click.option("--template", "template_id", default=None,
              help="按此表样读取公开文件（如 shanghai-district-2025），缺省由文件的表名、表头和行推断")
@guarded
def check_command(input_path: Path, prior_path: Path | None, fmt: str, output: Path | None,
                  config_path: Path | None, explain_path: Path | None, verbose: bool,
                  template_id: str | None) -> None:
    """审核 INPUT：表内、表间、跨年度核对，四舍五入按区间判断。

    \b
    退出码：0 无错误；1 有错误；2 输入无法读取。
    """
    from juesuan.cli.checking import print_text, run_check
    from juesuan.cli.console import STDOUT, console
    from juesuan.io import write_atomic
    from juesuan.render.findings import findings_html, findings_json
    from juesuan.rules import load_rules

    lang = _lang()
    report, result, notes = run_check(input_path, prior_path, config_path, explain_path, template_id)
    _print_notes(notes)
    if fmt == "text":
        if output is None:
            print_text(console(), report, result, lang, verbose)
        else:
            buffer = io.StringIO()
            print_text(console(buffer, width=160, color=False), report, result, lang, verbose)
            write_atomic(output, buffer.getvalue().encode("utf-8"))
    else:
        titles = {r.id: r.title for r in load_rules()}
        content = findings_json(report, result, lang) if fmt == "json" else findings_html(report, result, titles, lang)
        if output is None:
            STDOUT.write(content)
        else:
            write_atomic(output, content.encode("utf-8"))
    if output is not None:
        _tell(say(lang, "wrote", path=output))
    if result.has_errors:
        sys.exit(1)


@cli.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["html", "pdf", "docx", "xlsx"]), default=None,
              help="输出格式；缺省时按 -o 的扩展名（.html .pdf .docx .xlsx）")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="输出文件")
@click.option("--glossary", "glossary_path", type=click.Path(path_type=Path), default=None,
              help="本部门的名词解释文件（juesuan glossary 写出的 YAML）；缺省用数据中的名词解释，没有则用标准库")
@click.option("--narrative", type=click.Choice(["auto", "own", "generated"]), default="auto", show_default=True,
              help="情况说明：own 用数据中的原文，generated 由表中数字生成（广州模板连同第四部分绩效），"
                   "auto 在没有原文或给了 --prior/--texts 时生成（自有的绩效部分保留）")
@click.option("--prior", "prior_path", type=click.Path(path_type=Path), default=None,
              help="上年度的数据或公开文本，生成情况说明时用作上年决算数（缺省用数据中记录的上年数）")
@click.option("--texts", "texts_path", type=click.Path(path_type=Path), default=None,
              help="本部门的文字与数字（YAML：reasons 变动原因；budget_reasons 与年初预算的差异原因；uses 主要用于；"
                   "prior 上年数；budget 年初预算；performance 预算绩效管理情况），生成情况说明时用")
@click.option("--template", "template_id", default=None,
              help="公开模板（表样、情况说明的章节与措辞），如 guangzhou-2020、shanghai-district-2025；"
                   "缺省用数据所记的模板")
@guarded
def render(input_path: Path, fmt: str | None, output: Path, glossary_path: Path | None, narrative: str,
           prior_path: Path | None, texts_path: Path | None, template_id: str | None) -> None:
    """把 INPUT 写成公开文本：封面、目录、各部分、全部表格（按官方表样）与名词解释。

    \b
    PDF 为 A4，表格页横排，页脚有页码，跨页的表格重复表头；
    Word 可编辑，表头跨页重复；Excel 为官方表样，可改后再读回。
    情况说明按模板的章节与措辞生成（广州：一至四及第四部分绩效；上海区级：一至十一）。
    juesuan render examples/guangzhou-2020_dept-final.yaml -o out/gz.pdf
    juesuan render examples/shanghai-putuo-ecology-environment-2025_dept-final.yaml \\
        --texts examples/shanghai-putuo-ecology-environment-2025_texts.yaml -o out/sh.pdf
    """
    from juesuan.api import read
    from juesuan.io import InputError, write_atomic
    from juesuan.render import disclosure_format_of
    from juesuan.render import render as render_report

    fmt = fmt or disclosure_format_of(output.name)
    if fmt is None:
        raise click.UsageError(say(_lang(), "render_format", path=output))
    report = read(input_path, template_id)
    if glossary_path is not None or not report.glossary:
        from dataclasses import replace

        from juesuan.core.glossary import glossary_for
        from juesuan.io.glossary import read_glossary

        own = read_glossary(glossary_path) if glossary_path is not None else ()
        report = replace(report, glossary=glossary_for(report, own))
    has_own = any(p.part == "explanation" and p.text.strip() for p in report.narrative)
    if narrative == "generated" or (narrative == "auto" and (not has_own or prior_path or texts_path)):
        from juesuan.io.texts import DepartmentTexts, read_texts
        from juesuan.render.narrative import with_explanation

        prior = read(prior_path) if prior_path is not None else None
        texts = read_texts(texts_path) if texts_path is not None else DepartmentTexts()
        for entry in texts.unknown_keys(report):
            _tell(say(_lang(), "texts_unknown_key", path=texts_path, entry=entry))
        report = with_explanation(report, prior, texts, performance=True if narrative == "generated" else None)
    if report.money_unit == "元":  # accounts as kept: publish them in 万元 with every identity holding
        from juesuan.balance import BalanceError, balance

        try:
            balanced = balance(report)
        except BalanceError as exc:
            raise InputError(Location(file=str(input_path)), exc.zh, exc.en) from None
        report = balanced.report
        _tell(say(_lang(), "render_balanced", n=len(balanced.changes)))
    write_atomic(output, render_report(report, fmt))
    _tell(say(_lang(), "wrote", path=output))


@cli.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="输出的数据包（.yaml .json .xlsx .csv），单位为万元")
@guarded
def balance(input_path: Path, output: Path) -> None:
    """舍位平衡：把以元为单位的数据包换算为万元（两位小数），并使全部勾稽关系严格成立。

    \b
    每个数只取其精确值上下相邻的两个 0.01 之一；在此前提下，与逐数四舍五入相比
    改动的单元格最少。列出每个改动的单元格（精确值、四舍五入值、公开数）。
    juesuan balance accounts-in-yuan.yaml -o out/published.yaml
    """
    from juesuan.api import read
    from juesuan.balance import BalanceError
    from juesuan.balance import balance as run_balance
    from juesuan.cli.balancing import print_balanced
    from juesuan.cli.console import console
    from juesuan.io import InputError, save

    lang = _lang()
    report = read(input_path)
    try:
        result = run_balance(report)
    except BalanceError as exc:
        raise InputError(Location(file=str(input_path)), exc.zh, exc.en) from None
    save(result.report, output)
    print_balanced(console(), result, lang)
    _tell(say(lang, "wrote", path=output))


@cli.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="输出的名词解释文件（YAML）")
@guarded
def glossary(input_path: Path, output: Path) -> None:
    """写出 INPUT 的名词解释，供本部门编辑并带到下一年度。

    \b
    含表中和文中用到的标准名词（本部门已有定义的用本部门的）以及本部门自己的名词；
    列出与标准库定义不同的名词，便于核对（如旧模板的“财政拨款收入”）。
    juesuan glossary examples/guangzhou-2020_dept-final.yaml -o out/terms.yaml
    juesuan render examples/guangzhou-2020_dept-final.yaml --glossary out/terms.yaml -o out/gz.pdf
    """
    from dataclasses import replace

    from juesuan.api import read
    from juesuan.core.glossary import glossary_for, same_term, standard_terms
    from juesuan.io import write_atomic
    from juesuan.io.glossary import glossary_yaml
    from juesuan.rules import check, load_rules

    lang = _lang()
    report = read(input_path)
    entries = glossary_for(report)
    write_atomic(output, glossary_yaml(entries, f"{report.department} 名词解释").encode("utf-8"))
    standard = {same_term(e.term): e.definition for e in standard_terms()}
    own = {same_term(e.term) for e in report.glossary}
    added = [e.term for e in entries if same_term(e.term) not in own]
    differs = [e.term for e in entries if same_term(e.term) in own and standard.get(same_term(e.term),
                                                                                       e.definition) != e.definition]
    if added:
        _tell(say(lang, "glossary_added", terms="、".join(added)))
    if differs:
        _tell(say(lang, "glossary_differs", terms="、".join(differs)))
    # what the checker says about the definitions themselves (K7: 财政拨款收入 of the old template)
    rules = [r for r in load_rules() if getattr(r.params, "check", "").startswith("glossary")]
    for finding in check(replace(report, glossary=entries), rules=rules).findings:
        _tell(f"  {finding.message(lang)}")
    _tell(say(lang, "wrote", path=output))


@cli.command()
@click.argument("input_path", metavar="FILE", type=click.Path(path_type=Path))
@click.option("--page", "page_number", type=int, default=1, show_default=True, help="页码（从 1 起）")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="输出：.png（PDF 页面图上画出表格线、每个词的框与行号、读到的单元格及其键）"
                   "或 .html（同样的内容；文字来源的单元格键列在所在行旁）")
@guarded
def debug(input_path: Path, page_number: int, output: Path) -> None:
    """画出读取器在某一页上看到的内容（词、行、读到的单元格及其键），用于核对读取是否正确。"""
    from juesuan.io import InputError, write_atomic
    from juesuan.parse import read_document
    from juesuan.parse.debug import debug_html, debug_png
    from juesuan.parse.report import report_from_document

    suffix = output.suffix.lower()
    if suffix not in (".png", ".html", ".htm"):
        raise click.UsageError("输出文件应为 .png 或 .html")
    doc = read_document(input_path)
    try:
        report = report_from_document(doc).report
    except InputError:
        report = None  # words and lines are still worth seeing when no layout fits
    if suffix == ".png":
        data = debug_png(doc, page_number, report)
    else:
        data = debug_html(doc, page_number, report).encode("utf-8")
    write_atomic(output, data)
    _tell(say(_lang(), "wrote", path=output))


@cli.command()
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("out/demo"),
              show_default=True, help="输出目录")
@guarded
def demo(out_dir: Path) -> None:
    """演示：读取自带的广州市 2020 年示例，写成全部数据格式并逐一读回核对。"""
    from juesuan.cli.console import console
    from juesuan.cli.demo import run_demo

    ok = run_demo(console(), out_dir, _lang())
    if not ok:
        sys.exit(1)


def main() -> None:
    """Entry point of the `juesuan` command."""
    cli(prog_name="juesuan")
