"""supervisors' web page: one-time sign-in links, sessions, the log of pages viewed; cases by
submission time (reports read a period's cases)
"""

from alembic import op
import sqlalchemy as sa

from storage.migrations.helpers import create_table, drop_table
from storage.types import UtcDateTime

revision, down_revision = '0010', '0009'  # created 2026-11-30 14:30:00


def _token_columns() -> list[sa.Column]:
    """A sign-in link's and a session's: a secret's hash, whose it is, how long it holds."""
    return [
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('token_hash', sa.String(length=64), nullable=False, unique=True),
        sa.Column('user_id', sa.BigInteger(), nullable=False),
        sa.Column('created_at', UtcDateTime(), nullable=False),
        sa.Column('expires_at', UtcDateTime(), nullable=False),
    ]


def upgrade() -> None:
    create_table('dashboard_links', *_token_columns(), sa.Column('used_at', UtcDateTime()))
    create_table('dashboard_sessions', *_token_columns())
    create_table('dashboard_views',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('user_id', sa.BigInteger(), nullable=False),
        sa.Column('session_id', sa.Integer(), sa.ForeignKey('dashboard_sessions.id')),
        sa.Column('path', sa.String(length=500), nullable=False),
        sa.Column('viewed_at', UtcDateTime(), nullable=False),
        indexes=('user_id',),
    )
    op.create_index('ix_cases_submitted_at', 'cases', ['submitted_at'])


def downgrade() -> None:
    op.drop_index('ix_cases_submitted_at', table_name='cases')
    drop_table('dashboard_views', indexes=('user_id',))
    drop_table('dashboard_sessions')
    drop_table('dashboard_links')
