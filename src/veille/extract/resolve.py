"""Identity and canonical names: what identifies an entity beyond its document, and what it is called.

This first resolver keys an entity by what identifies it without looking at other documents:
its gazetteer entry when it has one (so the French and the Algerian DGSI stay two entities),
the state, kind and function of a descriptive name ("les services secrets algériens" and "le
renseignement algérien" are one collective entity), else its type and normalised name.
``resolution.py`` joins the keys of one real-world entity across documents (a misspelling, an
acronym and its expansion, a lone surname), for a run (``resolve_run``) and for the store.

Two identities are the document's own, and the resolver joins them to no other entity on a name
alone (an analyst may): ``unsure:`` for a service whose every name is borne by services of
several states when the document gives no state ("la DGSI" in an article that names neither
France nor Algeria), ``former:`` for a service named only by a former name (the KGB is not the
FSB, and the state and era it names are not the successor's).
"""

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from . import known_names
from ..model import Document, Entity
from ..text import key

PREFIX = {"PER": "per", "ORG": "org", "LOC": "loc"}
#: Identity prefixes of the entities known to one document only (see the module's docstring).
UNSURE, FORMER = "unsure:", "former:"
#: The document's evidence for a state wins when it is at least this many times the next state's.
STATE_LEAD = 2

_WORD = re.compile(r"\w+", re.UNICODE)


def identity(entity_type: str, name: str, kind: str | None, country: str | None, entry_id: str | None,
             function: str | None, descriptive: bool) -> str:
    """The resolution key of one entity of one document.

    A descriptive name without a state says too little to identify anything ("le gouvernement
    de Tobrouk" and "le gouvernement de Tripoli" are not one government): it is keyed by its name.
    """
    if entry_id:
        return f"entry:{entry_id}"
    if descriptive and country:
        return f"desc:{kind}:{country}:{function}"
    return f"name:{entity_type}:{key(name)}"


def canonical_id(entity_type: str, identity_key: str) -> str:
    digest = hashlib.sha1(identity_key.encode("utf-8")).hexdigest()[:12]
    return f"{PREFIX.get(entity_type, 'ent')}-{digest}"


def document_only(identity_key: str | None) -> bool:
    """Whether an identity is one document's own (``unsure:``, ``former:``)."""
    return bool(identity_key) and identity_key.startswith((UNSURE, FORMER))


def resolve(doc: Document) -> Document:
    """The last stage: state, identity, name and ``canonical`` of each entity.

    1. the gazetteer entry of a form it does not list: a state's formal name ("République
       algérienne"), a descriptive name glossed by a service's acronym ("… algériens (ex-DRS)");
    2. a service the gazetteer knows by names that several states' services bear takes its
       state from the document, or none (``unsure:``); one named only by a former name is its
       predecessor (``former:``);
    3. an entity of the gazetteer named by a form the gazetteer does not list for it (a
       descriptive variant: "DGSE française") is named by its official name, the text's names
       kept as aliases (across documents, ``resolution.resolve_run`` names every entity of the
       gazetteer so; within one, the text's own acronym or name is kept, as ONTOLOGY.md allows);
    4. ``canonical`` from the identity key.
    """
    stamp = hashlib.sha1(doc.text.encode("utf-8")).hexdigest()[:10]
    for entity in doc.entities:
        formal_state(entity) or glossed_service(entity, doc)                              # 1
    evidence = StateEvidence.of(doc)
    for entity in doc.entities:
        settle_state(entity, evidence, stamp)                                             # 2
    for entity in doc.entities:
        use_official_name(entity)                                                         # 3
        entity.canonical = canonical_id(entity.type, entity.identity or f"name:{entity.type}:{key(entity.name)}")  # 4
    return doc


# ---------------------------------------------------------------- 1. forms the gazetteer does not list

