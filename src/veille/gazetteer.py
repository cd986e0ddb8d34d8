"""Known organisations, places and countries, and their matching over tokens.

The knowledge lives in ``data/organisations.json`` (services, armed groups, media, government
bodies, international organisations), ``data/places.json`` (cities, regions, sites) and
``data/countries.json`` (demonyms and name variants); the standard French country names come from
the ``babel`` package. :class:`Gazetteer` loads them once and finds their surface forms in a
tokenised text, longest match first.

Case rules, so that common words are not taken for names: an acronym matches only as written
(``DGSE``, ``Aqmi``); a one-word name only capitalised (``Wagner``, not ``wagner``); a longer
name in any case when the data writes it in lower case or when it is an organisation name of
three words or more ("direction de la documentation et de la sécurité extérieure").
"""

import json
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import Callable, Iterable, Sequence

import pycountry
from babel import Locale

from .errors import InvalidModel
from .text import is_capitalised, key, straighten

DATA = resources.files("veille") / "data"


@dataclass(frozen=True)
class Entry:
    """One known entity: a service, a group, a place, a country."""

    id: str
    type: str
    kind: str | None
    country: str | None
    function: str | None = None
    parent: str | None = None
    names: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The name an analyst reads: the first full name, else the first acronym."""
        return (self.names or self.acronyms or (self.id,))[0]


@dataclass(frozen=True)
class Match:
    """Tokens ``start:end`` of a text spell a form of each of ``entries`` (more than one: ambiguous)."""

    start: int
    end: int
    entries: tuple[Entry, ...]
    is_acronym: bool


@dataclass(frozen=True)
class _Form:
    keys: tuple[str, ...]
    entry: Entry
    is_acronym: bool
    case_free: bool
    literal: str


def _hyphen_split(words: Sequence[str]) -> tuple[str, ...]:
    """Keys of a name with hyphenated words cut: the tokenizer keeps 'États-Unis' whole alone
    but cuts it in 'Etats-Unis-Israël-Maroc', so both shapes are indexed."""
    out = []
    for w in words:
        parts = key(w).split("-")
        for n, part in enumerate(parts):
            if n:
                out.append("-")
            if part:
                out.append(part)
    return tuple(out)


def load_json(name: str) -> dict:
    with (DATA / name).open(encoding="utf-8") as fh:
        return json.load(fh)


def _organisations(data: dict) -> Iterable[tuple[Entry, list[str]]]:
    for raw in data["entries"]:
        entry = Entry(
            id=raw["id"], type="ORG", kind=raw["kind"], country=raw.get("country"),
            function=raw.get("function"), parent=raw.get("parent"),
            names=tuple(raw.get("names", [])), acronyms=tuple(raw.get("acronyms", [])),
        )
        yield entry, list(raw.get("former", [])) + list(raw.get("aliases", []))


def _places(data: dict) -> Iterable[tuple[Entry, list[str]]]:
    for raw in data["entries"]:
        entry = Entry(id=f"loc-{(raw.get('country') or 'xx').lower()}-{key(raw['name'])}",
                      type="LOC", kind=raw["kind"], country=raw.get("country"), names=(raw["name"],))
        yield entry, list(raw.get("variants", []))


def _countries(data: dict) -> Iterable[tuple[Entry, list[str]]]:
    french = Locale("fr").territories
    for raw in data["entries"]:
        code = raw["code"]
        standard = french.get(code)
        names = ([standard] if standard else []) + [v for v in raw.get("variants", []) if v != standard]
        entry = Entry(id=f"country-{code.lower()}", type="LOC", kind="country", country=code,
                      names=tuple(names[:1]))
        yield entry, names[1:]


class Gazetteer:
    """Every known entity with the forms it is written in, indexed for token matching.

    ``tokenize`` splits a name into words the way the pipeline's tokenizer splits a text (the
    spaCy French tokenizer: ``Etats-Unis`` is three tokens), so that forms and texts line up.
    """

    def __init__(self, tokenize: Callable[[str], Sequence[str]], sources: Iterable[tuple[Entry, list[str]]],
                 demonyms: dict[str, str]):
        self.tokenize = tokenize
        self.entries: dict[str, Entry] = {}
        self.demonyms = demonyms
        self._index: dict[str, list[_Form]] = {}
        for entry, extra in sources:
            if entry.id in self.entries:
                raise InvalidModel(f"gazetteer: duplicate id {entry.id}")
            self.entries[entry.id] = entry
            self._add_forms(entry, extra)
        for forms in self._index.values():
            forms.sort(key=lambda f: -len(f.keys))

    @classmethod
    def load(cls, tokenize: Callable[[str], Sequence[str]]) -> "Gazetteer":
        countries = load_json("countries.json")
        demonyms = {key(d): c["code"] for c in countries["entries"] for d in c.get("demonyms", [])}
        sources = [*_organisations(load_json("organisations.json")), *_places(load_json("places.json")),
                   *_countries(countries)]
        return cls(tokenize, sources, demonyms)

    def _add_forms(self, entry: Entry, extra: list[str]) -> None:
        seen = set()
        for literal, is_acr in [*((a, True) for a in entry.acronyms), *((n, False) for n in entry.names),
                                *((x, x.isupper() and " " not in x) for x in extra)]:
            words = [w for w in self.tokenize(literal) if w.strip()]
            for keys in {tuple(key(w) for w in words), _hyphen_split(words)}:
                self._add_form(entry, keys, literal, is_acr, seen)

    def _add_form(self, entry: Entry, keys: tuple[str, ...], literal: str, is_acr: bool, seen: set) -> None:
        ident = (keys, literal if is_acr else None)     # 'AQMI' and 'Aqmi' are two forms
        if not keys or ident in seen:
            return
        seen.add(ident)
        case_free = not is_acr and (not is_capitalised(literal) or (entry.type == "ORG" and len(keys) >= 3))
        self._index.setdefault(keys[0], []).append(_Form(keys, entry, is_acr, case_free, literal))
        if not is_acr and keys[0] in ("le", "la", "les", "l'") and len(keys) > 1:
            # "Les Signataires par le sang" is also written without its article
            self._index.setdefault(keys[1], []).append(_Form(keys[1:], entry, False, case_free, literal))

    def _fits(self, form: _Form, words: Sequence[str]) -> bool:
        if form.is_acronym:      # as written: 'Aqmi' and 'AQMI', never 'aqmi'
            return straighten("".join(words)) == straighten(form.literal.replace(" ", ""))
        return form.case_free or is_capitalised(words[0])

    def match(self, words: Sequence[str]) -> list[Match]:
        """Non-overlapping matches over ``words``, left to right, the longest form first."""
        keys = [key(w) for w in words]
        found, i = [], 0
        while i < len(words):
            best = self._longest_at(words, keys, i)
            if best:
                found.append(best)
                i = best.end
            else:
                i += 1
        return found

    def _longest_at(self, words: Sequence[str], keys: list[str], i: int) -> Match | None:
        candidates = self._index.get(keys[i])
        if not candidates:
            return None
        for size in sorted({len(f.keys) for f in candidates}, reverse=True):
            window = tuple(keys[i:i + size])
            fitting = [f for f in candidates if f.keys == window and self._fits(f, words[i:i + size])]
            if fitting:
                entries = tuple(dict.fromkeys(f.entry for f in fitting))
                return Match(i, i + size, entries, all(f.is_acronym for f in fitting))
        return None

    def demonym(self, word: str) -> str | None:
        """The country of a demonym adjective or noun: 'algérienne' -> 'DZ'."""
        return self.demonyms.get(key(word))

    @cached_property
    def country_names(self) -> dict[tuple[str, ...], str]:
        """Token keys of every country name form -> ISO code (for 'services secrets du Maroc')."""
        out = {}
        for forms in self._index.values():
            for f in forms:
                if f.entry.kind == "country" and f.entry.type == "LOC":
                    out[f.keys] = f.entry.country
        return out


def check_codes(gazetteer: Gazetteer) -> None:
    """Raise InvalidModel when an entry names a country that ISO 3166 does not know."""
    for entry in gazetteer.entries.values():
        if entry.country and not pycountry.countries.get(alpha_2=entry.country) and entry.country not in ("XK",):
            raise InvalidModel(f"gazetteer: {entry.id} has unknown country {entry.country}")
