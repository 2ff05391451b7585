"""What the operator's listing commands print (``refund-desk outbox``, ``refund-desk
updates``): a header, a line a row, then what can be done about them; or one line saying
there is nothing to list."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from storage.database import one_transaction

Row = TypeVar("Row")


@dataclass(frozen=True)
class Wording:
    """A listing's words: its columns' header, what it says when there is nothing to list,
    and what can be done about the rows."""

    header: str
    nothing: str
    then: str


async def print_table(
    url: str,
    read: Callable[..., Awaitable[Sequence[Row]]],
    line: Callable[[Row], str],
    wording: Wording,
) -> int:
    """The rows ``read(session=...)`` finds in the database at ``url``, a ``line`` each; 0,
    the command's exit status."""
    async with one_transaction(url) as session:
        rows = await read(session=session)
    if not rows:
        print(wording.nothing)
        return 0
    print(wording.header)
    for row in rows:
        print(line(row))
    print(wording.then)
    return 0
