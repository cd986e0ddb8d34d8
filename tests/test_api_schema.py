"""Property test of the HTTP API against its own OpenAPI description (schemathesis): whatever a
client sends to any route, the answer is never a server error.

The store is a SQLite file holding two documents written by hand (no model); uploads go
through a stand-in extraction that finds nothing, so that fuzzed uploads that read well are
stored without loading the model.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from veille.prepare import clean
from veille.extract import resolve
from veille.model import Attribution, Document, Entity, Event, Relation, TextSpan
from veille.store import Store
from veille.store.ingest import store_document
from veille.web import create_app


def person(local: str, name: str) -> Entity:
    return Entity(local, name, "PER", "person", "FR", identity=f"name:PER:{name.lower()}")


def service(local: str, name: str, entry: str, country: str) -> Entity:
    return Entity(local, name, "ORG", "intelligence_service", country, identity=f"entry:{entry}")


def article(doc_id: str, published: str, source: str, sentence: str, people: list[Entity],
            relations: list[dict], events: list[dict] = ()) -> Document:
    span = TextSpan(0, len(sentence), sentence)
    for entity in people:
        at = sentence.index(entity.name)
        entity.mentions = [TextSpan(at, at + len(entity.name), entity.name)]
        entity.canonical = resolve.canonical_id(entity.type, entity.identity)
    return Document(doc_id=doc_id, text=sentence, title=f"Article {doc_id}", published=published, source=source,
                    entities=people,
                    relations=[Relation(evidence=span, attribution=Attribution("anonymous"), **r) for r in relations],
                    events=[Event(evidence=span, **e) for e in events])


DOCUMENTS = [
    article("a", "2024-05-14", "Le Courrier du Maghreb",
            "Hervé Lambert, patron de la DGSE, a rencontré Farid Mansouri à Alger.",
            [person("e1", "Hervé Lambert"), service("e2", "DGSE", "fr-dgse", "FR"), person("e3", "Farid Mansouri")],
            [dict(type="head_of", subject="e1", object="e2", role="patron"),
             dict(type="meets", subject="e1", object="e3")],
            [dict(id="v1", type="MEETING", cameo="040", participants=["e1", "e3"], date="2024-05-13")]),
    article("b", "2024-05-15", "Sahel Dépêches", "Farid Mansouri <b>dirige</b> la DDSE.",
            [person("e1", "Farid Mansouri"), service("e2", "DDSE", "dz-ddse", "DZ")],
            [dict(type="head_of", subject="e1", object="e2")]),
]


class FindsNothing:
    """The pipeline's interface without the model: cleans each document and extracts nothing."""

    def __init__(self, _settings):
        pass

    def extract(self, items, report):
        for doc in items:
            report.read += 1
            report.extracted += 1
            yield clean.clean(doc)


@pytest.fixture(scope="module")
def web_schema(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('schema') / 'store.db'}"
    with Store.open(url) as store:
        for doc in DOCUMENTS:
            store_document(store, doc)
    app = create_app(url, token="", max_upload_bytes=20_000, pipeline=FindsNothing)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


#: Cases per operation and generation mode: 17 operations × 2 modes × 20 cases in well under a
#: minute. (schemathesis's own pytest plugin does not run under pytest 9: the strategies are
#: driven by hypothesis here.)
EXAMPLES = 20


def test_no_request_makes_a_server_error(web_schema):
    failures = []
    operations = [result.ok() for result in web_schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        for mode in GenerationMode:
            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                      suppress_health_check=list(HealthCheck))
            def call(case):
                case.call_and_validate(checks=[not_a_server_error])
            try:
                call()
            except Unsatisfiable:             # no invalid request to make (a route without arguments)
                continue
            except Exception as exc:          # every operation is tried; the failures are told together
                failures.append(f"{operation.label} ({mode.value}): {exc}")
    assert not failures, "\n\n".join(failures)
