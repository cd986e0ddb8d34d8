"""The store's library queries, over the canonical graph: an entity's profile, a timeline of
events, the neighbourhood of an entity, the shortest chain between two, who held a role when.

Every query reads stored statements as they are and groups their entities by canonical id on
read, through its ``canonical`` argument (``canonical.py``: by default the identity-key
canonical; a judgement mapping plugs in there). Each answer is plain data (dicts and lists) that
the CLI prints and an HTTP route can return as JSON.

Dates are ISO strings at the precision the text gave (``2022``, ``2022-11``, ``2022-11-14``) and
are compared as strings, a shorter one standing for its whole period: "2022-11-14" is within
"2022", and "2022" is within the range 2020 → 2022-06 only in part (each query says what it does
with a partial overlap).

The canonical graph: its nodes are canonical entities, its edges relation statements, grouped
per (type, subject, object), both ends sorted for a symmetric type. An edge is supported by the
statements that do not deny it; an edge that is only denied is no link.
"""

import re
from collections import Counter
from functools import cache
from typing import Iterable

from sqlalchemy import and_, bindparam, func, literal, or_, select, union_all
from sqlalchemy.engine import Connection

from ..errors import QueryError
from ..ontology import EVENT_TYPES, RELATION_TYPES, role_types
from ..text import key
from . import search
from .canonical import CHUNK, Candidates, Canonicals, Resolver, chunks, describe, display_name, identities_of
from .db import Store
from .grades import Overrides, graded, relation_claim
from .judgements import resolver_for
from .schema import documents, entities, events, participants, relations

#: How many statements of each relation type, and how many events, a profile gives at most.
PROFILE_PAGE = 100

_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
#: An entity statement id or a canonical id (``resolve.canonical_id``).
_REFERENCE = re.compile(r"[0-9a-f]{40}|[a-z]+-[0-9a-f]{12}")
_SUBJECT, _OBJECT, _PLACE, _MEMBER = (entities.alias(name) for name in ("s", "o", "p", "m"))


# ---------------------------------------------------------------- arguments and dates

def _date(value: str | None, what: str) -> str | None:
    if value is not None and not _ISO.fullmatch(value):
        raise QueryError(f"{what} must be an ISO date (2022, 2022-11 or 2022-11-14), not {value!r}")
    return value


def _types(values: Iterable[str] | None, known, what: str) -> list[str] | None:
    if values is None:
        return None
    values = [values] if isinstance(values, str) else list(values)
    unknown = [v for v in values if v not in known]
    if unknown:
        raise QueryError(f"unknown {what} type(s) {', '.join(unknown)} (known: {', '.join(known)})")
    return values


def _may_begin_by(date: str, bound: str) -> bool:
    """Whether a period ``date`` may begin on or before the end of ``bound``."""
    return date <= bound or date.startswith(bound)


def _may_end_from(date: str, bound: str) -> bool:
    """Whether a period ``date`` may end on or after the beginning of ``bound``."""
    return date >= bound or bound.startswith(date)


