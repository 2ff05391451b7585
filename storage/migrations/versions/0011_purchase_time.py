"""vague purchase times kept as vague; a time zone the parent chose"""

import sqlalchemy as sa

import storage.types
from storage.migrations.helpers import add_columns, drop_columns

revision, down_revision = '0011', '0010'  # created 2026-12-01 10:00:00


def upgrade() -> None:
    # Purchases so far were shown with their hour, guessed or not: none is known as vague.
    add_columns('transactions', sa.Column('time_vague', sa.String(length=16)))
    # Nobody has chosen as far as the bot knows; a zone other than a place-less default
    # (set with /timezone before) is never asked about anyway (handlers/intake/zone.py).
    add_columns('users', sa.Column('timezone_chosen_at', storage.types.UtcDateTime()))


def downgrade() -> None:
    drop_columns('users', 'timezone_chosen_at')
    drop_columns('transactions', 'time_vague')
