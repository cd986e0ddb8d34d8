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

from dataclasses import dataclass, replace
from typing import Callable, Iterable, Sequence

from babel import Locale

from ..errors import InvalidModel
from ..text import is_capitalised, key, straighten
from .read import load_json

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
    """Tokens ``start:end`` of a text spell a form of each of ``entries`` (more than one: ambiguous;
    the entries whose current name it is come before those whose former name it is)."""

    start: int
    end: int
    entries: tuple[Entry, ...]
    is_acronym: bool
    #: ids of the entries for which the form is only a former name ('DGSE' of Mali's ANSE)
    former: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Form:
    keys: tuple[str, ...]
    entry: Entry
    is_acronym: bool
    case_free: bool
    literal: str
    former: bool = False


def _parts(words: Sequence[str]) -> list[tuple[int, str, bool, bool]]:
    """The matching stream of a text: (token index, key, first part of its token, last part).

    Hyphens are not part of it, so that 'Roissy-Charles-de-Gaulle', 'Roissy-Charles de Gaulle'
    and 'Tel Aviv' / 'Tel-Aviv' match alike, whether the tokenizer cut at the hyphens or not."""
    out = []
    for i, w in enumerate(words):
        pieces = [p for p in key(w).split("-") if p]
        for n, piece in enumerate(pieces):
            out.append((i, piece, n == 0, n == len(pieces) - 1))
    return out


#: Arabic articles that start names in lower case in French transcription ('al-Qaïda', 'az-Zallaqa')
ARABIC_ARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "at", "az", "ech", "ed", "en", "er", "es", "et", "ez"})


