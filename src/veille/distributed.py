"""Distributed ingest with Dask: the extraction of a batch spread over the workers of a cluster.

``veille ingest --scheduler tcp://HOST:PORT PATH...`` (a running cluster) or ``--workers N`` (a
local cluster of N processes) runs :func:`ingest_distributed`, which does what ``ingest_paths``
does, the NLP on the workers:

1. the client reads the inputs, prepares each document once (``prepare.py``: cleaned and
   fingerprinted; the workers' pipeline does not clean them again) and leaves out, by
   fingerprint, what the store holds already and what the batch gives twice, so no worker parses
   those;
2. the documents left are cut into partitions, one task each;
3. each worker loads the pipeline (the spaCy model) once, when it joins (:class:`PipelinePlugin`,
   a Dask worker plugin), not once per task; a task extracts its partition and writes each
   document to the store itself (``store_document``: one transaction, content-hash ids,
   insert-or-ignore), so the client never holds the extracted documents of the whole batch;
4. the client gathers what each task did into one :class:`IngestReport`, the run recorded in
   ``ingests`` as a local ingest records it.

Nothing is lost when a worker dies: Dask gives the tasks of a dead worker to another (up to
``distributed.scheduler.allowed-failures`` deaths per task), and a task that raises is retried
(``retries``). Writing twice is harmless (a document already stored is left as it is), and the
client counts a document as stored by this run when its row carries this run's id, whichever
attempt wrote it. A partition that still fails is tried again document by document, so that one
document that kills its worker takes no other with it; a document that fails then, or that the
pipeline cannot extract, is a failure of the report with its reason: none is dropped silently.

The workers open the store by its URL: on several machines that is a PostgreSQL server they can
all reach; a SQLite file works for the processes of one machine (writers take turns, WAL mode).
"""

import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

from dask.distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker
from sqlalchemy import select

from .errors import InputError, Refused, SettingsError, UnknownEntity
from .prepare.read import read_paths
from .model import Document
from .pipeline import Pipeline, Report
from .prepare import Prepared, prepare
from .settings import Settings
from .store.db import Store
# the run's row is written as ingest_paths writes it (start_run / finish_run)
from .store.ingest import IngestReport, Progress, finish_run, start_run, store_document, stored_ids
from .store.rows import document_id
from .store.schema import documents

#: Tasks per worker the batch is cut into when no partition size is given: enough for the
#: faster workers to take more, few enough that each task still fills a spaCy batch or so.
PARTITIONS_PER_WORKER = 4
#: How often a task that raised is run again before its documents are tried one by one.
RETRIES = 2


# ---------------------------------------------------------------- on the workers

class PipelinePlugin(WorkerPlugin):
    """The pipeline of one worker, loaded once when the worker starts (or when the plugin is
    registered on a running worker), and the stores it writes to, opened on first use.

    Registered under a name made from the model, the batch size and the pipeline class, and
    ``idempotent``: ingesting twice on one cluster loads nothing again.
    """

    idempotent = True

    def __init__(self, settings: Settings, pipeline: Callable[[Settings], Pipeline] = Pipeline):
        self.settings = settings
        self.make_pipeline = pipeline
        self.name = plugin_name(settings, pipeline)
        self.pipeline: Pipeline | None = None
        self.stores: dict[str, Store] = {}

    def setup(self, worker) -> None:
        self.pipeline = self.make_pipeline(self.settings)

    def teardown(self, worker) -> None:
        for store in self.stores.values():
            store.close()

    def store(self, url: str) -> Store:
        if url not in self.stores:
            self.stores[url] = Store.open(url)
        return self.stores[url]


def plugin_name(settings: Settings, pipeline: Callable) -> str:
    """The name of the plugin that loads ``pipeline`` with these settings."""
    what = f"{settings.model}|{settings.batch_size}|{getattr(pipeline, '__module__', '')}." \
           f"{getattr(pipeline, '__qualname__', repr(pipeline))}"
    return "veille-pipeline-" + hashlib.sha1(what.encode("utf-8")).hexdigest()[:12]


@dataclass
class PartitionResult:
    """What one task did: the documents it extracted and stored (or found stored), each as
    (origin, store id); the failures as (origin, reason) (an InputError does not pickle back)."""

    stored: list[tuple[str, str]] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    extracted: int = 0


