"""The store, on SQLite and on PostgreSQL alike: every test runs against both.

Documents are built by hand (no model). PostgreSQL comes from ``VEILLE_TEST_PG`` (default
``postgresql://postgres@127.0.0.1:5432/postgres``): a fresh database is created for the session and
dropped after it, with one schema per test. Without a server the PostgreSQL half is skipped, except
in CI (``CI`` set), where a missing server is an error.

Kill -9 and concurrency are tested for real, with worker processes (``WORKER``) that ingest the
hand-built corpus; a worker slows each document down, inside its transaction, by patching the
store's entity writer in its own process, so the product carries no test hook.
"""

import itertools
import os
import signal
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from veille.extract import resolve
from veille.model import Attribution, Document, Entity, Event, Relation, TextSpan
from veille.ontology import ATTRIBUTION_KINDS, ENTITY_TYPES, EVENT_TYPES, RELATION_TYPES
from veille.store import Store, StoreError, dialect
from veille.store import ingest as ingest_module
from veille.store.ingest import ingest, store_document, stored_ids
from veille.store.read import read_document, stats
from veille.store.db import head, revision
from veille.store.rows import document_id
from veille.store.schema import TABLES, ingests, metadata

REPO = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- stores (fixtures in conftest.py)

@pytest.fixture
def store(store_url):
    with Store.open(store_url) as opened:
        yield opened


# ---------------------------------------------------------------- a corpus written by hand

PEOPLE = ["Karim Ouali", "Nadia Berrahal", "Omar Tazi", "Louis Ferrand", "Sofia Amrani", "Yacine Djebbar"]
SERVICES = [("DGSE", "entry:fr-dgse", "FR"), ("DGST", "entry:ma-dgst", "MA"), ("DDSE", "entry:dz-ddse", "DZ"),
            ("FSB", "entry:ru-fsb", "RU"), ("DGSI", "entry:dz-dgsi", "DZ")]
CITIES = ["Rabat", "Alger", "Paris", "Bamako", "Tunis"]
SOURCES = [("selon nos sources", "anonymous", []), ("a annoncé le ministère", "official", []),
           ("lit-on dans la note", "anonymous", ["document"]), ("", "none", [])]


def article(n: int) -> Document:
    """Article ``n``: a head of service, a meeting, a visit; the same services recur across articles."""
    person, other = PEOPLE[n % 6], PEOPLE[(n + 1) % 6]
    service, identity, country = SERVICES[n % 5]
    city = CITIES[n % 4]
    cue, kind, via = SOURCES[n % 4]
    first = f"{person}, patron de la {service}, a rencontré {other} à {city} le {n + 1} mars 2024"
    first += f", {cue}." if cue else "."
    second = f"Article {n} : la {service} dément toute coopération avec {other}."
    text = f"{first}\n\n{second}"
    spans = lambda name, at=0: TextSpan(text.index(name, at), text.index(name, at) + len(name), name)
    entities = [
        Entity("e1", person, "PER", "person", mentions=[spans(person)],
               identity=f"name:PER:{person.lower()}"),
        Entity("e2", service, "ORG", "intelligence_service", country, aliases=[f"la {service}"],
               mentions=[spans(service), spans(service, len(first))], identity=identity),
        Entity("e3", other, "PER", "person", mentions=[spans(other), spans(other, len(first))],
               identity=f"name:PER:{other.lower()}"),
        Entity("e4", city, "LOC", "city", mentions=[spans(city)], identity=f"name:LOC:{city.lower()}"),
    ]
    for entity in entities:
        entity.canonical = resolve.canonical_id(entity.type, entity.identity)
    said = Attribution(kind, list(via), cue or None, hedged=n % 3 == 0)
    evidence = TextSpan(0, len(first), first)
    denial = TextSpan(len(first) + 2, len(text), second)
    return Document(
        doc_id=f"{n:03d}_article", text=text, origin=f"corpus/{n:03d}_article.txt",
        title=f"Rencontre à {city}", published=f"2024-03-{n % 28 + 1:02d}", source="Maghreb Veille",
        authors=["Nadia Berrahal"] if n % 2 else [], url=f"https://example.org/{n}" if n % 5 == 0 else None,
        entities=entities,
        relations=[Relation("head_of", "e1", "e2", evidence, said, role="patron", start="2024" if n % 2 else None),
                   Relation("meets", "e1", "e3", evidence, said),
                   Relation("cooperates_with", "e2", "e3", denial, negated=True)],
        events=[Event("v1", "MEETING", "040", ["e1", "e3"], evidence, place="e4",
                      date=f"2024-03-{n + 1:02d}", date_text=f"le {n + 1} mars 2024", attribution=said)],
    )


