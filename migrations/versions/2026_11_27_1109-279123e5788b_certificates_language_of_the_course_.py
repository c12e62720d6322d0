"""certificates: language of the course title

Revision ID: 279123e5788b
Revises: e1656ba9b9b5
Create Date: 2026-11-27 11:09:59.849923
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '279123e5788b'
down_revision: str | None = 'e1656ba9b9b5'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Added empty, filled from each certificate's course, then required.
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('course_language', sa.String(length=5), nullable=True))
    op.execute(
        "UPDATE certificates SET course_language = COALESCE("
        "(SELECT courses.language FROM courses WHERE courses.id = certificates.course_id), 'vi')"
    )
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.alter_column(
            'course_language', existing_type=sa.String(length=5), nullable=False
        )


def downgrade() -> None:
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_column('course_language')
