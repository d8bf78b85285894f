"""The fast splitter must agree with NLTK Punkt (the reference) on real news text."""

from __future__ import annotations

import dataclasses
import glob
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import Sentence, sentences, split_sentences
from briefing.sentences import split_sentences_punkt

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _corpus() -> list[str]:
    texts: list[str] = []
    summeval = DATA / "summeval-cnndm" / "summeval.jsonl"
    xsum = DATA / "xsum-hf-sample" / "sample.json"
    polnear = DATA / "polnear" / "dev" / "text"
    if not (summeval.exists() and xsum.exists() and polnear.is_dir()):
        pytest.skip(f"shared data not found under {DATA}")
    with summeval.open(encoding="utf-8") as f:
        texts += [json.loads(line)["src"] for line in f if line.strip()]
    with xsum.open(encoding="utf-8") as f:
        texts += [json.loads(line)["document"] for line in f if line.strip()]
    texts += [
        Path(p).read_text(encoding="utf-8") for p in sorted(glob.glob(str(polnear / "*.txt")))
    ]
    return texts


def _boundaries(sentences) -> set[int]:
    return {s.end for s in sentences}


def test_agrees_with_punkt_on_news_text():
    agree = total = 0
    for text in _corpus():
        fast = _boundaries(split_sentences(text))
        reference = _boundaries(split_sentences_punkt(text))
        agree += len(fast & reference)
        total += len(fast | reference)
    assert total > 4000
    assert agree / total >= 0.99


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith met Dr. Jones. They talked.",
        "The U.S. Army said so. Gen. Ruiz and Adm. Lee agreed.",
        "It opened on Sept. 4 and closed in Jan. 2020. No. 10 said nothing.",
        "She lives on St. Mark's Place. He does not.",
        "“We won.” The crowd cheered! Did they? Yes...",
        "A. B. Cole wrote in 2011. The end.",
        "Prices rose 4.5 percent . Analysts were surprised . ' It is bad , ' he said .",
        "(He left.) Then she spoke.",
        # Initials and letters joined by periods take the fast path: every way Punkt
        # treats the token after them.
        "Gary L. Wolper said so. J. bach, x. 3 and k.; then Q. (maybe) or Z. “Yes” e. É.",
        "They met in Washington D.C. Chipotle said no. The u.s. cities agreed. A.B.! U.S?",
        "She went to the U.S. (again) and D.C. “home” then e.g. 4 and i.e. more U.S.A. X",
        "He met Maj. Gen. Ruiz at 9 a.m. Eastern. They spoke. L. Wolper. It ended? Yes.",
        # \x1c-\x1f are spaces to re but not to the tokenizer NLTK uses.
        "He went home.\x1cThe end came. He met L. \x1cWolper and J.\x1cbach.",
    ],
)
def test_same_as_punkt_on_hard_cases(text):
    assert split_sentences(text) == split_sentences_punkt(text)


def test_abbreviations_do_not_end_sentences():
    text = (
        "Mr. Ada Ruiz of the U.S. Navy met Dr. Lee, Gen. Obi, Adm. Sato and St. John "
        "on Sept. 4 and Jan. 5 at No. 10."
    )
    assert len(split_sentences(text)) == 1


def test_offsets_and_newlines():
    text = "  First one.  Second one.\nThird line without stop\n\n  Fourth.  "
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "First one.",
        "Second one.",
        "Third line without stop",
        "Fourth.",
    ]
    for i, s in enumerate(sentences):
        assert s.index == i and text[s.start : s.end] == s.text


def test_empty_and_whitespace():
    assert split_sentences("") == []
    assert split_sentences(" \n\t\n ") == []


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .?!\"'“”()\n\tMrDU1;,")), max_size=120))
def test_property_same_as_punkt(text):
    assert split_sentences(text) == split_sentences_punkt(text)


def test_sentences_are_ordinary_frozen_values():
    # The splitter fills Sentence's slots directly: the values must be the same
    # as ones built with the constructor.
    first = split_sentences("Ada spoke. Bo left.")[1]
    built = Sentence(1, 11, 19, "Bo left.")
    assert first == built and hash(first) == hash(built)
    assert repr(first) == "Sentence(index=1, start=11, end=19, text='Bo left.')"
    assert first.to_dict() == {"index": 1, "start": 11, "end": 19, "text": "Bo left."}
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.index = 0  # type: ignore[misc]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .?!\"')”’\n\t\u00a0-:;,")), max_size=40))
def test_candidates_are_the_period_context_matches(piece):
    """The splitter finds Punkt's candidates with str.find; they must be exactly the
    matches of Punkt's period context pattern, group for group."""
    pattern = sentences._patterns()[0]
    expected = [(m.span(), m.groupdict(), m.span("next_tok")) for m in pattern.finditer(piece)]
    found = [(m.span(), m.groupdict(), m.span("next_tok")) for m in sentences._candidates(piece)]
    assert found == expected