def ingest_partition(docs: list[Document], store_url: str, run: int | None, plugin: str) -> PartitionResult:
    """On a worker: extract ``docs`` with the worker's pipeline and store each one.

    A document the pipeline cannot extract, or the store refuses, is a failure of the result; a
    store that cannot be reached raises, and the task is retried.
    """
    loaded: PipelinePlugin = get_worker().plugins[plugin]
    store = loaded.store(store_url)
    report = Report()
    result = PartitionResult()
    for doc in loaded.pipeline.extract(docs, report):
        where = doc.origin or doc.doc_id
        try:
            store_document(store, doc, run)     # False when an earlier attempt stored it: see _account
        except (UnknownEntity, Refused) as exc:
            report.failures.append(InputError(where, str(exc)))
            continue
        result.stored.append((where, document_id(doc)))
    result.failures = [(f.origin, f.reason) for f in report.failures]
    result.extracted = report.extracted
    return result


@dataclass
class Extraction:
    """What :func:`extract_partition` did: how many documents it extracted, the failures as
    (origin, reason), and the CPU seconds the worker spent on them (so that a benchmark can tell
    a worker that waited for a core from one that had more to do)."""

    extracted: int
    failures: list[tuple[str, str]]
    cpu_s: float


def extract_partition(docs: list[Document], plugin: str) -> Extraction:
    """On a worker: extract ``docs`` and store nothing (what ``benchmarks/distributed.py``
    times: the extraction alone, without the writes)."""
    report = Report()
    began = time.process_time()
    extracted = sum(1 for _ in get_worker().plugins[plugin].pipeline.extract(docs, report))
    return Extraction(extracted, [(f.origin, f.reason) for f in report.failures], time.process_time() - began)


# ---------------------------------------------------------------- the cluster

