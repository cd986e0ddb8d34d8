"""The ontology is declared once (``ontology.py``): a relation type added there alone is in the
API's ontology, the pages (their stylesheet, the graph's filters, legend and script input, an
entity's relations) and every export; :func:`ontology.check` refuses a table it cannot use; and no
script, stylesheet or template lists a type.

The store is built by hand (no model): one article in which a man funds an armed group.
"""

import io
import json
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from veille import ontology
from veille.errors import InvalidModel
from veille.export.ftm import check_mapping, read_ftm
from veille.export.tables import read_tables
from veille.extract import resolve
from veille.model import Attribution, Document, Entity, Relation, TextSpan
from veille.ontology import FtmLink, Look, RelationType
from veille.store import Store
from veille.store.ingest import store_document
from veille.web import create_app

WEB = Path(ontology.__file__).resolve().parent / "web"

FUNDS = RelationType("funds", False, ("PER", "ORG"), ("ORG",), ("funds", "funded by"), Look("#a05a2c", line="dotted"),
                     ftm=FtmLink("Payment", "payer", "beneficiary", "purpose"))
SENTENCE = "Karim Benali finance le Front du Sahel, selon nos sources."
BENALI = resolve.canonical_id("PER", "name:PER:karim benali")
FRONT = resolve.canonical_id("ORG", "name:ORG:front du sahel")


def funding_article() -> Document:
    people = [Entity("e1", "Karim Benali", "PER", "person", identity="name:PER:karim benali"),
              Entity("e2", "Front du Sahel", "ORG", "armed_group", identity="name:ORG:front du sahel")]
    for e in people:
        at = SENTENCE.index(e.name)
        e.mentions, e.canonical = [TextSpan(at, at + len(e.name), e.name)], resolve.canonical_id(e.type, e.identity)
    return Document(doc_id="financement", text=SENTENCE, title="Un financement", published="2024-03-02",
                    source="Sahel Dépêches", entities=people,
                    relations=[Relation("funds", "e1", "e2", TextSpan(0, len(SENTENCE), SENTENCE),
                                        attribution=Attribution("anonymous", [], "selon nos sources"))])


@pytest.fixture
def funds(monkeypatch):
    """The relation type ``funds``, added to the ontology's table of relation types and nowhere else."""
    monkeypatch.setitem(ontology.RELATION_TYPES, "funds", FUNDS)
    ontology.check()
    check_mapping()
    return FUNDS


@pytest.fixture
def client(funds, store_url):
    with Store.open(store_url) as store:
        store_document(store, funding_article())
    with TestClient(create_app(store_url, token="")) as test_client:
        yield test_client


def embedded(page: str, element_id: str):
    start = page.index(f'id="{element_id}">') + len(f'id="{element_id}">')
    return json.loads(page[start:page.index("</script>", start)])


# ---------------------------------------------------------------- one declaration, everywhere

def test_a_relation_type_declared_once_is_in_the_api_and_the_pages(client):
    declared = client.get("/api/ontology").json()
    assert declared == json.loads(json.dumps(ontology.describe()))
    assert declared["relation_types"]["funds"]["reads"] == ["funds", "funded by"]
    assert declared["relation_types"]["funds"]["look"]["ink"] == "#a05a2c"
    stylesheet = client.get("/ontology.css")
    assert stylesheet.headers["content-type"].startswith("text/css")
    assert ".e-funds { border-color: #a05a2c; border-top-style: dotted; }" in stylesheet.text
    graph = client.get(f"/entities/{BENALI}/graph", params={"type": "funds"})
    assert graph.status_code == 200
    assert 'value="funds" checked' in graph.text and 'class="edge-swatch e-funds"' in graph.text
    assert [e["type"] for e in embedded(graph.text, "graph-data")["edges"]] == ["funds"]
    script_input = embedded(graph.text, "ontology-data")      # what graph.js draws edges and nodes with
    assert script_input["relation_types"]["funds"]["look"] == {"ink": "#a05a2c", "wash": None, "edge": None,
                                                               "line": "dotted", "means": None}
    legend = re.findall(r'<span class="dot (t-\w+ k-\w+)"></span>([^<]+)</span>', graph.text)
    assert legend == [(f"t-{i['type']} k-{i['kind']}", i["means"]) for i in ontology.legend()]
    assert "funds" in client.get(f"/entities/{BENALI}").text
    assert "funded by" in client.get(f"/entities/{FRONT}").text
    assert client.get("/api/claims", params={"type": "funds"}).json()["total"] == 1


