"""Claims served from the store: corroboration across documents, grades, analysts' overrides, on
SQLite and PostgreSQL, over the hand-written corpus of ``test_queries.py``."""

import json
from datetime import datetime, timedelta, timezone

import pytest

from veille.errors import QueryError, UnknownEntity
from veille.model import Entity
from veille.store import Store
from veille.store.claims import claim, claims, override_grade
from veille.store.ingest import store_document
from veille.store.judgements import merge
from veille.store.queries import neighbourhood
from veille.store.read import read_document
from veille.store.rows import document_id

from . import test_queries
from .test_queries import (DGSE, DJEBBAR, FERRAND, MARCHAL, OUALI, PARIS, TAZI, TAZY, TUNIS, corpus, make,
                           person, service)

#: The store of the hand-written corpus, as the queries' tests build it.
store = test_queries.store

HEAD = f"r.head_of.{OUALI}.{DGSE}"
T0 = datetime(2026, 1, 5, tzinfo=timezone.utc)


def by_id(found: dict) -> dict:
    return {c["id"]: c for c in found["claims"]}


def test_a_claim_told_by_two_outlets_is_corroborated_and_confirmed(store):
    head = claim(store, HEAD)
    assert (head["kind"], head["type"], head["subject_name"], head["object_name"]) == \
        ("relation", "head_of", "Karim Ouali", "DGSE")
    assert (head["documents"], head["outlets"], head["sources"]) == (2, ["El Watan", "Le Monde"], 2)
    assert (head["kinds"], head["denied"], head["grade"], head["grade_label"]) == \
        (["anonymous", "none"], False, 1, "confirmed")
    assert head["start"] == "2022-09" and not head["overridden"] and head["override"] is None
    first = head["tellings"][0]
    assert (first["doc_id"], first["outlet"], first["published"], first["attribution"]["kind"]) == \
        ("A", "El Watan", "2022-11-14", "anonymous")
    text = read_document(store, first["document"]).text
    evidence = first["evidence"]
    assert text[evidence["start"]:evidence["end"]] == evidence["text"]


def test_documents_of_one_outlet_are_one_source(store):
    again = make("G", "2022-12-03", "Le Monde", "Suite", ["Karim Ouali dirige toujours la DGSE."],
                 [person("e1", "Karim Ouali"), service("e2", "DGSE")],
                 [(0, dict(type="head_of", subject="e1", object="e2"))])
    store_document(store, again)
    head = claim(store, HEAD)
    assert (head["documents"], head["sources"], head["grade"]) == (3, 2, 1)


def test_denied_hedged_and_single_source_claims_are_graded_by_the_rule(store):
    found = by_id(claims(store, limit=None))
    denied = found[f"r.meets.{DJEBBAR}.{MARCHAL}" if DJEBBAR < MARCHAL else f"r.meets.{MARCHAL}.{DJEBBAR}"]
    assert (denied["denied"], denied["grade"], denied["grade_label"]) == (True, 5, "improbable")
    hedged = found[f"r.member_of.{DJEBBAR}.{DGSE}"]
    assert (hedged["hedged"], hedged["grade"]) == (True, 6)
    official = found[f"r.head_of.{FERRAND}.{DGSE}"]
    assert (official["kinds"], official["grade"]) == (["official"], 2)


def test_events_are_claims_keyed_by_type_participants_and_date(store):
    found = by_id(claims(store, types=["MEETING", "PUBLICATION"], limit=None))
    meeting = found[".".join(["e", "MEETING", "2022-11-12", *sorted((OUALI, TAZI))])]
    assert [p["name"] for p in meeting["participants"]] == sorted(["Karim Ouali", "Omar Tazi"],
                                                                  key=lambda n: {"Karim Ouali": OUALI,
                                                                                 "Omar Tazi": TAZI}[n])
    assert meeting["place"]["name"] == "Rabat" and meeting["cameo"] == "040" and meeting["grade"] == 3
    assert f"e.PUBLICATION.undated.{DJEBBAR}" in found
    assert all(c["kind"] == "event" for c in found.values())
    assert claim(store, f"e.PUBLICATION.undated.{DJEBBAR}")["tellings"][0]["doc_id"] == "C"


def test_claims_filter_by_entity_type_and_grade_and_come_in_pages(store):
    every = claims(store, limit=None)
    grades = [c["grade"] for c in every["claims"]]
    assert grades == sorted(grades) and every["total"] == len(every["claims"])
    of_dgse = claims(store, entity=DGSE, limit=None)["claims"]
    assert of_dgse and all(DGSE in (c.get("subject"), c.get("object"))
                           or DGSE in {p["id"] for p in c.get("participants", [])} for c in of_dgse)
    assert {c["id"] for c in claims(store, entity=DGSE, min_grade=1)["claims"]} == {HEAD}
    assert all(c["type"] == "visits" for c in claims(store, types="visits")["claims"])
    page = claims(store, limit=2, offset=1)
    assert page["total"] == every["total"] and [c["id"] for c in page["claims"]] == \
        [c["id"] for c in every["claims"][1:3]]
    with pytest.raises(QueryError, match="unknown claim type"):
        claims(store, types=["likes"])
    with pytest.raises(QueryError, match="grade"):
        claims(store, min_grade=0)


