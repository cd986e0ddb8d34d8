"""The French cue lexicons of relations and events, compiled once: the frame lexicon
(``data/frames.json``: triggers, what they evoke and their argument slots) and the role and
phrase cues (``data/relation_cues.json``)."""

from dataclasses import dataclass, field
from typing import Callable, Sequence

from ..errors import InvalidModel
from .read import load_json
from ..ontology import EVENT_TYPES, RELATION_TYPES
from ..text import key

#: the grammatical functions a frame's slot may name (how ``veille.extract.arguments.fill`` finds them)
SLOTS = frozenset({"subject", "object", "agent", "possessor", "of", "claimant", "carrier", "governor", "head", "entre", "recipient",
                   "companions", "avec", "contre", "a", "aupres", "vers", "de", "par", "pour", "sur", "dans",
                   "envers", "involved", "helped", "targeted", "struck"})
POS = frozenset({"verb", "noun", "phrase", "adjective"})


@dataclass(frozen=True)
class Frame:
    """One trigger of the frame lexicon: what it evokes and where its arguments are."""

    trigger: str
    pos: str                              # verb | noun | phrase
    relation: str | None = None
    event: str | None = None
    subtype: str | None = None
    a: tuple[str, ...] = ()               # slots of the relation's subject, tried in order
    b: tuple[str, ...] = ()               # slots of its object
    pronominal: bool = False              # evokes it only in its pronominal form ('se rendre à')
    swap: bool = True                     # a passive swaps its parties; not 'est rattachée à'
    told: bool = False                    # the trigger is the telling itself ('a confié au Figaro'):
                                          # the teller is the innermost source
    transitive: bool = False              # evokes it only with an object or in the passive ('relever
                                          # X de ses fonctions', not 'relevant de la DGST')
    causative: bool = False               # evokes it only after a causative 'faire' ('faire tomber X')

    @property
    def relations(self) -> tuple[str, ...]:
        """'member_of|part_of': the types it evokes, the first whose parties fit taken."""
        return tuple(self.relation.split("|")) if self.relation else ()

    @classmethod
    def read(cls, raw: dict) -> "Frame":
        frame = cls(raw["trigger"], raw["pos"], raw.get("relation"), raw.get("event"), raw.get("subtype"),
                    tuple(raw.get("a", ())), tuple(raw.get("b", ())), bool(raw.get("pronominal")),
                    bool(raw.get("swap", True)), bool(raw.get("told")), bool(raw.get("transitive")),
                    bool(raw.get("causative")))
        frame.check()
        return frame

    def check(self) -> None:
        where = f"frames.json: {self.trigger!r}"
        if self.pos not in POS:
            raise InvalidModel(f"{where}: pos {self.pos!r} is none of {sorted(POS)}")
        if self.relation is not None and not set(self.relations) <= set(RELATION_TYPES):
            raise InvalidModel(f"{where}: unknown relation type in {self.relation!r}")
        if self.event is not None and self.event not in EVENT_TYPES:
            raise InvalidModel(f"{where}: unknown event type {self.event!r}")
        if self.relation is None and self.event is None:
            raise InvalidModel(f"{where}: evokes neither a relation nor an event")
        unknown = {part for slot in self.a + self.b for part in slot.split("+")} - SLOTS
        if unknown:
            raise InvalidModel(f"{where}: unknown slots {sorted(unknown)}")
        if self.relation is not None and not (self.a and self.b):
            raise InvalidModel(f"{where}: a relation needs slots 'a' and 'b'")


def participles(lemma: str) -> tuple[str, ...]:
    """The past participles of a regular verb in their four forms ('affilier': affilié, affiliée,
    affiliés, affiliées), for when the tagger takes one for an adjective."""
    if lemma.endswith("er"):
        stem = lemma[:-2] + "é"
    elif lemma.endswith("ir"):
        stem = lemma[:-1]
    else:
        return ()
    return (stem, stem + "e", stem + "s", stem + "es")


