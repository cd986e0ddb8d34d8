"""The HTTP API and the pages, through an HTTP client, against the real application on a real
store (SQLite and PostgreSQL) of articles extracted by the real model.

The articles are short fictional ones written for these tests: one meeting told by two outlets
(an anonymous source, then an official communiqué), and a hostile article whose text holds
markup and scripts, which must come back as text.
"""

import copy
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import pg_schema_url
from veille import __version__
from veille.prepare.read import read_paths
from veille.pipeline import Pipeline, Report
from veille.settings import Settings
from veille.store import Store
from veille.store.ingest import ingest
from veille.web import create_app
from veille.web import api as api_module
from veille.web.errors import INTERNAL

pytestmark = pytest.mark.model

TELLINGS = [
    {"title": "Rencontre discrète entre services à Alger", "source": "Le Courrier du Maghreb",
     "published": "2024-05-14", "authors": ["Leïla Haddad"],
     "text": "Le général Farid Mansouri, patron de la Direction de la documentation et de la sécurité extérieure "
             "(DDSE), a reçu lundi à Alger Hervé Lambert, le directeur de la DGSE, selon nos sources.\n\n"
             "Les deux hommes auraient évoqué la situation au Sahel et la coopération entre la DDSE et la DGSE."},
    {"title": "Paris et Alger relancent le dialogue sécuritaire", "source": "Sahel Dépêches", "published": "2024-05-15",
     "text": "Hervé Lambert, directeur général de la DGSE, s'est entretenu à Alger avec Farid Mansouri, a annoncé "
             "le ministère des Affaires étrangères dans un communiqué.\n\n"
             "La DDSE et la DGSE ont signé un accord de coopération, précise le communiqué."},
]
HOSTILE = ('Alerte <script>window.__pwned = true; alert("xss")</script> à Rabat\n\n'
           'Le général Hervé Lambert, patron de la DGSE <img src=x onerror="window.__pwned=true;alert(2)">, '
           'a rencontré mardi à Rabat le chef de la DGST, selon nos sources. '
           '<a href="javascript:alert(3)" onclick="window.__pwned=true">Lire la suite</a>\n')
ARTICLES = {"tellings.json": json.dumps(TELLINGS, ensure_ascii=False), "alerte.txt": HOSTILE}
UPLOADED = ("Le colonel Karim Belkacem, patron de la Direction générale de la sûreté nationale, "
            "a rencontré mardi à Tunis le directeur de la DGSE, Hervé Lambert, selon nos sources.\n")


def write_articles(folder, articles: dict[str, str]) -> None:
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def extracted(nlp_model, tmp_path_factory):
    """The test articles, extracted once by the real model for both stores."""
    folder = tmp_path_factory.mktemp("articles")
    write_articles(folder, ARTICLES)
    report = Report()
    docs = list(Pipeline(Settings(), model=nlp_model).extract(read_paths([str(folder)], Settings()), report))
    assert not report.failures and len(docs) == 3
    return docs


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def api_store_url(request, tmp_path_factory, extracted) -> str:
    """A store holding the test articles: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'store.db'}"
    else:
        url = pg_schema_url(request.getfixturevalue("pg_database"))
    with Store.open(url) as store:
        report = ingest(store, copy.deepcopy(extracted))
    assert report.stored == 3
    return url


def make_client(url, nlp_model, **options) -> TestClient:
    app = create_app(url, pipeline=lambda settings: Pipeline(settings, model=nlp_model),
                     **{"token": "", **options})
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(api_store_url, nlp_model):
    with make_client(api_store_url, nlp_model) as opened:
        yield opened


#: what a canonical entity of the gazetteer is called (store/canonical.py: describe)
OFFICIAL_DGSE = "Direction générale de la sécurité extérieure"


def entity_id(client, name: str) -> str:
    found = [e for e in client.get("/api/search", params={"q": f'"{name}"'}).json()["entities"]
             if name in (e["name"], *e["aliases"])]
    assert found, f"no entity named {name!r}"
    return found[0]["canonical"]


def document_of(client, title_start: str) -> dict:
    listed = client.get("/api/documents").json()["documents"]
    return next(d for d in listed if (d["title"] or "").startswith(title_start))


def is_error(response, status: int, *words: str) -> str:
    """The response is ``{"error": message}`` with this status, and the message holds ``words``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) >= {"error"} and isinstance(body["error"], str) and "\n" not in body["error"]
    assert "Traceback" not in response.text
    for word in words:
        assert word in body["error"], body["error"]
    return body["error"]


