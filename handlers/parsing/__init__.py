"""Parsing of what parents actually type: amounts ("¥ 328", "9,90 €") and dates ("hier vers 21h").

Public API: :class:`Money`, :func:`parse_amount`, :func:`parse_when`; the finer-grained
:func:`read_amount` / :class:`AmountReading` (why an estimate or a range is not an amount) and
:func:`parse_when_detail` / :class:`ParsedWhen` live in :mod:`handlers.parsing.amount` and
:mod:`handlers.parsing.when`.  What is understood and what is refused: docs/parsing.md.
"""

from handlers.parsing.amount import AmountReading, Money, parse_amount, read_amount
from handlers.parsing.when import ParsedWhen, parse_when, parse_when_detail

__all__ = [
    "AmountReading",
    "Money",
    "ParsedWhen",
    "parse_amount",
    "parse_when",
    "parse_when_detail",
    "read_amount",
]
