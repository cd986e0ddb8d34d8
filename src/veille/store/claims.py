"""Claims: what the stored documents say, grouped across documents, with their corroboration
and grade; and the analysts' grade overrides.

A claim is one relation between two canonical entities (its type and both ends, sorted for a
symmetric type) or one event (its type, its canonical participants and its date at the precision
the texts gave), whatever the number of documents that tell it. For each claim: the documents
and outlets that tell it, the independent sources that support it, their attribution kinds,
whether any denies it, and its grade on the Admiralty scale (``corroboration.py`` gives the rule;
``grades.py`` applies it and the overrides).

Claim ids are readable and carry their key, so that a claim is found again without a table of
claims: ``r.<type>.<subject>.<object>`` for a relation, ``e.<type>.<date|undated>.<participant>…``
for an event (an event with no participant is a claim of its own: ``e.<type>.<date>.~<statement>``).
They follow the canonical ids in force: a merge or a split of one of its entities gives a claim
a new id (its overrides follow it, see ``grades.py``).
"""

from collections import Counter, defaultdict
from datetime import datetime, timezone
from typing import Iterable

from sqlalchemy.engine import Connection

from ..errors import QueryError, UnknownEntity
from ..ontology import EVENT_TYPES, RELATION_TYPES
from .canonical import Canonicals, Resolver, describe
from .db import Store
from .grades import Overrides, graded, relation_claim
from .judgements import RESOLVER, resolver_for
from .queries import (_RELATIONS, _attribution, _edge_key, _event_rows, _grade_bound, _relation_rows, absorbed_into,
                      with_ends)
from .schema import grade_judgements, relations

#: How many claims one page holds by default.
PAGE = 50


# ---------------------------------------------------------------- claim ids

def relation_claim_id(row) -> str:
    return relation_claim(_edge_key(row))


def event_claim_id(row) -> str:
    members = sorted({p["canonical"] for p in row["participants"]})
    date = row["date"] or "undated"
    return ".".join(["e", row["type"], date, *members]) if members else f"e.{row['type']}.{date}.~{row['id']}"


def _parsed(claim_id: str) -> tuple[str, str, list[str]]:
    """(kind, type, rest) of a claim id; :class:`UnknownEntity` when it cannot be one."""
    parts = claim_id.split(".")
    if len(parts) >= 4 and parts[0] == "r" and parts[1] in RELATION_TYPES and len(parts) == 4:
        return "relation", parts[1], parts[2:]
    if len(parts) >= 4 and parts[0] == "e" and parts[1] in EVENT_TYPES:
        return "event", parts[1], parts[2:]
    raise UnknownEntity(f"no claim {claim_id!r}: a claim id reads r.<type>.<subject>.<object> "
                        "or e.<type>.<date>.<participant>…")


# ---------------------------------------------------------------- gathering

def _grouped(rows: Iterable[dict], claim_id) -> dict[str, list[dict]]:
    """Statement rows by the claim they tell."""
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(claim_id(row), []).append(row)
    return grouped


def _all_relation_rows(connection: Connection, canonical: Resolver, types) -> list[dict]:
    query = _RELATIONS[True]
    if types:
        query = query.where(relations.c.type.in_(types))
    return [with_ends(dict(row), canonical) for row in connection.execute(query).mappings()]


def _telling(row) -> dict:
    return {"statement": row["id"], "document": row["d_id"], "doc_id": row["doc_id"], "title": row["title"],
            "outlet": row["source"], "published": row["published"],
            "evidence": {"text": row["evidence"], "start": row["evidence_start"], "end": row["evidence_end"]},
            "attribution": _attribution(row), "negated": bool(row["negated"])}


def _ordered(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: (r["published"] or "", r["doc_id"], r["position"], r["id"]))


def _named(counted: dict[str, Counter]) -> dict[str, str]:
    """Each entity's name as the statements give it most often (the longest, then the first in
    alphabetical order, on a tie): the same whatever order the database returns rows in."""
    return {entity: max(names, key=lambda n: (names[n], len(n), [-ord(c) for c in n]))
            for entity, names in counted.items()}


