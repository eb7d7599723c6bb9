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
EXAMPLES = ROOT / "examples"
GUANGZHOU = EXAMPLES / "guangzhou-2020_dept-final.yaml"
CORPUS = ROOT.parent / "shared" / "corpus"


def pytest_configure(config: pytest.Config) -> None:
    """scripts/test runs the suite on the working copy (pure Python) and then, with
    JUESUAN_EXPECT_COMPILED=1, on the compiled build: make sure each run got the build it means."""
    want = "compiled" if os.environ.get("JUESUAN_EXPECT_COMPILED") == "1" else "pure"
    if rules.build() != want:
        raise pytest.UsageError(f"expected the {want} build of the checker, but {rules.__file__} is the "
                                f"{rules.build()} one (JUESUAN_EXPECT_COMPILED=1 asks for the compiled build)")


def pytest_report_header() -> str:
    return f"juesuan: {Path(juesuan.__file__).parent} (checker: {rules.build()})"


def corpus_file(name: str) -> Path:
    """A file of the shared corpus; the tests need it, so its absence is a failure, not a skip."""
    path = CORPUS / name
    assert path.exists(), f"corpus file missing: {path}"
    return path


@pytest.fixture(scope="session")
def guangzhou() -> Report:
    return load(GUANGZHOU)
