"""Dask scaling of the extraction, from one worker to two, on the same generated articles.

Usage::

    python benchmarks/distributed.py [--documents N] [--passes P] [--quick] [--json OUT]

The articles are the generated news of ``synthetic.py`` (80 to 150 words each). One local
cluster of two worker processes of one thread each (as ``veille ingest --workers 2`` starts it)
loads the pipeline on each worker (``veille.distributed.register``, not timed), and each worker
extracts a warm-up batch of other articles. Then, alternately, ``--passes`` times:

- one worker: every partition of the articles pinned to the first worker (the second one idle);
- two workers: the same partitions spread over both.

The partitions are those an ingest on two workers makes (``partition_size``), the same on both
sides, so that both do the same work in the same batches.

A pass is the time from submitting the partitions (``veille.distributed.extract_partition``:
extraction only, nothing stored, the result a count) to the last one done, so it counts the
transfer of the texts to the workers and the scheduling, as an ingest does. The median pass of
each side counts: efficiency = t1 / (2 × t2), the target 0.8 on a two-core machine.

Other work on the machine takes cores from the workers, and these figures cannot subtract it.
Two more say how much it did: the load average before and after, and the cores the workers had
(their CPU seconds over the wall time of a pass: 1 at best with one worker, 2 with two). The
ratio of the CPU seconds of both sides (``cpu_efficiency``) is what two free cores would give,
less the wall-time overheads it cannot see: when it is near 1, splitting the work added none,
and what the measured efficiency lacks is cores the workers did not get.

The runner ``benchmarks/run.py`` calls :func:`run`. This file must not be imported under the
name ``distributed``, which is dask's package (see the guard below).
"""

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if __name__ == "distributed":
    raise ImportError("benchmarks/distributed.py was imported as 'distributed', the name of dask's own package, "
                      "which this benchmark and every dask worker need: load it by its path under another name, "
                      "with benchmarks/ at the end of sys.path rather than the front")
# Run as a script, this folder is sys.path[0], where this file would shadow dask's package of
# the same name: move the folder to the end (``synthetic`` is still found there).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE] + [str(HERE)]

from dask.distributed import wait

import synthetic                                    # benchmarks/: no package, found on sys.path
from veille.distributed import cluster, extract_partition, partition_size, partitions, register
from veille.model import Document
from veille.settings import Settings

DOCUMENTS = 240
QUICK_DOCUMENTS = 64
PASSES = 3
TARGET = 0.8


def generated(count: int, seed: int) -> list[Document]:
    return [Document(doc_id=r["id"], text=r["text"], title=r["title"], published=r["published"],
                     source=r["source"]) for r in synthetic.articles(count, seed)]


def timed_pass(client, parts: list[list[Document]], plugin: str, workers: list[str]) -> tuple[float, float]:
    """Seconds to extract the partitions ``parts`` on ``workers`` (every task pinned to them),
    and the CPU seconds the workers spent on them."""
    docs = [doc for part in parts for doc in part]
    started = time.perf_counter()
    futures = [client.submit(extract_partition, part, plugin, workers=workers, allow_other_workers=False,
                             pure=False) for part in parts]
    wait(futures)
    elapsed = time.perf_counter() - started
    results = [f.result() for f in futures]
    if sum(r.extracted for r in results) != len(docs):
        raise RuntimeError(f"documents failed: {[r.failures for r in results if r.failures]}")
    return elapsed, sum(r.cpu_s for r in results)


def run(documents: int | None = None, passes: int = PASSES, quick: bool = False, seed: int = 7) -> dict:
    """Time the extraction on one worker and on two; the figures as a dict."""
    count = documents or (QUICK_DOCUMENTS if quick else DOCUMENTS)
    settings = Settings()
    articles = generated(count + 2 * settings.batch_size, seed)
    docs, warm = articles[:count], articles[count:]                      # the warm-up is not timed
    words = sum(len(d.text.split()) for d in docs)
    load_before = os.getloadavg()
    with cluster(workers=2) as client:
        began = time.perf_counter()
        plugin = register(client, settings)
        loading = time.perf_counter() - began
        addresses = sorted(client.scheduler_info(n_workers=-1)["workers"])
        wait([client.submit(extract_partition, half, plugin, workers=[address], pure=False)
              for half, address in zip(partitions(warm, settings.batch_size), addresses)])
        # the partitions an ingest on two workers makes, the same on both sides
        parts = partitions(docs, partition_size(len(docs), 2, settings))
        one, two = [], []
        for _ in range(passes):
            one.append(timed_pass(client, parts, plugin, addresses[:1]))
            two.append(timed_pass(client, parts, plugin, addresses))
    (t1, cpu1), (t2, cpu2) = _median(one), _median(two)
    return {"documents": count, "words": words, "partitions": len(parts), "passes": passes,
            "t1_s": round(t1, 2), "t2_s": round(t2, 2), "speedup": round(t1 / t2, 3),
            "efficiency": round(t1 / (2 * t2), 3), "target": TARGET,
            "one_worker_words_per_s": round(words / t1), "two_workers_words_per_s": round(words / t2),
            # CPU seconds of the workers: equal on both sides when splitting adds no work; over
            # the wall time, the cores the workers had on average (2 at best with two)
            "cpu_s": {"one": round(cpu1, 2), "two": round(cpu2, 2)},
            # the efficiency these CPU seconds alone give: what two free cores would show, less
            # the overheads of the wall time (transfers, scheduling) that CPU seconds do not see
            "cpu_efficiency": round(cpu1 / cpu2, 3),
            "cores_used": {"one": round(cpu1 / t1, 2), "two": round(cpu2 / t2, 2)},
            "passes_s": {"one": [round(t, 2) for t, _ in one], "two": [round(t, 2) for t, _ in two]},
            "model_load_s": round(loading, 1), "load_average_before": load_before,
            "load_average_after": os.getloadavg(), "machine": machine()}


def _median(passes: list[tuple[float, float]]) -> tuple[float, float]:
    """The pass of median wall time, with its CPU time."""
    return sorted(passes)[len(passes) // 2]


def machine() -> dict:
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {"cpu_count": os.cpu_count(), "usable_cores": affinity, "python": platform.python_version()}


def line(r: dict) -> str:
    return (f"dask extraction, {r['documents']} docs ({r['words']} words), median of {r['passes']}: "
            f"1 worker {r['t1_s']:.2f} s, 2 workers {r['t2_s']:.2f} s, speedup {r['speedup']:.2f}, "
            f"efficiency {r['efficiency']:.2f} (target {r['target']}); cores the workers had: "
            f"{r['cores_used']['one']:.2f} with 1, {r['cores_used']['two']:.2f} with 2 (CPU-time efficiency "
            f"{r['cpu_efficiency']:.2f}); load average "
            f"{r['load_average_before'][0]:.2f} -> {r['load_average_after'][0]:.2f} on "
            f"{r['machine']['usable_cores']} usable cores")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int,
                        help=f"generated articles (default {DOCUMENTS}, quick {QUICK_DOCUMENTS})")
    parser.add_argument("--passes", type=int, default=PASSES, help="passes per side, alternating (median counts)")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_DOCUMENTS} articles")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    args = parser.parse_args(argv)
    result = run(args.documents, args.passes, args.quick)
    print(line(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
