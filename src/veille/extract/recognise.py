"""Entity mentions: spaCy's recogniser plus the domain layer, reconciled.

Five sources propose mentions over a tokenised document, from the most to the least trusted:

1. descriptive names (``descriptive``): a head noun of the lexicon with a nationality, such as
   "les services secrets algériens", "le renseignement extérieur algérien", "l’Armée algérienne",
   "la DGSE algérienne" (the Algerian counterpart of the DGSE, not the DGSE);
2. the gazetteer (``gazetteer``) and the expansions of acronyms learned from the text (``expansion``);
3. constructions (``construction``, see ``constructions``): a head noun named by its place, its
   nationality or its office ("la prison militaire de Blida", "l’ambassade belge"), lower-case
   names of the security sector ("la gendarmerie nationale"), the name after a media noun ("le
   quotidien panarabe Asharq al-Awsat");
4. spaCy's statistical recogniser (``model``), trimmed of titles, articles and of what follows a
   verb, with persons' names completed (particles: "Jacques Langlade de Montgros").

Bylines and credits ("Par X", "Photo : AA") are metadata: no mention is taken from them.

:func:`recognise` computes them all, then keeps the best non-overlapping set. It returns
:class:`Candidate` token spans; grouping them into entities is ``coref``'s job.
"""

from dataclasses import dataclass, field, replace
from typing import Sequence

from . import acronyms, constructions
from ..knowledge import Knowledge
from ..knowledge.gazetteer import Entry
from ..text import is_acronym, is_capitalised, key

PRIORITY = {"descriptive": 4, "gazetteer": 3, "expansion": 3, "construction": 3, "model": 1}
MODEL_LABELS = frozenset({"PER", "ORG", "LOC", "MISC"})
#: tags of a one-word name of the model at the head of a sentence that leave it be (X, and no tag
#: at all: a text not parsed); a noun is one only as a person ('Platon explique'), any other tag
#: is a common word ('Attaquer', 'Exclusif', 'Informations' heading a paragraph), see _common_word
NAME_POS = frozenset({"PROPN", "X", ""})
#: particles inside a person's name ('Jacques Langlade de Montgros', 'Pierre de Bousquet de Florian')
NAME_PARTICLES = (("de",), ("d'",), ("du",), ("de", "la"))
#: offices whose portfolio follows them, capitalised, before the holder's name ('le ministre de la
#: Défense X', 'le secrétaire d'État à l'Intérieur X'); and every title ending in 'ministre'
#: determiners of several things: 'les différents services', 'plusieurs services'
SEVERAL = frozenset({"differents", "differentes", "plusieurs", "divers", "diverses", "nombreux", "nombreuses",
                     "certains", "certaines", "autres", "deux", "trois", "quelques"})
PORTFOLIO_HOLDERS = frozenset({"secretaire", "commissaire", "delegue", "deleguee"})


@dataclass
class Candidate:
    start: int
    end: int
    type: str
    origin: str
    kind: str | None = None
    country: str | None = None
    function: str | None = None
    entries: tuple[Entry, ...] = ()
    #: descriptive names that need another mention to lean on ("renseignement intérieur")
    weak: bool = False
    #: an acronym's token index and its expansion's span are tied here by the acronym learner
    tied_to: list[int] = field(default_factory=list)
    #: the country comes from the text itself (a demonym, 'de la France'), not from knowledge
    stated: bool = False
    #: entries for which the words are only a former name
    former: frozenset[str] = frozenset()
    #: a descriptive name of several bodies ('les différents services de renseignement militaire'):
    #: it names no one service of the text
    several: bool = False
    #: the tokens of the country a descriptive name gives by its complement ('services de
    #: renseignement extérieurs du Maroc'): a mention of that country inside the name
    state_at: tuple[int, int] | None = None

    @property
    def size(self) -> int:
        return self.end - self.start

    def overlaps(self, other: "Candidate") -> bool:
        return self.start < other.end and other.start < self.end


