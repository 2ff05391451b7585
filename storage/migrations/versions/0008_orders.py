"""order linking: the merchant's ledger of orders and what each claimed purchase matched"""

import sqlalchemy as sa
from alembic import op

import storage.types
from storage.migrations.helpers import create_table, drop_table

revision, down_revision = '0008', '0007'  # created 2026-11-30 14:10:00


def upgrade() -> None:
    create_table('ledger_orders',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('source', sa.String(length=32), nullable=False),
        sa.Column('order_id', sa.String(length=80), nullable=False),
        sa.Column('merchant_order_id', sa.String(length=80)),
        sa.Column('payer_id', sa.String(length=128)),
        sa.Column('amount', storage.types.Money(), nullable=False),
        sa.Column('amount_key', sa.BigInteger(), nullable=False),
        sa.Column('currency', sa.String(length=3), nullable=False),
        sa.Column('paid_at', storage.types.UtcDateTime()),
        sa.Column('status', sa.String(length=24), nullable=False),
        sa.Column('refund_amount', storage.types.Money()),
        sa.Column('refunded_at', storage.types.UtcDateTime()),
        sa.Column('refunds', sa.JSON(), nullable=False),
        sa.Column('product', sa.String(length=200)),
        sa.Column('imported_at', storage.types.UtcDateTime(), nullable=False),
        sa.Column('updated_at', storage.types.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('source', 'order_id', name='uq_ledger_orders_source_order'),
        indexes=('order_id', 'merchant_order_id'),
    )
    op.create_index(
        'ix_ledger_orders_amount_paid', 'ledger_orders', ['currency', 'amount_key', 'paid_at']
    )
    op.create_index('ix_ledger_orders_payer_paid', 'ledger_orders', ['payer_id', 'paid_at'])
    create_table('order_links',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('transaction_id', sa.Integer(), nullable=False),
        sa.Column('ledger_order_id', sa.Integer()),
        sa.Column('verdict', sa.String(length=16), nullable=False),
        sa.Column('details', sa.JSON(), nullable=False),
        sa.Column('checked_at', storage.types.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.ForeignKeyConstraint(['transaction_id'], ['transactions.id']),
        sa.ForeignKeyConstraint(['ledger_order_id'], ['ledger_orders.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('transaction_id'),
        indexes=('case_id', 'ledger_order_id'),
    )


def downgrade() -> None:
    drop_table('order_links', indexes=('case_id', 'ledger_order_id'))
    op.drop_index('ix_ledger_orders_payer_paid', table_name='ledger_orders')
    op.drop_index('ix_ledger_orders_amount_paid', table_name='ledger_orders')
    drop_table('ledger_orders', indexes=('order_id', 'merchant_order_id'))
