"""Token-aware, sentence-aligned chunking of long articles."""

from __future__ import annotations

from collections.abc import Callable, Sequence

__all__ = ["chunk_by_tokens"]


def chunk_by_tokens(
    sentences: Sequence[str],
    count_tokens: Callable[[Sequence[str]], list[int]],
    limit: int,
) -> list[str]:
    """Group sentences into chunks of at most ``limit`` tokens, dropping nothing.

    Sentences stay whole and in order. A single sentence longer than ``limit`` (a
    run-on table or list) is cut at word boundaries into pieces that fit.

    Args:
        sentences: the article's sentences, in order.
        count_tokens: tokens of each given text (the model tokenizer, without
            special tokens); called with whole batches to keep it fast.
        limit: the most tokens one chunk may hold.

    Returns:
        The chunks' texts (sentences joined by spaces); empty for no sentences.
    """
    if limit < 1:
        raise ValueError(f"limit must be positive, got {limit}")
    pieces: list[str] = []
    piece_tokens: list[int] = []
    for sentence, tokens in zip(sentences, count_tokens(sentences), strict=True):
        if tokens <= limit:
            pieces.append(sentence)
            piece_tokens.append(tokens)
            continue
        words = sentence.split()
        word_tokens = count_tokens(words)
        current: list[str] = []
        current_tokens = 0
        for word, n in zip(words, word_tokens, strict=True):
            if current and current_tokens + n > limit:
                pieces.append(" ".join(current))
                piece_tokens.append(current_tokens)
                current, current_tokens = [], 0
            current.append(word)
            current_tokens += n
        if current:
            pieces.append(" ".join(current))
            piece_tokens.append(current_tokens)

    # Joining with spaces can change how a tokenizer splits the seams, so each chunk
    # keeps a small margin below the limit and is verified afterwards.
    budget = max(1, limit - max(2, limit // 50))
    chunks: list[list[str]] = []
    totals: list[int] = []
    for piece, tokens in zip(pieces, piece_tokens, strict=True):
        if chunks and totals[-1] + tokens <= budget:
            chunks[-1].append(piece)
            totals[-1] += tokens
        else:
            chunks.append([piece])
            totals.append(tokens)
    texts = [" ".join(chunk) for chunk in chunks]
    verified: list[str] = []
    for chunk, text, tokens in zip(chunks, texts, count_tokens(texts), strict=True):
        if tokens <= limit or len(chunk) == 1:
            verified.append(text)
        else:
            half = len(chunk) // 2
            verified.extend(
                chunk_by_tokens(
                    [" ".join(chunk[:half]), " ".join(chunk[half:])], count_tokens, limit
                )
            )
    return verified
