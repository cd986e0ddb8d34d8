"""Corroboration and grading: how well each claim is supported across documents.

A claim is a relation (type, canonical subject, canonical object; both ends sorted for a
symmetric type) or an event (type, canonical participants, date) told by one or more documents.
For each claim, :func:`corroborate` counts the documents and the *independent* sources that
support it, lists their attribution kinds, notes any denial, and grades it on the Admiralty
scale of information credibility:

=====  ===================  =================================================================
grade  meaning              rule
=====  ===================  =================================================================
1      confirmed            two or more independent sources, at least one of them neither
                            hedged nor anonymous, and no denial
2      probably true        two or more independent sources otherwise (all hedged or anonymous,
                            or denied by one of them only: not contested); or one source, not
                            hedged, on record (official, document, named_person, media, none)
3      possibly true        contested (see below), its denials outnumbered; or one source,
                            anonymous and not hedged, or on record but hedged
4      doubtful             supported but also denied by as many independent sources as
                            support it; or one anonymous, hedged source
5      improbable           denied, and not supported by any source
6      cannot be judged     the only support is the author's own hedged assertion (kind
                            ``none``), with no source at all
=====  ===================  =================================================================

The rule tries, in this order: no support (5 when denied); denials as many as the support (4);
contested (3); two or more independent sources (1 or 2); then the one source (6, 2, 4 or 3).

Contested: one source asserts the claim and another denies it: a telling that supports it and
one that denies it come from different documents, or from one document on the word of sources
of different kinds (an anonymous source says they met; the named person denies it). A
contested claim is at best *possibly true* (3), however many sources support it: an open
contradiction between sources is not settled by counting them; it is *doubtful* (4) when the
denials are as many as the support. An analyst who knows better overrides the grade. A claim
the same source both asserts and denies (one document, one kind of source) is not contested.

Independence: documents of the same outlet count as one source, and so do documents whose
evidence sentence is the same text (one copying another). A document of no known outlet (its
``source`` empty) never counts as a second source: nothing tells it apart from the others (it
may be a copy of any of them, or another article of the same outlet), so the documents of no
known outlet are one source together, and that source joins the first source of a known outlet
where there is one: two outlet-less documents are not two confirmations, and an outlet-less
document does not confirm an outlet's article. An analyst may override a grade; the override is
passed in (the store keeps overrides as judgements) and wins over the rule.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .model import Attribution, Document
from .ontology import RELATION_TYPES
from .text import key

ON_RECORD = frozenset({"official", "document", "named_person", "media", "none"})
GRADES = {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful", 5: "improbable",
          6: "cannot be judged"}


@dataclass(frozen=True)
class Telling:
    """One document's statement of a claim."""

    doc_id: str
    outlet: str | None
    evidence: str
    attribution: Attribution
    negated: bool


@dataclass
class Claim:
    key: tuple
    tellings: list[Telling] = field(default_factory=list)
    grade: int = 6
    overridden: bool = False

    @property
    def documents(self) -> int:
        return len({t.doc_id for t in self.tellings})

    @property
    def outlets(self) -> list[str]:
        return sorted({t.outlet for t in self.tellings if t.outlet})

    @property
    def denied(self) -> bool:
        return any(t.negated for t in self.tellings)

    @property
    def kinds(self) -> list[str]:
        return sorted({t.attribution.kind for t in self.tellings})

    def to_record(self) -> dict:
        return {"claim": list(self.key), "documents": self.documents, "outlets": self.outlets,
                "independent_sources": len(independent(t for t in self.tellings if not t.negated)),
                "attribution_kinds": self.kinds, "denied": self.denied,
                "contested": contested(self.tellings), "grade": self.grade,
                "grade_meaning": GRADES[self.grade], "overridden": self.overridden}


def relation_key(rtype: str, subject: str, obj: str) -> tuple:
    ends = tuple(sorted((subject, obj))) if RELATION_TYPES[rtype].symmetric else (subject, obj)
    return ("relation", rtype, *ends)


