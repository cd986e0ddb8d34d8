"""In-document coreference: which mentions name the same entity.

Mentions are joined when
- they spell the same name (case, accents and apostrophes aside) with the same type;
- they are forms of one gazetteer entry, or an acronym and the expansion the text gives for it;
- they are descriptive names of one state's organisation of one kind ("le pouvoir algérien",
  "le régime algérien"), or a descriptive name with a function ("le renseignement extérieur
  algérien") and the one service of that state with that function in the text (the DDSE);
- they are variants of a person's name: the surname alone, the first name alone, or a
  misspelling of a name used elsewhere in the text ("Bekmokhtar" / "Belmokhtar").

Ambiguous gazetteer forms (the French and the Algerian DGSI) are settled per entity from the
nationalities named in the sentences of its mentions.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

from rapidfuzz import fuzz

from ..knowledge.gazetteer import Entry
from ..knowledge import Knowledge
from .arguments import OF
from .constructions import NICKNAME_CUES, NICKNAME_MARKS
from .recognise import Candidate
from ..text import key

FUZZY_NAME = 85       # rapidfuzz ratio from which two surnames are one spelling
FUZZY_MIN_LEN = 5     # shorter names are never matched fuzzily
FUZZY_FIRST_NAME = 90  # rapidfuzz ratio from which two long first names are one spelling
FUZZY_FIRST_MIN_LEN = 7


class _Groups:
    """Union-find over mention indices."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def members(self) -> list[list[int]]:
        out = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return [out[k] for k in sorted(out)]


@dataclass
class Cluster:
    """The mentions of one entity and what is known of it."""

    members: list[Candidate]
    type: str
    kind: str | None
    country: str | None
    entry: Entry | None

    @property
    def function(self) -> str | None:
        return next((c.function for c in self.members if c.function and not c.weak),
                    self.entry.function if self.entry else None)

    @property
    def stated_country(self) -> str | None:
        return next((c.country for c in self.members if c.stated and c.country), None)


def cluster(cands: Sequence[Candidate], words: Sequence[str], sent_of: Sequence[int],
            res: Knowledge) -> list[Cluster]:
    """Group the mentions of one document into entities, in order of first mention.

    1. Join same spellings, gazetteer forms, acronyms with their expansions, person variants.
    2. Join descriptive names per state and kind, and to the service whose function they name.
    3. Settle ambiguous gazetteer entries from the nationalities around each entity.
    """
    cands = [c for c in cands if c.type != "MISC"]
    groups = _Groups(len(cands))
    surface = [key(" ".join(words[c.start:c.end])) for c in cands]
    _join_same(cands, surface, groups)                                      # 1
    _join_acronyms(cands, groups)
    _join_people(cands, surface, groups)
    _join_nicknames(cands, words, groups)
    _join_short_forms(cands, words, groups, res)
    dropped = _join_descriptive(cands, groups, surface)                              # 2
    clusters = []
    states = _states_by_sentence(cands, sent_of)
    for members in groups.members():
        if any(i in dropped for i in members):
            continue
        clusters.append(_settle([cands[i] for i in members], words, sent_of, res, states))   # 3
    return clusters


def _states_by_sentence(cands, sent_of) -> dict[int, Counter]:
    """The states the unambiguous mentions of each sentence belong to ('le GIGN', 'Marseille')."""
    states: dict[int, Counter] = defaultdict(Counter)
    for c in cands:
        countries = {e.country for e in c.entries} if c.entries else {c.country}
        if len(countries) == 1 and None not in countries:
            states[sent_of[c.start]][next(iter(countries))] += 1
    return states


def _join_same(cands, surface, groups: _Groups) -> None:
    """Same spelling and type; same gazetteer entry. An ambiguous form (the French or the
    Algerian DGSI) joins the one of its entries that the text names unambiguously, if only one."""
    first: dict[tuple, int] = {}

    def join_on(k, i):
        if k in first:
            groups.join(first[k], i)
        else:
            first[k] = i

    for i, c in enumerate(cands):
        if c.origin != "descriptive":
            join_on((c.type, "surface", surface[i]), i)
        if len(c.entries) == 1:
            join_on(("entry", c.entries[0].id), i)
    for i, c in enumerate(cands):
        if len(c.entries) > 1:      # a former name ('DGSE' of Mali's ANSE) never joins that way
            named = [e.id for e in c.entries if ("entry", e.id) in first and e.id not in c.former]
            join_on(("entry", named[0]) if len(named) == 1 else ("entries", tuple(e.id for e in c.entries)), i)


def _join_acronyms(cands, groups: _Groups) -> None:
    by_token = {t: i for i, c in enumerate(cands) for t in range(c.start, c.end)}
    for i, c in enumerate(cands):
        for token in c.tied_to:
            j = by_token.get(token)
            if j is not None and cands[j].type == "ORG" and cands[j].size == 1:
                groups.join(i, j)


