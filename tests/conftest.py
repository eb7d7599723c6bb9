"""Shared fixtures: the repository's example and the shared corpus of real disclosures."""

from __future__ import annotations

from pathlib import Path

import pytest

import juesuan
from juesuan.core.model import Report
from juesuan.io import load

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GUANGZHOU = EXAMPLES / "guangzhou-2020_dept-final.yaml"
CORPUS = ROOT.parent / "shared" / "corpus"


def pytest_report_header() -> str:
    return f"juesuan: {Path(juesuan.__file__).parent}"


def corpus_file(name: str) -> Path:
    """A file of the shared corpus; the tests need it, so its absence is a failure, not a skip."""
    path = CORPUS / name
    assert path.exists(), f"corpus file missing: {path}"
    return path


@pytest.fixture(scope="session")
def guangzhou() -> Report:
    return load(GUANGZHOU)