def test_an_unknown_claim_is_none_and_a_malformed_id_an_error(store):
    assert claim(store, f"r.meets.{OUALI}.{PARIS}") is None
    with pytest.raises(UnknownEntity, match="claim id"):
        claim(store, "nonsense")
    with pytest.raises(UnknownEntity, match="claim id"):
        claim(store, f"r.likes.{OUALI}.{DGSE}")


def test_an_analyst_overrides_a_grade_and_the_latest_override_is_in_force(store):
    graded = override_grade(store, HEAD, 3, "amina", "sources contradict the ministry", now=T0)
    assert (graded["grade"], graded["rule_grade"], graded["overridden"]) == (3, 1, True)
    assert graded["override"]["by"] == "amina" and graded["override"]["note"] == "sources contradict the ministry"
    again = override_grade(store, HEAD, 2, "karim", now=T0 + timedelta(days=1))
    assert (again["grade"], again["override"]["by"]) == (2, "karim")
    edge = next(e for e in neighbourhood(store, OUALI)["edges"] if e["claim"] == HEAD)
    assert (edge["grade"], edge["overridden"]) == (2, True)
    assert OUALI not in {n["canonical"] for n in neighbourhood(store, DGSE, min_grade=1)["nodes"]}


def test_an_override_needs_a_grade_an_analyst_and_a_claim(store):
    for grade in (0, 7, "2", None, True):
        with pytest.raises(QueryError):
            override_grade(store, HEAD, grade, "amina")
    for by in ("", "  ", "resolver"):
        with pytest.raises(QueryError, match="analyst"):
            override_grade(store, HEAD, 2, by)
    with pytest.raises(UnknownEntity):
        override_grade(store, f"r.meets.{OUALI}.{PARIS}", 2, "amina")
    assert claim(store, HEAD)["overridden"] is False


def test_an_override_follows_its_claim_through_a_merge(store):
    tazy_visit = f"r.visits.{TAZY}.{TUNIS}"
    override_grade(store, tazy_visit, 4, "amina", now=T0)
    merge(store, TAZI, TAZY, "amina")
    [visit] = [c for c in claims(store, types=["visits"], limit=None)["claims"] if c["object"] == TUNIS]
    assert visit["id"] != tazy_visit and (visit["grade"], visit["overridden"]) == (4, True)
    # read back, the two documents name one canonical person
    tazi_in_a = next(e for e in read_document(store, document_id(corpus()[0])).entities if e.name == "Omar Tazi")
    tazy_in_h = read_document(store, document_id(corpus()[-1])).entities[0]
    assert tazy_in_h.name == "Omar Tazy" and tazy_in_h.canonical == tazi_in_a.canonical == visit["subject"]
    assert read_document(store, document_id(corpus()[-1]), canonical={}).entities[0].canonical == TAZY
    # the claims of the id the merge absorbed are those of the entity it is part of now
    absorbed = TAZY if visit["subject"] == TAZI else TAZI
    assert claims(store, entity=absorbed, limit=None) == claims(store, entity=visit["subject"], limit=None)


def test_claims_read_unchanged_from_a_store_reopened(store_url):
    with Store.open(store_url) as first:
        for doc in corpus():
            store_document(first, doc)
        override_grade(first, HEAD, 4, "amina", now=T0)
        before = claims(first, limit=None)
    with Store.open(store_url) as again:
        assert claims(again, limit=None) == before


def test_a_claim_with_an_unattributed_single_telling(store):
    visit = claim(store, f"r.visits.{TAZI}.{PARIS}")
    assert (visit["documents"], visit["sources"], visit["kinds"], visit["grade"]) == (1, 1, ["none"], 2)


def test_the_claims_and_grade_commands(store, store_url):
    from click.testing import CliRunner

    from veille.cli import main

    runner = CliRunner()
    shown = runner.invoke(main, ["claims", "--db", store_url, "--entity", DGSE, "--min-grade", "1"])
    assert shown.exit_code == 0, shown.output
    assert "[1 confirmed] Karim Ouali head_of DGSE" in shown.output and HEAD in shown.output
    graded = runner.invoke(main, ["grade", HEAD, "3", "--by", "amina", "--note", "à vérifier", "--db", store_url])
    assert graded.exit_code == 0 and "grade 3 (possibly true; the rule gives 1) by amina" in graded.output
    as_json = runner.invoke(main, ["claims", "--db", store_url, "--type", "head_of", "--json"])
    assert by_id(json.loads(as_json.output))[HEAD]["override"]["note"] == "à vérifier"
    for wrong in (["grade", HEAD, "9", "--db", store_url], ["grade", "r.x", "2", "--db", store_url],
                  ["claims", "--type", "likes", "--db", store_url]):
        failed = runner.invoke(main, wrong)
        assert failed.exit_code != 0 and "Traceback" not in failed.output


