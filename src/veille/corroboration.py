"""Corroboration and grading: how well each claim is supported across documents.

A claim is a relation (type, canonical subject, canonical object; both ends sorted for a
symmetric type) or an event (type, canonical participants, date) told by one or more documents.
For each claim, :func:`corroborate` counts the documents and the *independent* sources that
support it, lists their attribution kinds, notes any denial, and grades it on the Admiralty
scale of information credibility:

=====  ===================  =================================================================
grade  meaning              rule (first that applies)
=====  ===================  =================================================================
1      confirmed            two or more independent sources, at least one of them neither
                            hedged nor anonymous, and no denial
2      probably true        two or more independent sources otherwise (all hedged or anonymous,
                            or a denial outnumbered); or one source, not hedged, on record
                            (official, document, named person, media, the outlet's own word)
3      possibly true        one source, anonymous and not hedged, or on record but hedged
4      doubtful             one anonymous, hedged source; or supported but also denied by as
                            many independent sources as support it
5      improbable           denied, and not supported by any source
6      cannot be judged     the only support is the outlet's own hedged assertion, with no
                            source at all
=====  ===================  =================================================================

Independence: documents of the same outlet count as one source, and so do documents whose
evidence sentence is the same text (one copying another). An analyst may override a grade; the
override is passed in (the store keeps overrides as judgements) and wins over the rule.
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
                "attribution_kinds": self.kinds, "denied": self.denied, "grade": self.grade,
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
    sentence in one group whatever their outlet."""
    parent: dict[int, int] = {}
    items = list(tellings)

    def find(i):
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    first_by: dict[tuple, int] = {}
    for i, t in enumerate(items):
        for k in (("outlet", key(t.outlet)) if t.outlet else ("doc", t.doc_id), ("text", key(t.evidence))):
            if k in first_by:
                parent[find(i)] = find(first_by[k])
            else:
                first_by[k] = i
    groups = defaultdict(list)
    for i, t in enumerate(items):
        groups[find(i)].append(t)
    return list(groups.values())


def grade(tellings: list[Telling]) -> int:
    """The Admiralty credibility grade of a claim from its tellings (see the module's table)."""
    support = independent(t for t in tellings if not t.negated)
    denial = independent(t for t in tellings if t.negated)
    if not support:
        return 5 if denial else 6
    if denial and len(denial) >= len(support):
        return 4
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


def _firm(said: Attribution) -> bool:
    """Neither hedged nor resting on unnamed sources."""
    return not said.hedged and said.kind in ON_RECORD