def recognise(words: Sequence[str], model_spans: Sequence[tuple[int, int, str]], pos: Sequence[str],
              sent_starts: Sequence[bool], res: Knowledge, excluded: frozenset[int] = frozenset()) -> list[Candidate]:
    """The mentions of one document, as non-overlapping token spans, in text order.

    ``model_spans`` are spaCy's entities as (start, end, label) token spans, ``pos`` the
    coarse part of speech of each token, ``excluded`` the indices of tokens that are metadata
    (the outlet named in the body) and never part of an entity.

    1. Propose descriptive names, gazetteer matches, constructions, learned expansions, trimmed
       model spans.
    2. Keep the best non-overlapping ones (priority, then length); give the model's names the
       type the text gives them (a media outlet, a person's surname).
    3. Drop what is not an entity: stop phrases, demonyms, metadata and credits, lower-case
       leftovers.
    """
    keys = [key(w) for w in words]
    matched = _gazetteer(words, keys, res)
    proposed = [
        *_descriptive(words, keys, res),                                    # 1
        *matched,
        *_constructions(words, keys, pos, res, frozenset(c.start for c in matched if c.type == "ORG"),
                        frozenset(start for start, _, label in model_spans if label == "PER")),
        *_model(words, keys, model_spans, pos, sent_starts, res),
    ]
    people = [(c.start, c.end) for c in proposed if c.type == "PER"]
    proposed += [Candidate(s, e, "PER", "construction", "person")
                 for s, e in constructions.nicknames(words, keys, people)]
    proposed += [c for c in _expansions(words, res, proposed)   # an expansion holds no verb, unless its
                 if c.end + 1 in c.tied_to or not any(   # acronym follows in brackets ('… unies en Libye (Manul)')
                     pos[i] in ("VERB", "AUX") and words[i].islower() for i in range(c.start, c.end))]
    kept = _harmonise(_select(proposed, words, res), words, keys, pos, res)  # 2
    _title_holders(kept, words, keys, pos, res)
    excluded = excluded | constructions.credit_tokens(words, keys, pos, res.lexicon)
    kept = _unsupported_in_title_case(kept, words, keys, pos)
    kept = [c for c in kept if _is_entity(c, words, keys, pos, sent_starts, res, excluded)]   # 3
    _gloss_ties(kept, words)
    return kept


def states_inside(kept: list[Candidate], words, res: Knowledge) -> list[Candidate]:
    """The countries that descriptive names give by their complement, as mentions of their own
    inside those names ('services de renseignement extérieurs du Maroc': Maroc)."""
    out = []
    for c in kept:
        if c.state_at is None:
            continue
        s, e = c.state_at
        found = res.gazetteer.match(words[s:e])[:1]
        if found and found[0].start == 0 and s + found[0].end == e:
            entries = found[0].entries
            out.append(Candidate(s, e, "LOC", "gazetteer", entries[0].kind, entries[0].country, entries=entries))
    return out


def _title_holders(kept: list[Candidate], words, keys, pos, res: Knowledge) -> None:
    """'la directrice du Centre national de renseignement (CNI), Esperanza Casteleiro': a name of
    two or three proper nouns the model took for a place, set off by a comma after a person's
    title whose phrase holds no verb, is the title's holder."""
    titles = res.lexicon.titles - res.lexicon.particles
    for c in kept:
        if c.origin != "model" or c.type != "LOC" or not 2 <= c.size <= 3 or c.start < 2 or words[c.start - 1] != "," \
                or not all(pos[i] == "PROPN" and is_capitalised(words[i]) for i in range(c.start, c.end)):
            continue
        for j in range(c.start - 2, max(-1, c.start - 12), -1):
            if pos[j] in ("VERB", "AUX") or words[j] in (".", ";", ":", ","):
                break
            if words[j].islower() and keys[j] in titles:
                c.type, c.kind, c.country, c.stated = "PER", "person", None, False
                break


def _gloss_ties(kept: list[Candidate], words) -> None:
    """'le Centre national de renseignement (CNI)', 'le ministère chinois de la Sécurité d'État
    (MSS)': a name glossed by a known acronym in brackets is that organisation, though the French
    words do not spell the foreign acronym; not when the name is another entry of the gazetteer,
    or states another state."""
    at = {c.start: c for c in kept}
    for c in kept:
        acronym = at.get(c.end + 1)
        if c.type != "ORG" or acronym is None or acronym.type != "ORG" or acronym.size != 1 or \
                not acronym.entries or c.end + 2 >= len(words) or words[c.end] != "(" or words[c.end + 2] != ")" \
                or not is_acronym(words[c.end + 1]) or c.end + 1 in c.tied_to:
            continue
        ids = {e.id for e in acronym.entries}
        if c.entries and not ids & {e.id for e in c.entries}:
            continue
        inner = " ".join(key(w) for w in words[c.start + 1:c.end])
        if any(key(n) and f" {key(n)} " in f" {inner} " for e in acronym.entries for n in e.names):
            continue                # 'l'état-major de l'Armée nationale populaire (ANP)': the acronym is the army's
        if c.stated and c.country and c.country not in {e.country for e in acronym.entries}:
            continue
        c.tied_to.append(c.end + 1)