def corpus(count: int = 30) -> list[Document]:
    return [article(n) for n in range(count)]


def facts(doc: Document) -> dict[str, int]:
    """The rows a document gives, table by table."""
    return {"documents": 1, "entities": len(doc.entities),
            "mentions": sum(len(e.mentions) for e in doc.entities), "relations": len(doc.relations),
            "events": len(doc.events), "participants": sum(len(e.participants) for e in doc.events)}


def expected_counts(docs: list[Document]) -> dict[str, int]:
    total: dict[str, int] = {}
    for doc in docs:
        for table, count in facts(doc).items():
            total[table] = total.get(table, 0) + count
    return total


def snapshot(store: Store) -> dict[str, set]:
    """Every row of every table of facts (the record of runs left out)."""
    with store.read() as connection:
        return {table.name: {repr(tuple(row)) for row in connection.execute(sa.select(table))}
                for table in TABLES if table is not ingests}


def assert_consistent(store: Store, docs: list[Document]) -> set[str]:
    """Each stored document of ``docs`` has all its facts and nothing else is stored; return their ids."""
    by_id = {document_id(doc): doc for doc in docs}
    held = stored_ids(store, by_id)
    counts = stats(store)
    expected = expected_counts([by_id[i] for i in held])
    assert {table: counts[table] for table in expected} == expected
    for key in held:
        assert read_document(store, key).to_record() == by_id[key].to_record()
    return held


# ---------------------------------------------------------------- schema and migrations

def test_a_fresh_store_is_migrated_to_exactly_the_declared_schema(store_url):
    with Store.open(store_url) as store, store.engine.connect() as connection:
        assert revision(connection) == head()
        # the full-text indexes of one database (FTS5 tables, GIN indexes) are not in the metadata
        context = MigrationContext.configure(connection, opts={"include_name": dialect.declared})
        assert compare_metadata(context, metadata) == []
        tables = {t for t in sa.inspect(connection).get_table_names() if dialect.declared(t, "table", {})}
    assert tables == set(metadata.tables) | {"alembic_version"}


def test_opening_a_store_again_keeps_it_as_it_is(store_url):
    with Store.open(store_url) as store:
        store_document(store, article(0))
        before = snapshot(store)
    with Store.open(store_url) as store:
        assert snapshot(store) == before


def test_a_bad_store_url_is_one_clean_error():
    with pytest.raises(StoreError, match="unsupported database 'mysql'"):
        Store.open("mysql://someone@localhost/veille")
    with pytest.raises(StoreError, match="not a database URL"):
        Store.open("veille.db")


# ---------------------------------------------------------------- ingest

def test_ingesting_the_same_documents_again_changes_nothing(store):
    docs = corpus(10)
    first = ingest(store, docs)
    assert (first.stored, first.already_stored, first.failures) == (10, [], [])
    before = snapshot(store)
    assert stats(store) | {"judgements": 0, "grade_judgements": 0, "ingests": 1} == expected_counts(docs) | {"judgements": 0, "grade_judgements": 0, "ingests": 1}
    again = ingest(store, docs)
    assert again.stored == 0 and len(again.already_stored) == 10
    assert snapshot(store) == before


