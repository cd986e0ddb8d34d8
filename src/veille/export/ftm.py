"""The canonical graph as FollowTheMoney entities, one JSON object a line (what ``ftm`` tools,
Aleph and OpenAleph read).

Every entity is built with the followthemoney library (``model.make_entity``, values added
through ``proxy.add``, which cleans them against the property's type), so that a value the model
does not accept is dropped or normalised there rather than written as it is: countries become
lowercase ISO codes, dates stay at the precision the text gave (``2022``, ``2022-11``).

How the ontology maps onto FtM schemata is declared in ``ontology.py``, with each type
(:func:`schema_of`, :func:`link_schema`):

- an entity → the FtM schema of its kind (``Kind.ftm_schema``), else of its type
  (``EntityType.ftm_schema``): ``Person``; ``PublicBody`` for a state's services, ``Company``,
  ``Organization``; ``Territory`` for a country or a region, ``Address`` for a city or a site;
  an organisation's kind is its ``classification``, with the FtM topics it implies;
- a relation → the interval schema of its type (``RelationType.ftm``: ``Directorship``,
  ``Membership``, ``Associate``) when its ends fit the ranges of that schema's properties,
  anything else (and every link to a place, which no legal-entity schema accepts) →
  ``UnknownLink`` with the relation type as its ``role``;
- events → ``Event``, its participants ``involved`` (places, which ``involved`` does not accept,
  joined by an ``UnknownLink`` of role ``participant``), its place as ``location``;
- each source article → ``Article``, and each entity → the articles that name it through a
  ``Documentation`` (role ``mentioned``).

One link or event entity per statement, not per claim: each carries its own article (``proof``,
``sourceUrl``, ``publisher``, ``date``: the date of the article), its evidence sentence
(``summary``), its dates (``startDate``/``endDate``) and who says so in ``description`` (the
attribution, and the grade of the claim it tells). Ids are readable and deterministic:
``veille-`` and the canonical id for an entity, the content-hash id for a statement or an
article, so re-exporting a store gives the same ids and Aleph updates in place.
"""

import json
from collections.abc import Iterable, Iterator
from typing import IO

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy

from ..errors import InvalidModel
from ..ontology import ATTRIBUTIONS, ENTITIES, EVENT_TYPES, RELATION_TYPES, UNKNOWN_LINK, FtmLink, kind_of
from .graph import CanonicalGraph

def check_mapping() -> None:
    """Raise InvalidModel when ``ontology.py`` names an FtM schema, property or topic that the FtM
    model does not have (run at import, as ``ontology.check``)."""
    topics = model.get("Thing").get("topics").type
    for etype in ENTITIES.values():
        for schema in {etype.ftm_schema} | {k.ftm_schema for k in etype.kinds if k.ftm_schema}:
            if model.get(schema) is None or not model.get(schema).is_a("Thing"):
                raise InvalidModel(f"entity type {etype.name}: no FtM schema {schema!r} for an entity")
        for topic in (t for k in etype.kinds for t in k.topics):
            if not topics.validate(topic):
                raise InvalidModel(f"entity type {etype.name}: no FtM topic {topic!r}")
    for rel in RELATION_TYPES.values():
        link = rel.ftm or UNKNOWN_LINK
        schema = model.get(link.schema)
        if schema is None or not schema.is_a("Interval") or \
                not all(schema.get(p) for p in (link.subject, link.object, link.role)):
            raise InvalidModel(f"relation {rel.name}: the FtM link {link} names no interval schema "
                               "with these properties")


def entity_id(kind: str, key: str) -> str:
    """The FtM id of a veille object: ``veille-`` + what it is + its own (content-hash) id."""
    return f"veille-{kind}-{key}"


def make(schema: str, key: str, kind: str, **values) -> EntityProxy:
    """An entity of ``schema`` with its deterministic id and ``values`` added (cleaned), each
    within its property's length limit (:func:`fitted`), a required name that cleaning left
    empty replaced by a stand-in: what was cut or replaced is told in the entity's ``notes``
    (``description`` for a schema without notes)."""
    proxy = model.make_entity(schema)
    proxy.id = entity_id(kind, key)
    cuts = []
    for prop, value in values.items():
        given = [v for v in (value if isinstance(value, (list, tuple)) else [value]) if v not in (None, "")]
        limit = proxy.schema.get(prop).type.max_length
        for n, v in enumerate(given):
            if isinstance(v, str) and len(v) > limit:
                given[n] = fitted(v, limit)
                cuts.append(f"{prop} cut to {len(given[n]):,} of its {len(v):,} characters")
        if given:
            proxy.add(prop, given)
    notes = ["; ".join(cuts) + " (FollowTheMoney's length limits; the veille store keeps the whole text)"] if cuts else []
    for prop in sorted(proxy.schema.required):
        if not proxy.get(prop) and values.get(prop) and proxy.schema.get(prop).type.name in _WORDS:
            # given, but nothing of it is left once cleaned (invisible characters only): an
            # entity without its required name would make the whole export fail
            proxy.add(prop, f"(no readable {prop}: veille {kind} {key})")
            notes.append(f"{prop}: the text gave {values[prop]!r}, with no character FollowTheMoney keeps")
    if notes:
        proxy.add("notes" if proxy.schema.get("notes") else "description", "; ".join(notes))
    return proxy


