"""agent desk and follow-ups

New NOT NULL columns get server defaults so databases with cases already in them upgrade.
"""

from alembic import op
import sqlalchemy as sa
from sqlmodel.sql.sqltypes import AutoString

from storage.migrations.helpers import add_columns, create_table, drop_columns, drop_table
from storage.types import Money, UtcDateTime

revision, down_revision = '0003', '0002'  # created 2026-11-21 00:13:05.849889


def upgrade() -> None:
    create_table('follow_ups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', AutoString(length=40), nullable=False),
        sa.Column('case_id', sa.Integer()),
        sa.Column('draft_id', sa.Integer()),
        sa.Column('due_at', UtcDateTime(), nullable=False),
        sa.Column('status', AutoString(length=16), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('details', sa.JSON(), nullable=False),
        sa.Column('created_at', UtcDateTime(), nullable=False),
        sa.Column('sent_at', UtcDateTime()),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.ForeignKeyConstraint(['draft_id'], ['drafts.id']),
        sa.PrimaryKeyConstraint('id'),
        indexes=('case_id', 'draft_id'),
    )
    op.create_index('ix_follow_ups_status_due', 'follow_ups', ['status', 'due_at'])
    add_columns('cases',
        sa.Column('assignee_name', AutoString(length=200)),
        sa.Column(
            'handoff_status', AutoString(length=16), nullable=False, server_default='pending'
        ),
        sa.Column('topic_id', sa.BigInteger()),
        sa.Column('topic_requested_at', UtcDateTime()),
        sa.Column('card_message_id', sa.BigInteger()),
        sa.Column('evidence_posted', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column('pending_input', sa.JSON(), nullable=False, server_default='{}'),
        sa.Column('decision', AutoString(length=16)),
        sa.Column('decided_amount', Money(precision=18, scale=4)),
        sa.Column('decided_currency', AutoString(length=3)),
        sa.Column('reject_reason', AutoString(length=32)),
        sa.Column('decision_note', AutoString(length=2000)),
        sa.Column('decided_at', UtcDateTime()),
        sa.Column('appeals', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('due_at', UtcDateTime()),
        sa.Column('overdue', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column('closed_at', UtcDateTime()),
        indexes={'ix_cases_handoff_status': ['handoff_status']},
    )
    add_columns('users',
        sa.Column('pending_relay', sa.JSON(), nullable=False, server_default='{}'),
    )


def downgrade() -> None:
    drop_columns('users', 'pending_relay')
    drop_columns('cases',
        'closed_at', 'overdue', 'due_at', 'appeals', 'decided_at', 'decision_note',
        'reject_reason', 'decided_currency', 'decided_amount', 'decision', 'pending_input',
        'evidence_posted', 'card_message_id', 'topic_requested_at', 'topic_id',
        'handoff_status', 'assignee_name',
        indexes=('ix_cases_handoff_status',),
    )
    op.drop_index('ix_follow_ups_status_due', table_name='follow_ups')
    drop_table('follow_ups', indexes=('case_id', 'draft_id'))
