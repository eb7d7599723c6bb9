"""The table catalogue: table specs and disclosure templates, loaded from the package's data files.

The catalogue is data (design decision 4): `data/tables.yaml` and `data/templates.yaml`. This
module reads only those packaged files, once, and gives typed, immutable views of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from juesuan.core.codes import CodeSystem
from juesuan.core.datafiles import read_data
from juesuan.core.text import spaceless

__all__ = [
    "Catalogue",
    "ColumnSpec",
    "RowSpec",
    "SideSpec",
    "TableSpec",
    "Template",
    "catalogue",
    "strip_numbering",
]

# 一、 二十六、 (一) 1. at the start of a label; the catalogue stores labels without them.
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])\s*")


def strip_numbering(label: str) -> str:
    """A label without its leading 一、 numbering and without spaces, for matching."""
    return spaceless(_NUMBERING.sub("", label))


@dataclass(frozen=True, slots=True)
class SideSpec:
    key: str
    label: str


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    key: str
    header: str
    side: str | None = None
    number: int | None = None
    variants: tuple[str, ...] = ()

    @property
    def header_levels(self) -> tuple[str, ...]:
        return tuple(self.header.split("/"))


@dataclass(frozen=True, slots=True)
class RowSpec:
    key: str
    label: str
    side: str | None = None
    line: int | None = None
    code: str | None = None
    parent: str | None = None
    variants: tuple[str, ...] = ()
    # The label and its variants as strip_numbering() leaves them: what a published label is matched against.
    names: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", frozenset(strip_numbering(v) for v in (self.label, *self.variants)))

    def matches(self, label: str) -> bool:
        """True when a published label names this row (numbering and spaces ignored)."""
        return strip_numbering(label) in self.names


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One published layout of a table kind."""

    id: str
    kind: str
    title: str
    note: str
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]
    classified_by: CodeSystem | None = None
    aliases: tuple[str, ...] = ()
    note_variants: tuple[str, ...] = ()
    sides: tuple[SideSpec, ...] = ()
    side_by_class: tuple[tuple[str, str], ...] = ()
    default_side: str | None = None
    base: str | None = None  # the spec this one is a variant of
    _by_key: dict[str, ColumnSpec | RowSpec] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Columns and rows by key, for the lookups checking does thousands of times a run.
        self._by_key.update({f"c:{c.key}": c for c in self.columns})
        self._by_key.update({f"r:{r.key}": r for r in self.rows})

    @property
    def two_sided(self) -> bool:
        return bool(self.sides)

    def column(self, key: str) -> ColumnSpec | None:
        found = self._by_key.get(f"c:{key}")
        return found if isinstance(found, ColumnSpec) else None

    def row(self, key: str) -> RowSpec | None:
        found = self._by_key.get(f"r:{key}")
        return found if isinstance(found, RowSpec) else None

    def columns_of(self, side: str | None) -> tuple[ColumnSpec, ...]:
        """The columns of one side (all columns for a one-sided table)."""
        return tuple(c for c in self.columns if c.side == side)

    def side_of_code(self, code: str) -> str | None:
        """The side a classified row stands on, by its 类 (T6: 301/303 are 人员经费)."""
        if not self.sides:
            return None
        for cls, side in self.side_by_class:
            if code.startswith(cls):
                return side
        return self.default_side

    def without_rows(self, keys: frozenset[str]) -> TableSpec:
        return replace(self, rows=tuple(r for r in self.rows if r.key not in keys))


@dataclass(frozen=True, slots=True)
class Template:
    """A disclosure layout of a place and years: the table specs it publishes, in order."""

    id: str
    name: str
    region: str
    years: tuple[int, ...]
    tables: tuple[TableSpec, ...]
    has_line_numbers: bool = False
    percent_decimals: int = 1
    narrative: str = "guangzhou"  # the sections and wording of its 情况说明 (render/narrative.py)
    base: str | None = None  # the template this one is a variant of

    def spec(self, kind: str) -> TableSpec | None:
        return next((t for t in self.tables if t.kind == kind), None)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(t.kind for t in self.tables)

    def misfits(self, specs: Mapping[str, str]) -> list[str]:
        """The tables (kind → spec id) this layout cannot hold: a kind it lacks or prints otherwise."""
        return [kind for kind, spec in specs.items() if (own := self.spec(kind)) is None or own.id != spec]


@dataclass(frozen=True, slots=True)
class Catalogue:
    specs: dict[str, TableSpec] = field(default_factory=dict)
    templates: dict[str, Template] = field(default_factory=dict)

    def spec(self, spec_id: str) -> TableSpec | None:
        return self.specs.get(spec_id)

    def template(self, template_id: str) -> Template | None:
        return self.templates.get(template_id)

    def specs_of_kind(self, kind: str) -> tuple[TableSpec, ...]:
        return tuple(s for s in self.specs.values() if s.kind == kind)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.kind for s in self.specs.values()))


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or ())


