"""Parsing of what parents actually type: amounts ("¥ 328", "9,90 €") and dates ("hier vers 21h").

Public API: :class:`Money`, :func:`parse_amount`, :func:`parse_when`; the finer-grained
:func:`parse_when_detail` / :class:`ParsedWhen` live in :mod:`handlers.parsing.when`.
"""

from handlers.parsing.amount import Money, parse_amount
from handlers.parsing.when import ParsedWhen, parse_when, parse_when_detail

__all__ = ["Money", "ParsedWhen", "parse_amount", "parse_when", "parse_when_detail"]
