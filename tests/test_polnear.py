"""The PolNeAR reader: brat standoff to gold claims."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import DataError, score_claims
from briefing.evaluation.polnear import load_polnear, parse_ann, score_polnear

POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear"

TEXT = 'The Post reports that the mayor will resign. "We are done," a source said.'
ANN = "\n".join(
    [
        "T1\tSource 0 8\tThe Post",
        "T2\tCue 9 16\treports",
        "T3\tContent 17 44\tthat the mayor will resign.",
        "T4\tAttribution 9 16\treports",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        'T5\tContent 45 52;53 59\t"We are done,"',
        "T6\tSource 60 68\ta source",
        "T7\tCue 69 73\tsaid",
        "T8\tAttribution 69 73\tsaid",
        "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6",
        "T9\tCue 0 3\tThe",
        "T10\tAttribution-no-source 0 3\tThe",
        "E3\tAttribution-no-source:T10 Cue:T9",
        "T11\tDiscard 0 3\tThe",
    ]
)


def test_parse_ann_normalises_content_like_the_guideline():
    claims = parse_ann(ANN, TEXT)
    assert [c["content"] for c in claims] == ["the mayor will resign", "We are done"]
    first = claims[0]
    assert (first["source"], first["cue"], first["kind"]) == ("The Post", "reports", "indirect")
    assert (first["start"], first["end"]) == (17, 44)
    assert (first["source_start"], first["source_end"]) == (0, 8)


def test_parse_ann_errors():
    with pytest.raises(DataError, match="line 1"):
        parse_ann("T1\tSource 0 999\tx", "short", "bad.ann")
    with pytest.raises(DataError, match="line 1"):
        parse_ann("T1\tSource zero 3\tx", "short", "bad.ann")
    assert parse_ann("", "") == []


def test_load_polnear_rejects_other_folders(tmp_path):
    with pytest.raises(DataError, match="not a PolNeAR folder"):
        load_polnear(tmp_path)
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    with pytest.raises(DataError, match="no PolNeAR articles"):
        load_polnear(tmp_path)


def test_load_polnear_small_folder(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a[1].txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a[1]_ab12.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "attributions" / "a[1]_cd34.ann").write_text(ANN, encoding="utf-8")
    articles = load_polnear(tmp_path)
    assert [(a.name, a.annotator) for a in articles] == [("a[1]", "ab12")]
    assert len(load_polnear(tmp_path, all_annotators=True)) == 2
    assert articles[0].to_article().text == TEXT


def test_load_polnear_dev_split():
    if not POLNEAR.is_dir():
        pytest.skip(f"PolNeAR not found at {POLNEAR}")
    articles = load_polnear(POLNEAR)
    assert len(articles) == 84
    total = sum(len(a.claims) for a in articles)
    assert total > 2000
    for article in articles:
        for claim in article.claims:
            assert 0 <= claim["start"] < claim["end"] <= len(article.text)
            assert claim["content"]
    # Gold against itself scores perfectly: the reader and the metric agree.
    assert score_claims(articles[0].claims, articles[0].claims).overall.f1 == 1.0


def test_score_polnear_on_a_few_articles():
    if not POLNEAR.is_dir():
        pytest.skip(f"PolNeAR not found at {POLNEAR}")
    articles = load_polnear(POLNEAR)[:5]
    scores = score_polnear(articles)
    assert scores.overall.gold == sum(len(a.claims) for a in articles)
    assert 0.0 < scores.overall.precision <= 1.0
    with pytest.raises(DataError):
        score_polnear([])
