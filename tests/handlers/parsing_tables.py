"""The parsers' tables of what parents type: each row a text and what it must read as."""

from __future__ import annotations

from collections.abc import Callable


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
