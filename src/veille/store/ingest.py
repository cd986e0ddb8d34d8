"""The store stage: extracted documents into the store, each in one transaction.

:func:`ingest_paths` is what ``veille ingest`` runs: it reads the inputs, prepares each document
once (``prepare.py``: cleaned, fingerprinted), leaves out the documents the store already holds
*before* the NLP runs (the fingerprint of a cleaned body is cheap, the parse is not), extracts the
others, prepared already, and hands them to :func:`ingest`, which writes each one in a transaction
of its own.

Why a store is never half-written:

- a document's rows (the document, its entities, mentions, relations, events) are written in one
  transaction: a process killed in the middle (``kill -9``) or a failing write leaves no trace of
  that document, and the next run stores it;
- the document row goes first, with insert-or-ignore on its content-hash id: when two ingests
  race on one document, the second waits for the first's transaction (the row lock on PostgreSQL,
  the write lock of SQLite's ``BEGIN IMMEDIATE``), then finds it stored and writes nothing;
- statement rows have content-hash ids and are inserted with insert-or-ignore too, so a re-run
  can never duplicate them.
"""

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterable, Iterator

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from ..errors import InputError
from ..prepare.read import read_paths
from ..model import Document
from ..pipeline import Pipeline, Report
from ..prepare import Prepared, prepare
from ..settings import Settings
from . import dialect, search
from ..errors import Refused, UnknownEntity
from .db import Store
from .rows import Rows, document_rows
from .schema import documents, entities, events, ingests, mentions, participants, relations

#: How many fingerprints one query looks up (well under SQLite's limit of bound parameters).
LOOKUP_CHUNK = 500
#: A run refreshes the planner's statistics when it grew the store by a tenth or more (as
#: PostgreSQL's autovacuum would, at its own pace): small runs leave that to autovacuum, since an
#: ANALYZE costs milliseconds per document of a small run (measured 1.4–4.6 ms on runs of 50–500).
STATISTICS_GROWTH = 10


@dataclass
class IngestReport(Report):
    """An extraction report, plus what was stored and what the store held already."""

    stored: int = 0
    already_stored: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (f"read {self.read} document(s): {self.stored} stored, "
                f"{len(self.already_stored)} already stored, "
                f"{len(self.duplicates)} duplicate(s) skipped, {len(self.failures)} failed")
        return text + (f"; {len(self.skipped)} other file(s) ignored" if self.skipped else "")


class Progress:
    """What ``ingest_paths`` needs of a progress bar (tqdm has it); this one shows nothing."""

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


# ---------------------------------------------------------------- from paths

def ingest_paths(store: Store, paths: Iterable[str], settings: Settings,
                 pipeline: Callable[[Settings], Pipeline] = Pipeline,
                 progress: Callable[[int], Progress] = lambda total: Progress()) -> IngestReport:
    """Read ``paths``, extract what the store does not hold yet, store it.

    1. read every input (files, folders, ``-``);
    2. prepare each document (clean it, fingerprint it) and leave out those already stored;
    3. extract the others, which the pipeline does not clean again (the model is loaded only
       when there is some: ``pipeline(settings)``);
    4. store each extracted document in its own transaction.
    """
    report = IngestReport()
    items = list(read_paths(paths, settings, report.skipped))                    # 1
    fresh = not_stored(store, items, report)                                     # 2
    bar = progress(len(fresh))
    try:
        if fresh:
            # the pipeline reports its duplicates and failures straight into ours
            extraction = Report(duplicates=report.duplicates, failures=report.failures)
            extracted = pipeline(settings).extract(fresh, extraction)             # 3
            ingest(store, _counted(extracted, bar), report)                       # 4
            report.extracted = extraction.extracted
    finally:
        bar.close()
    report.read = len(items)      # ingest counted only the documents that reached it
    return report


def stored_ids(store: Store, ids: Iterable[str]) -> set[str]:
    """Those of the document ids ``ids`` that the store holds."""
    wanted = sorted(set(ids))
    found: set[str] = set()
    with store.read() as connection:
        for start in range(0, len(wanted), LOOKUP_CHUNK):
            chunk = wanted[start:start + LOOKUP_CHUNK]
            found.update(connection.scalars(select(documents.c.id).where(documents.c.id.in_(chunk))))
    return found


