"""What the gazetteer knows about a name, for resolution: which states' services bear it, and
what a known entity is officially called.

An acronym or a name may be borne by services of several states ("DGSI": France and Algeria;
"DGSN": Algeria, Morocco, Mauritania, Cameroon; "Gendarmerie nationale"), and a former name may
have been reused ("KGB": the Soviet service the FSB came from, and Belarus's KGB today). The
recogniser picks one entry for such a name from the nationality around it; ``resolve.py`` checks
that pick against the whole document, and this module tells it who the candidates are.

The knowledge is ``data/organisations.json`` (acronyms, names, aliases, former names) and the
gazetteer's entries (their labels: the first full name of a service, a country's standard French
name, a place's usual name).
"""

from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

from ..knowledge.gazetteer import Gazetteer
from ..knowledge.read import load_json
from ..text import is_acronym, key, straighten


@dataclass(frozen=True)
class Bearer:
    """A gazetteer entry that bears a name: its state, and whether the name is only a former one."""

    entry: str
    country: str | None
    former: bool = False


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    # The entries and demonyms are what is wanted here, not the token index: whitespace splitting
    # builds the same entries as the pipeline's tokenizer would.
    return Gazetteer.load(str.split)


@lru_cache(maxsize=1)
def _leading_particles() -> frozenset[str]:
    return frozenset(key(w) for w in load_json("entity_lexicon.json")["leading_particles"] if " " not in w)


def form_key(surface: str) -> str:
    """The key of a surface form with its leading articles left out ('la DGSI' -> 'dgsi')."""
    words = key(surface).split()
    while len(words) > 1 and words[0] in _leading_particles():
        words = words[1:]
    if words and words[0][:2] in ("l'", "d'") and len(words[0]) > 2:
        words[0] = words[0][2:]
    return " ".join(words)


@lru_cache(maxsize=1)
def _bearers() -> Mapping[str, tuple[Bearer, ...]]:
    """Each organisation form's key → the entries bearing it (current names first)."""
    index: dict[str, dict[str, Bearer]] = {}
    for raw in load_json("organisations.json")["entries"]:
        current = [*raw.get("acronyms", []), *raw.get("names", []), *raw.get("aliases", [])]
        for forms, former in ((current, False), (raw.get("former", []), True)):
            for form in forms:
                bearers = index.setdefault(form_key(form), {})
                if raw["id"] not in bearers:
                    bearers[raw["id"]] = Bearer(raw["id"], raw.get("country"), former)
    return {form: tuple(sorted(b.values(), key=lambda b: (b.former, b.entry))) for form, b in index.items()}


def bearers(surface: str) -> tuple[Bearer, ...]:
    """The organisation entries that bear ``surface`` as a name (none when the gazetteer does not know it)."""
    return _bearers().get(form_key(surface), ())


def unlisted(surface: str, entry_id: str) -> bool:
    """Whether ``surface`` is a name the gazetteer does not give the organisation ``entry_id``
    (a descriptive variant such as "DGSE française"); false for places and countries, whose
    listed forms are not indexed here."""
    return entry_id in _organisation_ids() and entry_id not in {b.entry for b in bearers(surface)}


@lru_cache(maxsize=1)
def _organisation_ids() -> frozenset[str]:
    return frozenset(raw["id"] for raw in load_json("organisations.json")["entries"])


def official_name(entry_id: str) -> str | None:
    """What an analyst reads for a known entity: its first full name ('Direction générale de la
    sécurité extérieure'), a country's standard French name, a place's usual name; None for an id
    the gazetteer does not know."""
    entry = _gazetteer().entries.get(entry_id)
    return entry.label if entry else None


def entry_kind(entry_id: str) -> str | None:
    entry = _gazetteer().entries.get(entry_id)
    return entry.kind if entry else None


@lru_cache(maxsize=1)
def _resolution_words() -> dict:
    return load_json("resolution_fr.json")


def state_titles() -> frozenset[str]:
    """Keys of the head nouns of a state's formal name ('république', 'royaume')."""
    return frozenset(key(t) for t in _resolution_words()["state_titles"])


def gloss(following: str) -> str | None:
    """The acronym in parentheses that opens ``following`` ('  (ex-DRS), …' -> 'DRS'), else None."""
    inside = following.lstrip()
    if not inside.startswith("("):
        return None
    inside = straighten(inside[1:]).lstrip()
    for prefix in sorted(_resolution_words()["gloss_prefixes"], key=len, reverse=True):
        if inside.casefold().startswith(straighten(prefix)):
            inside = inside[len(prefix):]
            break
    acronym, closed, _ = inside.partition(")")
    return acronym.strip() if closed and is_acronym(acronym.strip()) else None


def demonym_country(word: str) -> str | None:
    """The state a French demonym names ('algériens' -> 'DZ'), else None."""
    return _gazetteer().demonyms.get(key(word))


def outlet_country(source: str | None) -> str | None:
    """The state of a known outlet ('El Watan' -> 'DZ'), from the media entries of the gazetteer."""
    entries = _gazetteer().entries
    found = {b.country for b in bearers(source or "")
             if b.country and b.entry in entries and entries[b.entry].kind == "media"}
    return found.pop() if len(found) == 1 else None
