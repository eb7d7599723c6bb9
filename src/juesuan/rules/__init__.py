"""审核: checking a Report against its rules, with reasoned rounding and coverage."""

from juesuan.rules.catalogue import Rule, load_rules
from juesuan.rules.engine import CheckConfig, Explanation, check

__all__ = ["CheckConfig", "Explanation", "Rule", "check", "load_rules"]
