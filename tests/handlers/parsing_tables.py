"""The parsers' tables of what parents type: each row a text and what it must read as.

The rows are data, one file a parser in tests/handlers/corpus/ (``amount_tables.json``,
``when_tables.json``): for each language a list of ``[text, expected]``, ``expected`` being
``null`` when the text must not be read at all.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"


def load_tables(parser: str) -> dict[str, list[tuple[str, str | None]]]:
    """The rows of ``corpus/{parser}_tables.json`` by language, in the file's order."""
    with (CORPUS / f"{parser}_tables.json").open(encoding="utf-8") as file:
        tables = json.load(file)
    return {
        language: [(text, expected) for text, expected in rows]
        for language, rows in tables.items()
    }


def assert_table_read(
    locale: str, rows: list[tuple[str, str | None]], read: Callable[[str], str | None]
) -> None:
    """At least 95% of a language's rows (60 or more) read as expected; each miss is printed."""
    assert len(rows) >= 60
    failures = []
    for text, expected in rows:
        got = read(text)
        if got != expected:
            failures.append(f"{locale} {text!r}: expected {expected!r}, got {got!r}")
    for failure in failures:
        print(failure)
    rate = 1 - len(failures) / len(rows)
    print(f"{locale}: {rate:.1%} of {len(rows)} rows")
    assert rate >= 0.95, failures
