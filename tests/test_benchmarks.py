"""The benchmark suite (``benchmarks/run.py``) at a tiny size: it runs, and its JSON holds the
figures the README promises. The figures themselves are not checked: they depend on the machine.
"""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name: str):
    """A module of ``benchmarks/`` by its path: that folder is no package, and put on sys.path it
    would hide Dask's package ``distributed`` behind ``benchmarks/distributed.py``."""
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


synthetic = _load("synthetic")


def test_synthetic_articles_are_distinct_and_repeatable():
    first = list(synthetic.articles(40, seed=3))
    assert first == list(synthetic.articles(40, seed=3))
    assert len({a["text"] for a in first}) == 40
    assert all(70 <= len(a["text"].split()) <= 200 for a in first)
    assert all(set(a) == {"id", "title", "text", "published", "source"} for a in first)


@pytest.mark.model
def test_quick_suite_writes_growth_and_query_figures(tmp_path):
    """About 30 s: 60 articles through the pipeline into SQLite, then the queries on that store."""
    out = tmp_path / "bench.json"
    subprocess.run([sys.executable, str(BENCHMARKS / "run.py"), "--quick", "--documents", "60",
                    "--only", "ingest_growth,queries", "--backends", "sqlite", "--json", str(out)],
                   check=True, capture_output=True, timeout=300)
    record = json.loads(out.read_text(encoding="utf-8"))
    assert {"date", "machine", "benchmarks", "summary"} <= set(record)
    assert {"cpu_count", "cpu_model", "memory_gib", "python", "versions"} <= set(record["machine"])
    growth = record["benchmarks"]["ingest_growth"]
    assert growth["status"] == "ok" and growth["peak_rss_mib"]["process"] > 0
    sqlite = growth["result"]["backends"]["sqlite"]
    assert sqlite["stored"] == 60
    assert {"first_ms", "last_ms", "ratio"} <= set(sqlite["total"]) and sqlite["resolve"]["seconds"] >= 0
    queries = record["benchmarks"]["queries"]
    assert queries["status"] == "ok"
    timed = queries["result"]["backends"]["sqlite"]
    assert timed["store"] == "given" and timed["documents"] == 60
    assert {"p50", "p95", "max"} <= set(timed["series"]["analysed"]["profile, busiest"])
