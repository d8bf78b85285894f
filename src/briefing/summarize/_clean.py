"""Cleaning generated summaries into whole, tidy sentences."""

from __future__ import annotations

import re

from briefing.sentences import split_sentences

__all__ = ["balance_quotes", "clean_summary_text", "summary_sentences"]

_REPLACEMENTS: tuple[tuple[re.Pattern[str], str], ...] = (
    # PEGASUS writes "<n>" for a line break between summary sentences.
    (re.compile(r"\s*<n>\s*"), " "),
    (re.compile(r"</?s>|<pad>|<unk>|<mask>"), " "),
    # Tokenized training data leaves spaces before punctuation and clitics.
    (re.compile(r"\s+([.,!?;:%)\]}])"), r"\1"),
    (re.compile(r"([(\[{])\s+"), r"\1"),
    (re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m|’s)\b", re.IGNORECASE), r"\1"),
    (re.compile(r"``\s*|\s*''"), '"'),
    (re.compile(r"\s{2,}"), " "),
)
_END = re.compile(r"""[.!?…]["'’”)\]]*$""")


def balance_quotes(sentence: str) -> str:
    """Close or open a quotation that a sentence cut out of a longer quote leaves unbalanced.

    News quotes often run over several sentences, with the closing mark only on the
    last one. An extractive summary that picks one of those sentences would print a
    quotation that never closes (or closes without opening); this adds the missing
    mark, as an editor would.

    Example:
        >>> balance_quotes("“Nobody voted for this strike lightly.")
        '“Nobody voted for this strike lightly.”'
    """
    opening, closing = sentence.count("“"), sentence.count("”")
    if opening > closing:
        return sentence + "”"
    if closing > opening:
        return "“" + sentence
    if sentence.count('"') % 2:
        first = sentence.index('"')
        opens = first == 0 or sentence[first - 1].isspace() or sentence[first - 1] in "([—–-"
        return sentence + '"' if opens else '"' + sentence
    return sentence


def clean_summary_text(text: str) -> str:
    """Remove detokenisation artefacts: ``" ."``, ``" 's"``, ``<n>``, doubled spaces."""
    for pattern, replacement in _REPLACEMENTS:
        text = pattern.sub(replacement, text)
    return text.strip()


def summary_sentences(text: str, max_sentences: int | None = None) -> tuple[str, ...]:
    """Clean ``text`` and return its whole sentences.

    A final fragment without sentence punctuation (generation stopped mid-sentence)
    is dropped when at least one complete sentence comes before it; a lone fragment
    is kept, because an unfinished sentence says more than nothing.

    Args:
        text: generated text.
        max_sentences: keep at most this many sentences (``None``: all).

    Returns:
        The sentences, cleaned, in order.
    """
    sentences = [sentence.text for sentence in split_sentences(clean_summary_text(text))]
    if len(sentences) > 1 and not _END.search(sentences[-1]):
        sentences.pop()
    if max_sentences is not None:
        sentences = sentences[:max_sentences]
    return tuple(sentences)
