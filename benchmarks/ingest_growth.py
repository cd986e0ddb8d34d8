"""How the cost of ingesting one document grows with the size of the store.

Usage::

    python benchmarks/ingest_growth.py [--documents N] [--backends sqlite,postgresql] [--json OUT]

Generated articles (``synthetic.py``: 80 to 150 words each) go through the real pipeline and the
real store, in runs of ``batch`` articles as repeated ``veille ingest`` runs on a growing folder
would bring them:

1. the run's articles are written as JSON lines in a scratch folder and read back
   (``ingest.read_paths``);
2. on each store, the ones it holds already are looked up (``store.ingest.not_stored``);
3. the pipeline extracts them (``Pipeline.extract``), once for every store;
4. each store writes them, one transaction a document (``store.ingest.ingest``).

Unlike ``ingest_paths``, which extracts and writes in turn, each run is extracted in full before
it is written, so that the extraction is done once and timed apart from each store's writes.
Every document's share is timed: its extraction (each spaCy batch of 32 shared by its
documents), its write, and the run's look-up and bookkeeping spread over its documents (reading
the run's file is left out: it is the same whatever the store holds). The growth is the time
per document of the last ``window`` documents (2,000 of 20,000 by default) over that of the
first; the target is at most 1.3, for the total and for the writes alone. At the end, the
cross-document resolver runs over each store (``judgements.resolve_store``), timed.

The stores are those of ``urls`` (``benchmarks/run.py`` makes them and keeps them for the
queries); run alone, this script makes scratch ones and removes them.
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Iterable, Iterator

import sqlalchemy as sa

from veille.prepare.read import read_paths
from veille.model import Document
from veille.pipeline import Pipeline, Report
from veille.settings import Settings
from veille.store import Store
from veille.store.ingest import IngestReport, ingest, not_stored
from veille.store.judgements import resolve_store
from veille.store.read import stats

if str(Path(__file__).resolve().parent) not in sys.path:     # benchmarks/ is no package
    sys.path.append(str(Path(__file__).resolve().parent))
import memory                                   # noqa: E402
import queries                                  # noqa: E402
import synthetic                                # noqa: E402

#: Growth of the time per document, last window over first, that the suite accepts.
TARGET_RATIO = 1.3
#: Articles per ingest run.
BATCH = 500
#: Articles of another seed extracted before the clock starts: the first hundred or so documents
#: a fresh pipeline extracts are slower (model, caches, allocator), which would flatter the ratio.
WARM_UP = 128


# ---------------------------------------------------------------- timing a stream

def produced(items: Iterable, wall: list[float], cpu: list[float]) -> Iterator:
    """Yield ``items``, appending the seconds each took to be produced: on the clock (``wall``)
    and in this process's CPU time (``cpu``)."""
    iterator = iter(items)
    while True:
        began, began_cpu = time.perf_counter(), time.process_time()
        try:
            item = next(iterator)
        except StopIteration:
            return
        wall.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
        yield item


def consumed(items: list, wall: list[float], cpu: list[float]) -> Iterator:
    """Yield ``items``, appending the seconds the consumer spent on each, on the clock and in
    CPU time."""
    for item in items:
        began, began_cpu = time.perf_counter(), time.process_time()
        yield item
        wall.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)


# ---------------------------------------------------------------- one run

class Clock:
    """Seconds per stored document: extraction (shared), and per store its write and overhead;
    on the clock, and in this process's CPU time (a machine shared with other work slows the
    clock of some documents and not others; CPU time hardly moves, but leaves out the waits for
    the disk and for PostgreSQL's own processes)."""

    def __init__(self, backends: Iterable[str]):
        self.extract: list[float] = []
        self.extract_cpu: list[float] = []
        self.write = {b: [] for b in backends}
        self.write_cpu = {b: [] for b in backends}
        self.overhead = {b: [] for b in backends}
        self.failed = {b: 0 for b in backends}
        self.rss: list[tuple[int, float | None]] = []


