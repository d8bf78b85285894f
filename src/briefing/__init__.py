"""briefing: faithful summaries and attributed claims from news articles.

Importing briefing loads no model and imports neither torch nor transformers; those
are imported only by the code that runs a seq2seq model.
"""

import logging

from briefing.claims import ClaimScores, score_claims
from briefing.errors import (
    BriefingError,
    ConfigError,
    DataError,
    InputError,
    ModelError,
    ModelNotAvailableError,
)
from briefing.sentences import split_sentences
from briefing.summarize import SummarizeOptions, Summarizer, load_summarizer, summarize
from briefing.types import Article, Briefing, Claim, Sentence, Summary

__all__ = [
    "Article",
    "Briefing",
    "BriefingError",
    "Claim",
    "ClaimScores",
    "ConfigError",
    "DataError",
    "InputError",
    "ModelError",
    "ModelNotAvailableError",
    "Sentence",
    "SummarizeOptions",
    "Summarizer",
    "Summary",
    "__version__",
    "load_summarizer",
    "score_claims",
    "split_sentences",
    "summarize",
]

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
