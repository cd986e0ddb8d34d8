"""Exports of the canonical graph (``veille export``): FollowTheMoney, GraphML, GEXF, CSV.

A store built by hand (no model) on SQLite and PostgreSQL: three short fictional articles
whose entities and statements cover every mapping of the exports (a head of service, an
ambassador of a country, two people who work together, a front company, an armed group, an
attack, a denial, hedged and anonymous sources), with an analyst's merge of a misspelt name.
Each export is read back with the library that reads it (followthemoney, networkx, csv) and
compared with the store. The sample articles, extracted by the real model, are exported too
(marked ``model``).
"""

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from followthemoney import model

import veille.export as export_module
from veille.extract import resolve
from veille.export import ExportError, export
from veille.export.cli import export as export_cli
from veille.export.ftm import check, read_ftm, write_ftm
from veille.export.graph import canonical_graph
from veille.export.network import to_networkx, write_gexf, write_graphml
from veille.export.tables import TABLES, read_tables, write_tables
from veille.model import Attribution, Document, Entity, Event, Relation, TextSpan
from veille.pipeline import Pipeline
from veille.settings import Settings
from veille.store import Store
from veille.store.ingest import ingest_paths, store_document
from veille.store.judgements import merge, resolve_store
from veille.store.read import stats

REPO = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- a corpus written by hand

def canon(entity_type: str, identity: str) -> str:
    return resolve.canonical_id(entity_type, identity)


def entity(local, name, etype, kind, country=None, aliases=(), identity=None) -> Entity:
    return Entity(local, name, etype, kind, country, list(aliases),
                  identity=identity or f"name:{etype}:{name.lower()}")


def said(kind="none", text=None, hedged=False, via=()) -> Attribution:
    return Attribution(kind, list(via), text, hedged)


def make(doc_id, published, source, url, sentences, entities, relations=(), events=()) -> Document:
    """A document of ``sentences``; each statement's evidence is given by its sentence's number."""
    text = " ".join(sentences)
    spans, at = [], 0
    for sentence in sentences:
        spans.append(TextSpan(at, at + len(sentence), sentence))
        at += len(sentence) + 1
    for e in entities:
        start = text.find(e.name)
        e.mentions = [TextSpan(start, start + len(e.name), e.name)] if start >= 0 else []
        e.canonical = canon(e.type, e.identity)
    return Document(doc_id=doc_id, text=text, title=f"Titre {doc_id}", published=published, source=source,
                    url=url, entities=list(entities),
                    relations=[Relation(evidence=spans[n], **fields) for n, fields in relations],
                    events=[Event(evidence=spans[n], **fields) for n, fields in events])


