"""The judgement layer (``store/judgements.py``) and its commands, on SQLite and on PostgreSQL.

Documents are built by hand (no model) and stored with ``store_document``; every test runs on
both databases (``store_url`` in conftest.py).
"""

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from veille.extract import resolve
from veille.errors import JudgementRefused, UnknownEntity, VeilleError
from veille.model import Document, Entity, TextSpan
from veille.store import Store
from veille.store.ingest import store_document
from veille.store.judgements import RESOLVER, canonical_ids, merge, resolve_store, split
from veille.store.rows import document_id
from veille.store.schema import entities, judgements, mentions

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(store_url):
    with Store.open(store_url) as opened:
        yield opened


def person(local: str, name: str, country: str | None = None) -> Entity:
    return Entity(local, name, "PER", "person", country, identity=f"name:PER:{name.lower()}")


def service(local: str, name: str, entry: str, country: str) -> Entity:
    return Entity(local, name, "ORG", "intelligence_service", country, identity=f"entry:{entry}")


def article(title: str, *found: Entity) -> Document:
    """A document naming ``found`` in one sentence (its text differs with ``title``)."""
    text = f"{title} : " + ", ".join(e.name for e in found) + "."
    for e in found:
        at = text.index(e.name)
        e.mentions = [TextSpan(at, at + len(e.name), e.name)]
    return Document(doc_id=title, text=text, entities=list(found))


def corpus() -> list[Document]:
    return [
        article("un", person("e1", "Nicolas Lerner", "FR"), service("e2", "DGSI", "fr-dgsi", "FR"),
                person("e3", "Mokhtar Belmokhtar")),
        article("deux", person("e1", "Lerner"), service("e2", "Direction générale de la sécurité intérieure",
                                                        "fr-dgsi", "FR"), person("e3", "Toufik")),
        article("trois", person("e1", "Mokhtar Bekmokhtar"), person("e2", "Mohamed Mediène"),
                service("e3", "DGSI", "dz-dgsi", "DZ")),
    ]


def stored(store: Store, docs=None) -> dict[str, str]:
    """Store ``docs`` (the corpus by default); the statement ids of their entities, by name."""
    docs = docs or corpus()
    for d in docs:
        store_document(store, d)
    with store.read() as connection:
        rows = connection.execute(select(entities.c.id, entities.c.name, entities.c.identity).where(
            entities.c.document.in_([document_id(d) for d in docs]))).all()
    return {f"{r.name}/{r.identity}" if r.name == "DGSI" else r.name: r.id for r in rows}


def resolver_rows(store: Store) -> list:
    with store.read() as connection:
        return connection.execute(select(judgements).order_by(judgements.c.id)).all()


# ---------------------------------------------------------------- the resolver

def test_canonical_ids_before_any_judgement_are_the_identity_ids(store):
    ids = stored(store)
    canonical = canonical_ids(store)
    assert canonical[ids["Nicolas Lerner"]] == resolve.canonical_id("PER", "name:PER:nicolas lerner")
    assert canonical[ids["DGSI/entry:fr-dgsi"]] == canonical[ids["Direction générale de la sécurité intérieure"]]
    assert canonical[ids["DGSI/entry:fr-dgsi"]] != canonical[ids["DGSI/entry:dz-dgsi"]]


def test_resolve_store_records_its_decisions_and_applies_them_on_read(store):
    ids = stored(store)
    report = resolve_store(store)
    assert report.entities == 9 and report.positive == 2 and report.compared >= 3
    rows = resolver_rows(store)
    assert len(rows) == report.compared and {r.judged_by for r in rows} == {RESOLVER}
    assert all(r.note.startswith("score ") for r in rows)
    canonical = canonical_ids(store)
    assert canonical[ids["Lerner"]] == canonical[ids["Nicolas Lerner"]]
    assert canonical[ids["Mokhtar Belmokhtar"]] == canonical[ids["Mokhtar Bekmokhtar"]]
    assert canonical[ids["DGSI/entry:fr-dgsi"]] != canonical[ids["DGSI/entry:dz-dgsi"]]
    assert canonical[ids["Toufik"]] != canonical[ids["Mohamed Mediène"]]