def formal_state(entity: Entity) -> bool:
    """A place named by a state title and a demonym ('République algérienne') is that country."""
    words = key(entity.name).split()
    if entity.type != "LOC" or (entity.identity or "").startswith("entry:") or len(words) != 2:
        return False
    state = known_names.demonym_country(words[1]) if words[0] in known_names.state_titles() else None
    if not state:
        return False
    entity.identity, entity.kind, entity.country = f"entry:country-{state.lower()}", "country", state
    return True


def glossed_service(entity: Entity, doc: Document) -> bool:
    """A descriptive name of one state's services followed by a parenthesised acronym that the
    gazetteer gives one service of that state and kind ('les services de renseignement algériens
    (ex-DRS)') names that service, unless another entity of the document is that service already
    (the recogniser found the acronym: two entities of one document are left as they are)."""
    if entity.type != "ORG" or not (entity.identity or "").startswith("desc:") or not entity.country:
        return False
    taken = {e.identity for e in doc.entities}
    for mention in entity.mentions:
        acronym = known_names.gloss(doc.text[mention.end:mention.end + 40])
        services = {b.entry for b in known_names.bearers(acronym or "")
                    if b.country == entity.country and known_names.entry_kind(b.entry) == entity.kind
                    and f"entry:{b.entry}" not in taken}
        if len(services) == 1:
            entity.identity = f"entry:{services.pop()}"
            return True
    return False


# ---------------------------------------------------------------- 2. the state of a shared name

@dataclass(frozen=True)
class Candidates:
    """The gazetteer entries one entity's names may be, by state; ``former`` when the entry the
    recogniser chose bears every known name of the entity only as a former name."""

    by_state: dict[str, str]
    former: bool = False

    @classmethod
    def of(cls, entity: Entity) -> "Candidates | None":
        """None for an entity the gazetteer knows under no name, or that is not a service."""
        if entity.type != "ORG" or not (entity.identity or "").startswith("entry:"):
            return None
        chosen = entity.identity.removeprefix("entry:")
        known = [b for b in map(known_names.bearers, _names(entity)) if b]
        if not known:
            return None
        former = all(any(x.entry == chosen and x.former for x in b) and not any(
            x.entry == chosen and not x.former for x in b) for b in known)
        # a name some service bears today is that service's: the services it was the former name
        # of are no candidates ('DGSE': France's, not Mali's ANSE of old)
        current = [[x for x in b if not x.former] or list(b) for b in known]
        states = set.intersection(*({x.country for x in b if x.country} for b in current))
        by_state = {}
        for b in (x for bs in current for x in bs):
            if b.country in states:
                by_state.setdefault(b.country, b.entry)
        return cls(by_state, former)

    @property
    def shared(self) -> bool:
        return len(self.by_state) > 1


@dataclass
class StateEvidence:
    """How much a document speaks of each state: the mentions of its entities whose state is not
    in doubt, the demonyms of its text ("algérien"), and its outlet's state; ``places`` counts the
    same without the organisations, whose state says where they come from, not where the
    article is about (the Mossad named in an article about France)."""

    counts: Counter
    places: Counter

    @classmethod
    def of(cls, doc: Document) -> "StateEvidence":
        counts: Counter = Counter()
        places: Counter = Counter()
        for entity in doc.entities:
            candidates = Candidates.of(entity)
            if entity.country and (entity.stated_country or candidates is None or not candidates.shared):
                counts[entity.country] += max(1, len(entity.mentions))
                if entity.type != "ORG":
                    places[entity.country] += max(1, len(entity.mentions))
        demonyms = [c for c in map(known_names.demonym_country, _WORD.findall(doc.text)) if c]
        if outlet := known_names.outlet_country(doc.source):
            demonyms.append(outlet)
        counts.update(demonyms)
        places.update(demonyms)
        return cls(counts, places)

    def leads(self, state: str, states) -> bool:
        """Whether the document speaks of ``state`` more than of any other of ``states``."""
        return self.counts[state] > max((self.counts[s] for s in states if s != state), default=0)

    def winner(self, states, counts: Counter | None = None) -> str | None:
        """The state of ``states`` the document speaks of (in ``counts``, all its evidence by
        default) clearly more than of the others."""
        counts = self.counts if counts is None else counts
        ranked = sorted(((counts[s], s) for s in states), reverse=True)
        if not ranked or not ranked[0][0]:
            return None
        if len(ranked) > 1 and ranked[0][0] < STATE_LEAD * ranked[1][0]:
            return None
        return ranked[0][1]