def _grade_bound(value) -> int | None:
    """A grade filter: None, or a whole number from 1 to 6."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 6:
        raise QueryError(f"a grade is a whole number from 1 (confirmed) to 6 (cannot be judged), not {value!r}")
    return value


def _statement_span(row) -> tuple[str | None, str | None]:
    """When a relation statement holds: from its start (else its end, else the date of its
    document) to its end (else the date of its document, else its start)."""
    lowest = row["start_date"] or row["end_date"] or row["published"]
    highest = row["end_date"] or row["published"] or row["start_date"]
    return lowest, highest


def _in_window(row, start: str | None, end: str | None) -> bool:
    """Whether a relation statement may hold within [start, end] (in part is enough); an undated
    statement is in no window."""
    if start is None and end is None:
        return True
    lowest, highest = _statement_span(row)
    if lowest is None:
        return False
    return (end is None or _may_begin_by(lowest, end)) and (start is None or _may_end_from(highest, start))


# ---------------------------------------------------------------- relation statements

_EDGE_COLUMNS = [
    relations.c.id, relations.c.type, relations.c.negated, relations.c.start_date, relations.c.end_date,
    relations.c.evidence_text.label("evidence"),
    _SUBJECT.c.id.label("s_id"), _SUBJECT.c.type.label("s_type"), _SUBJECT.c.identity.label("s_identity"),
    _SUBJECT.c.name.label("s_name"), _SUBJECT.c.kind.label("s_kind"), _SUBJECT.c.country.label("s_country"),
    _OBJECT.c.id.label("o_id"), _OBJECT.c.type.label("o_type"), _OBJECT.c.identity.label("o_identity"),
    _OBJECT.c.name.label("o_name"), _OBJECT.c.kind.label("o_kind"), _OBJECT.c.country.label("o_country"),
    documents.c.id.label("d_id"), documents.c.doc_id, documents.c.published, documents.c.source,
    relations.c.attribution_kind, relations.c.hedged,
]
_STATEMENT_COLUMNS = _EDGE_COLUMNS + [
    relations.c.position, relations.c.role, relations.c.past, relations.c.attribution_via,
    relations.c.attribution_text, relations.c.evidence_start, relations.c.evidence_end, documents.c.title,
]


def _relation_query(columns):
    return (select(*columns).select_from(relations)
            .join(_SUBJECT, _SUBJECT.c.id == relations.c.subject)
            .join(_OBJECT, _OBJECT.c.id == relations.c.object)
            .join(documents, documents.c.id == relations.c.document))


#: Built once: building a statement costs more than SQLite takes to run it.
_RELATIONS = {False: _relation_query(_EDGE_COLUMNS), True: _relation_query(_STATEMENT_COLUMNS)}


def with_ends(row: dict, canonical: Resolver) -> dict:
    """A relation statement row with the canonical ids of both its ends (``subject``, ``object``)."""
    row["subject"] = canonical.of(row["s_id"], row["s_type"], row["s_identity"])
    row["object"] = canonical.of(row["o_id"], row["o_type"], row["o_identity"])
    return row


def _relation_rows(connection: Connection, canonical: Resolver, targets: set[str], types=None,
                   ends=("subject", "object"), full: bool = False) -> list[dict]:
    """The relation statements whose subject or object (``ends``) belongs to a canonical entity
    of ``targets``, each with both ends' canonical ids (``subject``, ``object``) and its document."""
    query = _RELATIONS[full]
    if types:
        query = query.where(relations.c.type.in_(types))
    candidates = canonical.candidates(connection, targets)
    aliases = [alias for end, alias in (("subject", _SUBJECT), ("object", _OBJECT)) if end in ends]
    found: dict[str, dict] = {}
    for conditions in zip(*(candidates.where(alias) for alias in aliases)):
        either = union_all(*(query.where(condition) for condition in conditions))
        for row in connection.execute(either).mappings():
            found.setdefault(row["id"], dict(row))
    kept = [row for row in (with_ends(r, canonical) for r in found.values())
            if any(row[end] in targets for end in ends)]
    return sorted(kept, key=lambda r: (r["published"] or "", r["doc_id"], r["id"]))


def _document(row) -> dict:
    return {"id": row["d_id"], "doc_id": row["doc_id"], "title": row["title"], "source": row["source"],
            "published": row["published"]}


def _attribution(row) -> dict:
    return {"kind": row["attribution_kind"], "via": list(row["attribution_via"] or []),
            "text": row["attribution_text"], "hedged": bool(row["hedged"])}


def _end(row, end: str) -> dict:
    prefix = end[0] + "_"
    return {"canonical": row[end], "name": display_name(row[prefix + "name"], row[prefix + "identity"]),
            "type": row[prefix + "type"],
            "kind": row[prefix + "kind"]}


def _statement(row, target: str) -> dict:
    """A relation statement as seen from the entity ``target``."""
    outgoing = row["subject"] == target
    return {"id": row["id"], "type": row["type"], "direction": "out" if outgoing else "in",
            "other": _end(row, "object" if outgoing else "subject"),
            "role": row["role"], "start": row["start_date"], "end": row["end_date"], "past": bool(row["past"]),
            "negated": bool(row["negated"]), "evidence": row["evidence"], "attribution": _attribution(row),
            "document": _document(row)}


# ---------------------------------------------------------------- event statements

def _event_rows(connection: Connection, canonical: Resolver, targets: set[str] | None = None,
                start: str | None = None, end: str | None = None, types=None, undated: bool = False,
                limit: int | None = None) -> list[dict]:
    """Event statements, by date: those of ``targets`` (as participant or place) when given,
    dated within [start, end] at their own precision, of ``types``; with their participants."""
    query = _EVENTS.where(_dated_within(start, end, undated))
    if types:
        query = query.where(events.c.type.in_(types))
    found = {}
    if targets is None:
        if limit is not None:
            query = query.order_by(events.c.date.is_(None), events.c.date, func.coalesce(documents.c.published, ""),
                                   documents.c.doc_id, events.c.position).limit(limit)
        statements = [(query, {})]
    elif start is None and end is None and not types \
            and (lists := _lists(canonical.candidates(connection, targets))) is not None:
        statements = [(_events_involving(undated, "identities" in lists, "ids" in lists), lists)]
    else:
        statements = [(statement, {}) for statement in _involving(connection, canonical, targets, query)]
    for statement, values in statements:
        for row in connection.execute(statement, values).mappings():
            found.setdefault(row["id"], dict(row))
    rows = sorted(found.values(), key=lambda r: (r["date"] is None, r["date"] or "", r["published"] or "",
                                                 r["doc_id"], r["position"]))
    _add_participants(connection, canonical, rows)
    if targets is not None:
        rows = [r for r in rows if {p["canonical"] for p in r["participants"]} & targets
                or (r["place"] and r["place"]["canonical"] in targets)]
    return rows[:limit] if limit is not None else rows


