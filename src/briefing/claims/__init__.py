"""Attributed claims: who said what in a news article, resolved and located."""

from briefing.claims._metric import PRF, ClaimScores, same_speaker, score_claims

__all__ = ["PRF", "ClaimScores", "same_speaker", "score_claims"]
