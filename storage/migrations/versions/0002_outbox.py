"""outbox"""

import sqlalchemy as sa
import sqlmodel

import storage.types
from storage.migrations.helpers import create_table, drop_table

revision, down_revision = '0002', '0001'  # created 2026-11-20 23:56:25.661889


def upgrade() -> None:
    create_table('outbox',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('chat_id', sa.BigInteger(), nullable=False),
        sa.Column('method', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('payload', sa.JSON(), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('not_before', storage.types.UtcDateTime(), nullable=False),
        sa.Column('created_at', storage.types.UtcDateTime(), nullable=False),
        sa.Column('sent_at', storage.types.UtcDateTime()),
        sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(length=500)),
        sa.Column('result', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        indexes=('chat_id', 'status'),
    )


def downgrade() -> None:
    drop_table('outbox', indexes=('chat_id', 'status'))
