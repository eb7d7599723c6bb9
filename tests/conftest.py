"""Shared fixtures: the repository's example and the shared corpus of real disclosures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import juesuan
from juesuan import rules
from juesuan.core.model import Report
from juesuan.io import load

ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config: pytest.Config) -> None:
    """The second run of scripts/test is meant for the compiled checker: make sure it got it."""
    if os.environ.get("JUESUAN_EXPECT_COMPILED") == "1" and rules.build() != "compiled":
        raise pytest.UsageError(f"JUESUAN_EXPECT_COMPILED=1, but the checker in {rules.__file__} is pure Python")


def pytest_report_header() -> str:
    return f"juesuan: {Path(juesuan.__file__).parent} (checker: {rules.build()})"
EXAMPLES = ROOT / "examples"
GUANGZHOU = EXAMPLES / "guangzhou-2020_dept-final.yaml"
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_file(name: str) -> Path:
    """A file of the shared corpus; the tests need it, so its absence is a failure, not a skip."""
    path = CORPUS / name
    assert path.exists(), f"corpus file missing: {path}"
    return path


@pytest.fixture(scope="session")
def guangzhou() -> Report:
    return load(GUANGZHOU)
