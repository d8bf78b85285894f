"""Reading articles: files, standard input, bytes and strings, plain text or HTML.

:func:`read_article` and :func:`parse_article` turn whatever a user has (a path,
``-`` for standard input, the bytes of a download, a string) into an
:class:`~briefing.types.Article`:

1. **Size first.** A file is checked with ``stat`` before it is opened, so a
   multi-gigabyte file or a FIFO is refused without reading it.
2. **Decoding** (``_decode``): UTF-8 with or without BOM, UTF-16/32 with BOM,
   CP1252/Latin-1 as a fall-back; binary files are refused. Line endings become
   ``\\n`` and non-breaking spaces become spaces; quotes are never touched.
3. **HTML** (``<html``, ``<!doctype``, many tags, a ``.html``/``.htm`` name, or
   ``ReadOptions.html=True``) goes through trafilatura, imported only then, for the
   body, title, author and date.
4. **Site furniture** (``_furniture``): menus, share bars, "Related stories" lists
   and copyright lines are removed from scraped text; the title, byline, dateline
   and date are kept as metadata.

Every problem with the input is an :class:`~briefing.errors.InputError` whose
one-line message names the input and the problem.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass
from typing import Final

from briefing._decode import decode_bytes, looks_binary_text, normalise_text
from briefing._furniture import find_dateline, isolate_story
from briefing.errors import ConfigError, InputError
from briefing.types import Article

__all__ = [
    "DEFAULT_MAX_BYTES",
    "HTML_SUFFIXES",
    "ReadOptions",
    "looks_like_html",
    "parse_article",
    "read_article",
]

DEFAULT_MAX_BYTES: Final = 5_000_000
HTML_SUFFIXES: Final = frozenset({".html", ".htm", ".xhtml"})
STDIN_ORIGIN: Final = "<stdin>"

# Only the start of a text is looked at to decide whether it is HTML.
_HTML_SAMPLE_CHARS: Final = 10_000
_HTML_MIN_TAGS: Final = 5
# Share of the sample taken up by tags above which a text counts as HTML.
_HTML_MIN_TAG_SHARE: Final = 0.1
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
# Whitespace, and the invisible characters that editors leave behind.
_BLANK = re.compile(r"[\s\u200b\u2060\ufeff]*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$", re.MULTILINE)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How articles are read.

    Attributes:
        max_bytes: inputs larger than this are refused before they are read
            (for strings, the limit counts characters).
        strip_furniture: remove site furniture (menus, share bars, related-story
            lists, copyright lines) around and inside the story, and take the title,
            byline and date out of the text. ``False`` keeps the text as decoded.
        html: ``True`` treats every input as HTML, ``False`` never does, ``None``
            decides from the file name and the content.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    strip_furniture: bool = True
    html: bool | None = None

    def __post_init__(self) -> None:
        if isinstance(self.max_bytes, bool) or not isinstance(self.max_bytes, int):
            raise ConfigError(
                f"ReadOptions.max_bytes must be an integer, not {type(self.max_bytes).__name__}"
            )
        if self.max_bytes <= 0:
            raise ConfigError(f"ReadOptions.max_bytes must be positive, not {self.max_bytes}")


def read_article(source: str | os.PathLike[str], *, options: ReadOptions | None = None) -> Article:
    """Read an article from a file, or from standard input when ``source`` is ``"-"``.

    Args:
        source: a path to a text or HTML file, or ``"-"`` for the bytes on standard
            input. Files named ``*.html``/``*.htm`` are read as HTML.
        options: size limit, furniture stripping and HTML handling; defaults to
            :class:`ReadOptions()`.

    Returns:
        The article, with ``origin`` set to the path as given (or ``"<stdin>"``).

    Raises:
        InputError: the file is missing, a directory or not a regular file, not
            readable, empty or only whitespace, binary, undecodable, over
            ``options.max_bytes``, or holds no article text.

    Example:
        >>> article = read_article("story.txt")  # doctest: +SKIP
        >>> article.title, article.text[:40]  # doctest: +SKIP
    """
    options = options or ReadOptions()
    if isinstance(source, str) and source == "-":
        return _parse(_read_stdin(options), STDIN_ORIGIN, options, options.html, "input")
    origin = os.fspath(source)
    html = options.html
    if html is None and os.path.splitext(origin)[1].lower() in HTML_SUFFIXES:
        html = True
    return _parse(_read_file(origin, options), origin, options, html, "file")


def parse_article(
    content: str | bytes,
    *,
    origin: str = "<string>",
    html: bool | None = None,
    options: ReadOptions | None = None,
) -> Article:
    """Build an article from text or from the raw bytes of a file or download.

    Args:
        content: the text, or bytes in any encoding :func:`read_article` accepts.
        origin: a name for the input, used in ``Article.origin`` and in error messages.
        html: ``True``/``False`` force HTML or plain-text handling; ``None`` uses
            ``options.html``, and if that is ``None`` too, looks at the content.
        options: see :class:`ReadOptions`.

    Returns:
        The article.

    Raises:
        InputError: the content is empty or only whitespace, binary, undecodable,
            over ``options.max_bytes``, or holds no article text.

    Example:
        >>> text = "Rains fail again\\n\\nFarmers said on Monday that the rains had failed."
        >>> parse_article(text).title
        'Rains fail again'
    """
    options = options or ReadOptions()
    if html is None:
        html = options.html
    return _parse(content, origin, options, html, "input")


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML document: a doctype or ``<html>`` tag near the start,
    or opening and closing tags making up a tenth of the first 10,000 characters."""
    sample = text[:_HTML_SAMPLE_CHARS]
    if "<" not in sample:
        return False
    if _HTML_START.search(sample, 0, 2_000):
        return True
    tags = _TAG.findall(sample)
    return (
        len(tags) >= _HTML_MIN_TAGS
        # Markup closes its elements; a text that mentions "<b>" does not.
        and any(tag.startswith("</") for tag in tags)
        and sum(map(len, tags)) >= _HTML_MIN_TAG_SHARE * len(sample)
    )


