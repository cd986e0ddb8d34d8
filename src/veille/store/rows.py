"""A :class:`Document` into the rows of the store's tables, and those rows back into a Document.

Every id is a content hash, so storing the same facts twice gives the same ids (FollowTheMoney's
``Statement.make_key``):

- a document: ``clean.fingerprint`` of its cleaned body (sha256; case, spacing and apostrophe
  variants ignored, as when a batch skips an article given twice);
- an entity: sha1 of the document id, its local id and what the extraction says of it;
- a relation or an event: sha1 of the document id, its type, the identity keys of the entities
  it links (not their local ``e1``/``e2``, which only number them), its evidence span and every
  other field of its record. Two records of one document that differ only by which of two
  entities with the same identity they name are one statement.

Canonical ids are not stored: they are computed on read from the identity key
(``resolve.canonical_id``), the judgements layer will refine them without rewriting a row.
"""

import hashlib
import json
from typing import Callable
from dataclasses import dataclass, field
from datetime import datetime

from ..extract import resolve
from ..prepare.clean import fingerprint
from ..model import Attribution, Document, Entity, Event, Relation, TextSpan
from ..errors import UnknownEntity


@dataclass
class Rows:
    """The rows of one document, ready to insert, parents before children."""

    document: dict
    entities: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    participants: list[dict] = field(default_factory=list)


def document_id(doc: Document) -> str:
    """The store's id of a document: the fingerprint of its cleaned body."""
    return fingerprint(doc.text)


def statement_id(*parts) -> str:
    """sha1 of the parts as canonical JSON."""
    content = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha1(content.encode("utf-8")).hexdigest()


def identity_of(entity: Entity) -> str:
    """The entity's resolution key, as ``resolve`` falls back to it when the stage set none."""
    return entity.identity or resolve.identity(entity.type, entity.name, None, None, None, None, False)


# ---------------------------------------------------------------- Document → rows

def document_rows(doc: Document, ingest: int | None, now: datetime) -> Rows:
    """The rows of ``doc``; raise :class:`UnknownEntity` when a statement names a missing entity."""
    doc_key = document_id(doc)
    rows = Rows(document={
        "id": doc_key, "doc_id": doc.doc_id, "title": doc.title, "published": doc.published,
        "source": doc.source, "authors": list(doc.authors), "url": doc.url, "language": doc.language,
        "text": doc.text, "origin": doc.origin or None, "ingest": ingest, "ingested_at": now,
    })
    keys: dict[str, tuple[str, str]] = {}        # local id → (statement id, identity)
    for position, entity in enumerate(doc.entities):
        rows.entities.append(_entity_row(doc_key, position, entity))
        keys[entity.id] = (rows.entities[-1]["id"], rows.entities[-1]["identity"])
        rows.mentions.extend(_mention_rows(doc_key, rows.entities[-1]["id"], entity))
    for position, relation in enumerate(doc.relations):
        rows.relations.append(_relation_row(doc_key, position, relation, keys))
    for position, event in enumerate(doc.events):
        rows.events.append(_event_row(doc_key, position, event, keys))
        rows.participants.extend({"event": rows.events[-1]["id"], "position": n,
                                  "entity": _key(keys, local, f"event {event.id}")[0]}
                                 for n, local in enumerate(event.participants))
    return rows


def _entity_row(doc_key: str, position: int, entity: Entity) -> dict:
    row = {"document": doc_key, "local_id": entity.id, "position": position, "name": entity.name,
           "type": entity.type, "kind": entity.kind, "country": entity.country,
           "aliases": list(entity.aliases), "identity": identity_of(entity),
           "function": entity.function, "stated_country": entity.stated_country}
    return {"id": statement_id("entity", row), **row}


def _mention_rows(doc_key: str, entity_key: str, entity: Entity) -> list[dict]:
    return [{"entity": entity_key, "position": n, "document": doc_key, "start_offset": m.start,
             "end_offset": m.end, "text": m.text} for n, m in enumerate(entity.mentions)]


def _evidence_and_attribution(evidence: TextSpan, attribution: Attribution, negated: bool) -> dict:
    return {"evidence_start": evidence.start, "evidence_end": evidence.end,
            "evidence_text": evidence.text, "attribution_kind": attribution.kind,
            "attribution_via": list(attribution.via), "attribution_text": attribution.text,
            "hedged": attribution.hedged, "negated": negated}


