"""Flattening facts to (path, value) lines for the 其他事项 sheet, and back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juesuan.io.flat import flatten, unflatten

keys = st.text(alphabet=st.characters(blacklist_characters=".[]", blacklist_categories=("Cs",)),
               min_size=1, max_size=6)
leaves = st.one_of(st.integers(), st.text(max_size=8), st.just("12.30"))
trees = st.recursive(
    leaves,
    lambda inner: st.one_of(st.lists(inner, min_size=1, max_size=3),
                            st.dictionaries(keys, inner, min_size=1, max_size=3)),
    max_leaves=12,
)


@given(st.dictionaries(keys, trees, min_size=1, max_size=4))
def test_unflatten_inverts_flatten(tree: dict) -> None:
    assert unflatten(flatten(tree)) == tree


def test_paths_read_like_the_facts() -> None:
    facts = {"performance": {"projects": [{"indicators": [{"score": "10.00"}, {"score": "6.99"}]}]}}
    assert flatten(facts) == [("performance.projects[0].indicators[0].score", "10.00"),
                              ("performance.projects[0].indicators[1].score", "6.99")]


@pytest.mark.parametrize("path", ["a..b", "a[x]", "[0]", "a[1]", "a.b", ""])
def test_bad_paths_are_rejected(path: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the message is the path itself
        unflatten([("a.b", 1), (path, 2)] if path == "a.b" else [(path, 1)])
