"""several agents' groups (teams): the team a case belongs to"""

import sqlalchemy as sa

from storage.migrations.helpers import add_columns, drop_columns

revision, down_revision = '0007', '0006'  # created 2026-11-30 13:50:00


def upgrade() -> None:
    add_columns('cases',
        # Every case so far was the one group's: the main team's.
        sa.Column('team', sa.String(length=32), nullable=False, server_default='main'),
        indexes={'ix_cases_team': ['team']},
    )


def downgrade() -> None:
    drop_columns('cases', 'team', indexes=('ix_cases_team',))
