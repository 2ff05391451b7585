"""vague purchase times kept as vague; a time zone the parent chose

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 10:00:00
"""

from alembic import op
import sqlalchemy as sa

import storage.types


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('transactions', schema=None) as batch_op:
        # Purchases so far were shown with their hour, guessed or not: none is known as vague.
        batch_op.add_column(sa.Column('time_vague', sa.String(length=16), nullable=True))
    with op.batch_alter_table('users', schema=None) as batch_op:
        # Nobody has chosen as far as the bot knows; a zone other than a place-less default
        # (set with /timezone before) is never asked about anyway (handlers/intake/zone.py).
        batch_op.add_column(
            sa.Column('timezone_chosen_at', storage.types.UtcDateTime(), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('timezone_chosen_at')
    with op.batch_alter_table('transactions', schema=None) as batch_op:
        batch_op.drop_column('time_vague')
