"""the parent's side after submitting: consent version, muted check-ins, anonymized cases

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 09:00:00
"""

from alembic import op
import sqlalchemy as sa
import storage.types


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent_version', sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column('check_ins_muted', sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anonymized_at', storage.types.UtcDateTime(), nullable=True))
    # Telegram names were kept without any use: forgotten (and no longer stored).
    op.execute("UPDATE users SET display_name = ''")


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('anonymized_at')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('check_ins_muted')
        batch_op.drop_column('consent_version')
