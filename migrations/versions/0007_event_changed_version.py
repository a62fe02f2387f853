"""event.changed_version: the project's events_version of the row's last change, indexed per project

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('changed_version', sa.Integer(), server_default='0', nullable=False))
        batch_op.create_index('ix_event_project_changed', ['project_id', 'changed_version'], unique=False)
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and bind.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
        # With statistics for the other indexes but none for the new one, SQLite's planner takes
        # the new index for everything on project_id (measured: the coach overview's version
        # query went from 5 to 370 ms on 1M events). Complete the statistics.
        bind.exec_driver_sql("ANALYZE event")


def downgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_project_changed')
        batch_op.drop_column('changed_version')
