"""complaints: complaints with per-day numbering, timeline (append-only), pauses, call-back
attempts, the handling playbook and the hall's complaint settings; indexes for every list
filter (status, source, category, handler, phone with the received time; due times)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('complaint_counter',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_complaint_counter'))
    )
    op.create_table('complaint_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('prefix', sa.String(length=6), nullable=False),
    sa.Column('categories_json', sa.Text(), nullable=False),
    sa.Column('deadlines_json', sa.Text(), nullable=False),
    sa.Column('open_at', sa.String(length=5), nullable=False),
    sa.Column('close_at', sa.String(length=5), nullable=False),
    sa.Column('closed_dates_json', sa.Text(), nullable=False),
    sa.Column('callback_hours', sa.Integer(), nullable=False),
    sa.Column('due_soon_hours', sa.Integer(), nullable=False),
    sa.Column('import_mapping_json', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_settings'))
    )
    op.create_table('complaint_playbook',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('advice', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by'], ['user.id'], name=op.f('fk_complaint_playbook_updated_by_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_playbook'))
    )
    op.create_table('complaint',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('external_no', sa.String(length=40), nullable=True),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('customer_name', sa.String(length=40), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('id_number', sa.String(length=20), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('request', sa.Text(), nullable=False),
    sa.Column('handler_id', sa.Integer(), nullable=True),
    sa.Column('department', sa.String(length=60), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('clock_start', sa.DateTime(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=True),
    sa.Column('paused', sa.Boolean(), nullable=False),
    sa.Column('reply_text', sa.Text(), nullable=False),
    sa.Column('replied_at', sa.DateTime(), nullable=True),
    sa.Column('replied_on_time', sa.Boolean(), nullable=True),
    sa.Column('callback_due_at', sa.DateTime(), nullable=True),
    sa.Column('satisfaction', sa.String(length=20), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('vip', sa.Boolean(), nullable=False),
    sa.Column('escalation_threat', sa.Boolean(), nullable=False),
    sa.Column('escalated', sa.Boolean(), nullable=False),
    sa.Column('repeat_of_id', sa.Integer(), nullable=True),
    sa.Column('playbook_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], name=op.f('fk_complaint_created_by_user')),
    sa.ForeignKeyConstraint(['handler_id'], ['user.id'], name=op.f('fk_complaint_handler_id_user')),
    sa.ForeignKeyConstraint(['playbook_id'], ['complaint_playbook.id'], name=op.f('fk_complaint_playbook_id_complaint_playbook')),
    sa.ForeignKeyConstraint(['repeat_of_id'], ['complaint.id'], name=op.f('fk_complaint_repeat_of_id_complaint')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint')),
    sa.UniqueConstraint('number', name=op.f('uq_complaint_number')),
    sa.UniqueConstraint('source', 'external_no', name='uq_complaint_source_external_no')
    )
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index('ix_complaint_callback_due_at', ['callback_due_at'], unique=False)
        batch_op.create_index('ix_complaint_category_received_at', ['category', 'received_at'], unique=False)
        batch_op.create_index('ix_complaint_closed_at', ['closed_at'], unique=False)
        batch_op.create_index('ix_complaint_due_at', ['due_at'], unique=False)
        batch_op.create_index('ix_complaint_handler_received_at', ['handler_id', 'received_at'], unique=False)
        batch_op.create_index('ix_complaint_phone_received_at', ['phone', 'received_at'], unique=False)
        batch_op.create_index('ix_complaint_received_at', ['received_at'], unique=False)
        batch_op.create_index('ix_complaint_source_received_at', ['source', 'received_at'], unique=False)
        batch_op.create_index('ix_complaint_status_received_at', ['status', 'received_at'], unique=False)

    op.create_table('complaint_callback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('result', sa.String(length=20), nullable=False),
    sa.Column('satisfaction', sa.String(length=20), nullable=True),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], name=op.f('fk_complaint_callback_complaint_id_complaint')),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], name=op.f('fk_complaint_callback_created_by_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_callback'))
    )
    with op.batch_alter_table('complaint_callback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_callback_complaint_id'), ['complaint_id'], unique=False)

    op.create_table('complaint_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], name=op.f('fk_complaint_event_complaint_id_complaint')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_complaint_event_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_event'))
    )
    with op.batch_alter_table('complaint_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_event_complaint_id'), ['complaint_id'], unique=False)

    op.create_table('complaint_pause',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.DateTime(), nullable=False),
    sa.Column('end', sa.DateTime(), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], name=op.f('fk_complaint_pause_complaint_id_complaint')),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], name=op.f('fk_complaint_pause_created_by_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_pause'))
    )
    with op.batch_alter_table('complaint_pause', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_pause_complaint_id'), ['complaint_id'], unique=False)
    create_timeline_triggers()


def create_timeline_triggers() -> None:
    """The timeline is append-only: the database itself refuses UPDATE and DELETE."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER complaint_event_no_{verb.lower()} BEFORE {verb} "
                f"ON complaint_event "
                f"BEGIN SELECT RAISE(ABORT, 'complaint timeline is append-only'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION complaint_event_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'complaint timeline is append-only'; END; $$ "
            "LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER complaint_event_append_only BEFORE UPDATE OR DELETE "
            "ON complaint_event FOR EACH ROW EXECUTE FUNCTION complaint_event_append_only()"
        )


def drop_timeline_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS complaint_event_no_update")
        op.execute("DROP TRIGGER IF EXISTS complaint_event_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS complaint_event_append_only ON complaint_event")
        op.execute("DROP FUNCTION IF EXISTS complaint_event_append_only()")


def downgrade() -> None:
    drop_timeline_triggers()
    with op.batch_alter_table('complaint_pause', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_pause_complaint_id'))

    op.drop_table('complaint_pause')
    with op.batch_alter_table('complaint_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_event_complaint_id'))

    op.drop_table('complaint_event')
    with op.batch_alter_table('complaint_callback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_callback_complaint_id'))

    op.drop_table('complaint_callback')
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index('ix_complaint_status_received_at')
        batch_op.drop_index('ix_complaint_source_received_at')
        batch_op.drop_index('ix_complaint_received_at')
        batch_op.drop_index('ix_complaint_phone_received_at')
        batch_op.drop_index('ix_complaint_handler_received_at')
        batch_op.drop_index('ix_complaint_due_at')
        batch_op.drop_index('ix_complaint_closed_at')
        batch_op.drop_index('ix_complaint_category_received_at')
        batch_op.drop_index('ix_complaint_callback_due_at')

    op.drop_table('complaint')
    op.drop_table('complaint_playbook')
    op.drop_table('complaint_settings')
    op.drop_table('complaint_counter')