def test_new_documents_are_added_without_touching_the_stored_ones(store):
    docs = corpus(20)
    ingest(store, docs[:10])
    before = snapshot(store)
    report = ingest(store, docs[5:20])
    assert report.stored == 10 and len(report.already_stored) == 5
    after = snapshot(store)
    assert all(before[table] <= after[table] for table in before)
    assert stats(store)["documents"] == 20
    assert assert_consistent(store, docs) == {document_id(d) for d in docs}


def test_each_document_is_one_transaction(store, monkeypatch):
    """A write failing after the document row and its entities leaves no trace of the document."""
    doc = article(3)

    def failing(connection, rows):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ingest_module, "_write_statements", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store_document(store, doc)
    assert all(count == 0 for table, count in stats(store).items())
    assert stored_ids(store, [document_id(doc)]) == set()
    monkeypatch.undo()
    assert store_document(store, doc) is True
    assert read_document(store, document_id(doc)).to_record() == doc.to_record()


def test_a_document_the_store_refuses_is_reported_and_the_batch_goes_on(store):
    good, bad, other = article(1), article(2), article(3)
    bad.relations.append(Relation("visits", "e1", "e9", bad.relations[0].evidence))
    report = ingest(store, [good, bad, other])
    assert report.stored == 2
    [failure] = report.failures
    assert failure.origin == bad.origin and "'e9'" in failure.reason
    assert stored_ids(store, [document_id(d) for d in (good, bad, other)]) == {document_id(good), document_id(other)}
    with store.read() as connection:
        run = connection.execute(sa.select(ingests)).mappings().one()
    assert (run["stored"], run["failed"]) == (2, 1) and run["finished_at"] is not None


def test_a_document_reads_back_as_it_was_stored(store):
    doc = article(7)
    store_document(store, doc)
    back = read_document(store, document_id(doc))
    assert back.to_record() == doc.to_record()
    assert [e.identity for e in back.entities] == [e.identity for e in doc.entities]
    assert read_document(store, "0" * 64) is None


# ---------------------------------------------------------------- kill -9 and concurrency

#: A process ingesting articles first..last of the corpus; it prints "writing N" inside each
#: document's transaction (after the document row) and pauses there slow_ms. With a fifth
#: argument it prints "ready" once the store is open and waits for a line on stdin to begin.
WORKER = """
import sys, time
from veille.store import Store
from veille.store import ingest as ingest_module
from tests.test_store import corpus

url, first, last, slow_ms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
write_entities = ingest_module._write_entities

def slow_write_entities(connection, rows):
    print("writing", rows.document["doc_id"], flush=True)
    time.sleep(slow_ms / 1000)
    write_entities(connection, rows)

ingest_module._write_entities = slow_write_entities
with Store.open(url) as store:
    if len(sys.argv) > 5:
        print("ready", flush=True)
        sys.stdin.readline()
    began = time.time()
    report = ingest_module.ingest(store, corpus()[first:last])
print("done", report.stored, len(report.already_stored), len(report.failures), began, time.time(), flush=True)
"""


def worker(url: str, first: int, last: int, slow_ms: int, wait: bool = False) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WORKER, url, str(first), str(last), str(slow_ms)]
                            + (["wait"] if wait else []), cwd=REPO, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(process: subprocess.Popen, timeout: float = 120) -> tuple[int, int, int, float, float]:
    """Wait for a worker; return its stored, already-stored and failed counts, when its ingest
    began and ended."""
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err
    done = [line.split() for line in out.splitlines() if line.startswith("done")]
    assert done, out + err
    *counts, began, ended = done[-1][1:]
    return (*(int(n) for n in counts), float(began), float(ended))


