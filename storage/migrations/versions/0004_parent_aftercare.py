"""the parent's side after submitting: consent version, muted check-ins, anonymized cases"""

from alembic import op
import sqlalchemy as sa

import storage.types
from storage.migrations.helpers import add_columns, drop_columns

revision, down_revision = '0004', '0003'  # created 2026-11-21 09:00:00


def upgrade() -> None:
    add_columns('users',
        sa.Column('consent_version', sa.String(length=32)),
        sa.Column('check_ins_muted', sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    add_columns('cases', sa.Column('anonymized_at', storage.types.UtcDateTime()))
    # Telegram names were kept without any use: forgotten (and no longer stored).
    op.execute("UPDATE users SET display_name = ''")


def downgrade() -> None:
    drop_columns('cases', 'anonymized_at')
    drop_columns('users', 'check_ins_muted', 'consent_version')