def ingest_run(stores: dict[str, Store], pipeline: Pipeline, records: list[dict], folder: Path,
               clock: Clock) -> None:
    """One ingest run of ``records`` into every store (steps 1 to 4 of the module)."""
    path = folder / "run.jsonl"
    synthetic.write_jsonl(path, records)                                              # 1
    items = list(read_paths([str(path)], pipeline.settings))
    fresh, lookup = None, {}
    for backend, store in stores.items():                                             # 2
        began = time.perf_counter()
        found = not_stored(store, items, IngestReport())
        lookup[backend] = time.perf_counter() - began
        fresh = found if fresh is None else fresh
    wall: list[float] = []
    cpu: list[float] = []
    extracted = list(produced(pipeline.extract(fresh, Report()), wall, cpu))          # 3
    clock.extract.extend(shared_by_batch(wall, pipeline.settings.batch_size))
    clock.extract_cpu.extend(shared_by_batch(cpu, pipeline.settings.batch_size))
    for backend, store in stores.items():                                             # 4
        spent: list[float] = []
        began = time.perf_counter()
        report = ingest(store, consumed(extracted, spent, clock.write_cpu[backend]), IngestReport())
        bookkeeping = time.perf_counter() - began - sum(spent)
        share = (lookup[backend] + bookkeeping) / max(1, len(extracted))
        clock.write[backend].extend(spent)
        clock.overhead[backend].extend([share] * len(spent))
        clock.failed[backend] += len(report.failures) + len(report.already_stored)


def shared_by_batch(seconds: list[float], size: int) -> list[float]:
    """Each document's share of its spaCy batch: the document that asks for a batch waits for
    the parse of all ``size``, the others for their own stages only; each pays the mean."""
    shared = []
    for at in range(0, len(seconds), size):
        group = seconds[at:at + size]
        shared += [sum(group) / len(group)] * len(group)
    return shared


def warm_up(pipeline: Pipeline, seed: int) -> None:
    records = list(synthetic.articles(WARM_UP, seed=seed + 1000))
    docs = [Document(doc_id=r["id"], text=r["text"], title=r["title"]) for r in records]
    for _ in pipeline.extract(docs, Report()):
        pass


# ---------------------------------------------------------------- figures

def window_figures(seconds: list[float], window: int) -> dict:
    """Mean and median milliseconds per document of the first and last ``window`` documents."""
    first, last = seconds[:window], seconds[-window:]
    mean_first, mean_last = _ms(statistics.fmean(first)), _ms(statistics.fmean(last))
    return {"first_ms": mean_first, "last_ms": mean_last,
            "ratio": round(mean_last / mean_first, 3) if mean_first else None,
            "first_p50_ms": _ms(statistics.median(first)), "last_p50_ms": _ms(statistics.median(last))}


def deciles(seconds: list[float]) -> list[float]:
    """Mean milliseconds per document in each tenth of the run, in order."""
    size = max(1, len(seconds) // 10)
    return [_ms(statistics.fmean(seconds[at:at + size])) for at in range(0, size * 10, size)
            if seconds[at:at + size]]


def slope_per_thousand(seconds: list[float]) -> float | None:
    """Least-squares growth of the time per document, in ms for every 1,000 documents stored."""
    n = len(seconds)
    if n < 2:
        return None
    mean_x, mean_y = (n - 1) / 2, statistics.fmean(seconds)
    numerator = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(seconds))
    denominator = sum((x - mean_x) ** 2 for x in range(n))
    return round(numerator / denominator * 1000 * 1000, 3)


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def backend_figures(backend: str, store: Store, clock: Clock, window: int) -> dict:
    """The growth of one store's writes and totals, then the resolver over it, timed."""
    write, overhead = clock.write[backend], clock.overhead[backend]
    total = [e + w + o for e, w, o in zip(clock.extract, write, overhead)]
    figures = {"url": store.url, "stored": len(write), "failed_or_skipped": clock.failed[backend],
               "write": window_figures(write, window), "write_cpu": window_figures(clock.write_cpu[backend], window),
               "overhead": window_figures(overhead, window),
               "total": window_figures(total, window), "write_deciles_ms": deciles(write),
               "write_slope_ms_per_1000_docs": slope_per_thousand(write)}
    for part in ("write", "total"):
        figures[part]["target"] = TARGET_RATIO
        figures[part]["ok"] = figures[part]["ratio"] is not None and figures[part]["ratio"] <= TARGET_RATIO
    began = time.perf_counter()
    resolved = resolve_store(store)
    figures["resolve"] = {"seconds": round(time.perf_counter() - began, 2), "entities": resolved.entities,
                          "groups": resolved.groups, "compared": resolved.compared,
                          "positive": resolved.positive, "unsure": resolved.unsure, "negative": resolved.negative}
    figures["rows"] = stats(store)
    figures["bytes"] = store_bytes(store)
    return figures


