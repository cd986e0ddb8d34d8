"""Latency of the store's queries on a synthetic store, on SQLite and on PostgreSQL.

Usage::

    python benchmarks/queries.py [--documents N] [--queries Q] [--seed S] [--pg URL] [--no-pg]

Fills a fresh store with ``N`` generated documents (the same ones on both databases), then times
``entity_profile`` and ``neighbourhood`` (depth 1 and 2) on ``Q`` canonical entities drawn at
random, and ``search`` on ``Q`` names, printing p50, p95 and max in milliseconds. The busiest
entities (the 20 with the most statements) are timed apart: they are the hubs an analyst opens
first, and their answers are the largest.

The documents: people, services, cities with generated names (syllables, so that every name is
distinct and none is real), picked with a skewed popularity (a few are in many documents, most
in few, as in news); each document names 2 to 3 people, 1 or 2 services and a city, with roles
(some dated, some past), meetings, cooperation, visits (some denied, some hedged) and one or
two events. Writing goes through ``store_document``, index included.

Both databases are ANALYZEd once filled, as PostgreSQL's autovacuum would do on its own: where
it is off, the planner has no statistics and scans whole tables (measured: the random profile's
p95 went from 131 to 20 ms on 20,000 documents once the tables were analysed).

PostgreSQL: a fresh database is created on the server of ``--pg`` (default ``VEILLE_TEST_PG`` or
``postgresql://postgres@127.0.0.1:5432/postgres``) and dropped at the end. The issue's target is
p95 < 50 ms for the profile and the neighbourhood on a 20,000-document store.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

from veille import resolve
from veille.model import Attribution, Document, Entity, Event, Relation, TextSpan
from veille.store import Store
from veille.store.ingest import store_document
from veille.store.queries import entity_profile, neighbourhood
from veille.store.schema import entities
from veille.store.search import search

SYLLABLES = ["ka", "ri", "mo", "ta", "zi", "lou", "fe", "ran", "bel", "kha", "dja", "ber", "na", "sa",
             "dou", "mar", "chal", "ya", "ci", "ne", "ha", "mi", "da", "ou", "li", "ra", "bou", "te", "fi", "gan"]
FIRST = ["Karim", "Nadia", "Omar", "Louis", "Sofia", "Yacine", "Paul", "Leila", "Samir", "Claire",
         "Mehdi", "Amel", "Hugo", "Rachid", "Ines", "Farid", "Julie", "Walid", "Nora", "Anis"]
FUNCTIONS = [("Direction", "de la sécurité", "DS"), ("Service", "du renseignement", "SR"),
             ("Bureau", "des enquêtes", "BE"), ("Agence", "de la documentation", "AD"),
             ("Office", "de la surveillance", "OS"), ("Département", "du contre-espionnage", "DC")]
ROLES = ["directeur", "patron", "chef", "agent", "officier", "conseiller", "porte-parole"]
SOURCES = [("selon nos sources", "anonymous"), ("a annoncé le ministère", "official"),
           ("révèle El Watan", "media"), ("", "none")]


def word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def pools(rng: random.Random, documents: int) -> dict[str, list[tuple]]:
    """People, services and cities: (name, aliases, identity, kind, country), distinct names."""
    people, services, cities = {}, {}, {}
    while len(people) < max(100, documents // 2):
        name = f"{rng.choice(FIRST)} {word(rng, rng.randint(2, 3))}"
        people[name] = (name, [name.split()[1]], f"name:PER:{name.lower()}", "person", None)
    while len(services) < max(30, documents // 40):
        head, field_, letters = rng.choice(FUNCTIONS)
        state = word(rng, 2)
        name = f"{head} {field_} de {state}"
        acronym = f"{letters}{state[:2].upper()}{len(services) % 97}"
        services[name] = (name, [acronym], f"name:ORG:{name.lower()}", "intelligence_service", state[:2].upper())
    while len(cities) < max(50, documents // 100):
        name = word(rng, rng.randint(2, 3))
        cities[name] = (name, [], f"name:LOC:{name.lower()}", "city", name[:2].upper())
    return {"PER": list(people.values()), "ORG": list(services.values()), "LOC": list(cities.values())}


def popular(rng: random.Random, pool: list, k: int, skew: float = 0.9) -> list:
    """``k`` distinct items, the first ones of ``pool`` far more often than the last."""
    weights = [1 / (rank + 1) ** skew for rank in range(len(pool))]
    chosen = []
    while len(chosen) < k:
        item = rng.choices(pool, weights)[0]
        if item not in chosen:
            chosen.append(item)
    return chosen


def synthetic(n: int, rng: random.Random, pool: dict) -> Document:
    """Document ``n``: its sentences, entities, relations and events."""
    people = popular(rng, pool["PER"], rng.randint(2, 3))
    services = popular(rng, pool["ORG"], rng.randint(1, 2), skew=1.0)
    city = popular(rng, pool["LOC"], 1)[0]
    year, month = rng.randint(2010, 2024), rng.randint(1, 12)
    published = f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
    cue, kind = rng.choice(SOURCES)
    cast = [("PER", p) for p in people] + [("ORG", s) for s in services] + [("LOC", city)]
    ents = [Entity(f"e{i + 1}", item[0], t, item[3], item[4], list(item[1]), identity=item[2])
            for i, (t, item) in enumerate(cast)]
    for e in ents:
        e.canonical = resolve.canonical_id(e.type, e.identity)
    local = {e.name: e.id for e in ents}
    sentences, relations = [], []

    def say(sentence: str) -> TextSpan:
        start = sum(len(s) + 1 for s in sentences)
        sentences.append(sentence)
        return TextSpan(start, start + len(sentence), sentence)

    said = Attribution(kind, [], cue or None, hedged=rng.random() < 0.2)
    boss, org = people[0][0], services[0][0]
    role = rng.choice(ROLES)
    dated = rng.random() < 0.4
    start = f"{year - rng.randint(0, 6)}" if dated else None
    past = rng.random() < 0.2
    span = say(f"{boss}, {role} de la {org} depuis {start or 'longtemps'}, {cue or 'dit-on'}.")
    relations.append(Relation("head_of" if role in ("directeur", "patron", "chef") else "member_of",
                              local[boss], local[org], span, said, role=role, start=start, past=past,
                              end=f"{year - 1}" if past and dated else None))
    other = people[1][0]
    span = say(f"{boss} a rencontré {other} à {city[0]} le {month} {year}.")
    relations.append(Relation("meets", local[boss], local[other], span, said, negated=rng.random() < 0.1))
    relations.append(Relation("visits", local[other], local[city[0]], span, said))
    if len(services) > 1:
        span = say(f"La coopération entre la {org} et la {services[1][0]} se renforce.")
        relations.append(Relation("cooperates_with", local[org], local[services[1][0]], span, said))
    if len(people) > 2:
        span = say(f"{people[2][0]}, proche de {boss}, est officier de la {org}.")
        relations.append(Relation("member_of", local[people[2][0]], local[org], span, said, role="officier"))
    say(" ".join(word(rng, rng.randint(1, 3)).lower() for _ in range(rng.randint(40, 120))) + ".")
    events = [Event("v1", "MEETING", "040", [local[boss], local[other]], relations[1].evidence,
                    place=local[city[0]], date=f"{year}-{month:02d}" if rng.random() < 0.8 else None,
                    attribution=said)]
    text = " ".join(sentences)
    for e in ents:
        at = text.find(e.name)
        e.mentions = [TextSpan(at, at + len(e.name), e.name)] if at >= 0 else []
    return Document(doc_id=f"{n:06d}_synthetic", text=text, title=f"{boss} et la {org}", published=published,
                    source=rng.choice(["El Watan", "Le360", "TSA", "Le Monde", "Jeune Afrique"]),
                    entities=ents, relations=relations, events=events)


def fill(store: Store, documents: int, seed: int) -> float:
    rng = random.Random(seed)
    pool = pools(rng, documents)
    began = time.perf_counter()
    for n in range(documents):
        store_document(store, synthetic(n, rng, pool))
    return time.perf_counter() - began


#: How many entities the slow neighbourhood of depth 2 is timed on.
DEPTH_TWO = 20


def timed(call, arguments: list) -> dict:
    spent = []
    for argument in arguments:
        began = time.perf_counter()
        call(argument)
        spent.append((time.perf_counter() - began) * 1000)
    spent.sort()
    return {"n": len(spent), "p50": statistics.median(spent), "p95": spent[max(0, round(len(spent) * 0.95) - 1)],
            "max": spent[-1]}


def measure(store: Store, queries: int, seed: int) -> dict[str, dict]:
    rng = random.Random(seed + 1)
    with store.read() as connection:
        rows = connection.execute(sa.select(entities.c.type, entities.c.identity, entities.c.name,
                                            sa.func.count().label("n"))
                                  .group_by(entities.c.type, entities.c.identity, entities.c.name)).all()
    counted: dict[str, int] = {}
    names = []
    for row in rows:
        target = resolve.canonical_id(row.type, row.identity)
        counted[target] = counted.get(target, 0) + row.n
        names.append(row.name)
    every = sorted(counted)
    drawn = [rng.choice(every) for _ in range(queries)]
    hubs = sorted(counted, key=counted.get, reverse=True)[:20]
    entity_profile(store, drawn[0])                               # warm the connection pool
    return {
        "profile, random entity": timed(lambda c: entity_profile(store, c), drawn),
        "neighbourhood depth 1, random": timed(lambda c: neighbourhood(store, c), drawn),
        "neighbourhood depth 2, random": timed(lambda c: neighbourhood(store, c, depth=2), drawn[:DEPTH_TWO]),
        "search, random name": timed(lambda q: search(store, q), [rng.choice(names) for _ in range(queries)]),
        "profile, 20 busiest": timed(lambda c: entity_profile(store, c), hubs),
        "neighbourhood depth 1, 20 busiest": timed(lambda c: neighbourhood(store, c), hubs),
        "_hub statements": {"p50": counted[hubs[0]], "p95": 0, "max": 0},
    }


def run(url: str, documents: int, queries: int, seed: int) -> None:
    with Store.open(url) as store:
        seconds = fill(store, documents, seed)
        print(f"  filled with {documents} documents in {seconds:.1f} s ({documents / seconds:.0f} documents/s)")
        with store.engine.connect() as connection:
            # table statistics, as PostgreSQL's autovacuum gathers them (without them the planner
            # scans whole tables: autovacuum is off on some servers, and runs at its own pace)
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
        figures = measure(store, queries, seed)
    hub = figures.pop("_hub statements")["p50"]
    print(f"  the busiest entity is named by {hub} entity statements")
    print(f"  {'query':<36} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, f in figures.items():
        print(f"  {name:<36} {f['n']:5d} {f['p50']:8.1f} {f['p95']:8.1f} {f['max']:8.1f}")


def postgres_database(admin_url: str):
    admin = sa.create_engine(sa.make_url(admin_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    name = f"veille_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    return admin, name, sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pg", default=os.environ.get("VEILLE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    args = parser.parse_args()
    print(f"{platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
          f"{args.documents} documents, {args.queries} queries")
    with tempfile.TemporaryDirectory() as folder:
        print("SQLite")
        run(f"sqlite:///{Path(folder) / 'bench.db'}", args.documents, args.queries, args.seed)
    if args.no_pg:
        return
    print("PostgreSQL")
    admin, name, url = postgres_database(args.pg)
    try:
        run(url, args.documents, args.queries, args.seed)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


if __name__ == "__main__":
    sys.exit(main())