def test_an_ingest_killed_mid_document_leaves_a_consistent_store(store_url):
    docs = corpus(30)
    process = worker(store_url, 0, 30, slow_ms=200)
    watchdog = threading.Timer(120, process.kill)
    watchdog.start()
    writing = 0
    for line in process.stdout:
        writing += line.startswith("writing")
        if writing == 6:          # five documents committed, the sixth inside its transaction
            break
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    watchdog.cancel()
    assert writing == 6, process.stderr.read()

    with Store.open(store_url) as store:
        held = assert_consistent(store, docs)
        assert held == {document_id(d) for d in docs[:5]}
        with store.read() as connection:
            [run] = connection.execute(sa.select(ingests)).mappings().all()
        assert run["finished_at"] is None           # the killed run shows as unfinished

    assert finished(worker(store_url, 0, 30, slow_ms=0))[:3] == (25, 5, 0)
    with Store.open(store_url) as store:
        assert assert_consistent(store, docs) == {document_id(d) for d in docs}
        assert stats(store)["ingests"] == 2


def test_two_ingests_at_once_lose_nothing_and_duplicate_nothing(store_url):
    """Two processes on one fresh store (both migrate it), with ten articles in common."""
    docs = corpus(30)
    first, second = worker(store_url, 0, 20, slow_ms=50, wait=True), worker(store_url, 10, 30, slow_ms=50, wait=True)
    for process in (first, second):           # both open (and migrate) the store, then begin at once
        assert process.stdout.readline().strip() == "ready", process.stderr.read()
    for process in (first, second):
        process.stdin.write("go\n")
        process.stdin.flush()
    a, b = finished(first), finished(second)
    assert max(a[3], b[3]) < min(a[4], b[4]), "the two ingests did not overlap in time"
    assert (a[0] + b[0], a[1] + b[1], a[2] + b[2]) == (30, 10, 0)
    with Store.open(store_url) as store:
        assert assert_consistent(store, docs) == {document_id(d) for d in docs}
        assert stats(store)["ingests"] == 2


#: A process that imports everything, says "ready", waits for a line on stdin, then opens the
#: store (migrating it if it is fresh) and stores article N.
OPENER = """
import sys
from veille.store import Store
from veille.store.ingest import store_document
from tests.test_store import article

print("ready", flush=True)
sys.stdin.readline()
with Store.open(sys.argv[1]) as store:
    store_document(store, article(int(sys.argv[2])))
print("stored", flush=True)
"""


def test_processes_opening_one_fresh_store_at_the_same_instant_all_work(store_url):
    """Three processes released together on a store that does not exist yet: each migrates it or
    waits for the one that does, and each stores its article."""
    processes = [subprocess.Popen([sys.executable, "-c", OPENER, store_url, str(n)], cwd=REPO, text=True,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for n in range(3)]
    for process in processes:
        assert process.stdout.readline().strip() == "ready", process.stderr.read()
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0 and out.strip() == "stored", err
    with Store.open(store_url) as store, store.engine.connect() as connection:
        assert revision(connection) == head()
        assert connection.scalar(sa.text("SELECT count(*) FROM alembic_version")) == 1
        assert stats(store)["documents"] == 3


def test_a_store_opened_while_another_connection_holds_its_rollback_journal_waits(tmp_path):
    """SQLite does not wait on its busy timeout to leave the rollback journal for WAL: the store
    tries again until the other connection lets go, instead of failing with "database is locked"."""
    import sqlite3

    path = tmp_path / "old.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE earlier (x)")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO earlier VALUES (1)")
    assert holder.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    releasing = threading.Timer(0.5, lambda: holder.execute("COMMIT"))
    releasing.start()
    with Store.open(f"sqlite:///{path}") as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert revision(connection) == head()
    releasing.join()
    holder.close()


# ---------------------------------------------------------------- round trip (property)

_counter = itertools.count()
_words = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)
_maybe = lambda strategy: st.none() | strategy


@st.composite
def span(draw, text: str) -> TextSpan:
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return TextSpan(start, end, text[start:end])


@st.composite
def attribution(draw) -> Attribution:
    return Attribution(draw(st.sampled_from(ATTRIBUTION_KINDS)),
                       draw(st.lists(st.sampled_from(["document", "media"]), max_size=2)),
                       draw(_maybe(_words)), draw(st.booleans()))


