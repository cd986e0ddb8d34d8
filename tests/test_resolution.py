"""The cross-document resolver (``resolution.py``) on entity records built by hand: no model, no store."""

import random

from veille.extract import resolve
from veille.model import Document, Entity, TextSpan
from veille.extract.resolution import (
    CONTEXT_FLOOR, MAX_BLOCK, POSITIVE, UNSURE, EntityRecord, Judgement, blocks, canonical_of,
    group_records, resolve as resolve_records, resolve_run)


def person(id_, doc, name, **kw):
    return EntityRecord(id_, doc, name, "PER", "person", **kw)


def org(id_, doc, name, country=None, kind="intelligence_service", **kw):
    return EntityRecord(id_, doc, name, "ORG", kind, country, **kw)


def verdict(records, a, b, known=None):
    """The resolver's judgement on the groups of records ``a`` and ``b``; None if never compared."""
    by_id = {r.id: r for r in records}
    pair = {by_id[a].group, by_id[b].group}
    return next((c for c in resolve_records(records, known or {}).candidates if {c.left, c.right} == pair), None)


def same(records, *ids, analyst=()):
    canonical = canonical_of(records, analyst)
    return len({canonical[i] for i in ids}) == 1


# ---------------------------------------------------------------- what must resolve

def test_a_misspelled_surname_is_the_same_person():
    records = [person("a", "d1", "Mokhtar Belmokhtar"), person("b", "d2", "Mokhtar Bekmokhtar")]
    judged = verdict(records, "a", "b")
    assert judged.judgement == "positive" and judged.reason == "misspelled name"
    assert same(records, "a", "b")


def test_a_misspelled_name_with_a_letter_less_is_the_same_person():
    records = [person("a", "d1", "Sidney Blumenthal"), person("b", "d2", "Sidney Blumental")]
    assert verdict(records, "a", "b").judgement == "positive"
    assert same(records, "a", "b")


def test_lone_misspelled_surnames_need_shared_context():
    alone = [person("a", "d1", "Belmokhtar"), person("b", "d2", "Bekmokhtar")]
    assert verdict(alone, "a", "b").judgement == "unsure"
    assert not same(alone, "a", "b")
    context = frozenset({"entry:xx-aqmi", "entry:country-dz"})
    together = [person("a", "d1", "Belmokhtar", context=context),
                person("b", "d2", "Bekmokhtar", context=context)]
    assert verdict(together, "a", "b").judgement == "positive"
    assert same(together, "a", "b")


def test_short_names_one_letter_apart_are_not_misspellings():
    records = [person("a", "d1", "Karim Ouali"), person("b", "d2", "Karim Ouadi")]
    assert not same(records, "a", "b")


def test_an_acronym_joins_its_expansion():
    records = [org("a", "d1", "DGSE", "FR"), org("b", "d2", "Direction générale de la sécurité extérieure", "FR")]
    judged = verdict(records, "a", "b")
    assert judged.judgement == "positive" and judged.reason == "acronym and expansion"
    assert same(records, "a", "b")


def test_an_expansion_with_a_misspelled_word_joins_the_expansion():
    records = [org("a", "d1", "la Direction générale de la sécurité extérieure", "FR"),
               org("b", "d2", "Direction generale de la securite exterieur", "FR")]
    assert verdict(records, "a", "b").judgement == "positive"


def test_an_expansion_of_another_word_is_another_service():
    records = [org("a", "d1", "Direction générale de la sécurité extérieure", "FR"),
               org("b", "d2", "Direction générale de la sécurité intérieure", "FR")]
    assert verdict(records, "a", "b").judgement == "negative"
    assert not same(records, "a", "b")


def test_case_accents_and_curly_apostrophes_are_one_spelling():
    records = [person("a", "d1", "M’henna Djebbar"), person("b", "d2", "M'HENNA DJEBBAR"),
               person("c", "d3", "Djebbar", aliases=("M’henna Djebbar",))]
    assert same(records, "a", "b", "c")


def test_a_lone_surname_joins_the_only_full_name_that_has_it():
    records = [person("a", "d1", "Lerner"), person("b", "d2", "Nicolas Lerner")]
    judged = verdict(records, "a", "b")
    assert judged.judgement == "positive" and judged.reason == "surname of a full name"
    assert same(records, "a", "b")


