"""Canonical ids on read: the canonical entity of each entity statement, and the way back.

The store keeps no canonical id (``schema.py``): the default is the identity-key canonical,
``resolve.canonical_id(type, identity)``, and the judgements layer refines it. Every query of the
store takes that refinement as its ``canonical`` argument (a :data:`Canonicals`):

- ``None``: the identity-key canonical;
- a mapping whose keys are entity statement ids or identity-key canonical ids, and whose values
  are canonical ids (``judgements.canonical_ids(store)``); a statement found under neither key
  keeps its identity-key canonical;
- a function ``(statement id, type, identity) -> canonical id``, applied as it is. To find the
  statements of one canonical entity a query must then read every entity statement of the store:
  give a mapping where one can be had.

Queries ask two questions: which canonical entity a statement belongs to (:meth:`Resolver.of`),
and which statements belong to some canonical entities (:meth:`Resolver.candidates`: SQL
conditions that select a superset of them, which :meth:`Resolver.of` then narrows). The identity
keys of a canonical id are found in ``search_names``, which holds every identity key with its
identity-key canonical.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Mapping

from sqlalchemy import distinct, func, select, true
from sqlalchemy.engine import Connection

from ..extract import known_names, resolve
from ..text import key
from .schema import entities, search_names

#: What a query accepts as its ``canonical`` argument (see the module's docstring).
Canonicals = Mapping[str, str] | Callable[[str, str, str], str] | None
#: How many answers of :meth:`Resolver.candidates` a resolver keeps (one resolver is kept per
#: store state and serves every query of it).
CANDIDATES_KEPT = 4096
#: How many values one ``IN (…)`` list holds (well under SQLite's limit of bound parameters).
CHUNK = 500

#: The prefix of a gazetteer identity (``resolve.identity``).
ENTRY = "entry:"

_CANONICAL_ID = re.compile(r"[a-z]+-[0-9a-f]{12}")


def chunks(values: Iterable, size: int = CHUNK) -> Iterator[list]:
    """``values`` sorted, in lists of at most ``size``."""
    ordered = sorted(set(values))
    for start in range(0, len(ordered), size):
        yield ordered[start:start + size]


@dataclass
class Candidates:
    """The identity keys and statement ids whose entity statements may belong to some canonical
    entities; ``everything`` when any statement may (a function was given)."""

    identities: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    everything: bool = False

    def where(self, entity) -> list:
        """Conditions on the entity table ``entity`` (or an alias), each with a bounded list; the
        statements wanted are among those that satisfy one of them."""
        if self.everything:
            return [true()]
        return ([entity.c.identity.in_(chunk) for chunk in chunks(self.identities)]
                + [entity.c.id.in_(chunk) for chunk in chunks(self.ids)])


class Resolver:
    """The canonical ids of one query: identity-key canonicals, refined by ``canonical``."""

    def __init__(self, canonical: Canonicals = None, split: frozenset[str] | None = None):
        self.mapping: Mapping[str, str] = canonical if isinstance(canonical, Mapping) else {}
        self.function = canonical if callable(canonical) and not isinstance(canonical, Mapping) else None
        self._reverse: dict[str, set[str]] | None = None
        self._candidates: dict[frozenset, Candidates] = {}
        #: whether statements of one identity key may belong to different canonical entities
        self.by_statement = self.function is not None or any(
            not _CANONICAL_ID.fullmatch(k) for k in self.mapping)
        #: the identity-key canonicals of the groups the mapping splits by statement, when known
        self.split = split

    def of(self, statement_id: str, entity_type: str, identity: str) -> str:
        """The canonical id of one entity statement."""
        if self.function is not None:
            return self.function(statement_id, entity_type, identity)
        default = resolve.canonical_id(entity_type, identity)
        if not self.mapping:
            return default
        return self.mapping.get(statement_id) or self.mapping.get(default, default)

    def exact(self, target: str) -> bool:
        """Whether the statements that :meth:`candidates` selects for ``target`` all belong to
        it, so that SQL can count and page them without :meth:`of` narrowing them: true unless a
        function decides, ``target``'s own group was merged into another entity, or one of its
        identity groups is split by statement (or the mapping splits some and does not say
        which: ``split``)."""
        if self.function is not None or target in self.mapping:
            return False
        if not self.by_statement:
            return True
        sources = {target} | {k for k in self._reversed().get(target, set()) if _CANONICAL_ID.fullmatch(k)}
        return self.split is not None and not sources & self.split

    def candidates(self, connection: Connection, targets: Iterable[str]) -> Candidates:
        """What selects (a superset of) the entity statements of the canonical ids ``targets``."""
        if self.function is not None:
            return Candidates(everything=True)
        asked = frozenset(targets)
        if len(self._candidates) > CANDIDATES_KEPT:  # a resolver kept across queries forgets
            self._candidates.clear()
        if asked not in self._candidates:          # one query asks several times about the same
            keys = set(asked)
            for target in asked:
                keys |= self._reversed().get(target, set())
            canonicals = {k for k in keys if _CANONICAL_ID.fullmatch(k)}
            self._candidates[asked] = Candidates(identities_of(connection, canonicals), keys - canonicals)
        return self._candidates[asked]

    def _reversed(self) -> dict[str, set[str]]:
        if self._reverse is None:
            self._reverse = {}
            for source, target in self.mapping.items():
                self._reverse.setdefault(target, set()).add(source)
        return self._reverse


def resolver(canonical: "Canonicals | Resolver") -> Resolver:
    return canonical if isinstance(canonical, Resolver) else Resolver(canonical)


def identities_of(connection: Connection, canonicals: Iterable[str]) -> set[str]:
    """The identity keys whose identity-key canonical is one of ``canonicals``."""
    found: set[str] = set()
    for chunk in chunks(canonicals):
        found.update(connection.scalars(select(search_names.c.identity).distinct()
                                        .where(search_names.c.canonical.in_(chunk))))
    return found


# ---------------------------------------------------------------- what a canonical entity is called

def display_name(name: str | None, identity: str | None) -> str | None:
    """What one entity statement's canonical entity is called where a query names it from that
    statement alone (a relation's ends, a graph's nodes, an event's participants): the
    gazetteer's official name for a gazetteer identity, else the statement's own name."""
    if identity and identity.startswith(ENTRY):
        return known_names.official_name(identity.removeprefix(ENTRY)) or name
    return name


def describe(connection: Connection, canonical: Resolver, targets: Iterable[str]) -> dict[str, dict]:
    """Name, type, kind, country, aliases and number of documents of each canonical entity of
    ``targets`` that has statements, from all its entity statements.

    The name is the gazetteer's official name when the entity has a gazetteer identity (the
    one most of its statements have): "Direction générale de la sécurité extérieure", whatever
    the documents call it ("DGSE", "la DGSE française"); else the one most statements use (the
    longest on a tie). Kind and country are the most frequent ones given; the aliases every
    other name and alias, one per spelling (``text.key``).
    """
    targets = set(targets)
    columns = [entities.c.type, entities.c.identity, entities.c.name, entities.c.kind,
               entities.c.country, entities.c.aliases]
    if canonical.by_statement:
        columns.append(entities.c.id)
    seen: dict[str, _Tally] = {}
    for condition in canonical.candidates(connection, targets).where(entities):
        query = (select(*columns, func.count().label("statements"),
                        func.count(distinct(entities.c.document)).label("documents"))
                 .where(condition).group_by(*columns))
        for row in connection.execute(query).mappings():
            target = canonical.of(row.get("id", ""), row["type"], row["identity"])
            if target in targets:
                seen.setdefault(target, _Tally()).add(row)
    return {target: tally.summary(target) for target, tally in seen.items()}


@dataclass
class _Tally:
    names: Counter = field(default_factory=Counter)
    #: the gazetteer entries of its statements (``entry:`` identities)
    entries: Counter = field(default_factory=Counter)
    aliases: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)
    documents: int = 0
    statement_ids: set = field(default_factory=set)

    def add(self, row) -> None:
        if "id" in row:                     # one row per statement: a statement counts once
            if row["id"] in self.statement_ids:
                return
            self.statement_ids.add(row["id"])
        n = row["statements"]
        self.names[row["name"]] += n
        if row["identity"].startswith(ENTRY):
            self.entries[row["identity"].removeprefix(ENTRY)] += n
        self.types[row["type"]] += n
        for alias in row["aliases"] or []:
            self.aliases[alias] += n
        if row["kind"]:
            self.kinds[row["kind"]] += n
        if row["country"]:
            self.countries[row["country"]] += n
        self.documents += row["documents"]

    def summary(self, target: str) -> dict:
        name = (known_names.official_name(_most(self.entries)) if self.entries else None) \
            or max(self.names, key=lambda n: (self.names[n], len(n), n))
        spellings = {key(name)}
        aliases = []
        for alias, _count in sorted((self.names + self.aliases).items(), key=lambda item: (-item[1], item[0])):
            if key(alias) not in spellings:
                spellings.add(key(alias))
                aliases.append(alias)
        return {"canonical": target, "name": name, "type": _most(self.types), "kind": _most(self.kinds),
                "country": _most(self.countries), "aliases": aliases, "documents": self.documents}


def _most(counter: Counter) -> str | None:
    return max(counter, key=lambda value: (counter[value], value)) if counter else None
