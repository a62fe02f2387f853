"""ladder_version and action: the agreed escalation ladder per project, and actions that replace
intervention records (each record becomes an action in progress, started on its start date)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('ladder_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('proposed', 'accepted', 'declined', 'withdrawn', name='ladder_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('levels', sa.JSON(), nullable=False),
    sa.Column('proposed_side', sa.String(length=20), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=True),
    sa.Column('proposed_at', sa.DateTime(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('agreed_on', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_ladder_version_decided_by_id_user_account')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_ladder_version_project_id_project')),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['user_account.id'], name=op.f('fk_ladder_version_proposed_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ladder_version'))
    )
    with op.batch_alter_table('ladder_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ladder_version_project_id'), ['project_id'], unique=False)

    action = op.create_table('action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('intervention_key', sa.String(length=60), nullable=True),
    sa.Column('signal_code', sa.String(length=40), nullable=True),
    sa.Column('event_ids', sa.JSON(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('open', 'in_progress', 'done', 'dropped', name='action_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_action_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_action_owner_id_user_account')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_action_project_id_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action'))
    )
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_project_id'), ['project_id'], unique=False)

    # Every intervention record becomes an action in progress: it was started on its start date by
    # the person who recorded it (its owner), its note becomes the action's notes.
    records = sa.table('intervention_record', sa.column('id', sa.Integer), sa.column('project_id', sa.Integer),
                       sa.column('intervention_key', sa.String), sa.column('started_on', sa.Date),
                       sa.column('signal_code', sa.String), sa.column('note', sa.Text),
                       sa.column('recorded_by_id', sa.Integer), sa.column('created_at', sa.DateTime))
    rows = op.get_bind().execute(sa.select(records).order_by(records.c.id)).mappings().all()
    if rows:
        op.bulk_insert(action, [
            {"project_id": r["project_id"], "title": "", "intervention_key": r["intervention_key"],
             "signal_code": r["signal_code"], "event_ids": [], "owner_id": r["recorded_by_id"],
             "due_on": None, "status": "in_progress", "reason": "", "notes": r["note"] or "",
             "created_on": r["started_on"], "closed_on": None, "created_by_id": r["recorded_by_id"],
             "created_at": r["created_at"], "updated_at": r["created_at"]} for r in rows])

    with op.batch_alter_table('intervention_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_intervention_record_project_id'))
    op.drop_table('intervention_record')


def downgrade():
    records = op.create_table('intervention_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('intervention_key', sa.String(length=60), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('signal_code', sa.String(length=40), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_intervention_record_project_id_project')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user_account.id'], name=op.f('fk_intervention_record_recorded_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intervention_record'))
    )
    with op.batch_alter_table('intervention_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_intervention_record_project_id'), ['project_id'], unique=False)

    # Actions from the catalogue go back as intervention records (free actions have no place there).
    actions = sa.table('action', sa.column('project_id', sa.Integer), sa.column('intervention_key', sa.String),
                       sa.column('created_on', sa.Date), sa.column('signal_code', sa.String),
                       sa.column('notes', sa.Text), sa.column('created_by_id', sa.Integer),
                       sa.column('created_at', sa.DateTime), sa.column('id', sa.Integer))
    rows = op.get_bind().execute(sa.select(actions).where(actions.c.intervention_key.is_not(None))
                                 .order_by(actions.c.id)).mappings().all()
    if rows:
        op.bulk_insert(records, [
            {"project_id": r["project_id"], "intervention_key": r["intervention_key"],
             "started_on": r["created_on"], "signal_code": r["signal_code"], "note": r["notes"] or "",
             "recorded_by_id": r["created_by_id"], "created_at": r["created_at"]} for r in rows])

    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_project_id'))
    op.drop_table('action')
    with op.batch_alter_table('ladder_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ladder_version_project_id'))
    op.drop_table('ladder_version')
