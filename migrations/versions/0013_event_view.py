"""event_view and event_view_score: the other party's view of an event (its own scores and a note)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('event_view',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_event_view_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_event_view_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_event_view'))
    )
    op.create_table('event_view_score',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('factor_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.CheckConstraint('value BETWEEN -2 AND 2', name=op.f('ck_event_view_score_value_range')),
    sa.ForeignKeyConstraint(['event_id'], ['event_view.event_id'], name=op.f('fk_event_view_score_event_id_event_view'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['factor_id'], ['factor.id'], name=op.f('fk_event_view_score_factor_id_factor')),
    sa.PrimaryKeyConstraint('event_id', 'factor_id', name=op.f('pk_event_view_score'))
    )


def downgrade():
    op.drop_table('event_view_score')
    op.drop_table('event_view')
