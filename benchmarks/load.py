"""The profile route under concurrent analysts: ``veille serve --workers N`` on a generated store.

Usage::

    python benchmarks/load.py [--documents N] [--clients C] [--requests R] [--workers 1,2]
                              [--seed S] [--json OUT]

1. Fill a fresh SQLite store in a scratch folder with ``N`` generated documents (2,000 by
   default: ``queries.fill``, the cast of ``synthetic.py``, already extracted, so no model runs)
   and run the resolver over it, so that the judgements are in force as analysts meet them.
2. For each number of workers: start ``veille serve --workers W`` on a free port of 127.0.0.1
   (its own process group) and wait for ``/api/health``.
3. ``C`` clients at once (20 by default), each a thread with one keep-alive connection, each
   asking ``R`` profiles (``GET /api/entities/{id}``) of entities drawn at random (the same
   draw for every number of workers) after one untimed request: ``C × R`` requests in all, to
   the loopback only.
4. Print p50, p95 and max milliseconds, requests per second and errors; stop the server.

Every request is bounded (a timeout of 60 s) and so is the whole run (``C × R`` requests a
number of workers); nothing leaves the machine. The figures of a machine shared with other work
are worth less: the load average at the start and the end is printed with them.
"""

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:                      # benchmarks/ is no package
    sys.path.append(str(HERE))

from veille.store import Store                                                    # noqa: E402
from veille.store.judgements import resolve_store                                 # noqa: E402

from queries import fill, statement_counts                                        # noqa: E402

#: The p95 the issue asks of the profile route under 20 concurrent clients on 2 cores, in
#: milliseconds (``queries.py``'s 50 ms is for one query at a time).
TARGET_P95_MS = 200
#: How long one request may take before it counts as an error, in seconds.
REQUEST_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(url: str, workers: int, port: int, log: Path) -> subprocess.Popen:
    """``veille serve`` on the loopback, in a process group of its own (its workers with it)."""
    with open(log, "ab") as out:
        server = subprocess.Popen([sys.executable, "-m", "veille.cli", "serve", "--db", url, "--host", "127.0.0.1",
                                   "--port", str(port), "--workers", str(workers)],
                                  stdout=out, stderr=out, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"veille serve stopped (status {server.returncode}): see {log}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/health")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise RuntimeError(f"veille serve did not answer within 120 s: see {log}")


def stop_server(server: subprocess.Popen) -> None:
    """End the server and its workers: its process group, by the id this script started."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def client(port: int, paths: list[str], spent: list[float], errors: list[str], start: threading.Barrier) -> None:
    """One analyst: one keep-alive connection, one untimed request, then ``paths`` in turn."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)

    def ask(path: str) -> None:
        nonlocal connection
        try:
            connection.request("GET", path, headers={"Accept": "application/json"})
            response = connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # the server closed the idle connection (uvicorn keeps one alive 5 s: waiting for the
            # other clients to be ready takes longer): ask again on a new one, as HTTP clients do
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
            connection.request("GET", path, headers={"Accept": "application/json"})
            response = connection.getresponse()
        response.read()
        if response.status != 200:
            errors.append(f"{response.status} {path}")

    ask(paths[0])
    start.wait()
    for path in paths:
        began = time.perf_counter()
        try:
            ask(path)
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{type(exc).__name__} {path}")
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
            continue
        spent.append((time.perf_counter() - began) * 1000)
    connection.close()


def load(port: int, drawn: list[list[str]]) -> dict:
    """Every client at once, each with its list of paths; latency figures in ms."""
    spent: list[float] = []
    errors: list[str] = []
    start = threading.Barrier(len(drawn) + 1)
    threads = [threading.Thread(target=client, args=(port, paths, spent, errors, start)) for paths in drawn]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    spent.sort()
    return {"requests": len(spent), "errors": len(errors), "first_errors": errors[:5],
            "p50_ms": round(statistics.median(spent), 1) if spent else None,
            "p95_ms": round(spent[max(0, round(len(spent) * 0.95) - 1)], 1) if spent else None,
            "max_ms": round(spent[-1], 1) if spent else None, "wall_s": round(wall, 2),
            "requests_per_s": round(len(spent) / wall, 1) if wall else None}


def run(documents: int = 2000, clients: int = 20, requests: int = 25, workers=(1, 2), seed: int = 7,
        folder: str | None = None) -> dict:
    """The figures of each number of workers on one generated store (see the module's docstring)."""
    scratch = Path(folder or tempfile.mkdtemp(prefix="veille-load-"))
    url = f"sqlite:///{scratch / 'load.db'}"
    figures: dict = {"documents": documents, "clients": clients, "requests_per_client": requests,
                     "load_average_start": os.getloadavg()[0], "store": url, "series": {}}
    with Store.open(url) as store:                                                     # 1
        figures["filled_s"] = round(fill(store, documents, seed), 1)
        began = time.perf_counter()
        figures["resolver"] = resolve_store(store).summary()
        figures["resolved_s"] = round(time.perf_counter() - began, 1)
        counted, _names = statement_counts(store)
    rng = random.Random(seed)
    every = sorted(counted)
    drawn = [[f"/api/entities/{rng.choice(every)}" for _ in range(requests)] for _ in range(clients)]
    for count in workers:
        port = free_port()
        server = start_server(url, count, port, scratch / "serve.log")                 # 2
        try:
            figures["series"][f"{count} worker(s)"] = load(port, drawn)                # 3
        finally:
            stop_server(server)                                                        # 4
    figures["load_average_end"] = os.getloadavg()[0]
    if folder is None:
        shutil.rmtree(scratch, ignore_errors=True)
    return figures


def print_table(figures: dict) -> None:
    print(f"profile route, {figures['clients']} concurrent clients x {figures['requests_per_client']} requests, "
          f"{figures['documents']} generated documents (filled in {figures['filled_s']} s; {figures['resolver']})")
    print(f"{'workers':<14}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'req/s':>8}{'errors':>8}")
    for name, s in figures["series"].items():
        flag = "" if s["p95_ms"] is not None and s["p95_ms"] < TARGET_P95_MS else f"  (over {TARGET_P95_MS} ms)"
        print(f"{name:<14}{s['p50_ms']:>9}{s['p95_ms']:>9}{s['max_ms']:>9}{s['requests_per_s']:>8}{s['errors']:>8}{flag}")
    print(f"load average: {figures['load_average_start']:.2f} at the start, {figures['load_average_end']:.2f} at the end")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="requests per client")
    parser.add_argument("--workers", default="1,2", help="numbers of worker processes, comma-separated")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None, help="write the figures there too")
    args = parser.parse_args(argv)
    workers = tuple(int(w) for w in args.workers.split(","))
    if args.documents < 1 or args.clients < 1 or args.requests < 1 or min(workers) < 1:
        parser.error("documents, clients, requests and workers are at least 1")
    figures = run(args.documents, args.clients, args.requests, workers, args.seed)
    print_table(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