def corpus() -> list[Document]:
    return [
        make("alger", "2024-01-15", "Le Courrier du Maghreb", "https://courrier.example/alger", [
            ("Nadir Belkacem, patron de la DGSE depuis janvier, aurait rencontré Samir Haddad à Alger, "
             "selon nos sources."),
            "Samir Haddad, ambassadeur de France, dément avoir jamais rencontré Nadir Belkacem."],
            [entity("e1", "Nadir Belkacem", "PER", "person"),
             entity("e2", "DGSE", "ORG", "intelligence_service", "FR",
                    ["Direction générale de la sécurité extérieure"], "entry:fr-dgse"),
             entity("e3", "Samir Haddad", "PER", "person"), entity("e4", "Alger", "LOC", "city", "DZ"),
             entity("e5", "France", "LOC", "country", "FR")],
            [(0, dict(type="head_of", subject="e1", object="e2", role="patron", start="2024-01",
                      attribution=said("anonymous", "selon nos sources"))),
             (0, dict(type="meets", subject="e1", object="e3",
                      attribution=said("anonymous", "selon nos sources", hedged=True))),
             (1, dict(type="member_of", subject="e3", object="e5", role="ambassadeur")),
             (1, dict(type="meets", subject="e3", object="e1", negated=True,
                      attribution=said("named_person", "dément")))],
            [(0, dict(id="v1", type="MEETING", cameo="040", participants=["e1", "e3"], place="e4",
                      date="2024-01-12", date_text="vendredi",
                      attribution=said("anonymous", "selon nos sources", hedged=True)))]),
        make("gao", "2024-02-03", "Atlas Hebdo", None, [
            "La Katiba Sud a attaqué une caserne de l'armée malienne près de Gao, a annoncé l'état-major.",
            "Samir Hadad, proche de Nadir Belkacem, coopère avec la Katiba Sud.",
            "Un accord lierait le Mali et la Katiba Sud, selon un rapport."],
            [entity("e1", "Katiba Sud", "ORG", "armed_group"), entity("e2", "Gao", "LOC", "city", "ML"),
             entity("e3", "armée malienne", "ORG", "military", "ML"), entity("e4", "Samir Hadad", "PER", "person"),
             entity("e5", "Nadir Belkacem", "PER", "person"), entity("e6", "Mali", "LOC", "country", "ML")],
            [(0, dict(type="part_of", subject="e3", object="e6")),
             (0, dict(type="opposes", subject="e1", object="e3", attribution=said("official", "a annoncé"))),
             (1, dict(type="cooperates_with", subject="e4", object="e5")),
             (1, dict(type="cooperates_with", subject="e4", object="e1"))],
            [(0, dict(id="v1", type="ATTACK", cameo="190", participants=["e1", "e3"], place="e2",
                      date="2024-02-01", attribution=said("official", "a annoncé"))),
             (2, dict(id="v2", type="AGREEMENT", cameo="057", participants=["e6", "e1"],
                      attribution=said("document", "selon un rapport", hedged=True)))]),
        make("bamako", None, None, None, [
            "Sahel Logistique, une société écran de la DGSE, loue des entrepôts à Bamako.",
            "Nadir Belkacem s'est rendu à Bamako."],
            [entity("e1", "Sahel Logistique", "ORG", "company"),
             entity("e2", "DGSE", "ORG", "intelligence_service", "FR", [], "entry:fr-dgse"),
             entity("e3", "Bamako", "LOC", "city", "ML"), entity("e4", "Nadir Belkacem", "PER", "person")],
            [(0, dict(type="part_of", subject="e1", object="e2")),
             (1, dict(type="visits", subject="e4", object="e3"))]),
    ]


BELKACEM, HADDAD, HADAD = (canon("PER", f"name:PER:{n}") for n in ("nadir belkacem", "samir haddad", "samir hadad"))
DGSE, KATIBA = canon("ORG", "entry:fr-dgse"), canon("ORG", "name:ORG:katiba sud")


@pytest.fixture
def store(store_url):
    with Store.open(store_url) as opened:
        for doc in corpus():
            store_document(opened, doc)
        merge(opened, HADAD, HADDAD, by="analyste")       # one man, his name misspelt in "gao"
        yield opened


def exported(write, graph) -> bytes:
    out = io.BytesIO()
    write(graph, out)
    return out.getvalue()


# ---------------------------------------------------------------- the canonical graph

def test_the_graph_holds_every_canonical_entity_and_statement_with_its_source(store):
    graph = canonical_graph(store)
    counts = stats(store)
    assert len(graph.relations) == counts["relations"] and len(graph.events) == counts["events"]
    assert len(graph.documents) == counts["documents"] == 3
    [samir] = {HADAD, HADDAD} & set(graph.entities)                         # the analyst's merge applies
    assert {graph.entities[samir]["name"], *graph.entities[samir]["aliases"]} == {"Samir Haddad", "Samir Hadad"}
    assert len(graph.entities[samir]["documents"]) == 2
    assert graph.entities[DGSE]["name"] == OFFICIAL_DGSE and graph.entities[DGSE]["aliases"] == ["DGSE"]
    ends = {r["subject"] for r in graph.relations} | {r["object"] for r in graph.relations}
    ends |= {p for e in graph.events for p in e["participants"]} | {e["place"] for e in graph.events if e["place"]}
    assert ends <= set(graph.entities)
    head = next(r for r in graph.relations if r["type"] == "head_of")
    assert (head["subject"], head["object"], head["role"], head["start"]) == (BELKACEM, DGSE, "patron", "2024-01")
    assert head["attribution"] == {"kind": "anonymous", "via": [], "text": "selon nos sources", "hedged": False}
    assert graph.documents[head["document"]]["source"] == "Le Courrier du Maghreb"
    for statement in graph.relations + graph.events:      # every statement tells a graded claim
        assert statement["claim"] and 1 <= statement["grade"] <= 6 and statement["grade_label"]
    told = {t["statement"] for c in graph.claims for t in c["tellings"]}
    assert told == {s["id"] for s in graph.relations + graph.events}


