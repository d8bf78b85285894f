"""ROUGE figures against rouge-score itself, and the bootstrap's behaviour."""

from __future__ import annotations

import numpy as np
import pytest
from rouge_score import rouge_scorer

from briefing import ConfigError, split_sentences
from briefing.evaluation import bootstrap_interval, rouge_per_article
from briefing.evaluation._rouge import bootstrap_indices, sentences_per_line

SUMMARY = "The council approved the budget on Tuesday. Taxes will rise by 3%."
REFERENCES = [
    "The city council approved a new budget. Property taxes rise 3%.",
    "Councillors voted for the budget on Tuesday after a long debate.",
]


def _direct(reference: str, summary: str) -> dict[str, float]:
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    ref = "\n".join(s.text for s in split_sentences(reference))
    pred = "\n".join(s.text for s in split_sentences(summary))
    return {k: v.fmeasure for k, v in scorer.score(ref, pred).items()}


def test_single_reference_equals_rouge_score() -> None:
    got = rouge_per_article(SUMMARY, REFERENCES[:1])
    assert got == pytest.approx(_direct(REFERENCES[0], SUMMARY), abs=1e-12)


def test_several_references_take_the_best_per_measure() -> None:
    got = rouge_per_article(SUMMARY, REFERENCES)
    each = [_direct(r, SUMMARY) for r in REFERENCES]
    for measure in ("rouge1", "rouge2", "rougeLsum"):
        assert got[measure] == pytest.approx(max(e[measure] for e in each), abs=1e-12)


def test_rouge_lsum_uses_one_sentence_per_line() -> None:
    # Two sentences in swapped order: summary-level LCS (Lsum) matches both, while
    # plain ROUGE-L over the joined text can only match one of them.
    reference = "Alpha beta gamma delta. Epsilon zeta eta theta."
    summary = "Epsilon zeta eta theta. Alpha beta gamma delta."
    lsum = rouge_per_article(summary, [reference])["rougeLsum"]
    plain_l = rouge_scorer.RougeScorer(["rougeL"]).score(reference, summary)["rougeL"].fmeasure
    assert lsum == pytest.approx(1.0)
    assert plain_l < 0.6
    assert sentences_per_line(summary).count("\n") == 1


def test_hand_made_exact_figures() -> None:
    got = rouge_per_article("the cat sat", ["the cat sat on the mat"])
    # rouge1: 3 of 3 predicted, 3 of 6 reference -> F = 2*1*0.5/1.5.
    assert got["rouge1"] == pytest.approx(2 / 3)
    # rouge2: bigrams "the cat", "cat sat" both in the reference's 5 bigrams.
    assert got["rouge2"] == pytest.approx(2 * 1 * 0.4 / 1.4)


@pytest.mark.parametrize(
    ("summary", "references"), [("", ["a reference"]), ("a summary", []), ("text", ["", "  "])]
)
def test_empty_inputs_give_zero(summary: str, references: list[str]) -> None:
    assert rouge_per_article(summary, references) == {
        "rouge1": 0.0,
        "rouge2": 0.0,
        "rougeLsum": 0.0,
    }


def test_hostile_text_does_not_break_rouge() -> None:
    got = rouge_per_article("!!! ??? ...\n\n\t", ["¿¡ — …"])
    assert all(0.0 <= v <= 1.0 for v in got.values())


def test_bootstrap_interval_contains_the_mean() -> None:
    values = np.random.default_rng(1).uniform(0, 1, 50).tolist()
    interval = bootstrap_interval(values, resamples=500, seed=3)
    assert interval.low <= interval.mean <= interval.high
    assert interval.mean == pytest.approx(float(np.mean(values)))
    assert interval.n == 50


def test_bootstrap_narrows_with_more_data() -> None:
    rng = np.random.default_rng(7)
    small = bootstrap_interval(rng.normal(0.4, 0.1, 20).tolist(), seed=0)
    large = bootstrap_interval(rng.normal(0.4, 0.1, 2000).tolist(), seed=0)
    assert (large.high - large.low) < (small.high - small.low) / 4


def test_bootstrap_is_seeded() -> None:
    values = np.random.default_rng(2).uniform(0, 1, 40).tolist()
    a = bootstrap_interval(values, seed=11)
    b = bootstrap_interval(values, seed=11)
    c = bootstrap_interval(values, seed=12)
    assert a == b
    assert (a.low, a.high) != (c.low, c.high)


def test_bootstrap_default_is_1000_resamples() -> None:
    assert bootstrap_indices(5, 1000, 0).shape == (1000, 5)


def test_bootstrap_of_nothing_and_bad_settings() -> None:
    assert bootstrap_interval([]).n == 0
    with pytest.raises(ConfigError, match="resamples"):
        bootstrap_interval([0.1, 0.2], resamples=0)
    with pytest.raises(ConfigError, match="confidence"):
        bootstrap_interval([0.1, 0.2], confidence=1.5)


def test_constant_values_give_a_point_interval() -> None:
    interval = bootstrap_interval([0.5] * 10)
    assert (interval.low, interval.mean, interval.high) == pytest.approx((0.5, 0.5, 0.5))
