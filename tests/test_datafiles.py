"""juesuan's own data files: parsed once, then loaded from the cache; the cache is only ever a copy."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from juesuan.core.datafiles import cache_dir, read_data


def test_the_cache_gives_what_the_yaml_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUESUAN_CACHE", str(tmp_path))
    text = resources.files("juesuan.rules").joinpath("data", "cross.yaml").read_text(encoding="utf-8")
    first = read_data("juesuan.rules", "cross.yaml")  # parsed, then kept
    assert first == yaml.safe_load(text)
    (kept,) = list(tmp_path.iterdir())
    assert kept.name.startswith("juesuan.rules.cross.yaml.")
    assert read_data("juesuan.rules", "cross.yaml") == first  # loaded from the copy


def test_a_damaged_or_unwritable_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUESUAN_CACHE", str(tmp_path))
    want = read_data("juesuan.core", "glossary.yaml")
    (kept,) = list(tmp_path.iterdir())
    kept.write_bytes(b"\x00not marshal")
    assert read_data("juesuan.core", "glossary.yaml") == want
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("JUESUAN_CACHE", str(blocked / "sub"))  # a folder that cannot be made
    assert read_data("juesuan.core", "glossary.yaml") == want
    assert cache_dir() == blocked / "sub"
