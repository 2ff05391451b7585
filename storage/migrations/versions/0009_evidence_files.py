"""evidence files kept and read (#16): download state, sniffed type, what OCR read

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 14:05:00
"""

from alembic import op
import sqlalchemy as sa
import storage.types


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('file_status', sa.String(length=16), nullable=True))
        batch_op.add_column(
            sa.Column('file_attempts', sa.Integer(), nullable=False, server_default='0')
        )
        batch_op.add_column(sa.Column('file_retry_at', storage.types.UtcDateTime(), nullable=True))
        batch_op.add_column(sa.Column('content_type', sa.String(length=127), nullable=True))
        batch_op.add_column(sa.Column('read_status', sa.String(length=16), nullable=True))
        batch_op.add_column(
            sa.Column('reading', sa.JSON(), nullable=False, server_default='{}')
        )
        batch_op.create_index('ix_evidence_file_status', ['file_status'])
        batch_op.create_index('ix_evidence_read_status', ['read_status'])


def downgrade() -> None:
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index('ix_evidence_read_status')
        batch_op.drop_index('ix_evidence_file_status')
        for name in ('reading', 'read_status', 'content_type', 'file_retry_at',
                     'file_attempts', 'file_status'):
            batch_op.drop_column(name)
