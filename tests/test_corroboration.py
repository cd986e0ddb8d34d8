"""Corroboration and the Admiralty grade, on documents built by hand (no model)."""

from veille.corroboration import Telling, contested, corroborate, grade, independent
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


def test_documents_of_no_known_outlet_are_never_a_second_source():
    # two outlet-less documents, other sentences: one source, not a confirmation
    assert len(independent([telling("a", None, "un."), telling("b", "", "deux.")])) == 1
    assert grade([telling("a", None, "un."), telling("b", None, "deux.")]) == 2
    # an outlet-less document beside an outlet's article does not confirm it
    assert len(independent([telling("a", "El Watan", "un."), telling("b", None, "deux.")])) == 1
    assert grade([telling("a", "El Watan", "un."), telling("b", None, "deux.")]) == 2
    # two outlets stay two sources, outlet-less documents besides them add none
    assert len(independent([telling("a", "El Watan", "un."), telling("b", "TSA", "deux."),
                            telling("c", None, "trois."), telling("d", None, "quatre.")])) == 2
    # alone, an outlet-less document is a source
    assert grade([telling("a", None, kind="official")]) == 2


def test_a_claim_asserted_by_one_source_and_denied_by_another_is_contested():
    asserted = [telling("a", "El Watan", "un.", "anonymous"), telling("b", "TSA", "deux.", "official")]
    denial = telling("c", "Le Monde", "Il dément.", "named_person", negated=True)
    assert not contested(asserted) and grade(asserted) == 1
    assert contested(asserted + [denial])
    assert grade(asserted + [denial]) == 3                # two sources for, one against: at best possibly true
    assert grade(asserted[:1] + [denial]) == 4            # as many against as for: doubtful
    # one document, an anonymous source asserting and the named person denying: contested too
    same_document = [telling("a", "El Watan", "un.", "anonymous"),
                     telling("a", "El Watan", "Il dément.", "named_person", negated=True)]
    assert contested(same_document)
    # the same source asserting and denying (one document, one kind of source) is no contest
    assert not contested([telling("a", "TSA", "un."), telling("a", "TSA", "deux.", negated=True)])
    # denied only: improbable, not contested
    assert not contested([denial]) and grade([denial]) == 5
    record = corroborate([doc("d1", "El Watan", "Karim Ouali", "Paul Marchal")], canonical)[0].to_record()
    assert record["contested"] is False
