"""The mention table of ``briefing.claims._speakers``: what its faster paths must
keep (a run's context still counts when its words are cached; the group search,
which stops early, finds what a search of the whole text finds)."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.claims import _speakers
from briefing.claims._lexicon import alternation
from briefing.claims._speakers import _GROUP, Mention, MentionTable


def _people(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(m.name, m.gender, m.roles) for m in MentionTable(text).mentions if m.kind == "person"]


def test_same_name_takes_roles_and_gender_from_each_context() -> None:
    # The words "Ravel Ostrik" are classified once; the role word before each
    # occurrence and the pronoun after the first are read every time.
    text = (
        "Ravel Ostrik, who ran her campaign in May, spoke first.\n"
        "Later spokesman Ravel Ostrik said nothing.\n"
        "Ravel Ostrik, a lawyer for the families, declined to comment."
    )
    assert _people(text) == [
        ("Ravel Ostrik", "f", ()),
        ("Ravel Ostrik", "m", ("spokesman",)),
        ("Ravel Ostrik", "", ("lawyer", "lawyer")),
    ]


def test_possessive_splits_a_run_and_surnames_follow_full_names() -> None:
    # "Guyana" names no one known; "Later Persaud" is Sandra Persaud (the
    # mention starts where its run does).
    table = MentionTable("Guyana's Sandra Persaud spoke. Later Persaud left.")
    assert [(m.start, m.name, m.kind) for m in table.mentions] == [
        (9, "Sandra Persaud", "person"),
        (31, "Sandra Persaud", "person"),
    ]


def test_empty_and_hostile_text() -> None:
    assert MentionTable("").mentions == []
    assert list(MentionTable("").groups_before(10)) == []
    assert MentionTable("NAIROBI AFP .... \n\n \t").mentions == []
    assert list(MentionTable("officials" * 500).groups_before(10_000)) == []


def _all_groups(text: str, body: list[tuple[int, int]]) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for lo, hi in body for m in _GROUP.finditer(text, lo, hi)]


@pytest.mark.parametrize("seed", range(20))
def test_groups_before_matches_an_unbounded_search(seed: int) -> None:
    rng = random.Random(seed)
    pieces = [
        "the foreign ministers of Chile and Peru",
        "The officials",
        "lawyers for the families",
        "Officials",
        "said",
        "of",
        "the",
        "residents in",
        "Lima.",
        ".",
        "\n",
        ",",
        "unions",
        "the striking\tnurses at the hospital",
    ]
    text = " ".join(rng.choice(pieces) for _ in range(120))
    cuts = sorted(rng.sample(range(len(text)), 6))
    body = [(cuts[0], cuts[1]), (cuts[2], cuts[3]), (cuts[4], cuts[5])]
    expected = _all_groups(text, body)
    table = MentionTable(text, body=body)
    for position in sorted(rng.sample(range(len(text) + 1), 8)):
        got = [(g.start, g.name) for g in table.groups_before(position)]
        assert got == [g for g in reversed(expected) if g[0] < position]
        assert all(isinstance(g, Mention) for g in table.groups_before(position))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *["the", "The", "foreign", "ministers", "Ministers", "MINISTERS", "minister"],
                *["workers", "workersx", "of", "Chile", "and", "Peru", ",", " ", "\t", "."],
            ]
        ),
        max_size=14,
    ).map(" ".join)
)
def test_group_pattern_is_the_plain_alternation(text):
    """_GROUP searches a prefix-factored alternation of the plural nouns; it must
    match exactly where the plain alternation does."""
    plain = re.compile(
        _speakers._GROUP.pattern.replace(
            alternation(_speakers._PEOPLE.split("|")), _speakers._PEOPLE
        )
    )
    assert plain.pattern != _speakers._GROUP.pattern
    assert [m.span() for m in _speakers._GROUP.finditer(text)] == [
        m.span() for m in plain.finditer(text)
    ]
