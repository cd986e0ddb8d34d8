"""The judgement layer of the store: who decided that two entities are (not) the same, and the
canonical ids that follow, computed on read (nomenklatura's judgements over our statements).

- ``resolve_store``: the resolver (``resolution.py``) over the stored entities; each pair it
  compares becomes a judgement by ``"resolver"``, its score and reason in the note;
- ``merge`` / ``split``: an analyst's positive / negative judgement on two entities, each named
  by an entity statement id or a canonical id, recorded as an entity id (``_endpoint``);
- ``canonical_ids``: every entity's canonical id, from its identity key and the judgements in
  force: an analyst's first, then the resolver's, a negative never crossed.

Judgements are appended, never updated or deleted: the latest judgement on a pair is the one in
force, and an analyst's outranks the resolver's whatever their dates. The resolver compares each
pair of identity groups once (pairs judged already, by anyone, are not compared again), so
re-running it writes nothing new until new documents bring new pairs. Source statements are
never touched.
"""

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from ..errors import JudgementRefused, UnknownEntity, VeilleError
from ..extract.resolve import canonical_id
from ..extract.resolution import EntityRecord, Judgement, cluster, references, resolve
from . import dialect
from .canonical import Canonicals, Resolver, resolver
from .db import Store
from .schema import documents, entities, judgements

#: The name the resolver judges under; an analyst may not take it.
RESOLVER = "resolver"


@dataclass
class ResolveReport:
    """What one run of the resolver read, compared and decided."""

    entities: int = 0
    groups: int = 0
    compared: int = 0
    positive: int = 0
    negative: int = 0
    unsure: int = 0

    def summary(self) -> str:
        return (f"{self.entities} entities in {self.groups} identity groups: {self.compared} new pair(s) "
                f"judged, {self.positive} positive, {self.unsure} unsure, {self.negative} negative")


# ---------------------------------------------------------------- reading

def stored_records(connection: Connection) -> list[EntityRecord]:
    """Every stored entity as a resolver record, with the identity keys of its document's others.

    Mentions are not read: an entity's aliases hold every surface form other than its name.
    """
    rows = connection.execute(select(
        entities.c.id, entities.c.document, entities.c.name, entities.c.type, entities.c.kind,
        entities.c.country, entities.c.aliases, entities.c.identity).order_by(entities.c.id)).all()
    context: dict[str, set[str]] = {}
    for row in rows:
        context.setdefault(row.document, set()).add(row.identity)
    return [EntityRecord(id=r.id, document=r.document, name=r.name, type=r.type, kind=r.kind,
                         country=r.country, identity=r.identity, aliases=tuple(r.aliases),
                         context=frozenset(context[r.document] - {r.identity})) for r in rows]


def in_force(rows: Iterable) -> tuple[list[Judgement], list[Judgement]]:
    """The judgements in force, an analyst's and the resolver's, from rows in the order written.

    The latest judgement on a pair wins within each; the resolver's on a pair an analyst judged
    is left out. The resolver's keep the order it wrote them in (best score first in each run).
    """
    analyst: dict[frozenset, Judgement] = {}
    resolver: dict[frozenset, Judgement] = {}
    for row in rows:
        pair = frozenset((row.left_id, row.right_id))
        judged = Judgement(row.left_id, row.right_id, row.judgement, reason=row.note or "")
        target = resolver if row.judged_by == RESOLVER else analyst
        target.pop(pair, None)
        target[pair] = judged
    return list(analyst.values()), [j for p, j in resolver.items() if p not in analyst]


def _judgement_rows(connection: Connection) -> list:
    return connection.execute(select(judgements).order_by(judgements.c.judged_at, judgements.c.id)).all()


# ---------------------------------------------------------------- canonical ids on read

def canonical_ids(store: Store) -> dict[str, str]:
    """Every stored entity's canonical id: its identity group's, unless judgements join or part it.

    1. read the entities and the judgements; 2. keep those in force; 3. cluster (``resolution.cluster``).
    """
    with store.read() as connection:                                                  # 1
        records = _identity_records(connection)
        rows = _judgement_rows(connection)
    analyst, resolver = in_force(rows)                                                 # 2
    return cluster(records, analyst, resolver)                                        # 3


