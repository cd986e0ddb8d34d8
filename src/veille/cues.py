"""The French cue lexicon of relations and events (``data/relation_cues.json``), compiled once."""

from dataclasses import dataclass
from typing import Callable, Sequence

from .errors import InvalidModel
from .gazetteer import load_json
from .ontology import EVENT_TYPES, RELATION_TYPES
from .text import key

#: verbs that signal their relation only in their pronominal form ('se rendre à', 's'entretenir')
PRONOMINAL = frozenset({"rendre", "déplacer", "trouver", "entretenir", "rapprocher", "allier", "concerter",
                        "réfugier", "exiler", "entendre"})


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
    roles: Phrases                       # role phrase -> head_of | member_of | person_ties
    person_ties: frozenset[str]
    role_modifiers: frozenset[str]
    heads_of_state: frozenset[str]
    appointing: frozenset[str]
    membership: Phrases
    past_markers: frozenset[str]
    head_verbs: frozenset[str]
    head_phrases: Phrases
    part_nouns: Phrases
    verbs: dict[str, tuple[str, str]]     # lemma -> (relation type, how the second party comes)
    nouns: Phrases                        # noun phrase -> relation type
    event_verbs: dict[str, str]           # lemma -> event type
    event_nouns: Phrases                  # noun phrase -> event type
    event_phrases: Phrases
    dismissal: frozenset[str]
    planned: frozenset[str]
    gathering: Phrases

    @classmethod
    def load(cls, tokenize: Callable[[str], Sequence[str]]) -> "Cues":
        raw = load_json("relation_cues.json")
        roles = raw["roles"]
        role_items = {r: kind for kind in ("member_of", "head_of") for r in roles[kind]}
        role_items.update({r: "person_ties" for r in roles["person_ties"] if r not in role_items})
        role_items.update({r: "ties" for r in roles["ties"] if r not in role_items})
        verbs = {lemma: (rtype, how) for rtype, table in raw["verbs"].items() if rtype in RELATION_TYPES
                 for lemma, how in table.items()}
        nouns = {n: rtype for rtype, items in raw["nouns"].items() if rtype in RELATION_TYPES for n in items}
        events = {t: v for t, v in raw["events"].items() if not t.startswith("_")}
        unknown = set(events) - set(EVENT_TYPES)
        if unknown:
            raise InvalidModel(f"relation_cues.json: unknown event types {sorted(unknown)}")
        appointment = events["APPOINTMENT"]
        return cls(
            roles=Phrases.build(role_items, tokenize),
            person_ties=frozenset(key(r) for r in roles["person_ties"]),
            role_modifiers=frozenset(key(m) for m in roles["modifiers"]),
            heads_of_state=frozenset(key(r) for r in roles["heads_of_state"]),
            appointing=frozenset(roles["appointing_verbs"]),
            membership=Phrases.build({p: "member_of" for p in roles["membership_phrases"]}, tokenize),
            past_markers=frozenset(key(m) for m in roles["past_markers"]),
            head_verbs=frozenset(roles["head_verbs"]),
            head_phrases=Phrases.build({p: "head_of" for p in roles["head_phrases"]}, tokenize),
            part_nouns=Phrases.build({n: "part_of" for n in raw["part_of"]["nouns"]}, tokenize),
            verbs=verbs,
            nouns=Phrases.build(nouns, tokenize),
            event_verbs={v: t for t, table in events.items() for v in table.get("verbs", [])}
            | {v: "APPOINTMENT" for v in appointment.get("dismissal_verbs", [])},
            event_nouns=Phrases.build({n: t for t, table in events.items() for n in table.get("nouns", [])}
                                      | {n: "APPOINTMENT" for n in appointment.get("dismissal_nouns", [])},
                                      tokenize),
            event_phrases=Phrases.build({p: t for t, table in events.items() for p in table.get("phrases", [])},
                                        tokenize),
            dismissal=frozenset(appointment.get("dismissal_verbs", []) + appointment.get("dismissal_nouns", [])),
            planned=frozenset(raw["planned"]["verbs"]),
            gathering=Phrases.build({p: "in" for p in raw["gathering"]["phrases"]}, tokenize),
        )