def _rows(raw: list[dict[str, Any]], groups: dict[str, list[dict[str, Any]]]) -> list[RowSpec]:
    rows: list[RowSpec] = []
    for item in raw:
        if "expand" in item:
            first = item.get("first_line")
            for i, entry in enumerate(groups[item["expand"]]):
                rows.append(
                    RowSpec(
                        key=entry["key"],
                        label=entry["label"],
                        side=item.get("side"),
                        line=None if first is None else first + i,
                        code=entry.get("code"),
                        variants=_strings(entry.get("variants")),
                    )
                )
            continue
        rows.append(
            RowSpec(
                key=item["key"],
                label=item["label"],
                side=item.get("side"),
                line=item.get("line"),
                code=item.get("code"),
                parent=item.get("parent"),
                variants=_strings(item.get("variants")),
            )
        )
    return rows


def _spec(raw: dict[str, Any], groups: dict[str, list[dict[str, Any]]]) -> TableSpec:
    by_class = raw.get("side_by_class") or {}
    default_side = by_class.get("default")
    pairs = tuple(
        (str(code), side)
        for side, codes in by_class.items()
        if side != "default"
        for code in codes
    )
    classified = raw.get("classified_by", "none")
    return TableSpec(
        id=raw["id"],
        kind=raw["kind"],
        title=raw["title"],
        note=raw["note"],
        aliases=_strings(raw.get("aliases")),
        note_variants=_strings(raw.get("note_variants")),
        sides=tuple(SideSpec(s["key"], s["label"]) for s in raw.get("sides") or ()),
        classified_by=None if classified == "none" else CodeSystem(classified),
        side_by_class=pairs,
        default_side=default_side,
        base=raw.get("base"),
        columns=tuple(
            ColumnSpec(
                key=c["key"],
                header=c["header"],
                side=c.get("side"),
                number=c.get("number"),
                variants=_strings(c.get("variants")),
            )
            for c in raw["columns"]
        ),
        rows=tuple(_rows(raw.get("rows") or [], groups)),
    )


def _load(name: str) -> dict[str, Any]:
    data = read_data("juesuan.core", name)
    if not isinstance(data, dict):
        raise RuntimeError(f"catalogue file {name} is not a mapping")
    return data


def _inherit(raw: dict[str, Any], done: dict[str, dict[str, Any]], what: str) -> dict[str, Any]:
    """A record that names a `base` has every field of its base that it does not give itself."""
    base = raw.get("base")
    if base is None:
        return raw
    if base not in done:
        raise RuntimeError(f"{what} {raw['id']}: base {base!r} is not defined before it")
    return {**done[base], **raw}


_LAYOUT_KEYS = ("tables", "replace", "add", "omit_rows")  # how a template states its tables


@dataclass(frozen=True, slots=True)
class _Layout:
    """A template's tables as spec ids, and the fixed rows it leaves out (kind → row keys)."""

    ids: tuple[str, ...]
    omit: Mapping[str, tuple[str, ...]]


def _layout(raw: dict[str, Any], done: dict[str, _Layout], specs: dict[str, TableSpec]) -> _Layout:
    """A template's own list of tables, or its base's with kinds replaced (replace: kind → spec id)
    and tables added; omit_rows adds to the rows its base leaves out."""
    base = done.get(raw.get("base", ""), _Layout((), {}))
    if "tables" in raw:
        ids = tuple(str(t) for t in raw["tables"])
    else:
        swap = raw.get("replace") or {}
        ids = tuple(swap.get(specs[i].kind, i) for i in base.ids) + tuple(str(t) for t in raw.get("add") or ())
    omit = {**base.omit, **{str(k): tuple(v) for k, v in (raw.get("omit_rows") or {}).items()}}
    return _Layout(ids, omit)


@cache
def catalogue() -> Catalogue:
    """The catalogue of table specs and templates shipped with juesuan. A table spec or a template
    that names a `base` states only what differs from it (design decision 4: layouts are data)."""
    tables = _load("tables.yaml")
    groups = {"expenditure_classes": tables["expenditure_classes"]}
    raw_specs: dict[str, dict[str, Any]] = {}
    for raw in tables["tables"]:
        raw_specs[raw["id"]] = _inherit(raw, raw_specs, "table")
    specs = {spec_id: _spec(raw, groups) for spec_id, raw in raw_specs.items()}
    templates: dict[str, Template] = {}
    fields: dict[str, dict[str, Any]] = {}
    layouts: dict[str, _Layout] = {}
    for given in _load("templates.yaml")["templates"]:
        raw = _inherit({k: v for k, v in given.items() if k not in _LAYOUT_KEYS}, fields, "template")
        layout = layouts[raw["id"]] = _layout(given, layouts, specs)
        fields[raw["id"]] = raw
        templates[raw["id"]] = Template(
            id=raw["id"],
            name=raw["name"],
            region=raw["region"],
            years=tuple(raw["years"]),
            tables=tuple(specs[i].without_rows(frozenset(layout.omit.get(specs[i].kind, ()))) for i in layout.ids),
            has_line_numbers=bool(raw.get("has_line_numbers", False)),
            percent_decimals=int(raw.get("percent_decimals", 1)),
            narrative=str(raw.get("narrative", "guangzhou")),
            base=given.get("base"),
        )
    return Catalogue(specs=specs, templates=templates)
