"""Analysts' grade overrides of claims (``grade_judgements``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

#: JSON as the store declared it at this revision (dialect.JSONValue), frozen here.
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "grade_judgements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("claim", sa.Text(), nullable=False),
        sa.Column("statements", JSON, nullable=False),
        sa.Column("grade", sa.Integer(), nullable=False),
        sa.Column("judged_by", sa.Text(), nullable=False),
        sa.Column("judged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("grade BETWEEN 1 AND 6", name=op.f("ck_grade_judgements_grade")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grade_judgements")),
    )
    op.create_index(op.f("ix_grade_judgements_claim"), "grade_judgements", ["claim"])


def downgrade() -> None:
    op.drop_index(op.f("ix_grade_judgements_claim"), table_name="grade_judgements")
    op.drop_table("grade_judgements")