# ---------------------------------------------------------------- FollowTheMoney

def ftm_export(graph) -> list[dict]:
    return [json.loads(line) for line in exported(write_ftm, graph).decode("utf-8").splitlines()]


def test_ftm_entities_validate_against_the_model_and_read_back_the_same(store):
    graph = canonical_graph(store)
    lines = ftm_export(graph)
    ids = {line["id"] for line in lines}
    assert len(ids) == len(lines)
    for data in lines:
        proxy = model.get_proxy(data, cleaned=False)        # the library cleans every value again
        assert proxy.to_dict() == data
        proxy.schema.validate(data)
        assert all(proxy.get(p) for p in proxy.schema.required), data
        check(proxy)
        for prop, values in proxy.properties.items():     # every reference is to an exported entity
            if proxy.schema.get(prop).type.name == "entity":
                assert set(values) <= ids, (prop, values)
    assert [p.to_dict() for p in read_ftm(exported(write_ftm, graph).decode().splitlines())] == lines
    assert exported(write_ftm, canonical_graph(store)) == exported(write_ftm, graph)   # stable ids


def by_schema(lines: list[dict], schema: str) -> list[dict]:
    return [line["properties"] for line in lines if line["schema"] == schema]


#: what a canonical entity of the gazetteer is called (store/canonical.py: describe)
OFFICIAL_DGSE = "Direction générale de la sécurité extérieure"


def named(lines: list[dict], name: str) -> dict:
    return next(line for line in lines if name in line["properties"].get("name", [])
                + line["properties"].get("full", []))


def test_ftm_schemata_follow_the_kinds_of_entities_and_relations(store):
    lines = ftm_export(canonical_graph(store))
    schema_of = {name: named(lines, name)["schema"] for name in (
        "Nadir Belkacem", OFFICIAL_DGSE, "armée malienne", "Katiba Sud", "Sahel Logistique", "France", "Mali",
        "Alger", "Gao")}
    assert schema_of == {"Nadir Belkacem": "Person", OFFICIAL_DGSE: "PublicBody", "armée malienne": "PublicBody",
                         "Katiba Sud": "Organization", "Sahel Logistique": "Company", "France": "Territory",
                         "Mali": "Territory", "Alger": "Address", "Gao": "Address"}
    dgse = named(lines, OFFICIAL_DGSE)["properties"]
    assert dgse["country"] == ["fr"] and dgse["topics"] == ["gov.security"]
    assert dgse["alias"] == ["DGSE"]
    [directorship] = by_schema(lines, "Directorship")
    assert directorship["director"] == [f"veille-entity-{BELKACEM}"]
    assert directorship["organization"] == [f"veille-entity-{DGSE}"]
    assert (directorship["role"], directorship["startDate"]) == (["patron"], ["2024-01"])
    assert directorship["date"] == ["2024-01-15"]                              # the article's date
    assert directorship["publisher"] == ["Le Courrier du Maghreb"]
    assert directorship["sourceUrl"] == ["https://courrier.example/alger"]
    assert directorship["proof"][0].startswith("veille-doc-")
    assert directorship["description"][0].startswith("according to anonymous sources (“selon nos sources”)")
    assert "claim graded" in directorship["description"][0]
    [associate] = by_schema(lines, "Associate")                # two people who work together
    assert associate["relationship"] == ["cooperates_with"]
    memberships = by_schema(lines, "Membership")              # the front company in the service
    assert [m["member"] for m in memberships] == [[f"veille-entity-{canon('ORG', 'name:ORG:sahel logistique')}"]]
    roles = sorted(link["role"][0] for link in by_schema(lines, "UnknownLink"))
    assert "member_of (ambassadeur)" in roles and "visits" in roles and "part_of" in roles
    assert roles.count("participant") == 1                    # the Mali, party to an agreement