# --- 1. proposals -------------------------------------------------------------------------------

def _nationality_at(words, keys, j: int, res: Knowledge) -> tuple[str | None, int]:
    """A nationality starting at token j: a demonym ('algérien') or 'de/du/de la' + country."""
    if j < len(words):
        country = res.gazetteer.demonym(words[j])
        if country:
            return country, j + 1
        for prep in (("de", "la"), ("de", "l'"), ("du",), ("de",), ("d'",)):
            if tuple(keys[j:j + len(prep)]) == prep:
                found, end = res.gazetteer.country_at(words, j + len(prep))
                if found:
                    return found, end
    return None, j


def _descriptive(words, keys, res: Knowledge) -> list[Candidate]:
    """'services secrets algériens', 'renseignement extérieur algérien', 'Armée algérienne'."""
    lex, out, i = res.lexicon, [], 0
    firsts = {h[0] for h in lex.heads}
    while i < len(words):
        if keys[i] not in firsts:
            i += 1
            continue
        for size in range(min(lex.longest_head, len(words) - i), 0, -1):
            head = tuple(keys[i:i + size])
            if head in lex.heads:
                # 'service de renseignement de la France' names no service: a bare noun after 'de'
                # is a complement ('agent de renseignement'), not a name
                portfolio = any(tuple(keys[max(0, i - len(t)):i]) == t for t in lex.portfolios.get(head, ()))
                found = None if (i and keys[i - 1] in ("de", "d'")) or portfolio else \
                    _descriptive_at(words, keys, i, size, head, res)     # not 'le chef de la diplomatie X'
                if found:
                    out.append(found)
                    i = found.end - 1
                break
        i += 1
    return out


def _descriptive_at(words, keys, i, size, head, res: Knowledge) -> Candidate | None:
    kind, function = res.lexicon.heads[head]
    j = i + size
    if kind == "intelligence_service" and function is None and j < len(words) and keys[j] in res.lexicon.functions:
        function, j = res.lexicon.functions[keys[j]], j + 1
    country, end = _nationality_at(words, keys, j, res)
    if country is None:
        # "renseignement intérieur" in apposition to a service: kept only if coref finds it one
        if kind == "intelligence_service" and function and size + (j - i - size) >= 2:
            return Candidate(i, j, "ORG", "descriptive", kind, None, function, weak=True,
                             several=i > 0 and keys[i - 1] in SEVERAL)
        # "le gouvernement de Bouteflika": a government named by its leader
        if kind == "government" and j + 1 < len(words) and keys[j] in ("de", "d'") and is_capitalised(words[j + 1]) \
                and not res.gazetteer.demonym(words[j + 1]):
            stop = j + 2
            while stop < len(words) and is_capitalised(words[stop]) and words[stop].isalpha():
                stop += 1
            return Candidate(i, stop, "ORG", "descriptive", kind, None, "led", weak=True)
        return None
    if head in res.lexicon.staff_heads:
        function = "staff"
    by_name = res.gazetteer.demonym(words[j]) is None       # 'du Maroc', not 'marocains'
    start_of_state = next((k for k in range(j, end) if keys[k] not in ("de", "du", "des", "d'", "la", "l'")), end)
    return Candidate(i, end, "ORG", "descriptive", kind, country, function, stated=True,
                     state_at=(start_of_state, end) if by_name and start_of_state < end else None)