def store_bytes(store: Store) -> int | None:
    """The size of the store on disk: the SQLite file and its journal, the PostgreSQL database."""
    url = store.engine.url
    if url.get_backend_name() == "sqlite":
        path = Path(url.database)
        return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
    with store.read() as connection:
        return connection.scalar(sa.text("SELECT pg_database_size(current_database())"))


# ---------------------------------------------------------------- the benchmark

def run(urls: dict[str, str] | None = None, documents: int = 20_000, window: int | None = None,
        batch: int = BATCH, seed: int = 7, backends: Iterable[str] = ("sqlite",),
        pg: str = queries.PG_DEFAULT, progress: bool = True) -> dict:
    """Ingest ``documents`` generated articles into each store of ``urls`` (scratch stores of
    ``backends`` when None), timing every document; the figures as a dict."""
    if urls is None:
        with queries.scratch_stores(tuple(backends), pg) as scratch:
            return run(scratch, documents, window, batch, seed, progress=progress)
    window = window or max(1, min(2000, documents // 10))
    settings = Settings()
    began = time.perf_counter()
    pipeline = Pipeline(settings)
    load_s = time.perf_counter() - began
    warm_up(pipeline, seed)
    clock = Clock(urls)
    words = 0
    with ExitStack() as stack, tempfile.TemporaryDirectory() as folder:
        stores = {b: stack.enter_context(Store.open(url)) for b, url in urls.items()}
        pending: list[dict] = []
        for record in synthetic.articles(documents, seed):
            words += len(record["text"].split())
            pending.append(record)
            if len(pending) == batch:
                _ingest_and_report(stores, pipeline, pending, Path(folder), clock, documents, progress)
                pending = []
        if pending:
            _ingest_and_report(stores, pipeline, pending, Path(folder), clock, documents, progress)
        result = {"documents": documents, "words": words, "window": window, "batch": batch, "seed": seed,
                  "spacy_batch_size": settings.batch_size, "model_load_s": round(load_s, 2),
                  "extraction": window_figures(clock.extract, window),
                  "extraction_cpu": window_figures(clock.extract_cpu, window),
                  "extraction_deciles_ms": deciles(clock.extract),
                  "rss_mib": [{"documents": n, "rss": rss} for n, rss in clock.rss]}
        result["backends"] = {b: backend_figures(b, store, clock, window) for b, store in stores.items()}
    result["peak_rss_mib"] = memory.peak_rss_mib()
    return result


def _ingest_and_report(stores, pipeline, records, folder, clock, documents, progress) -> None:
    ingest_run(stores, pipeline, records, folder, clock)
    done = len(clock.extract)
    clock.rss.append((done, memory.current_rss_mib()))
    if progress:
        recent = min(len(records), done) or 1
        writes = ", ".join(f"write {b} {_ms(statistics.fmean(w[-recent:]))} ms" for b, w in clock.write.items() if w)
        print(f"  ingest_growth: {done}/{documents} documents; last run: extract "
              f"{_ms(statistics.fmean(clock.extract[-recent:]))} ms/doc, {writes}", file=sys.stderr, flush=True)


def print_table(result: dict) -> None:
    print(f"{result['documents']} documents ({result['words']} words), windows of {result['window']}")
    print(f"  {'':<22}{'first ms/doc':>13}{'last ms/doc':>13}{'ratio':>8}")
    rows = [("extraction", result["extraction"]), ("extraction, CPU", result["extraction_cpu"])]
    for backend, figures in result["backends"].items():
        rows += [(f"{backend} write", figures["write"]), (f"{backend} write, CPU", figures["write_cpu"]),
                 (f"{backend} overhead", figures["overhead"]),
                 (f"{backend} total", figures["total"])]
    for name, f in rows:
        print(f"  {name:<22}{f['first_ms']:>13.2f}{f['last_ms']:>13.2f}{f['ratio'] or 0:>8.2f}")
    for backend, figures in result["backends"].items():
        r = figures["resolve"]
        print(f"  {backend}: resolve_store {r['seconds']} s ({r['entities']} entities, {r['compared']} pairs); "
              f"write ms/doc by tenth: {figures['write_deciles_ms']}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--window", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--backends", default="sqlite", help="sqlite, postgresql or both, comma-separated")
    parser.add_argument("--pg", default=queries.PG_DEFAULT)
    parser.add_argument("--json", type=Path, metavar="OUT")
    args = parser.parse_args(argv)
    result = run(documents=args.documents, window=args.window, seed=args.seed,
                 backends=args.backends.split(","), pg=args.pg)
    print_table(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
