"""briefing: faithful summaries and attributed claims from news articles.

Importing briefing loads no model and imports neither torch nor transformers; those
are imported only by the code that runs a seq2seq model.
"""

import logging as _logging

from briefing._brief import brief, brief_many
from briefing.article import ReadOptions, parse_article, read_article
from briefing.batch import BatchOptions, run_batch
from briefing.claims import ClaimOptions, ClaimScores, extract_claims, score_claims
from briefing.errors import (
    BriefingError,
    ConfigError,
    DataError,
    InputError,
    ModelError,
    ModelNotAvailableError,
)
from briefing.evaluation import CheckResult, check, evaluate
from briefing.sentences import split_sentences
from briefing.summarize import SummarizeOptions, Summarizer, load_summarizer, summarize
from briefing.types import Article, Briefing, Claim, Sentence, Summary

__all__ = [
    "Article",
    "BatchOptions",
    "Briefing",
    "BriefingError",
    "CheckResult",
    "Claim",
    "ClaimOptions",
    "ClaimScores",
    "ConfigError",
    "DataError",
    "InputError",
    "ModelError",
    "ModelNotAvailableError",
    "ReadOptions",
    "Sentence",
    "SummarizeOptions",
    "Summarizer",
    "Summary",
    "__version__",
    "brief",
    "brief_many",
    "check",
    "evaluate",
    "extract_claims",
    "load_summarizer",
    "parse_article",
    "read_article",
    "run_batch",
    "score_claims",
    "split_sentences",
    "summarize",
]

__version__ = "0.1.0"

_logging.getLogger(__name__).addHandler(_logging.NullHandler())