def _gazetteer(words, keys, res: Knowledge) -> list[Candidate]:
    """Gazetteer matches; a service followed by another state's demonym becomes descriptive."""
    out = []
    for m in res.gazetteer.match(words):
        first = m.entries[0]
        cand = Candidate(m.start, m.end, first.type, "gazetteer", first.kind, first.country,
                         first.function, m.entries, former=m.former)
        if first.type == "ORG":
            country, end = _nationality_at(words, keys, m.end, res)
            if country and end == m.end + 1:
                own = tuple(e for e in m.entries if e.country == country)
                cand = replace(cand, end=end, country=country, entries=own, stated=True) if own else \
                    Candidate(m.start, end, "ORG", "descriptive", first.kind, country, first.function, stated=True)
            elif m.start >= 2 and words[m.start - 1] == "(" and res.gazetteer.demonym(words[m.start - 2]):
                # 'la sécurité intérieure française (DGSI)': the nationality stands before the acronym
                country = res.gazetteer.demonym(words[m.start - 2])
                own = tuple(e for e in m.entries if e.country == country)
                if own:
                    cand = replace(cand, country=country, entries=own, stated=True)
        elif first.type == "LOC" and m.end < len(words) and words[m.end].islower() \
                and keys[m.end] in res.lexicon.compass_adjectives:
            cand = replace(cand, end=m.end + 1, kind="region", country=None, entries=())   # a region of its own
        out.append(cand)
    return out


def _constructions(words, keys, pos, res: Knowledge, known_starts: frozenset[int],
                   persons: frozenset[int]) -> list[Candidate]:
    """Head nouns named by their place, nationality or office; lower-case sector names."""
    out = [Candidate(s, e, t, "construction", kind, country, _staff(keys, s, e, res) if t == "ORG" else None,
                     stated=country is not None)
           for s, e, t, kind, country in constructions.named_by_place(words, keys, pos, res.lexicon,
                                                                      res.gazetteer, known_starts, persons)]
    out += [Candidate(s, e, "ORG", "construction", kind)
            for s, e, kind in constructions.sector_names(words, keys, res.lexicon)]
    out += [Candidate(s, e, "ORG", "construction", "media")
            for s, e in constructions.media_names(words, keys, pos, res.lexicon, res.gazetteer)]
    for c in out:       # 'd'autres mercenaires tchadiens': another group than the one named before
        if c.type == "ORG" and c.start and keys[c.start - 1] == "autres" and words[c.start].islower():
            c.start -= 1
    return out


def _staff(keys, s: int, e: int, res: Knowledge) -> str | None:
    """'l'état-major de l'ANP': a name that opens with a staff head and goes on names an army's
    general staff (function 'staff'), not the army."""
    return "staff" if any(tuple(keys[s:s + len(h)]) == h and e - s > len(h) for h in res.lexicon.staff_heads) else None


def _trim(words, keys, start, end, label, res: Knowledge, sent_starts, pos=None) -> tuple[int, int]:
    """Titles and articles off a model span; a capitalised article inside a sentence is part of
    the name ('La Réunion', 'Le Caire'), and titles of works (MISC) are left whole."""
    lex = res.lexicon
    while end > start and not any(c.isalnum() for c in words[end - 1]):
        end -= 1
    if label == "MISC":
        return start, end
    if pos is not None:
        end = _before_verb(words, keys, pos, start, end, res)
    if label in ("ORG", "LOC"):         # 'Département de surveillance et de sécurité de 2013': a date
        cut = end
        while cut - start > 1 and words[cut - 1].isdigit():
            cut -= 1
        if cut < end and cut - start > 1 and keys[cut - 1] in ("de", "du", "en", "depuis", "d'"):
            end = cut - 1
    changed = True
    while changed and end - start > 1:
        changed = False
        if (keys[start] in lex.particles and (not is_capitalised(words[start]) or _starts_sentence(start, words, sent_starts))) \
                or not any(c.isalnum() for c in words[start]):
            start, changed = start + 1, True
        elif label == "PER":
            for size in range(min(4, end - start - 1), 0, -1):
                if " ".join(keys[start:start + size]).replace(" - ", "-") in lex.titles:
                    start, changed = start + size, True
                    if keys[start] in ("de", "du", "des", "d'"):
                        return end, end     # 'président de la République': a title and its body, no name
                    break
        elif words[start].islower():       # 'la chaîne Telegram': the outlet is Telegram
            size = next((n for n in (3, 2, 1) if tuple(keys[start:start + n]) in lex.media_heads), 0)
            if 0 < size < end - start:
                start, changed = start + size, True
    return start, end


