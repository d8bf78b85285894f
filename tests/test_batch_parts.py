"""Stand-in parts for the batch tests, and the input files they read.

The batch runner's parts (parser, claim extractor, summarizer) are parameters; these
small stand-ins keep the batch tests independent of the real models and fast. They
are module-level functions so worker processes and Ray can pickle them. Special
words in an article make a part fail on purpose: ``EXPLODE-CLAIMS`` (claims) and
``EXPLODE-SUMMARY`` (summaries).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from briefing import Article, Claim, InputError, Summary
from briefing.batch import Processor

_QUOTE = re.compile(r"[\"“]([^\"”]+?),?[\"”],? (said|says|told reporters) ([A-Z]\w+(?: [A-Z]\w+)?)")
_TAG = re.compile(r"<[^>]+>")


def parse(content: str | bytes, origin: str, html: bool, max_bytes: int) -> Article:
    """Decode, check size and emptiness, strip tags; title is the first line."""
    if isinstance(content, bytes):
        if len(content) > max_bytes:
            raise InputError(f"{origin}: over the size limit of {max_bytes} bytes")
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{origin}: not valid UTF-8") from None
    elif len(content.encode("utf-8", "surrogatepass")) > max_bytes:
        raise InputError(f"{origin}: over the size limit of {max_bytes} bytes")
    if html:
        content = _TAG.sub("\n", content)
    text = "\n".join(line.strip() for line in content.splitlines() if line.strip())
    if not text:
        raise InputError(f"{origin}: the article is empty")
    title, _, body = text.partition("\n")
    return Article(body or title, title=title if body else None, origin=origin)


def claims(article: Article) -> list[Claim]:
    """Direct quotes of the form "…," said Name."""
    if "EXPLODE-CLAIMS" in article.text:
        raise RuntimeError("claim extractor blew up")
    return [
        Claim(
            source=match.group(3),
            source_text=match.group(3),
            cue=match.group(2),
            content=match.group(1),
            kind="direct",
            sentence=0,
            start=match.start(1),
            end=match.end(1),
        )
        for match in _QUOTE.finditer(article.text)
    ]


class FirstLineSummarizer:
    """Summarizes an article by its first line; fails on EXPLODE-SUMMARY."""

    def __init__(self, name: str) -> None:
        self.name = name

    def summarize_many(self, articles: Iterable[Article]) -> Iterator[Summary]:
        batch = list(articles)  # like a seq2seq model: the whole batch fails together
        if any("EXPLODE-SUMMARY" in article.text for article in batch):
            raise ValueError("model failed on this batch")
        for article in batch:
            first = article.text.split("\n", 1)[0]
            yield Summary(text=first, sentences=(first,), model=self.name)


def load_summarizer(model: str, device: str | None) -> FirstLineSummarizer:
    return FirstLineSummarizer(f"{model}@{device or 'default'}")


PROCESSOR = Processor(parse=parse, claims=claims, load_summarizer=load_summarizer)

SPEAKERS = ("Ines Moreau", "Tom Baker", "Ana Silva", "Lee Chen", "Omar Haddad")


def story(number: int) -> str:
    speaker = SPEAKERS[number % len(SPEAKERS)]
    return (
        f"Council vote number {number}\n"
        f"The council met on Tuesday to discuss budget item {number}.\n"
        f'"We will not raise taxes this year," said {speaker}.\n'
        f"Officials said the plan would cost {number * 3} million."
    )


def write_jsonl(path: Path, rows: Iterable[dict[str, object] | str]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write((row if isinstance(row, str) else json.dumps(row)) + "\n")
    return path


def stories(count: int, start: int = 0) -> list[dict[str, object]]:
    return [{"id": f"s{n}", "text": story(n)} for n in range(start, start + count)]


# Tests of the stand-ins themselves: the batch tests rely on this behaviour.


def test_parse_rejects_empty_undecodable_and_large() -> None:
    with pytest.raises(InputError, match="empty"):
        parse("  \n ", "x", False, 100)
    with pytest.raises(InputError, match="UTF-8"):
        parse(b"\xff\xfe", "x", False, 100)
    with pytest.raises(InputError, match="size limit"):
        parse("a" * 101, "x", False, 100)
    article = parse("<h1>T</h1><p>Body.</p>", "x", True, 100)
    assert (article.title, article.text) == ("T", "Body.")


def test_claims_and_summarizer_stand_ins() -> None:
    article = parse(story(1), "s1", False, 10_000)
    found = claims(article)
    assert [(c.source, c.content) for c in found] == [
        ("Tom Baker", "We will not raise taxes this year")
    ]
    assert article.text[found[0].start : found[0].end] == found[0].content
    summary = next(load_summarizer("m", None).summarize_many([article]))
    assert summary.text.startswith("The council met") and summary.model == "m@default"
    with pytest.raises(ValueError):
        list(load_summarizer("m", None).summarize_many([Article("EXPLODE-SUMMARY")]))