@contextmanager
def cluster(scheduler: str | None = None, workers: int | None = None, timeout: float = 10) -> Iterator[Client]:
    """A client of the cluster at ``scheduler`` (``tcp://HOST:PORT``; given up after ``timeout``
    seconds), or of a local cluster of ``workers`` processes of one thread each (spaCy's parser
    holds the GIL: threads would not run it side by side), closed when the block ends."""
    if scheduler and workers:
        raise SettingsError("give either a scheduler to connect to or a number of local workers, not both")
    if scheduler:
        try:
            client = Client(scheduler, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            raise SettingsError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
        with client:
            yield client
        return
    if workers is not None and workers < 1:
        raise SettingsError(f"--workers must be at least 1, not {workers}")
    # no dashboard; the scheduler's HTTP routes (health, metrics) on a free port, not on 8787,
    # which another cluster of the machine may hold
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": ":0"}, silence_logs=logging.ERROR) as local, \
            Client(local) as client:
        yield client


def register(client: Client, settings: Settings, pipeline: Callable[[Settings], Pipeline] = Pipeline) -> str:
    """Load the pipeline on every worker of ``client`` (and on those that join later); its name."""
    plugin = PipelinePlugin(settings, pipeline)
    client.register_plugin(plugin)
    return plugin.name


def partitions(docs: list[Document], size: int) -> list[list[Document]]:
    return [docs[start:start + size] for start in range(0, len(docs), size)]


def partition_size(count: int, workers: int, settings: Settings) -> int:
    """Documents per task: the batch cut into :data:`PARTITIONS_PER_WORKER` tasks per worker,
    at most one spaCy batch each."""
    return max(1, min(settings.batch_size, -(-count // (max(1, workers) * PARTITIONS_PER_WORKER))))


# ---------------------------------------------------------------- the ingest

def ingest_distributed(store: Store, paths: Iterable[str], settings: Settings, scheduler: str | None = None,
                       workers: int | None = None, client: Client | None = None, size: int | None = None,
                       pipeline: Callable[[Settings], Pipeline] = Pipeline, retries: int = RETRIES,
                       progress: Callable[[int], Progress] = lambda total: Progress()) -> IngestReport:
    """Read ``paths`` and ingest what ``store`` lacks, as ``store.ingest.ingest_paths`` does,
    extracted on a Dask cluster: ``client`` when given, else the scheduler at ``scheduler``,
    else a local cluster of ``workers`` processes. ``size`` documents per task (default:
    :func:`partition_size`). The workers open the store by its URL.

    1. read the inputs, leave out what is stored already and what the batch repeats;
    2. load the pipeline on the workers;
    3. record the run, run one task per partition, then each document of a failed partition
       alone;
    4. count what this run stored, finish the run.
    """
    report = IngestReport()
    items = list(read_paths(paths, settings, report.skipped))                           # 1
    fresh = _fresh(store, items, report)
    report.read = len(items)
    if not fresh:
        return report
    url = store.engine.url.render_as_string(hide_password=False)
    with (nullcontext(client) if client else cluster(scheduler, workers)) as connected:
        plugin = register(connected, settings, pipeline)                                # 2
        run = start_run(store)                                                         # 3
        bar = progress(len(fresh))
        try:
            count = len(connected.scheduler_info(n_workers=-1)["workers"])
            parts = partitions(fresh, size or partition_size(len(fresh), count, settings))
            results = _run(connected, parts, url, run, plugin, retries, report, bar)
        finally:
            bar.close()
    _account(store, run, results, report)                                               # 4
    finish_run(store, run, report)
    return report


def _fresh(store: Store, items: list, report: IngestReport) -> list[Prepared]:
    """The documents of ``items`` to extract, prepared: not stored yet, and not given twice (the
    pipeline skips those within one batch; here the batch is cut in partitions first). What was
    not read, what is stored and what repeats go to ``report``."""
    docs = []
    for item in items:
        (report.failures if isinstance(item, InputError) else docs).append(item)
    docs = [prepare(doc) for doc in docs]
    stored = stored_ids(store, [doc.fingerprint for doc in docs])
    seen: dict[str, str] = {}
    fresh = []
    for doc in docs:
        where = doc.origin or doc.doc_id
        if doc.fingerprint in stored:
            report.already_stored.append(f"{where}: already stored")
        elif doc.fingerprint in seen and doc.text.strip():
            report.duplicates.append(f"{where}: duplicate of {seen[doc.fingerprint]}")
        else:                               # an empty one goes on: the pipeline says why it fails
            seen.setdefault(doc.fingerprint, where)
            fresh.append(doc)
    return fresh


def _run(client: Client, parts: list[list[Document]], store_url: str, run: int, plugin: str, retries: int,
         report: IngestReport, bar: Progress) -> list[PartitionResult]:
    """Every partition through :func:`ingest_partition`; the documents of a partition that
    failed (after its retries, or because its workers died) again, one a task; a document that
    fails alone is a failure of ``report``, with the error."""
    results: list[PartitionResult] = []
    failed = _submit(client, parts, store_url, run, plugin, retries, results, bar)
    alone = [[doc] for docs, _error in failed if len(docs) > 1 for doc in docs]
    failed = [f for f in failed if len(f[0]) == 1] + _submit(client, alone, store_url, run, plugin, retries,
                                                             results, bar)
    for [doc], error in failed:
        report.failures.append(InputError(doc.origin or doc.doc_id,
                                          f"failed on the workers ({type(error).__name__}: {error})"))
        bar.update(1)
    return results


def _submit(client: Client, parts: list[list[Document]], store_url: str, run: int, plugin: str, retries: int,
            results: list[PartitionResult], bar: Progress) -> list[tuple[list[Document], Exception]]:
    """Run ``parts``, each task retried ``retries`` times; append each result to ``results``
    as it comes; return the parts that failed, with the error."""
    futures = {client.submit(ingest_partition, part, store_url, run, plugin, retries=retries, pure=False): part
               for part in parts}
    failed = []
    for future in as_completed(futures):
        part = futures[future]
        try:
            results.append(future.result())
            bar.update(len(part))
        except Exception as exc:  # noqa: BLE001  (the task's own error, or KilledWorker: any is reported)
            failed.append((part, exc))
        future.release()
    return failed


def _account(store: Store, run: int, results: list[PartitionResult], report: IngestReport) -> None:
    """Add the tasks' results to ``report``. A document counts as stored when this run's id is
    on its row (an attempt that died after writing it leaves it so), else as stored already."""
    with store.read() as connection:
        ours = set(connection.scalars(select(documents.c.id).where(documents.c.ingest == run)))
    for result in results:
        report.extracted += result.extracted
        report.failures.extend(InputError(origin, reason) for origin, reason in result.failures)
        for where, key in result.stored:
            if key in ours:
                report.stored += 1
            else:
                report.already_stored.append(f"{where}: already stored")
