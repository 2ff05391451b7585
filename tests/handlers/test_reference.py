from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from handlers.reference import ALPHABET, new_reference, normalize_reference


def test_references_have_no_look_alike_characters():
    seen = {new_reference() for _ in range(2000)}
    assert len(seen) > 1990  # 28.6 million possibilities: collisions are rare
    for reference in seen:
        assert len(reference) == 5
        assert not set(reference) & set("0O1IL")


@given(st.text(alphabet=ALPHABET, min_size=5, max_size=5))
def test_typed_back_in_lower_case_with_spaces(reference):
    typed = " ".join(reference.lower())
    assert normalize_reference(typed) == reference


def test_garbage_is_not_a_reference():
    assert normalize_reference("hello world") is None
    assert normalize_reference("") is None