def resolver_for(store: Store, canonical: Canonicals = None) -> Resolver:
    """What a query resolves with: ``canonical`` when given, else the judgements in force.

    :func:`canonical_ids` reads every entity statement: too slow to run on every query of a
    large store. Two things change its answer, both append-only: documents (with their entities)
    and judgements. So it is computed once per state of the store (the number of documents, the
    last judgement id) and kept, compacted (only what departs from the identity-key canonical: by
    identity-key canonical when a whole identity group goes the same way, by statement id for the
    statements of a group that an analyst or a state split apart), in one :class:`Resolver` that
    the store's queries share: building one reads the whole mapping (measured: 15–28 ms a query
    on 2,000 documents, when each built its own). The store object keeps it
    (``store.judged``: the state it was computed on, and the resolver).
    """
    return resolver(canonical) if canonical is not None else _judged(store)


#: The state of the store that the judgements in force follow: its number of documents and
#: its last judgement, in one statement (each costs more to execute than to run).
_STATE = select(select(func.count()).select_from(documents).scalar_subquery(),
                select(func.max(judgements.c.id)).scalar_subquery())


def _judged(store: Store) -> Resolver:
    with store.read() as connection:
        state = tuple(connection.execute(_STATE).one())
        if state[1] is None:                 # no judgement: the identity-key canonical is in force
            return Resolver({})
        cached = store.judged
        if cached is not None and cached[0] == state:
            return cached[1]
        records = _identity_records(connection)
        rows = _judgement_rows(connection)
    mapping, split = _departures(records, cluster(records, *in_force(rows)))
    store.judged = (state, Resolver(mapping, split))
    return store.judged[1]


def _departures(records: list[EntityRecord], canonical: dict[str, str]) -> tuple[dict[str, str], frozenset[str]]:
    """``canonical`` less what the identity keys give anyway, by group where a group agrees; and
    the identity-key canonicals of the groups split apart (given by statement)."""
    groups: dict[str, list[EntityRecord]] = {}
    for r in records:
        groups.setdefault(canonical_id(r.type, r.identity), []).append(r)
    mapping: dict[str, str] = {}
    split = set()
    for default, members in groups.items():
        targets = {canonical[r.id] for r in members}
        if len(targets) == 1:
            (target,) = targets
            if target != default:
                mapping[default] = target
        else:
            split.add(default)
            mapping.update((r.id, canonical[r.id]) for r in members if canonical[r.id] != default)
    return mapping, frozenset(split)


def _identity_records(connection: Connection) -> list[EntityRecord]:
    rows = connection.execute(select(entities.c.id, entities.c.document, entities.c.name,
                                     entities.c.type, entities.c.identity)).all()
    return [EntityRecord(id=r.id, document=r.document, name=r.name, type=r.type, identity=r.identity)
            for r in rows]


# ---------------------------------------------------------------- the resolver

def resolve_store(store: Store, now: datetime | None = None) -> ResolveReport:
    """Judge every pair of stored identity groups that the resolver has not compared yet.

    1. read the entities and the judgements in force, by group pair;
    2. compare the pairs not judged yet (``resolution.resolve``), outside any transaction;
    3. write their judgements in one transaction, leaving out any pair judged meanwhile.
    """
    with store.read() as connection:                                                  # 1
        records = stored_records(connection)
        known = _known_pairs(records, _judgement_rows(connection))
    resolution = resolve(records, known)                                              # 2
    report = ResolveReport(entities=len(records), groups=len(resolution.groups))
    decided = sorted(resolution.candidates, key=lambda c: (-c.score, c.left, c.right))
    when = now or datetime.now(timezone.utc)
    with store.write() as connection:                                                 # 3
        dialect.lock_for_judgements(connection)
        judged = _known_pairs(records, _judgement_rows(connection))
        fresh = [c for c in decided if frozenset((c.left, c.right)) not in judged]
        if fresh:
            connection.execute(judgements.insert(), [_row(c, RESOLVER, when, _note(c)) for c in fresh])
    for c in fresh:
        setattr(report, c.judgement, getattr(report, c.judgement) + 1)
    report.compared = len(fresh)
    return report


