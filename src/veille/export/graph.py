"""The canonical graph of a store, gathered once for every export format.

Every format says the same thing: the canonical entities (entity statements grouped by
``judgements.canonical_ids``: the resolver's and the analysts' judgements applied on read), the
relation and event statements between them, each with the sentence it is read from, who says so
and the document that says it, and the source documents themselves. The formats differ only in
how they write it, so the store is read here and nowhere else.

Statements are kept one by one, not folded into one edge per pair: an analyst weighs each
telling (its outlet, its date, its attribution), and a format that wants one edge per pair can
fold them. Each statement carries the id and Admiralty grade of the claim it tells
(``store/claims.py``), and the claims themselves are kept for the formats that list them.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..extract import resolve
from ..ontology import RELATION_TYPES
from ..store.canonical import Resolver, describe
from ..store.claims import claims as store_claims
from ..store.db import Store
from ..store.judgements import canonical_ids
from ..store.schema import documents, entities, events, participants, relations


@dataclass
class CanonicalGraph:
    """What an export writes: plain dicts, keyed and ordered so that two exports of one store
    list the same things in the same order.

    - ``entities``: canonical id → name, type, kind, country, aliases, ``documents`` (store ids
      of the documents that name it), ``statements`` (entity statements grouped in it);
    - ``documents``: store id → doc_id, title, published, source, authors, url, language, text;
    - ``relations`` / ``events``: one dict per statement (see :func:`_relation`, :func:`_event`);
    - ``claims``: the store's claims (``store.claims.claims``: corroboration, grade, tellings).
    """

    entities: dict[str, dict] = field(default_factory=dict)
    documents: dict[str, dict] = field(default_factory=dict)
    relations: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)


def canonical_graph(store: Store) -> CanonicalGraph:
    """Read the whole canonical graph of ``store``.

    1. the canonical id of every entity statement (judgements in force);
    2. the canonical entities, described from all their statements (``canonical.describe``);
    3. the documents, the relation statements, the event statements with their participants;
    4. the claims, by the same canonical ids, and each statement's claim and grade.
    """
    mapping = canonical_ids(store)                                                       # 1
    with store.read() as connection:
        graph = CanonicalGraph()
        graph.entities = _entities(connection, mapping)                                  # 2
        graph.documents = _documents(connection)                                         # 3
        graph.relations = _relations(connection, mapping)
        graph.events = _events(connection, mapping)
    graph.claims = store_claims(store, limit=None, canonical=mapping)["claims"]           # 4
    _grade(graph)
    return graph


# ---------------------------------------------------------------- entities

def _entities(connection: Connection, mapping: dict[str, str]) -> dict[str, dict]:
    """Each canonical entity, described as ``veille profile`` describes it, with its documents."""
    canonical = Resolver(lambda statement, entity_type, identity:
                         mapping.get(statement) or resolve.canonical_id(entity_type, identity))
    described = describe(connection, canonical, set(mapping.values()))
    named_in: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for row in connection.execute(select(entities.c.id, entities.c.document)):
        target = mapping[row.id]
        named_in.setdefault(target, set()).add(row.document)
        counts[target] = counts.get(target, 0) + 1
    return {target: {"canonical": target, "name": d["name"], "type": d["type"], "kind": d["kind"],
                     "country": d["country"], "aliases": d["aliases"],
                     "documents": sorted(named_in[target]), "statements": counts[target]}
            for target, d in sorted(described.items())}


# ---------------------------------------------------------------- documents

_DOCUMENT_COLUMNS = (documents.c.id, documents.c.doc_id, documents.c.title, documents.c.published,
                     documents.c.source, documents.c.authors, documents.c.url, documents.c.language,
                     documents.c.text)


def _documents(connection: Connection) -> dict[str, dict]:
    rows = connection.execute(select(*_DOCUMENT_COLUMNS).order_by(documents.c.id)).mappings()
    return {row["id"]: {**row, "authors": list(row["authors"] or [])} for row in rows}


# ---------------------------------------------------------------- statements

def _evidence(row) -> dict:
    return {"text": row["evidence_text"], "start": row["evidence_start"], "end": row["evidence_end"]}


def _attribution(row) -> dict:
    return {"kind": row["attribution_kind"], "via": list(row["attribution_via"] or []),
            "text": row["attribution_text"], "hedged": bool(row["hedged"])}


def _relation(row, mapping: dict[str, str]) -> dict:
    """A relation statement between canonical entities: type, ``symmetric``, subject, object,
    role, start, end, past, negated, evidence, attribution, document (store id)."""
    return {"id": row["id"], "type": row["type"], "symmetric": RELATION_TYPES[row["type"]].symmetric,
            "subject": mapping[row["subject"]], "object": mapping[row["object"]], "role": row["role"],
            "start": row["start_date"], "end": row["end_date"], "past": bool(row["past"]),
            "negated": bool(row["negated"]), "evidence": _evidence(row), "attribution": _attribution(row),
            "document": row["document"], "claim": None, "grade": None, "grade_label": None}


def _relations(connection: Connection, mapping: dict[str, str]) -> list[dict]:
    rows = connection.execute(select(relations).order_by(relations.c.document, relations.c.position))
    return [_relation(row, mapping) for row in rows.mappings()]


def _event(row, members: list[str], mapping: dict[str, str]) -> dict:
    """An event statement: type, cameo, subtype, date, date_text, participants and place
    (canonical ids), negated, evidence, attribution, document (store id)."""
    return {"id": row["id"], "type": row["type"], "cameo": row["cameo"], "subtype": row["subtype"],
            "date": row["date"], "date_text": row["date_text"], "participants": members,
            "place": mapping[row["place"]] if row["place"] else None, "negated": bool(row["negated"]),
            "evidence": _evidence(row), "attribution": _attribution(row), "document": row["document"],
            "claim": None, "grade": None, "grade_label": None}


def _events(connection: Connection, mapping: dict[str, str]) -> list[dict]:
    members: dict[str, list[str]] = {}
    for row in connection.execute(select(participants).order_by(participants.c.event, participants.c.position)):
        members.setdefault(row.event, []).append(mapping[row.entity])
    rows = connection.execute(select(events).order_by(events.c.document, events.c.position))
    return [_event(row, members.get(row["id"], []), mapping) for row in rows.mappings()]


# ---------------------------------------------------------------- claims and grades

def _grade(graph: CanonicalGraph) -> None:
    """Give each statement the id and grade of the claim that holds it (its tellings name their
    statements)."""
    claim_of = {telling["statement"]: claim for claim in graph.claims for telling in claim["tellings"]}
    for statement in graph.relations + graph.events:
        claim = claim_of.get(statement["id"])
        if claim is not None:
            statement.update(claim=claim["id"], grade=claim["grade"], grade_label=claim["grade_label"])