# ---------------------------------------------------------------- reading

def test_health_and_the_openapi_description(client):
    assert client.get("/api/health").json() == {"status": "ok", "version": __version__, "read_only": False}
    spec = client.get("/openapi.json").json()
    assert {"/api/documents", "/api/search", "/api/entities/{entity}", "/api/entities/{entity}/graph", "/api/path",
            "/api/timeline", "/api/roles", "/api/claims", "/api/claims/{claim_id}", "/api/claims/{claim_id}/grade",
            "/api/judgements/merge", "/api/judgements/split"} <= set(spec["paths"])
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/openapi.json" in docs.text


def test_documents_are_listed_newest_first_a_page_at_a_time(client):
    listed = client.get("/api/documents").json()
    assert listed["total"] == 3
    assert [d["published"] for d in listed["documents"]] == ["2024-05-15", "2024-05-14", None]
    first = listed["documents"][0]
    assert first["source"] == "Sahel Dépêches" and first["relations"] >= 1 and first["entities"] >= 3
    page = client.get("/api/documents", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == 3 and [d["id"] for d in page["documents"]] == [listed["documents"][1]["id"]]
    is_error(client.get("/api/documents", params={"limit": 10_000}), 422, "query parameter 'limit'")


def test_a_document_comes_with_its_mentions_and_facts_at_their_offsets(client):
    summary = document_of(client, "Rencontre discrète")
    doc = client.get(f"/api/documents/{summary['id']}").json()
    assert doc["title"] == "Rencontre discrète entre services à Alger" and doc["authors"] == ["Leïla Haddad"]
    text, entities = doc["text"], {e["id"]: e for e in doc["entities"]}
    assert doc["mentions"] and all(text[m["start"]:m["end"]] == m["text"] for m in doc["mentions"])
    assert all(m["entity"] in entities for m in doc["mentions"])
    assert {e["name"] for e in entities.values()} >= {"Farid Mansouri", "Hervé Lambert"}
    assert all(e["canonical"] for e in entities.values())
    for fact in doc["relations"] + doc["events"]:
        evidence = fact["evidence"]
        assert text[evidence["start"]:evidence["end"]] == evidence["text"]
    meets = next(r for r in doc["relations"] if r["type"] == "meets")
    assert {meets["subject"]["name"], meets["object"]["name"]} == {"Farid Mansouri", "Hervé Lambert"}
    assert meets["attribution"]["kind"] == "anonymous"
    assert client.get(f"/api/documents/{summary['doc_id']}").json()["id"] == summary["id"]    # by its doc_id
    is_error(client.get("/api/documents/nothing-here"), 404, "no document 'nothing-here'")


def test_search_finds_entities_and_documents(client):
    found = client.get("/api/search", params={"q": "DGSE"}).json()
    dgse = next(e for e in found["entities"] if e["name"] == OFFICIAL_DGSE and "DGSE" in e["aliases"])
    assert dgse["kind"] == "intelligence_service" and dgse["country"] == "FR"
    assert len(found["documents"]) == 3
    assert client.get("/api/search", params={"q": "securite exterieure"}).json()["documents"]
    is_error(client.get("/api/search"), 422, "query parameter 'q'")


def test_an_entity_profile_has_its_relations_with_their_sources(client):
    lambert = entity_id(client, "Hervé Lambert")
    profile = client.get(f"/api/entities/{lambert}").json()
    assert profile["type"] == "PER" and profile["documents"] == 3
    assert {r["role"] for r in profile["roles"]} >= {"directeur", "directeur général"}
    heads = profile["relations"]["head_of"]
    assert {s["other"]["name"] for s in heads} == {OFFICIAL_DGSE}
    meets = profile["relations"]["meets"]
    assert {(s["document"]["source"], s["attribution"]["kind"]) for s in meets} >= {
        ("Le Courrier du Maghreb", "anonymous"), ("Sahel Dépêches", "official")}
    assert all(s["evidence"] and s["document"]["id"] for s in meets)
    assert client.get("/api/entities/Hervé Lambert").json()["canonical"] == lambert      # by its name
    is_error(client.get("/api/entities/per-000000000000"), 404, "no entity")


def test_the_graph_of_an_entity_follows_its_filters(client):
    lambert, dgse = entity_id(client, "Hervé Lambert"), entity_id(client, "DGSE")
    graph = client.get(f"/api/entities/{lambert}/graph").json()
    assert {n["name"] for n in graph["nodes"]} >= {"Hervé Lambert", OFFICIAL_DGSE, "Farid Mansouri"}
    assert {e["type"] for e in graph["edges"]} >= {"head_of", "meets"}
    assert all(1 <= e["grade"] <= 6 for e in graph["edges"])
    meets_only = client.get(f"/api/entities/{lambert}/graph", params={"type": "meets"}).json()
    assert {e["type"] for e in meets_only["edges"]} == {"meets"}
    confirmed = client.get(f"/api/entities/{lambert}/graph", params={"min_grade": 1}).json()
    assert {(e["type"], e["grade"]) for e in confirmed["edges"]} == {("meets", 1), ("head_of", 1)}
    probable = client.get(f"/api/entities/{dgse}/graph", params={"min_grade": 2, "depth": 2}).json()
    assert all(e["grade"] <= 2 for e in probable["edges"])
    deeper = client.get(f"/api/entities/{dgse}/graph", params={"depth": 2}).json()
    assert "Farid Mansouri" in {n["name"] for n in deeper["nodes"]}
    is_error(client.get(f"/api/entities/{lambert}/graph", params={"type": "likes"}), 400, "unknown relation type")
    is_error(client.get(f"/api/entities/{lambert}/graph", params={"start": "mai 2024"}), 400, "ISO date")
    is_error(client.get(f"/api/entities/{lambert}/graph", params={"depth": 0}), 422, "depth")


def test_path_timeline_and_role_holders(client):
    mansouri, dgse = entity_id(client, "Farid Mansouri"), entity_id(client, "DGSE")
    path = client.get("/api/path", params={"a": mansouri, "b": dgse}).json()
    names = [e["name"] for e in path["entities"]]      # through Hervé Lambert, or the DDSE
    assert len(names) == 3 and (names[0], names[-1]) == ("Farid Mansouri", OFFICIAL_DGSE) and len(path["links"]) == 2
    is_error(client.get("/api/path", params={"a": mansouri, "b": "per-000000000000"}), 404, "no chain")
    events = client.get("/api/timeline", params={"type": "MEETING"}).json()
    # told in both articles: 'lundi' (13 May), and with no day of its own (the month of publication)
    assert sorted((e["type"], e["date"]) for e in events) == [("MEETING", "2024-05"), ("MEETING", "2024-05-13")]
    assert client.get("/api/timeline", params={"entity": mansouri, "start": "2024-05", "end": "2024-05"}).json()
    assert client.get("/api/timeline", params={"start": "2025"}).json() == []
    is_error(client.get("/api/timeline", params={"start": "hier"}), 400, "ISO date")
    holders = client.get("/api/roles", params={"organisation": dgse, "on": "2024-05"}).json()
    assert [h["name"] for h in holders] == ["Hervé Lambert"]
    is_error(client.get("/api/roles", params={"organisation": dgse, "on": "2024", "role": "boss"}), 400, "head_of")


def test_claims_are_graded_by_their_sources(client):
    lambert, mansouri = entity_id(client, "Hervé Lambert"), entity_id(client, "Farid Mansouri")
    found = client.get("/api/claims", params={"entity": lambert}).json()
    meeting = next(c for c in found["claims"] if c["kind"] == "relation" and c["type"] == "meets")
    assert {meeting["subject"], meeting["object"]} == {lambert, mansouri}
    assert meeting["documents"] == 2 and meeting["sources"] == 2 and meeting["grade"] == 1
    assert {t["outlet"] for t in meeting["tellings"]} == {"Le Courrier du Maghreb", "Sahel Dépêches"}
    one = client.get(f"/api/claims/{meeting['id']}").json()
    assert one["id"] == meeting["id"] and one["grade_label"] == "confirmed"
    assert client.get("/api/claims", params={"min_grade": 1}).json()["total"] >= 1
    is_error(client.get("/api/claims/r.meets.per-000000000000.per-000000000001"), 404, "no claim")
    is_error(client.get("/api/claims", params={"type": "likes"}), 400, "unknown claim type")


# ---------------------------------------------------------------- an analyst's judgements

def test_an_analyst_grades_a_claim(client):
    lambert = entity_id(client, "Hervé Lambert")
    heads = next(c for c in client.get("/api/claims", params={"entity": lambert, "type": "head_of"}).json()["claims"])
    graded = client.post(f"/api/claims/{heads['id']}/grade", json={"grade": 4, "by": "Inès", "note": "un seul service"})
    assert graded.status_code == 201, graded.text
    assert (graded.json()["grade"], graded.json()["rule_grade"], graded.json()["overridden"]) == (4, heads["rule_grade"], True)
    assert graded.json()["override"]["by"] == "Inès"
    assert client.get(f"/api/claims/{heads['id']}").json()["grade"] == 4
    is_error(client.post(f"/api/claims/{heads['id']}/grade", json={"grade": 7, "by": "Inès"}), 422, "grade")
    is_error(client.post(f"/api/claims/{heads['id']}/grade", json={"grade": 2}), 422, "by")
    is_error(client.post("/api/claims/r.meets.per-000000000000.per-000000000001/grade", json={"grade": 2, "by": "Inès"}),
             404, "no claim")


def test_an_analyst_merges_then_splits_two_entities(client):
    mansouri, alger = entity_id(client, "Farid Mansouri"), entity_id(client, "Alger")
    sahel = entity_id(client, "Sahel")
    merged = client.post("/api/judgements/merge", json={"a": alger, "b": sahel, "by": "Inès", "note": "test"})
    assert merged.status_code == 201, merged.text
    one, other = merged.json()["entities"]
    assert merged.json()["judgement"] == "positive" and one["canonical"] == other["canonical"]
    profile = client.get(f"/api/entities/{one['canonical']}").json()
    assert {"Alger", "Sahel"} <= {profile["name"], *profile["aliases"]}
    absorbed = sahel if one["canonical"] == alger else alger        # the id the merge took away
    resolved = client.get(f"/api/entities/{absorbed}")
    assert resolved.status_code == 200 and resolved.json()["canonical"] == one["canonical"]
    assert client.get(f"/api/entities/{absorbed}/graph").json()["centre"]["canonical"] == one["canonical"]
    page = client.get(f"/entities/{absorbed}?merged=x", follow_redirects=False)
    assert page.status_code == 307 and page.headers["location"] == f"/entities/{one['canonical']}?merged=x"
    page = client.get(f"/entities/{absorbed}/graph", follow_redirects=False)
    assert page.status_code == 307 and page.headers["location"] == f"/entities/{one['canonical']}/graph"
    split = client.post("/api/judgements/split", json={"a": alger, "b": sahel, "by": "Inès"})
    assert split.status_code == 201 and split.json()["judgement"] == "negative"
    one, other = split.json()["entities"]
    assert one["canonical"] != other["canonical"]
    is_error(client.post("/api/judgements/merge", json={"a": mansouri, "b": "per-000000000000", "by": "Inès"}),
             404, "per-000000000000")
    is_error(client.post("/api/judgements/merge", json={"a": mansouri, "b": mansouri, "by": "Inès"}), 400, "same entity")
    claims_before = client.get("/api/claims", params={"limit": 500}).json()
    is_error(client.post("/api/judgements/merge", json={"a": mansouri, "b": alger, "by": "Inès"}),
             422, "cannot merge", "(PER)", "(LOC)", "different types")
    assert client.get("/api/claims", params={"limit": 500}).json() == claims_before
    assert client.get(f"/api/entities/{mansouri}").json()["canonical"] == mansouri
    is_error(client.post("/api/judgements/merge", json={"a": mansouri, "b": alger, "by": "resolver"}), 400, "analyst")
    is_error(client.post("/api/judgements/merge", json={"a": mansouri, "b": alger}), 422, "body field 'by'")
    is_error(client.post("/api/judgements/merge", content=b'{"a": "x", "b":', headers={"content-type": "application/json"}),
             422, "JSON")


# ---------------------------------------------------------------- uploads

def upload(client, name: str, data: bytes, content_type="text/plain"):
    return client.post("/api/documents", files={"file": (name, data, content_type)})


def test_an_uploaded_article_is_extracted_and_stored_once(client):
    stored = upload(client, "tunis.txt", UPLOADED.encode("utf-8"))
    assert stored.status_code == 201, stored.text
    report = stored.json()
    assert report["stored"] == 1 and report["failures"] == [] and len(report["documents"]) == 1
    document = client.get(f"/api/documents/{report['documents'][0]['id']}").json()
    assert document["doc_id"] == "tunis" and "Karim Belkacem" in {e["name"] for e in document["entities"]}
    again = upload(client, "tunis.txt", UPLOADED.encode("utf-8"))
    assert again.status_code == 200 and again.json()["stored"] == 0
    assert again.json()["already_stored"] == ["tunis.txt: already stored"]
    assert again.json()["documents"] == report["documents"]


def test_uploads_are_refused_with_the_cli_s_messages(client):
    is_error(upload(client, "scan.txt", b"\x89PNG\r\n\x1a\n" + bytes(200)), 422, "scan.txt: binary file (PNG image), not text")
    is_error(upload(client, "vide.txt", b"  \n "), 422, "vide.txt: empty document")
    is_error(upload(client, "notes.json", b'{"text": "La DGSE", ', "application/json"), 422, "notes.json: malformed JSON")
    is_error(upload(client, "notes.json", b'{"title": "sans texte"}', "application/json"), 422, "no 'text' field")
    is_error(upload(client, "rapport.pdf", b"%PDF-1.4 ..."), 415, "rapport.pdf: unsupported file type")
    is_error(upload(client, "../../etc/passwd", b"texte"), 415, "passwd: unsupported file type")
    is_error(client.post("/api/documents", data={"nothing": "here"}), 422, "body field 'file'")
    lines = b'{"text": "Le patron de la DGST a re\xc3\xa7u \xc3\xa0 Rabat un agent."}\nnot json\n'
    partial = upload(client, "fil.jsonl", lines, "application/x-ndjson")
    assert partial.status_code == 201, partial.text
    assert partial.json()["failures"] == ["fil.jsonl: line 2: malformed JSON (Expecting value)"]


def test_uploads_over_the_limits_answer_413(api_store_url, nlp_model):
    with make_client(api_store_url, nlp_model, max_upload_bytes=2_000) as small:
        is_error(upload(small, "long.txt", b"mot " * 1_000), 413, "long.txt: file is 4000 bytes, over the limit of 2000 bytes")
        is_error(upload(small, "enorme.txt", b"a" * 200_000), 413, "request body over the limit")
        assert small.get("/api/documents").status_code == 200


# ---------------------------------------------------------------- security

def test_a_token_guards_every_route_but_health(api_store_url, nlp_model):
    with make_client(api_store_url, nlp_model, token="s3cret") as guarded:
        assert guarded.get("/api/health").status_code == 200
        assert guarded.get("/static/veille.css").status_code == 200
        refused = guarded.get("/api/documents")
        is_error(refused, 401, "token")
        assert refused.headers["www-authenticate"] == "Bearer"
        is_error(guarded.get("/api/documents", headers={"Authorization": "Bearer wrong"}), 401)
        is_error(guarded.get("/openapi.json"), 401)
        assert guarded.get("/api/documents", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        page = guarded.get("/documents", headers={"accept": "text/html"})
        assert page.status_code == 401 and 'name="token"' in page.text
        opened = guarded.get("/documents?token=s3cret&page=1", follow_redirects=False)
        assert opened.status_code == 303 and opened.headers["location"] == "/documents?page=1"
        assert "httponly" in opened.headers["set-cookie"].lower() and "samesite=strict" in opened.headers["set-cookie"].lower()
        assert guarded.get("/documents", headers={"accept": "text/html"}).status_code == 200     # the cookie
        guarded.cookies.clear()
        wrong = guarded.get("/documents?token=guess", headers={"accept": "text/html"}, follow_redirects=False)
        assert wrong.status_code == 401 and "set-cookie" not in wrong.headers
        guarded.get("/documents?token=s3cret")
        assert guarded.get("/api/documents").status_code == 200


def test_read_only_mode_refuses_every_write(api_store_url, nlp_model):
    with make_client(api_store_url, nlp_model, read_only=True) as reader:
        assert reader.get("/api/health").json()["read_only"] is True
        is_error(reader.post("/api/judgements/merge", json={"a": "x", "b": "y", "by": "Inès"}), 403, "read-only")
        is_error(reader.post("/api/claims/r.meets.a.b/grade", json={"grade": 1, "by": "Inès"}), 403, "read-only")
        is_error(upload(reader, "tunis.txt", UPLOADED.encode()), 403, "read-only")
        assert reader.get("/api/claims").status_code == 200


def test_writes_from_another_site_and_nul_characters_are_refused(client):
    is_error(client.post("/api/judgements/merge", json={"a": "x", "b": "y", "by": "Inès"},
                         headers={"Origin": "http://evil.example"}), 403, "another site")
    is_error(client.get("/api/entities/per%00"), 400, "NUL")
    is_error(client.get("/api/search", params={"q": "DGSE\x00"}), 400, "NUL")


def test_errors_are_json_with_a_message_and_never_a_traceback(client, monkeypatch):
    is_error(client.get("/api/nothing"), 404, "not found: /api/nothing")
    is_error(client.delete("/api/documents"), 405)
    is_error(client.get("/vendor/left-pad.js"), 404, "npm ci --prefix src/veille/web")

    def broken(*_args, **_kwargs):
        raise RuntimeError("secret internals: /etc/veille password=hunter2")
    monkeypatch.setattr(api_module, "list_documents", broken)
    message = is_error(client.get("/api/documents"), 500)
    assert message == INTERNAL and "hunter2" not in client.get("/api/documents").text


def test_hostile_article_text_is_shown_as_text(client):
    hostile = document_of(client, "Alerte")
    assert "<script>" in client.get(f"/api/documents/{hostile['id']}").json()["text"]       # data, kept as it is
    lambert = entity_id(client, "Hervé Lambert")
    pages = [f"/documents/{hostile['id']}", f"/entities/{lambert}", "/?q=alerte", "/documents", "/timeline",
             f"/entities/{lambert}/graph", "/claims"]
    for path in pages:
        page = client.get(path, headers={"accept": "text/html"})
        assert page.status_code == 200, path
        assert "<script>window" not in page.text and "<img src=x" not in page.text, path
        assert "onerror=\"window" not in page.text and 'href="javascript:' not in page.text, path
        assert "script-src 'self'" in page.headers["content-security-policy"]
    document = client.get(f"/documents/{hostile['id']}", headers={"accept": "text/html"}).text
    assert "&lt;script&gt;window.__pwned = true; alert(&#34;xss&#34;)&lt;/script&gt;" in document
    assert "&lt;img src=x onerror=&#34;window.__pwned=true;alert(2)&#34;&gt;" in document


def test_pages_render_the_store(client):
    lambert = entity_id(client, "Hervé Lambert")
    meeting = next(c for c in client.get("/api/claims", params={"entity": lambert, "type": "meets"}).json()["claims"])
    for path, words in [("/", ["Latest articles"]), ("/?q=DGSE", ["Hervé Lambert", "Results for"]),
                        (f"/entities/{lambert}", ["Roles over time", "Sahel Dépêches", ">anonymous<", "unnamed sources", "confirmed"]),
                        (f"/entities/{lambert}/graph", ["graph-data", "cytoscape"]),
                        ("/timeline?type=MEETING", ["13 May 2024"]), ("/timeline?entity=Farid+Mansouri", ["Farid Mansouri"]),
                        ("/documents", ["Rencontre discrète"]), (f"/claims/{meeting['id']}", ["independent sources"]),
                        ("/claims?min_grade=1", ["confirmed"])]:
        page = client.get(path, headers={"accept": "text/html"})
        assert page.status_code == 200, path
        for word in words:
            assert word in page.text, (path, word)
    missing = client.get("/entities/per-000000000000", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "no entity" in missing.text and "<html" in missing.text
    problem = client.get("/timeline?start=hier", headers={"accept": "text/html"})
    assert problem.status_code == 200 and "ISO date" in problem.text


def test_a_contested_claim_shows_with_both_sides_on_every_page(tmp_path, nlp_model):
    """A hand-built store (``test_queries``' corpus): Le360 says Louis Ferrand received Omar Tazi,
    Jeune Afrique's article has Ferrand deny it."""
    from tests.test_claims import MEETS, denial
    from tests.test_queries import FERRAND, corpus
    from veille.store.ingest import store_document

    url = f"sqlite:///{tmp_path / 'contested.db'}"
    with Store.open(url) as store:
        for doc in [*corpus(), denial("X", "Jeune Afrique")]:
            store_document(store, doc)
    with make_client(url, nlp_model) as client:
        listed = {c["id"]: c for c in client.get("/api/claims", params={"entity": FERRAND}).json()["claims"]}
        assert listed[MEETS]["contested"] and listed[MEETS]["grade"] == 4
        assert [s["outlet"] for s in listed[MEETS]["sides"]["denied"]] == ["Jeune Afrique"]
        assert client.get(f"/api/claims/{MEETS}").json()["sides"] == listed[MEETS]["sides"]
        for path in ("/claims", f"/claims?entity={FERRAND}", f"/claims/{MEETS}", f"/entities/{FERRAND}"):
            page = client.get(path, headers={"accept": "text/html"})
            assert page.status_code == 200, path
            for word in ("flag-contested", "Asserted by", "Le360", "Denied by", "Jeune Afrique", "(named_person)"):
                assert word in page.text, (path, word)
            assert "the outlet's own word" not in page.text
        kinds = client.get("/claims", headers={"accept": "text/html"}).text     # kinds named as ONTOLOGY.md does
        assert 'title="the author&#39;s own assertion">none<' in kinds and 'title="unnamed sources">anonymous<' in kinds


def graph_data(page_text: str) -> dict:
    start = page_text.index('id="graph-data">') + len('id="graph-data">')
    return json.loads(page_text[start:page_text.index("</script>", start)])


def test_the_graph_page_honours_its_filters_from_the_address(tmp_path, nlp_model):
    from tests.test_queries import OUALI, TAZI, corpus
    from veille.store.ingest import store_document

    url = f"sqlite:///{tmp_path / 'graph.db'}"
    with Store.open(url) as store:
        for doc in corpus():
            store_document(store, doc)
    with make_client(url, nlp_model) as client:
        html = {"accept": "text/html"}
        near = graph_data(client.get(f"/entities/{OUALI}/graph", headers=html).text)
        assert max(n["distance"] for n in near["nodes"]) == 1
        page = client.get(f"/entities/{OUALI}/graph?depth=2", headers=html)
        far = graph_data(page.text)
        assert max(n["distance"] for n in far["nodes"]) == 2 and len(far["nodes"]) > len(near["nodes"])
        assert '<option value="2" selected>' in page.text
        page = client.get(f"/entities/{OUALI}/graph?depth=2&type=meets&start=2022&min_grade=3", headers=html)
        kept = graph_data(page.text)
        assert {e["type"] for e in kept["edges"]} == {"meets"} and TAZI in {n["canonical"] for n in kept["nodes"]}
        assert 'value="meets" checked' in page.text and 'value="head_of" >' in page.text
        assert 'name="start" value="2022"' in page.text and '<option value="3" selected>' in page.text
        wrong = client.get(f"/entities/{OUALI}/graph?start=hier", headers=html)
        assert wrong.status_code == 200 and "ISO date" in wrong.text and graph_data(wrong.text)["nodes"]
        assert client.get(f"/entities/{OUALI}/graph?depth=9", headers=html).status_code == 422


def test_serve_with_several_workers_answers_concurrent_analysts(tmp_path):
    """``veille serve --workers 2``: two worker processes under the server, answering at once
    with the options the command was given (here a token)."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    from tests.test_queries import OUALI, corpus
    from veille.store.ingest import store_document

    url = f"sqlite:///{tmp_path / 'served.db'}"
    with Store.open(url) as store:
        for doc in corpus():
            store_document(store, doc)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "veille.cli", "serve", "--db", url, "--port", str(port),
                               "--workers", "2", "--token", "s3cret"], start_new_session=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base, bearer = f"http://127.0.0.1:{port}", {"Authorization": "Bearer s3cret"}
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None and time.monotonic() < deadline, "veille serve did not answer"
            try:
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        children = [int(p) for p in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()]
        workers = [p for p in children if "spawn_main" in Path(f"/proc/{p}/cmdline").read_text()]
        assert len(workers) == 2, children
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _n: httpx.get(f"{base}/api/entities/{OUALI}", headers=bearer, timeout=60),
                                    range(24)))
        assert {a.status_code for a in answers} == {200}
        assert {a.json()["canonical"] for a in answers} == {OUALI}
        assert httpx.get(f"{base}/api/entities/{OUALI}", timeout=10).status_code == 401   # the token holds
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        out, err = server.communicate(timeout=60)
    assert "with 2 worker processes" in out, out + err


def test_the_graph_is_exported_in_each_format(client):
    import io
    import json as json_module
    import zipfile

    import networkx as nx

    ftm = client.get("/api/export", params={"format": "ftm"})
    assert ftm.status_code == 200 and "attachment" in ftm.headers["content-disposition"]
    schemata = {json_module.loads(line)["schema"] for line in ftm.text.splitlines()}
    assert {"Person", "Article"} <= schemata
    graphml = client.get("/api/export", params={"format": "graphml"})
    network = nx.read_graphml(io.BytesIO(graphml.content))
    assert network.number_of_nodes() > 0 and network.number_of_edges() > 0
    tables = zipfile.ZipFile(io.BytesIO(client.get("/api/export", params={"format": "csv"}).content))
    assert {"entities.csv", "relations.csv", "events.csv", "claims.csv"} <= {n.split("/")[-1] for n in tables.namelist()}
    is_error(client.get("/api/export", params={"format": "pdf"}), 422, "format")


def test_the_token_and_read_only_mode_come_from_the_settings(api_store_url, nlp_model):
    from veille import settings as settings_module

    from_environment = settings_module.load({"VEILLE_TOKEN": "s3cret", "VEILLE_READ_ONLY": "yes"})
    app = create_app(api_store_url, settings=from_environment, pipeline=lambda settings: Pipeline(settings, nlp_model))
    with TestClient(app) as client:
        is_error(client.get("/api/documents"), 401)
        bearer = {"Authorization": "Bearer s3cret"}
        assert client.get("/api/documents", headers=bearer).status_code == 200
        is_error(client.post("/api/judgements/merge", json={"a": "x", "b": "y", "by": "amina"}, headers=bearer), 403)
    with pytest.raises(Exception, match="VEILLE_READ_ONLY must be true or false"):
        settings_module.load({"VEILLE_READ_ONLY": "peut-être"})
