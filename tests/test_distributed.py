"""Distributed ingest (``veille.distributed``) on a real Dask LocalCluster of two worker processes.

The same articles (a few written for these tests, fictional, and the sample articles) are
ingested once by ``ingest_paths`` in this process and once by ``ingest_distributed`` on the
cluster, into two stores: the facts stored must be the same, row for row. The pipeline is the
real one (marked ``model``), wrapped by :class:`Watched`, which counts how often the process
builds it, fails on one document as a buggy stage would, and, on the cluster only, kills its own
worker process (SIGKILL) in the middle of a partition the first time it meets another document.
"""

import os
import signal
from pathlib import Path

import pytest
import sqlalchemy as sa
from distributed import get_worker

from veille import distributed as dist
from veille.errors import SettingsError
from veille.prepare.read import read_paths
from veille.model import Document
from veille.pipeline import Pipeline
from veille.settings import Settings
from veille.store import Store
from veille.store.ingest import IngestReport, ingest_paths
from veille.store.schema import (
    documents, entities, events, ingests, mentions, participants, relations, search_documents,
    search_names)

REPO = Path(__file__).resolve().parents[1]
#: Where a worker leaves a mark before it kills itself, so that it does so once only.
KILLED = "VEILLE_TEST_KILLED_MARK"

ARTICLES = {
    "a01_alger.txt": "Le général Rachid Mekbel, patron de la Direction générale de la sécurité intérieure, "
                     "a reçu jeudi à Alger une délégation de la DGSE française, selon nos sources.\n\n"
                     "La rencontre aurait porté sur la situation au Sahel.",
    "a02_rabat.txt": "Le directeur de la DGST, Hamid Ouazzani, s'est rendu lundi à Madrid pour une visite "
                     "officielle, a annoncé le ministère de l'Intérieur marocain.\n\n"
                     "Il s'est entretenu avec son homologue espagnol.",
    "a03_bamako.txt": "L'Agence nationale de la sécurité d'État a arrêté mardi à Bamako un homme soupçonné "
                      "de renseigner un groupe armé, selon un communiqué.",
    "a04_coupure.txt": "Selon le quotidien Le Phare du Nord, l'ancien officier du FSB Igor Vlassenko "
                       "aurait rencontré des agents du MI6 à Vilnius en mars.",
    "a05_tunis.txt": "La police tunisienne a démantelé une cellule liée à Al-Qaïda au Maghreb islamique, "
                     "a déclaré le porte-parole du ministère, Sami Ferchichi.",
    "a06_panne.txt": "Le Service de renseignement extérieur russe dément toute opération à Paris, "
                     "écrit l'agence Atlas Dépêches.",
    "a07_niamey.txt": "Le chef d'état-major nigérien, le général Issa Maïga, a rencontré à Niamey "
                      "l'ambassadeur de France, selon des sources diplomatiques.",
    "a08_copie.txt": "Le général Rachid Mekbel, patron de la Direction générale de la sécurité intérieure, "
                     "a reçu jeudi à Alger une délégation de la DGSE française, selon nos sources.\n\n"
                     "La rencontre aurait porté sur la situation au Sahel.",
}


class Watched(Pipeline):
    """The real pipeline, counted; it fails on the article ``a06_panne`` (as a buggy stage
    would), fails on the whole batch of an article ``…_lot`` (as a parser crash would), and on a
    worker it kills its own process the first time it meets ``a04_coupure`` (the second of its
    partition when two go together, so that the first is stored before the worker dies)."""

    builds = 0

    def __init__(self, settings: Settings, model=None):
        super().__init__(settings, model)
        Watched.builds += 1

    def extract(self, items, report):
        items = list(items)
        if any(isinstance(d, Document) and d.doc_id.endswith("_lot") for d in items):
            raise RuntimeError("le lot fait tomber l'analyseur")
        yield from super().extract(items, report)

    def extract_one(self, doc: Document) -> Document:
        if doc.doc_id.endswith("panne"):
            raise RuntimeError("panne simulée d'une étape")
        mark = os.environ.get(KILLED)
        if doc.doc_id.endswith("coupure") and mark and _on_a_worker() and not os.path.exists(mark):
            Path(mark).touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return super().extract_one(doc)