_EVENTS = (select(events.c.id, events.c.type, events.c.cameo, events.c.subtype, events.c.date,
                  events.c.date_text, events.c.position, events.c.negated, events.c.evidence_text.label("evidence"),
                  events.c.evidence_start, events.c.evidence_end,
                  events.c.attribution_kind, events.c.attribution_via, events.c.attribution_text,
                  events.c.hedged, _PLACE.c.id.label("p_id"), _PLACE.c.type.label("p_type"),
                  _PLACE.c.identity.label("p_identity"), _PLACE.c.name.label("p_name"),
                  documents.c.id.label("d_id"), documents.c.doc_id, documents.c.title, documents.c.source,
                  documents.c.published)
           .select_from(events).join(documents, documents.c.id == events.c.document)
           .outerjoin(_PLACE, _PLACE.c.id == events.c.place))


def _dated_within(start: str | None, end: str | None, undated: bool):
    """Events dated within [start, end], each date at its own precision: "2022-11-14" and
    "2022-11" are within 2022-11 → 2022-12, "2022" is not (it may be another month)."""
    dated = [events.c.date.is_not(None)]
    if start:
        dated.append(events.c.date >= start)
    if end:
        dated.append(or_(events.c.date <= end, events.c.date.like(end + "-%")))
    return or_(events.c.date.is_(None), and_(*dated)) if undated else and_(*dated)


def _involving(connection: Connection, canonical: Resolver, targets: set[str], query) -> list:
    """``query`` narrowed to (a superset of) the events of ``targets``, as participant or place."""
    return [_with_member(query, condition) for condition in canonical.candidates(connection, targets).where(_MEMBER)]


def _with_member(query, condition):
    """``query`` narrowed to the events that an entity statement satisfying ``condition`` (on
    :data:`_MEMBER`) takes part in or is the place of."""
    return union_all(
        query.where(events.c.id.in_(select(participants.c.event)
                                    .join(_MEMBER, _MEMBER.c.id == participants.c.entity).where(condition))),
        query.where(events.c.place.in_(select(_MEMBER.c.id).where(condition))))


@cache
def _events_involving(undated: bool, identities: bool, ids: bool):
    """:func:`_involving` for every date and type, of the entity statements named by the lists
    given (:func:`_named`), built once: a profile's events."""
    return _with_member(_EVENTS.where(_dated_within(None, None, undated)), _named(_MEMBER, identities, ids))


def _lists(candidates: Candidates) -> dict | None:
    """The identity keys and statement ids of ``candidates`` (those it has) as the values of a
    statement built once (:func:`_named`); None when it has none, more than one ``IN`` list
    holds (``canonical.CHUNK``), or selects every statement."""
    if candidates.everything or max(len(candidates.identities), len(candidates.ids)) > CHUNK:
        return None
    lists = {"identities": sorted(candidates.identities), "ids": sorted(candidates.ids)}
    return {name: values for name, values in lists.items() if values} or None


def _named(entity, identities: bool, ids: bool):
    """Entity statements (of the table or alias ``entity``) whose identity key is one of
    ``:identities`` or whose id is one of ``:ids``, those lists that are given: the condition of
    a statement built once, whatever the entity."""
    return or_(*([entity.c.identity.in_(bindparam("identities", expanding=True))] if identities else [])
               + ([entity.c.id.in_(bindparam("ids", expanding=True))] if ids else []))


_PARTICIPANTS = (select(participants.c.event, participants.c.position, entities.c.id, entities.c.type,
                        entities.c.identity, entities.c.name)
                 .join(entities, entities.c.id == participants.c.entity))


def _add_participants(connection: Connection, canonical: Resolver, rows: list[dict]) -> None:
    members: dict[str, list] = {}
    for chunk in chunks(r["id"] for r in rows):
        for p in connection.execute(_PARTICIPANTS.where(participants.c.event.in_(chunk))):
            members.setdefault(p.event, []).append((p.position, {
                "canonical": canonical.of(p.id, p.type, p.identity), "name": display_name(p.name, p.identity),
                "type": p.type}))
    for row in rows:
        row["participants"] = [p for _n, p in sorted(members.get(row["id"], []), key=lambda item: item[0])]
        row["place"] = ({"canonical": canonical.of(row["p_id"], row["p_type"], row["p_identity"]),
                         "name": display_name(row["p_name"], row["p_identity"]), "type": row["p_type"]}
                        if row["p_id"] else None)