def _format_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size} bytes"


def _too_big(origin: str, size: int | None, limit: int, unit: str = "bytes") -> InputError:
    limit_text = _format_size(limit) if unit == "bytes" else f"{limit:,} characters"
    if size is None:
        return InputError(f"{origin}: over the {limit_text} limit (ReadOptions.max_bytes)")
    size_text = _format_size(size) if unit == "bytes" else f"{size:,} characters"
    return InputError(
        f"{origin}: {size_text} is over the {limit_text} limit (ReadOptions.max_bytes)"
    )


def _read_file(path: str, options: ReadOptions) -> bytes:
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except ValueError:  # a NUL character in the path
        raise InputError(f"{path!r}: not a valid file name") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read the file ({error.strerror or error})") from None
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a directory, not a file")
    if not stat.S_ISREG(mode):
        # Opening a FIFO would block until a writer appears; devices never end.
        kind = "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device or socket"
        raise InputError(f"{path}: is {kind}, not a regular file")
    if info.st_size > options.max_bytes:
        raise _too_big(path, info.st_size, options.max_bytes)
    if info.st_size == 0:
        raise InputError(f"{path}: the file is empty")
    try:
        with open(path, "rb") as handle:
            # One byte more than allowed tells a file that grew since stat().
            data = handle.read(options.max_bytes + 1)
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read the file ({error.strerror or error})") from None
    if len(data) > options.max_bytes:
        raise _too_big(path, None, options.max_bytes)
    return data


def _read_stdin(options: ReadOptions) -> bytes | str:
    stream = sys.stdin
    if stream is None:
        raise InputError(f"{STDIN_ORIGIN}: there is no standard input")
    try:
        buffer = getattr(stream, "buffer", None)
        data: bytes | str = (
            buffer.read(options.max_bytes + 1)
            if buffer is not None
            else stream.read(options.max_bytes + 1)
        )
    except (OSError, ValueError) as error:  # closed or unreadable standard input
        raise InputError(f"{STDIN_ORIGIN}: cannot read standard input ({error})") from None
    if len(data) > options.max_bytes:
        raise _too_big(STDIN_ORIGIN, None, options.max_bytes)
    return data


