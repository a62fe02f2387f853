"""sign-in security: server-side sessions, TOTP secrets and recovery codes, organisation MFA and SSO settings;
failed-login counters move to the rate-limit store (per account and address)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('mfa_recovery_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=255), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_mfa_recovery_code_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mfa_recovery_code'))
    )
    with op.batch_alter_table('mfa_recovery_code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mfa_recovery_code_user_id'), ['user_id'], unique=False)

    op.create_table('user_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('id_hash', sa.String(length=64), nullable=False),
    sa.Column('user_agent', sa.String(length=255), nullable=False),
    sa.Column('address', sa.String(length=45), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_user_session_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_session')),
    sa.UniqueConstraint('id_hash', name=op.f('uq_user_session_id_hash'))
    )
    with op.batch_alter_table('user_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_session_user_id'), ['user_id'], unique=False)

    # Plain ALTER TABLE (SQLite 3.35+ drops columns in place): a batch copy of these tables would
    # have to drop tables that other tables' foreign keys point at.
    op.add_column('organisation', sa.Column('mfa_required', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('organisation', sa.Column('sso_issuer', sa.String(length=255), nullable=True))
    op.add_column('organisation', sa.Column('sso_client_id', sa.String(length=255), nullable=True))
    op.add_column('organisation', sa.Column('sso_client_secret', sa.String(length=255), nullable=True))
    op.add_column('organisation', sa.Column('sso_domains', sa.String(length=500), nullable=False, server_default=''))
    op.add_column('organisation', sa.Column('sso_only', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('user_account', sa.Column('totp_secret', sa.String(length=64), nullable=True))
    op.add_column('user_account', sa.Column('totp_last_step', sa.Integer(), nullable=True))
    op.drop_column('user_account', 'last_failed_login_at')
    op.drop_column('user_account', 'failed_logins')



def downgrade():
    op.add_column('user_account', sa.Column('failed_logins', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('user_account', sa.Column('last_failed_login_at', sa.DateTime(), nullable=True))
    op.drop_column('user_account', 'totp_last_step')
    op.drop_column('user_account', 'totp_secret')
    for column in ('sso_only', 'sso_domains', 'sso_client_secret', 'sso_client_id', 'sso_issuer', 'mfa_required'):
        op.drop_column('organisation', column)

    with op.batch_alter_table('user_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_session_user_id'))

    op.drop_table('user_session')
    with op.batch_alter_table('mfa_recovery_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mfa_recovery_code_user_id'))

    op.drop_table('mfa_recovery_code')
