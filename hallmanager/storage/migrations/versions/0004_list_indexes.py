"""list indexes: (action, at) and (username, at) for the audit page's filters; handover_item
(ack_log_id) for the incoming hand-over items of a log

The page filters a date range by action or by user and shows the newest first; these
indexes serve the filter and the order together (no sort, no scan). ``ix_audit_entry_action``
is a prefix of the new (action, at) index and goes. Plain index operations (no batch mode):
the append-only audit table and its triggers are never recreated.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""
from __future__ import annotations

from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_audit_entry_action_at', 'audit_entry', ['action', 'at'], unique=False)
    op.create_index('ix_audit_entry_username_at', 'audit_entry', ['username', 'at'],
                    unique=False)
    op.drop_index('ix_audit_entry_action', table_name='audit_entry')
    op.create_index('ix_handover_item_ack_log_id', 'handover_item', ['ack_log_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_handover_item_ack_log_id', table_name='handover_item')
    op.create_index('ix_audit_entry_action', 'audit_entry', ['action'], unique=False)
    op.drop_index('ix_audit_entry_username_at', table_name='audit_entry')
    op.drop_index('ix_audit_entry_action_at', table_name='audit_entry')
