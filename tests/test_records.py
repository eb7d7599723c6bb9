"""quick_init: frozen records made through their slots behave exactly as the dataclass made them."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from juesuan.core.findings import Finding, Location, RuleRun, Severity
from juesuan.core.records import quick_init
from juesuan.core.scoring import Measure
from juesuan.rules.context import TableView


def _record(name: str) -> type:
    """The same record twice: one made by the dataclass's own __init__, one by quick_init's."""
    cls = dataclasses.make_dataclass(name, [("name", str), ("amount", Decimal), ("page", int | None, None),
                                            ("note", str, "—")], frozen=True, slots=True)
    cls.__module__ = __name__  # found here when unpickled
    return cls


Plain = _record("Plain")
Quick = quick_init(_record("Quick"))


CALLS = [
    (("a", Decimal("1.50")), {}),
    (("a", Decimal("1.50"), 3), {}),
    (("a",), {"amount": Decimal(2), "note": "x"}),
    ((), {"name": "b", "amount": Decimal("0.00"), "page": None}),
]


@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_a_quick_record_is_the_record_the_dataclass_makes(args: tuple[object, ...], kwargs: dict[str, object]) -> None:
    plain, quick = Plain(*args, **kwargs), Quick(*args, **kwargs)
    assert dataclasses.astuple(quick) == dataclasses.astuple(plain)
    assert repr(quick) == repr(plain).replace("Plain", "Quick")
    assert quick == Quick(*args, **kwargs) and hash(quick) == hash(Quick(*args, **kwargs))
    assert pickle.loads(pickle.dumps(quick)) == quick and copy.deepcopy(quick) == quick
    assert dataclasses.replace(quick, note="y").note == "y"
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick.name = "c"


@pytest.mark.parametrize(("args", "kwargs"), [
    ((), {}), (("a",), {}), (("a", 1, 2, "n", "extra"), {}), (("a", 1), {"name": "b"}), (("a", 1), {"other": 2}),
])
def test_wrong_arguments_fail_as_they_do_for_the_dataclass(args: tuple[object, ...], kwargs: dict[str, object]) -> None:
    with pytest.raises(TypeError) as plain:
        Plain(*args, **kwargs)
    with pytest.raises(TypeError) as quick:
        Quick(*args, **kwargs)
    assert str(quick.value) == str(plain.value).replace("Plain", "Quick")


@pytest.mark.parametrize("cls", [Location, Finding, RuleRun, Measure, TableView])
def test_the_records_a_check_makes_keep_their_signature(cls: type) -> None:
    parameters = list(inspect.signature(cls).parameters.values())
    fields = dataclasses.fields(cls)
    assert [p.name for p in parameters] == [f.name for f in fields]
    assert [p.default for p in parameters] == [inspect.Parameter.empty if f.default is dataclasses.MISSING
                                               else f.default for f in fields]


def test_a_finding_is_made_and_changed_as_before() -> None:
    where = Location(table="income", row="201", page=3)
    finding = Finding("sum-mismatch", Severity.ERROR, "T2-a", where, "中", "en", Decimal(1), Decimal(2), Decimal(1))
    assert finding.location.row == "201" and finding.location.column is None and finding.explanation is None
    changed = dataclasses.replace(finding, severity=Severity.INFO)
    assert changed.severity is Severity.INFO and changed.location is where and finding.severity is Severity.ERROR


def test_records_it_cannot_make_are_refused() -> None:
    @dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclass(slots=True)
    class NotFrozen:
        a: int

    @dataclass(frozen=True, slots=True)
    class Factory:
        a: list[int] = field(default_factory=list)

    @dataclass(frozen=True, slots=True)
    class Derived:
        a: int
        b: int = field(init=False, default=0)

    @dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            pass

    for cls in (NoSlots, NotFrozen, Factory, Derived, Checked):
        with pytest.raises(TypeError, match=cls.__name__):
            quick_init(cls)
