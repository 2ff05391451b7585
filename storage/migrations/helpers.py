"""The steps the revisions take again and again, said once.

Each helper runs the very operations the revisions used to spell out, in the same order and in
the same batches, so a deployed revision's SQL does not change with it. A batch on SQLite copies
the table only for what SQLite cannot alter in place (dropping a column, changing one).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op


def _index_name(table: str, column: str) -> str:
    return f"ix_{table}_{column}"


def create_table(
    table: str,
    *elements: sa.schema.SchemaItem,
    indexes: tuple[str, ...] = (),
    unique: tuple[str, ...] = (),
) -> None:
    """The table, then an ``ix_<table>_<column>`` index on each column named: the unique ones
    first, each list in its order."""
    op.create_table(table, *elements)
    if not (unique or indexes):
        return
    with op.batch_alter_table(table, schema=None) as batch:
        for column in unique:
            batch.create_index(batch.f(_index_name(table, column)), [column], unique=True)
        for column in indexes:
            batch.create_index(batch.f(_index_name(table, column)), [column], unique=False)


def drop_table(table: str, *, indexes: tuple[str, ...] = ()) -> None:
    """Undoes :func:`create_table`: the ``ix_<table>_<column>`` indexes (named as they were
    created, unique or not; dropped last first), then the table."""
    if indexes:
        with op.batch_alter_table(table, schema=None) as batch:
            for column in reversed(indexes):
                batch.drop_index(batch.f(_index_name(table, column)))
    op.drop_table(table)


def add_columns(
    table: str, *columns: sa.Column[Any], indexes: dict[str, list[str]] | None = None
) -> None:
    """The columns, then the indexes (name: columns), in one batch."""
    with op.batch_alter_table(table, schema=None) as batch:
        for column in columns:
            batch.add_column(column)
        for name, indexed in (indexes or {}).items():
            batch.create_index(name, indexed)


def drop_columns(table: str, *columns: str, indexes: tuple[str, ...] = ()) -> None:
    """The indexes named, then the columns, each in the order given, in one batch."""
    with op.batch_alter_table(table, schema=None) as batch:
        for name in indexes:
            batch.drop_index(name)
        for column in columns:
            batch.drop_column(column)
