"""Facts out of one store and into another (``store/transfer.py``, ``veille dump`` / ``load``):
ingest → dump → load elsewhere gives the same facts, across SQLite and PostgreSQL."""

import io
import itertools
import json
from datetime import datetime, timedelta, timezone

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from veille.cli import main
from veille.store import Store
from veille.store.claims import claims, override_grade
from veille.store.ingest import store_document
from veille.store.judgements import merge, resolve_store
from veille.store.queries import entity_profile
from veille.store.read import stats
from veille.store.transfer import dump, dump_to, load

from .conftest import pg_schema_url
from .test_queries import DGSE, OUALI, TAZI, TAZY, corpus
from .test_store import documents

T0 = datetime(2026, 2, 1, 9, 30, tzinfo=timezone.utc)
_minutes = itertools.count()


@pytest.fixture
def elsewhere(store_url, request, tmp_path) -> str:
    """An empty store on the other backend than ``store_url``'s."""
    if store_url.startswith("sqlite"):
        return pg_schema_url(request.getfixturevalue("pg_database"))
    return f"sqlite:///{tmp_path / 'elsewhere.db'}"


def moved(source: Store, target: Store):
    out = io.StringIO()
    dump_to(source, out)
    return load(target, out.getvalue().splitlines())


@hypothesis_settings(max_examples=20, deadline=None, database=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(docs=st.lists(documents(), min_size=1, max_size=3), grade=st.integers(1, 6), data=st.data())
def test_facts_dumped_and_loaded_elsewhere_are_the_same_facts(store_url, elsewhere, docs, grade, data):
    with Store.open(store_url) as source, Store.open(elsewhere) as target:
        for doc in docs:
            store_document(source, doc)
        named = [e for doc in docs for e in doc.entities]
        if len(named) >= 2:                     # an analyst's judgement travels too
            a, b = data.draw(st.sampled_from(named)), data.draw(st.sampled_from(named))
            if a.canonical != b.canonical and a.type == b.type:
                merge(source, a.canonical, b.canonical, "amina")
        graded = claims(source, limit=1)["claims"]
        if graded:                              # and so does a grade override
            override_grade(source, graded[0]["id"], grade, "amina", now=T0 + timedelta(minutes=next(_minutes)))
        report = moved(source, target)
        assert report.failures == []
        assert list(dump(target)) == list(dump(source))
        assert claims(target, limit=None) == claims(source, limit=None)
        again = moved(source, target)           # loading twice changes nothing
        assert (again.documents, again.judgements, again.grades) == (0, 0, 0)
        assert stats(target) | {"ingests": 0} == stats(source) | {"ingests": 0}


def test_a_resolved_store_answers_the_same_queries_elsewhere(store_url, elsewhere):
    with Store.open(store_url) as source, Store.open(elsewhere) as target:
        for doc in corpus():
            store_document(source, doc)
        resolve_store(source, now=T0)
        merge(source, TAZI, TAZY, "amina")
        override_grade(source, f"r.head_of.{OUALI}.{DGSE}", 3, "amina", now=T0 + timedelta(hours=1))
        report = moved(source, target)
        assert (report.documents, report.grades, report.failures) == (len(corpus()), 1, [])
        for entity in (OUALI, DGSE, TAZI):
            assert entity_profile(target, entity) == entity_profile(source, entity)
        assert claims(target, entity=DGSE, limit=None) == claims(source, entity=DGSE, limit=None)


def test_bad_dumps_are_refused_line_by_line(tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as source:
        store_document(source, corpus()[0])
        lines = [json.dumps(r) for r in dump(source)]
    with Store.open(f"sqlite:///{tmp_path / 'b.db'}") as target:
        for wrong, message in (([], "empty dump"), (["{}"], "not a veille dump"), (["[1"], "malformed JSON")):
            with pytest.raises(Exception, match=message):
                load(target, wrong)
        report = load(target, [lines[0], "{not json", '{"document": {"row": {}}}', '{"what": 1}', lines[1]])
        assert report.documents == 1 and [f.origin for f in report.failures] == ["-:2", "-:3", "-:4"]
        assert "malformed JSON" in report.failures[0].reason and "unknown record" in report.failures[2].reason
        assert stats(target)["documents"] == 1


def test_the_dump_and_load_commands(tmp_path):
    source_url, target_url = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    with Store.open(source_url) as source:
        for doc in corpus():
            store_document(source, doc)
    runner = CliRunner()
    out = tmp_path / "facts.jsonl"
    dumped = runner.invoke(main, ["dump", "--db", source_url, "--out", str(out)])
    assert dumped.exit_code == 0, dumped.output
    loaded = runner.invoke(main, ["load", str(out), "--db", target_url])
    assert loaded.exit_code == 0 and f"{len(corpus())} document(s) loaded" in loaded.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"veille": 1}\n{oops\n')
    refused = runner.invoke(main, ["load", str(bad), "--db", target_url])
    assert refused.exit_code == 1 and "malformed JSON" in refused.output and "Traceback" not in refused.output
    missing = runner.invoke(main, ["load", str(tmp_path / "none.jsonl"), "--db", target_url])
    assert missing.exit_code == 1 and "Traceback" not in missing.output
