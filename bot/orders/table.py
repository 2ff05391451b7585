"""The table inside every bill, read the same way whatever the format.

A bill is rows of cells: blank rows and notes, a header naming the columns, then one row a
line, until the file ends or (WeChat Pay) a row starts what follows the table. A format says
how it reads a cell, what its header must hold, which columns its lines are read from and how
their values become a :class:`~handlers.orders.records.BillLine` (:class:`Table`);
:func:`read_table` does the rest for all of them: blank rows and notes skipped, the header
taken, each row's width checked, the line read, and a row's problem reported with its number
as a :class:`RowProblem` (the importer decides whether it stops the import). A file that is
not the format at all raises :class:`BillError`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Generator, Iterator
from dataclasses import dataclass

from handlers.orders.records import BillLine


class BillError(Exception):
    """The file cannot be read as the format: one line saying why (and where)."""


@dataclass(frozen=True)
class RowProblem:
    row: int
    message: str


Read = Iterator[BillLine | RowProblem]
#: A file's rows of cells, numbered from 1 (``enumerate(csv.reader(text), start=1)``).
Rows = Iterator[tuple[int, list[str]]]


@dataclass(frozen=True)
class Table:
    """What one format's table is like."""

    #: Raises :class:`BillError` when the first row with a value is not the format's header.
    check_header: Callable[[int, list[str]], None]
    #: A row's values by column name → its line (None: a row that is not a charge).
    read_line: Callable[[dict[str, str], int], BillLine | None]
    #: The columns ``read_line`` reads: the others are never looked at.
    columns: Collection[str]
    #: The :class:`BillError` when the file has no header at all.
    no_header: str
    #: A cell's value (WeChat Pay: without the backtick that keeps spreadsheets off its ids).
    cell: Callable[[str], str] = str.strip
    #: A first value starting with this is a note, not a row (Alipay's ``#`` lines).
    note: str | None = None
    #: A first value that ends the table (WeChat Pay's summary header).
    end: str | None = None
    #: Whether a row may hold more values than the header names (the extra ones unread).
    wider_rows: bool = True


@dataclass(frozen=True)
class TableEnd:
    #: The row that ended the table (:attr:`Table.end`); None when the file ended.
    row: int | None
    #: The rows read as lines after the header, bad ones included.
    lines: int


def read_table(rows: Rows, table: Table) -> Generator[BillLine | RowProblem, None, TableEnd]:
    """Each line of the table, or the problem of its row; returns where and how it ended."""
    header = _header(rows, table)
    width = len(header)
    positions = {name: i for i, name in enumerate(header)}  # a repeated name: its last column
    columns = [(name, positions[name]) for name in table.columns if name in positions]
    lines = 0
    for number, cells in rows:
        row = _usual_row(cells, width, columns, table)
        if row is None:
            values = [table.cell(c) for c in cells]
            if _passed_over(values, table):
                continue
            if values[0] == table.end:
                return TableEnd(number, lines)
            lines += 1
            if len(values) < width or (len(values) > width and not table.wider_rows):
                yield RowProblem(number, f"{len(values)} values, the header has {width}")
                continue
            row = {name: values[i] for name, i in columns}
        else:
            lines += 1
        try:
            line = table.read_line(row, number)
        except ValueError as exc:
            yield RowProblem(number, str(exc))
            continue
        if line is not None:
            yield line
    return TableEnd(None, lines)


def _header(rows: Rows, table: Table) -> list[str]:
    for number, cells in rows:
        values = [table.cell(c) for c in cells]
        if not _passed_over(values, table):
            table.check_header(number, values)
            return values
    raise BillError(table.no_header)


def _passed_over(values: list[str], table: Table) -> bool:
    """A blank row, or a note."""
    return not any(values) or (table.note is not None and values[0].startswith(table.note))


def _usual_row(
    cells: list[str], width: int, columns: list[tuple[str, int]], table: Table
) -> dict[str, str] | None:
    """The usual row — as wide as the header, neither a note nor the table's end, a value in
    a column read — with only the columns read looked at (a WeChat Pay bill line has 27
    values, 14 of them read; cleaning them all makes reading a 100,000-line bill a third
    slower). None: any other row, whose values are then all read."""
    if len(cells) != width:
        return None
    first = table.cell(cells[0])
    if first == table.end or (table.note is not None and first.startswith(table.note)):
        return None
    row = {name: table.cell(cells[i]) for name, i in columns}
    return row if any(row.values()) else None