def test_resolving_again_writes_nothing_new(store):
    stored(store)
    first = resolve_store(store)
    again = resolve_store(store)
    assert again.compared == 0 and len(resolver_rows(store)) == first.compared


def test_resolving_new_documents_compares_only_new_pairs(store):
    ids = stored(store)
    first = resolve_store(store)
    more = stored(store, [article("quatre", person("e1", "Nicolas Lerner", "FR"), person("e2", "Belmokhtar"))])
    report = resolve_store(store)
    assert report.compared > 0
    pairs = [(r.left_id, r.right_id) for r in resolver_rows(store)]
    assert len(pairs) == len(set(pairs)) == first.compared + report.compared
    canonical = canonical_ids(store)
    assert canonical[ids["Lerner"]] == canonical[ids["Nicolas Lerner"]]
    assert canonical[more["Belmokhtar"]] == canonical[ids["Mokhtar Belmokhtar"]]


def test_resolving_never_modifies_the_source_statements(store):
    stored(store)

    def snapshot():
        with store.read() as connection:
            return [connection.execute(select(t).order_by(*t.primary_key.columns)).all() for t in (entities, mentions)]

    before = snapshot()
    resolve_store(store)
    canonical = canonical_ids(store)
    split(store, *sorted(set(canonical.values()))[:2], by="alice")
    assert snapshot() == before


# ---------------------------------------------------------------- an analyst's judgements

def test_a_split_undoes_the_resolver_and_survives_re_ingest_and_re_resolution(store):
    ids = stored(store)
    resolve_store(store)
    judged = split(store, ids["Lerner"], ids["Nicolas Lerner"], by="alice")
    assert judged.judgement == "negative"
    canonical = canonical_ids(store)
    assert canonical[ids["Lerner"]] != canonical[ids["Nicolas Lerner"]]
    stored(store)                                       # the same documents again: nothing changes
    assert resolve_store(store).compared == 0
    more = stored(store, [article("six", person("e1", "Nicolas Lerner", "FR"), person("e2", "Lerner Bis")),
                          article("sept", person("e1", "Lerner"))])
    resolve_store(store)
    canonical = canonical_ids(store)
    assert canonical[ids["Lerner"]] != canonical[ids["Nicolas Lerner"]]
    assert canonical[more["Nicolas Lerner"]] == canonical[ids["Nicolas Lerner"]]
    analyst = [r for r in resolver_rows(store) if r.judged_by == "alice"]
    assert len(analyst) == 1 and analyst[0].judgement == "negative"


def test_a_merge_by_canonical_ids_joins_two_clusters_and_the_resolver_leaves_it(store):
    ids = stored(store)
    resolve_store(store)
    canonical = canonical_ids(store)
    merge(store, canonical[ids["Toufik"]], canonical[ids["Mohamed Mediène"]], by="bob")
    after = canonical_ids(store)
    assert after[ids["Toufik"]] == after[ids["Mohamed Mediène"]]
    assert resolve_store(store).compared == 0
    assert canonical_ids(store) == after


def test_the_latest_analyst_judgement_is_in_force(store):
    ids = stored(store)
    resolve_store(store)
    a, b = ids["Mokhtar Belmokhtar"], ids["Mokhtar Bekmokhtar"]
    split(store, a, b, by="alice")
    assert canonical_ids(store)[a] != canonical_ids(store)[b]
    merge(store, a, b, by="bob")
    assert canonical_ids(store)[a] == canonical_ids(store)[b]


def test_an_analyst_merge_beats_a_resolver_negative(store):
    ids = stored(store)
    resolve_store(store)
    fr, dz = ids["DGSI/entry:fr-dgsi"], ids["DGSI/entry:dz-dgsi"]
    assert canonical_ids(store)[fr] != canonical_ids(store)[dz]
    merge(store, fr, dz, by="carol")
    canonical = canonical_ids(store)
    assert canonical[fr] == canonical[dz] == canonical[ids["Direction générale de la sécurité intérieure"]]


