"""What the operator's listing commands print (``refund-desk outbox``, ``refund-desk
updates``): a header, a line a row, then what can be done about them; or one line saying
there is nothing to list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

Row = TypeVar("Row")


def print_table(
    rows: Sequence[Row], *, header: str, line: Callable[[Row], str], nothing: str, then: str
) -> None:
    if not rows:
        print(nothing)
        return
    print(header)
    for row in rows:
        print(line(row))
    print(then)
