"""A department's 名词解释 file: the terms it publishes, edited by hand and carried to next year.

    # 广州市政务服务数据管理局 名词解释
    terms:
      - term: 财政拨款收入
        definition: 指单位本年度从本级财政部门取得的财政拨款，……
"""

from __future__ import annotations

from pathlib import Path

import yaml

from juesuan.core.errors import InputError
from juesuan.core.location import Location
from juesuan.core.model import GlossaryEntry
from juesuan.io.syntax import read_yaml_file

__all__ = ["glossary_yaml", "read_glossary"]


def read_glossary(path: Path) -> tuple[GlossaryEntry, ...]:
    """The entries of a glossary file; a clear error naming the entry for anything malformed."""
    where = Location(file=str(path))
    data = read_yaml_file(path)
    terms = data.get("terms") if isinstance(data, dict) else None
    if not isinstance(terms, list):
        raise InputError(where, "应有 terms: 列表（每项含 term 与 definition）",
                         "expected a `terms:` list (each with term and definition)")
    entries = []
    for i, item in enumerate(terms, start=1):
        term = item.get("term") if isinstance(item, dict) else None
        definition = item.get("definition") if isinstance(item, dict) else None
        if not isinstance(term, str) or not term.strip() or not isinstance(definition, str) or not definition.strip():
            raise InputError(Location(file=str(path), field=f"terms 第 {i} 项"), "需要非空的 term 与 definition",
                             "term and definition must both be given")
        entries.append(GlossaryEntry(term.strip(), definition.strip()))
    return tuple(entries)


def glossary_yaml(entries: tuple[GlossaryEntry, ...], heading: str) -> str:
    """The file for a department to edit: a heading comment, then its terms in order."""
    body = yaml.safe_dump({"terms": [{"term": e.term, "definition": e.definition} for e in entries]},
                          allow_unicode=True, sort_keys=False, width=1000)
    return f"# {heading}\n# 可直接编辑：修改定义、增删条目；下一年度用 juesuan render --glossary 本文件\n{body}"
