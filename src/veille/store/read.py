"""What the store holds: a stored document read back as a :class:`Document`, counts per table.

Canonical ids are applied on read (``rows.document_from_rows``): the judgements in force unless
told otherwise; the stored statements are the ones the extraction gave.
"""

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from ..model import Document
from .canonical import Canonicals
from .db import Store
from .judgements import resolver_for
from .rows import Rows, document_from_rows
from .schema import TABLES, documents, entities, events, mentions, participants, relations


def read_document(store: Store, document_id: str, canonical: Canonicals = None) -> Document | None:
    """The stored document of id ``document_id`` (its fingerprint) with its facts; None if absent.
    Its entities' canonical ids are those of ``canonical`` (as in the queries: the judgements in
    force by default, ``{}`` for the identity keys alone)."""
    resolving = resolver_for(store, canonical)
    with store.read() as connection:
        row = connection.execute(select(documents).where(documents.c.id == document_id)).mappings().first()
        if row is None:
            return None
        rows = Rows(document=dict(row))
        for table in (entities, mentions, relations, events):
            setattr(rows, table.name, _rows_of(connection, table, document_id))
        event_ids = [event["id"] for event in rows.events]
        rows.participants = [dict(r) for r in connection.execute(
            select(participants).where(participants.c.event.in_(event_ids))).mappings()] if event_ids else []
    return document_from_rows(rows, resolving.of)


def _rows_of(connection: Connection, table, document_id: str) -> list[dict]:
    return [dict(r) for r in connection.execute(select(table).where(table.c.document == document_id)).mappings()]


def stats(store: Store) -> dict[str, int]:
    """The number of rows of each table, in the order of the schema."""
    with store.read() as connection:
        return {table.name: connection.scalar(select(func.count()).select_from(table))
                for table in TABLES}
