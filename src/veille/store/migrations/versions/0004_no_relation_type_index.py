"""No index on ``relations.type`` alone: it misled SQLite's planner.

A store filled by ``store_document`` has no planner statistics (``PRAGMA optimize`` gathers none
on a fresh connection), and SQLite then rates an index on five relation types as selective as one
on identity keys: for the roles of a profile (``type IN (head_of, member_of) AND subject's
identity = ?``) it read every head_of and member_of statement through ``ix_relations_type``
instead of the entity's few through ``ix_relations_subject`` (measured on 2,000 generated
documents: 6.3 ms instead of 0.04 ms, most of a profile). A type picks a fifth of the statements
or more: a scan reads them as fast as the index would, so no query loses by its absence.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index(op.f("ix_relations_type"), table_name="relations")


def downgrade() -> None:
    op.create_index(op.f("ix_relations_type"), "relations", ["type"])
