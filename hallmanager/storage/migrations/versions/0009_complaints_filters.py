"""complaints filters: indexes that serve 只看超时 (overdue only) at 50k complaints

Each branch of the overdue predicate — handling (status IN …) past due_at, replied past
callback_due_at — is one range of (status, due) with received_at alongside, so the count and
the newest-first page of the overdue list read no table rows.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 17:28:38.509690
"""
from __future__ import annotations

from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index('ix_complaint_status_callback_due_at',
                              ['status', 'callback_due_at', 'received_at'], unique=False)
        batch_op.create_index('ix_complaint_status_due_at',
                              ['status', 'due_at', 'received_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index('ix_complaint_status_due_at')
        batch_op.drop_index('ix_complaint_status_callback_due_at')