def _event(row) -> dict:
    record = {"id": row["id"], "type": row["type"], "cameo": row["cameo"], "date": row["date"],
              "date_text": row["date_text"], "participants": row["participants"], "place": row["place"],
              "evidence": row["evidence"], "attribution": _attribution(row), "negated": bool(row["negated"]),
              "document": _document(row)}
    if row["subtype"]:
        record["subtype"] = row["subtype"]
    return record


# ---------------------------------------------------------------- profile

def entity_profile(store: Store, canonical_id: str, canonical: Canonicals = None,
                   page: int | None = PROFILE_PAGE) -> dict | None:
    """Everything the store says about one canonical entity; None when it has no statement.

    ``canonical_id`` is a canonical id, or a name or alias that one entity only bears (the
    spelling normalised: :class:`QueryError` lists them when several do).

    1. its name, type, kind, country, aliases (across documents) and number of documents;
    2. its roles: the relations it holds that give a role (``ontology.role_types``), not denied,
       one per organisation, role, start, end and past, with the documents that say so;
    3. its relations grouped by type, each statement with its direction (``out`` when the entity
       is the subject), the entity at the other end, role, dates, evidence sentence, attribution
       (kind, relays, cue, hedged), negation, and source document (store id, doc_id, title,
       outlet, published); ``counts`` gives the number of statements of each type;
    4. the events it takes part in or that take place there (``as``), by date; ``events_count``
       their number.

    A hub (a service named in thousands of articles) has thousands of statements: with ``page``,
    only the ``page`` most recent statements of each relation type and the ``page`` most recent
    events are given (in date order), the counts telling what was left out; ``page=None`` gives
    all. Counting and paging are done by the database where the canonical ids allow
    (:meth:`Resolver.exact`).
    """
    if page is not None and page < 1:
        raise QueryError(f"a profile page holds at least one statement, not {page}")
    resolving = resolver_for(store, canonical)
    with store.read() as connection:
        profile = _entity(connection, resolving, canonical_id)                               # 1
        if profile is None:
            return None
        target = profile["canonical"]
        ranked = _recent_relation_rows(connection, resolving, target, page) \
            if page is not None and resolving.exact(target) else None
        if ranked is not None:
            rows, counts, roles = ranked
        else:
            rows = roles = _relation_rows(connection, resolving, {target}, full=True)
            counts = Counter(row["type"] for row in rows)
            rows = _recent(rows, page, lambda row: row["type"])
        profile["roles"] = _roles(roles, target)                                              # 2
        profile["relations"] = {t: [] for t in RELATION_TYPES}
        for row in rows:                                                                       # 3
            profile["relations"][row["type"]].append(_statement(row, target))
        profile["relations"] = {t: found for t, found in profile["relations"].items() if found}
        profile["counts"] = {t: counts[t] for t in RELATION_TYPES if counts.get(t)}
        events = _event_rows(connection, resolving, {target})                                  # 4
        profile["events_count"] = len(events)
        profile["events"] = [{**_event(row), "as": _part(row, target)}
                             for row in _recent(events, page, lambda row: None)]
    return profile


def _recent(rows: list[dict], page: int | None, group) -> list[dict]:
    """The ``page`` last rows of each group (rows come in date order), in the same order."""
    if page is None:
        return rows
    kept: dict = {}
    for row in reversed(rows):
        found = kept.setdefault(group(row), [])
        if len(found) < page:
            found.append(row)
    chosen = {id(row) for found in kept.values() for row in found}
    return [row for row in rows if id(row) in chosen]


def _recent_relation_rows(connection: Connection, canonical: Resolver, target: str, page: int):
    """The ``page`` most recent relation statements of each type naming ``target`` (as subject or
    object), the number of each type, and the statements of the types that give a role with
    ``target`` as subject (all of them: a profile lists every role); None when ``target`` has
    more identity keys or statement ids than one ``IN`` list holds (``canonical.CHUNK``).

    Ranked, counted and paged by the database with window functions (:func:`_ranked_statements`).
    A statement naming ``target`` at both ends is counted on the subject's side only."""
    lists = _lists(canonical.candidates(connection, {target}))
    if lists is None:
        return None
    statement = _ranked_statements("identities" in lists, "ids" in lists)
    giving = set(role_types())
    counts: Counter = Counter()
    rows, roles = [], []
    for found in connection.execute(statement, {**lists, "page": page}).mappings():
        row = with_ends(dict(found), canonical)
        side, rank, count = row.pop("side"), row.pop("rank"), row.pop("count")
        if rank == 1:
            counts[row["type"]] += count
        if rank <= page:
            rows.append(row)
        if side == "subject" and row["type"] in giving:
            roles.append(row)
    ordered = lambda r: (r["published"] or "", r["doc_id"], r["id"])                   # noqa: E731
    return _recent(sorted(rows, key=ordered), page, lambda row: row["type"]), counts, sorted(roles, key=ordered)


