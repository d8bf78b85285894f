"""The evaluation harness: run summarizers and the claim extractor, score everything.

:func:`evaluate` takes data (:class:`EvalData`) and systems, and returns an
:class:`EvalReport` holding every figure and the exact configuration. Systems are
plain functions from article texts to summaries (:class:`System`), so tests and
users can put any summarizer beside briefing's; :func:`default_systems` builds
Lead-3, the extractive summarizer and, if asked, a seq2seq model through
:func:`briefing.load_summarizer`. Summaries shipped with the data (SummEval's 16
systems, REALSumm's 24) are scored the same way, so briefing sits beside them in
one table.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.metadata
import platform
import resource
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from briefing.article import parse_article
from briefing.claims import extract_claims
from briefing.errors import BriefingError, ConfigError, DataError
from briefing.evaluation._check import check
from briefing.evaluation._data import EvalData, EvalRecord, detokenize
from briefing.evaluation._rouge import (
    DEFAULT_CONFIDENCE,
    DEFAULT_RESAMPLES,
    ROUGE_MEASURES,
    Interval,
    bootstrap_indices,
    bootstrap_interval,
    rouge_per_article,
)
from briefing.summarize import SummarizeOptions, load_summarizer
from briefing.summarize._options import Device
from briefing.types import Article, Claim

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "DEFAULT_BASELINES",
    "ClaimResult",
    "CorrelationResult",
    "Cost",
    "EvalOptions",
    "EvalReport",
    "System",
    "SystemResult",
    "combine_data",
    "default_systems",
    "evaluate",
    "spearman",
    "word_share",
]

DEFAULT_BASELINES = ("lead-3", "extractive")
#: Human measure that the faithfulness check is correlated with, when the data has it.
CONSISTENCY_MEASURE = "consistency"

Summarize = Callable[[Sequence[str]], Sequence[str]]
ExtractClaims = Callable[[str], Sequence[Any]]


@dataclass(frozen=True)
class EvalOptions:
    """How to run an evaluation.

    Attributes:
        resamples: bootstrap resamples for confidence intervals.
        seed: seed of the bootstrap (same seed, same intervals).
        confidence: width of the intervals.
        baselines: briefing summarizers always run beside the model.
        model: a seq2seq model id or path to evaluate too, or ``None``.
        device: ``cpu`` or ``cuda`` for the model.
        data_systems: score the other systems' summaries shipped with the data.
        claims: score claim extraction on records with gold claims.
        faithfulness: run :func:`briefing.check` on every summary.
        progress: show a progress bar (only on a terminal).
        rouge: compute ROUGE (off for a faithfulness-only run).
        references: ``all`` (best over every reference) or ``first`` (the original
            highlights only, as most published CNN/DM figures use).
    """

    resamples: int = DEFAULT_RESAMPLES
    seed: int = 0
    confidence: float = DEFAULT_CONFIDENCE
    baselines: tuple[str, ...] = DEFAULT_BASELINES
    model: str | None = None
    device: str = "cpu"
    data_systems: bool = True
    claims: bool = True
    faithfulness: bool = True
    progress: bool = False
    rouge: bool = True
    references: str = "all"

    def to_dict(self) -> dict[str, Any]:
        return {
            "resamples": self.resamples,
            "seed": self.seed,
            "confidence": self.confidence,
            "baselines": list(self.baselines),
            "model": self.model,
            "device": self.device,
            "data_systems": self.data_systems,
            "claims": self.claims,
            "faithfulness": self.faithfulness,
            "rouge": self.rouge,
            "references": self.references,
        }


@dataclass(frozen=True)
class System:
    """A summarizer to evaluate.

    Attributes:
        name: the name shown in tables (``lead-3``, ``extractive``, a model id).
        summarize: texts in, one summary per text out, in order.
        kind: ``baseline`` or ``model``.
        info: what to record about it (model id, revision, generation settings).
    """

    name: str
    summarize: Summarize
    kind: str = "baseline"
    info: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Cost:
    """What a system cost to run over the data."""

    seconds: float
    articles_per_second: float
    peak_rss_mb: float
    device: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles_per_second, 3),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "device": self.device,
        }


@dataclass(frozen=True)
class SystemResult:
    """Scores of one system.

    Attributes:
        name: system name.
        kind: ``baseline``, ``model`` or ``data`` (summaries shipped with the data).
        articles: articles it summarised.
        rouge: ROUGE F-measure by measure, with confidence intervals.
        faithfulness: mean :func:`briefing.check` score, or ``None`` when not run.
        human: mean human score by measure (data systems only).
        cost: time and memory, for systems run here.
        failures: one line per article it failed on.
        info: model id, revision, settings.
    """

    name: str
    kind: str
    articles: int
    rouge: Mapping[str, Interval]
    faithfulness: Interval | None = None
    human: Mapping[str, float] = field(default_factory=dict)
    cost: Cost | None = None
    failures: tuple[str, ...] = ()
    info: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "articles": self.articles,
            "rouge": {m: i.to_dict() for m, i in self.rouge.items()},
            "faithfulness": self.faithfulness.to_dict() if self.faithfulness else None,
            "human": {k: round(v, 4) for k, v in self.human.items()},
            "cost": self.cost.to_dict() if self.cost else None,
            "failures": list(self.failures),
            "info": dict(self.info),
        }


@dataclass(frozen=True)
class ClaimResult:
    """Claim extraction scored against gold claims.

    Attributes:
        articles: articles with gold claims.
        scores: the summed :class:`~briefing.ClaimScores` as a dict (precision,
            recall, F1, source accuracy, by kind).
        f1: F1 with its bootstrap interval over articles.
        cost: time and memory of the extractor.
        failures: one line per article the extractor failed on.
    """

    articles: int
    scores: Mapping[str, Any]
    f1: Interval
    cost: Cost
    failures: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            **dict(self.scores),
            "f1_interval": self.f1.to_dict(),
            "cost": self.cost.to_dict(),
            "failures": list(self.failures),
        }


@dataclass(frozen=True, slots=True)
class CorrelationResult:
    """Spearman correlation of a faithfulness score with human consistency scores."""

    measure: str
    pairs: int
    check: float
    word_share: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "pairs": self.pairs,
            "spearman_check": round(self.check, 4),
            "spearman_word_share": round(self.word_share, 4),
        }


@dataclass(frozen=True)
class EvalReport:
    """Everything one evaluation run measured, and how it was run."""

    data: Mapping[str, Any]
    systems: tuple[SystemResult, ...]
    claims: ClaimResult | None
    correlation: CorrelationResult | None
    config: Mapping[str, Any]
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "data": dict(self.data),
            "systems": [s.to_dict() for s in self.systems],
            "claims": self.claims.to_dict() if self.claims else None,
            "faithfulness_correlation": self.correlation.to_dict() if self.correlation else None,
            "config": dict(self.config),
            "notes": list(self.notes),
        }

    def figures(self) -> dict[str, float]:
        """Headline figures by flat key (``extractive/rouge1``, ``claims/f1``) for pins."""
        out: dict[str, float] = {}
        for s in self.systems:
            for measure, interval in s.rouge.items():
                out[f"{s.name}/{measure}"] = round(interval.mean, 4)
            if s.faithfulness is not None:
                out[f"{s.name}/faithfulness"] = round(s.faithfulness.mean, 4)
        if self.claims is not None:
            for key in ("precision", "recall", "f1", "source_accuracy"):
                out[f"claims/{key}"] = float(self.claims.scores[key])
        if self.correlation is not None:
            out["faithfulness/spearman"] = round(self.correlation.check, 4)
        return out


# --------------------------------------------------------------------------- systems


def _read(text: str) -> Article:
    """An evaluation text as briefing reads any input: decoded, furniture removed."""
    return parse_article(text, origin="<eval>")


def _library_system(name: str, device: str, kind: str) -> System:
    """A :class:`System` running :func:`briefing.load_summarizer` for ``name``."""
    try:
        # The harness shows its own progress bar; the summarizer's would fight it.
        options = SummarizeOptions(device=cast(Device, device), progress=False)
    except BriefingError as exc:
        raise ConfigError(f"--device {device}: {exc}") from exc
    summarizer = load_summarizer(name, options=options)
    info: dict[str, Any] = {
        "source": "briefing.load_summarizer",
        "model": summarizer.name,
        "revision": getattr(summarizer, "revision", None),
        "settings": dataclasses.asdict(options),
    }

    def run(texts: Sequence[str]) -> list[str]:
        return [s.text for s in summarizer.summarize_many(_read(t) for t in texts)]

    return System(summarizer.name, run, kind, info)


def default_systems(options: EvalOptions) -> tuple[list[System], list[str]]:
    """Build the baselines and the model named in ``options``.

    Returns:
        The systems, and a note for each baseline that is not available in this
        installation (an explicitly requested model that fails raises instead).

    Raises:
        BriefingError: ``options.model`` cannot be loaded (e.g. ModelNotAvailableError).
    """
    systems: list[System] = []
    notes: list[str] = []
    for name in options.baselines:
        try:
            systems.append(_library_system(name, options.device, "baseline"))
        except BriefingError as exc:
            notes.append(f"baseline {name} skipped: {exc}")
    if options.model:
        systems.append(_library_system(options.model, options.device, "model"))
    return systems, notes


def _default_extractor() -> ExtractClaims:
    def extract(text: str) -> list[Claim]:
        return extract_claims(_read(text))

    return extract


# --------------------------------------------------------------------------- scoring


def _peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux and bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _progress(items: Sequence[Any], label: str, enabled: bool) -> Iterable[Any]:
    if not enabled:
        return items
    from tqdm import tqdm  # type: ignore[import-untyped]  # tqdm ships no type information

    bar: Iterable[Any] = tqdm(
        items, desc=label, unit="article", disable=not sys.stderr.isatty(), leave=False
    )
    return bar


def _batched(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _run_system(
    system: System, texts: Sequence[str], ids: Sequence[str], device: str, progress: bool
) -> tuple[list[str | None], Cost, list[str]]:
    outputs: list[str | None] = []
    failures: list[str] = []
    if texts:
        # One untimed article first, so one-off set-up (lazy imports, the sentence
        # model, CUDA kernels) is not charged to whichever system happens to run first.
        # A failure here is reported by the timed run, against its article.
        with contextlib.suppress(Exception):
            list(system.summarize(texts[:1]))
    started = time.perf_counter()
    batches = list(_batched(texts, 8))
    done = 0
    for batch in _progress(batches, system.name, progress):
        try:
            got = list(system.summarize(batch))
            if len(got) != len(batch):
                raise DataError(
                    f"{system.name} returned {len(got)} summaries for {len(batch)} articles"
                )
            outputs.extend(got)
        except Exception:
            # Redo the batch one article at a time so one failure costs one article.
            for offset, text in enumerate(batch):
                try:
                    outputs.append(next(iter(system.summarize([text]))))
                except Exception as exc:  # any summarizer failure is reported, not fatal
                    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                    failures.append(f"{system.name} on article {ids[done + offset]}: {message}")
                    outputs.append(None)
        done += len(batch)
    seconds = time.perf_counter() - started
    n_ok = sum(o is not None for o in outputs)
    cost = Cost(seconds, n_ok / seconds if seconds > 0 else 0.0, _peak_rss_mb(), device)
    return outputs, cost, failures


def _score_outputs(
    records: Sequence[EvalRecord],
    outputs: Sequence[str | None],
    options: EvalOptions,
    indices_for: Callable[[int], Any],
) -> tuple[dict[str, Interval], Interval | None, list[float | None]]:
    per_measure: dict[str, list[float]] = {m: [] for m in ROUGE_MEASURES}
    faith: list[float] = []
    faith_by_record: list[float | None] = []
    for record, summary in zip(records, outputs, strict=True):
        if summary is None:
            faith_by_record.append(None)
            continue
        if options.rouge and record.references:
            refs = record.references[:1] if options.references == "first" else record.references
            for measure, value in rouge_per_article(summary, refs).items():
                per_measure[measure].append(value)
        if options.faithfulness:
            score = check(summary, record.text).score if summary.strip() else 1.0
            faith.append(score)
            faith_by_record.append(score)
        else:
            faith_by_record.append(None)

    def interval(values: list[float]) -> Interval:
        return bootstrap_interval(
            values,
            confidence=options.confidence,
            indices=indices_for(len(values)) if values else None,
        )

    rouge = {m: interval(v) for m, v in per_measure.items() if v}
    return rouge, (interval(faith) if faith else None), faith_by_record


def _rank(values: Sequence[float]) -> np.ndarray[Any, np.dtype[np.float64]]:
    import numpy as np

    data = np.asarray(values, dtype=np.float64)
    order = np.argsort(data, kind="mergesort")
    ranks = np.empty(len(data), dtype=np.float64)
    ranks[order] = np.arange(1, len(data) + 1)
    # Ties share the average of their ranks.
    uniques, inverse, counts = np.unique(data, return_inverse=True, return_counts=True)
    sums = np.zeros(len(uniques))
    np.add.at(sums, inverse, ranks)
    return np.asarray(sums[inverse] / counts[inverse], dtype=np.float64)


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman rank correlation (ties get average ranks), as scipy.stats.spearmanr.

    Returns ``nan`` when either side is constant or there are fewer than two pairs.
    """
    if len(x) != len(y):
        raise ValueError(f"spearman: {len(x)} values against {len(y)}")
    if len(x) < 2:
        return float("nan")
    import numpy as np

    rx, ry = _rank(x), _rank(y)
    if rx.std() == 0 or ry.std() == 0:
        return float("nan")
    return float(np.corrcoef(rx, ry)[0, 1])


