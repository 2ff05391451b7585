"""initial tables"""

import sqlalchemy as sa
import sqlmodel

import storage.types
from storage.migrations.helpers import create_table, drop_table

revision, down_revision = '0001', None  # created 2026-11-20 23:48:30.330434


def upgrade() -> None:
    create_table('cases',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column('user_id', sa.BigInteger(), nullable=False),
        sa.Column('chat_id', sa.BigInteger(), nullable=False),
        sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('timezone', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column('escalated', sa.Boolean(), nullable=False),
        sa.Column('platform', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('platform_other', sqlmodel.sql.sqltypes.AutoString(length=200)),
        sa.Column('problem', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('writer', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('minor_age', sa.Integer()),
        sa.Column('account', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('payment_method', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('payment_other', sqlmodel.sql.sqltypes.AutoString(length=200)),
        sa.Column('no_evidence', sa.Boolean(), nullable=False),
        sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column('contact', sqlmodel.sql.sqltypes.AutoString(length=200)),
        sa.Column('assignee_id', sa.BigInteger()),
        sa.Column('submitted_at', storage.types.UtcDateTime(), nullable=False),
        sa.Column('updated_at', storage.types.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        unique=('reference',),
        indexes=('status', 'user_id'),
    )
    create_table('inbox_updates',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('bot_id', sa.BigInteger(), nullable=False),
        sa.Column('update_id', sa.BigInteger(), nullable=False),
        sa.Column('chat_id', sa.BigInteger()),
        sa.Column('payload', sa.JSON(), nullable=False),
        sa.Column('received_at', storage.types.UtcDateTime(), nullable=False),
        sa.Column('processed_at', storage.types.UtcDateTime()),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('bot_id', 'update_id'),
    )
    create_table('users',
        sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('timezone', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('consented_at', storage.types.UtcDateTime()),
        sa.Column('created_at', storage.types.UtcDateTime(), nullable=False),
        sa.Column('updated_at', storage.types.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    create_table('case_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('actor_kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('actor_id', sa.BigInteger()),
        sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('details', sa.JSON(), nullable=False),
        sa.Column('created_at', storage.types.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.PrimaryKeyConstraint('id'),
        indexes=('case_id',),
    )
    create_table('drafts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.BigInteger(), nullable=False),
        sa.Column('chat_id', sa.BigInteger(), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('step', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('answers', sa.JSON(), nullable=False),
        sa.Column('cursor', sa.JSON(), nullable=False),
        sa.Column('case_id', sa.Integer()),
        sa.Column('created_at', storage.types.UtcDateTime(), nullable=False),
        sa.Column('updated_at', storage.types.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.PrimaryKeyConstraint('id'),
        indexes=('status', 'user_id'),
    )
    create_table('transactions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('amount', storage.types.Money(precision=18, scale=4), nullable=False),
        sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column('occurred_at', storage.types.UtcDateTime(), nullable=False),
        sa.Column('has_time', sa.Boolean(), nullable=False),
        sa.Column('order_number', sqlmodel.sql.sqltypes.AutoString(length=64)),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.PrimaryKeyConstraint('id'),
        indexes=('case_id',),
    )
    create_table('evidence',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('draft_id', sa.Integer()),
        sa.Column('case_id', sa.Integer()),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('telegram_file_id', sqlmodel.sql.sqltypes.AutoString(length=255)),
        sa.Column('file_unique_id', sqlmodel.sql.sqltypes.AutoString(length=128)),
        sa.Column('local_path', sqlmodel.sql.sqltypes.AutoString(length=1024)),
        sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(length=255)),
        sa.Column('mime_type', sqlmodel.sql.sqltypes.AutoString(length=127)),
        sa.Column('size', sa.BigInteger()),
        sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64)),
        sa.Column('media_group_id', sqlmodel.sql.sqltypes.AutoString(length=64)),
        sa.Column('created_at', storage.types.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.ForeignKeyConstraint(['draft_id'], ['drafts.id']),
        sa.PrimaryKeyConstraint('id'),
        indexes=('case_id', 'draft_id'),
    )


def downgrade() -> None:
    drop_table('evidence', indexes=('case_id', 'draft_id'))
    drop_table('transactions', indexes=('case_id',))
    drop_table('drafts', indexes=('status', 'user_id'))
    drop_table('case_events', indexes=('case_id',))
    drop_table('users')
    drop_table('inbox_updates')
    drop_table('cases', indexes=('reference', 'status', 'user_id'))
