"""Bounds on what people and Telegram send, applied where it enters the core.

Numbers. ``str.isdigit()`` is true for "²", which ``int()`` refuses, and for Arabic-Indic or
full-width digits, which ``int()`` accepts; ``int()`` takes any length, while PostgreSQL's
INTEGER (``cases.id``, ``drafts.id``) stops at 2**31 - 1 and refuses anything beyond in a
query. Button data is the bot's own, so only ASCII digits within a known range count there
(:func:`ascii_int`, :func:`record_id`); what people type may use their keyboard's digits
(:func:`ascii_digits` first).

Text. PostgreSQL refuses a value longer than its VARCHAR column (or holding a NUL) and aborts
the transaction, where SQLite keeps it quietly. The limits are read from the tables
(:func:`column_length`); names coming from Telegram are cut to fit (:func:`clip`,
:func:`clip_file_name`), what an agent or a parent types is refused with a translated answer
where it is read.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import inspect
from sqlmodel import SQLModel

#: PostgreSQL INTEGER, the type of the tables' own ids.
INT32_MAX = 2**31 - 1

_INTEGER = re.compile(r"-?[0-9]+")
_ZWJ = "\u200d"
_ELLIPSIS = "…"
#: Longest extension kept whole when a file name is cut ("report.pdf" → "rep….pdf").
_EXTENSION = 16


def ascii_int(text: str, *, low: int, high: int) -> int | None:
    """``text`` as an integer when it is ASCII digits (with a leading "-" only when ``low`` is
    negative) and ``low <= value <= high``; otherwise None. Never raises, whatever the length.

    >>> ascii_int("42", low=1, high=99), ascii_int("²", low=1, high=99), ascii_int("١٢", low=1, high=99)
    (42, None, None)
    """  # noqa: E501
    if _INTEGER.fullmatch(text) is None or (text[0] == "-" and low >= 0):
        return None
    digits = text.lstrip("-").lstrip("0")
    if len(digits) > len(str(max(abs(low), abs(high)))):
        return None  # too long to be in range: no need to build a huge int
    value = int(text)
    return value if low <= value <= high else None


def record_id(text: str) -> int | None:
    """The id of one of the bot's own rows (a case, a draft) named in button data."""
    return ascii_int(text, low=1, high=INT32_MAX)


def ascii_digits(text: str) -> str:
    """Decimal digits of any script as ASCII digits ("١٢", "１２" → "12"); other characters are
    kept. Superscripts such as "²" are not decimal digits and stay as they are."""
    return "".join(
        str(digit) if (digit := unicodedata.decimal(ch, None)) is not None else ch for ch in text
    )


def column_length(model: type[SQLModel], name: str) -> int:
    """The declared length of a VARCHAR column: ``column_length(Evidence, "file_name")``."""
    length = getattr(inspect(model).columns[name].type, "length", None)
    if not isinstance(length, int):
        raise TypeError(f"{model.__name__}.{name} has no length")
    return length


def _attaches(ch: str) -> bool:
    """A character that belongs to the one before it (accents, emoji modifiers, joiners)."""
    return (
        unicodedata.category(ch) in ("Mn", "Me")
        or ch == _ZWJ
        or "\ufe00" <= ch <= "\ufe0f"  # variation selectors
        or "\U0001f3fb" <= ch <= "\U0001f3ff"  # skin tones
    )


def _cut(text: str, limit: int) -> str:
    text = text.replace("\x00", "")
    if len(text) <= limit:
        return text
    end = limit
    while end > 0 and (_attaches(text[end]) or text[end - 1] == _ZWJ):
        end -= 1
    return text[:end]


def clip(text: str | None, limit: int) -> str | None:
    """``text`` without NULs, cut to at most ``limit`` characters; an accent or an emoji
    modifier is never parted from its letter (the whole cluster goes). None stays None."""
    return None if text is None else _cut(text, limit)


def clip_file_name(name: str | None, limit: int) -> str | None:
    """Like :func:`clip`, keeping the extension of a file name: "long-na….pdf"."""
    if name is None or len(name) <= limit:
        return clip(name, limit)
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) > _EXTENSION:
        stem, extension = name, ""
    suffix = f"{_ELLIPSIS}.{extension}" if extension else _ELLIPSIS
    return _cut(stem, limit - len(suffix)) + suffix
