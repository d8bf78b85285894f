"""Lead-N and the extractive news summarizer: behaviour, hostile input, ROUGE gate."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from rouge_score import rouge_scorer

from briefing import Article, SummarizeOptions, load_summarizer, summarize
from briefing.summarize import looks_like_furniture
from briefing.summarize._extractive import extractive_summary, lead_summary

STORY = (
    "Flood waters forced 2,000 residents of Riverton to leave their homes on Monday, "
    "officials said.\n"
    "Click here to sign up for our newsletter.\n"
    "The river rose four metres overnight after three days of heavy rain across the valley.\n"
    "What should you do if your home floods?\n"
    "Pictured: a flooded street\n"
    "Emergency crews rescued 40 people from rooftops in the flooded districts of Riverton.\n"
    "Mayor Ana Silva said the city would open three shelters for residents who lost homes.\n"
    "Forecasters expect the rain to ease by Wednesday, but the river may rise again.\n"
)


def test_lead_takes_first_sentences_and_sentences_option_changes_n() -> None:
    article = Article(STORY)
    summary = summarize(article, model="lead-3")
    assert summary.model == "lead-3"
    assert summary.source_sentences == (0, 1, 2)
    assert summary.sentences == tuple(s.text for s in article.sentences[:3])
    two = summarize(article, model="lead-3", options=SummarizeOptions(sentences=2))
    assert two.source_sentences == (0, 1)
    assert two.model == "lead-2"
    assert summarize(article, model="lead-5").source_sentences == (0, 1, 2, 3, 4)


def test_extractive_skips_furniture_questions_and_captions() -> None:
    summary = summarize(STORY, model="extractive")
    assert summary.model == "extractive"
    assert len(summary.sentences) == 3
    assert summary.sentences[0].startswith("Flood waters")
    for text in summary.sentences:
        assert "Click here" not in text
        assert not text.endswith("?")
        assert not text.startswith("Pictured")
    # Sentences come back in article order and point at the article's sentences.
    assert list(summary.source_sentences) == sorted(summary.source_sentences)
    article = Article(STORY)
    for index, text in zip(summary.source_sentences, summary.sentences, strict=True):
        assert article.sentences[index].text == text
    assert summary.text == " ".join(summary.sentences)


def test_extractive_avoids_repeating_the_same_fact() -> None:
    repeated = (
        "The central bank raised interest rates by half a point on Thursday to fight inflation.\n"
        "The central bank raised interest rates by half a point on Thursday to curb inflation.\n"
        "Mortgage payments for two million households will rise from next month as a result.\n"
        "Economists had expected a smaller rise after growth slowed in the last quarter.\n"
    )
    summary = extractive_summary(Article(repeated), 2)
    assert summary.source_sentences[0] == 0
    assert 1 not in summary.source_sentences


def test_extractive_word_budget() -> None:
    summary = summarize(STORY, model="extractive", options=SummarizeOptions(max_words=20))
    assert len(summary.sentences) == 1
    assert summary.sentences[0].startswith("Flood waters")


def test_extractive_works_on_tokenized_text() -> None:
    text = (
        "Paul Merson has restarted his row with Andros Townsend after the Tottenham "
        "midfielder was brought on in his team 's 0-0 draw with Burnley on Sunday . "
        "'Just been watching the game , did you miss the coach ? ' Merson put on Twitter . "
        "Townsend was brought on in the 83rd minute for Tottenham as they drew with Burnley . "
        "The former Arsenal man was proven wrong when Townsend hit a stunning equaliser ."
    )
    summary = extractive_summary(Article(text), 2)
    assert summary.sentences[0].startswith("Paul Merson")
    assert len(summary.sentences) == 2


@pytest.mark.parametrize("model", ["lead-3", "extractive"])
@pytest.mark.parametrize(
    "text",
    ["", "   \n\t  ", "\x00\x01\x02", "?!?!", "a" * 50_000, "word " * 20_000, "🙂" * 300],
)
def test_empty_and_hostile_input_never_crashes(model: str, text: str) -> None:
    summary = summarize(text, model=model)
    assert isinstance(summary.text, str)
    assert len(summary.sentences) <= 3
    assert summary.tokens_dropped == 0
    if not text.strip():
        assert summary.text == ""
        assert summary.sentences == ()


def test_all_furniture_falls_back_to_the_lead() -> None:
    text = "Share this\nRead more\nClick here to subscribe\n"
    summary = extractive_summary(Article(text), 2)
    assert summary.source_sentences == (0, 1)


def test_non_text_input_is_an_input_error() -> None:
    from briefing import InputError

    with pytest.raises(InputError, match="expected an Article or a str"):
        summarize(b"bytes", model="lead-3")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        list(load_summarizer("extractive").summarize_many(["fine.", 42]))  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("text", "furniture"),
    [
        ("The minister resigned on Friday after weeks of pressure from her party.", False),
        ("'We will not back down , ' she said .", False),
        ("Click here to read more about the storm and its effects on the town.", True),
        ("Who will replace the minister after her shock resignation on Friday?", True),
        ("Paul Merson had another dig at Andros Townsend after his appearance", True),
        ("FOLLOW OUR LIVE COVERAGE OF THE ELECTION RESULTS TONIGHT.", True),
        ("Too short.", True),
        ("See the pictures at https://example.com/gallery for the whole story now.", True),
        ("", True),
    ],
)
def test_looks_like_furniture(text: str, furniture: bool) -> None:
    assert looks_like_furniture(text) is furniture


# --- ROUGE gate on real CNN/DailyMail test articles ------------------------

_GATE = Path(__file__).parent / "data" / "summarize_rouge_gate.json"
_REF_SPLIT = re.compile(r"(?<=[.!?])\s+(?=\S)")


def _rouge(path: Path) -> dict[str, dict[str, float]]:
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    totals = {name: dict.fromkeys(("rouge1", "rouge2", "rougeLsum"), 0.0) for name in ("l", "e")}
    for record in records:
        article = Article(record["src"])
        reference = "\n".join(_REF_SPLIT.split(record["ref_summ"].strip()))
        for name, summary in (("l", lead_summary(article)), ("e", extractive_summary(article))):
            scores = scorer.score(reference, "\n".join(summary.sentences))
            for key in totals[name]:
                totals[name][key] += 100 * scores[key].fmeasure / len(records)
    return {"lead-3": totals["l"], "extractive": totals["e"]}


@pytest.mark.parametrize("dataset", ["summeval-cnndm", "realsumm-cnndm"])
def test_extractive_beats_lead3_and_holds_its_pinned_rouge(
    dataset: str, summeval_path: Path, realsumm_path: Path
) -> None:
    path = summeval_path if dataset == "summeval-cnndm" else realsumm_path
    gate = json.loads(_GATE.read_text("utf-8"))
    pinned = gate["datasets"][dataset]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != pinned["sha256"]:
        pytest.fail(f"{path} changed (sha256 {digest}); re-measure before re-pinning the gate")
    scores = _rouge(path)
    for metric in ("rouge1", "rouge2"):
        assert scores["extractive"][metric] > scores["lead-3"][metric], (dataset, metric, scores)
    for metric, minimum in pinned["extractive"].items():
        assert scores["extractive"][metric] >= minimum - gate["margin"], (dataset, metric, scores)


def _reference_mmr(article: Article, sentences: int, max_words: int | None) -> tuple[int, ...]:
    """The selection as first written: every round rescores every candidate against
    every pick (cubic in ``sentences``); the fast path must choose exactly the same."""
    import math
    from collections import Counter

    from briefing.summarize import _extractive as ex

    weights = ex.DEFAULT_WEIGHTS
    all_sentences = article.sentences
    candidates = [
        s
        for s in all_sentences
        if not ex.looks_like_furniture(
            s.text, min_words=weights.min_words, max_words=weights.max_words
        )
    ]
    term_lists = [ex._terms(ex._words(s.text)) for s in all_sentences]
    df: Counter[str] = Counter()
    for terms in term_lists:
        df.update(set(terms))
    idf = {t: math.log((1 + len(all_sentences)) / (1 + c)) + 1.0 for t, c in df.items()}
    vectors = [{t: c * idf[t] for t, c in Counter(terms).items()} for terms in term_lists]
    centroid: Counter[str] = Counter()
    for vector in vectors:
        centroid.update(vector)
    relevance = {}
    for rank, s in enumerate(candidates):
        vector = vectors[s.index]
        rest = {t: w - vector.get(t, 0.0) for t, w in centroid.items()}
        centrality = ex._cosine(vector, rest) if vector else 0.0
        relevance[s.index] = 1.0 / (1.0 + rank) + weights.centrality * centrality
    picked: list[int] = []
    used = 0
    remaining = list(candidates)
    while remaining and len(picked) < sentences:
        best, best_score = None, -math.inf
        for s in remaining:
            overlap = max((ex._cosine(vectors[s.index], vectors[p]) for p in picked), default=0.0)
            if overlap >= weights.duplicate:
                continue
            score = relevance[s.index] - weights.redundancy * overlap
            if score > best_score:
                best, best_score = s, score
        if best is None:
            break
        remaining.remove(best)
        n = len(ex._words(best.text))
        if max_words is not None and picked and used + n > max_words:
            continue
        picked.append(best.index)
        used += n
    return tuple(sorted(picked))


@pytest.mark.parametrize(("sentences", "max_words"), [(3, None), (8, 60), (10**5, None)])
def test_fast_selection_matches_rescoring_every_candidate(
    sentences: int, max_words: int | None
) -> None:
    # Repeats and near-repeats exercise the restatement rule and the redundancy
    # penalty; 10**5 sentences selects everything the rule lets through.
    text = (
        STORY
        + STORY.replace("Monday", "Tuesday")
        + " ".join(
            f"Officials in district {i} said the river rose {i} metres after rain on Monday."
            for i in range(30)
        )
    )
    article = Article(text)
    expected = _reference_mmr(article, sentences, max_words)
    got = extractive_summary(article, sentences, max_words=max_words).source_sentences
    assert got == expected
