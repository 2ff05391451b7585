"""evidence files kept and read (#16): download state, sniffed type, what OCR read"""

import sqlalchemy as sa

from storage.migrations.helpers import add_columns, drop_columns
from storage.types import UtcDateTime

revision, down_revision = '0009', '0008'  # created 2026-11-30 14:05:00


def upgrade() -> None:
    add_columns('evidence',
        sa.Column('file_status', sa.String(length=16)),
        sa.Column('file_attempts', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('file_retry_at', UtcDateTime()),
        sa.Column('content_type', sa.String(length=127)),
        sa.Column('read_status', sa.String(length=16)),
        sa.Column('reading', sa.JSON(), nullable=False, server_default='{}'),
        indexes={'ix_evidence_file_status': ['file_status'],
                 'ix_evidence_read_status': ['read_status']},
    )


def downgrade() -> None:
    drop_columns('evidence',
        'reading', 'read_status', 'content_type', 'file_retry_at', 'file_attempts', 'file_status',
        indexes=('ix_evidence_read_status', 'ix_evidence_file_status'),
    )
