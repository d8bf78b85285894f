"""briefing: faithful summaries and attributed claims from news articles.

Importing briefing loads no model and imports neither torch nor transformers; those
are imported only by the code that runs a seq2seq model.
"""

import logging

from briefing.batch import BatchOptions, run_batch
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
from briefing.types import Article, Briefing, Claim, Sentence, Summary

__all__ = [
    "Article",
    "BatchOptions",
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
    "Summary",
    "__version__",
    "run_batch",
    "score_claims",
    "split_sentences",
]

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