@cache
def _ranked_statements(identities: bool, ids: bool):
    """The relation statements of the entity statements named by the lists given (:func:`_named`)
    at either end, each ranked
    among those of its type and end, most recent first, and counted: those ranked within
    ``:page``, and every one of a type that gives a role on the subject's side.

    One end at a time (an index lookup each; an OR of both ends would scan), both in one
    statement, built once for each set of lists given: building it (its subqueries' columns)
    cost more than SQLite takes to run it (measured: 2.9 of 8 ms a profile)."""
    as_subject = _named(_SUBJECT, identities, ids)
    ends = []
    for end, condition in (("subject", as_subject), ("object", and_(_named(_OBJECT, identities, ids), ~as_subject))):
        ranked = (_RELATIONS[True].add_columns(
            literal(end).label("side"),
            func.row_number().over(partition_by=relations.c.type, order_by=(
                func.coalesce(documents.c.published, "").desc(), documents.c.doc_id.desc(),
                relations.c.id)).label("rank"),
            func.count().over(partition_by=relations.c.type).label("count"))
            .where(condition).subquery())
        wanted = ranked.c.rank <= bindparam("page")
        if end == "subject":
            wanted = or_(wanted, ranked.c.type.in_(role_types()))
        ends.append(select(ranked).where(wanted))
    return union_all(*ends)


def _entity(connection: Connection, canonical: Resolver, reference: str) -> dict | None:
    """The description of the entity whose canonical id ``reference`` is, or that it names; None
    when it is neither."""
    described = describe(connection, canonical, [reference])
    if described:
        return described[reference]
    bearers = search.named(connection, canonical, reference)
    if not bearers:
        bearers = [target] if (target := absorbed_into(connection, canonical, reference)) else []
    if bearers:
        described = describe(connection, canonical, bearers)
    if len(bearers) > 1:
        choices = "; ".join(f"{t} ({', '.join(filter(None, (d['name'], d['type'], d['kind'], d['country'])))})"
                            for t, d in ((t, described[t]) for t in bearers if t in described))
        raise QueryError(f"{reference!r} names {len(bearers)} entities: {choices}")
    return described.get(bearers[0]) if bearers else None


def absorbed_into(connection: Connection, canonical: Resolver, reference: str) -> str | None:
    """The canonical entity that an entity statement id, or a canonical id that a merge absorbed
    into another entity, belongs to now; None when ``reference`` is neither.

    A canonical id an analyst (or the resolver) merged away keeps answering: links and bookmarks
    made before the merge lead to the entity it is part of. When its statements went several ways
    (a split after the merge), the entity most of them belong to.
    """
    reference = reference.strip()
    if not _REFERENCE.fullmatch(reference):
        return None
    conditions = [entities.c.id == reference]
    identities = identities_of(connection, [reference])
    if identities:
        conditions.append(entities.c.identity.in_(sorted(identities)))
    rows = connection.execute(select(entities.c.id, entities.c.type, entities.c.identity)
                              .where(or_(*conditions))).all()
    now = Counter(canonical.of(r.id, r.type, r.identity) for r in rows)
    return max(now, key=lambda target: (now[target], target)) if now else None


def _roles(rows: list[dict], target: str) -> list[dict]:
    roles: dict[tuple, dict] = {}
    giving = role_types()
    for row in rows:
        if row["type"] not in giving or row["subject"] != target or row["negated"]:
            continue
        grouping = (row["type"], row["object"], key(row["role"] or ""), row["start_date"], row["end_date"], bool(row["past"]))
        role = roles.setdefault(grouping, {
            "type": row["type"], "organisation": _end(row, "object"), "role": row["role"],
            "start": row["start_date"], "end": row["end_date"], "past": bool(row["past"]), "documents": []})
        if all(d["id"] != row["d_id"] for d in role["documents"]):
            role["documents"].append(_document(row))
    return sorted(roles.values(), key=lambda r: (r["start"] or r["documents"][0]["published"] or "", r["type"]))


def _part(row: dict, target: str) -> str:
    return "participant" if any(p["canonical"] == target for p in row["participants"]) else "place"


# ---------------------------------------------------------------- timeline

