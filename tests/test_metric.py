"""score_claims and same_speaker on hand-made cases with counts worked out by hand."""

from __future__ import annotations

import pytest

from briefing import Claim, score_claims
from briefing.claims import PRF, same_speaker


def gold(source, content, kind="indirect"):
    return {"source": source, "content": content, "kind": kind}


def test_perfect_match_with_title_difference():
    s = score_claims(
        [gold("Senator Ines Moreau", "the budget is late")],
        [gold("Ines Moreau", "the budget is late")],
    )
    assert (s.overall.precision, s.overall.recall, s.overall.f1) == (1.0, 1.0, 1.0)
    assert s.source_accuracy == 1.0
    assert s.matches == ((0, 0),)


def test_wrong_speaker_is_not_a_match_but_counts_for_source_accuracy():
    s = score_claims(
        [gold("Tom Baker", "the budget is late")], [gold("Ines Moreau", "the budget is late")]
    )
    assert s.overall.matched_gold == 0
    assert s.source_pairs == 1 and s.source_correct == 0
    assert s.source_accuracy == 0.0


def test_coverage_threshold():
    g = [gold("Ines Moreau", "one two three four five")]
    # 3 of 5 gold words = 0.6: enough; 2 of 5: not.
    assert score_claims([gold("Ines Moreau", "one two three")], g).overall.matched_gold == 1
    assert score_claims([gold("Ines Moreau", "one two")], g).overall.matched_gold == 0
    assert (
        score_claims([gold("Ines Moreau", "one two")], g, min_coverage=0.4).overall.matched_gold
        == 1
    )


def test_one_to_one_matching_and_counts():
    g = [gold("A B", "the plan failed badly"), gold("C D", "prices will rise next year")]
    p = [
        gold("A B", "the plan failed badly"),
        gold("A B", "the plan failed badly"),  # a duplicate cannot match twice
        gold("E F", "nothing alike here at all"),
    ]
    s = score_claims(p, g)
    assert (s.overall.matched_predicted, s.overall.predicted, s.overall.gold) == (1, 3, 2)
    assert s.overall.precision == pytest.approx(1 / 3)
    assert s.overall.recall == pytest.approx(1 / 2)
    assert s.overall.f1 == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))


def test_by_kind_precision_by_predicted_recall_by_gold():
    g = [gold("A B", "the plan failed badly", "direct")]
    p = [gold("A B", "the plan failed badly", "indirect")]
    s = score_claims(p, g)
    assert s.by_kind["indirect"].to_dict()["precision"] == 1.0
    assert s.by_kind["indirect"].gold == 0
    assert s.by_kind["direct"].recall == 1.0 and s.by_kind["direct"].predicted == 0


def test_unattributed_matches_only_none():
    g = [gold(None, "the talks collapsed", "unattributed")]
    assert score_claims([gold(None, "the talks collapsed", "unattributed")], g).overall.f1 == 1.0
    assert score_claims([gold("Officials", "the talks collapsed")], g).overall.f1 == 0.0


def test_empty_inputs():
    s = score_claims([], [])
    assert (s.overall.precision, s.overall.recall, s.overall.f1) == (1.0, 1.0, 1.0)
    s = score_claims([gold("A", "x y z")], [])
    assert s.overall.precision == 0.0 and s.overall.recall == 1.0
    s = score_claims([], [gold("A", "x y z")])
    assert s.overall.recall == 0.0 and s.overall.f1 == 0.0


def test_gold_with_no_words_never_matches():
    assert score_claims([gold("A", "...")], [gold("A", "...")]).overall.matched_gold == 0


def test_scores_add_up():
    a = score_claims([gold("A", "x y z")], [gold("A", "x y z")])
    b = score_claims([gold("B", "p q r")], [gold("C", "s t u")])
    total = a + b
    assert (total.overall.matched_gold, total.overall.predicted, total.overall.gold) == (1, 2, 2)
    assert total.source_pairs == 1
    assert total.to_dict()["f1"] == 0.5


def test_claim_objects_and_dicts_mix():
    c = Claim("Ines Moreau", "She", "said", "the budget is late", "indirect", 0, 0, 18)
    assert score_claims([c], [gold("Moreau", "the budget is late")]).overall.f1 == 1.0


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Ines Moreau", "Senator Ines Moreau", True),
        ("Moreau", "Ines Moreau", True),
        ("the US State Department", "State Department", True),
        ("Ines Moreau", "Tom Baker", False),
        (None, None, True),
        (None, "Ines Moreau", False),
        ("the", "The", True),
        ("Moreau's", "Ines Moreau", True),
    ],
)
def test_same_speaker(a, b, same):
    assert same_speaker(a, b) is same


def test_prf_properties():
    assert PRF(0, 0, 0, 0).f1 == 1.0
    assert PRF(0, 5, 0, 5).f1 == 0.0
    assert PRF(1, 2, 1, 4).to_dict() == {
        "precision": 0.5,
        "recall": 0.25,
        "f1": 0.3333,
        "matched": 1,
        "predicted": 2,
        "gold": 4,
    }
