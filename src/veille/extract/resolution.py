"""Cross-document resolution: which entities of many documents name one real-world entity.

A library without a database: entity records in (:class:`EntityRecord`), scored pairs and
canonical ids out. ``resolve_run`` applies it to the documents of one ``veille extract`` run;
``store/judgements.py`` records its decisions as judgements and applies them on read.

1. group: entities with one identity key (``resolve.identity``: a gazetteer entry, a state's
   descriptive name, else type and normalised name) are one entity by construction. Each such
   *identity group* has the id ``resolve.canonical_id`` gives it; the resolver compares groups;
2. block: each group is indexed under a few keys (its normalised names, a person's surname and
   its one-letter variants, acronyms and the acronym an expansion spells, a long name with one
   word left out); only groups sharing a key are compared, and a key shared by more than
   ``MAX_BLOCK`` groups tells too little to be worth its pairs and is dropped;
3. score: hard incompatibilities first (type, country, kind, two curated identities, two groups
   one document names apart, a person's different first names), then the best match between
   the two groups' names, plus a bonus for entities both groups appear with; a group whose
   identity is its document's own (``resolve.document_only``: a name several states' services
   bear, in a document that gives no state; a former name) is at best unsure;
4. decide: positive / unsure / negative by the thresholds below; a group that matches two
   groups known to differ ("Clinton" and Hillary and Bill Clinton) is ambiguous, and its
   matches are only unsure unless one is clearly better;
5. cluster: union-find over positives, never across a negative (an analyst's first), never
   joining two groups that one document names apart, never two entity types.

Every judgement carries its reason (``Judgement.reason``), which the store keeps in its note.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import combinations
from math import prod
from typing import Iterable, Mapping, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from .acronyms import FUNCTION_WORDS, spells
from ..knowledge.read import load_json
from ..model import Document
from .resolve import canonical_id, document_only, identity, use_official_name
from ..text import is_acronym, key

#: From this score two groups are one entity: one full name (1.0), a long name with one word
#: misspelled by one letter (its rapidfuzz ratio, 0.9 to 0.97: 'Sidney Blumental' / 'Sidney
#: Blumenthal' 0.95), an acronym and the expansion that spells it (0.9), a lone surname that
#: is a full name's (0.85, and only when no other full name takes it).
POSITIVE = 0.85
#: From this score the pair is left to an analyst: two misspelled words (about 0.8), one lone
#: misspelled surname (0.85 × ratio: 'Bekmokhtar' / 'Belmokhtar' 0.77), a full name with a
#: middle name more (0.8). Context lifts these to positive when both groups share entities.
UNSURE = 0.70
#: Score of a lone surname matching a full name, or two lone surnames; of a lone misspelled
#: word of an organisation or a place, times its ratio; of a name with a middle name more.
SURNAME = 0.85
LONE_WORD = 0.9
MIDDLE_NAME = 0.80
ACRONYM = 0.90
REORDERED = 0.95
#: A shared co-occurring entity adds CONTEXT_STEP, at most CONTEXT_MAX, to a score already at
#: CONTEXT_FLOOR: context confirms a name match, it never makes one.
CONTEXT_STEP, CONTEXT_MAX, CONTEXT_FLOOR = 0.05, 0.10, 0.60
#: A group matching two groups known to differ keeps its better match only with this lead.
MARGIN = 0.10
#: A word is a misspelling of another when both have this many letters and one edit (OSA:
#: substitution, insertion, deletion or transposition) turns one into the other.
MISSPELLING_MIN_LENGTH = 6
#: A block key shared by more groups than this is dropped (a common first word, a frequent surname).
MAX_BLOCK = 40
#: Identity keys that are curated, not read off a name: two different ones are two entities.
CURATED = ("entry:", "desc:")
#: Entity types whose ``kind`` tells entities apart (a city is not a country, a police force not
#: an intelligence service).
KIND_TYPES = frozenset({"ORG", "LOC"})

_WORDS = re.compile(r"\w+'|\w+")


# ---------------------------------------------------------------- records and groups

@dataclass(frozen=True)
class EntityRecord:
    """One entity of one document, as the resolver needs it.

    ``context`` holds cross-document ids (identity keys) of the other entities of its document.
    """

    id: str
    document: str
    name: str
    type: str
    kind: str | None = None
    country: str | None = None
    identity: str | None = None
    aliases: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    context: frozenset[str] = frozenset()

    @cached_property
    def identity_key(self) -> str:
        return identity_key(self.type, self.name, self.identity)

    @cached_property
    def named(self) -> str:
        """The canonical id its identity key alone gives (``resolve.canonical_id``)."""
        return canonical_id(self.type, self.identity_key)

    @cached_property
    def group(self) -> str:
        """The id of its identity group: ``named``, the state added for an organisation or a
        place known by its name only (two states' "ministère de l'Intérieur" are two groups)."""
        if self.type in KIND_TYPES and self.country and self.identity_key.startswith("name:"):
            return canonical_id(self.type, f"{self.identity_key}|{self.country}")
        return self.named


def identity_key(entity_type: str, name: str, given: str | None) -> str:
    """The identity key the extraction gave, else the one ``resolve`` falls back to."""
    return given or identity(entity_type, name, None, None, None, None, False)


@dataclass(frozen=True)
class Form:
    """One name of an entity, as normalised words; ``acronym`` for a lone capitalised acronym."""

    words: tuple[str, ...]
    acronym: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass
class Group:
    """The entities of one identity key, with everything their documents say of them."""

    id: str
    identity: str
    type: str
    members: list[str] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    forms: dict[str, Form] = field(default_factory=dict)
    context: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Judgement:
    """Are ``left`` and ``right`` (entity or group ids) the same: positive, negative or unsure."""

    left: str
    right: str
    judgement: str
    score: float = 1.0
    reason: str = ""


@dataclass
class Resolution:
    groups: dict[str, Group]
    #: every pair compared, with its score and decision
    candidates: list[Judgement]


@lru_cache(maxsize=2)
def _leading_words(person: bool) -> frozenset[str]:
    """Words that may open a name without being part of it (entity_lexicon.json): articles
    ('la DGSE'), and titles before a person's name ('M. Lerner', 'général Toufik')."""
    lexicon = load_json("entity_lexicon.json")
    words = lexicon["leading_particles"] + (lexicon["titles"] if person else [])
    return frozenset(key(w) for w in words if " " not in w)


def form_of(surface: str, entity_type: str) -> Form | None:
    """The normalised words of a surface form, leading titles and articles left out."""
    person = entity_type == "PER"
    surface_words = surface.split()
    while surface_words and key(surface_words[0]) in _leading_words(person):
        surface_words = surface_words[1:]
    text = key(" ".join(surface_words))
    if person:
        words = [w.strip(".") for w in text.replace("-", " ").split()]
    else:
        words = _WORDS.findall(text)           # "l'armee" -> "l'", "armee"
        while words and words[0] in _leading_words(person):
            words = words[1:]
    words = [w for w in words if w]
    if not words:
        return None
    return Form(tuple(words), len(surface_words) == 1 and is_acronym(surface_words[0]))


def group_records(records: Iterable[EntityRecord]) -> dict[str, Group]:
    """Step 1: the identity groups of ``records``, by group id."""
    groups: dict[str, Group] = {}
    for record in records:
        group = groups.setdefault(record.group, Group(record.group, record.identity_key, record.type))
        group.members.append(record.id)
        group.documents.add(record.document)
        group.kinds.update([record.kind] if record.kind else [])
        group.countries.update([record.country] if record.country else [])
        group.context.update(record.context - {record.identity_key})
        for surface in (record.name, *record.aliases, *record.mentions):
            form = form_of(surface, record.type)
            if form is not None:
                group.forms.setdefault(form.text, form)
    return groups


# ---------------------------------------------------------------- blocking

def deletions(word: str) -> set[str]:
    """The word and every word one letter shorter: two words one edit apart share one of these."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


def initials(words: Sequence[str]) -> set[str]:
    """The acronyms an expansion may spell: initials of its content words, and of all its words."""
    content = [w for w in words if w not in FUNCTION_WORDS]
    return {"".join(w[0] for w in content), "".join(w[0] for w in words)} if len(content) > 1 else set()


def block_keys(group: Group) -> set[str]:
    """Step 2: the keys ``group`` is indexed under, each prefixed with its type."""
    keys = set()
    for form in group.forms.values():
        words = form.words
        keys.add(f"form:{form.text}")
        if group.type == "PER":
            keys.add(f"surname:{words[-1]}")
        else:
            keys.update(f"acr:{a}" for a in initials(words))
        if form.acronym:
            keys.add(f"acr:{form.text}")
        if (group.type == "PER" or len(words) == 1) and len(words[-1]) >= MISSPELLING_MIN_LENGTH:
            keys.update(f"spelling:{d}" for d in deletions(words[-1]))
        if len(words) >= 3:
            keys.update(f"but:{' '.join(words[:i] + ('_',) + words[i + 1:])}" for i in range(len(words)))
    return {f"{group.type}|{k}" for k in keys}


def blocks(groups: Mapping[str, Group]) -> dict[str, list[str]]:
    """Group ids by block key, the keys shared by more than ``MAX_BLOCK`` groups dropped."""
    index: dict[str, list[str]] = defaultdict(list)
    for group_id in sorted(groups):
        for block in block_keys(groups[group_id]):
            index[block].append(group_id)
    return {k: ids for k, ids in index.items() if 1 < len(ids) <= MAX_BLOCK}


def candidate_pairs(groups: Mapping[str, Group], known: Iterable[frozenset] = ()) -> list[tuple[str, str]]:
    """The pairs of groups sharing a block key, those in ``known`` (judged already) left out."""
    skip = set(known)
    pairs = {pair for ids in blocks(groups).values() for pair in combinations(ids, 2)}
    return sorted(p for p in pairs if frozenset(p) not in skip)


# ---------------------------------------------------------------- scoring

def conflict(a: Group, b: Group) -> str | None:
    """Why ``a`` and ``b`` cannot be one entity whatever their names, or None."""
    if a.type != b.type:
        return "different types"
    if a.documents & b.documents:
        return "one document names them apart"
    if a.identity.startswith(CURATED) and b.identity.startswith(CURATED):
        return "two curated identities"
    if a.countries and b.countries and not a.countries & b.countries:
        return "different countries"
    if a.type in KIND_TYPES and a.kinds and b.kinds and not a.kinds & b.kinds:
        return "different kinds"
    return None


def misspelling(a: str, b: str) -> float:
    """The rapidfuzz ratio of two words one edit apart (1.0 when equal), else 0."""
    if a == b:
        return 1.0
    if min(len(a), len(b)) >= MISSPELLING_MIN_LENGTH and OSA.distance(a, b) <= 1:
        return fuzz.ratio(a, b) / 100
    return 0.0


def _given_name(a: str, b: str) -> float:
    """A first or middle name against another: equal, misspelled, or an initial ('h' / 'hillary')."""
    if len(a) == 1 or len(b) == 1:
        return LONE_WORD if a[0] == b[0] else 0.0
    return misspelling(a, b)


def person_match(x: Form, y: Form) -> tuple[float, str]:
    """How well two names of people match; a negative score when they contradict each other."""
    short, long_ = sorted((x.words, y.words), key=len)
    surname = misspelling(short[-1], long_[-1])
    if len(short) == 1 and surname:
        spelt = "" if surname == 1 else "misspelled "
        return SURNAME * surname, f"{spelt}surname" + (" of a full name" if len(long_) > 1 else "")
    if len(short) == len(long_) and surname:
        given = [_given_name(a, b) for a, b in zip(short[:-1], long_[:-1])]
        if not all(given):
            return -1.0, "different first names"
        score = surname * prod(given)
        return score, "same name" if score == 1 else "misspelled name"
    if fuzz.token_sort_ratio(x.text, y.text) == 100:
        return REORDERED, "same name in another order"
    if short[0] == long_[0] and surname == 1:
        return MIDDLE_NAME, "a middle name more"
    if long_[-len(short):] == short:
        return SURNAME, "surname of a full name"
    return 0.0, "different names"


def name_match(x: Form, y: Form) -> tuple[float, str]:
    """How well two names of organisations or places match."""
    if x.words == y.words:
        return 1.0, "same name"
    for acronym, expansion in ((x, y), (y, x)):
        if acronym.acronym and len(expansion.words) > 1 and spells(expansion.words, acronym.text):
            return ACRONYM, "acronym and expansion"
    if len(x.words) != len(y.words):
        return 0.0, "different names"
    score = prod(misspelling(a, b) for a, b in zip(x.words, y.words))
    return score * (LONE_WORD if len(x.words) == 1 else 1.0), "misspelled name" if score else "different names"


def best_match(a: Group, b: Group) -> tuple[float, str]:
    """The best match between any name of ``a`` and any of ``b``; a contradiction wins."""
    match = person_match if a.type == "PER" else name_match
    best = (0.0, "different names")
    for x in a.forms.values():
        for y in b.forms.values():
            score, reason = match(x, y)
            if score < 0:
                return score, reason
            best = max(best, (score, reason))
    return best


def context_bonus(a: Group, b: Group) -> float:
    """Entities both groups appear with, CONTEXT_STEP each, at most CONTEXT_MAX."""
    return min(CONTEXT_MAX, CONTEXT_STEP * len(a.context & b.context))


def decision(score: float) -> str:
    """Step 4: the judgement a score gives."""
    return "positive" if score >= POSITIVE else "unsure" if score >= UNSURE else "negative"


def score_pair(a: Group, b: Group) -> Judgement:
    """Step 3: the resolver's judgement on two identity groups."""
    score, reason = best_match(a, b)
    why_not = conflict(a, b) or (reason if score < 0 else None)
    if why_not:
        return Judgement(a.id, b.id, "negative", max(score, 0.0), why_not)
    if score >= CONTEXT_FLOOR and (bonus := context_bonus(a, b)):
        score, reason = min(1.0, score + bonus), f"{reason}, shared context"
    judged = decision(round(score, 6))
    if judged == "positive" and (own := next((g for g in (a, b) if document_only(g.identity)), None)):
        return Judgement(a.id, b.id, "unsure", round(score, 6), f"{reason}; {state_unknown(own)}")
    return Judgement(a.id, b.id, judged, round(score, 6), reason)


def state_unknown(group: Group) -> str:
    """Why a group of one document's own identity is never joined on its name alone."""
    name = min(group.forms, key=len, default=group.identity)
    if group.identity.startswith("former:"):
        return f"{name!r} is only a former name: the predecessor's state and era are not the successor's"
    return f"services of several states bear {name!r} and its document gives no state"


# ---------------------------------------------------------------- deciding

def demote_ambiguous(candidates: list[Judgement], known: Mapping[frozenset, str] | None = None) -> list[Judgement]:
    """Step 4: a positive match of a group that also matches, about as well, a group known to be
    another entity (a negative between the two) becomes unsure; ``known`` adds the decisions in
    force from earlier runs (a positive one counted at the POSITIVE threshold)."""
    known = known or {}
    positive: dict[str, dict[str, float]] = defaultdict(dict)
    negative = {frozenset(p) for p, j in known.items() if j == "negative"}
    for pair, judged in known.items():
        if judged == "positive":
            left, right = sorted(pair)
            positive[left][right] = positive[right][left] = POSITIVE
    for c in candidates:
        if c.judgement == "positive":
            positive[c.left][c.right] = positive[c.right][c.left] = c.score
        elif c.judgement == "negative":
            negative.add(frozenset((c.left, c.right)))
    return [_ambiguity(c, positive, negative) if c.judgement == "positive" else c for c in candidates]


def _ambiguity(c: Judgement, positive: dict, negative: set) -> Judgement:
    for group, other in ((c.left, c.right), (c.right, c.left)):
        for rival, score in positive[group].items():
            if frozenset((other, rival)) in negative and score > c.score - MARGIN + 1e-9:
                return Judgement(c.left, c.right, "unsure", c.score, f"{c.reason}; ambiguous with {rival}")
    return c


def resolve(records: Iterable[EntityRecord], known: Mapping[frozenset, str] | None = None) -> Resolution:
    """Steps 1 to 4 over ``records``: every pair of identity groups compared, with its judgement.

    ``known`` maps the pairs of group ids judged already to the judgement in force: they are not
    compared again, and they count when deciding whether a match is ambiguous.
    """
    groups = group_records(records)                                                   # 1
    pairs = candidate_pairs(groups, known or {})                                      # 2
    scored = [score_pair(groups[a], groups[b]) for a, b in pairs]                     # 3
    return Resolution(groups, demote_ambiguous(scored, known))                        # 4


# ---------------------------------------------------------------- clustering

class Clusters:
    """Union-find over entity ids with cannot-links: clusters kept apart by a negative never merge."""

    def __init__(self, documents: Mapping[str, str], types: Mapping[str, str] | None = None):
        self.parent = {i: i for i in documents}
        self.size = {i: 1 for i in documents}
        self.apart: dict[str, set[str]] = defaultdict(set)
        self.documents = {i: {d} for i, d in documents.items()}
        #: each cluster's entity type: a person never joins an organisation, whoever says so
        self.types = dict(types or {})

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def forbid(self, a: str, b: str) -> None:
        """Keep the clusters of ``a`` and ``b`` apart from now on (nothing if they are one already)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.apart[ra].add(rb)
            self.apart[rb].add(ra)

    def join(self, a: str, b: str, documents_apart: bool = False) -> bool:
        """Merge the clusters of ``a`` and ``b`` unless kept apart (or, with ``documents_apart``,
        unless one document names entities of both); True when they are one cluster now."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if rb in self.apart[ra] or (documents_apart and self.documents[ra] & self.documents[rb]):
            return False
        if self.types.get(ra, "") != self.types.get(rb, ""):
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size.pop(rb)
        self.documents[ra] |= self.documents.pop(rb)
        for other in self.apart.pop(rb, set()):
            self.apart[other].discard(rb)
            self.apart[other].add(ra)
            self.apart[ra].add(other)
        return True

    def members(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for x in sorted(self.parent):
            found[self.find(x)].append(x)
        return found


def cluster(records: Sequence[EntityRecord], analyst: Sequence[Judgement] = (),
            resolver: Sequence[Judgement] = ()) -> dict[str, str]:
    """Step 5: the canonical id of every record, from the judgements in force.

    Judgements name entity ids or identity-group ids (a group stands for its first entity).
    1. an analyst's negatives keep entities apart, then an analyst's positives join them;
    2. entities with one identity key join, unless an analyst keeps them apart;
    3. the resolver's negatives keep apart, then its positives join, in the order given (best
       first), never two clusters that one document names apart.
    """
    clusters = Clusters({r.id: r.document for r in records}, {r.id: r.type for r in records})
    ref = references(records)
    _apply(clusters, analyst, ref, documents_apart=False)                              # 1
    for group in _by_group(records).values():                                          # 2
        for member in group[1:]:
            clusters.join(group[0], member)
    _apply(clusters, resolver, ref, documents_apart=True)                              # 3
    return cluster_ids(clusters, records)


def _by_group(records: Sequence[EntityRecord]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for r in sorted(records, key=lambda r: r.id):
        groups[r.group].append(r.id)
    return groups


def references(records: Sequence[EntityRecord]) -> dict[str, str]:
    """Every id a judgement may name (an entity's, its group's, its identity's canonical id)
    → the entity that stands for it: itself, or the group's first entity (or the identity's,
    when no group has that id)."""
    ref = {r.id: r.id for r in records}
    ordered = sorted(records, key=lambda r: r.id)
    for r in ordered:
        ref.setdefault(r.group, r.id)
    for r in ordered:
        ref.setdefault(r.named, r.id)
    return ref


def _apply(clusters: Clusters, judgements: Sequence[Judgement], ref: dict, documents_apart: bool) -> None:
    usable = [j for j in judgements if j.left in ref and j.right in ref]
    for j in usable:
        if j.judgement == "negative":
            clusters.forbid(ref[j.left], ref[j.right])
    for j in usable:
        if j.judgement == "positive":
            clusters.join(ref[j.left], ref[j.right], documents_apart)


def _strength(identity_key: str) -> int:
    """Curated identities name a cluster before identities read off a name."""
    return next((n for n, prefix in enumerate(CURATED) if identity_key.startswith(prefix)), len(CURATED))


def cluster_ids(clusters: Clusters, records: Sequence[EntityRecord]) -> dict[str, str]:
    """Each record's canonical id: the best id its cluster owns, an identity's canonical id
    (curated identities first, then the smallest) before a group's; so a cluster of one identity
    keeps the id that identity alone gives. An id held by several clusters (an identity split by
    state or by an analyst) belongs to the one holding most of it; a cluster owning none takes
    an id of its own."""
    by_id = {r.id: r for r in records}
    members = clusters.members()
    owner = _owners(members, by_id)
    canonical = {}
    for root, ids in members.items():
        choices = sorted({(0, _strength(by_id[m].identity_key), by_id[m].named) for m in ids}
                         | {(1, _strength(by_id[m].identity_key), by_id[m].group) for m in ids})
        best = next((label for *_, label in choices if owner[label] == root),
                    canonical_id(by_id[ids[0]].type, f"split:{ids[0]}"))
        canonical.update((m, best) for m in ids)
    return canonical


def _owners(members: dict[str, list[str]], by_id: dict[str, EntityRecord]) -> dict[str, str]:
    """Each identity or group id → the cluster holding most of its entities (then the cluster
    whose first entity comes first)."""
    held = Counter((root, label) for root, ids in members.items()
                   for m in ids for label in {by_id[m].named, by_id[m].group})
    claims: dict[str, tuple] = {}
    for (root, label), count in held.items():
        claim = (-count, members[root][0], root)
        claims[label] = min(claims.get(label, claim), claim)
    return {label: claim[2] for label, claim in claims.items()}


# ---------------------------------------------------------------- one extraction run

def run_records(docs: Sequence[Document]) -> list[EntityRecord]:
    """The entities of a run's documents as records: ids ``n:e1`` for document n of the run."""
    records = []
    for n, doc in enumerate(docs):
        keys = [identity_key(e.type, e.name, e.identity) for e in doc.entities]
        for entity, own in zip(doc.entities, keys):
            records.append(EntityRecord(
                id=f"{n}:{entity.id}", document=str(n), name=entity.name, type=entity.type,
                kind=entity.kind, country=entity.country, identity=own, aliases=tuple(entity.aliases),
                mentions=tuple(m.text for m in entity.mentions), context=frozenset(keys) - {own}))
    return records


def canonical_of(records: Sequence[EntityRecord], analyst: Sequence[Judgement] = ()) -> dict[str, str]:
    """Steps 1 to 5: the canonical id of every record, the resolver's judgements best first."""
    resolution = resolve(records)
    ordered = sorted(resolution.candidates, key=lambda c: (-c.score, c.left, c.right))
    return cluster(records, analyst, ordered)


def resolve_run(docs: Sequence[Document]) -> Sequence[Document]:
    """Set each entity's ``canonical`` so that one real-world entity has one id across ``docs``,
    and name each entity of the gazetteer by its official name in every document (the text's
    names among its aliases): one real-world entity, one id and one name."""
    canonical = canonical_of(run_records(docs))
    for n, doc in enumerate(docs):
        for entity in doc.entities:
            entity.canonical = canonical[f"{n}:{entity.id}"]
            use_official_name(entity, always=True)
    return docs