def test_one_identity_key_is_one_entity_whatever_the_names():
    records = [org("a", "d1", "DGSE", "FR", identity="entry:fr-dgse"),
               org("b", "d2", "services de renseignement extérieur français", "FR", identity="entry:fr-dgse")]
    canonical = canonical_of(records)
    assert canonical["a"] == canonical["b"] == resolve.canonical_id("ORG", "entry:fr-dgse")
    assert resolve_records(records).candidates == []


# ---------------------------------------------------------------- what must stay apart

def test_namesakes_with_different_first_names_stay_apart():
    records = [person("a", "d1", "Hillary Clinton"), person("b", "d2", "Bill Clinton")]
    judged = verdict(records, "a", "b")
    assert judged.judgement == "negative" and judged.reason == "different first names"
    assert not same(records, "a", "b")


def test_a_lone_surname_between_two_namesakes_is_unsure():
    records = [person("c", "d1", "Clinton"), person("h", "d2", "Hillary Clinton"), person("b", "d3", "Bill Clinton")]
    assert verdict(records, "c", "h").judgement == "unsure"
    assert verdict(records, "c", "b").judgement == "unsure"
    canonical = canonical_of(records)
    assert len({canonical["c"], canonical["h"], canonical["b"]}) == 3


def test_shared_context_settles_an_ambiguous_surname():
    context = frozenset({"entry:xx-wikileaks", "entry:us-state"})
    records = [person("c", "d1", "Clinton", context=context), person("h", "d2", "Hillary Clinton", context=context),
               person("b", "d3", "Bill Clinton")]
    assert verdict(records, "c", "h").judgement == "positive"
    assert verdict(records, "c", "b").judgement == "unsure"
    assert same(records, "c", "h") and not same(records, "c", "b")


def test_look_alike_acronyms_of_two_states_stay_apart():
    gazetteer = [org("fr", "d1", "DGSI", "FR", identity="entry:fr-dgsi"),
                 org("dz", "d2", "Direction générale de la sécurité intérieure", "DZ", identity="entry:dz-dgsi",
                     aliases=("DGSI",))]
    assert verdict(gazetteer, "fr", "dz").judgement == "negative"
    assert not same(gazetteer, "fr", "dz")
    by_name = [org("fr", "d1", "DGSI", "FR"), org("dz", "d2", "DGSI", "DZ"), org("x", "d3", "DGSI")]
    assert verdict(by_name, "fr", "dz").reason == "different countries"
    assert verdict(by_name, "x", "fr").judgement == verdict(by_name, "x", "dz").judgement == "unsure"
    canonical = canonical_of(by_name)
    assert len({canonical["fr"], canonical["dz"], canonical["x"]}) == 3


def test_a_service_of_a_known_state_joins_its_unstated_namesake_when_alone():
    records = [org("fr", "d1", "DGSI", "FR"), org("x", "d2", "DGSI")]
    assert same(records, "fr", "x")
    assert canonical_of(records)["fr"] == resolve.canonical_id("ORG", "name:ORG:dgsi")


def test_a_city_is_not_its_country():
    records = [EntityRecord("a", "d1", "Alger", "LOC", "city", "DZ"),
               EntityRecord("b", "d2", "Algérie", "LOC", "country", "DZ", aliases=("Alger",))]
    assert not same(records, "a", "b")


def test_what_one_document_names_apart_stays_apart():
    records = [person("a", "d1", "Mokhtar Belmokhtar"), person("b", "d1", "Mokhtar Bekmokhtar")]
    assert verdict(records, "a", "b").reason == "one document names them apart"
    chained = records + [person("c", "d2", "Mokhtar Belmokhtar", aliases=("Mokhtar Bekmokhtar",))]
    canonical = canonical_of(chained)
    assert canonical["a"] != canonical["b"]


# ---------------------------------------------------------------- judgements

def test_a_negative_judgement_blocks_a_merge():
    records = [person("a", "d1", "Lerner"), person("b", "d2", "Nicolas Lerner")]
    assert same(records, "a", "b")
    apart = [Judgement("a", "b", "negative")]
    assert not same(records, "a", "b", analyst=apart)


def test_a_negative_judgement_between_groups_blocks_a_chain():
    records = [org("a", "d1", "DGSE", "FR"), org("b", "d2", "Direction générale de la sécurité extérieure", "FR"),
               org("c", "d3", "Direction générale de la sécurité extérieur", "FR")]
    assert same(records, "a", "b", "c")
    by_id = {r.id: r for r in records}
    apart = [Judgement(by_id["a"].group, by_id["c"].group, "negative")]
    canonical = canonical_of(records, apart)
    assert canonical["a"] != canonical["c"]
    assert canonical["b"] in (canonical["a"], canonical["c"])


