"""Look-alike services and canonical names: the resolve stage (``resolve.py``), the run's
resolver (``resolution.resolve_run``) and the store's (``veille resolve``), on documents written
for these tests (no model)."""

import pytest
from sqlalchemy import select

from veille.extract import resolve
from veille.model import Document, Entity, TextSpan
from veille.extract.resolution import (
    EntityRecord, Judgement, canonical_of, resolve as resolve_records, resolve_run)
from veille.store import Store
from veille.store.canonical import Resolver, describe
from veille.store.ingest import store_document
from veille.store.judgements import canonical_ids, resolve_store
from veille.store.schema import entities, judgements

DGSE = "Direction générale de la sécurité extérieure"


def entity(local, name, entry=None, country=None, kind="intelligence_service", type_="ORG", *, identity=None,
           stated=None, aliases=()):
    identity = identity or (f"entry:{entry}" if entry else f"name:{type_}:{name.lower()}")
    return Entity(local, name, type_, kind, country, list(aliases), identity=identity, stated_country=stated)


def place(local, name, entry, country, kind="city"):
    return entity(local, name, entry, country, kind, "LOC")


def article(doc_id: str, sentence: str, *found: Entity, source: str | None = None) -> Document:
    """A document of ``sentence``, each entity mentioned where its name (or first alias) is."""
    for e in found:
        surface = next(s for s in (e.name, *e.aliases) if s in sentence)
        at = sentence.index(surface)
        e.mentions = [TextSpan(at, at + len(surface), surface)]
    return resolve.resolve(Document(doc_id=doc_id, text=sentence, source=source, entities=list(found)))


def named(doc: Document, name: str) -> Entity:
    return next(e for e in doc.entities if e.name == name or name in e.aliases)


def canonical(doc: Document, name: str) -> str:
    return named(doc, name).canonical


# ---------------------------------------------------------------- a name several states' services bear

def test_a_shared_acronym_takes_the_state_the_document_speaks_of():
    doc = article("ma", "À Rabat, la DGSN a arrêté deux suspects marocains, selon la police marocaine.",
                  place("e1", "Rabat", "loc-ma-rabat", "MA"), entity("e2", "DGSN", "dz-dgsn", "DZ", "police"))
    dgsn = named(doc, "DGSN")
    assert (dgsn.identity, dgsn.country, dgsn.name) == ("entry:ma-dgsn", "MA", "DGSN")


def test_a_shared_acronym_in_a_document_that_gives_no_state_is_its_document_s_own():
    doc = article("x", "La DGSI a interpellé un homme mardi, selon une source proche du dossier.",
                  entity("e1", "DGSI", "dz-dgsi", "DZ"))
    dgsi = named(doc, "DGSI")
    assert dgsi.identity.startswith(resolve.UNSURE) and dgsi.country is None and dgsi.name == "DGSI"
    other = article("y", "La DGSI a perquisitionné un appartement, a-t-on appris de source policière.",
                    entity("e1", "DGSI", "dz-dgsi", "DZ"))
    assert canonical(other, "DGSI") != dgsi.canonical          # two documents, two unknown states


def test_the_state_the_text_gives_or_the_document_supports_is_kept():
    stated = article("s", "La DGSI algérienne a démenti.", entity("e1", "DGSI", "dz-dgsi", "DZ", stated="DZ"))
    assert named(stated, "DGSI").identity == "entry:dz-dgsi"
    supported = article("f", "À Lyon, la DGSI a interpellé un homme.",
                        place("e1", "Lyon", "loc-fr-lyon", "FR"), entity("e2", "DGSI", "fr-dgsi", "FR"))
    assert named(supported, "DGSI").identity == "entry:fr-dgsi"


def test_the_outlet_s_state_counts_as_evidence():
    doc = article("w", "La DGSN a ouvert une enquête.", entity("e1", "DGSN", "ma-dgsn", "MA", "police"),
                  source="El Watan")
    assert named(doc, "DGSN").identity == "entry:dz-dgsn"


