"""dutylog: duty log, daily checklist templates (versioned), inspections, equipment faults,
hand-over items and amendments

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dutylog_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_limit_minutes', sa.Integer(), nullable=False),
    sa.Column('due_soon_minutes', sa.Integer(), nullable=False),
    sa.Column('inspection_items_json', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dutylog_settings'))
    )
    op.create_table('checklist_template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], name=op.f('fk_checklist_template_created_by_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checklist_template')),
    sa.UniqueConstraint('version', name=op.f('uq_checklist_template_version'))
    )
    op.create_table('checklist_template_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('anchor', sa.String(length=10), nullable=False),
    sa.Column('offset_minutes', sa.Integer(), nullable=False),
    sa.Column('applies_to', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['template_id'], ['checklist_template.id'], name=op.f('fk_checklist_template_item_template_id_checklist_template')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checklist_template_item'))
    )
    with op.batch_alter_table('checklist_template_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checklist_template_item_template_id'), ['template_id'], unique=False)

    op.create_table('duty_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=False),
    sa.Column('duty_manager_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('checklist_template_id', sa.Integer(), nullable=True),
    sa.Column('weather', sa.String(length=20), nullable=False),
    sa.Column('customer_flow', sa.Integer(), nullable=True),
    sa.Column('served_count', sa.Integer(), nullable=True),
    sa.Column('business_notes', sa.Text(), nullable=False),
    sa.Column('staff_on_duty_json', sa.Text(), nullable=False),
    sa.Column('staff_absent_json', sa.Text(), nullable=False),
    sa.Column('meeting_start', sa.String(length=5), nullable=True),
    sa.Column('meeting_minutes', sa.Integer(), nullable=True),
    sa.Column('meeting_attendees_json', sa.Text(), nullable=False),
    sa.Column('meeting_topics', sa.Text(), nullable=False),
    sa.Column('opinions', sa.Text(), nullable=False),
    sa.Column('incidents', sa.Text(), nullable=False),
    sa.Column('next_shift_notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=True),
    sa.Column('signed_by', sa.Integer(), nullable=True),
    sa.Column('faults_snapshot_json', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['checklist_template_id'], ['checklist_template.id'], name=op.f('fk_duty_log_checklist_template_id_checklist_template')),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], name=op.f('fk_duty_log_created_by_user')),
    sa.ForeignKeyConstraint(['duty_manager_id'], ['user.id'], name=op.f('fk_duty_log_duty_manager_id_user')),
    sa.ForeignKeyConstraint(['shift_id'], ['shift.id'], name=op.f('fk_duty_log_shift_id_shift')),
    sa.ForeignKeyConstraint(['signed_by'], ['user.id'], name=op.f('fk_duty_log_signed_by_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_log')),
    sa.UniqueConstraint('date', 'shift_id', name='uq_duty_log_date_shift')
    )
    with op.batch_alter_table('duty_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duty_log_date'), ['date'], unique=False)

    op.create_table('duty_log_amendment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('log_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('old_value_json', sa.Text(), nullable=False),
    sa.Column('new_value_json', sa.Text(), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], name=op.f('fk_duty_log_amendment_created_by_user')),
    sa.ForeignKeyConstraint(['log_id'], ['duty_log.id'], name=op.f('fk_duty_log_amendment_log_id_duty_log')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_log_amendment'))
    )
    with op.batch_alter_table('duty_log_amendment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duty_log_amendment_log_id'), ['log_id'], unique=False)

    op.create_table('duty_log_checklist_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('log_id', sa.Integer(), nullable=False),
    sa.Column('template_item_id', sa.Integer(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('target_at', sa.DateTime(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('done_by', sa.Integer(), nullable=True),
    sa.Column('skip_reason', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['done_by'], ['user.id'], name=op.f('fk_duty_log_checklist_entry_done_by_user')),
    sa.ForeignKeyConstraint(['log_id'], ['duty_log.id'], name=op.f('fk_duty_log_checklist_entry_log_id_duty_log')),
    sa.ForeignKeyConstraint(['template_item_id'], ['checklist_template_item.id'], name=op.f('fk_duty_log_checklist_entry_template_item_id_checklist_template_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_log_checklist_entry'))
    )
    with op.batch_alter_table('duty_log_checklist_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duty_log_checklist_entry_log_id'), ['log_id'], unique=False)

    op.create_table('duty_log_inspection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('log_id', sa.Integer(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('item', sa.String(length=100), nullable=False),
    sa.Column('ok', sa.Boolean(), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['log_id'], ['duty_log.id'], name=op.f('fk_duty_log_inspection_log_id_duty_log')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_log_inspection')),
    sa.UniqueConstraint('log_id', 'category', 'item', name='uq_duty_log_inspection_item')
    )
    with op.batch_alter_table('duty_log_inspection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duty_log_inspection_log_id'), ['log_id'], unique=False)

    op.create_table('equipment_fault',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('what', sa.String(length=200), nullable=False),
    sa.Column('location', sa.String(length=100), nullable=False),
    sa.Column('since', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('reported_to', sa.String(length=100), nullable=False),
    sa.Column('reported_at', sa.DateTime(), nullable=True),
    sa.Column('repaired_at', sa.DateTime(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('log_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], name=op.f('fk_equipment_fault_created_by_user')),
    sa.ForeignKeyConstraint(['log_id'], ['duty_log.id'], name=op.f('fk_equipment_fault_log_id_duty_log')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_equipment_fault'))
    )
    with op.batch_alter_table('equipment_fault', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_equipment_fault_since'), ['since'], unique=False)
        batch_op.create_index(batch_op.f('ix_equipment_fault_status'), ['status'], unique=False)

    op.create_table('handover_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('from_log_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('target_date', sa.Date(), nullable=False),
    sa.Column('target_shift_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('ack_at', sa.DateTime(), nullable=True),
    sa.Column('ack_by', sa.Integer(), nullable=True),
    sa.Column('ack_log_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['ack_by'], ['user.id'], name=op.f('fk_handover_item_ack_by_user')),
    sa.ForeignKeyConstraint(['ack_log_id'], ['duty_log.id'], name=op.f('fk_handover_item_ack_log_id_duty_log')),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], name=op.f('fk_handover_item_created_by_user')),
    sa.ForeignKeyConstraint(['from_log_id'], ['duty_log.id'], name=op.f('fk_handover_item_from_log_id_duty_log')),
    sa.ForeignKeyConstraint(['target_shift_id'], ['shift.id'], name=op.f('fk_handover_item_target_shift_id_shift')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handover_item'))
    )
    with op.batch_alter_table('handover_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handover_item_from_log_id'), ['from_log_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_handover_item_target_date'), ['target_date'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('handover_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handover_item_target_date'))
        batch_op.drop_index(batch_op.f('ix_handover_item_from_log_id'))

    op.drop_table('handover_item')
    with op.batch_alter_table('equipment_fault', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_equipment_fault_status'))
        batch_op.drop_index(batch_op.f('ix_equipment_fault_since'))

    op.drop_table('equipment_fault')
    with op.batch_alter_table('duty_log_inspection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duty_log_inspection_log_id'))

    op.drop_table('duty_log_inspection')
    with op.batch_alter_table('duty_log_checklist_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duty_log_checklist_entry_log_id'))

    op.drop_table('duty_log_checklist_entry')
    with op.batch_alter_table('duty_log_amendment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duty_log_amendment_log_id'))

    op.drop_table('duty_log_amendment')
    with op.batch_alter_table('duty_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duty_log_date'))

    op.drop_table('duty_log')
    with op.batch_alter_table('checklist_template_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checklist_template_item_template_id'))

    op.drop_table('checklist_template_item')
    op.drop_table('checklist_template')
    op.drop_table('dutylog_settings')