def test_an_analyst_joins_what_the_resolver_would_not():
    records = [person("a", "d1", "Toufik"), person("b", "d2", "Mohamed Mediène")]
    assert not same(records, "a", "b")
    assert same(records, "a", "b", analyst=[Judgement("a", "b", "positive")])


def test_known_pairs_are_not_compared_again():
    records = [person("a", "d1", "Lerner"), person("b", "d2", "Nicolas Lerner")]
    known = {frozenset(r.group for r in records): "negative"}
    assert resolve_records(records, known).candidates == []


# ---------------------------------------------------------------- blocking

SYLLABLES = ["ba", "ka", "mi", "lo", "ra", "ne", "zu", "ti", "sa", "do", "fe", "gu", "ha", "jo", "ri",
             "mo", "na", "le", "ve", "ou", "che", "dri", "bel", "kar", "tal"]
WORDS = ["direction", "générale", "de", "la", "sécurité", "service", "national", "bureau", "agence",
         "renseignement", "militaire", "central", "du", "territoire", "front", "armée", "police"]


def generated(n: int, seed: int = 0) -> list[EntityRecord]:
    """``n`` entities, 15 a document, of invented names: people, organisations, places."""
    rng = random.Random(seed)
    word = lambda: "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
    records = []
    for i in range(n):
        doc, kind = f"d{i // 15}", i % 3
        if kind == 0:
            records.append(person(f"p{i}", doc, f"{word()} {word()}"))
        elif kind == 1:
            name = " ".join(rng.sample(WORDS, rng.randint(2, 5))) + " " + word()
            records.append(org(f"o{i}", doc, name, rng.choice(["FR", "DZ", "MA", None])))
        else:
            records.append(EntityRecord(f"l{i}", doc, word(), "LOC", "city"))
    return records


def test_blocking_keeps_the_compared_pairs_far_below_n_squared():
    records = generated(3000)
    resolution = resolve_records(records)
    assert all(len(ids) <= MAX_BLOCK for ids in blocks(resolution.groups).values())
    compared = len(resolution.candidates)
    assert 0 < compared < 5 * len(records)          # n² / 2 would be 4.5 million
    assert len(group_records(records)) > 2900


# ---------------------------------------------------------------- one extraction run

def doc(doc_id: str, *entities: Entity) -> Document:
    text = " ".join(e.name for e in entities) + "."
    for e in entities:
        e.mentions = [TextSpan(text.index(e.name), text.index(e.name) + len(e.name), e.name)]
    return Document(doc_id=doc_id, text=text, entities=list(entities))


def test_resolve_run_gives_one_canonical_id_across_the_documents():
    docs = [doc("one", Entity("e1", "Mokhtar Belmokhtar", "PER", "person", identity="name:PER:mokhtar belmokhtar"),
                Entity("e2", "DGSE", "ORG", "intelligence_service", "FR", identity="entry:fr-dgse")),
            doc("two", Entity("e1", "DGSE", "ORG", "intelligence_service", "FR", identity="entry:fr-dgse"),
                Entity("e2", "Mokhtar Bekmokhtar", "PER", "person", identity="name:PER:mokhtar bekmokhtar"),
                Entity("e3", "Hillary Clinton", "PER", "person", identity="name:PER:hillary clinton"),
                Entity("e4", "Bill Clinton", "PER", "person", identity="name:PER:bill clinton"))]
    resolve_run(docs)
    one, two = ({e.name: e.canonical for e in d.entities} for d in docs)
    assert one["Mokhtar Belmokhtar"] == two["Mokhtar Bekmokhtar"]
    dgse = "Direction générale de la sécurité extérieure"          # named by the gazetteer's official name
    assert one[dgse] == two[dgse] == resolve.canonical_id("ORG", "entry:fr-dgse")
    assert docs[0].entities[1].aliases == ["DGSE"]
    assert two["Hillary Clinton"] != two["Bill Clinton"]
    assert len(set(one.values()) | set(two.values())) == 4


def test_thresholds_are_ordered():
    assert CONTEXT_FLOOR < UNSURE < POSITIVE <= 1
