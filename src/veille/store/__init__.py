"""The store: extracted documents kept as immutable statements in SQLite or PostgreSQL.

- ``db.py``: :class:`Store`, an engine from the store URL, its schema migrated on open;
- ``dialect.py``: every difference between SQLite and PostgreSQL;
- ``schema.py``: the tables; ``migrations/``: the Alembic revisions that create them;
- ``rows.py``: a Document into rows with content-hash ids, and back;
- ``ingest.py``: documents into the store, one transaction each (``ingest``, ``ingest_paths``);
- ``read.py``: what the store holds (``read_document``, ``stats``).
"""

from ..errors import StoreError, UnknownEntity
from .db import Store

__all__ = ["Store", "StoreError", "UnknownEntity"]