def _before_verb(words, keys, pos, start: int, end: int, res: Knowledge) -> int:
    """A span cut before its first verb and the conjunctions and articles that lead to it:
    'Daech et a revendiqué' is Daech."""
    for i in range(start + 1, end):
        if pos[i] in ("VERB", "AUX") and words[i].islower():
            end = i
            while end - start > 1 and words[end - 1].islower() and \
                    (keys[end - 1] in ("et", "ou", "qui", "a") or keys[end - 1] in res.lexicon.particles):
                end -= 1
            break
    return end


def _titled(keys, start, end, res: Knowledge) -> bool:
    """Whether a span begins with a person's title ('ministre de l'Intérieur', 'directeur de la
    CIA'): the statistical model sometimes takes such a role for an organisation."""
    lex = res.lexicon
    return any(phrase in lex.titles and phrase not in lex.particles
               for phrase in (" ".join(keys[start:start + size]).replace(" - ", "-")
                              for size in range(1, min(3, end - start) + 1)))


def _model(words, keys, spans, pos, sent_starts, res: Knowledge) -> list[Candidate]:
    """spaCy's entities, cut at line breaks, trimmed, persons' names completed on the right."""
    out = []
    others = frozenset(start for start, _, label in spans if label != "PER")
    for start, end, label in spans:
        for s, e in _split_lines(words, start, end):
            s, label = _after_portfolio(words, keys, pos, s, e, label)
            s, e = _trim(words, keys, s, e, label, res, sent_starts, pos)
            if e - s > 1 and label == "MISC" and keys[s] in ("le", "la", "l'") and _titled(keys, s + 1, e, res):
                s += 1                    # 'Le Chef du gouvernement Aziz Akhannouch', read as one title
            if e > s and label != "PER" and _titled(keys, s, e, res):
                # 'le ministre de la Défense Sadio Camara': a role, no organisation nor place, and
                # the name of its holder after it; 'le Directeur général de la sécurité intérieure'
                holder = _holder(words, keys, pos, s, e)
                if holder is None and label in ("ORG", "LOC"):
                    continue
                if holder is not None:
                    s, label = holder, "PER"
            if e <= s:
                continue
            if label == "ORG" and e - s == 1 and s > 0 and keys[s - 1] == "groupe" and words[s - 1].islower():
                s -= 1                    # 'le groupe Alpha' is the unit's name (not 'le groupe The Cure')
            if label == "PER":
                s, e = _person_span(words, keys, pos, s, e, res, others)
                if e - s == 1 and _titled(keys, s, e, res):
                    continue              # a title alone ('le Général' cut from its name)
            cand = Candidate(s, e, label if label in MODEL_LABELS else "MISC", "model")
            head_kind = res.lexicon.org_heads.get(keys[s])
            if cand.type in ("LOC", "PER") and head_kind and keys[s] not in res.lexicon.place_like_heads \
                    and (e - s > 1 or (head_kind != "other" and is_capitalised(words[s]))):
                cand.type = "ORG"         # 'ministère russe de la Défense' is no place, 'Presidence
                #                           Mali' no person
            if cand.type == "ORG":
                cand.kind = "armed_group" if _after_armed_group_cue(keys, s, res) else \
                    res.lexicon.org_heads.get(keys[s], "other")
                cand.country = res.gazetteer.demonym(words[e - 1]) if e - s > 1 else None
                cand.stated = cand.country is not None
                cand.function = _staff(keys, s, e, res)
            elif cand.type == "PER":
                cand.kind = "person"
            out.append(cand)
    return out


def _after_portfolio(words, keys, pos, s: int, e: int, label: str) -> tuple[int, str]:
    """'le vice-ministre de la Défense Iounous-Bek Evkourov', read by the model as one name of
    a thing (MISC) or a person: the capitalised nouns after 'de la' are the office's portfolio,
    the proper nouns after them the person's name."""
    if label not in ("MISC", "PER") or pos is None or s == 0 or keys[s - 1] not in ("la", "l'", "de", "du", "des", "d'") \
            or pos[s] != "NOUN" or not is_capitalised(words[s]) or \
            not any(keys[j].endswith("ministre") or keys[j] in PORTFOLIO_HOLDERS for j in range(max(0, s - 3), s)):
        return s, label
    first = s
    while first < e and pos[first] in ("NOUN", "ADJ"):
        first += 1
    if first == e or not all(p == "PROPN" for p in pos[first:e]):
        return s, label
    return first, "PER"