def event_key(etype: str, participants: Iterable[str], date: str | None) -> tuple:
    return ("event", etype, tuple(sorted(set(participants))), date)


def corroborate(docs: Iterable[Document], canonical: Callable[[Document, str], str],
                overrides: dict[tuple, int] | None = None) -> list[Claim]:
    """Every claim of ``docs``, with its tellings and grade.

    1. Gather the tellings of each claim, entities named by their canonical id
       (``canonical(doc, local_entity_id)``).
    2. Grade each claim by the rule of this module, unless an analyst's override is given.
    """
    claims: dict[tuple, Claim] = {}
    for doc in docs:                                                                    # 1
        for r in doc.relations:
            k = relation_key(r.type, canonical(doc, r.subject), canonical(doc, r.object))
            claims.setdefault(k, Claim(k)).tellings.append(_telling(doc, r.evidence.text, r.attribution, r.negated))
        for e in doc.events:
            k = event_key(e.type, (canonical(doc, p) for p in e.participants), e.date)
            claims.setdefault(k, Claim(k)).tellings.append(_telling(doc, e.evidence.text, e.attribution, e.negated))
    overrides = overrides or {}
    for claim in claims.values():                                                       # 2
        claim.grade, claim.overridden = (overrides[claim.key], True) if claim.key in overrides \
            else (grade(claim.tellings), False)
    return list(claims.values())


def _telling(doc: Document, evidence: str, attribution: Attribution, negated: bool) -> Telling:
    return Telling(doc.doc_id, doc.source, evidence, attribution, negated)


def independent(tellings: Iterable[Telling]) -> list[list[Telling]]:
    """Tellings grouped into independent sources: one group per outlet, and copies of the same
    sentence in one group whatever their outlet; the tellings of no known outlet in one group,
    joined to the first known outlet's when there is one (see the module's docstring)."""
    parent: dict[int, int] = {}
    items = list(tellings)

    def find(i):
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    first_by: dict[tuple, int] = {}
    known = next((i for i, t in enumerate(items) if _outlet(t)), None)
    for i, t in enumerate(items):
        outlet = ("outlet", _outlet(t)) if _outlet(t) else ("outlet", None)
        for k in (outlet, ("text", key(t.evidence))):
            if k in first_by:
                parent[find(i)] = find(first_by[k])
            else:
                first_by[k] = i
    if known is not None and ("outlet", None) in first_by:
        parent[find(first_by[("outlet", None)])] = find(known)
    groups = defaultdict(list)
    for i, t in enumerate(items):
        groups[find(i)].append(t)
    return list(groups.values())


def _outlet(t: Telling) -> str:
    """The outlet of a telling, normalised; "" when none is known."""
    return key(t.outlet or "").strip()


def grade(tellings: list[Telling]) -> int:
    """The Admiralty credibility grade of a claim from its tellings (see the module's table)."""
    support = independent(t for t in tellings if not t.negated)
    denial = independent(t for t in tellings if t.negated)
    if not support:
        return 5 if denial else 6
    if denial and len(denial) >= len(support):
        return 4
    if contested(tellings):
        return 3
    firm = [g for g in support if any(_firm(t.attribution) for t in g)]
    if len(support) >= 2:
        return 1 if firm and not denial else 2
    telling = max(support[0], key=lambda t: (_firm(t.attribution), t.attribution.kind != "anonymous"))
    said = telling.attribution
    if said.kind == "none" and said.hedged:
        return 6
    if _firm(said):
        return 2
    if said.kind == "anonymous" and said.hedged:
        return 4
    return 3


def contested(tellings: Iterable[Telling]) -> bool:
    """Whether one source asserts the claim and another denies it (see the module's docstring):
    a supporting and a denying telling of different documents, or of different kinds of source."""
    asserted, denied = set(), set()
    for t in tellings:
        (denied if t.negated else asserted).add((t.doc_id, t.attribution.kind))
    return bool(asserted and denied) and len(asserted | denied) > 1


def _firm(said: Attribution) -> bool:
    """Neither hedged nor resting on unnamed sources."""
    return not said.hedged and said.kind in ON_RECORD