def test_unknown_ids_the_same_entity_and_the_resolver_s_name_are_refused(store):
    ids = stored(store)
    with pytest.raises(UnknownEntity, match="no-such-id"):
        merge(store, "no-such-id", ids["Lerner"], by="alice")
    with pytest.raises(VeilleError, match="same entity"):
        split(store, ids["Lerner"], ids["Lerner"], by="alice")
    with pytest.raises(VeilleError, match="analyst"):
        merge(store, ids["Lerner"], ids["Toufik"], by=RESOLVER)
    assert resolver_rows(store) == []


def test_a_merge_across_entity_types_is_refused_and_nothing_is_stored(store):
    ids = stored(store)
    person_id, service_id = ids["Nicolas Lerner"], ids["DGSI/entry:fr-dgsi"]
    with pytest.raises(JudgementRefused, match=r"\(PER\) with .*\(ORG\).*different types"):
        merge(store, person_id, service_id, by="alice")
    service_canonical = canonical_ids(store)[service_id]
    with pytest.raises(JudgementRefused, match="different types"):
        merge(store, service_canonical, person_id, by="alice")      # by canonical id too
    assert resolver_rows(store) == []
    split(store, person_id, service_id, by="alice")                   # two entities: that may be said
    assert [r.judgement for r in resolver_rows(store)] == ["negative"]


# ---------------------------------------------------------------- commands

def veille(*args):
    return subprocess.run([sys.executable, "-m", "veille.cli", *args], capture_output=True, text=True, cwd=REPO)


def test_resolve_merge_and_split_commands(store_url):
    with Store.open(store_url) as store:
        ids = stored(store)
    out = veille("resolve", "--db", store_url)
    assert out.returncode == 0, out.stderr
    assert "2 positive" in out.stdout
    out = veille("merge", ids["Toufik"], ids["Mohamed Mediène"], "--by", "bob", "--db", store_url)
    assert out.returncode == 0 and out.stdout.startswith("positive:") and "bob" in out.stdout
    out = veille("split", ids["Lerner"], "per-000000000000", "--db", store_url)
    assert out.returncode == 1
    assert out.stderr.strip() == "Error: no entity and no canonical id 'per-000000000000' in the store"
    with Store.open(store_url) as store:
        canonical = canonical_ids(store)
    assert canonical[ids["Toufik"]] == canonical[ids["Mohamed Mediène"]]
    before = len(resolver_rows_at(store_url))
    out = veille("merge", ids["Lerner"], ids["DGSI/entry:fr-dgsi"], "--by", "bob", "--db", store_url)
    assert out.returncode == 1 and out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1 and "different types" in out.stderr
    assert len(resolver_rows_at(store_url)) == before


def resolver_rows_at(url: str) -> list:
    with Store.open(url) as store:
        return resolver_rows(store)


def test_two_resolvers_at_once_write_each_judgement_once(store, monkeypatch):
    """Both runs compare the same pairs, then write at the same moment: the second, waiting on
    the first (the judgement lock on PostgreSQL, the write lock on SQLite), writes nothing."""
    import threading

    from veille.store import judgements as judgements_module

    stored(store)
    both_compared = threading.Barrier(2, timeout=60)
    compare = judgements_module.resolve

    def compare_then_wait(*args, **kwargs):
        found = compare(*args, **kwargs)
        both_compared.wait()
        return found

    monkeypatch.setattr(judgements_module, "resolve", compare_then_wait)
    reports = []
    runs = [threading.Thread(target=lambda: reports.append(resolve_store(store))) for _ in range(2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join(timeout=120)
    assert len(reports) == 2 and sorted(r.compared for r in reports)[0] == 0
    pairs = [frozenset((r.left_id, r.right_id)) for r in resolver_rows(store)]
    assert len(pairs) == len(set(pairs)) == max(r.compared for r in reports) > 0