def _holder(words, keys, pos, s: int, e: int) -> int | None:
    """Where the name of a title's holder starts at the end of tokens s:e ('ministre de la
    Défense Sadio Camara', 'Chef du gouvernement Aziz Akhannouch'): two proper nouns at least,
    the capitalised word of the title's complement ('Défense') left out."""
    start = e
    while start > s and constructions.is_name_word(words[start - 1]) and pos[start - 1] == "PROPN":
        start -= 1
    if start > s + 1 and keys[start - 1] in ("de", "d'", "du", "des", "la", "l'"):
        start += 1                        # the complement's own word: 'de la Défense'
    return start if e - start >= 2 and start > s else None


def _person_span(words, keys, pos, s: int, e: int, res: Knowledge, others: frozenset[int]) -> tuple[int, int]:
    """A person's name completed: the proper nouns after it and the surnames joined by a
    particle ('Jacques Langlade de Montgros'), then cut of a title the model left at its head
    ('le Général Gilbert Ouédraogo'). A particle joins one surname, not a name the model gives
    another type ('Arnon Milchan de Regency Enterprises'), at the tokens ``others`` begin."""
    while True:
        while e < len(words) and _continues_name(words[e], pos[e], words[e - 1]):
            e += 1
        size = next((len(p) for p in NAME_PARTICLES if tuple(keys[e:e + len(p)]) == p), 0)
        after = e + size
        if not size or after >= len(words) or after in others or not _surname_after_particle(words, pos, after, res) \
                or (after + 1 < len(words) and constructions.is_name_word(words[after + 1])):
            break
        e = after + 1
    while e - s > 1:
        size = next((n for n in range(min(4, e - s - 1), 0, -1)
                     if " ".join(keys[s:s + n]).replace(" - ", "-") in res.lexicon.titles), 0)
        if not size:
            break
        s += size
    return s, e


def _surname_after_particle(words, pos, i: int, res: Knowledge) -> bool:
    """'Montgros' in 'Langlade de Montgros': a capitalised proper noun that is no known place
    nor organisation ('Khalifa Haftar de Libye' is Haftar, of Libya)."""
    word = words[i]
    if not (constructions.is_name_word(word) and pos[i] == "PROPN" and not is_acronym(word)):
        return False
    found = res.gazetteer.match(words[i:i + 4])[:1]
    return not (found and found[0].start == 0) and not res.gazetteer.demonym(word)


def _after_armed_group_cue(keys, start: int, res: Knowledge) -> bool:
    """'le groupe terroriste « X »', 'la katiba X': a name the text calls an armed group."""
    j = start - 1
    while j >= 0 and keys[j] in ("«", "“", '"', "'", "‘"):
        j -= 1
    return any(tuple(keys[j + 1 - len(cue):j + 1]) == cue for cue in res.lexicon.armed_group_cues if j + 1 >= len(cue))


def _split_lines(words, start, end):
    piece = start
    for i in range(start, end):
        if "\n" in words[i]:
            if i > piece:
                yield piece, i
            piece = i + 1
    if end > piece:
        yield piece, end


def _continues_name(word: str, pos: str, previous: str) -> bool:
    """'Djebbar' after 'M’henna': a capitalised proper noun right after a word of the name
    (the parser's sentence starts are not trusted here: it often cuts inside names)."""
    return word[:1].isupper() and word.isalpha() and not is_acronym(word) and pos == "PROPN" \
        and previous[-1:].isalpha()


def _expansions(words, res: Knowledge, proposed: list[Candidate]) -> list[Candidate]:
    """Spans that the acronym learner ties to an acronym of the text."""
    lex = res.lexicon
    demonyms = frozenset(k for k in res.gazetteer.demonyms)
    pairs = acronyms.learn(words, demonyms, rejected_starts=lex.titles,
                           ignored=frozenset(w.upper() for w in lex.not_entities))
    out = {}
    for p in pairs:
        cand = out.get((p.start, p.end))
        if cand is None:
            cand = out[(p.start, p.end)] = Candidate(p.start, p.end, "ORG", "expansion",
                                                     lex.org_heads.get(key(words[p.start]), "other"))
        cand.tied_to.append(p.acronym)
        if acronyms.bracketed_word_acronym(words, p.acronym) and (p.acronym, p.acronym + 1) not in out:
            # 'Manul', written as a word, is the organisation's name too (the model calls it MISC)
            out[(p.acronym, p.acronym + 1)] = Candidate(p.acronym, p.acronym + 1, "ORG", "expansion", cand.kind)
    return list(out.values())