def timeline(store: Store, start: str | None = None, end: str | None = None, entity: str | None = None,
             types: Iterable[str] | None = None, canonical: Canonicals = None, undated: bool = False,
             limit: int | None = None) -> list[dict]:
    """Event statements by date: dated within [start, end] (ISO dates at any precision, both
    optional), of the canonical entity ``entity`` (as participant or place) when given, of
    ``types`` (event types) when given.

    An event is within the range when its date, at its own precision, is: with ``start="2022-11"``
    an event of "2022-11-14" or "2022-11" is, one of "2022" is not (it may be of another month);
    with ``end="2022"`` every date of 2022 is. Events without a date are left out unless
    ``undated``, then they come last. Each event told by several documents appears once per
    document (corroboration groups them). At most ``limit`` events when given.
    """
    start, end = _date(start, "start"), _date(end, "end")
    types = _types(types, EVENT_TYPES, "event")
    with store.read() as connection:
        targets = {entity} if entity is not None else None
        rows = _event_rows(connection, resolver_for(store, canonical), targets, start, end, types, undated, limit)
    return [_event(row) for row in rows]


# ---------------------------------------------------------------- the canonical graph

class _Graph:
    """Relation statements gathered into edges of the canonical graph, and what names its nodes.

    Each edge is graded from all its statements (``grades.py``), which come in one batch: every
    statement of an edge names the entity it was fetched for. With ``min_grade``, an edge graded
    worse is no link.
    """

    def __init__(self, start: str | None = None, end: str | None = None, overrides: Overrides | None = None,
                 min_grade: int | None = None):
        self.start, self.end, self.min_grade = start, end, min_grade
        self.overrides = overrides or Overrides()
        self.edges: dict[tuple, dict] = {}
        self.seen: set[str] = set()
        self.names: dict[str, Counter] = {}
        self.about: dict[str, dict] = {}

    def add(self, rows: list[dict]) -> set[tuple[str, str]]:
        """Add the statements not seen yet; return the pairs of entities that the edges of
        ``rows`` join, those supported (and graded well enough)."""
        rows = [row for row in rows if _in_window(row, self.start, self.end)]
        touched = set()
        for row in rows:
            if row["id"] in self.seen:
                continue
            self.seen.add(row["id"])
            edge_key = _edge_key(row)
            edge = self.edges.setdefault(edge_key, self._edge(row))
            edge["denials" if row["negated"] else "statements"] += 1
            edge["documents"].add(row["d_id"])
            edge["rows"].append(row)
            touched.add(edge_key)
            if not row["negated"] and edge["example"] is None:
                edge["example"] = {"evidence": row["evidence"], "doc_id": row["doc_id"], "published": row["published"]}
            for end in ("subject", "object"):
                self._name(row, end)
        for edge_key in touched:
            edge = self.edges[edge_key]
            edge["grading"] = graded(edge["claim"], edge["rows"], self.overrides)
        return {(row["subject"], row["object"]) for row in rows if self._kept(self.edges[_edge_key(row)])}

    def _kept(self, edge: dict) -> bool:
        return edge["statements"] > 0 and (self.min_grade is None or edge["grading"]["grade"] <= self.min_grade)

    def _edge(self, row) -> dict:
        edge_key = _edge_key(row)
        return {"type": row["type"], "subject": edge_key[1], "object": edge_key[2], "statements": 0, "denials": 0,
                "documents": set(), "example": None, "claim": relation_claim(edge_key), "rows": []}

    def _name(self, row, end: str) -> None:
        prefix, node = end[0] + "_", row[end]
        names = self.names.get(node)
        if names is None:                   # built once per node: most rows name a node seen already
            names = self.names[node] = Counter()
            self.about[node] = {"type": row[prefix + "type"], "kind": row[prefix + "kind"],
                                "country": row[prefix + "country"]}
        names[display_name(row[prefix + "name"], row[prefix + "identity"])] += 1

    def node(self, canonical_id: str) -> dict:
        """A node as the statements that link it name it (most often)."""
        names = self.names.get(canonical_id, Counter())
        name = max(names, key=lambda n: (names[n], len(n), n)) if names else None
        return {"canonical": canonical_id, "name": name, **self.about.get(canonical_id, {})}

    def between(self, a: str, b: str) -> list[dict]:
        return [_edge_record(e) for e in self.edges.values()
                if self._kept(e) and {e["subject"], e["object"]} == {a, b}]

    def supported(self) -> list[dict]:
        return sorted((_edge_record(e) for e in self.edges.values() if self._kept(e)),
                      key=lambda e: (-e["statements"], e["type"], e["subject"], e["object"]))