def not_stored(store: Store, items: list, report: IngestReport) -> list[Prepared]:
    """The documents of ``items`` the store does not hold, prepared (``prepare.prepare``: a
    document prepared already is taken as it is, never cleaned twice); errors go to the report."""
    docs = []
    for item in items:
        if isinstance(item, InputError):
            report.failures.append(item)
        else:
            docs.append(prepare(item))
    stored = stored_ids(store, [doc.fingerprint for doc in docs])
    fresh = []
    for doc in docs:
        if doc.fingerprint in stored:
            report.already_stored.append(f"{doc.origin or doc.doc_id}: already stored")
        else:
            fresh.append(doc)
    return fresh


def _counted(docs: Iterable[Document], bar: Progress) -> Iterator[Document]:
    for doc in docs:
        yield doc
        bar.update(1)


# ---------------------------------------------------------------- extracted documents

def ingest(store: Store, docs: Iterable[Document], report: IngestReport | None = None) -> IngestReport:
    """Store extracted documents, each in one transaction; skip those already stored.

    The run is recorded in ``ingests``: ``finished_at`` and the counts are written at the end,
    so a run that was killed shows as unfinished. A document the store refuses (a statement
    naming a missing entity, a value the database refuses) is a failure of its own; a database
    that fails otherwise (unreachable, full) stops the run with :class:`StoreError`.
    """
    report = report if report is not None else IngestReport()
    run = start_run(store)
    for doc in docs:
        report.read += 1
        _ingest_one(store, doc, run, report)
    finish_run(store, run, report)
    return report


def _ingest_one(store: Store, doc: Document, run: int, report: IngestReport) -> None:
    where = doc.origin or doc.doc_id
    try:
        stored = store_document(store, doc, run)
    except (UnknownEntity, Refused) as exc:
        report.failures.append(InputError(where, str(exc)))
        return
    if stored:
        report.stored += 1
    else:
        report.already_stored.append(f"{where}: already stored")


def store_document(store: Store, doc: Document, run: int | None = None) -> bool:
    """Write ``doc`` and its facts in one transaction; False when the store already held it.

    1. compute every row (content-hash ids) before touching the database;
    2. insert the document row, or find it there: then stop, writing nothing;
    3. insert its entities and mentions, then its relations, events and their participants;
    4. index it for full-text search (``search.index``), last: its locks are taken last.
    """
    return store_rows(store, document_rows(doc, run, datetime.now(timezone.utc)))     # 1


def store_rows(store: Store, rows: Rows) -> bool:
    """Write one document's rows (steps 2–4 of :func:`store_document`); False when the store
    already held the document."""
    with store.write() as connection:
        if not _write_document(connection, rows):                                   # 2
            return False
        _write_entities(connection, rows)                                           # 3
        _write_statements(connection, rows)
        search.index(connection, rows)                                              # 4
    return True


def _write_document(connection: Connection, rows: Rows) -> bool:
    # RETURNING tells whether the row went in: rowcount is not reliable with psycopg (it gives -1)
    inserted = dialect.insert_ignore(connection, documents).returning(documents.c.id)
    return connection.execute(inserted, rows.document).first() is not None


def _write_entities(connection: Connection, rows: Rows) -> None:
    _insert(connection, entities, rows.entities)
    _insert(connection, mentions, rows.mentions)


def _write_statements(connection: Connection, rows: Rows) -> None:
    _insert(connection, relations, rows.relations)
    _insert(connection, events, rows.events)
    _insert(connection, participants, rows.participants)


def _insert(connection: Connection, table, values: list[dict]) -> None:
    if values:
        connection.execute(dialect.insert_ignore(connection, table), values)


# ---------------------------------------------------------------- runs

def start_run(store: Store) -> int:
    """Record the start of an ingest run (local or distributed); its id."""
    with store.write() as connection:
        result = connection.execute(ingests.insert().values(started_at=datetime.now(timezone.utc)))
        return result.inserted_primary_key[0]


def finish_run(store: Store, run: int, report: IngestReport) -> None:
    """Record the end of run ``run`` with its counts; refresh the planner's statistics when the
    run grew the store by a tenth or more."""
    with store.write() as connection:
        connection.execute(update(ingests).where(ingests.c.id == run).values(
            finished_at=datetime.now(timezone.utc), stored=report.stored,
            already_stored=len(report.already_stored), failed=len(report.failures)))
    if report.stored:
        with store.write() as connection:
            held = connection.scalar(select(func.count()).select_from(documents))
            if report.stored * STATISTICS_GROWTH >= held:
                dialect.refresh_statistics(connection)