@st.composite
def entity(draw, n: int, text: str) -> Entity:
    kind = draw(st.sampled_from(ENTITY_TYPES))
    identity = f"name:{kind}:{n}-{draw(_words)}"
    return Entity(f"e{n}", draw(_words), kind, draw(_maybe(_words)), draw(_maybe(st.sampled_from(["DZ", "FR"]))),
                  draw(st.lists(_words, max_size=3)), draw(st.lists(span(text), max_size=3)),
                  resolve.canonical_id(kind, identity), identity, draw(_maybe(_words)), draw(_maybe(_words)))


@st.composite
def documents(draw) -> Document:
    lines = draw(st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1), min_size=1, max_size=4))
    # one new document per example, its mark of a fixed length: the spans drawn over the text must
    # not depend on how many examples ran before (Hypothesis replays an example to shrink it)
    text = "\n".join(lines) + f"\n#{next(_counter):08d}-{uuid.uuid4().hex}"
    entities = [draw(entity(n, text)) for n in range(1, draw(st.integers(0, 4)) + 1)]
    local = st.sampled_from([e.id for e in entities]) if entities else st.nothing()
    relations = draw(st.lists(st.builds(
        Relation, st.sampled_from(sorted(RELATION_TYPES)), local, local, span(text), attribution(),
        _maybe(_words), _maybe(st.just("2022-11")), _maybe(st.just("2023")), st.booleans(), st.booleans(),
        _maybe(_words)), max_size=4 if entities else 0))
    events = draw(st.lists(st.builds(
        Event, st.just("v"), st.sampled_from(sorted(EVENT_TYPES)), _maybe(st.just("040")), st.lists(local, max_size=3),
        span(text), _maybe(local), _maybe(st.just("2022-11-14")), _maybe(_words), _maybe(st.just("dismissal")),
        attribution(), st.booleans()), max_size=3 if entities else 0))
    for n, event in enumerate(events, 1):
        event.id = f"v{n}"
    return Document(doc_id=draw(_words), text=text, origin=draw(st.just("") | _words), title=draw(_maybe(_words)),
                    published=draw(_maybe(st.sampled_from(["2022", "2022-11", "2022-11-14"]))),
                    source=draw(_maybe(_words)), authors=draw(st.lists(_words, max_size=2)),
                    url=draw(_maybe(_words)), entities=entities, relations=relations, events=events)


def as_stored(doc: Document) -> dict:
    """The record a store gives back: statements identical but for their local event id are one."""
    record = doc.to_record()
    record["relations"] = _first_of_each(record["relations"], lambda r: r)
    record["events"] = _first_of_each(record["events"], lambda e: {**e, "id": None})
    return record


def _first_of_each(items: list[dict], content) -> list[dict]:
    seen, kept = [], []
    for item in items:
        if content(item) not in seen:
            seen.append(content(item))
            kept.append(item)
    return kept


@hypothesis_settings(max_examples=25, deadline=None, database=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(doc=documents())
def test_a_stored_document_reads_back_with_the_same_facts(store, doc):
    assert store_document(store, doc) is True
    back = read_document(store, document_id(doc))
    assert back.to_record() == as_stored(doc)
    assert [(e.identity, e.function, e.stated_country) for e in back.entities] == \
        [(e.identity, e.function, e.stated_country) for e in doc.entities]
    assert store_document(store, doc) is False


def test_an_ingest_run_leaves_the_planner_statistics_fresh(store_url):
    """PostgreSQL plans with the statistics of ANALYZE, which an ingest run refreshes at its end."""
    if not store_url.startswith("postgresql"):
        pytest.skip("SQLite's PRAGMA optimize leaves nothing to observe")
    with Store.open(store_url) as store:
        ingest_module.ingest(store, corpus(3))
        with store.read() as connection:
            # a table never analysed counts -1 rows in pg_class; ANALYZE writes its estimate
            rows = connection.execute(sa.text("SELECT reltuples FROM pg_class WHERE relname = 'entities'"))
            assert rows.scalar() > 0