def settle_state(entity: Entity, evidence: StateEvidence, stamp: str) -> None:
    """Step 2 for one entity: keep the recogniser's state when the text states it or the
    document speaks of it more than of the other candidates; else take the state the document
    speaks of clearly most; else its identity is the document's own (``unsure:``), of the state
    the document's places and demonyms speak of clearly most if any ("la direction générale de
    la sûreté nationale" of an article about Tunisia, a state whose service the gazetteer does
    not list; not the state of a foreign service the article names)."""
    candidates = Candidates.of(entity)
    if candidates is None:
        return
    if candidates.former:
        entity.identity = f"{FORMER}{entity.identity.removeprefix('entry:')}:{key(entity.name)}@{stamp}"
        return
    if entity.stated_country not in candidates.by_state and _older_bearer(entity, candidates, evidence, stamp):
        return
    if not candidates.shared or entity.stated_country in candidates.by_state:
        return
    if entity.country in candidates.by_state and evidence.leads(entity.country, candidates.by_state):
        return
    state = evidence.winner(candidates.by_state)
    if state:
        entity.identity, entity.country = f"entry:{candidates.by_state[state]}", state
    else:       # a state the document's places speak of most may be one the gazetteer has no such service of
        entity.identity = f"{UNSURE}{entity.type}:{key(entity.name)}@{stamp}"
        entity.country = evidence.winner(evidence.places, evidence.places)


def _older_bearer(entity: Entity, candidates: Candidates, evidence: StateEvidence, stamp: str) -> bool:
    """'la Direction de la surveillance du territoire (DST), dissoute en 2008': a name one state's
    service bears today and another state's bore before. Today's bearer when the document's places
    and demonyms speak of its state at all; else the older bearer's state when they speak of it
    clearly most (its former name); else the name stays the document's own (``unsure:``), never
    today's bearer by default."""
    known = [b for b in map(known_names.bearers, _names(entity)) if b]
    if not known:
        return False
    older = set.intersection(*({x.country for x in b if x.former and x.country} for b in known)) \
        - set(candidates.by_state)
    if not older or any(evidence.places[state] for state in candidates.by_state):
        return False            # the document speaks of today's bearer's state: today's bearer
    entries = {x.country: x.entry for b in known for x in b if x.former and x.country in older}
    state = evidence.winner({*older, *candidates.by_state}, evidence.places)
    if state in candidates.by_state:
        return False
    if state in older:
        entity.identity, entity.country = f"{FORMER}{entries[state]}:{key(entity.name)}@{stamp}", state
    else:
        entity.identity, entity.country = f"{UNSURE}{entity.type}:{key(entity.name)}@{stamp}", None
    return True


def _names(entity: Entity) -> list[str]:
    return list(dict.fromkeys([entity.name, *entity.aliases, *(m.text for m in entity.mentions)]))


# ---------------------------------------------------------------- 3. the official name

def use_official_name(entity: Entity, always: bool = False) -> None:
    """Step 3: name an entity of the gazetteer by its official name, when its name is a form the
    gazetteer does not list for it (or ``always``); every other name the text gave it (the one it
    was named by first) stays among its aliases."""
    if not (entity.identity or "").startswith("entry:"):
        return
    entry = entity.identity.removeprefix("entry:")
    official = known_names.official_name(entry)
    if not official or official == entity.name or not (always or known_names.unlisted(entity.name, entry)):
        return
    names = [entity.name, *entity.aliases]
    entity.name = official
    spellings = {key(official)}             # one alias per spelling: "l’armée" is "l'armée"
    entity.aliases = [n for n in names if key(n) not in spellings and not spellings.add(key(n))]
