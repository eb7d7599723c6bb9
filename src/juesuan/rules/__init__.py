"""审核: checking a Report against its rules, with reasoned rounding and coverage."""

from importlib.machinery import EXTENSION_SUFFIXES

from juesuan.rules import engine
from juesuan.rules.catalogue import Rule, load_rules
from juesuan.rules.engine import CheckConfig, Explanation, check

__all__ = ["CheckConfig", "Explanation", "Rule", "build", "check", "load_rules"]


def build() -> str:
    """Which build of the checker runs: "compiled" (mypyc, as `pip install .` makes it) or "pure"."""
    return "compiled" if engine.__file__.endswith(tuple(EXTENSION_SUFFIXES)) else "pure"
