"""Corroboration and the Admiralty grade, on documents built by hand (no model)."""

from veille.corroboration import corroborate, grade, independent, Telling
from veille.model import Attribution, Document, Entity, Evidence, Relation


def said(kind="none", hedged=False):
    return Attribution(kind, [], None, hedged)


def telling(doc, outlet, evidence="X a rencontré Y.", kind="none", hedged=False, negated=False):
    return Telling(doc, outlet, evidence, said(kind, hedged), negated)


def test_independent_sources_are_outlets_and_copies_count_once():
    groups = independent([telling("a", "El Watan"), telling("b", "El Watan", "Autre phrase."),
                          telling("c", "TSA", "X a rencontré Y."), telling("d", "Le Monde", "Encore une autre.")])
    assert len(groups) == 2            # El Watan (a, b) with TSA's copy of a; Le Monde


def test_grades():
    assert grade([telling("a", "A", "un."), telling("b", "B", "deux.")]) == 1
    assert grade([telling("a", "A", "un.", "anonymous"), telling("b", "B", "deux.", "anonymous", True)]) == 2
    assert grade([telling("a", "A", kind="official")]) == 2
    assert grade([telling("a", "A", kind="anonymous")]) == 3
    assert grade([telling("a", "A", kind="anonymous", hedged=True)]) == 4
    assert grade([telling("a", "A", "un."), telling("b", "B", "deux.", negated=True)]) == 4
    assert grade([telling("a", "A", negated=True)]) == 5
    assert grade([telling("a", "A", hedged=True)]) == 6


def test_same_outlet_twice_is_not_confirmation():
    assert grade([telling("a", "Le360", "un."), telling("b", "Le360", "deux.")]) == 2


def doc(doc_id, outlet, subject, obj, kind="none", hedged=False):
    people = [Entity("e1", subject, "PER", identity=f"name:PER:{subject}"),
              Entity("e2", obj, "PER", identity=f"name:PER:{obj}")]
    relation = Relation("meets", "e2", "e1", Evidence(0, 10, f"{doc_id} dit."), said(kind, hedged))
    return Document(doc_id, "texte", source=outlet, entities=people, relations=[relation])


def canonical(document, local):
    return next(e.identity for e in document.entities if e.id == local)


def test_claims_across_documents_with_canonical_ids_and_overrides():
    docs = [doc("d1", "El Watan", "Karim Ouali", "Paul Marchal"), doc("d2", "TSA", "Paul Marchal", "Karim Ouali")]
    [claim] = corroborate(docs, canonical)
    record = claim.to_record()
    assert record["documents"] == 2 and record["independent_sources"] == 2 and record["grade"] == 1
    [overridden] = corroborate(docs, canonical, {claim.key: 4})
    assert overridden.grade == 4 and overridden.overridden
