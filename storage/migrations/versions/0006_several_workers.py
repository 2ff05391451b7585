"""several workers on one PostgreSQL: chat leases, the shared send log, hand-off claims"""

from alembic import op
import sqlalchemy as sa

from storage.migrations.helpers import add_columns, create_table, drop_columns, drop_table
from storage.types import UtcDateTime

revision, down_revision = '0006', '0005'  # created 2026-11-30 11:00:00


def upgrade() -> None:
    create_table('chat_leases',
        sa.Column('bot_id', sa.BigInteger(), nullable=False),
        sa.Column('chat_id', sa.BigInteger(), nullable=False),
        sa.Column('owner', sa.String(length=80), nullable=False),
        sa.Column('expires_at', UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('bot_id', 'chat_id'),
    )
    create_table('send_log',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('scope', sa.String(length=40), nullable=False),
        sa.Column('sent_at', UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_send_log_scope_sent', 'send_log', ['scope', 'sent_at'])
    add_columns('cases',
        sa.Column('handoff_owner', sa.String(length=80)),
        sa.Column('handoff_lease_until', UtcDateTime()),
    )


def downgrade() -> None:
    drop_columns('cases', 'handoff_lease_until', 'handoff_owner')
    op.drop_index('ix_send_log_scope_sent', table_name='send_log')
    drop_table('send_log')
    drop_table('chat_leases')
