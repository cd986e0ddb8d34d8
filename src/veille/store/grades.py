"""The grade of a stored claim: the rule of ``corroboration.py`` over its statements, unless an
analyst overrode it (``grade_judgements``).

A claim is a group of statements (relation or event rows of several documents) that say one
thing. Overrides are kept by statement, not only by claim id: a merge or a split changes a
claim's canonical ends, so its id, but not the statements it groups; an override given to a
claim stays with the claim that holds its statements. Where a claim holds statements overridden
at different times, the latest override is in force.
"""

from dataclasses import dataclass, field
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..corroboration import GRADES, Telling, contested, grade, independent
from ..model import Attribution
from . import dialect
from .schema import grade_judgements


@dataclass
class Overrides:
    """The analysts' grade overrides of a store, by statement and by claim id."""

    by_statement: dict[str, dict] = field(default_factory=dict)
    by_claim: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, connection: Connection) -> "Overrides":
        found = cls()
        rows = connection.execute(select(grade_judgements)
                                  .order_by(grade_judgements.c.judged_at, grade_judgements.c.id)).mappings()
        for row in rows:                                   # in the order written: the latest wins
            override = {"grade": row["grade"], "by": row["judged_by"], "at": dialect.utc(row["judged_at"]).isoformat(),
                        "note": row["note"], "order": row["id"]}
            found.by_claim[row["claim"]] = override
            found.by_statement.update((statement, override) for statement in row["statements"])
        return found

    def of(self, claim_id: str, statements: Iterable[str]) -> dict | None:
        """The override in force for the claim ``claim_id`` holding ``statements``, if any."""
        candidates = [self.by_statement[s] for s in statements if s in self.by_statement]
        if claim_id in self.by_claim:
            candidates.append(self.by_claim[claim_id])
        if not candidates:
            return None
        latest = max(candidates, key=lambda o: o["order"])
        return {k: v for k, v in latest.items() if k != "order"}


def relation_claim(key: tuple[str, str, str]) -> str:
    """The id of the relation claim of key (type, subject, object): see ``claims.py``."""
    return "r." + ".".join(key)


def telling(row) -> Telling:
    """One statement row (a relation's or an event's, with its document) as a telling."""
    said = Attribution(kind=row["attribution_kind"], hedged=bool(row["hedged"]))
    return Telling(row["d_id"], row["source"], row["evidence"], said, bool(row["negated"]))


def graded(claim_id: str, rows: list, overrides: Overrides) -> dict:
    """Corroboration and grade of the claim ``claim_id`` told by the statement ``rows``.

    ``documents`` and ``outlets`` count every telling, denials included; ``sources`` the
    independent sources that support it (``corroboration.independent``), ``denials`` those that
    deny it; ``contested`` whether one source asserts it and another denies it, ``sides`` who
    does which (:func:`sides`); ``rule_grade`` is the grade of the rule, ``grade`` the one in
    force (the analyst's when overridden).
    """
    tellings = [telling(row) for row in rows]
    rule = grade(tellings)
    override = overrides.of(claim_id, (row["id"] for row in rows))
    in_force = override["grade"] if override else rule
    return {"documents": len({t.doc_id for t in tellings}),
            "outlets": sorted({t.outlet for t in tellings if t.outlet}),
            "sources": len(independent(t for t in tellings if not t.negated)),
            "kinds": sorted({t.attribution.kind for t in tellings}),
            "hedged": any(t.attribution.hedged for t in tellings),
            "denied": any(t.negated for t in tellings),
            "denials": len(independent(t for t in tellings if t.negated)),
            "contested": contested(tellings), "sides": sides(rows),
            "grade": in_force, "grade_label": GRADES[in_force], "rule_grade": rule,
            "overridden": override is not None, "override": override}


def sides(rows: list) -> dict[str, list[dict]]:
    """Who asserts the claim and who denies it: for each side, each document once per kind of
    source, with its outlet (None when unknown), date and attribution kind, in the rows' order."""
    found: dict[str, list[dict]] = {"asserted": [], "denied": []}
    for row in rows:
        side = found["denied" if row["negated"] else "asserted"]
        source = {"document": row["d_id"], "doc_id": row["doc_id"], "outlet": row["source"] or None,
                  "published": row["published"], "kind": row["attribution_kind"]}
        if source not in side:
            side.append(source)
    return found
