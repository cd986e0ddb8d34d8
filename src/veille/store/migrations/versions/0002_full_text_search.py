"""Full-text search: the search tables, their FTS5 / tsvector indexes, filled from the stored facts.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from veille.store import dialect, search

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

HASH = 64


def upgrade() -> None:
    op.create_table(
        "search_documents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document", sa.String(HASH), nullable=False),
        sa.Column("terms", dialect.SearchTerms, nullable=False),
        sa.ForeignKeyConstraint(["document"], ["documents.id"], ondelete="CASCADE",
                                name=op.f("fk_search_documents_document_documents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_documents")),
        sa.UniqueConstraint("document", name=op.f("uq_search_documents_document")),
    )
    op.create_table(
        "search_names",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(HASH), nullable=False),
        sa.Column("canonical", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("identity", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_names")),
        sa.UniqueConstraint("key", name=op.f("uq_search_names_key")),
    )
    op.create_index(op.f("ix_search_names_canonical"), "search_names", ["canonical"])
    connection = op.get_bind()
    dialect.create_full_text(connection)
    # the documents stored before this revision: indexed as ingest indexes new ones
    search.rebuild(connection)


def downgrade() -> None:
    dialect.drop_full_text(op.get_bind())
    op.drop_table("search_names")
    op.drop_table("search_documents")