def _parse(
    content: str | bytes, origin: str, options: ReadOptions, html: bool | None, noun: str
) -> Article:
    if isinstance(content, (bytes, bytearray, memoryview)):
        data = bytes(content)
        if len(data) > options.max_bytes:
            raise _too_big(origin, len(data), options.max_bytes)
        if not data:
            raise InputError(f"{origin}: the {noun} is empty")
        text = decode_bytes(data, origin)
    elif isinstance(content, str):
        if len(content) > options.max_bytes:
            raise _too_big(origin, len(content), options.max_bytes, unit="characters")
        if not content:
            raise InputError(f"{origin}: the {noun} is empty")
        if looks_binary_text(content):
            raise InputError(f"{origin}: looks like binary data, not text")
        text = content
    else:
        raise TypeError(f"content must be str or bytes, not {type(content).__name__}")
    text = normalise_text(text)
    if _BLANK.fullmatch(text):
        raise InputError(f"{origin}: the {noun} holds only whitespace")
    if html is None:
        html = looks_like_html(text)
    if html:
        return _parse_html(text, origin, options)
    if not options.strip_furniture:
        text = text.strip()
        return Article(text, dateline=find_dateline(text), origin=origin)
    story = isolate_story(text)
    if not story.text.strip():
        raise InputError(
            f"{origin}: no article text found (only site furniture such as menus and links)"
        )
    return Article(
        story.text,
        title=story.title,
        byline=story.byline,
        dateline=story.dateline,
        origin=origin,
        published=story.published,
    )


def _extract_html(text: str, origin: str) -> dict[str, str | None]:
    """Body text, title, author and date of an HTML page, by trafilatura."""
    import trafilatura

    fields: dict[str, str | None] = {}
    try:
        for precision in (True, False):
            # Precision mode gives up on some short pages; the balanced mode may not.
            document = trafilatura.bare_extraction(
                text,
                include_comments=False,
                include_tables=False,
                favor_precision=precision,
                with_metadata=True,
                # Without this, htmldate reads "© 2026" as a publication date.
                date_extraction_params={"extensive_search": False},
            )
            fields = {
                name: _clean(getattr(document, name, None)) for name in ("title", "author", "date")
            }
            body = getattr(document, "text", None)
            fields["text"] = normalise_text(body) if isinstance(body, str) else None
            if fields["text"] and fields["text"].strip():
                break
    except Exception as error:  # lxml and trafilatura fail in many ways on broken markup
        message = f"{origin}: cannot parse the HTML ({type(error).__name__}: {error})"
        raise InputError(message.splitlines()[0]) from error
    return fields


def _parse_html(text: str, origin: str, options: ReadOptions) -> Article:
    fields = _extract_html(text, origin)
    body = fields["text"] or ""
    if not body.strip():
        raise InputError(f"{origin}: no article text found in the HTML")
    title, byline, published = fields["title"], fields["author"], fields["date"]
    dateline = None
    if title and body.lstrip().startswith(title):
        # trafilatura repeats the headline as the first line of the text.
        first, _, rest = body.lstrip().partition("\n")
        if first.strip() == title:
            body = rest
    if options.strip_furniture:
        story = isolate_story(body)
        if not story.has_prose and not _SENTENCE_END.search(story.text):
            # What trafilatura found is a menu or a list of links, not a story.
            raise InputError(f"{origin}: no article text found in the HTML")
        body = story.text
        title = title or story.title
        byline = byline or story.byline
        dateline = story.dateline
        published = published or story.published
    body = body.strip()
    if not body:
        raise InputError(f"{origin}: no article text found in the HTML")
    if not options.strip_furniture:
        dateline = find_dateline(body)
    return Article(
        body,
        title=title,
        byline=byline,
        dateline=dateline,
        origin=origin,
        published=published,
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(normalise_text(value).split())
    return value or None
