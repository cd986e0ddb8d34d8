"""The store's database: an engine from the store URL, its schema kept at the latest migration.

``Store.open(url)`` works on a fresh SQLite file or an empty PostgreSQL database as on an existing
store: it upgrades the schema to the head of the Alembic migrations shipped in
``store/migrations`` before anything else runs. Two processes opening one fresh store at the same
time migrate it once (``dialect.lock_for_migration``).
"""

from contextlib import contextmanager
from importlib.resources import files
from typing import Iterator

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError

from ..errors import Refused, StoreError
from . import dialect


class Store:
    """An open store: the engine, and transactions to read or write through it."""

    def __init__(self, engine: Engine):
        self.engine = engine
        #: what the judgements in force give (``judgements.resolver_for``), with the state of the
        #: store it was computed on (documents, last judgement), kept while that state holds
        self.judged: tuple | None = None

    @classmethod
    def open(cls, url: str) -> "Store":
        """Connect to the store at ``url`` and bring its schema to the latest migration."""
        store = cls(make_engine(url))
        try:
            upgrade(store.engine)
        except SQLAlchemyError as exc:
            store.close()
            raise StoreError(f"cannot open the store {store.url}: {database_message(exc)}") from None
        return store

    @property
    def url(self) -> str:
        """The store URL, its password hidden."""
        return dialect.shown(self.engine.url)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: committed when the block ends, rolled back if it raises.

        Database errors come out as :class:`Refused` (the data) or :class:`StoreError` (the rest).
        """
        with self._errors(), self.engine.begin() as connection:
            yield connection

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction (on SQLite it does not take the write lock)."""
        with self._errors(), self.engine.connect() as connection:
            connection = connection.execution_options(veille_read=True)
            with connection.begin():
                yield connection

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except (DataError, IntegrityError) as exc:
            raise Refused(f"the store refused it: {database_message(exc)}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"the store {self.url} failed: {database_message(exc)}") from exc

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def make_engine(url: str) -> Engine:
    """An engine for the store URL, its connections set up for the database (``dialect.prepare``)."""
    try:
        parsed = dialect.store_url(url)
        engine = create_engine(parsed, **dialect.engine_options(parsed))
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    except (ImportError, SQLAlchemyError) as exc:
        raise StoreError(f"cannot use the database URL {dialect.shown(url)}: {exc}") from None
    dialect.prepare(engine)
    return engine


# ---------------------------------------------------------------- migrations

def migrations() -> Config:
    """The Alembic configuration of the migrations shipped in the package."""
    config = Config()
    config.set_main_option("script_location", str(files("veille.store") / "migrations"))
    return config


def head() -> str:
    """The latest revision of the shipped migrations."""
    return ScriptDirectory.from_config(migrations()).get_current_head()


def revision(connection: Connection) -> str | None:
    """The revision the database is at, None for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Migrate the database to the latest revision, once however many processes try at once.

    1. when the database is at the head already, do nothing (a read, no lock);
    2. otherwise take the migration lock in a transaction and let Alembic upgrade within it:
       a process that waited for the lock finds the work done.
    """
    with engine.connect() as connection:                                          # 1
        current = revision(connection.execution_options(veille_read=True))
    if current == head():
        return
    with engine.begin() as connection:                                            # 2
        dialect.lock_for_migration(connection)
        config = migrations()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def database_message(exc: SQLAlchemyError) -> str:
    """The driver's own words for a database error, on one line, without SQLAlchemy's trailer."""
    original = getattr(exc, "orig", None) or exc
    return " ".join(str(original).split()) or type(original).__name__
