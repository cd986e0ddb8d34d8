"""Every difference between SQLite and PostgreSQL that the store deals with, and nothing else.

The rest of the store writes portable SQLAlchemy Core; it asks this module for what the two
databases do differently (as nomenklatura's ``db.py`` does):

- the URL: ``postgresql://`` means psycopg 3 here, not SQLAlchemy's default psycopg2;
- the connection: SQLite needs its pragmas (WAL journal, foreign keys, busy timeout) and
  ``BEGIN IMMEDIATE`` for write transactions, PostgreSQL needs nothing;
- the threads that query at once in one process: few on SQLite, which computes in the process;
- JSON columns: ``JSONB`` on PostgreSQL, JSON text on SQLite;
- insert-or-ignore: ``INSERT … ON CONFLICT DO NOTHING`` from each dialect's own ``insert``;
- the lock that keeps two processes from migrating one database at the same time;
- full-text search (``search.py``): FTS5 on SQLite, ``tsvector`` with GIN indexes on PostgreSQL.

Full-text search behaves the same on both because veille normalises the text itself before either
database sees it (``search.words``: accents, case, ligatures, apostrophes; words of letters and
digits joined by single spaces). The databases only split on spaces and match words: FTS5's
``unicode61`` tokenizer, and PostgreSQL's ``simple`` configuration, which neither stems nor drops
stop words, as FTS5 has no French stemmer (the ``french`` one would also make "Alger" and
"Algérie" one word and drop "la" from "la DGSE"). PostgreSQL's ``unaccent`` is not needed: it is an
extension that a migration may lack the rights to create, and its rules differ from FTS5's.

The search tables (``schema.search_documents``, ``schema.search_names``) are declared like the
others; what indexes them differs by database and is created here, under names that start with
:data:`FULL_TEXT_PREFIX`: FTS5 virtual tables kept in sync by triggers on SQLite (FTS5 adds
shadow tables of its own), GIN indexes on PostgreSQL. :func:`declared` tells Alembic and the schema
test to leave them out of the comparison with ``schema.metadata``.
"""

import sqlite3
import time
from datetime import datetime, timezone

from sqlalchemy import JSON, Table, Text, column, desc, event, func, literal_column, select, table, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError

#: The databases the store runs on, by SQLAlchemy backend name.
BACKENDS = ("sqlite", "postgresql")
#: How many threads of one process answer requests at once on a SQLite store (``query_threads``).
SQLITE_QUERY_THREADS = 2
#: How long a SQLite connection waits for another process's write lock before giving up, in ms.
#: One document is written in a few milliseconds; a minute covers a busy concurrent ingest.
SQLITE_BUSY_TIMEOUT_MS = 60_000
#: Key of the PostgreSQL advisory lock held while migrating (any constant; "veille" in ASCII).
MIGRATION_LOCK = 0x7665696C6C65
#: Key of the one held while the resolver writes its judgements ("veille" + "J").
JUDGEMENT_LOCK = 0x7665696C6C654A

#: A JSON value: JSONB on PostgreSQL (indexable, compact), JSON text elsewhere.
JSONValue = JSON().with_variant(postgresql.JSONB(), "postgresql")

