"""The canonical graph as FollowTheMoney entities, one JSON object a line (what ``ftm`` tools,
Aleph and OpenAleph read).

Every entity is built with the followthemoney library (``model.make_entity``, values added
through ``proxy.add``, which cleans them against the property's type), so that a value the model
does not accept is dropped or normalised there rather than written as it is: countries become
lowercase ISO codes, dates stay at the precision the text gave (``2022``, ``2022-11``).

How the ontology maps onto FtM schemata (:data:`ORG_SCHEMA`, :func:`link_schema`):

- PER → ``Person``; ORG → ``PublicBody`` for a state's services (intelligence, police,
  military, government), ``Company`` for a company, ``Organization`` otherwise;
- LOC → ``Territory`` for a country or a region (FtM has no Country schema: countries are a
  property type, and Territory is its schema for a named area), ``Address`` for a city or a site;
- relations → interval schemata: ``head_of`` → ``Directorship``, ``member_of`` and ``part_of``
  between a person or an organisation and an organisation → ``Membership``, ``cooperates_with``
  between two people → ``Associate``, anything else (and every link to a place, which no
  legal-entity schema accepts) → ``UnknownLink`` with the relation type as its ``role``;
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

from ..ontology import EVENT_TYPES
from .graph import CanonicalGraph

#: The FtM schema of an organisation of each kind (ONTOLOGY.md); any other kind: Organization.
ORG_SCHEMA = {"intelligence_service": "PublicBody", "police": "PublicBody", "military": "PublicBody",
              "government": "PublicBody", "company": "Company"}
#: The FtM schema of a place of each kind; a place of no known kind is an Address.
LOC_SCHEMA = {"country": "Territory", "region": "Territory", "city": "Address", "site": "Address"}
#: FtM topics that the kind of an organisation implies, and nothing more (an armed group is not
#: tagged ``crime.terror``: the extraction does not know it is one).
TOPICS = {"intelligence_service": "gov.security", "police": "gov.security", "military": "mil",
          "government": "gov", "international_org": "gov.igo"}
#: How each attribution kind reads in a description (ONTOLOGY.md's words for what it rests on).
SAID_BY = {"anonymous": "according to anonymous sources", "official": "according to an official statement",
           "document": "according to a document", "media": "according to another outlet",
           "named_person": "according to a named person", "none": "the author's own assertion"}


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
    """The FtM schema of a canonical entity (see the module's docstring)."""
    if entity["type"] == "PER":
        return "Person"
    if entity["type"] == "ORG":
        return ORG_SCHEMA.get(entity["kind"], "Organization")
    return LOC_SCHEMA.get(entity["kind"], "Address")


def entity_proxy(entity: dict) -> EntityProxy:
    schema = schema_of(entity)
    values = {"alias": entity["aliases"], "country": entity["country"],
              "description": _entity_description(entity)}
    if schema == "Address":
        values.update(full=entity["name"], city=entity["name"] if entity["kind"] == "city" else None)
    else:
        values["name"] = entity["name"]
    if schema in ("PublicBody", "Organization", "Company"):
        values.update(classification=entity["kind"], topics=TOPICS.get(entity["kind"]))
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

def link_schema(relation: dict, subject: dict, obj: dict) -> tuple[str, str, str]:
    """(schema, subject property, object property) of the link entity of a relation statement."""
    ends = (schema_of(subject), schema_of(obj))
    places = {"Territory", "Address"}
    if ends[0] in places or ends[1] in places:
        return "UnknownLink", "subject", "object"
    organisation = model.get(ends[1]).is_a("Organization")
    if relation["type"] == "head_of" and organisation:
        return "Directorship", "director", "organization"
    if relation["type"] in ("member_of", "part_of") and organisation:
        return "Membership", "member", "organization"
    if relation["type"] == "cooperates_with" and ends == ("Person", "Person"):
        return "Associate", "person", "associate"
    return "UnknownLink", "subject", "object"


def relation_proxy(relation: dict, graph: CanonicalGraph) -> EntityProxy:
    subject, obj = graph.entities[relation["subject"]], graph.entities[relation["object"]]
    schema, subject_prop, object_prop = link_schema(relation, subject, obj)
    role = relation["role"] if schema in ("Directorship", "Membership") and relation["role"] else \
        " ".join(x for x in (relation["type"], relation["role"] and f"({relation['role']})") if x)
    values = {subject_prop: entity_id("entity", subject["canonical"]),
              object_prop: entity_id("entity", obj["canonical"]),
              "relationship" if schema == "Associate" else "role": role,
              "startDate": relation["start"], "endDate": relation["end"], "recordId": relation["id"],
              **_sourced(relation, graph)}
    if model.get(schema).get("status"):
        values["status"] = "denied" if relation["negated"] else ("past" if relation["past"] else "stated")
    return make(schema, relation["id"], "rel", **values)


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
    parts = [SAID_BY.get(said["kind"], said["kind"]) + (f" (\u201c{said['text']}\u201d)" if said["text"] else "")]
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
