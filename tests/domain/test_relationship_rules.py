"""What a tag and a note may hold, for any text at all: stored as the rule says, or refused
with a ValidationError naming its field and a message; never another exception."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gestco.domain.errors import ValidationError
from gestco.domain.relationship import TAG_MAX, check_note_kind, check_note_text, check_tag
from gestco.domain.text import storable

any_input = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec=None, categories=None), max_size=50),
    st.none(),
    st.integers(),
    st.binary(max_size=10),
    st.lists(st.text(max_size=3), max_size=2),
)


@settings(max_examples=800, deadline=None)
@given(value=any_input)
@example(value="\ud800")
@example(value="VIP\u202e")
@example(value="\u0301\u0302")
@example(value=" " * 3)
@example(value="x" * (TAG_MAX + 1))
def test_a_tag_is_clean_or_refused_with_a_message(value) -> None:
    try:
        tag = check_tag(value)
    except ValidationError as refused:
        assert refused.field == "tag" and refused.message
        return
    assert tag == tag.strip() and 1 <= len(tag) <= TAG_MAX
    assert storable(tag) and "\n" not in tag and "  " not in tag
    assert check_tag(tag) == tag  # stored as shown: checked again, unchanged


@settings(max_examples=400, deadline=None)
@given(value=any_input)
def test_a_note_is_text_or_refused_with_a_message(value) -> None:
    try:
        text = check_note_text(value)
    except ValidationError as refused:
        assert refused.field == "note" and refused.message
        return
    assert text and storable(text)


@pytest.mark.parametrize("kind", ["", "Note", "fax", None, 1, ["note"]])
def test_an_unknown_kind_is_refused(kind) -> None:
    with pytest.raises(ValidationError):
        check_note_kind(kind)
