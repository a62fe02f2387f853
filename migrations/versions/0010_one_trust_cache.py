"""drop the stored facts snapshot, the stored trust history and event.changed_version: one in-process cache serves the trust history

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_table('stored_history')
    op.drop_table('facts_snapshot')
    op.drop_index('ix_event_project_changed', table_name='event')
    if op.get_bind().dialect.name == 'sqlite':
        # SQLite ≥ 3.35 drops an unindexed column in place; batch mode would copy the whole
        # event table (and, with foreign keys on, a DROP TABLE would touch its referrers).
        op.execute('ALTER TABLE event DROP COLUMN changed_version')
    else:
        op.drop_column('event', 'changed_version')


def downgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('changed_version', sa.Integer(), server_default='0', nullable=False))
        batch_op.create_index('ix_event_project_changed', ['project_id', 'changed_version'], unique=False)
    op.create_table('facts_snapshot',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('events_version', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=True),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('format', sa.Integer(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_facts_snapshot_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', name=op.f('pk_facts_snapshot'))
    )
    op.create_table('stored_history',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('computed_at', sa.DateTime(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_stored_history_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', name=op.f('pk_stored_history'))
    )
