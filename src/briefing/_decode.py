"""Bytes to text: encoding detection, binary rejection and whitespace normalisation.

News files arrive as UTF-8 (with or without a byte-order mark), now and then as
UTF-16 with a BOM (Windows tools), and often as CP1252/Latin-1 from older CMS
exports. The rules, in order:

1. A UTF-32 or UTF-16 BOM selects that encoding (these files are full of NUL
   bytes, so they must be recognised before the binary check).
2. NUL bytes, or many other control bytes, mean the input is not text.
3. Valid UTF-8 is UTF-8 (a UTF-8 BOM is removed).
4. Mostly-valid UTF-8 with a few damaged bytes is decoded as UTF-8, the damaged
   bytes becoming U+FFFD: re-reading it as CP1252 would garble every accented
   letter instead of one.
5. Otherwise CP1252 (a superset of Latin-1 for printable text), if the result
   looks like Western text: few non-ASCII characters and no C1 controls.

Every check costs a pass in C over the bytes, so clean UTF-8 is decoded in
microseconds.
"""

from __future__ import annotations

import codecs
import re
from typing import Final

from briefing.errors import InputError

__all__ = ["decode_bytes", "looks_binary_text", "normalise_text"]

# Bytes that do not occur in text files: C0 controls except tab, LF, VT, FF, CR.
_CONTROL_BYTES: Final = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13)) + b"\x7f"
_NOT_CONTROL: Final = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
# More control bytes than this share of the input means binary data.
MAX_CONTROL_RATIO: Final = 0.01
# A CP1252 reading with more non-ASCII characters than this share is not Western
# text (it is more likely random bytes or a CJK encoding).
MAX_NON_ASCII_RATIO: Final = 0.2
# Share of UTF-8 decoding errors among multibyte sequences under which the input
# is taken as damaged UTF-8 rather than another encoding.
MAX_UTF8_ERROR_RATIO: Final = 0.05

_UTF8_MULTIBYTE: Final = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_NON_ASCII: Final = re.compile(r"[^\x00-\x7f]")
_C1_OR_CONTROL: Final = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_C1_UTF8: Final = re.compile(rb"\xc2[\x80-\x9f]")
# Non-breaking and other fixed-width spaces become plain spaces, so that word
# splitting and regular expressions see one kind of space. Every replacement is
# one character for one, so offsets into the text stay valid.
_SPACE_LIKE: Final = ("\u00a0", "\u2007", "\u202f")


def looks_binary_text(sample: str) -> bool:
    """Whether decoded text holds NUL or too many other control characters."""
    if "\x00" in sample:
        return True
    return _control_count(sample) > MAX_CONTROL_RATIO * len(sample)


def _control_count(text: str) -> int:
    """How many characters of ``text`` ``_C1_OR_CONTROL`` matches.

    Counted in the UTF-8 bytes, four times faster than with the pattern: C0 controls
    and DEL are single bytes that no multibyte character contains, and a C1 control
    is the byte 0xC2 then one from 0x80 to 0x9F, where 0xC2 can only start a character.
    """
    data = text.encode("utf-8", "surrogatepass")
    count = len(data.translate(None, _NOT_CONTROL))
    if b"\xc2" in data:
        count += len(_C1_UTF8.findall(data))
    return count


def _is_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    controls = len(data.translate(None, _NOT_CONTROL))
    return controls > MAX_CONTROL_RATIO * len(data)


def decode_bytes(data: bytes, origin: str) -> str:
    """Decode the bytes of an article into text (not yet normalised).

    Args:
        data: the raw bytes, non-empty.
        origin: the name of the input, for error messages.

    Returns:
        The decoded text, without a byte-order mark.

    Raises:
        InputError: the bytes look binary or cannot be decoded as text.
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(
                    f"{origin}: cannot decode the text (it starts with a {encoding.upper()} "
                    f"byte-order mark but is not valid {encoding.upper()})"
                ) from None
            if looks_binary_text(text):
                raise InputError(f"{origin}: looks like a binary file, not text")
            return text
    if _is_binary(data):
        raise InputError(f"{origin}: looks like a binary file, not text")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_error = error.start
    multibyte = len(_UTF8_MULTIBYTE.findall(data))
    if multibyte:
        damaged = data.decode("utf-8", errors="replace")
        errors = damaged.count("\ufffd") - data.count("\ufffd".encode())
        if errors <= MAX_UTF8_ERROR_RATIO * multibyte:
            return damaged
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(
            f"{origin}: cannot decode the text (not UTF-8 at byte {first_error}, "
            "and not CP1252/Latin-1 either)"
        ) from None
    non_ascii = len(_NON_ASCII.findall(text))
    if non_ascii > MAX_NON_ASCII_RATIO * len(text) or _C1_OR_CONTROL.search(text):
        raise InputError(
            f"{origin}: cannot decode the text (not UTF-8 at byte {first_error}, "
            "and too many unusual characters for CP1252/Latin-1)"
        )
    return text


def normalise_text(text: str) -> str:
    """Normalise line endings and space characters; keep quotes and everything else.

    ``\\r\\n`` and ``\\r`` become ``\\n``; non-breaking spaces become spaces; Unicode
    line and paragraph separators become ``\\n``. Apart from ``\\r\\n``, each change
    replaces one character with one, so offsets computed on a file with ``\\n`` line
    endings (annotations, for example) stay valid. Curly and straight quotes,
    dashes and accents are left exactly as they are.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for space in _SPACE_LIKE:
        if space in text:
            text = text.replace(space, " ")
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return text