def test_a_document_speaking_of_two_states_alike_gives_no_state():
    doc = article("fd", "Entre Paris et Alger, la Gendarmerie nationale coopère.",
                  place("e1", "Paris", "loc-fr-paris", "FR"), place("e2", "Alger", "loc-dz-alger", "DZ"),
                  entity("e3", "Gendarmerie nationale", "dz-gn", "DZ", "police"))
    assert named(doc, "Gendarmerie nationale").identity.startswith(resolve.UNSURE)


def test_an_unknown_state_is_unsure_against_each_state_s_service_never_merged():
    docs = [article("a", "La DGSI a interpellé un homme mardi.", entity("e1", "DGSI", "dz-dgsi", "DZ")),
            article("b", "À Lyon, la DGSI enquête.", place("e1", "Lyon", "loc-fr-lyon", "FR"),
                    entity("e2", "DGSI", "fr-dgsi", "FR"))]
    resolve_run(docs)
    assert canonical(docs[0], "DGSI") != canonical(docs[1], "DGSI")
    records = [EntityRecord(f"{n}:{e.id}", str(n), e.name, e.type, e.kind, e.country, e.identity,
                            tuple(e.aliases)) for n, d in enumerate(docs) for e in d.entities]
    [judged] = [c for c in resolve_records(records).candidates if c.judgement != "negative"]
    assert judged.judgement == "unsure" and "several states bear 'dgsi'" in judged.reason


# ---------------------------------------------------------------- former names

def test_a_former_name_is_the_predecessor_never_its_successor():
    doc = article("k", "Ancien du FSB, issu du KGB, il vit à Londres.",
                  entity("e1", "FSB", "ru-fsb", "RU"), entity("e2", "KGB", "ru-fsb", "RU"))
    assert named(doc, "KGB").identity.startswith(resolve.FORMER)
    assert canonical(doc, "KGB") != canonical(doc, "FSB")
    resolve_run([doc])
    assert named(doc, "FSB").name == "Service fédéral de sécurité" and named(doc, "KGB").name == "KGB"


def test_two_documents_former_names_are_unsure_not_merged():
    docs = [article("k1", "Un ancien agent du KGB a été arrêté.", entity("e1", "KGB", "ru-fsb", "RU")),
            article("k2", "Recruté par le KGB dans les années 1980.", entity("e1", "KGB", "ru-fsb", "RU"))]
    resolve_run(docs)
    assert canonical(docs[0], "KGB") != canonical(docs[1], "KGB")


# ---------------------------------------------------------------- forms the gazetteer does not list

def test_a_state_s_formal_name_is_the_country():
    doc = article("r", "La République algérienne a protesté.", place("e1", "République algérienne", None, None, None))
    algeria = named(doc, "République algérienne")
    assert (algeria.identity, algeria.kind, algeria.country) == ("entry:country-dz", "country", "DZ")
    resolve_run([doc])
    assert (algeria.name, algeria.aliases) == ("Algérie", ["République algérienne"])


def test_a_descriptive_name_glossed_by_an_acronym_is_that_service():
    doc = article("g", "Les services de renseignement algériens (ex-DRS) ont été dissous.",
                  entity("e1", "services de renseignement algériens", None, "DZ",
                         identity="desc:intelligence_service:DZ:None"))
    drs = named(doc, "services de renseignement algériens")
    assert drs.identity == "entry:dz-drs" and drs.name == "Département du renseignement et de la sécurité"


def test_a_descriptive_name_without_a_state_is_keyed_by_its_name():
    assert resolve.identity("ORG", "gouvernement de Tobrouk", "government", None, None, None, True) \
        != resolve.identity("ORG", "gouvernement de Tripoli", "government", None, None, None, True)
    assert resolve.identity("ORG", "services secrets algériens", "intelligence_service", "DZ", None, None, True) \
        == "desc:intelligence_service:DZ:None"


