"""seed the twelve default trust factors

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

factor = sa.table(
    "factor",
    sa.column("key", sa.String), sa.column("dimension", sa.String),
    sa.column("label_nl", sa.String), sa.column("label_en", sa.String),
    sa.column("description_nl", sa.Text), sa.column("description_en", sa.Text),
    sa.column("position", sa.Integer), sa.column("is_active", sa.Boolean),
)


def upgrade():
    # The domain's default catalogue is the single source of the twelve factors.
    from tracker.domain.factors import DEFAULT_FACTORS

    op.bulk_insert(factor, [
        {"key": f.key, "dimension": f.dimension.value, "label_nl": f.label_nl,
         "label_en": f.label_en, "description_nl": f.description_nl,
         "description_en": f.description_en, "position": f.position, "is_active": True}
        for f in DEFAULT_FACTORS
    ])


def downgrade():
    from tracker.domain.factors import DEFAULT_FACTORS

    keys = [f.key for f in DEFAULT_FACTORS]
    op.execute(factor.delete().where(factor.c.key.in_(keys)))