def _known_pairs(records: list[EntityRecord], rows: list) -> dict[frozenset, str]:
    """The judgement in force on each pair of identity groups (an entity stands for its group)."""
    group_of = {r.id: r.group for r in records}
    ref = references(records)
    analyst, resolver = in_force(rows)
    known: dict[frozenset, str] = {}
    for j in resolver + analyst:           # an analyst's judgement on a pair comes last and wins
        if j.left not in ref or j.right not in ref:
            continue
        left, right = group_of[ref[j.left]], group_of[ref[j.right]]
        if left != right:
            known[frozenset((left, right))] = j.judgement
    return known


def _note(c: Judgement) -> str:
    return f"score {c.score:.2f}: {c.reason}"


def _row(c: Judgement, by: str, when: datetime, note: str | None) -> dict:
    left, right = sorted((c.left, c.right))
    return {"left_id": left, "right_id": right, "judgement": c.judgement, "judged_by": by,
            "judged_at": when, "note": note}


# ---------------------------------------------------------------- an analyst's judgements

def merge(store: Store, a: str, b: str, by: str, note: str | None = None) -> Judgement:
    """Record that ``a`` and ``b`` (entity statement ids or canonical ids) are one entity."""
    return judge(store, a, b, "positive", by, note)


def split(store: Store, a: str, b: str, by: str, note: str | None = None) -> Judgement:
    """Record that ``a`` and ``b`` (entity statement ids or canonical ids) are two entities."""
    return judge(store, a, b, "negative", by, note)


def judge(store: Store, a: str, b: str, judgement: str, by: str, note: str | None = None,
          now: datetime | None = None) -> Judgement:
    """Append an analyst's judgement on ``a`` and ``b``; raise :class:`UnknownEntity` for an id
    the store does not know, :class:`JudgementRefused` for a merge of entities of two types
    (the resolver never joins them either: ``resolution.py`` scores a type mismatch negative)."""
    by = (by or "").strip()
    if not by or by == RESOLVER:
        raise VeilleError(f"an analyst's judgement needs the analyst's name (not {RESOLVER!r})")
    with store.read() as connection:
        records = _identity_records(connection)
        rows = _judgement_rows(connection)
    canonical = cluster(records, *in_force(rows))
    named = {_endpoint(a, records, canonical): a, _endpoint(b, records, canonical): b}
    if len(named) == 1:
        raise VeilleError(f"{a} and {b} name the same entity: nothing to judge")
    if judgement == "positive":
        _same_type(records, named)
    left, right = sorted(named)
    decided = Judgement(left, right, judgement, reason=note or "")
    with store.write() as connection:
        connection.execute(judgements.insert(), [_row(decided, by, now or datetime.now(timezone.utc), note)])
    return decided


def _same_type(records: list[EntityRecord], named: dict[str, str]) -> None:
    """Refuse a merge of two entities (by statement id, each with the id it was given) of two types."""
    types = {r.id: r.type for r in records if r.id in named}
    (left, a), (right, b) = named.items()
    if types[left] != types[right]:
        raise JudgementRefused(f"cannot merge {a} ({types[left]}) with {b} ({types[right]}): "
                               "entities of different types are never one entity; nothing was recorded")


def _endpoint(given: str, records: list[EntityRecord], canonical: dict[str, str]) -> str:
    """The entity a judgement names for ``given``: an entity id stands for itself, an identity
    group's id (which every canonical id is, but for clusters split off a group) for the group's
    first entity, any other canonical id in force for its cluster's first entity."""
    given = given.strip()
    ref = references(records)
    if given in ref:
        return ref[given]
    members = sorted(entity for entity, cluster_id in canonical.items() if cluster_id == given)
    if members:
        return members[0]
    raise UnknownEntity(f"no entity and no canonical id {given!r} in the store")