@dataclass(frozen=True)
class Phrases:
    """Multi-word phrases indexed by their first word's key, longest first."""

    by_first: dict[str, tuple[tuple[tuple[str, ...], str], ...]]

    @classmethod
    def build(cls, items: dict[str, str], tokenize: Callable[[str], Sequence[str]]) -> "Phrases":
        index: dict[str, list] = {}
        for phrase, value in items.items():
            keys = tuple(key(w) for w in tokenize(phrase) if w.strip())
            index.setdefault(keys[0], []).append((keys, value))
        return cls({k: tuple(sorted(v, key=lambda kv: -len(kv[0]))) for k, v in index.items()})

    def at(self, keys: Sequence[str], i: int) -> tuple[str, int] | None:
        """The value and length of the longest phrase starting at keys[i]."""
        for phrase, value in self.by_first.get(keys[i], ()):
            if tuple(keys[i:i + len(phrase)]) == phrase:
                return value, len(phrase)
        return None


@dataclass(frozen=True)
class Cues:
    roles: Phrases                       # role phrase -> head_of | member_of | person_ties | ties | rivals
    person_ties: frozenset[str]
    role_modifiers: frozenset[str]
    heads_of_state: frozenset[str]
    state_offices: frozenset[str]          # 'ministre': its holder serves the state
    appointing: frozenset[str]
    membership: Phrases
    past_markers: frozenset[str]
    sub_unit_modifiers: frozenset[str]     # 'le responsable régional du SBU': a member, not its head
    partitives: frozenset[str]             # 'l'un des cinq membres de': one of the holders
    head_verbs: frozenset[str]
    head_phrases: Phrases
    part_nouns: Phrases
    frames: tuple[Frame, ...]
    verb_frames: dict[str, Frame]          # lemma -> its frame
    participles: dict[str, str]            # past participle -> its verb's lemma ('affiliée' -> affilier)
    noun_frames: Phrases                   # noun (phrase) -> index in frames
    phrase_frames: Phrases                 # multiword phrase -> index in frames
    event_verbs: dict[str, str]           # lemma -> event type
    event_nouns: Phrases                  # noun phrase -> event type
    event_phrases: Phrases
    dismissal: frozenset[str]
    pronominal: frozenset[str]
    planned: frozenset[str]
    gathering: Phrases
    evaluating: frozenset[str]             # verbs whose subject is the source of their object noun's relation
    #: nouns of a tie that a qualifier turns into a relation ('les relations … tendues')
    tie_nouns: frozenset[str] = frozenset()
    #: qualifier (adjective, governing noun or verb lemma, as matching keys) -> the relation it gives
    tie_qualifiers: dict[str, str] = field(default_factory=dict)
    #: role nouns of a tie or a rivalry between any parties ('le Mali, allié de Moscou'), as keys
    party_ties: frozenset[str] = frozenset()
    party_rivals: frozenset[str] = frozenset()
    #: verb lemmas and nouns (keys) that end what their object names ('a suspendu sa coopération')
    ending: frozenset[str] = frozenset()
    #: verb lemmas and nouns (keys) that keep a meeting, a visit or a call from taking place
    cancelling: frozenset[str] = frozenset()
    #: verb lemmas that evoke their frame only with an object or in the passive
    transitive: frozenset[str] = frozenset()
    #: adjective (matching key of its lemma or form) -> its frame ('hostile au gouvernement')
    adjective_frames: dict[str, "Frame"] = field(default_factory=dict)
    #: a head of state's or government's name (key of the full name, or of a surname no other
    #: state's leader bears) -> the ISO code of the state (leaders.json)
    leaders: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, tokenize: Callable[[str], Sequence[str]]) -> "Cues":
        raw = load_json("relation_cues.json")
        roles = raw["roles"]
        role_items = {r: kind for kind in ("member_of", "head_of") for r in roles[kind]}
        role_items.update({r: "person_ties" for r in roles["person_ties"] if r not in role_items})
        role_items.update({r: "ties" for r in roles["ties"] if r not in role_items})
        role_items.update({r: "rivals" for r in roles["rivals"] if r not in role_items})
        frames = tuple(Frame.read(f) for f in load_json("frames.json")["frames"])
        evoking = [f for f in frames if f.event]
        return cls(
            roles=Phrases.build(role_items, tokenize),
            person_ties=frozenset(key(r) for r in roles["person_ties"]),
            party_ties=frozenset(key(r) for r in roles["ties"]),
            party_rivals=frozenset(key(r) for r in roles["rivals"]),
            ending=frozenset(key(w) for part in ("verbs", "nouns") for w in raw["ending"][part]),
            cancelling=frozenset(key(w) for w in raw["ending"]["cancelling"]),
            role_modifiers=frozenset(key(m) for m in roles["modifiers"]),
            heads_of_state=frozenset(key(r) for r in roles["heads_of_state"]),
            state_offices=frozenset(key(r) for r in roles["state_offices"]),
            appointing=frozenset(roles["appointing_verbs"]),
            membership=Phrases.build({p: "member_of" for p in roles["membership_phrases"]}, tokenize),
            past_markers=frozenset(key(m) for m in roles["past_markers"]),
            sub_unit_modifiers=frozenset(key(m) for m in roles["sub_unit_modifiers"]),
            partitives=frozenset(key(m) for m in roles["partitives"]),
            head_verbs=frozenset(roles["head_verbs"]),
            head_phrases=Phrases.build({p: "head_of" for p in roles["head_phrases"]}, tokenize),
            part_nouns=Phrases.build({n: "part_of" for n in raw["part_of"]["nouns"]}, tokenize),
            frames=frames,
            verb_frames={f.trigger: f for f in frames if f.pos == "verb"},
            adjective_frames={key(form): f for f in frames if f.pos == "adjective" for form in f.trigger.split("|")},
            participles={form: f.trigger for f in frames if f.pos == "verb" for form in participles(f.trigger)},
            noun_frames=Phrases.build({f.trigger: i for i, f in enumerate(frames) if f.pos == "noun"}, tokenize),
            phrase_frames=Phrases.build({f.trigger: i for i, f in enumerate(frames) if f.pos == "phrase"},
                                        tokenize),
            event_verbs={f.trigger: f.event for f in evoking if f.pos == "verb"},
            transitive=frozenset(f.trigger for f in frames if f.transitive),
            event_nouns=Phrases.build({f.trigger: f.event for f in evoking if f.pos == "noun"}, tokenize),
            event_phrases=Phrases.build({f.trigger: f.event for f in evoking if f.pos == "phrase"}, tokenize),
            dismissal=frozenset(w for f in evoking if f.subtype == "dismissal" for w in (f.trigger, key(f.trigger))),
            pronominal=frozenset(f.trigger for f in frames if f.pronominal),
            planned=frozenset(raw["planned"]["verbs"]),
            gathering=Phrases.build({p: "in" for p in raw["gathering"]["phrases"]}, tokenize),
            evaluating=frozenset(raw["evaluating"]["verbs"]),
            tie_nouns=frozenset(key(n) for n in raw["qualified_ties"]["nouns"]),
            tie_qualifiers={key(w): rtype for rtype in ("opposes", "cooperates_with")
                            for part in ("adjectives", "nouns", "verbs") for w in raw["qualified_ties"][rtype][part]},
            leaders=leaders(load_json("leaders.json")["entries"]),
        )


def leaders(entries: list[dict]) -> dict[str, str]:
    """Name key -> state: every full name, and the surname alone where it names one state's
    leaders only ('Tebboune'; not 'Traoré', president of Mali and of Burkina Faso; not a regnal
    number such as 'VI')."""
    full, surnames = {}, {}
    for entry in entries:
        for name in entry["names"]:
            full[key(name)] = entry["country"]
            last = key(name).split()[-1]
            if len(last) > 3 and not set(last) <= set("ivxl"):
                surnames.setdefault(last, set()).add(entry["country"])
    alone = {s: next(iter(c)) for s, c in surnames.items() if len(c) == 1 and s not in full}
    return {**alone, **full}
