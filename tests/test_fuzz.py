"""A bounded fuzzing run in the test command: mutated inputs of every kind give a report or an
InputError, within the time budget. The large run is `python tests/fuzzing.py` (see its docstring)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings

from fuzzing import Seed, fuzz_inputs, run_one, seeds


def test_every_kind_of_input_has_a_seed_and_every_seed_reads(tmp_path: Path) -> None:
    """The seeds are real inputs that read, so that mutations reach deep into each reader."""
    for seed in seeds():
        run_one(seed, seed.data, tmp_path, write_all=True, expect_report=True)
    kinds = {(seed.kind, seed.suffix) for seed in seeds()}
    assert {("package", s) for s in (".yaml", ".json", ".csv", ".xlsx")} <= kinds
    assert {("disclosure", ".txt"), ("disclosure", ".pdf"), ("config", ".yaml"), ("explain", ".yaml"),
            ("texts", ".yaml"), ("glossary", ".yaml")} <= kinds


@settings(max_examples=120, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(case=fuzz_inputs())
def test_mutated_inputs_give_a_report_or_an_input_error(case: tuple[Seed, bytes, bool], tmp_path: Path) -> None:
    seed, data, write_all = case
    run_one(seed, data, tmp_path, write_all=write_all)
