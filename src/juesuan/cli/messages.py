"""The command line's own words, in Chinese and English."""

from __future__ import annotations

_MESSAGES: dict[str, tuple[str, str]] = {
    "error": ("错误", "error"),
    "internal": (
        "内部错误：{what}。这是 juesuan 的缺陷，不是您的数据的问题；"
        "请附上输入文件报告此问题（设置 JUESUAN_DEBUG=1 可显示详细信息）。",
        "internal error: {what}. This is a juesuan defect, not a problem with your data; "
        "please report it with the input file (set JUESUAN_DEBUG=1 for details).",
    ),
    "interrupted": ("已中断", "interrupted"),
    "xlsx_needs_out": ("xlsx 是二进制格式，请用 -o 指定输出文件", "xlsx is binary: give an output file with -o"),
    "wrote": ("已写入 {path}", "wrote {path}"),
    "reader_note": ("读取", "reading"),
    "reading": ("读取结果", "as read"),
    "texts_unknown_key": ("注意：{path} 中的「{entry}」不对应报表中的任何单元格（键写错了？），不会用到",
                          "note: '{entry}' in {path} names no cell of the report (a typo?) and will not be used"),
    "render_balanced": ("数据以元为单位：已舍位平衡为万元，{n} 个单元格与逐数四舍五入不同（明细见 juesuan balance）",
                        "the accounts are in 元: balanced into 万元, {n} cells differ from plain rounding "
                        "(juesuan balance lists them)"),
    "glossary_added": ("  补入表中或文中用到的标准名词：{terms}", "  added from the standard library: {terms}"),
    "glossary_differs": ("  措辞与标准库不同（保留本部门的定义，请核对）：{terms}",
                         "  worded otherwise than the standard library (kept as the department wrote them): {terms}"),
    "render_format": ("无法从 {path} 的扩展名判断格式，请用 --format 指定（html pdf docx xlsx）",
                      "cannot tell the format from the suffix of {path}: give --format (html pdf docx xlsx)"),
    "no_table": ("报表中没有表 {kind}（有：{known}）", "the report has no table {kind} (it has: {known})"),
    "demo_title": ("juesuan 演示：{department} {year} 年度部门决算",
                   "juesuan demo: {department}, final accounts {year}"),
    "demo_loaded": ("读取示例数据包 {path}", "loaded the example package {path}"),
    "demo_counts": (
        "{tables} 张表，{rows} 行，{cells} 个单元格（金额 {amounts}，空白 {blanks}，文字 {texts}）；"
        "单位 {units} 个；情况说明 {parts} 部分；名词解释 {terms} 条",
        "{tables} tables, {rows} rows, {cells} cells ({amounts} amounts, {blanks} blank, {texts} text); "
        "{units} units; {parts} narrative parts; {terms} glossary terms",
    ),
    "demo_written": ("写出并读回核对（格式、大小、读回是否一致、路径）：",
                     "written and read back (format, size, equal on reading back, path):"),
    "demo_check": ("审核：", "check:"),
    "demo_read": ("读取公开文本 {path}：找到 {tables} 张表，{equal}/{cells} 个单元格与数据包一致（{ms} 毫秒）",
                  "read the published text {path}: {tables} tables found, {equal}/{cells} cells equal to the "
                  "data package ({ms} ms)"),
    "demo_no_corpus": ("（未找到 shared/corpus 中的公开文本，跳过读取比对）",
                       "(the published text in shared/corpus is not there: reading skipped)"),
    "demo_check_page": ("审核报告（HTML）：", "check report (HTML):"),
    "demo_render": ("写出公开文本，情况说明由表中数字生成（格式、大小、耗时、路径）：",
                    "the disclosure written, its 情况说明 generated from the numbers (format, size, time, path):"),
    "demo_render_check": ("审核读回的 PDF：", "check of the PDF read back:"),
    "demo_render_back": ("  用本工具读回 PDF：{equal}/{cells} 个单元格与数据包一致",
                         "  the PDF read back by juesuan: {equal}/{cells} cells equal to the package"),
    "demo_shanghai": ("上海区级模板：{department} {year} 年度，情况说明（一至十一）由表中数字与本部门文字生成：",
                      "the Shanghai district layout: {department} {year}, its 情况说明 (一 to 十一) generated "
                      "from the numbers and the department's texts:"),
    "demo_shanghai_check": ("  审核生成的文本：", "  check of the generated text:"),
    "demo_ok": ("一致", "equal"),
    "demo_bad": ("不一致", "DIFFERS"),
    "demo_done": ("完成：示例已写成 {n} 种格式，均可无损读回。",
                  "done: the example was written in {n} formats, each reads back without loss."),
    "demo_failed": ("有格式读回后与原数据不一致", "a format did not read back equal"),
    "col_row": ("行", "row"),
    "col_code": ("编码", "code"),
    "col_label": ("项目", "item"),
    "col_line": ("行次", "line"),
    "table_caption": ("单位：{unit}；{rows} 行", "unit: {unit}; {rows} rows"),
}


def say(lang: str, key: str, **params: object) -> str:
    """The message `key` in the chosen language."""
    zh, en = _MESSAGES[key]
    return (en if lang == "en" else zh).format(**params)