#: Property types a stand-in value can be written for (words; not references, dates, codes).
_WORDS = {"name", "string", "text", "address"}


def fitted(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a space when one is near, with "…"."""
    cut = text[:limit - 1]
    space = cut.rfind(" ", max(0, len(cut) - 200))
    return (cut[:space] if space > 0 else cut).rstrip() + "\u2026"


# ---------------------------------------------------------------- entities and articles

def schema_of(entity: dict) -> str:
    """The FtM schema of a canonical entity: its kind's, else its type's (``ontology.py``)."""
    kind = kind_of(entity["type"], entity["kind"])
    return kind.ftm_schema if kind and kind.ftm_schema else ENTITIES[entity["type"]].ftm_schema


def entity_proxy(entity: dict) -> EntityProxy:
    schema = schema_of(entity)
    values = {"alias": entity["aliases"], "country": entity["country"],
              "description": _entity_description(entity)}
    if schema == "Address":
        values.update(full=entity["name"], city=entity["name"] if entity["kind"] == "city" else None)
    else:
        values["name"] = entity["name"]
    if model.get(schema).is_a("Organization"):
        kind = kind_of(entity["type"], entity["kind"])
        values.update(classification=entity["kind"], topics=list(kind.topics) if kind else None)
    return make(schema, entity["canonical"], "entity", **values)


def _entity_description(entity: dict) -> str:
    what = " ".join(x for x in (entity["type"], entity["kind"]) if x)
    return f"{what}; named in {len(entity['documents'])} document(s); veille canonical id {entity['canonical']}"


def article_proxy(key: str, doc: dict) -> EntityProxy:
    return make("Article", key, "doc", title=doc["title"] or doc["doc_id"], publishedAt=doc["published"],
                publisher=doc["source"], author=doc["authors"], sourceUrl=doc["url"],
                language=doc["language"], bodyText=doc["text"], fileName=doc["doc_id"])


def documentation_proxies(graph: CanonicalGraph) -> Iterator[EntityProxy]:
    """Each entity → each article that names it."""
    for target, entity in graph.entities.items():
        for doc in entity["documents"]:
            yield make("Documentation", f"{target}-{doc}", "named", role="mentioned",
                       entity=entity_id("entity", target), document=entity_id("doc", doc))


# ---------------------------------------------------------------- relation statements

def link_schema(relation: dict, subject: dict, obj: dict) -> FtmLink:
    """The FtM link of a relation statement: its type's (``RelationType.ftm``) when the schemata
    of its ends fit the ranges of the link's subject and object properties, else UnknownLink."""
    link = RELATION_TYPES[relation["type"]].ftm
    if link and _fits(link, link.subject, subject) and _fits(link, link.object, obj):
        return link
    return UNKNOWN_LINK


def _fits(link: FtmLink, prop: str, end: dict) -> bool:
    return model.get(schema_of(end)).is_a(model.get(link.schema).get(prop).range)


def relation_proxy(relation: dict, graph: CanonicalGraph) -> EntityProxy:
    subject, obj = graph.entities[relation["subject"]], graph.entities[relation["object"]]
    link = link_schema(relation, subject, obj)
    # a role of the link its type declares is the office itself ("patron"); any other link
    # says which relation it stands for
    role = relation["role"] if link != UNKNOWN_LINK and relation["role"] else \
        " ".join(x for x in (relation["type"], relation["role"] and f"({relation['role']})") if x)
    values = {link.subject: entity_id("entity", subject["canonical"]),
              link.object: entity_id("entity", obj["canonical"]), link.role: role,
              "startDate": relation["start"], "endDate": relation["end"], "recordId": relation["id"],
              **_sourced(relation, graph)}
    if model.get(link.schema).get("status"):
        values["status"] = "denied" if relation["negated"] else ("past" if relation["past"] else "stated")
    return make(link.schema, relation["id"], "rel", **values)


def _sourced(statement: dict, graph: CanonicalGraph) -> dict:
    """The properties that say where a statement comes from and who says so."""
    doc = graph.documents[statement["document"]]
    return {"summary": statement["evidence"]["text"], "description": attribution_text(statement, doc),
            "proof": entity_id("doc", statement["document"]), "publisher": doc["source"],
            "sourceUrl": doc["url"], "date": doc["published"]}


def attribution_text(statement: dict, doc: dict) -> str:
    """Who says so, in words: 'according to anonymous sources ("selon nos sources"), relayed by
    document; hedged; in Maghreb Veille Hebdo, 2024-03-12 (doc_id); claim graded 3 (possibly true)'."""
    said = statement["attribution"]
    kind = ATTRIBUTIONS.get(said["kind"])
    parts = [(kind.according_to if kind else said["kind"]) + (f" (\u201c{said['text']}\u201d)" if said["text"] else "")]
    if said["via"]:
        parts[0] += ", relayed by " + ", ".join(said["via"])
    if said["hedged"]:
        parts.append("hedged")
    if statement["negated"]:
        parts.append("denied by the text")
    parts.append("in " + ", ".join(x for x in (doc["source"], doc["published"]) if x) + f" ({doc['doc_id']})"
                 if doc["source"] or doc["published"] else f"in {doc['doc_id']}")
    if statement.get("grade"):
        parts.append(f"claim graded {statement['grade']} ({statement['grade_label']})")
    return "; ".join(parts)


# ---------------------------------------------------------------- event statements

def event_proxies(event: dict, graph: CanonicalGraph) -> Iterator[EntityProxy]:
    """The Event entity of an event statement, and a link from each participant or place that
    ``involved`` and ``addressEntity`` cannot name (a country, a region)."""
    members = [graph.entities[p] for p in event["participants"]]
    place = graph.entities[event["place"]] if event["place"] else None
    legal = [m for m in members if model.get(schema_of(m)).is_a("LegalEntity")]
    label = EVENT_TYPES[event["type"]].label
    name = f"{event['type']} ({label})" + (": " + ", ".join(m["name"] for m in members) if members else "")
    values = {**_sourced(event, graph),      # its date is the event's, not the article's
              "name": name, "date": event["date"], "involved": [entity_id("entity", m["canonical"]) for m in legal],
              "location": place and place["name"], "country": place and place["country"],
              "keywords": [event["type"], event["cameo"] and f"CAMEO {event['cameo']}", event["subtype"]],
              "recordId": event["id"]}
    if place and schema_of(place) == "Address":
        values["addressEntity"] = entity_id("entity", place["canonical"])
    if event["negated"]:
        values["name"] = f"[denied] {name}"
    yield make("Event", event["id"], "evt", **values)
    linked = [("participant", m) for m in members if m not in legal]
    if place and "addressEntity" not in values:
        linked.append(("place", place))
    for n, (role, member) in enumerate(linked):
        yield make("UnknownLink", f"{event['id']}-{n}", "in-event", role=role,
                   subject=entity_id("entity", member["canonical"]), object=entity_id("evt", event["id"]),
                   proof=entity_id("doc", event["document"]))


# ---------------------------------------------------------------- the whole graph

def ftm_entities(graph: CanonicalGraph) -> Iterator[EntityProxy]:
    """Every FtM entity of the canonical graph: articles, entities, mentions, links, events."""
    for key, doc in graph.documents.items():
        yield article_proxy(key, doc)
    for entity in graph.entities.values():
        yield entity_proxy(entity)
    yield from documentation_proxies(graph)
    for relation in graph.relations:
        yield relation_proxy(relation, graph)
    for event in graph.events:
        yield from event_proxies(event, graph)


def check(proxy: EntityProxy) -> None:
    """Raise :class:`InvalidData` unless ``proxy`` is valid against the FtM model: its values
    valid for their types, its required properties present, and read back the same."""
    data = proxy.to_dict()
    proxy.schema.validate(data)
    missing = [p for p in proxy.schema.required if not proxy.get(p)]
    if missing:
        raise InvalidData(f"{proxy.schema.name} {proxy.id} lacks {', '.join(missing)}")
    if model.get_proxy(data, cleaned=False).to_dict() != data:
        raise InvalidData(f"{proxy.schema.name} {proxy.id} does not read back the same")


def write_ftm(graph: CanonicalGraph, stream: IO[bytes]) -> int:
    """Write every entity, checked (:func:`check`), as one JSON object a line in UTF-8 to the
    binary ``stream``; return how many."""
    count = 0
    for proxy in ftm_entities(graph):
        check(proxy)
        stream.write((json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
        count += 1
    return count


def read_ftm(lines: Iterable[str]) -> list[EntityProxy]:
    """FtM entities from JSON lines, values cleaned again by the library (as ``ftm validate``)."""
    return [model.get_proxy(json.loads(line), cleaned=False) for line in lines if line.strip()]


check_mapping()
