"""several agents' groups (teams): the team a case belongs to

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 13:50:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        # Every case so far was the one group's: the main team's.
        batch_op.add_column(
            sa.Column('team', sa.String(length=32), nullable=False, server_default='main')
        )
        batch_op.create_index('ix_cases_team', ['team'])


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_team')
        batch_op.drop_column('team')
