"""event.ref: an optional reference, unique within a project, that makes re-imports idempotent

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    # A nullable column and an index: both in place on SQLite, no table copy.
    op.add_column('event', sa.Column('ref', sa.String(length=100), nullable=True))
    op.create_index('uq_event_project_ref', 'event', ['project_id', 'ref'], unique=True)
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite' and bind.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
        # With statistics for the other indexes but none for the new one, SQLite's planner takes
        # the new index for every lookup on project_id (as with 0007). Complete the statistics.
        bind.exec_driver_sql('ANALYZE event')


def downgrade():
    op.drop_index('uq_event_project_ref', table_name='event')
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE event DROP COLUMN ref')
    else:
        op.drop_column('event', 'ref')