def _join_descriptive(cands, groups: _Groups, surface) -> set[int]:
    """Join descriptive names per (state, kind, function); return weak ones left alone."""
    heads = [s.split()[0] if s else "" for s in surface]
    head_words = defaultdict(set)       # root -> first words of its organisation names
    for i, c in enumerate(cands):
        for e in c.entries:
            head_words[groups.find(i)].update(key(n).split()[0] for n in e.names if n)
    by_state: dict[tuple, int] = {}
    for i, c in enumerate(cands):
        if c.origin == "descriptive" and not c.weak:
            k = (c.kind, c.country, c.function)
            if k in by_state:
                groups.join(by_state[k], i)
            else:
                by_state[k] = i
    named = defaultdict(set)        # (kind, country, function) -> roots of named organisations
    for i, c in enumerate(cands):
        if c.origin != "descriptive" and c.function != "umbrella":
            for e in c.entries or ():
                named[(e.kind, e.country, e.function)].add(groups.find(i))
                if e.function:
                    named[(e.kind, None, e.function)].add(groups.find(i))
    for i, c in enumerate(cands):
        # 'les Forces armées maliennes' and the FAMa of the gazetteer: one army, when the named one
        # is called by the same head noun; not so for intelligence, where 'les services algériens'
        # (all of them) are not the DDSE, nor for a militia beside the army
        if c.origin == "descriptive" and not c.function and c.kind in ("military", "police", "government"):
            roots = {r for r in named.get((c.kind, c.country, None), set()) if heads[i] in head_words[r]}
            if len(roots) == 1:
                groups.join(next(iter(roots)), i)
    governments = {groups.find(i) for i, c in enumerate(cands)
                   if c.origin == "descriptive" and c.kind == "government" and not c.weak}
    dropped = set()
    for i, c in enumerate(cands):
        if c.weak and c.function == "led":      # 'le gouvernement de X' is the government named
            if len(governments) == 1:
                groups.join(next(iter(governments)), i)
            continue
        if c.origin != "descriptive" or not c.function or c.function == "staff":
            continue
        if c.several:                 # 'les différents services de renseignement militaire': not one of them
            if c.weak:
                dropped.add(i)
            continue
        roots = named.get((c.kind, c.country, c.function), set())
        if len(roots) == 1:
            groups.join(next(iter(roots)), i)
        elif c.weak:
            dropped.add(i)
    return dropped


def _words(text: str) -> list[str]:
    return [w for w in key(text).replace("-", " ").split() if w]


def _join_people(cands, surface, groups: _Groups) -> None:
    people = [i for i, c in enumerate(cands) if c.type == "PER"]
    names = {i: surface[i].split() for i in people}
    counts = Counter(surface[i] for i in people)
    full = sorted((i for i in people if len(names[i]) > 1), key=lambda i: -counts[surface[i]])
    for i in people:
        words = names[i]
        if len(words) == 1:
            target = next((j for j in full if words[0] in (names[j][0], names[j][-1])), None) \
                or next((j for j in full if _same_spelling(words[0], names[j][-1])), None)
            if target is not None:
                groups.join(target, i)
    for a in full:
        for b in full:
            if a < b and _same_first_name(names[a][0], names[b][0]) and len(names[a]) == len(names[b]) and \
                    _same_spelling(names[a][-1], names[b][-1]):
                groups.join(a, b)
    for i in full:      # 'M. al-Ferjani', 'Ag Ghaly': the end of one longer name, a surname of several words
        longer = {surface[j] for j in full if len(names[j]) > len(names[i]) and names[j][-len(names[i]):] == names[i]}
        if len(longer) == 1:
            groups.join(next(j for j in full if surface[j] in longer), i)
    singles = [i for i in people if len(names[i]) == 1]
    for i in singles:
        for j in singles:
            if i < j and _same_spelling(names[i][0], names[j][0]):
                groups.join(i, j)


def _join_nicknames(cands, words, groups: _Groups) -> None:
    """'X, dit Y', 'X alias Y', 'X, surnommé « Y »': Y is another name of the person X."""
    people = sorted((c.start, c.end, i) for i, c in enumerate(cands) if c.type == "PER")
    for (_s, end, i), (start, _e, j) in zip(people, people[1:]):
        between = [key(w) for w in words[end:start] if w not in NICKNAME_MARKS]
        if tuple(between) in NICKNAME_CUES:
            groups.join(i, j)


#: articles left out when comparing a short form with a full name
_ARTICLES = frozenset({"le", "la", "les", "l'"})


def _join_short_forms(cands, words, groups: _Groups, res: Knowledge) -> None:
    """An organisation named again by a short form of its name, when one organisation only of
    the document has that name: without its nationality ('le ministère de l'Intérieur' after 'le
    ministère tunisien de l'Intérieur'), by its head ('la Sûreté' for 'la Sûreté de l'Etat'), by
    its complement of two words or more ('les Affaires Etrangères' for 'le ministère belge des
    Affaires Etrangères'). A short form two organisations share joins neither."""
    orgs = [i for i, c in enumerate(cands) if c.type == "ORG" and c.origin != "descriptive"]
    names = {i: [key(w) for w in words[cands[i].start:cands[i].end] if key(w) not in _ARTICLES] for i in orgs}
    full = {i: [k for k in names[i] if not res.gazetteer.demonym(k)] for i in orgs}
    for i in orgs:
        short, c = names[i], cands[i]
        if not short or c.entries or len(short) == 1 and short[0].isupper() or \
                not any(w[:1].isupper() for w in words[c.start:c.end]):
            continue
        owners = {groups.find(j) for j in orgs if len(names[j]) > len(short) and _shortens(short, full[j])}
        # 'le Conseil' beside 'le Conseil de sécurité' and 'le Conseil fédéral': which one is not said
        rivals = {groups.find(j) for j in orgs if len(names[j]) > len(short) and full[j][:len(short)] == short}
        if len(owners) == 1 and owners >= rivals and groups.find(i) not in owners:
            groups.join(i, owners.pop())