def test_ftm_says_who_says_so_and_what_the_text_denies(store):
    lines = ftm_export(canonical_graph(store))
    meetings = [link for link in by_schema(lines, "UnknownLink") if link["role"] == ["meets"]]
    [denied] = [m for m in meetings if m["status"] == ["denied"]]
    [hedged] = [m for m in meetings if m["status"] == ["stated"]]
    assert "according to a named person (“dément”)" in denied["description"][0]
    assert "denied by the text" in denied["description"][0]
    assert "hedged" in hedged["description"][0] and "anonymous sources" in hedged["description"][0]
    attack = next(e for e in by_schema(lines, "Event") if e["keywords"][0] == "ATTACK")
    assert attack["date"] == ["2024-02-01"] and attack["location"] == ["Gao"] and attack["country"] == ["ml"]
    assert attack["involved"] == [f"veille-entity-{KATIBA}", f"veille-entity-{canon('ORG', 'name:ORG:armée malienne')}"]
    assert attack["addressEntity"] == [f"veille-entity-{canon('LOC', 'name:LOC:gao')}"]
    assert attack["description"][0].startswith("according to an official statement (“a annoncé”)")
    undated = next(e for e in by_schema(lines, "Event") if e["keywords"][0] == "AGREEMENT")
    assert "date" not in undated and "according to a document" in undated["description"][0]
    articles = by_schema(lines, "Article")
    assert sorted(a["title"][0] for a in articles) == ["Titre alger", "Titre bamako", "Titre gao"]
    named_in = sum(len(e["documents"]) for e in canonical_graph(store).entities.values())
    assert len(by_schema(lines, "Documentation")) == named_in


# ---------------------------------------------------------------- GraphML and GEXF

def read_back(fmt: str, data: bytes) -> nx.MultiDiGraph:
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    return nx.read_gexf(io.BytesIO(data))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_keep_every_canonical_entity_and_relation(store, fmt):
    graph = canonical_graph(store)
    back = read_back(fmt, exported(write_graphml if fmt == "graphml" else write_gexf, graph))
    assert isinstance(back, nx.MultiDiGraph)
    nodes = {n for n, data in back.nodes(data=True) if data["category"] == "entity"}
    assert nodes == set(graph.entities)
    relation_edges = {k: (u, v, d) for u, v, k, d in back.edges(keys=True, data=True) if d["category"] == "relation"}
    assert set(relation_edges) == {r["id"] for r in graph.relations}
    for relation in graph.relations:
        u, v, data = relation_edges[relation["id"]]
        assert (u, v) == (relation["subject"], relation["object"])
        assert data["relation"] == relation["type"] and data["negated"] == relation["negated"]
        assert data["grade"] == relation["grade"] and data["claim"] == relation["claim"]
        assert data["evidence"] == relation["evidence"]["text"] and data["document"] == relation["document"]
        assert data["attribution_kind"] == relation["attribution"]["kind"]
        assert data.get("start_date") == relation["start"] and data.get("role") == relation["role"]
    dgse = back.nodes[DGSE]
    assert (dgse["name"], dgse["type"], dgse["kind"], dgse["country"]) == (OFFICIAL_DGSE, "ORG", "intelligence_service", "FR")
    assert dgse["aliases"] == "DGSE"
    assert "kind" in back.nodes[BELKACEM] and "country" not in back.nodes[BELKACEM]    # nothing, not ""
    events = {n: data for n, data in back.nodes(data=True) if data["category"] == "event"}
    assert set(events) == {e["id"] for e in graph.events}
    attack = next(e for e in graph.events if e["type"] == "ATTACK")
    assert events[attack["id"]]["date"] == "2024-02-01" and events[attack["id"]]["cameo"] == "190"
    assert {u for u, _v, d in back.in_edges(attack["id"], data=True)} == {*attack["participants"], attack["place"]}


