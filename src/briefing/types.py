"""The plain values briefing returns: articles, sentences, claims, summaries.

All are frozen dataclasses with ``to_dict()`` so they serialise to JSON without
surprises. Character offsets (``start``/``end``) always index into
:attr:`Article.text`, the story text briefing read after decoding and, for HTML or
scraped pages, after the story body was isolated.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

__all__ = [
    "Article",
    "Briefing",
    "Claim",
    "ClaimKind",
    "Sentence",
    "Summary",
]

ClaimKind = Literal["direct", "indirect", "mixed", "unattributed"]
CLAIM_KINDS: tuple[ClaimKind, ...] = ("direct", "indirect", "mixed", "unattributed")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article, with its place in :attr:`Article.text`."""

    index: int
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Article:
    """A news story ready to be summarised and mined for claims.

    Build one with :func:`briefing.read_article` (files, HTML, bytes, standard input)
    or directly from a string: ``Article("Text of the story ...")``.

    Attributes:
        text: the story body; every offset briefing reports indexes into it.
        title, byline, dateline: metadata found around the story, if any.
        origin: where the text came from (a path, ``"<stdin>"`` or ``"<string>"``).
        published: the publication date as the page gave it ("4 September 2026",
            "2026-09-04"), if any.
    """

    text: str
    title: str | None = None
    byline: str | None = None
    dateline: str | None = None
    origin: str = "<string>"
    published: str | None = None

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """The sentences of :attr:`text`, split offline with the shipped Punkt model."""
        from briefing.sentences import split_sentences

        return tuple(split_sentences(self.text))

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "title": self.title,
            "byline": self.byline,
            "dateline": self.dateline,
            "origin": self.origin,
            "published": self.published,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement the article attributes to a source.

    Attributes:
        source: the resolved speaker, a full name or institution ("Ines Moreau",
            "the US State Department"); ``None`` for ``unattributed`` claims.
        source_text: the words naming the speaker in the sentence, as written
            ("Senator Ines Moreau", "She"); ``None`` when there are none.
        cue: the reporting verb or phrase ("said", "according to").
        content: the claim itself, without the attribution frame or wrapping quotes.
        kind: ``direct``, ``indirect``, ``mixed`` or ``unattributed``.
        sentence: index of the sentence the claim starts in.
        start, end: offsets of ``content`` in :attr:`Article.text`.
        resolved: ``False`` when ``source_text`` is a pronoun or other reference
            that could not be tied to a named speaker (then ``source`` is the
            text as written).
    """

    source: str | None
    source_text: str | None
    cue: str | None
    content: str
    kind: ClaimKind
    sentence: int
    start: int
    end: int
    resolved: bool = True

    def to_dict(self) -> dict[str, Any]:
        # Written out rather than dataclasses.asdict: batch jobs call this for
        # every claim, and asdict's recursive copy was their largest cost.
        return {
            "source": self.source,
            "source_text": self.source_text,
            "cue": self.cue,
            "content": self.content,
            "kind": self.kind,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "resolved": self.resolved,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Claim:
        """Build a claim from ``to_dict()`` output or a gold annotation.

        Gold annotations may omit ``sentence``, ``start``, ``end`` and ``resolved``.
        """
        return cls(
            source=data.get("source"),
            source_text=data.get("source_text"),
            cue=data.get("cue"),
            content=str(data["content"]),
            kind=data.get("kind", "indirect"),
            sentence=int(data.get("sentence", -1)),
            start=int(data.get("start", -1)),
            end=int(data.get("end", -1)),
            resolved=bool(data.get("resolved", True)),
        )


@dataclass(frozen=True, slots=True)
class Summary:
    """A summary of one article and how it was made.

    Attributes:
        text: the summary, whole sentences only.
        sentences: the same text split into sentences.
        model: what made it: ``"lead-3"``, ``"extractive"`` or a checkpoint id/path.
        chunks: how many pieces the input was cut into to fit the model (1 if none).
        input_tokens: tokens in the input as the model's tokenizer counts them
            (0 for the extractive summarizers, which use no tokenizer).
        tokens_dropped: input tokens the model never saw (0 unless a limit forced it).
        source_sentences: for extractive summaries, indices of the article
            sentences that were picked; empty for abstractive ones.
    """

    text: str
    sentences: tuple[str, ...]
    model: str
    chunks: int = 1
    input_tokens: int = 0
    tokens_dropped: int = 0
    source_sentences: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["sentences"] = list(self.sentences)
        data["source_sentences"] = list(self.source_sentences)
        return data


@dataclass(frozen=True, slots=True)
class Briefing:
    """What ``briefing summarize`` prints for one article: summary and claims."""

    title: str | None
    summary: Summary
    claims: tuple[Claim, ...]
    chars: int
    sentences: int
    origin: str = "<string>"

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``briefing summarize --format json``."""
        return {
            "origin": self.origin,
            "title": self.title,
            "summary": self.summary.text,
            "claims": [claim.to_dict() for claim in self.claims],
            "model": self.summary.model,
            "input": {
                "chars": self.chars,
                "sentences": self.sentences,
                "chunks": self.summary.chunks,
                "tokens": self.summary.input_tokens,
                "tokens_dropped": self.summary.tokens_dropped,
            },
        }
