"""Read an input file as text, detecting its encoding instead of assuming UTF-8.

Archive exports come as UTF-8 (with or without BOM), UTF-16/32 (Windows "Unicode"), Windows-1251 or KOI8-R,
with LF or CRLF line ends. UTF-8 is tried strictly first (it almost never
decodes other encodings by accident); otherwise charset-normalizer chooses, and
its choice is checked for plausibility (mostly letters, few control characters).
The decoded text is returned unchanged (CR kept): every offset in the workbench
indexes this string.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from align.errors import InputError

# A text file has almost no control characters other than tab, CR and LF.
MAX_CONTROL_SHARE = 0.01
# Share of NUL bytes in the first 8 KiB above which a file is binary, whatever its extension.
MAX_NUL_SHARE = 0.001


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n\f")
    return bad / len(sample)


_BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


# Share of characters in the Latin, Cyrillic and common punctuation blocks above which a UTF-16
# reading without a BOM is the right byte order (the wrong one reads as CJK or unassigned).
MIN_SCRIPT_SHARE = 0.8


def _script_share(head: bytes, codec: str) -> float:
    try:
        sample = head[: len(head) // 2 * 2].decode(codec)
    except UnicodeDecodeError:
        return 0.0
    if not sample or "\x00" in sample:
        return 0.0
    return sum(1 for c in sample if ord(c) < 0x0530 or 0x2000 <= ord(c) < 0x2070) / len(sample)


def _wide_unicode(data: bytes, name: str) -> tuple[str, str] | None:
    """UTF-16 or UTF-32 text (Windows "Unicode" exports), by its BOM or, for UTF-16 without one,
    a file full of zero bytes that decodes to plausible text; None for anything else."""
    encoding, skip = None, 0
    for bom, codec in _BOMS:
        if data.startswith(bom):
            encoding, skip = codec, len(bom)
            break
    head = data[:8192]
    if encoding is None and head.count(b"\x00") > max(1, MAX_NUL_SHARE * len(head)) and len(data) % 2 == 0:
        scores = {codec: _script_share(head, codec) for codec in ("utf-16-le", "utf-16-be")}
        best = max(scores, key=scores.get)
        if scores[best] >= MIN_SCRIPT_SHARE:  # the byte order that gives Latin and Cyrillic text
            encoding = best
    if encoding is None:
        return None
    try:
        return data[skip:].decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: looks like {encoding.upper()} but does not decode ({exc.reason})") from exc


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding name) of raw bytes; InputError when they are empty, binary or undecodable."""
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    unicode = _wide_unicode(data, name)
    if unicode is not None:
        return unicode
    head = data[:8192]
    if head.count(b"\x00") > max(1, MAX_NUL_SHARE * len(head)):
        raise InputError(
            f"{name}: binary file, not text (expected a UTF-8, Windows-1251 or KOI8-R text file)"
        )
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: starts with a UTF-8 BOM but is not valid UTF-8 ({exc.reason})"
            ) from exc
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _detect(data, name)
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise InputError(f"{name}: does not look like text in any known encoding (binary file?)")
    return text, encoding


def _detect(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # import here: only non-UTF-8 files need it

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: cannot determine the text encoding (save it as UTF-8)")
    return str(best), best.encoding


def read_text(path: Path) -> tuple[str, str]:
    """(decoded text, encoding) of a file; InputError for a missing, empty, binary or undecodable file."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder, expected a text file")
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    return decode_bytes(data, str(path))