def test_the_network_without_events_is_the_canonical_graph_alone(store):
    network = to_networkx(canonical_graph(store), events=False)
    assert {d["category"] for _n, d in network.nodes(data=True)} == {"entity"}
    assert {d["category"] for *_e, d in network.edges(data=True)} == {"relation"}


# ---------------------------------------------------------------- CSV

@pytest.mark.parametrize("name", ["tables", "tables.zip"])
def test_csv_tables_read_back_as_the_graph(store, tmp_path, name):
    graph = canonical_graph(store)
    counts = write_tables(graph, tmp_path / name)
    tables = read_tables(tmp_path / name)
    assert set(tables) == set(TABLES)
    assert counts == {t: len(rows) for t, rows in tables.items()}
    assert [e["canonical"] for e in tables["entities"]] == list(graph.entities)
    assert [e["aliases"] for e in tables["entities"]] == [e["aliases"] for e in graph.entities.values()]
    for row, relation in zip(tables["relations"], graph.relations, strict=True):
        compared = ("id", "type", "subject", "object", "role", "start", "negated", "grade", "claim")
        assert {k: row[k] for k in compared} == {k: relation[k] for k in compared}
        assert row["evidence"] == relation["evidence"]["text"] and row["hedged"] == relation["attribution"]["hedged"]
    for row, event in zip(tables["events"], graph.events, strict=True):
        assert (row["id"], row["participants"], row["place"], row["date"]) == \
               (event["id"], event["participants"], event["place"], event["date"])
    assert [c["id"] for c in tables["claims"]] == [c["id"] for c in graph.claims]
    assert all(1 <= c["grade"] <= 6 and c["statement_ids"] for c in tables["claims"])
    assert sorted(d["doc_id"] for d in tables["documents"]) == ["alger", "bamako", "gao"]
    if name.endswith(".zip"):
        assert sorted(zipfile.ZipFile(tmp_path / name).namelist()) == sorted(f"{t}.csv" for t in TABLES)


# ---------------------------------------------------------------- the library function and the command

