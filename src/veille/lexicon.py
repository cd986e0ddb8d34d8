"""The French entity lexicon (``data/entity_lexicon.json``) compiled for matching."""

from dataclasses import dataclass
from typing import Callable, Sequence

from .gazetteer import load_json
from .text import key


@dataclass(frozen=True)
class Lexicon:
    titles: frozenset[str]
    particles: frozenset[str]
    not_entities: frozenset[str]
    #: token keys of a head phrase -> (kind, function implied by the head or None)
    heads: dict[tuple[str, ...], tuple[str, str | None]]
    staff_heads: frozenset[tuple[str, ...]]
    functions: dict[str, str]
    org_heads: dict[str, str]
    armed_group_cues: frozenset[tuple[str, ...]]
    #: the most words a head phrase has
    longest_head: int

    @classmethod
    def load(cls, tokenize: Callable[[str], Sequence[str]]) -> "Lexicon":
        raw = load_json("entity_lexicon.json")

        def keys(phrase: str) -> tuple[str, ...]:
            return tuple(key(w) for w in tokenize(phrase) if w.strip())

        functions = {key(w): f for w, f in raw["function_adjectives"].items()}
        heads = {}
        for kind, phrases in raw["descriptive_heads"].items():
            for phrase in phrases:
                k = keys(phrase)
                implied = next((functions[w] for w in k[1:] if w in functions), None)
                heads[k] = (kind, implied if kind == "intelligence_service" else None)
        return cls(
            titles=frozenset(key(t) for t in raw["titles"]),
            particles=frozenset(key(p) for p in raw["leading_particles"]),
            not_entities=frozenset(key(w) for w in raw["not_entities"]),
            heads=heads,
            staff_heads=frozenset(keys(p) for p in raw["staff_heads"]),
            functions=functions,
            org_heads={key(w): k for w, k in raw["org_heads"].items()},
            armed_group_cues=frozenset(keys(p) for p in raw["armed_group_cues"]),
            longest_head=max(len(h) for h in heads),
        )