def _on_a_worker() -> bool:
    try:
        get_worker()
    except ValueError:
        return False
    return True


def builds() -> int:
    """How often this process built a :class:`Watched` pipeline (run on each worker)."""
    return Watched.builds


# ---------------------------------------------------------------- without a cluster

def test_partitions_fill_the_workers_without_exceeding_a_spacy_batch():
    settings = Settings(batch_size=32)
    assert dist.partition_size(10, 2, settings) == 2
    assert dist.partition_size(1000, 2, settings) == 32
    assert dist.partition_size(3, 8, settings) == 1
    assert [len(p) for p in dist.partitions(list(range(7)), 3)] == [3, 3, 1]


def test_one_plugin_per_model_and_pipeline():
    assert dist.plugin_name(Settings(), Pipeline) == dist.plugin_name(Settings(db="sqlite:///x.db"), Pipeline)
    assert dist.plugin_name(Settings(), Pipeline) != dist.plugin_name(Settings(), Watched)
    assert dist.plugin_name(Settings(), Pipeline) != dist.plugin_name(Settings(model="fr_core_news_lg"), Pipeline)


def test_a_cluster_is_either_reached_or_started():
    with pytest.raises(SettingsError, match="not both"), dist.cluster("tcp://127.0.0.1:1", 2):
        pass
    with pytest.raises(SettingsError, match="at least 1"), dist.cluster(workers=0):
        pass
    with pytest.raises(SettingsError, match="cannot reach the Dask scheduler tcp://127.0.0.1:1"), \
            dist.cluster("tcp://127.0.0.1:1", timeout=1):
        pass


def test_documents_stored_or_repeated_never_reach_the_workers(tmp_path):
    folder = write_articles(tmp_path / "in", {k: ARTICLES[k] for k in ("a01_alger.txt", "a02_rabat.txt",
                                                                     "a08_copie.txt")} | {"vide.txt": ""})
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as store:
        report = IngestReport()
        items = list(read_paths([str(folder)], Settings(), report.skipped))
        fresh = dist._fresh(store, items, report)
    assert [d.doc_id for d in fresh] == ["a01_alger", "a02_rabat"]
    assert report.duplicates == [f"{folder / 'a08_copie.txt'}: duplicate of {folder / 'a01_alger.txt'}"]
    assert [f.reason for f in report.failures] == ["empty document"]


# ---------------------------------------------------------------- on a cluster of two workers