def word_share(summary: str, article: str) -> float:
    """Share of the summary's words found anywhere in the article (a plain baseline)."""
    import re

    words = re.findall(r"[^\W_]+", summary.lower())
    if not words:
        return 1.0
    vocabulary = set(re.findall(r"[^\W_]+", article.lower()))
    return sum(w in vocabulary for w in words) / len(words)


def _claims(
    records: Sequence[EvalRecord],
    extract: ExtractClaims,
    options: EvalOptions,
    tokenized: bool,
) -> ClaimResult:
    import numpy as np

    from briefing.claims import ClaimScores, score_claims

    per_article: list[ClaimScores] = []
    failures: list[str] = []
    started = time.perf_counter()
    for record in _progress(records, "claims", options.progress):
        text = detokenize(record.text) if tokenized else record.text
        try:
            predicted = list(extract(text))
        except Exception as exc:  # one article's failure must not end the run
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            failures.append(f"claims on article {record.id}: {message}")
            predicted = []
        per_article.append(score_claims(predicted, record.claims or ()))
    seconds = time.perf_counter() - started
    total = sum(per_article[1:], per_article[0])
    counts = np.array(
        [(s.overall.matched_gold, s.overall.predicted, s.overall.gold) for s in per_article],
        dtype=np.float64,
    )
    indices = bootstrap_indices(len(per_article), options.resamples, options.seed)
    sums = counts[indices].sum(axis=1)
    matched, predicted_n, gold_n = sums[:, 0], sums[:, 1], sums[:, 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(predicted_n > 0, matched / predicted_n, 1.0)
        recall = np.where(gold_n > 0, matched / gold_n, 1.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    tail = (1 - options.confidence) / 2 * 100
    low, high = np.percentile(f1, [tail, 100 - tail])
    cost = Cost(seconds, len(records) / seconds if seconds > 0 else 0.0, _peak_rss_mb(), "cpu")
    return ClaimResult(
        articles=len(records),
        scores=total.to_dict(),
        f1=Interval(total.overall.f1, float(low), float(high), len(records)),
        cost=cost,
        failures=tuple(failures),
    )


def _versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {"python": platform.python_version()}
    for package in (
        "briefing",
        "rouge-score",
        "nltk",
        "numpy",
        "datasets",
        "torch",
        "transformers",
    ):
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = None
    if versions["briefing"] is None:
        from briefing import __version__

        versions["briefing"] = __version__
    return versions


def combine_data(parts: Sequence[EvalData]) -> EvalData:
    """Join several data sets into one (ids prefixed by file name when they clash).

    Raises:
        DataError: ``parts`` is empty.
    """
    if not parts:
        raise DataError("no data to evaluate")
    if len(parts) == 1:
        return parts[0]
    import hashlib

    seen: set[str] = set()
    records: list[EvalRecord] = []
    for part in parts:
        for record in part.records:
            if record.id in seen:
                record = EvalRecord(
                    f"{part.name}:{record.id}", record.text, record.references, record.claims,
                    record.outputs, record.human,
                )  # fmt: skip
            seen.add(record.id)
            records.append(record)
    digest = hashlib.sha256("".join(p.sha256 or p.source for p in parts).encode()).hexdigest()
    return EvalData(
        name="+".join(p.name for p in parts),
        source=";".join(p.source for p in parts),
        format="+".join(sorted({p.format for p in parts})),
        records=tuple(records),
        problems=tuple(x for p in parts for x in p.problems),
        sha256=digest,
        tokenized=any(p.tokenized for p in parts),
    )


def evaluate(
    data: EvalData,
    *,
    systems: Sequence[System] | None = None,
    options: EvalOptions | None = None,
    extract_claims: ExtractClaims | None = None,
    command: Sequence[str] | None = None,
) -> EvalReport:
    """Score summarizers and the claim extractor on ``data``.

    Args:
        data: what to evaluate on (see :func:`briefing.evaluation.load_data`).
        systems: summarizers to run; ``None`` builds :func:`default_systems`.
        options: run settings; defaults to :class:`EvalOptions()`.
        extract_claims: claim extractor (text -> claims); ``None`` uses
            :func:`briefing.extract_claims` when it is installed.
        command: the command line to record in the report.

    Returns:
        An :class:`EvalReport` with every figure and the configuration.

    Raises:
        BriefingError: the requested model cannot be loaded.
        ConfigError: an option cannot work.
    """
    import numpy as np

    options = options or EvalOptions()
    if options.references not in ("all", "first"):
        raise ConfigError(f"--references must be all or first, got {options.references!r}")
    if options.device not in ("cpu", "cuda") and not options.device.startswith("cuda:"):
        raise ConfigError(f"--device must be cpu or cuda, got {options.device!r}")
    notes: list[str] = []
    if systems is None:
        systems, notes = default_systems(options)
    records = data.records
    texts = [detokenize(r.text) if data.tokenized else r.text for r in records]
    ids = [r.id for r in records]
    cache: dict[int, Any] = {}

    def indices_for(n: int) -> Any:
        # The same resamples for every system with n articles: comparable intervals.
        if n not in cache:
            cache[n] = bootstrap_indices(n, options.resamples, options.seed)
        return cache[n]

    results: list[SystemResult] = []
    for system in systems:
        outputs, cost, failures = _run_system(system, texts, ids, options.device, options.progress)
        rouge, faith, _ = _score_outputs(records, outputs, options, indices_for)
        results.append(
            SystemResult(
                name=system.name,
                kind=system.kind,
                articles=sum(o is not None for o in outputs),
                rouge=rouge,
                faithfulness=faith,
                cost=cost,
                failures=tuple(failures),
                info=dict(system.info),
            )
        )

    correlation: CorrelationResult | None = None
    if options.data_systems:
        names = sorted({name for r in records for name in r.outputs}, key=_system_order)
        pairs_check: list[float] = []
        pairs_share: list[float] = []
        pairs_human: list[float] = []
        for name in _progress(names, "data systems", options.progress):
            subset = [r for r in records if name in r.outputs]
            outputs2: list[str | None] = [r.outputs[name] for r in subset]
            rouge, faith, faith_by = _score_outputs(subset, outputs2, options, indices_for)
            human: dict[str, list[float]] = {}
            for record, score in zip(subset, faith_by, strict=True):
                for measure, value in record.human.get(name, {}).items():
                    human.setdefault(measure, []).append(value)
                consistency = record.human.get(name, {}).get(CONSISTENCY_MEASURE)
                if consistency is not None and score is not None:
                    pairs_check.append(score)
                    pairs_share.append(word_share(record.outputs[name], record.text))
                    pairs_human.append(consistency)
            results.append(
                SystemResult(
                    name=name,
                    kind="data",
                    articles=len(subset),
                    rouge=rouge,
                    faithfulness=faith,
                    human={k: float(np.mean(v)) for k, v in human.items()},
                )
            )
        if pairs_human:
            correlation = CorrelationResult(
                measure=CONSISTENCY_MEASURE,
                pairs=len(pairs_human),
                check=spearman(pairs_check, pairs_human),
                word_share=spearman(pairs_share, pairs_human),
            )

    claim_result: ClaimResult | None = None
    gold = [r for r in records if r.claims is not None]
    if options.claims and gold:
        extractor = extract_claims or _default_extractor()
        claim_result = _claims(gold, extractor, options, data.tokenized)

    config = {
        "options": options.to_dict(),
        "command": list(command) if command is not None else None,
        "versions": _versions(),
        "platform": platform.platform(),
        "systems": {s.name: dict(s.info) for s in systems},
        "data_sha256": data.sha256,
        "rouge": {
            "package": "rouge-score",
            "measures": list(ROUGE_MEASURES),
            "use_stemmer": True,
            "sentence_split": "briefing.split_sentences, one sentence per line (rougeLsum)",
            "multiple_references": (
                "best F-measure over references, per article and measure"
                if options.references == "all"
                else "first reference only"
            ),
            "figure": "F-measure, mean over articles",
        },
    }
    return EvalReport(
        data=data.to_dict(),
        systems=tuple(results),
        claims=claim_result,
        correlation=correlation,
        config=config,
        notes=tuple(notes),
    )


def _system_order(name: str) -> tuple[int, str]:
    # "M9" before "M10": numeric suffixes sort as numbers.
    digits = "".join(ch for ch in name if ch.isdigit())
    return (int(digits) if digits else 10**9, name)