def test_export_writes_a_file_whole_or_not_at_all(store, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    report = export(store, "graphml", str(out / "graph.graphml"))
    assert report.counts["entities"] == len(canonical_graph(store).entities)
    assert nx.read_graphml(out / "graph.graphml").number_of_nodes() == report.counts["nodes"]
    assert [p.name for p in out.iterdir()] == ["graph.graphml"]                 # no temporary left

    def broken(graph, stream):
        stream.write(b"<half a file")
        raise OSError(28, "No space left on device")
    monkeypatch.setitem(export_module.STREAMED, "graphml", broken)
    with pytest.raises(ExportError, match="cannot write .*graph.graphml: no space left on device"):
        export(store, "graphml", str(out / "graph.graphml"))
    assert [p.name for p in out.iterdir()] == ["graph.graphml"]                 # the previous one, whole
    assert nx.read_graphml(out / "graph.graphml").number_of_nodes() == report.counts["nodes"]

    with pytest.raises(ExportError, match="unknown export format 'pdf'"):
        export(store, "pdf", str(out / "x.pdf"))
    with pytest.raises(ExportError, match="cannot write .*: not a directory"):
        export(store, "ftm", str(out / "graph.graphml" / "out.json"))


def test_the_export_command(store_url, tmp_path):
    with Store.open(store_url) as opened:
        store_document(opened, corpus()[0])
    runner = CliRunner()
    out = runner.invoke(export_cli, ["--format", "ftm", "--db", store_url])
    assert out.exit_code == 0, out.output
    schemata = {json.loads(line)["schema"] for line in out.stdout.splitlines()}
    assert {"Person", "PublicBody", "Directorship", "Article", "Event"} <= schemata
    assert out.stderr.startswith("exported 5 entities, 4 relations, 1 events")

    out = runner.invoke(export_cli, ["--format", "csv", "--out", str(tmp_path / "csv"), "--db", store_url])
    assert out.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(f"{t}.csv" for t in TABLES)

    for args, message in ((["--format", "pajek"], "unknown export format 'pajek' (known: ftm, graphml, gexf, csv)"),
                          (["--format", "csv"], "csv writes several tables: give --out FOLDER or --out FILE.zip"),
                          (["--format", "gexf", "--out", str(tmp_path / "missing" / "g.gexf")], "cannot write")):
        out = runner.invoke(export_cli, [*args, "--db", store_url])
        assert out.exit_code == 1 and out.stderr.startswith(f"Error: {message}"), out.output
        assert len(out.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "missing").exists()


# ---------------------------------------------------------------- values past the formats' limits

def long_article() -> Document:
    """A 200 KB article: a long title, a place name past FtM's address limit, a person's name past
    its name limit, an evidence sentence past its text limit, and a long attribution cue."""
    filler = "Le service aurait multiplié les contacts discrets avec ses homologues de la région. "
    sentence = ("Karim Ouali, patron de la Direction de la sécurité extérieure, a rencontré à "
                "Tamanrasset-sur-les-confins " + "du désert " * 40 + "le colonel Yacine Berrada, "
                + filler.lower() * 900 + "selon nos sources.")
    title = "Enquête : " + "les réseaux du renseignement au Sahel, " * 60
    place = "Tamanrasset-sur-les-confins " + "du désert " * 40
    colonel = "Yacine Berrada " + "dit le Sahraoui " * 30
    doc = make("long", "2024-03-01", "La Gazette du Sahel", "https://gazette.example/long",
               [sentence, filler * 1500],
               [entity("e1", "Karim Ouali", "PER", "person"), entity("e2", colonel.strip(), "PER", "person"),
                entity("e3", place.strip(), "LOC", "city", "DZ"),
                entity("e4", "Direction de la sécurité extérieure", "ORG", "intelligence_service", "DZ")],
               [(0, dict(type="head_of", subject="e1", object="e4", role="patron",
                         attribution=said("anonymous", "selon nos sources " * 100))),
                (0, dict(type="meets", subject="e1", object="e2", attribution=said("anonymous", "selon nos sources")))],
               [(0, dict(id="v1", type="MEETING", cameo="040", participants=["e1", "e2"], place="e3",
                         attribution=said("anonymous", "selon nos sources")))])
    doc.title = title
    assert len(doc.text.encode("utf-8")) > 200_000
    return doc


def test_a_200_kb_article_exports_in_every_format_within_the_limits(store_url, tmp_path):
    with Store.open(store_url) as opened:
        store_document(opened, long_article())
        for fmt, out in (("ftm", "g.ftm.json"), ("graphml", "g.graphml"), ("gexf", "g.gexf"), ("csv", "t.zip")):
            report = export(opened, fmt, str(tmp_path / out))
            assert report.counts["documents"] == 1 and report.counts["relations"] == 2, fmt
    lines = (tmp_path / "g.ftm.json").read_text(encoding="utf-8").splitlines()
    proxies = read_ftm(lines)
    for proxy in proxies:
        check(proxy)
        for prop, values in proxy.properties.items():
            assert all(len(v) <= proxy.schema.get(prop).type.max_length for v in values), (proxy.schema.name, prop)
    article = next(p for p in proxies if p.schema.name == "Article")
    body, (note,) = article.first("bodyText"), article.get("notes")
    assert 60_000 < len(body) <= 65_000 and body.endswith("\u2026")
    assert "bodyText cut to" in note and "title cut to" in note and "the veille store keeps the whole text" in note
    meeting = next(p for p in proxies if p.schema.name == "Event")
    assert len(meeting.first("summary")) <= 65_000 and "summary cut to" in meeting.first("notes")
    assert {len(p.first("full")) for p in proxies if p.schema.name == "Address"} <= set(range(251))
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() >= 4
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() >= 4
    tables = read_tables(tmp_path / "t.zip")
    assert {len(r["evidence"]) for r in tables["relations"]} == {len(long_article().relations[0].evidence.text)}


def test_a_name_that_cleaning_empties_gets_a_stand_in_not_a_failed_export(store_url, tmp_path):
    """A name of invisible characters only (a zero-width space the text held) is a valid stored
    value that FtM cleans to nothing: its required name gets a stand-in and a note."""
    invisible = "\u200b\u200b"
    doc = make("vide", "2024-04-02", "Le Courrier du Maghreb", None,
               [f"Karim Ouali a rencontré {invisible} à Alger, selon nos sources."],
               [entity("e1", "Karim Ouali", "PER", "person"), entity("e2", invisible, "PER", "person")],
               [(0, dict(type="meets", subject="e1", object="e2", attribution=said("anonymous", "selon nos sources")))])
    with Store.open(store_url) as opened:
        store_document(opened, doc)
        for fmt, out in (("ftm", "v.ftm.json"), ("graphml", "v.graphml"), ("gexf", "v.gexf"), ("csv", "v")):
            export(opened, fmt, str(tmp_path / out))
    proxies = read_ftm((tmp_path / "v.ftm.json").read_text(encoding="utf-8").splitlines())
    [unnamed] = [p for p in proxies if p.schema.name == "Person" and p.first("name").startswith("(no readable name")]
    check(unnamed)
    assert "no character FollowTheMoney keeps" in unnamed.first("notes")


def test_control_characters_of_a_text_do_not_break_the_xml_exports(store_url, tmp_path):
    """A vertical tab and a unit separator (from a word processor) in an outlet, a name and a
    sentence: GraphML and GEXF hold U+FFFD in their place and read back; FtM and CSV keep them."""
    doc = make("ctl", "2024-04-02", "Le\x0bCourrier", None, ["Karim Ouali a rencontré\x0b Omar Tazi\x1f à Alger."],
               [entity("e1", "Karim Ouali", "PER", "person"), entity("e2", "Omar Tazi\x1f", "PER", "person")],
               [(0, dict(type="meets", subject="e1", object="e2"))])
    with Store.open(store_url) as opened:
        store_document(opened, doc)
        for fmt, out in (("ftm", "c.ftm.json"), ("graphml", "c.graphml"), ("gexf", "c.gexf"), ("csv", "c")):
            export(opened, fmt, str(tmp_path / out))
    for back in (nx.read_graphml(tmp_path / "c.graphml"), nx.read_gexf(tmp_path / "c.gexf")):
        names = {data.get("name") for _n, data in back.nodes(data=True)}
        assert "Omar Tazi\ufffd" in names
        [(_s, _o, data)] = back.edges(data=True)
        assert data["evidence"] == "Karim Ouali a rencontré\ufffd Omar Tazi\ufffd à Alger."
        assert data["outlet"] == "Le\ufffdCourrier"


# ---------------------------------------------------------------- the sample articles, extracted

@pytest.mark.model
def test_the_sample_corpus_exports_valid_ftm_and_a_complete_graphml(nlp_model, tmp_path):
    url = f"sqlite:///{tmp_path / 'samples.db'}"
    with Store.open(url) as opened:
        report = ingest_paths(opened, [str(REPO / "samples")], Settings(),
                              pipeline=lambda settings: Pipeline(settings, model=nlp_model))
        assert report.stored == 7 and not report.failures
        resolve_store(opened)
        export(opened, "ftm", str(tmp_path / "samples.ftm.json"))
        export(opened, "graphml", str(tmp_path / "samples.graphml"))
        graph = canonical_graph(opened)
    lines = (tmp_path / "samples.ftm.json").read_text(encoding="utf-8").splitlines()
    for proxy in read_ftm(lines):
        check(proxy)
    # the followthemoney command line reads and re-cleans every entity the same
    ftm = Path(sys.executable).with_name("ftm")
    validated = subprocess.run([str(ftm), "validate", "-i", str(tmp_path / "samples.ftm.json")],
                               capture_output=True, text=True, check=True)
    again = [json.loads(line) for line in validated.stdout.splitlines()]
    assert [{k: e[k] for k in ("id", "schema", "properties")} for e in again] == [json.loads(line) for line in lines]
    back = nx.read_graphml(tmp_path / "samples.graphml", force_multigraph=True)
    assert {n for n, d in back.nodes(data=True) if d["category"] == "entity"} == set(graph.entities)
    assert {k for *_e, k, d in back.edges(keys=True, data=True) if d["category"] == "relation"} == \
           {r["id"] for r in graph.relations}
    assert len(graph.relations) > 0 and len(graph.events) > 0