# --- 2. selection -------------------------------------------------------------------------------

def _rank(c: Candidate) -> tuple:
    return (PRIORITY[c.origin], c.size, c.type != "MISC")


def _select(proposed: list[Candidate], words, res: Knowledge) -> list[Candidate]:
    """The best non-overlapping candidates. A name found by the model keeps its words when a place
    of the gazetteer covers only part of it ('Université d'Alger', 'Jeux de Barcelone', 'Europe du
    Nord'), or a construction its complement only ('Direction générale de la sûreté nationale')."""
    ordered = sorted(proposed, key=_rank, reverse=True)
    kept: list[Candidate] = []
    for cand in ordered:
        clash = [k for k in kept if k.overlaps(cand)]
        if not clash:
            kept.append(cand)
        elif cand.origin == "expansion":   # the gazetteer knew the expansion: keep the tie to its acronym
            for k in clash:
                if (k.start, k.end) == (cand.start, cand.end):
                    k.tied_to.extend(cand.tied_to)
        elif cand.origin == "model" and \
                all(k.origin == "gazetteer" and k.type == "LOC" and cand.start <= k.start and k.end <= cand.end
                    and k.size < cand.size for k in clash) and _uncovered_words(cand, clash, words):
            kept = [k for k in kept if k not in clash] + [cand]
        elif cand.origin == "model" and cand.type in ("ORG", "LOC") and is_capitalised(words[cand.start]) \
                and key(words[cand.start]) in res.lexicon.org_heads \
                and all(k.origin == "construction" and cand.start < k.start and k.end <= cand.end for k in clash):
            kept = [k for k in kept if k not in clash] + [cand]    # 'la Direction générale de la
            #                                                        sûreté nationale' is one name
    return sorted(kept, key=lambda c: c.start)


def _harmonise(kept: list[Candidate], words, keys, pos, res: Knowledge) -> list[Candidate]:
    """The model's names given the type the text gives them.

    1. A one-word name the model cut from the person's name that follows ('Iryna' + 'Venediktova').
    2. A name after a media noun is an outlet ('le quotidien panarabe Asharq al-Awsat', 'l'agence
       libyenne Lana'), wherever else the text names it.
    3. A person's surname alone is the person ('Koné', after 'Modibo Koné'), whatever the model said.
    """
    out: list[Candidate] = []
    for c in kept:                                                                          # 1
        prev = out[-1] if out else None
        if prev and c.origin == prev.origin == "model" and c.type == "PER" and prev.type != "PER" \
                and prev.size == 1 and prev.end == c.start and constructions.is_name_word(words[prev.start]) \
                and pos[prev.start] == "PROPN" and not is_acronym(words[prev.start]) \
                and not _is_demonym(words[prev.start], res):       # 'le Norvégien Bjørn Dæhlie'
            out[-1] = replace(c, start=prev.start)
        else:
            out.append(c)
    outlets = {" ".join(keys[c.start:c.end]) for c in out
               if (c.origin == "model" and _after_media_noun(keys, words, pos, c.start, res))
               or (c.origin == "construction" and c.kind == "media")}
    surnames = {keys[c.end - 1] for c in out if c.type == "PER" and c.size > 1} | \
        {" ".join(keys[c.start:c.end]) for c in out if c.type == "PER"}
    for c in out:
        if c.origin != "model" or c.type == "MISC":
            continue
        text_key = " ".join(keys[c.start:c.end])
        if text_key in outlets:                                                             # 2
            c.type, c.kind, c.country, c.stated = "ORG", "media", None, False
        elif c.type != "PER" and text_key in surnames:                                      # 3
            c.type, c.kind, c.country, c.stated = "PER", "person", None, False
    return out


