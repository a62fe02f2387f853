"""project summary cache for the coach overview, and an index for its freshness check

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('project_summary',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('source', sa.String(length=120), nullable=False),
    sa.Column('computed_at', sa.DateTime(), nullable=False),
    sa.Column('events', sa.Integer(), nullable=False),
    sa.Column('personal', sa.Float(), nullable=True),
    sa.Column('personal_events', sa.Integer(), nullable=False),
    sa.Column('system', sa.Float(), nullable=True),
    sa.Column('system_events', sa.Integer(), nullable=False),
    sa.Column('contract_share', sa.Float(), nullable=True),
    sa.Column('escalations_90d', sa.Integer(), nullable=False),
    sa.Column('open_issues', sa.Integer(), nullable=False),
    sa.Column('last_event_on', sa.Date(), nullable=True),
    sa.Column('signals', sa.JSON(), nullable=False),
    sa.Column('trends', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_summary_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', name=op.f('pk_project_summary'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index('ix_event_project_updated', ['project_id', 'updated_at'], unique=False)



def downgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_project_updated')

    op.drop_table('project_summary')
