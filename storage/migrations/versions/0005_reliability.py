"""reliability: updates that fail or can't be read set aside, case versions, hand-off retries,
flood notices and the flood limit's budget

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 10:45:00
"""

from alembic import op
import sqlalchemy as sa
import storage.types


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('inbox_updates', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('attempts', sa.Integer(), nullable=False, server_default='0')
        )
        batch_op.add_column(sa.Column('failed_at', storage.types.UtcDateTime(), nullable=True))
        batch_op.add_column(sa.Column('error', sa.String(length=200), nullable=True))
        batch_op.create_index('ix_inbox_updates_chat_received', ['chat_id', 'received_at'])
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('version', sa.Integer(), nullable=False, server_default='1')
        )
        batch_op.add_column(
            sa.Column('handoff_attempts', sa.Integer(), nullable=False, server_default='0')
        )
        batch_op.add_column(
            sa.Column('handoff_retry_at', storage.types.UtcDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column('handoff_alerted_at', storage.types.UtcDateTime(), nullable=True)
        )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('flood_noticed_at', storage.types.UtcDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column('flood_busy_until', storage.types.UtcDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column('flood_busy_since', storage.types.UtcDateTime(), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('flood_busy_since')
        batch_op.drop_column('flood_busy_until')
        batch_op.drop_column('flood_noticed_at')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('handoff_alerted_at')
        batch_op.drop_column('handoff_retry_at')
        batch_op.drop_column('handoff_attempts')
        batch_op.drop_column('version')
    with op.batch_alter_table('inbox_updates', schema=None) as batch_op:
        batch_op.drop_index('ix_inbox_updates_chat_received')
        batch_op.drop_column('error')
        batch_op.drop_column('failed_at')
        batch_op.drop_column('attempts')
