"""What typed-in text and numbers may contain: the one rule every input path applies.

Text that people type, upload or send is shown to the other party (titles, notes, the audit
log). Invisible characters can make it lie: a right-to-left override (U+202E) shows
``gnp.exe`` as ``exe.png``, an escape sequence recolours a terminal, a NUL cuts a string short
in some tools. ``clean_text`` removes them:

- C0 and C1 control characters, except tab and line feed (a carriage return becomes a line
  feed, so Windows line ends survive as line ends);
- the Unicode bidirectional controls (embeddings, overrides, isolates and the directional
  marks) and the line and paragraph separators (U+2028, U+2029).

Removing rather than refusing keeps a pasted text usable; the characters carry no meaning a
person typed on purpose. Numbers typed as text go through ``small_int``: only ASCII digits with
an optional sign and at most a few digits, so a superscript ``²`` or a 5,000-digit number is
"not a number" instead of an exception.
"""
import re

__all__ = ["clean_text", "clean_value", "has_hidden_characters", "small_int"]

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_HIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}\u2028\u2029]")
_LINE_ENDS = re.compile(r"\r\n?")
_INT = re.compile(r"[+\-\u2212]?[0-9]{1,18}")
MAX_DIGITS = 18  # fits a 64-bit column; longer runs of digits are never a valid value here


def clean_text(value: str) -> str:
    """The text without hidden control and direction characters, with line ends as ``\\n``."""
    if not value or value.isprintable():
        return value  # the common case (no control, format or separator characters) costs one scan
    return _HIDDEN.sub("", _LINE_ENDS.sub("\n", value))


def clean_value(value):
    """``clean_text`` applied to a string, or to every string inside lists and dicts (JSON)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    return value


def has_hidden_characters(value: str) -> bool:
    """True when ``clean_text`` would change more than line ends."""
    return bool(_HIDDEN.search(value or ""))


def small_int(raw: str | None) -> int | None:
    """An integer written as ASCII digits (optional sign, at most 18 digits), else None."""
    text = (raw or "").strip()
    if not _INT.fullmatch(text):
        return None
    return int(text.replace("\u2212", "-"))
