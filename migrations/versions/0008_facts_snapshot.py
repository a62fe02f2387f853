"""facts_snapshot: a project's event facts as one stored row, shared by every worker

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
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


def downgrade():
    op.drop_table('facts_snapshot')
