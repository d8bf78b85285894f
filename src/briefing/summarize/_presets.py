"""Generation presets per seq2seq model family (beam size, length penalty, lengths).

Every user of the old summarization pipeline had to rediscover these; briefing ships
them in ``briefing/_data/summarize_presets.json`` and picks one from the checkpoint's
``config.model_type``. Any field can be overridden through
:class:`~briefing.summarize.SummarizeOptions`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from briefing.errors import ConfigError

__all__ = ["GenerationPreset", "load_presets", "preset_for"]


@dataclass(frozen=True, slots=True)
class GenerationPreset:
    """Generation settings for one model family.

    Attributes:
        family: ``bart``, ``pegasus``, ``t5``, ``led`` or ``default``.
        prefix: text put before the article (T5 needs ``"summarize: "``).
        num_beams, length_penalty, no_repeat_ngram_size, min_new_tokens,
            max_new_tokens: passed to ``model.generate``.
    """

    family: str
    prefix: str
    num_beams: int
    length_penalty: float
    no_repeat_ngram_size: int
    min_new_tokens: int
    max_new_tokens: int

    def with_overrides(self, overrides: dict[str, Any]) -> GenerationPreset:
        """This preset with the given fields replaced (``min <= max`` is kept)."""
        updated = replace(self, **overrides)
        if updated.min_new_tokens > updated.max_new_tokens:
            if "min_new_tokens" in overrides:
                raise ConfigError(
                    f"min_new_tokens ({updated.min_new_tokens}) is larger than the "
                    f"{updated.family} preset's max_new_tokens ({updated.max_new_tokens})"
                )
            # Only max_new_tokens was lowered: the family's minimum follows it down.
            updated = replace(updated, min_new_tokens=updated.max_new_tokens)
        return updated

    def generate_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``model.generate``."""
        return {
            "num_beams": self.num_beams,
            "length_penalty": self.length_penalty,
            "no_repeat_ngram_size": self.no_repeat_ngram_size,
            "min_new_tokens": self.min_new_tokens,
            "max_new_tokens": self.max_new_tokens,
            "early_stopping": True,
        }


@lru_cache(maxsize=1)
def load_presets() -> tuple[dict[str, str], dict[str, GenerationPreset]]:
    """The shipped presets: (model_type -> family, family -> preset)."""
    raw = json.loads(
        resources.files("briefing").joinpath("_data/summarize_presets.json").read_text("utf-8")
    )
    families = {
        name: GenerationPreset(family=name, **values) for name, values in raw["families"].items()
    }
    return dict(raw["model_types"]), families


def preset_for(model_type: str | None) -> GenerationPreset:
    """The preset for a checkpoint's ``config.model_type`` (``default`` if unknown)."""
    model_types, families = load_presets()
    return families[model_types.get(model_type or "", "default")]