def _relation_row(doc_key: str, position: int, relation: Relation, keys: dict) -> dict:
    where = f"relation {position + 1} ({relation.type})"
    subject, subject_identity = _key(keys, relation.subject, where)
    object_, object_identity = _key(keys, relation.object, where)
    content = {"type": relation.type, "role": relation.role, "start_date": relation.start,
               "end_date": relation.end, "start_text": relation.start_text, "past": relation.past,
               **_evidence_and_attribution(relation.evidence, relation.attribution, relation.negated)}
    key = statement_id("relation", doc_key, subject_identity, object_identity, content)
    return {"id": key, "document": doc_key, "position": position, "subject": subject,
            "object": object_, **content}


def _event_row(doc_key: str, position: int, event: Event, keys: dict) -> dict:
    where = f"event {event.id} ({event.type})"
    place, place_identity = _key(keys, event.place, where) if event.place else (None, None)
    identities = [_key(keys, local, where)[1] for local in event.participants]
    content = {"type": event.type, "cameo": event.cameo, "subtype": event.subtype,
               "date": event.date, "date_text": event.date_text,
               **_evidence_and_attribution(event.evidence, event.attribution, event.negated)}
    key = statement_id("event", doc_key, identities, place_identity, content)
    return {"id": key, "document": doc_key, "local_id": event.id, "position": position,
            "place": place, **content}


def _key(keys: dict, local: str, where: str) -> tuple[str, str]:
    try:
        return keys[local]
    except KeyError:
        raise UnknownEntity(f"{where} names entity {local!r}, which the document does not have") from None


# ---------------------------------------------------------------- rows → Document

def document_from_rows(rows: Rows, canonical: Callable[[str, str, str], str] | None = None) -> Document:
    """The Document that ``rows`` were made from, canonical ids applied: ``canonical(statement id,
    type, identity)`` when given (a query's :meth:`Resolver.of`), else from identity keys."""
    d = rows.document
    doc = Document(doc_id=d["doc_id"], text=d["text"], origin=d["origin"] or "", title=d["title"],
                   published=d["published"], source=d["source"], authors=list(d["authors"]),
                   url=d["url"], language=d["language"])
    local = {row["id"]: row["local_id"] for row in rows.entities}
    spans: dict[str, list[TextSpan]] = {}
    for m in sorted(rows.mentions, key=lambda m: (m["entity"], m["position"])):
        spans.setdefault(m["entity"], []).append(TextSpan(m["start_offset"], m["end_offset"], m["text"]))
    canonical = canonical or (lambda _id, entity_type, identity: resolve.canonical_id(entity_type, identity))
    doc.entities = [_entity(row, spans.get(row["id"], []), canonical(row["id"], row["type"], row["identity"]))
                    for row in _ordered(rows.entities)]
    doc.relations = [_relation(row, local) for row in _ordered(rows.relations)]
    members: dict[str, list[dict]] = {}
    for p in sorted(rows.participants, key=lambda p: p["position"]):
        members.setdefault(p["event"], []).append(p)
    doc.events = [_event(row, [local[p["entity"]] for p in members.get(row["id"], [])], local)
                  for row in _ordered(rows.events)]
    return doc


def _ordered(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda row: row["position"])


def _entity(row: dict, mentions: list[TextSpan], canonical: str) -> Entity:
    return Entity(id=row["local_id"], name=row["name"], type=row["type"], kind=row["kind"],
                  country=row["country"], aliases=list(row["aliases"]), mentions=mentions,
                  canonical=canonical,
                  identity=row["identity"], function=row["function"],
                  stated_country=row["stated_country"])


def _evidence(row: dict) -> TextSpan:
    return TextSpan(row["evidence_start"], row["evidence_end"], row["evidence_text"])


def _attribution(row: dict) -> Attribution:
    return Attribution(kind=row["attribution_kind"], via=list(row["attribution_via"]),
                       text=row["attribution_text"], hedged=bool(row["hedged"]))


def _relation(row: dict, local: dict[str, str]) -> Relation:
    return Relation(type=row["type"], subject=local[row["subject"]], object=local[row["object"]],
                    evidence=_evidence(row), attribution=_attribution(row), role=row["role"],
                    start=row["start_date"], end=row["end_date"], negated=bool(row["negated"]),
                    past=bool(row["past"]), start_text=row["start_text"])


def _event(row: dict, participants: list[str], local: dict[str, str]) -> Event:
    return Event(id=row["local_id"], type=row["type"], cameo=row["cameo"], participants=participants,
                 evidence=_evidence(row), place=local[row["place"]] if row["place"] else None,
                 date=row["date"], date_text=row["date_text"], subtype=row["subtype"],
                 attribution=_attribution(row), negated=bool(row["negated"]))
