"""The initial schema: documents, their entities, mentions, relations and events; judgements.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

#: JSON as the store declared it at this revision (dialect.JSONValue), frozen here.
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
HASH = 64


def upgrade() -> None:
    op.create_table(
        "ingests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("stored", sa.Integer(), nullable=True),
        sa.Column("already_stored", sa.Integer(), nullable=True),
        sa.Column("failed", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingests")),
    )
    op.create_table(
        "judgements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("left_id", sa.String(HASH), nullable=False),
        sa.Column("right_id", sa.String(HASH), nullable=False),
        sa.Column("judgement", sa.Text(), nullable=False),
        sa.Column("judged_by", sa.Text(), nullable=False),
        sa.Column("judged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("judgement IN ('positive', 'negative', 'unsure')",
                           name=op.f("ck_judgements_judgement")),
        sa.CheckConstraint("left_id <> right_id", name=op.f("ck_judgements_pair")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_judgements")),
    )
    op.create_index("ix_judgements_pair", "judgements", ["left_id", "right_id"])
    op.create_table(
        "documents",
        sa.Column("id", sa.String(HASH), nullable=False),
        sa.Column("doc_id", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("authors", JSON, nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("language", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("ingest", sa.Integer(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["ingest"], ["ingests.id"], name=op.f("fk_documents_ingest_ingests")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    _indexes("documents", "doc_id", "ingest", "published")
    op.create_table(
        "entities",
        sa.Column("id", sa.String(HASH), nullable=False),
        _document(),
        sa.Column("local_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("aliases", JSON, nullable=False),
        sa.Column("identity", sa.Text(), nullable=False),
        sa.Column("function", sa.Text(), nullable=True),
        sa.Column("stated_country", sa.Text(), nullable=True),
        _document_fk("entities"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entities")),
    )
    _indexes("entities", "document", "identity")
    op.create_table(
        "mentions",
        sa.Column("entity", sa.String(HASH), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _document(),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_offset", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _document_fk("mentions"),
        _entity_fk("mentions", "entity"),
        sa.PrimaryKeyConstraint("entity", "position", name=op.f("pk_mentions")),
    )
    _indexes("mentions", "document")
    op.create_table(
        "relations",
        sa.Column("id", sa.String(HASH), nullable=False),
        _document(),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("subject", sa.String(HASH), nullable=False),
        sa.Column("object", sa.String(HASH), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("start_date", sa.Text(), nullable=True),
        sa.Column("end_date", sa.Text(), nullable=True),
        sa.Column("start_text", sa.Text(), nullable=True),
        sa.Column("past", sa.Boolean(), nullable=False),
        *_evidence_and_attribution(),
        _document_fk("relations"),
        _entity_fk("relations", "subject"),
        _entity_fk("relations", "object"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relations")),
    )
    _indexes("relations", "document", "type", "subject", "object")
    op.create_table(
        "events",
        sa.Column("id", sa.String(HASH), nullable=False),
        _document(),
        sa.Column("local_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("cameo", sa.Text(), nullable=True),
        sa.Column("subtype", sa.Text(), nullable=True),
        sa.Column("place", sa.String(HASH), nullable=True),
        sa.Column("date", sa.Text(), nullable=True),
        sa.Column("date_text", sa.Text(), nullable=True),
        *_evidence_and_attribution(),
        _document_fk("events"),
        _entity_fk("events", "place"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    _indexes("events", "document", "type", "place", "date")
    op.create_table(
        "participants",
        sa.Column("event", sa.String(HASH), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(HASH), nullable=False),
        sa.ForeignKeyConstraint(["event"], ["events.id"], name=op.f("fk_participants_event_events"),
                                ondelete="CASCADE"),
        _entity_fk("participants", "entity"),
        sa.PrimaryKeyConstraint("event", "position", name=op.f("pk_participants")),
    )
    _indexes("participants", "entity")


def downgrade() -> None:
    for table in ("participants", "events", "relations", "mentions", "entities", "documents",
                  "judgements", "ingests"):
        op.drop_table(table)


def _document() -> sa.Column:
    return sa.Column("document", sa.String(HASH), nullable=False)


def _document_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["document"], ["documents.id"], ondelete="CASCADE",
                                   name=op.f(f"fk_{table}_document_documents"))


def _entity_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["entities.id"], ondelete="CASCADE",
                                   name=op.f(f"fk_{table}_{column}_entities"))


def _evidence_and_attribution() -> list[sa.Column]:
    return [
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=False),
        sa.Column("attribution_kind", sa.Text(), nullable=False),
        sa.Column("attribution_via", JSON, nullable=False),
        sa.Column("attribution_text", sa.Text(), nullable=True),
        sa.Column("hedged", sa.Boolean(), nullable=False),
        sa.Column("negated", sa.Boolean(), nullable=False),
    ]


def _indexes(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])