def _edge_key(row) -> tuple:
    subject, obj = row["subject"], row["object"]
    if RELATION_TYPES[row["type"]].symmetric and obj < subject:
        subject, obj = obj, subject
    return row["type"], subject, obj


def _edge_record(edge: dict) -> dict:
    """An edge as queries give it: counts, an example sentence, its claim id and grading."""
    grading = edge["grading"]
    return {"type": edge["type"], "subject": edge["subject"], "object": edge["object"],
            "statements": edge["statements"], "denials": edge["denials"], "documents": len(edge["documents"]),
            "example": edge["example"], "claim": edge["claim"],
            **{k: grading[k] for k in ("grade", "grade_label", "rule_grade", "overridden", "sources",
                                       "outlets", "kinds", "hedged", "contested")}}


def neighbourhood(store: Store, canonical_id: str, depth: int = 1, types: Iterable[str] | None = None,
                  start: str | None = None, end: str | None = None, min_grade: int | None = None,
                  canonical: Canonicals = None, limit: int | None = None) -> dict | None:
    """The canonical graph around one entity, up to ``depth`` links away; None when the entity
    has no statement.

    ``{"centre": {...}, "nodes": [...], "edges": [...]}``: each node with its canonical id, name,
    type, kind, country and distance from the centre (the centre described from all its
    statements, the others as the statements that link them name them); each edge aggregated per
    (type, subject, object) with the number of statements that support it (``statements``), of
    those that deny it (``denials``), of documents, and one supporting sentence (``example``).
    The edges are those followed from the centre outwards: links among the entities of the last
    ring are not fetched.

    - ``types``: the relation types followed (all by default);
    - ``start`` / ``end``: only statements that may hold within that range, in part at least: from
      their start (else end, else the date of their document) to their end (else the date of
      their document, else their start); undated statements are then left out;
    - ``min_grade``: only edges graded ``min_grade`` or better (``2``: confirmed or probably
      true), each graded from all its statements, the analysts' overrides applied (``grades.py``);
      the graph is followed through those edges only. Each edge carries its claim id, grade,
      the rule's grade, whether an analyst overrode it, its independent sources and outlets;
    - ``limit``: at most that many entities besides the centre (a hub has thousands of
      neighbours, more than a drawing can show): ring by ring, those most strongly linked to the
      entities kept already (by the statements of their edges) first; ``truncated`` tells whether
      some were left out, and only edges between kept entities are given.
    """
    start, end = _date(start, "start"), _date(end, "end")
    types = _types(types, RELATION_TYPES, "relation")
    if limit is not None and limit < 1:
        raise QueryError(f"a neighbourhood limit is at least 1, not {limit}")
    with store.read() as connection:
        resolving = resolver_for(store, canonical)
        centre = describe(connection, resolving, [canonical_id]).get(canonical_id)
        if centre is None and (now := absorbed_into(connection, resolving, canonical_id)):
            canonical_id, centre = now, describe(connection, resolving, [now]).get(now)
        if centre is None:
            return None
        graph = _Graph(start, end, Overrides.load(connection), _grade_bound(min_grade))
        distance, ring, truncated = {canonical_id: 0}, {canonical_id}, False
        for level in range(1, depth + 1):
            pairs = graph.add(_relation_rows(connection, resolving, ring, types))
            ring = {n for pair in pairs for n in pair if n not in distance}
            if limit is not None and len(distance) - 1 + len(ring) > limit:
                ring, truncated = _strongest(graph, ring, set(distance), limit - len(distance) + 1), True
            distance.update((n, level) for n in ring)
            if not ring:
                break
    nodes = [{**centre, "distance": 0}] + sorted(
        ({**graph.node(n), "distance": d} for n, d in distance.items() if d),
        key=lambda node: (node["distance"], node["name"] or "", node["canonical"]))
    edges = graph.supported()
    if truncated:
        edges = [e for e in edges if e["subject"] in distance and e["object"] in distance]
    return {"centre": centre, "nodes": nodes, "edges": edges, "truncated": truncated}


def _strongest(graph: "_Graph", ring: set[str], kept: set[str], room: int) -> set[str]:
    """The ``room`` entities of ``ring`` most strongly linked to ``kept``."""
    strength: Counter = Counter()
    for edge in graph.edges.values():
        if graph._kept(edge):
            for here, there in ((edge["subject"], edge["object"]), (edge["object"], edge["subject"])):
                if here in ring and there in kept:
                    strength[here] += edge["statements"]
    return set(sorted(ring, key=lambda n: (-strength[n], n))[:max(room, 0)])