_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def store_url(url: str) -> URL:
    """The SQLAlchemy URL of a store URL: ``postgresql://`` and ``postgres://`` mean psycopg 3.

    Raise ValueError, with a message for the user, for a URL the store cannot use.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ValueError(f"not a database URL: {url!r} (expected sqlite:///PATH or "
                         f"postgresql://USER@HOST/DATABASE)") from None
    backend = parsed.get_backend_name()
    if backend == "postgres":
        parsed, backend = parsed.set(drivername="postgresql"), "postgresql"
    if backend not in BACKENDS:
        raise ValueError(f"unsupported database {backend!r} in {shown(parsed)} "
                         f"(veille stores into {' or '.join(BACKENDS)})")
    if backend == "postgresql" and parsed.get_driver_name() in ("psycopg2", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def shown(url: URL | str) -> str:
    """The URL as it may be printed: the password hidden."""
    url = make_url(url) if isinstance(url, str) else url
    return url.render_as_string(hide_password=True)


def engine_options(url: URL) -> dict:
    """Keyword arguments of ``create_engine`` for this database."""
    if url.get_backend_name() == "postgresql":
        return {"pool_pre_ping": True}
    return {}


def query_threads(engine: Engine) -> int | None:
    """How many threads of one web process should run the store's queries at once; None for no
    bound of the store's own (AnyIO's default: 40).

    SQLite runs in the process: its queries are CPU work under the GIL, which it lets go and
    takes back at every row, so that threads querying at once mostly wait for each other
    (measured: 20 analysts asking profiles of a 2,000-document store of one worker, p95 176 ms
    and max 412 ms with 40 threads, 105 ms and 150 ms with 2). Two rather than one: a slow
    query (a hub's profile) holds up the others of its worker less. PostgreSQL works in its own
    server while the thread waits for it: threads overlap those waits.
    """
    return SQLITE_QUERY_THREADS if engine.dialect.name == "sqlite" else None


def prepare(engine: Engine) -> None:
    """Set up each new connection of ``engine`` (SQLite only: pragmas and explicit transactions).

    pysqlite's own transaction handling defers ``BEGIN`` until the first write and never uses
    ``BEGIN IMMEDIATE``, so two writers can each read, then fail to upgrade to a write lock with
    ``database is locked`` whatever the busy timeout. As SQLAlchemy's SQLite documentation
    recommends, the driver is put in autocommit mode and the store emits ``BEGIN`` itself:
    ``BEGIN IMMEDIATE`` (take the write lock now, waiting up to the busy timeout) unless the
    connection was opened for reading (``execution_options(veille_read=True)``).
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        _write_ahead_log(cursor)
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        reading = connection.get_execution_options().get("veille_read", False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def _write_ahead_log(cursor, timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> None:
    """Put the SQLite database in WAL mode, waiting (up to ``timeout_ms``) for other connections.

    Leaving the rollback journal takes a lock for which SQLite does not call its busy handler:
    while another connection holds a lock on a database not yet in WAL mode (a second process
    opening a fresh store as the first one creates it), the pragma fails at once with "database
    is locked", or answers the mode it could not leave. So it is tried again, at growing
    intervals. A database that is in WAL mode already answers at once; one in memory stays in
    memory.
    """
    deadline, pause = time.monotonic() + timeout_ms / 1000, 0.005
    while True:
        try:
            mode = (cursor.execute("PRAGMA journal_mode = WAL").fetchone() or ["wal"])[0].lower()
            if mode not in _ROLLBACK_JOURNALS:
                return
            problem = f"the journal stays in {mode} mode"
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            problem = str(exc)
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError(f"cannot put the database in WAL mode: {problem}")
        time.sleep(pause)
        pause = min(pause * 2, 0.25)


#: The journal modes a database that could not switch to WAL answers with.
_ROLLBACK_JOURNALS = ("delete", "truncate", "persist")


def utc(moment: datetime) -> datetime:
    """A time read back from the store, aware: SQLite gives back the UTC times veille writes
    without their zone, PostgreSQL with it."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def insert_ignore(connection: Connection, table: Table):
    """``INSERT INTO table … ON CONFLICT DO NOTHING``: rows whose key is stored are left alone."""
    return _INSERTS[connection.dialect.name](table).on_conflict_do_nothing()


def lock_for_migration(connection: Connection) -> None:
    """Hold, until the transaction ends, the lock that serialises migrations of one database.

    On SQLite the ``BEGIN IMMEDIATE`` of the transaction already holds the write lock.
    """
    _lock(connection, MIGRATION_LOCK)


def lock_for_judgements(connection: Connection) -> None:
    """Hold, until the transaction ends, the lock that serialises resolver runs' writes: each run
    reads the pairs judged already and writes the others, and a second run must read the first
    one's judgements (PostgreSQL's READ COMMITTED would let both write the same pairs).

    On SQLite the ``BEGIN IMMEDIATE`` of the transaction already holds the write lock.
    """
    _lock(connection, JUDGEMENT_LOCK)


def _lock(connection: Connection, key: int) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def refresh_statistics(connection: Connection) -> None:
    """Let the query planner know the tables as they are now, after an ingest run.

    PostgreSQL plans with statistics that autovacuum updates late: right after a large ingest it
    may scan where an index would do (the profile of an entity measured 131 ms instead of 20 ms
    before ``ANALYZE``). SQLite's ``PRAGMA optimize`` analyses the tables that need it, cheaply.
    """
    statement = "ANALYZE" if connection.dialect.name == "postgresql" else "PRAGMA optimize"
    connection.execute(text(statement))


# ---------------------------------------------------------------- full-text search

#: Names of what indexes the search tables on one database only (left out of schema comparisons).
FULL_TEXT_PREFIX = "fts_"
#: The PostgreSQL text search configuration: no stemming, no stop words, like FTS5 (see above).
_CONFIG = literal_column("'simple'::regconfig")
#: FTS5 tokenizer: the text comes normalised, diacritics are removed again for safety.
_TOKENIZER = "unicode61 remove_diacritics 2"


class SearchVector(postgresql.TSVECTOR):
    """A ``tsvector`` written from normalised text: ``to_tsvector('simple', text)`` on insert."""

    cache_ok = True

    def bind_expression(self, bindvalue):
        return func.to_tsvector(_CONFIG, bindvalue)


#: The indexed form of a searchable text: the normalised text itself on SQLite (which FTS5
#: indexes through triggers), its ``tsvector`` on PostgreSQL. Written from normalised text on both.
SearchTerms = Text().with_variant(SearchVector(), "postgresql")


def declared(name: str | None, type_: str, parent_names: dict) -> bool:
    """False for the full-text structures of one database (an Alembic ``include_name`` hook)."""
    return not (name or "").startswith(FULL_TEXT_PREFIX)


def _fts5_statements(table: str, column: str) -> list[str]:
    """An external-content FTS5 index on ``table.column``, and the triggers that keep it in sync."""
    fts = f"{FULL_TEXT_PREFIX}{table}"
    remove = f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});"
    add = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', content_rowid='id', "
        f"tokenize='{_TOKENIZER}')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {add} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {remove} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE ON {table} BEGIN {remove} {add} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def create_full_text(connection: Connection) -> None:
    """Create the full-text indexes of ``search_documents.terms`` and ``search_names.words``."""
    if connection.dialect.name == "sqlite":
        statements = _fts5_statements("search_documents", "terms") + _fts5_statements("search_names", "words")
    else:
        statements = [
            f"CREATE INDEX {FULL_TEXT_PREFIX}search_documents ON search_documents USING gin (terms)",
            f"CREATE INDEX {FULL_TEXT_PREFIX}search_names ON search_names "
            f"USING gin (to_tsvector('simple'::regconfig, words))",
        ]
    for statement in statements:
        connection.exec_driver_sql(statement)


def drop_full_text(connection: Connection) -> None:
    """Drop what :func:`create_full_text` created."""
    for name in ("search_documents", "search_names"):
        if connection.dialect.name == "sqlite":
            for suffix in ("_insert", "_delete", "_update"):
                connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {FULL_TEXT_PREFIX}{name}{suffix}")
            connection.exec_driver_sql(f"DROP TABLE IF EXISTS {FULL_TEXT_PREFIX}{name}")
        else:
            connection.exec_driver_sql(f"DROP INDEX IF EXISTS {FULL_TEXT_PREFIX}{name}")


Phrases = list[tuple[tuple[str, ...], bool]]


def _fts5_query(phrases: Phrases) -> str:
    """FTS5 syntax: every phrase, its last word a prefix when asked: ``"l algerie" AND "secur" *``."""
    return " AND ".join(f'"{" ".join(words)}"' + (" *" if prefix else "") for words, prefix in phrases)


def _tsquery(phrases: Phrases) -> str:
    """tsquery syntax: ``(l <-> algerie) & (secur:*)``."""
    def phrase(words, prefix):
        return " <-> ".join(words[:-1] + (words[-1] + (":*" if prefix else ""),))
    return " & ".join(f"({phrase(words, prefix)})" for words, prefix in phrases)


def full_text_matches(connection: Connection, searched: Table, phrases: Phrases, limit: int):
    """``SELECT searched.* … ORDER BY relevance LIMIT limit``: the rows of a search table that
    contain every phrase (words normalised by ``search.words``).

    Relevance is FTS5's bm25 on SQLite and ``ts_rank`` normalised by length on PostgreSQL: the rows
    found are the same on both, their order may differ.
    """
    found = select(*(c for c in searched.c if c.name != "terms"))      # the tsvector stays put
    if connection.dialect.name == "sqlite":
        fts = table(f"{FULL_TEXT_PREFIX}{searched.name}", column("rowid"), column("rank"))
        return (found.join(fts, fts.c.rowid == searched.c.id)
                .where(literal_column(fts.name).op("MATCH")(_fts5_query(phrases)))
                .order_by(fts.c.rank, searched.c.id).limit(limit))
    query = func.to_tsquery(_CONFIG, _tsquery(phrases))
    vector = searched.c.terms if "terms" in searched.c else func.to_tsvector(_CONFIG, searched.c.words)
    return (found.where(vector.op("@@")(query))
            .order_by(desc(func.ts_rank(vector, query, 1)), searched.c.id).limit(limit))
