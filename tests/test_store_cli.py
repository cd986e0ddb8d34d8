"""``veille ingest`` and ``veille stats``, and ``ingest_paths`` under them, on SQLite and PostgreSQL.

Without the model: the extraction is a stand-in pipeline (the store is real), or every document is
stored already, which the command must see before loading any model (it is given one that does
not exist). With the model (marked): the sample articles end to end.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from veille.prepare import clean
from veille.model import Document
from veille.settings import Settings
from veille.store import Store
from veille.store.ingest import ingest_paths, store_document
from veille.store.read import stats

REPO = Path(__file__).resolve().parents[1]
ARTICLES = {
    "dgse.txt": "La DGSE enquête à Bamako sur un réseau d'espions, selon nos sources.",
    "dgst.txt": "Le patron de la DGST a reçu à Rabat son homologue français.",
}


def veille(*args, env=None):
    return subprocess.run([sys.executable, "-m", "veille.cli", *args], capture_output=True, text=True,
                          cwd=REPO, env=env)


def write_articles(folder: Path, articles: dict[str, str]) -> None:
    folder.mkdir(exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")


def cleaned(name: str, text: str) -> Document:
    return clean.clean(Document(doc_id=Path(name).stem, text=text, origin=name))


class StandIn:
    """The pipeline's interface without the model: cleans, extracts nothing; counts its use."""

    made: list["StandIn"] = []

    def __init__(self, settings: Settings):
        self.seen: list[str] = []
        StandIn.made.append(self)

    def extract(self, items, report):
        for doc in items:
            report.read += 1
            self.seen.append(doc.doc_id)
            report.extracted += 1
            yield clean.clean(doc)


@pytest.fixture(autouse=True)
def fresh_stand_in():
    StandIn.made = []


def test_ingest_paths_extracts_only_what_the_store_does_not_hold(store_url, tmp_path):
    write_articles(tmp_path / "in", ARTICLES | {"empty.txt": ""})
    with Store.open(store_url) as store:
        first = ingest_paths(store, [str(tmp_path / "in")], Settings(), pipeline=StandIn)
        assert (first.read, first.stored, len(first.already_stored)) == (3, 2, 0)
        [failure] = first.failures
        assert "empty.txt" in failure.origin and failure.reason == "empty document"

        again = ingest_paths(store, [str(tmp_path / "in")], Settings(), pipeline=StandIn)
        assert (again.stored, len(again.already_stored)) == (0, 2)
        assert len(StandIn.made) == 1, "the pipeline was made although everything was stored"

        write_articles(tmp_path / "in", {"fsb.txt": "Le FSB a arrêté un agent à Moscou."})
        third = ingest_paths(store, [str(tmp_path / "in")], Settings(), pipeline=StandIn)
        assert (third.stored, len(third.already_stored)) == (1, 2)
        assert StandIn.made[-1].seen == ["fsb"]
        assert stats(store)["documents"] == 3


def test_ingest_skips_stored_documents_before_loading_any_model(store_url, tmp_path):
    write_articles(tmp_path / "in", ARTICLES)
    with Store.open(store_url) as store:
        for name, text in ARTICLES.items():
            store_document(store, cleaned(name, text))
    out = veille("ingest", str(tmp_path / "in"), "--db", store_url,
                 env={**os.environ, "VEILLE_MODEL": "no_such_model"})
    assert out.returncode == 0, out.stderr
    assert "read 2 document(s): 0 stored, 2 already stored, 0 duplicate(s) skipped, 0 failed" in out.stderr


def test_stats_counts_each_table(store_url):
    with Store.open(store_url) as store:
        store_document(store, cleaned("dgse.txt", ARTICLES["dgse.txt"]))
    out = veille("stats", "--db", store_url)
    assert out.returncode == 0, out.stderr
    counts = dict(line.split() for line in out.stdout.splitlines()[1:])
    assert counts == {"documents": "1", "entities": "0", "mentions": "0", "relations": "0", "events": "0",
                      "participants": "0", "judgements": "0", "grade_judgements": "0",
                      "ingests": "0"}


def test_a_store_that_cannot_be_opened_is_one_clean_line(tmp_path):
    for url in (f"sqlite:///{tmp_path}/no/such/folder/veille.db", "mysql://someone@localhost/veille",
                "postgresql://nobody@127.0.0.1:1/none"):
        out = veille("ingest", str(tmp_path), "--db", url)
        assert out.returncode == 1
        assert "Traceback" not in out.stderr and out.stderr.startswith("Error: ")
        assert len(out.stderr.strip().splitlines()) == 1, out.stderr


def test_the_store_url_comes_from_veille_db(tmp_path):
    url = f"sqlite:///{tmp_path / 'from-env.db'}"
    out = veille("stats", env={**os.environ, "VEILLE_DB": url})
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == f"store: {url}"


@pytest.mark.model
def test_ingest_the_samples_then_again(store_url):
    out = veille("ingest", str(REPO / "samples"), "--db", store_url)
    assert out.returncode == 0, out.stderr
    assert "0 already stored" in out.stderr and " 0 failed" in out.stderr
    stored = int(out.stderr.split(" stored,")[0].rsplit(" ", 1)[1])
    assert stored >= 6
    again = veille("ingest", str(REPO / "samples"), "--db", store_url)
    assert again.returncode == 0, again.stderr
    assert f"0 stored, {stored} already stored" in again.stderr
    with Store.open(store_url) as store:
        counts = stats(store)
    assert counts["documents"] == stored and counts["entities"] > stored and counts["relations"] > 0
