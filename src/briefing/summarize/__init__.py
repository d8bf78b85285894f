"""Summaries of news articles: offline extractive (default) or any seq2seq checkpoint.

Importing this package imports neither torch nor transformers; the seq2seq backend
imports them when a checkpoint is loaded.
"""

from briefing.summarize._extractive import ExtractiveWeights, looks_like_furniture
from briefing.summarize._hub import download_model, find_checkpoint
from briefing.summarize._options import DEFAULT_ABSTRACTIVE_MODEL, SummarizeOptions
from briefing.summarize._summarizer import Summarizer, load_summarizer, summarize

__all__ = [
    "DEFAULT_ABSTRACTIVE_MODEL",
    "ExtractiveWeights",
    "SummarizeOptions",
    "Summarizer",
    "download_model",
    "find_checkpoint",
    "load_summarizer",
    "looks_like_furniture",
    "summarize",
]
