"""The records that flow through the pipeline, and their JSON form (ONTOLOGY.md).

A :class:`Document` enters the pipeline from ``ingest`` with its raw text and whatever metadata
the container gave (JSON fields, HTML meta tags); each stage fills in more of it. ``to_record``
gives exactly the document record of the ontology.
"""

from dataclasses import dataclass, field
from typing import Any


@dataclass
class TextSpan:
    """Characters ``start:end`` of a document's cleaned ``text``, and those characters."""

    start: int
    end: int
    text: str

    def to_record(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


#: where an entity is named
Mention = TextSpan
#: the sentence a relation or an event is read from
Evidence = TextSpan


@dataclass
class Entity:
    id: str
    name: str
    type: str
    kind: str | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    canonical: str | None = None
    #: what identifies the entity beyond this document (see resolve.py); not in the record
    identity: str | None = field(default=None, compare=False)
    #: a service's function (external, internal, staff…) when known; not in the record
    function: str | None = field(default=None, compare=False)
    #: the state the text itself gives the entity ("algérien", "de la France"); not in the record
    stated_country: str | None = field(default=None, compare=False)

    def to_record(self) -> dict:
        return {
            "id": self.id, "canonical": self.canonical, "name": self.name, "type": self.type,
            "kind": self.kind, "country": self.country, "aliases": list(self.aliases),
            "mentions": [m.to_record() for m in self.mentions],
        }


@dataclass
class Attribution:
    kind: str = "none"
    via: list[str] = field(default_factory=list)
    text: str | None = None
    hedged: bool = False

    def to_record(self) -> dict:
        return {"kind": self.kind, "via": list(self.via), "text": self.text, "hedged": self.hedged}


@dataclass
class Relation:
    type: str
    subject: str
    object: str
    evidence: Evidence
    attribution: Attribution = field(default_factory=Attribution)
    role: str | None = None
    start: str | None = None
    end: str | None = None
    negated: bool = False
    past: bool = False
    #: the words that gave ``start`` ('depuis début septembre dernier'); not in the record
    start_text: str | None = field(default=None, compare=False)

    def to_record(self) -> dict:
        return {
            "type": self.type, "subject": self.subject, "object": self.object,
            "start": self.start, "end": self.end, "role": self.role,
            "evidence": self.evidence.to_record(), "attribution": self.attribution.to_record(),
            "negated": self.negated, "past": self.past,
        }


@dataclass
class Event:
    id: str
    type: str
    cameo: str | None
    participants: list[str]
    evidence: Evidence
    place: str | None = None
    date: str | None = None
    date_text: str | None = None
    subtype: str | None = None
    attribution: Attribution = field(default_factory=Attribution)
    negated: bool = False

    def to_record(self) -> dict:
        record = {
            "id": self.id, "type": self.type, "cameo": self.cameo,
            "participants": list(self.participants), "place": self.place,
            "date": self.date, "date_text": self.date_text,
            "evidence": self.evidence.to_record(), "attribution": self.attribution.to_record(),
            "negated": self.negated,
        }
        if self.subtype:
            record["subtype"] = self.subtype
        return record


@dataclass
class Document:
    """One article on its way through the pipeline.

    ``origin`` names where it came from (a path, ``path:line`` for JSONL, ``<stdin>``) for error
    messages; ``parsed`` holds the spaCy ``Doc`` between the nlp stage and the extraction stages
    and is never serialised.
    """

    doc_id: str
    text: str
    origin: str = ""
    title: str | None = None
    published: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    language: str = "fr"
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    parsed: Any = field(default=None, repr=False, compare=False)
    #: per-sentence attribution (attribution stage), read by the relation and event stages
    sentences: list = field(default_factory=list, repr=False, compare=False)

    def to_record(self) -> dict:
        return {
            "doc_id": self.doc_id, "title": self.title, "published": self.published,
            "source": self.source, "authors": list(self.authors), "url": self.url,
            "language": self.language, "text": self.text,
            "entities": [e.to_record() for e in self.entities],
            "relations": [r.to_record() for r in self.relations],
            "events": [e.to_record() for e in self.events],
        }