def _relation_record(claim_id: str, rows: list[dict], overrides: Overrides) -> dict:
    rows = _ordered(rows)
    rtype, subject, obj = _edge_key(rows[0])
    counted: dict[str, Counter] = defaultdict(Counter)
    types = {}
    for row in rows:
        for end, prefix in (("subject", "s_"), ("object", "o_")):
            counted[row[end]][row[prefix + "name"]] += 1
            types.setdefault(row[end], row[prefix + "type"])
    named = _named(counted)
    names = {entity: {"name": named[entity], "type": types[entity]} for entity in named}
    starts = sorted(r["start_date"] for r in rows if r["start_date"])
    ends = sorted(r["end_date"] for r in rows if r["end_date"])
    return {"id": claim_id, "kind": "relation", "type": rtype,
            "subject": subject, "subject_name": names[subject]["name"], "subject_type": names[subject]["type"],
            "object": obj, "object_name": names[obj]["name"], "object_type": names[obj]["type"],
            "start": starts[0] if starts else None, "end": ends[-1] if ends else None,
            "nationality": restates_nationality(rtype, rows),
            **graded(claim_id, rows, overrides), "tellings": [_telling(r) for r in rows]}


def restates_nationality(rtype: str, rows: list[dict]) -> bool:
    """Whether a relation claim only says which country an entity belongs to (``part_of`` a
    country): true, but not what an analyst reads claims for (meetings, deals, roles)."""
    return rtype == "part_of" and any(r["o_type"] == "LOC" and r["o_kind"] == "country" for r in rows)


def _event_record(claim_id: str, rows: list[dict], overrides: Overrides) -> dict:
    rows = _ordered(rows)
    first = rows[0]
    counted: dict[str, Counter] = defaultdict(Counter)
    types = {}
    for row in rows:
        for p in row["participants"]:
            counted[p["canonical"]][p["name"]] += 1
            types.setdefault(p["canonical"], p["type"])
    named = _named(counted)
    members = {k: {"id": k, "name": named[k], "type": types[k]} for k in counted}
    place = next((r["place"] for r in rows if r["place"]), None)
    return {"id": claim_id, "kind": "event", "type": first["type"], "cameo": first["cameo"],
            "date": first["date"], "participants": [members[k] for k in sorted(members)],
            "place": {"id": place["canonical"], "name": place["name"]} if place else None, "nationality": False,
            **graded(claim_id, rows, overrides), "tellings": [_telling(r) for r in rows]}


def _records(connection: Connection, relation_rows: list[dict], event_rows: list[dict]) -> list[dict]:
    overrides = Overrides.load(connection)
    found = [_relation_record(i, rows, overrides) for i, rows in _grouped(relation_rows, relation_claim_id).items()]
    found += [_event_record(i, rows, overrides) for i, rows in _grouped(event_rows, event_claim_id).items()]
    return found


def _split_types(types: Iterable[str] | None) -> tuple[list[str] | None, list[str] | None]:
    """Relation types and event types of ``types`` (None: all of both; an unknown one is an error)."""
    if types is None:
        return None, None
    types = [types] if isinstance(types, str) else list(types)
    unknown = [t for t in types if t not in RELATION_TYPES and t not in EVENT_TYPES]
    if unknown:
        raise QueryError(f"unknown claim type(s) {', '.join(unknown)} (relations: {', '.join(RELATION_TYPES)}; "
                         f"events: {', '.join(EVENT_TYPES)})")
    return [t for t in types if t in RELATION_TYPES], [t for t in types if t in EVENT_TYPES]


# ---------------------------------------------------------------- queries

