"""Every difference between SQLite and PostgreSQL that the store deals with, and nothing else.

The rest of the store writes portable SQLAlchemy Core; it asks this module for what the two
databases do differently (as nomenklatura's ``db.py`` does):

- the URL: ``postgresql://`` means psycopg 3 here, not SQLAlchemy's default psycopg2;
- the connection: SQLite needs its pragmas (WAL journal, foreign keys, busy timeout) and
  ``BEGIN IMMEDIATE`` for write transactions, PostgreSQL needs nothing;
- JSON columns: ``JSONB`` on PostgreSQL, JSON text on SQLite;
- insert-or-ignore: ``INSERT … ON CONFLICT DO NOTHING`` from each dialect's own ``insert``;
- the lock that keeps two processes from migrating one database at the same time.

Full-text indexes (FTS5 / tsvector) will come here too.
"""

from sqlalchemy import JSON, Table, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError

#: The databases the store runs on, by SQLAlchemy backend name.
BACKENDS = ("sqlite", "postgresql")
#: How long a SQLite connection waits for another process's write lock before giving up, in ms.
#: One document is written in a few milliseconds; a minute covers a busy concurrent ingest.
SQLITE_BUSY_TIMEOUT_MS = 60_000
#: Key of the PostgreSQL advisory lock held while migrating (any constant; "veille" in ASCII).
MIGRATION_LOCK = 0x7665696C6C65

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
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        reading = connection.get_execution_options().get("veille_read", False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def insert_ignore(connection: Connection, table: Table):
    """``INSERT INTO table … ON CONFLICT DO NOTHING``: rows whose key is stored are left alone."""
    return _INSERTS[connection.dialect.name](table).on_conflict_do_nothing()


def lock_for_migration(connection: Connection) -> None:
    """Hold, until the transaction ends, the lock that serialises migrations of one database.

    On SQLite the ``BEGIN IMMEDIATE`` of the transaction already holds the write lock.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