def _unsupported_in_title_case(kept: list[Candidate], words, keys, pos) -> list[Candidate]:
    """A headline in Title Case ('La DGSI Démantèle Un Réseau Russe') capitalises every word: a
    name the model finds there only is kept when a word of it names something elsewhere in the
    text too ('Chengriha' in the headline, 'Saïd Chengriha' in the body)."""
    inside = constructions.title_case_tokens(words, pos)
    if not inside:
        return kept
    elsewhere = {w for c in kept if c.start not in inside for w in keys[c.start:c.end]}
    return [c for c in kept if c.origin != "model" or c.start not in inside or is_acronym(words[c.start])
            or any(k in elsewhere for k in keys[c.start:c.end] if k[:1].isalpha() and len(k) > 2)]


def _is_demonym(word: str, res: Knowledge) -> bool:
    """'Norvégienne', 'Franco-Américain', 'Vaudois': a demonym of a state or a region."""
    return any(res.gazetteer.demonym(part) or key(part) in res.lexicon.regional_demonyms
               for part in [word, *word.split("-")] if part)


def _after_media_noun(keys, words, pos, start: int, res: Knowledge) -> bool:
    """Whether a media noun stands before token ``start``, with its adjectives between."""
    j = start
    while j > 0 and start - j < 3 and words[j - 1].islower() and \
            (pos[j - 1] == "ADJ" or res.gazetteer.demonym(words[j - 1])):
        j -= 1
    return any(tuple(keys[j - n:j]) in res.lexicon.media_heads for n in (3, 2, 1) if j >= n)


def _uncovered_words(cand: Candidate, covered: list[Candidate], words) -> bool:
    inside = {i for k in covered for i in range(k.start, k.end)}
    return any(i not in inside and words[i][:1].isalpha() and is_capitalised(words[i])
               for i in range(cand.start, cand.end))


# --- 3. filters ---------------------------------------------------------------------------------

def _is_entity(c: Candidate, words, keys, pos, sent_starts, res: Knowledge, excluded: frozenset[int]) -> bool:
    text_key = " ".join(keys[c.start:c.end])
    if c.type == "MISC":
        return True                       # kept for NER evaluation; entities() drops them
    if text_key in res.lexicon.not_entities or any(i in excluded for i in range(c.start, c.end)):
        return False
    if c.origin != "model":
        return True
    span = words[c.start:c.end]
    if not any(is_capitalised(w) for w in span) or any(w.startswith("@") for w in span):
        return False                      # lower-case leftovers; @handles are accounts, no names
    if (c.size == 1 and res.gazetteer.demonym(span[0])) or text_key.replace(" - ", "-") in res.lexicon.regional_demonyms:
        return False                      # 'les Marocains', 'le Vaudois', 'une Québécoise'
    if c.size == 1 and _starts_sentence(c.start, words, sent_starts) and not is_acronym(span[0]) \
            and _common_word(c, span[0], words, pos, sent_starts):
        return False
    if c.size == 1 and c.type in ("LOC", "PER") and text_key in res.lexicon.office_nouns:
        return False                      # 'de la Surveillance du territoire', 'le Renseignement'
    return True


def _common_word(c: Candidate, word: str, words, pos, sent_starts) -> bool:
    """A one-word name of the model heading a sentence that is a common word with its capital:
    tagged neither a proper noun ('Exclusif.', 'Attaquer les intérêts…'), a noun taken for a
    place or an organisation ('Informations très rares', 'Virés donc.'; a person tagged as a noun
    is left be: 'Platon explique'), a participle before a comma ('Voilée, elle…')."""
    if pos[c.start] not in NAME_POS | {"NOUN"}:
        return True
    if c.type == "PER" or not _opens_sentence(c.start, words, sent_starts):
        return False
    participle = word.rstrip("s").endswith(("é", "ée")) and c.end < len(words) and words[c.end] == ","
    return pos[c.start] == "NOUN" or participle


def _opens_sentence(i: int, words, sent_starts) -> bool:
    """At the head of a sentence or a line (not only of a quotation or a parenthesis)."""
    return i == 0 or sent_starts[i] or "\n" in words[i - 1]


def _starts_sentence(i: int, words, sent_starts) -> bool:
    """At the head of a sentence, a line or a quotation, where any word takes a capital."""
    return i == 0 or sent_starts[i] or "\n" in words[i - 1] or words[i - 1] in ("«", "“", '"', "(", ":", "-", "–")
