"""juesuan's own data files (the catalogue, the rules, code names, the glossary), read once.

They are read with libyaml's C loader when PyYAML has it: the pure-Python loader takes about ten
times as long, and every command reads them.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

__all__ = ["read_data"]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_data(package: str, name: str) -> Any:
    """The YAML file `data/<name>` of a juesuan package, as plain values."""
    text = resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_LOADER)  # a safe loader: plain values, no objects