def _shortens(short: list[str], name: list[str]) -> bool:
    """``short`` is ``name`` itself (its nationality left out), its head before its first
    complement, or its complement of two words or more."""
    if short == name:
        return True
    head = next((n for n, k in enumerate(name) if k in OF), len(name))
    if short == name[:head]:
        return True
    return len(short) >= 2 and short[0] not in OF and any(
        name[n] in OF and name[n + 1:] == short for n in range(len(name) - 1))


#: spellings of one sound in French transliterations of Arabic names ('Ouassini' / 'Wassini',
#: 'Djamel' / 'Jamal' is left apart: its vowels differ)
_TRANSLITERATION = (("ou", "w"), ("dj", "j"), ("kh", "k"), ("gh", "g"), ("ch", "sh"), ("y", "i"))


def _transliterated(name: str) -> str:
    for written, sound in _TRANSLITERATION:
        name = name.replace(written, sound)
    return "".join(ch for n, ch in enumerate(name) if n == 0 or ch != name[n - 1])   # 'ss' -> 's'


def _same_first_name(a: str, b: str) -> bool:
    """One first name in two transliterations ('ouassini' / 'wassini'), not two names ('said' / 'salim')."""
    if a == b or (min(len(a), len(b)) >= FUZZY_MIN_LEN and _transliterated(a) == _transliterated(b)):
        return True
    # a misspelling of a long first name ('Kahalifa' / 'Khalifa'), not 'Karim' / 'Karima'
    return min(len(a), len(b)) >= FUZZY_FIRST_MIN_LEN and fuzz.ratio(a, b) >= FUZZY_FIRST_NAME


def _same_spelling(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= FUZZY_MIN_LEN and fuzz.ratio(a, b) >= FUZZY_NAME)


def _settle(members: list[Candidate], words, sent_of, res: Knowledge,
            states: dict[int, Counter] | None = None) -> Cluster:
    """Type, kind, country and gazetteer entry of one entity from its mentions."""
    best = max(members, key=lambda c: (c.origin != "model", c.origin == "gazetteer", c.size))
    entries = _common_entries(members)
    entry = entries[0] if len(entries) == 1 else (_by_context(entries, members, words, sent_of, res, states)
                                                 if entries else None)
    if entry:
        return Cluster(members, entry.type, entry.kind, entry.country, entry)
    country = next((c.country for c in members if c.country), None)
    kind = next((c.kind for c in members if c.origin == "descriptive"), best.kind)
    return Cluster(members, best.type, kind, country, None)


def _common_entries(members: list[Candidate]) -> tuple[Entry, ...]:
    sets = [c.entries for c in members if c.entries]
    if not sets:
        return ()
    common = [e for e in sets[0] if all(e in s for s in sets[1:])]
    return tuple(common or sets[0])


def _by_context(entries, members, words, sent_of, res: Knowledge, states: dict[int, Counter] | None = None) -> Entry:
    """The entry whose state the text names most: in the sentences of the mentions first, nearest
    first; then the state of the other, unambiguous, entities of those sentences ('le GIGN, unité
    de la Gendarmerie nationale, à Marseille': the French one); then anywhere in the document,
    among the entries the words currently name (the French DGSE, not the Malian service once
    called so); else the first current one."""
    former = set.intersection(*(set(c.former) for c in members if c.entries)) if members else set()
    current = [e for e in entries if e.id not in former] or list(entries)
    countries = {e.country for e in entries}
    near, anywhere = Counter(), Counter()
    sentences = {sent_of[c.start] for c in members}
    for t, w in enumerate(words):
        state = res.gazetteer.demonym(w)
        if state not in countries:
            continue
        anywhere[state] += 1
        if sent_of[t] in sentences:
            near[state] += max(1.0 / (1 + min(abs(t - c.start), abs(t - c.end))) for c in members)
    if near:
        state = near.most_common(1)[0][0]
        return next(e for e in entries if e.country == state)
    around = Counter()
    for sentence in sentences:
        around.update({state: n for state, n in (states or {}).get(sentence, Counter()).items() if state in countries})
    if around:
        return next(e for e in entries if e.country == around.most_common(1)[0][0])
    anywhere = Counter({state: n for state, n in anywhere.items() if any(e.country == state for e in current)})
    if anywhere:
        state = anywhere.most_common(1)[0][0]
        return next(e for e in current if e.country == state)
    return current[0]
