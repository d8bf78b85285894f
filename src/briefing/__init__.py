"""briefing: faithful summaries and attributed claims from news articles.

Importing briefing loads no model and imports neither torch nor transformers; those
are imported only by the code that runs a seq2seq model.
"""

import logging as _logging

from briefing.article import ReadOptions, parse_article, read_article
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
    "Briefing",
    "BriefingError",
    "Claim",
    "ClaimScores",
    "ConfigError",
    "DataError",
    "InputError",
    "ModelError",
    "ModelNotAvailableError",
    "ReadOptions",
    "Sentence",
    "Summary",
    "__version__",
    "parse_article",
    "read_article",
    "score_claims",
    "split_sentences",
]

__version__ = "0.1.0"

_logging.getLogger(__name__).addHandler(_logging.NullHandler())
