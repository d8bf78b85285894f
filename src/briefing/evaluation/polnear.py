"""Read PolNeAR (attribution relations in political news, brat standoff) as gold claims.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) marks each attribution relation as a
Source, a Cue and a Content span with character offsets into the article text. This
reader turns every relation into a gold claim shaped like briefing's own annotation
(``eval/stories``): ``source`` and ``source_text`` are the source span as written,
``cue`` the cue span, ``content`` the content span. To compare with briefing's
guideline, the content is normalised the way briefing writes it: a leading "that"
and wrapping quotation marks are dropped, and discontinuous pieces are joined with
one space. PolNeAR has no claim kinds: relations without a source are labelled
``unattributed`` and all others ``indirect``, so only overall scores and source
accuracy are meaningful.

PolNeAR annotates more liberally than briefing's guideline ("The Post has
learned", sources without content, headlines), so scores on it run lower.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.errors import DataError
from briefing.types import Article

if TYPE_CHECKING:
    from briefing.claims import ClaimScores

__all__ = ["PolnearArticle", "load_polnear", "parse_ann", "score_polnear"]

_SPAN_KINDS = frozenset({"Source", "Cue", "Content"})
_LEADING_THAT = re.compile(r"^\s*that\s+", re.IGNORECASE)
_WRAPPING = "\"“”'‘’ \t\n"


@dataclass(frozen=True)
class PolnearArticle:
    """One PolNeAR article with its gold claims.

    Attributes:
        name: the article's file name without ``.txt``.
        annotator: the annotator id from the ``.ann`` file name.
        text: the article text; all offsets index into it.
        claims: gold claims as dicts with ``source``, ``source_text``, ``cue``,
            ``content``, ``kind``, ``start``/``end`` (the content's first and last
            offsets), ``source_start``/``source_end`` and ``cue_start``/``cue_end``
            (-1 when absent).
    """

    name: str
    annotator: str
    text: str
    claims: tuple[dict[str, Any], ...]

    def to_article(self) -> Article:
        """The article as briefing reads it."""
        return Article(self.text, origin=self.name)


def _spans(offsets: str) -> list[tuple[int, int]]:
    spans = []
    for piece in offsets.split(";"):
        start, end = piece.split()
        spans.append((int(start), int(end)))
    return spans


def _normalise_content(text: str) -> str:
    content = _LEADING_THAT.sub("", text.strip())
    content = content.strip(_WRAPPING)
    return re.sub(r"[.,]+$", "", content).strip(_WRAPPING)


def _role_ref(arg: str) -> tuple[str, str]:
    role, ref = arg.split(":", 1)
    return role, ref


def parse_ann(ann: str, text: str, origin: str = "<ann>") -> list[dict[str, Any]]:
    """Gold claims from the text of one brat ``.ann`` file.

    Args:
        ann: the ``.ann`` file's text.
        text: the article text the offsets index into.
        origin: named in error messages.

    Returns:
        One claim dict per attribution relation (``E`` line) that has content.

    Raises:
        DataError: when a line is malformed or an offset lies outside ``text``.
    """
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[list[tuple[str, str]]] = []
    for number, line in enumerate(ann.splitlines(), 1):
        if not line.strip():
            continue
        try:
            ident, rest = line.split("\t", 1)
            if ident.startswith("T"):
                label_offsets = rest.split("\t", 1)[0]
                label, offsets = label_offsets.split(" ", 1)
                if label in _SPAN_KINDS:
                    found = _spans(offsets)
                    if any(not 0 <= s <= e <= len(text) for s, e in found):
                        raise ValueError("offset outside the text")
                    spans[ident] = (label, found)
            elif ident.startswith("E"):
                events.append([_role_ref(a) for a in rest.split()])
        except ValueError as exc:
            raise DataError(f"{origin}: line {number} is not valid brat standoff ({exc})") from exc
    claims: list[dict[str, Any]] = []
    for args in events:
        parts: dict[str, list[tuple[int, int]]] = {}
        for role, ref in args:
            role = role.rstrip("0123456789") or role
            if role in _SPAN_KINDS and ref in spans:
                parts.setdefault(role, []).extend(spans[ref][1])
        if "Content" not in parts:
            continue
        content_spans = sorted(parts["Content"])
        content = _normalise_content(" ".join(text[s:e] for s, e in content_spans))
        if not content:
            continue
        source_spans = sorted(parts.get("Source", []))
        cue_spans = sorted(parts.get("Cue", []))
        source = " ".join(text[s:e] for s, e in source_spans) or None
        cue = " ".join(text[s:e] for s, e in cue_spans) or None
        claims.append(
            {
                "source": source,
                "source_text": source,
                "cue": cue,
                "content": content,
                "kind": "indirect" if source else "unattributed",
                "start": content_spans[0][0],
                "end": content_spans[-1][1],
                "source_start": source_spans[0][0] if source_spans else -1,
                "source_end": source_spans[-1][1] if source_spans else -1,
                "cue_start": cue_spans[0][0] if cue_spans else -1,
                "cue_end": cue_spans[-1][1] if cue_spans else -1,
            }
        )
    claims.sort(key=lambda c: (c["start"], c["end"]))
    return claims


def load_polnear(folder: str | Path, *, all_annotators: bool = False) -> list[PolnearArticle]:
    """Load a PolNeAR split: ``text/*.txt`` with ``attributions/<name>_<annotator>.ann``.

    Args:
        folder: the split folder (holding ``text/`` and ``attributions/``) or the
            corpus folder holding ``dev/``.
        all_annotators: keep every annotation of articles annotated more than once;
            by default only the first annotator's (sorted by id), so each article
            counts once.

    Returns:
        Articles sorted by name.

    Raises:
        DataError: when the folder has no PolNeAR layout, or a file cannot be read.
    """
    root = Path(folder)
    if not (root / "text").is_dir() and (root / "dev" / "text").is_dir():
        root = root / "dev"
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise DataError(f"{folder}: not a PolNeAR folder (expected text/ and attributions/)")
    articles: list[PolnearArticle] = []
    for text_path in sorted(text_dir.glob("*.txt")):
        name = text_path.stem
        anns = sorted(ann_dir.glob(f"{glob_escape(name)}_*.ann"))
        if not anns:
            continue
        try:
            text = text_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataError(f"{text_path}: cannot be read ({exc})") from exc
        for ann_path in anns if all_annotators else anns[:1]:
            annotator = ann_path.stem.rsplit("_", 1)[-1]
            try:
                ann = ann_path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise DataError(f"{ann_path}: cannot be read ({exc})") from exc
            claims = parse_ann(ann, text, str(ann_path))
            articles.append(PolnearArticle(name, annotator, text, tuple(claims)))
    if not articles:
        raise DataError(f"{folder}: no PolNeAR articles with annotations found")
    return articles


def glob_escape(name: str) -> str:
    """``name`` with glob metacharacters escaped (article names may contain them)."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def score_polnear(articles: list[PolnearArticle], *, as_written: bool = True) -> ClaimScores:
    """Score :func:`briefing.extract_claims` on PolNeAR articles.

    Args:
        articles: from :func:`load_polnear`.
        as_written: compare PolNeAR's sources (the words as written, "he",
            "Clinton") with the predicted ``source_text``; with False, compare them
            with the resolved ``source`` ("Hillary Clinton"), which penalises every
            resolved pronoun.

    Returns:
        The summed scores (overall figures and source accuracy are meaningful;
        PolNeAR has no claim kinds).
    """
    import dataclasses

    from briefing.claims import extract_claims, score_claims

    total = None
    for article in articles:
        predicted = extract_claims(article.to_article())
        if as_written:
            predicted = [dataclasses.replace(c, source=c.source_text) for c in predicted]
        scores = score_claims(predicted, article.claims)
        total = scores if total is None else total + scores
    if total is None:
        raise DataError("no PolNeAR articles to score")
    return total


if __name__ == "__main__":
    import json
    import sys

    folder = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/polnear"
    loaded = load_polnear(folder)
    for written in (True, False):
        figures = score_polnear(loaded, as_written=written).to_dict()
        figures.pop("by_kind")
        figures["sources"] = "as written" if written else "resolved"
        figures["articles"] = len(loaded)
        print(json.dumps(figures))
