"""The French entity lexicon (``data/entity_lexicon.json``) compiled for matching."""

from dataclasses import dataclass, field
from typing import Callable, Sequence

from .read import load_json
from ..text import key


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
    #: organisation heads that also head a place's name ('le site de Tiguentourine')
    place_like_heads: frozenset[str]
    armed_group_cues: frozenset[tuple[str, ...]]
    #: the most words a head phrase has
    longest_head: int
    #: token keys of a head named after its place -> (type, kind, flags: place, demonym, seat, office)
    place_heads: dict[tuple[str, ...], tuple[str, str, frozenset[str]]]
    #: lower-case names of one organisation of the security sector -> kind ('gendarmerie nationale')
    sector_names: dict[tuple[str, ...], str]
    #: nouns that call the next name a media outlet ('le quotidien panarabe X')
    media_heads: frozenset[tuple[str, ...]]
    #: words that open a byline or a credit ('Par', 'Rédaction de', 'Photo :')
    credit_cues: frozenset[tuple[str, ...]]
    #: a journalist's role after the name that signs an article ('X, correspondant à Alger')
    byline_roles: frozenset[tuple[str, ...]]
    #: demonyms of regions and cities, every gender and number ('vaudoise', 'québécois')
    regional_demonyms: frozenset[str]
    #: adjectives that name a part of a country or a region ('occidental', 'méridionale')
    compass_adjectives: frozenset[str]
    #: nouns of the state's functions, capitalised in the names of offices ('la Surveillance du
    #: territoire', 'le ministre de la Défense'): alone, never a place nor a person
    office_nouns: frozenset[str] = frozenset()
    #: a descriptive head -> the titles after which it is their portfolio ('le chef de la diplomatie')
    portfolios: dict[tuple[str, ...], frozenset[tuple[str, ...]]] = field(default_factory=dict)

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
            place_like_heads=frozenset(key(w) for w in raw["place_like_heads"]),
            armed_group_cues=frozenset(keys(p) for p in raw["armed_group_cues"]),
            longest_head=max(len(h) for h in heads),
            place_heads={keys(p): (spec.split()[0], spec.split()[1], frozenset(spec.split()[2:]))
                         for spec, phrases in raw["named_by_place"].items() if spec != "_about" for p in phrases},
            sector_names={keys(p): kind for kind, phrases in raw["sector_names"].items() if kind != "_about"
                          for p in phrases},
            media_heads=frozenset(keys(p) for p in raw["media_heads"]),
            credit_cues=frozenset(keys(p) for p in raw["credit_cues"]),
            byline_roles=frozenset(keys(p) for p in raw["byline_roles"]),
            regional_demonyms=frozenset(f for w in raw["regional_demonyms"]["words"] for f in _inflections(key(w))),
            compass_adjectives=frozenset(f for w in raw["compass_adjectives"]["words"]
                                         for f in (*_inflections(key(w)), key(w)[:-1] + "ux")),
            office_nouns=frozenset(key(w) for w in raw["office_nouns"]["words"]),
            portfolios={keys(h): frozenset(keys(t) for t in titles) for h, titles in raw["portfolios"].items()},
        )


def _inflections(masculine: str) -> tuple[str, ...]:
    """'vaudois' -> vaudois, vaudoise, vaudoises; 'jurassien' -> jurassienne(s), 'valaisan' valaisanne(s) as well."""
    stems = [masculine, masculine + "e"] + ([masculine + "ne"] if masculine.endswith(("en", "on", "an")) else [])
    return tuple(f for s in stems for f in (s, s + "s"))