def write_articles(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """Two worker processes of one thread; a worker killed is started again by its nanny."""
    os.environ[KILLED] = str(tmp_path_factory.mktemp("killed") / "mark")
    try:
        with dist.cluster(workers=2) as connected:
            yield connected
    finally:
        del os.environ[KILLED]


def pg_store(database: sa.URL, schema: str) -> str:
    """The URL of an empty store in a schema of its own of the session's database."""
    engine = sa.create_engine(database.set(drivername="postgresql+psycopg"))
    with engine.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    engine.dispose()
    return database.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


#: Columns that say when and by which run a row was written, not what it says: the run, its
#: time, and the serial numbers of the search index's rows.
NOT_FACTS = {"documents": {"ingest", "ingested_at"}, "search_documents": {"id"}, "search_names": {"id"}}


def facts(url: str) -> dict[str, list[tuple]]:
    """Every row of the tables of facts and of their search index, less :data:`NOT_FACTS`, sorted."""
    with Store.open(url) as store, store.read() as connection:
        found = {}
        for table in (documents, entities, mentions, relations, events, participants, search_documents,
                      search_names):
            kept = [c for c in table.c if c.name not in NOT_FACTS.get(table.name, ())]
            found[table.name] = sorted(tuple(map(repr, row)) for row in connection.execute(sa.select(*kept)))
    return found


def runs(url: str) -> list:
    with Store.open(url) as store, store.read() as connection:
        return connection.execute(sa.select(ingests.c.stored, ingests.c.already_stored, ingests.c.failed,
                                            ingests.c.finished_at.is_not(None))).all()


@pytest.mark.model
def test_a_cluster_stores_what_a_local_ingest_stores_though_a_worker_dies(client, nlp_model, pg_database,
                                                                          tmp_path):
    paths = [str(write_articles(tmp_path / "articles", ARTICLES)), str(REPO / "samples")]
    local_url, cluster_url = pg_store(pg_database, "local_ingest"), pg_store(pg_database, "cluster_ingest")

    with Store.open(local_url) as store:
        local = ingest_paths(store, paths, Settings(), pipeline=lambda settings: Watched(settings, model=nlp_model))
    with Store.open(cluster_url) as store:
        report = dist.ingest_distributed(store, paths, Settings(), client=client, size=2, pipeline=Watched)

    # 1. a worker died in the middle of a partition (after storing its first document, which the
    #    retried task finds stored by this run), and no document was lost
    assert Path(os.environ[KILLED]).exists()
    assert (report.read, report.stored) == (local.read, local.stored) == (15, 13)
    assert report.extracted == 13
    assert report.duplicates == local.duplicates and len(report.duplicates) == 1
    assert report.already_stored == []
    # 2. the document the pipeline fails on is reported, as a local ingest reports it
    [failure] = report.failures
    assert failure.origin.endswith("a06_panne.txt")
    assert "panne simulée" in failure.reason and [f.origin for f in local.failures] == [failure.origin]
    # 3. the same facts, row for row
    assert facts(cluster_url) == facts(local_url)
    assert len(facts(cluster_url)["documents"]) == 13
    assert runs(cluster_url) == [(13, 0, 1, True)]
    # 4. the model was loaded once per worker process, however many partitions each ran (the
    #    worker started again after the kill loaded it once too)
    client.wait_for_workers(2, timeout=180)
    assert list(client.run(builds).values()) == [1, 1]

    # 5. again: nothing new is stored, the failing document is reported again
    with Store.open(cluster_url) as store:
        again = dist.ingest_distributed(store, paths, Settings(), client=client, size=2, pipeline=Watched)
    # (the copy of an article now stored counts as stored already, as in a local ingest)
    assert (again.stored, len(again.already_stored), len(again.failures)) == (0, 14, 1)
    assert facts(cluster_url) == facts(local_url)


@pytest.mark.model
def test_workers_write_to_a_sqlite_store_too(client, nlp_model, tmp_path):
    paths = [str(write_articles(tmp_path / "articles", {k: ARTICLES[k] for k in ("a01_alger.txt", "a02_rabat.txt",
                                                                                 "a05_tunis.txt")}))]
    local_url, cluster_url = (f"sqlite:///{tmp_path / name}" for name in ("local.db", "cluster.db"))
    with Store.open(local_url) as store:
        local = ingest_paths(store, paths, Settings(), pipeline=lambda settings: Pipeline(settings, model=nlp_model))
    # Watched: the pipeline the workers have loaded already (it is the real one for these articles)
    with Store.open(cluster_url) as store:
        report = dist.ingest_distributed(store, paths, Settings(), client=client, size=1, pipeline=Watched)
    assert (report.stored, report.failures) == (local.stored, []) == (3, [])
    assert facts(cluster_url) == facts(local_url)


@pytest.mark.model
def test_a_partition_that_keeps_failing_is_tried_document_by_document(client, tmp_path):
    articles = {"a01_alger.txt": ARTICLES["a01_alger.txt"], "a09_lot.txt": "Un article que l'analyseur refuse.",
                "a10_rabat.txt": ARTICLES["a02_rabat.txt"]}
    paths = [str(write_articles(tmp_path / "articles", articles))]
    with Store.open(f"sqlite:///{tmp_path / 'cluster.db'}") as store:
        report = dist.ingest_distributed(store, paths, Settings(), client=client, size=3, retries=1, pipeline=Watched)
    assert report.stored == 2
    [failure] = report.failures
    assert failure.origin.endswith("a09_lot.txt")
    assert failure.reason == "failed on the workers (RuntimeError: le lot fait tomber l'analyseur)"