def shortest_path(store: Store, a: str, b: str, max_depth: int = 4, canonical: Canonicals = None) -> dict | None:
    """The shortest chain of supported relations joining the canonical entities ``a`` and ``b``,
    at most ``max_depth`` links long, whatever their direction; None when there is none.

    ``{"entities": [a, …, b], "links": [[edges between the first two], …]}``: each entity
    described from its statements, each link the edges (as in :func:`neighbourhood`) between two
    consecutive entities. Searched breadth first from both ends at once, the smaller side first.
    """
    with store.read() as connection:
        resolving = resolver_for(store, canonical)
        chain = _chain(connection, resolving, a, b, max_depth)
        if chain is None:
            return None
        nodes, graph = chain
        described = describe(connection, resolving, nodes)
    if len(described) < len(set(nodes)):
        return None
    return {"entities": [described[n] for n in nodes],
            "links": [graph.between(x, y) for x, y in zip(nodes, nodes[1:])]}


def _chain(connection: Connection, canonical: Resolver, a: str, b: str, max_depth: int):
    """The nodes of a shortest path from ``a`` to ``b`` and the graph that holds its edges."""
    graph = _Graph(overrides=Overrides.load(connection))
    if a == b:
        return [a], graph
    parents = {a: {a: None}, b: {b: None}}
    rings = {a: {a}, b: {b}}
    for _level in range(max_depth):
        side = a if len(rings[a]) <= len(rings[b]) else b
        other = b if side == a else a
        if not rings[side]:
            return None
        pairs = graph.add(_relation_rows(connection, canonical, rings[side]))
        ring = set()
        for pair in sorted(pairs):
            for here, there in (pair, pair[::-1]):
                if here in rings[side] and there not in parents[side]:
                    parents[side][there] = here
                    ring.add(there)
        rings[side] = ring
        meeting = sorted(ring & parents[other].keys())
        if meeting:
            middle = min(meeting, key=lambda n: _depth(parents[other], n))
            half = _back(parents[a], middle)
            return half[::-1] + _back(parents[b], middle)[1:], graph
    return None


def _back(parents: dict, node: str) -> list[str]:
    """``node`` and its ancestors up to the root of ``parents``."""
    path = [node]
    while parents[path[-1]] is not None:
        path.append(parents[path[-1]])
    return path


def _depth(parents: dict, node: str) -> int:
    return len(_back(parents, node))


# ---------------------------------------------------------------- roles

def role_holders(store: Store, role_type: str, organisation: str, on_date: str,
                 canonical: Canonicals = None) -> list[dict]:
    """Who held a role (``role_type``: one that gives one, ``ontology.role_types``) in the
    canonical entity ``organisation`` on ``on_date`` (an ISO date at any precision), by the
    statements that say so and are not denied.

    A statement counts when:

    1. it gives a start or an end: the date is between them (a missing start has no lower bound;
       a missing end none either, unless the role is said to be past: it then ended by the date
       of the document), a partial overlap being enough ("2022" holds on "2022-06-01", and a role
       from "2022-09" holds in "2022");
    2. it gives neither and the role is not past: the text states it as current, and that is
       taken to hold on any date (``basis``: ``"current"``; the document's date says when it was
       current: weigh it); a past role without dates holds on no date.

    Each holder with its canonical id, name, type and the statements (role, dates, ``basis``,
    evidence, attribution, document), those with dates first.
    """
    if role_type not in role_types():
        raise QueryError(f"a role is {' or '.join(role_types())}, not {role_type!r}")
    on_date = _date(on_date, "on_date")
    with store.read() as connection:
        resolving = resolver_for(store, canonical)
        rows = _relation_rows(connection, resolving, {organisation}, [role_type], ends=("object",), full=True)
        held: dict[str, list[dict]] = {}
        for row in rows:
            basis = _held(row, on_date)
            if basis and not row["negated"]:
                held.setdefault(row["subject"], []).append({**_statement(row, organisation), "basis": basis})
        described = describe(connection, resolving, held)
    holders = []
    for holder, statements in held.items():
        statements.sort(key=lambda s: (s["basis"] != "dated", s["document"]["published"] or ""))
        holders.append({**described.get(holder, {"canonical": holder}), "statements": statements})
    return sorted(holders, key=lambda h: (-sum(s["basis"] == "dated" for s in h["statements"]),
                                          -len(h["statements"]), h.get("name") or ""))


def _held(row, on_date: str) -> str | None:
    """``"dated"`` or ``"current"`` when the role statement holds on ``on_date``, else None."""
    start, end = row["start_date"], row["end_date"]
    if start is None and end is None:
        return None if row["past"] else "current"
    if end is None and row["past"]:
        end = row["published"]
    if (start is None or _may_begin_by(start, on_date)) and (end is None or _may_end_from(end, on_date)):
        return "dated"
    return None