def _arabic_article(word: str) -> bool:
    head, _, rest = word.partition("-")
    return head in ARABIC_ARTICLES and rest[:1].isupper()


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
                 demonyms: dict[str, str], formers: dict[str, set[str]] | None = None):
        formers = formers or {}
        self.tokenize = tokenize
        self.entries: dict[str, Entry] = {}
        self.demonyms = demonyms
        self._index: dict[str, list[_Form]] = {}
        for entry, extra in sources:
            if entry.id in self.entries:
                raise InvalidModel(f"gazetteer: duplicate id {entry.id}")
            self.entries[entry.id] = entry
            self._add_forms(entry, extra, formers.get(entry.id, set()))
        for forms in self._index.values():
            forms.sort(key=lambda f: -len(f.keys))
        #: per first key, the lengths of its names of three words or more, longest first
        self._long_sizes = {k: sorted({len(f.keys) for f in forms if len(f.keys) >= 3 and not f.is_acronym}, reverse=True)
                            for k, forms in self._index.items()}

    @classmethod
    def load(cls, tokenize: Callable[[str], Sequence[str]]) -> "Gazetteer":
        countries = load_json("countries.json")
        demonyms = {key(d): c["code"] for c in countries["entries"] for d in c.get("demonyms", [])}
        organisations = load_json("organisations.json")
        formers = {raw["id"]: set(raw.get("former", [])) for raw in organisations["entries"]}
        sources = [*_organisations(organisations), *_places(load_json("places.json")), *_countries(countries)]
        return cls(tokenize, sources, demonyms, formers)

    def _add_forms(self, entry: Entry, extra: list[str], former: set[str]) -> None:
        seen = set()
        for literal, is_acr in [*((a, True) for a in entry.acronyms), *((n, False) for n in entry.names),
                                *((x, x.isupper() and " " not in x) for x in extra)]:
            keys = tuple(k for _, k, _, _ in _parts(self.tokenize(literal)))
            ident = (keys, literal if is_acr else None)     # 'AQMI' and 'Aqmi' are two forms
            if not keys or ident in seen:
                continue
            seen.add(ident)
            case_free = not is_acr and (not is_capitalised(literal) or (entry.type == "ORG" and len(keys) >= 3))
            form = _Form(keys, entry, is_acr, case_free, literal, literal in former)
            self._index.setdefault(keys[0], []).append(form)
            if not is_acr and keys[0] in ("le", "la", "les", "l'") and len(keys) > 1:
                # "Les Signataires par le sang" is also written without its article
                self._index.setdefault(keys[1], []).append(replace(form, keys=keys[1:]))

    def _fits(self, form: _Form, words: Sequence[str]) -> bool:
        if form.is_acronym:      # as written: 'Aqmi' and 'AQMI', never 'aqmi'
            return straighten("".join(words)).replace("-", "") == straighten(form.literal).replace(" ", "").replace("-", "")
        return form.case_free or is_capitalised(words[0]) or _arabic_article("".join(words[:3]))

    def match(self, words: Sequence[str]) -> list[Match]:
        """Non-overlapping matches over ``words``, left to right, the longest form first."""
        stream = _parts(words)
        found, p = [], 0
        while p < len(stream):
            best = self._longest_at(words, stream, p) if stream[p][2] else None
            if best and (later := self._overreaching(words, stream, p, best)):
                p = later             # 'groupe État islamique au Sahel': the longer name inside
                continue
            if best:
                found.append(best[0])
                p = best[1]
            else:
                p += 1
        return found

    def _overreaching(self, words, stream, p: int, best: tuple[Match, int]) -> int | None:
        """Where a longer match starts inside ``best`` and reaches past its end, if one does."""
        size = best[1] - p
        for q in range(p + 1, best[1]):
            other = self._longest_at(words, stream, q) if stream[q][2] else None
            if other and other[1] > best[1] and other[1] - q > size:
                return q
        return None

    def _longest_at(self, words, stream, p: int) -> tuple[Match, int] | None:
        candidates = self._index.get(stream[p][1])
        if not candidates:
            return None
        for size in sorted({len(f.keys) for f in candidates}, reverse=True):
            window = stream[p:p + size]
            if len(window) < size or not window[-1][3]:
                continue
            keys = tuple(k for _, k, _, _ in window)
            span = words[window[0][0]:window[-1][0] + 1]
            fitting = [f for f in candidates if f.keys == keys and self._fits(f, span)]
            if fitting:
                fitting.sort(key=lambda f: f.former)
                entries = tuple(dict.fromkeys(f.entry for f in fitting))
                current = {f.entry.id for f in fitting if not f.former}
                match = Match(window[0][0], window[-1][0] + 1, entries, all(f.is_acronym for f in fitting),
                              frozenset(e.id for e in entries if e.id not in current))
                return match, p + size
        return self._with_demonym_at(words, stream, p, candidates)

    def _with_demonym_at(self, words, stream, p: int, candidates: list[_Form]) -> tuple[Match, int] | None:
        """'l'Organisation nationale turque du renseignement': a name of three words or more with
        the demonym of its own state inside it (after its first word, before its last) is that
        name; another state's demonym makes no match."""
        sizes = self._long_sizes.get(stream[p][1])
        if not sizes or not any(self.demonyms.get(k) for _, k, _, _ in stream[p + 1:p + sizes[0]]):
            return None
        for size in sizes:
            window = stream[p:p + size + 1]
            if len(window) < size + 1 or not window[-1][3]:
                continue
            for inner in range(1, size):
                part = window[inner]
                country = self.demonyms.get(part[1])
                if country is None or not (part[2] and part[3]):     # a whole token
                    continue
                keys = tuple(k for n, (_, k, _, _) in enumerate(window) if n != inner)
                span = words[window[0][0]:window[-1][0] + 1]
                fitting = [f for f in candidates if f.keys == keys and not f.is_acronym and not f.former
                           and f.entry.country == country and self._fits(f, span)]
                if fitting:
                    entries = tuple(dict.fromkeys(f.entry for f in fitting))
                    return Match(window[0][0], window[-1][0] + 1, entries, False, frozenset()), p + size + 1
        return None

    def demonym(self, word: str) -> str | None:
        """The country of a demonym adjective or noun: 'algérienne' -> 'DZ'."""
        return self.demonyms.get(key(word))

    def country_at(self, words: Sequence[str], i: int) -> tuple[str | None, int]:
        """A country's name starting at token i ('Maroc', 'États-Unis'): its code and end token."""
        for m in self.match(words[i:i + 6])[:1]:
            if m.start == 0 and m.entries[0].kind == "country" and m.entries[0].type == "LOC":
                return m.entries[0].country, i + m.end
        return None, i