def claims(store: Store, *, entity: str | None = None, types: Iterable[str] | None = None,
           min_grade: int | None = None, limit: int | None = PAGE, offset: int = 0,
           canonical: Canonicals = None) -> dict:
    """The claims of the store, best graded and best supported first, a page at a time.

    - ``entity``: only the claims of that canonical entity (an end of the relation, a
      participant or the place of the event); a canonical id a merge absorbed stands for the
      entity it is part of now;
    - ``types``: relation and event types (both kinds mixed as wished);
    - ``min_grade``: only claims graded that well or better (``2`` keeps grades 1 and 2);
    - ``limit`` / ``offset``: the page (``limit=None``: all).

    Claims that only restate an entity's nationality (``part_of`` a country: ``nationality``)
    come after the others.

    ``{"total": number of claims that pass the filters, "claims": [...]}``: each claim with its
    id, kind (``relation`` / ``event``), type, ends or participants (canonical id and name),
    dates, corroboration (documents, outlets, independent sources, attribution kinds, hedged,
    denied, ``contested`` and its ``sides``: who asserts it, who denies it), grade (and the rule's, and the override in force) and its tellings: each statement
    with its document, outlet, date, evidence sentence (text and offsets), attribution and
    negation.
    """
    relation_types, event_types = _split_types(types)
    min_grade = _grade_bound(min_grade)
    if offset < 0 or (limit is not None and limit < 0):
        raise QueryError("limit and offset cannot be negative")
    resolving = resolver_for(store, canonical)
    with store.read() as connection:
        wanted_relations = relation_types is None or relation_types
        wanted_events = event_types is None or event_types
        if entity is not None and not describe(connection, resolving, [entity]):
            entity = absorbed_into(connection, resolving, entity) or entity     # merged away: its entity now
        if entity is None:
            relation_rows = _all_relation_rows(connection, resolving, relation_types) if wanted_relations else []
        else:
            relation_rows = _relation_rows(connection, resolving, {entity}, relation_types, full=True) \
                if wanted_relations else []
        event_rows = _event_rows(connection, resolving, {entity} if entity else None, types=event_types,
                                 undated=True) if wanted_events else []
        found = _records(connection, relation_rows, event_rows)
    if min_grade is not None:
        found = [c for c in found if c["grade"] <= min_grade]
    found.sort(key=_rank)
    page = found[offset:] if limit is None else found[offset:offset + limit]
    return {"total": len(found), "claims": page}


def _rank(claim: dict) -> tuple:
    """Where a claim comes in a list: substantive claims first, then those that only restate an
    entity's nationality; then best graded, best supported."""
    return (claim["nationality"], claim["grade"], -claim["sources"], -claim["documents"], claim["kind"],
            claim["type"], claim["id"])


def claim(store: Store, claim_id: str, canonical: Canonicals = None) -> dict | None:
    """The claim of id ``claim_id`` (see :func:`claims`), or None when no statement tells it."""
    kind, ctype, rest = _parsed(claim_id)
    resolving = resolver_for(store, canonical)
    with store.read() as connection:
        if kind == "relation":
            rows = [r for r in _relation_rows(connection, resolving, {rest[0]}, [ctype], full=True)
                    if relation_claim_id(r) == claim_id]
            found = _records(connection, rows, [])
        else:
            anchor = rest[1] if len(rest) > 1 and not rest[1].startswith("~") else None
            if anchor is None:
                rows = [r for r in _event_rows(connection, resolving, types=[ctype], undated=True)
                        if event_claim_id(r) == claim_id]
            else:
                rows = [r for r in _event_rows(connection, resolving, {anchor}, types=[ctype], undated=True)
                        if event_claim_id(r) == claim_id]
            found = _records(connection, [], rows)
    return found[0] if found else None


def override_grade(store: Store, claim_id: str, grade: int, by: str, note: str | None = None,
                   canonical: Canonicals = None, now: datetime | None = None) -> dict:
    """Record an analyst's grade for a claim (a judgement: appended, the latest in force) and
    return the claim as graded now.

    :class:`QueryError` for a grade outside 1–6 or a missing analyst name, :class:`UnknownEntity`
    for a claim no statement tells.
    """
    grade = _grade_bound(grade)
    if grade is None:
        raise QueryError("a grade override needs a grade from 1 to 6")
    by = (by or "").strip()
    if not by or by == RESOLVER:
        raise QueryError(f"an override needs the analyst's name (not {by!r})")
    found = claim(store, claim_id, canonical)
    if found is None:
        raise UnknownEntity(f"no claim {claim_id!r} in the store")
    with store.write() as connection:
        connection.execute(grade_judgements.insert().values(
            claim=claim_id, statements=sorted(t["statement"] for t in found["tellings"]), grade=grade,
            judged_by=by, judged_at=now or datetime.now(timezone.utc), note=note))
    return claim(store, claim_id, canonical)