# ---------------------------------------------------------------- canonical names

def test_a_known_service_is_named_by_its_official_name_never_a_descriptive_variant():
    doc = article("n", "La DGSE française a recruté.",
                  entity("e1", "DGSE française", "fr-dgse", "FR", stated="FR", aliases=("DGSE",)))
    dgse = named(doc, "DGSE française")
    assert dgse.name == DGSE and dgse.aliases == ["DGSE française", "DGSE"]
    assert [m.text for m in dgse.mentions] == ["DGSE française"]


def test_within_a_document_the_text_s_own_acronym_stays_its_name_across_documents_the_official_one():
    docs = [article("1", "La DGST enquête.", entity("e1", "DGST", "ma-dgst", "MA", stated="MA")),
            article("2", "La Direction générale de la surveillance du territoire (DGST) enquête.",
                    entity("e1", "Direction générale de la surveillance du territoire", "ma-dgst", "MA",
                           stated="MA", aliases=("DGST",)))]
    assert named(docs[0], "DGST").name == "DGST"
    resolve_run(docs)
    first, second = named(docs[0], "DGST"), named(docs[1], "DGST")
    assert first.name == second.name == "Direction générale de la surveillance du territoire"
    assert first.aliases == ["DGST"] and first.canonical == second.canonical


def test_an_alias_that_only_spells_the_official_name_otherwise_is_left_out():
    docs = [article("a", "La Direction centrale de la sécurité de l’armée (DCSA) enquête.",
                    entity("e1", "Direction centrale de la sécurité de l’armée", "dz-dcsa", "DZ", aliases=("DCSA",)))]
    resolve_run(docs)
    dcsa = named(docs[0], "DCSA")
    assert dcsa.name == "Direction centrale de la sécurité de l'armée" and dcsa.aliases == ["DCSA"]
    assert [m.text for m in dcsa.mentions] == ["Direction centrale de la sécurité de l’armée"]


def test_a_name_the_gazetteer_does_not_know_is_left_as_the_text_gives_it():
    doc = article("p", "Karim Ouali dirige le service.", entity("e1", "Karim Ouali", type_="PER", kind="person"))
    assert named(doc, "Karim Ouali").name == "Karim Ouali"


# ---------------------------------------------------------------- types

def test_a_person_never_joins_an_organisation_even_by_an_analyst_s_judgement():
    records = [EntityRecord("p", "d1", "Wagner", "PER", "person"),
               EntityRecord("o", "d2", "Wagner", "ORG", "armed_group")]
    ids = canonical_of(records, analyst=[Judgement("p", "o", "positive")])
    assert ids["p"] != ids["o"]


# ---------------------------------------------------------------- the store

@pytest.fixture
def store(store_url):
    with Store.open(store_url) as opened:
        yield opened


def test_the_store_s_resolver_keeps_look_alikes_apart_and_records_why(store):
    docs = [article("a", "La DGSI a interpellé un homme mardi.", entity("e1", "DGSI", "dz-dgsi", "DZ")),
            article("b", "À Lyon, la DGSI enquête.", place("e1", "Lyon", "loc-fr-lyon", "FR"),
                    entity("e2", "DGSI", "fr-dgsi", "FR")),
            article("c", "À Alger, la DGSI enquête aussi.", place("e1", "Alger", "loc-dz-alger", "DZ"),
                    entity("e2", "DGSI", "dz-dgsi", "DZ"))]
    for doc in docs:
        store_document(store, doc)
    report = resolve_store(store)
    assert report.positive == 0 and report.unsure == 2
    with store.read() as connection:
        notes = {r.judgement: r.note for r in connection.execute(select(judgements))}
        rows = connection.execute(select(entities.c.id, entities.c.identity).where(entities.c.type == "ORG")).all()
    assert "its document gives no state" in notes["unsure"] and notes["negative"].endswith("two curated identities")
    ids = canonical_ids(store)
    assert len({ids[r.id] for r in rows}) == 3


