"""Errors raised by briefing.

Every failure the library reports is a :class:`BriefingError`, so callers (and the
CLI) need to catch one class. The hierarchy::

    BriefingError
    ├── InputError        an article could not be read: missing, a directory, empty,
    │                     binary, undecodable, or over the size limit
    ├── DataError         an evaluation or batch data set, or one record in it, is unusable
    ├── ModelError        a summarization model could not be loaded or run
    │   └── ModelNotAvailableError   the model is not in the local cache and cannot be fetched
    └── ConfigError       an option has a value that cannot work

Messages are one line, name the input and say what to do next.
"""

from __future__ import annotations

__all__ = [
    "BriefingError",
    "ConfigError",
    "DataError",
    "InputError",
    "ModelError",
    "ModelNotAvailableError",
]


class BriefingError(Exception):
    """Base class of every error briefing raises on purpose."""


class InputError(BriefingError):
    """An article could not be read (the message names the input and the problem)."""


class DataError(BriefingError):
    """An evaluation or batch data set, or a record in it, cannot be used."""


class ModelError(BriefingError):
    """A summarization model could not be loaded or failed while running."""


class ModelNotAvailableError(ModelError):
    """The model is neither in the local cache nor downloadable right now."""


class ConfigError(BriefingError):
    """An option has a value that cannot work (the message names the option)."""
