"""order numbers read by OCR (not claimed) matched against the bills"""

from alembic import op
import sqlalchemy as sa

revision, down_revision = '0012', '0011'  # created 2026-11-30 17:00:00


def upgrade() -> None:
    # A link is a claimed purchase's (transaction_id) or, now, an order number read from one
    # of the case's screenshots that the parent did not use (evidence_id): one or the other.
    with op.batch_alter_table('order_links', schema=None) as batch_op:
        batch_op.alter_column('transaction_id', existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column('evidence_id', sa.Integer()))
        batch_op.create_foreign_key(
            'fk_order_links_evidence_id', 'evidence', ['evidence_id'], ['id']
        )
        batch_op.create_unique_constraint('uq_order_links_evidence_id', ['evidence_id'])


def downgrade() -> None:
    op.execute('DELETE FROM order_links WHERE transaction_id IS NULL')
    with op.batch_alter_table('order_links', schema=None) as batch_op:
        batch_op.drop_constraint('uq_order_links_evidence_id', type_='unique')
        batch_op.drop_constraint('fk_order_links_evidence_id', type_='foreignkey')
        batch_op.drop_column('evidence_id')
        batch_op.alter_column('transaction_id', existing_type=sa.Integer(), nullable=False)