def test_the_store_names_a_canonical_entity_by_its_official_name(store):
    docs = [article(f"d{n}", f"Selon Le Monde, la DGSE a recruté ({n}).",
                    entity("e1", "DGSE", "fr-dgse", "FR", stated="FR")) for n in range(2)]
    docs.append(article("d9", "La DGSE française, dit-on.",
                        entity("e1", "DGSE française", identity="name:ORG:dgse francaise", country="FR")))
    docs.append(article("d8", "La DGSE française encore.",
                        entity("e1", "DGSE française", identity="name:ORG:dgse francaise", country="FR")))
    docs.append(article("d7", "La DGSE française toujours.",
                        entity("e1", "DGSE française", identity="name:ORG:dgse francaise", country="FR")))
    for doc in docs:
        store_document(store, doc)
    target = canonical(docs[0], "DGSE")
    other = canonical(docs[2], "DGSE française")
    merged = Resolver({other: target})                      # as an analyst's merge would give
    with store.read() as connection:
        described = describe(connection, merged, [target])[target]
    assert described["name"] == DGSE and {"DGSE", "DGSE française"} <= set(described["aliases"])


def test_a_shared_name_of_a_state_the_gazetteer_lacks_takes_that_state_unsure():
    doc = article("tn", "À Tunis, la direction générale de la sûreté nationale a révoqué deux cadres, a annoncé "
                  "le ministère tunisien de l'Intérieur.", place("e1", "Tunis", "loc-tn-tunis", "TN"),
                  entity("e2", "direction générale de la sûreté nationale", "dz-dgsn", "DZ", "police"))
    dgsn = named(doc, "direction générale de la sûreté nationale")
    assert dgsn.identity.startswith(resolve.UNSURE) and dgsn.country == "TN"


def test_a_name_a_service_bears_today_is_not_taken_for_another_state_s_former_name():
    doc = article("ml", "L'ANSE malienne surveille Tombouctou ; à Paris, la DGSE suit le dossier.",
                  entity("e1", "ANSE", "ml-anse", "ML", stated="ML"),
                  place("e2", "Tombouctou", "loc-ml-tombouctou", "ML"),
                  place("e3", "Paris", "loc-fr-paris", "FR"), entity("e4", "DGSE", "fr-dgse", "FR"))
    assert named(doc, "DGSE").identity == "entry:fr-dgse"


def test_a_foreign_service_named_beside_a_shared_name_does_not_give_it_its_state():
    # the Mossad is Israel's; the DGSI an article names beside it is still France's or Algeria's
    doc = article("il", "La DGSI a interpellé deux agents présumés du Mossad.",
                  entity("e1", "DGSI", "fr-dgsi", "FR"), entity("e2", "Mossad", "il-mossad", "IL", stated="IL"))
    dgsi = named(doc, "DGSI")
    assert dgsi.identity.startswith(resolve.UNSURE) and dgsi.country is None


def test_a_name_another_state_bore_before_is_never_today_s_bearer_by_default():
    # 'DST': Côte d'Ivoire's service today, France's former one; the article speaks of France only
    doc = article("fr", "À Paris, la DST surveillait les réseaux islamistes avant 2008.",
                  place("e1", "Paris", "loc-fr-paris", "FR"), entity("e2", "DST", "ci-dst", "CI"))
    dst = named(doc, "DST")
    assert dst.identity.startswith(resolve.FORMER) and dst.country == "FR"
    alone = article("xx", "La DST a été dissoute.", entity("e1", "DST", "ci-dst", "CI"))
    assert named(alone, "DST").identity.startswith(resolve.UNSURE) and named(alone, "DST").country is None
    abidjan = article("ci", "À Abidjan, la DST a arrêté deux suspects.",
                      place("e1", "Abidjan", "loc-ci-abidjan", "CI"), entity("e2", "DST", "ci-dst", "CI"))
    assert named(abidjan, "DST").identity == "entry:ci-dst"