def test_a_relation_type_declared_once_is_in_every_export(client, tmp_path):
    ftm = read_ftm(client.get("/api/export", params={"format": "ftm"}).text.splitlines())
    payment, = (p for p in ftm if p.schema.name == "Payment")
    assert payment.get("payer") == [f"veille-entity-{BENALI}"]
    assert payment.get("beneficiary") == [f"veille-entity-{FRONT}"]
    assert payment.get("purpose") == ["funds"] and payment.get("summary") == [SENTENCE]
    for fmt in ("graphml", "gexf"):
        data = io.BytesIO(client.get("/api/export", params={"format": fmt}).content)
        network = nx.read_graphml(data, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(data)
        edges = [(u, v, d["relation"]) for u, v, d in network.edges(data=True) if d["category"] == "relation"]
        assert edges == [(BENALI, FRONT, "funds")], fmt
    (tmp_path / "tables.zip").write_bytes(client.get("/api/export", params={"format": "csv"}).content)
    relations = read_tables(tmp_path / "tables.zip")["relations"]
    assert [(r["type"], r["subject"], r["object"], r["symmetric"]) for r in relations] == \
           [("funds", BENALI, FRONT, False)]


def test_a_role_is_given_by_the_relation_types_that_say_so(monkeypatch):
    assert ontology.role_types() == ("head_of", "member_of")
    monkeypatch.setitem(ontology.RELATION_TYPES, "funds", replace(FUNDS, has_role=True))
    assert ontology.role_types() == ("head_of", "member_of", "funds")


# ---------------------------------------------------------------- the checks

@pytest.mark.parametrize("broken, words", [
    (replace(FUNDS, objects=("THING",)), "unknown entity type THING"),
    (replace(FUNDS, reads=("funds", "")), "reads"),
    (replace(FUNDS, look=Look("brown")), "#rrggbb"),
    (replace(FUNDS, look=Look("#a05a2c", line="wavy")), "a line is"),
    (replace(FUNDS, name="finance-de"), "letters, digits"),
])
def test_check_refuses_a_relation_type_it_cannot_use(monkeypatch, broken, words):
    monkeypatch.setitem(ontology.RELATION_TYPES, "funds" if broken.name == "funds" else broken.name, broken)
    with pytest.raises(InvalidModel, match=words):
        ontology.check()


def test_check_refuses_a_kind_whose_colour_the_legend_does_not_explain(monkeypatch):
    person = ontology.ENTITIES["PER"]
    unexplained = ontology.Kind("person", Look("#123456", "#abcdef"))
    monkeypatch.setitem(ontology.ENTITIES, "PER", replace(person, kinds=(unexplained,)))
    with pytest.raises(InvalidModel, match="LEGEND"):
        ontology.check()


def test_the_ftm_mapping_names_only_what_followthemoney_has(monkeypatch):
    check_mapping()
    without_purpose = FtmLink("Payment", "payer", "beneficiary")
    monkeypatch.setitem(ontology.RELATION_TYPES, "funds", replace(FUNDS, ftm=without_purpose))
    with pytest.raises(InvalidModel, match="funds"):            # a Payment has a purpose, not a role
        check_mapping()


# ---------------------------------------------------------------- nothing else lists them

def test_no_script_stylesheet_or_template_lists_a_type():
    """The names that cannot be read as ordinary words (``head_of``, ``MEETING``, ``PER``): none
    is in a file of the pages; ``/ontology.css`` and the graph page's data are written from
    ``ontology.py``."""
    names = {*ontology.ENTITIES, *(k for ks in ontology.KINDS.values() for k in ks), *ontology.RELATION_TYPES,
             *ontology.EVENT_TYPES, *ontology.ATTRIBUTIONS}
    words = "|".join(sorted(n for n in names if "_" in n or n.isupper()))
    distinctive = re.compile(rf"(?<![A-Za-z0-9_])({words})(?![A-Za-z0-9_])")
    files = [p for folder in ("static", "templates") for p in sorted((WEB / folder).iterdir())
             if p.suffix in (".js", ".css", ".html")]
    assert len(files) > 10
    found = [f"{p.name}: {m[0]}" for p in files for m in distinctive.finditer(p.read_text(encoding="utf-8"))]
    assert not found
