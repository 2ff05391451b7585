"""reliability: updates that fail or can't be read set aside, case versions, hand-off retries,
flood notices and the flood limit's budget
"""

import sqlalchemy as sa

from storage.migrations.helpers import add_columns, drop_columns
from storage.types import UtcDateTime

revision, down_revision = '0005', '0004'  # created 2026-11-30 10:45:00


def upgrade() -> None:
    add_columns('inbox_updates',
        sa.Column('attempts', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('failed_at', UtcDateTime()),
        sa.Column('error', sa.String(length=200)),
        indexes={'ix_inbox_updates_chat_received': ['chat_id', 'received_at']},
    )
    add_columns('cases',
        sa.Column('version', sa.Integer(), nullable=False, server_default='1'),
        sa.Column('handoff_attempts', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('handoff_retry_at', UtcDateTime()),
        sa.Column('handoff_alerted_at', UtcDateTime()),
    )
    add_columns('users',
        sa.Column('flood_noticed_at', UtcDateTime()),
        sa.Column('flood_busy_until', UtcDateTime()),
        sa.Column('flood_busy_since', UtcDateTime()),
    )


def downgrade() -> None:
    drop_columns('users', 'flood_busy_since', 'flood_busy_until', 'flood_noticed_at')
    drop_columns('cases', 'handoff_alerted_at', 'handoff_retry_at', 'handoff_attempts', 'version')
    drop_columns('inbox_updates', 'error', 'failed_at', 'attempts',
                 indexes=('ix_inbox_updates_chat_received',))