# ---------------------------------------------------------------- contested claims, sources, ranking

def denial(doc_id: str, outlet: str | None) -> "Document":
    """Another outlet's article in which Louis Ferrand denies having met Omar Tazi (document B says
    they met)."""
    return make(doc_id, "2023-03-05", outlet, "Démenti", ["Louis Ferrand dément avoir rencontré Omar Tazi."],
                [person("e1", "Louis Ferrand"), person("e2", "Omar Tazi")],
                [(0, dict(type="meets", subject="e1", object="e2", negated=True,
                          attribution=test_queries.said("named_person")))])


MEETS = f"r.meets.{min(FERRAND, TAZI)}.{max(FERRAND, TAZI)}"


def test_a_claim_one_outlet_asserts_and_another_denies_is_contested_with_both_sides(store):
    assert claim(store, MEETS)["contested"] is False and claim(store, MEETS)["grade"] == 2
    store_document(store, denial("X", "Jeune Afrique"))
    contested = claim(store, MEETS)
    assert contested["contested"] and contested["denied"] and (contested["sources"], contested["denials"]) == (1, 1)
    assert contested["grade"] == 4                              # as many denials as support
    assert [(s["outlet"], s["kind"]) for s in contested["sides"]["asserted"]] == [("Le360", "none")]
    assert [(s["outlet"], s["doc_id"], s["kind"]) for s in contested["sides"]["denied"]] == \
        [("Jeune Afrique", "X", "named_person")]
    listed = by_id(claims(store, entity=FERRAND, limit=None))[MEETS]
    assert listed["contested"] and listed["sides"] == contested["sides"]
    edges = [e for e in neighbourhood(store, FERRAND)["edges"] if e["claim"] == MEETS]
    assert edges and edges[0]["contested"]


def test_the_claims_command_shows_a_contested_claim_with_both_sides(store, store_url):
    from click.testing import CliRunner

    from veille.cli import main

    store_document(store, denial("X", "Jeune Afrique"))
    shown = CliRunner().invoke(main, ["claims", "--db", store_url, "--entity", FERRAND])
    assert shown.exit_code == 0, shown.output
    assert "CONTESTED" in shown.output
    assert "asserted by: Le360, 2023-03-02 (none)" in shown.output
    assert "denied by: Jeune Afrique, 2023-03-05 (named_person)" in shown.output


def test_an_article_of_no_known_outlet_is_not_a_second_source(store):
    again = make("N", "2022-12-09", None, "Sans signature", ["Karim Ouali est le patron de la DGSE."],
                 [person("e1", "Karim Ouali"), service("e2", "DGSE")],
                 [(0, dict(type="head_of", subject="e1", object="e2"))])
    before = claim(store, HEAD)
    store_document(store, again)
    after = claim(store, HEAD)
    assert (after["documents"], after["sources"], after["grade"]) == (before["documents"] + 1, 2, 1)
    lone = [make(f"N{n}", "2024-01-0" + str(n), None, f"Brève {n}", [f"Omar Tazi visite Rabat ({n})."],
                 [person("e1", "Omar Tazi"), test_queries.city("e2", "Rabat", "MA")],
                 [(0, dict(type="visits", subject="e1", object="e2"))]) for n in (1, 2)]
    for doc in lone:
        store_document(store, doc)
    visit = claim(store, f"r.visits.{TAZI}.{test_queries.RABAT}")
    assert (visit["documents"], visit["sources"], visit["grade"]) == (2, 1, 2)     # not "confirmed"


def test_claims_that_only_restate_a_nationality_come_after_the_substantive_ones(store):
    algeria = Entity("e3", "Algérie", "LOC", "country", "DZ", identity="entry:country-dz")
    both = make("K", "2024-02-01", "El Watan", "Deux agents",
                ["Yacine Djebbar, agent algérien, a rencontré Karim Ouali à Alger."],
                [person("e1", "Yacine Djebbar"), person("e2", "Karim Ouali"), algeria],
                [(0, dict(type="part_of", subject="e1", object="e3")),
                 (0, dict(type="meets", subject="e1", object="e2"))])
    other = make("L", "2024-02-02", "TSA", "Agent", ["Yacine Djebbar, agent algérien."],
                 [person("e1", "Yacine Djebbar"), Entity("e3", "Algérie", "LOC", "country", "DZ",
                                                       identity="entry:country-dz")],
                 [(0, dict(type="part_of", subject="e1", object="e3", attribution=test_queries.said("official")))])
    store_document(store, both)
    store_document(store, other)
    listed = claims(store, entity=DJEBBAR, limit=None)["claims"]
    nationality = [c for c in listed if c["nationality"]]
    assert [c["type"] for c in nationality] == ["part_of"] and nationality[0]["grade"] == 1   # confirmed, yet last
    assert listed[-1] is nationality[0] and all(not c["nationality"] for c in listed[:-1])
    assert any(c["type"] == "meets" and c["grade"] > 1 for c in listed[:-1])
