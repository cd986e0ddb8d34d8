"""The relations stage: who heads, belongs to, meets, visits, helps or fights whom (ONTOLOGY.md).

Needs ``doc.parsed``, ``doc.entities`` and ``doc.sentences`` (attribution); adds
``doc.relations``. Four families of rules, each from the dependency parse and the French cue
lexicon of ``data/relation_cues.json``:

1. role frames: "Bernard Martin, le patron de la DGSE", "le patron de la DGSE, Bernard Martin",
   "l'ex-ambassadeur de France à Alger de 2014 à 2017" (head_of, member_of, and cooperates_with
   between people: "conseiller du président X");
2. participles and phrases of leadership: "la DDSE, dirigée depuis mars par X", "à la tête de";
3. part_of: a service in apposition to another ("la DDSE, département du DRS"), a service whose
   nationality the text gives when that state is named ("les services secrets algériens" →
   Algérie), a general staff and its army;
4. frames (``data/frames.json``, matched by ``veille.extract.frames``): verbs and nouns of meeting,
   visiting, communicating, cooperating and opposing, with the parties of their slots (subject,
   object, "avec", "à", "entre X et Y", "l'alliance X-Y-Z", the possessor of a noun…).

Planned actions ("cherche à rencontrer") are no facts and give nothing. Roles and nationalities
given in apposition are the author's own statement (attribution none) unless quoted.
"""

from dataclasses import dataclass, replace
from typing import Callable
from itertools import combinations

from . import arguments, dates, frames, learned
from .arguments import BOUNDARY_POS, MAX_GAP
from .attribution import entity_source, is_hedged, is_negated, quote_spans, sentence_at
from ..knowledge.cues import Cues
from ..knowledge.words import ARGUMENT_WORDS as WORDS
from ..model import Attribution, Document, Relation
from ..ontology import RELATION_TYPES
from .acronyms import spells
from ..text import is_acronym, key
from .view import DocView

#: verbs that give their subject the role that follows ('X est considéré comme l'interlocuteur de …')
COPULAS = WORDS.set("copulas")


@dataclass
class Found:
    """A relation read from one sentence, before attribution."""

    type: str
    subject: str
    object: str
    sentence: int
    clause: list                       # the tokens whose mood and negation qualify it
    role: str | None = None
    past: bool = False
    start: str | None = None
    end: str | None = None
    apposition: bool = False           # the author's own aside, not a reported claim
    start_text: str | None = None
    told: bool = False                 # the subject's own telling ('a confié au Figaro'): its source
    judge: str | None = None           # who judges it ('X a salué la coopération entre …'): its source
    #: the state is the document's, the title named none ('le président X' of an article about Mali)
    guessed: bool = False


def relations(doc: Document, cues: Cues, view: DocView | None = None,
              demonym: Callable[[str], str | None] | None = None, scorer: str = "off") -> Document:
    """Fill ``doc.relations``: compute every rule's findings, then attribute and deduplicate;
    the learned scorer in mode ``scorer`` (``learned.py``) may add or drop pairs."""
    view = view or DocView(doc)
    view.demonym = demonym
    found = [*_role_frames(view, cues), *_leaders(view, cues), *_part_of(view, cues), *_framed(view, cues),
             *_qualified_ties(view, cues)]
    found += _predecessors(view, found)
    doc.relations = _finish(view, _unless_stated(view, found))
    doc.relations = learned.revise(view, doc.relations, scorer)
    for person, country in _nationalities(view, doc.relations, demonym).items():
        view.entities[person].country = country
    return doc


def _nationalities(view: DocView, found: list[Relation], demonym) -> dict[str, str]:
    """A person's state, where the text gives none by other means: a demonym in the title before
    the name ('le président américain X', 'le général algérien X'), else the state of the service
    or the state the person heads or serves (a present role before a past one)."""
    out = {}
    for e in view.doc.entities:
        if e.type != "PER" or e.country:
            continue
        state = _title_demonym(view, e, demonym)
        if state is None:
            roles = sorted((r for r in found if r.subject == e.id and r.type in ("head_of", "member_of")),
                           key=lambda r: r.past)
            state = next((view.entities[r.object].country for r in roles if view.entities[r.object].country), None)
        if state:
            out[e.id] = state
    return out


def _title_demonym(view: DocView, person, demonym) -> str | None:
    for m in person.mentions:
        first = view.token_at_char.get(m.start)
        if first and view.parsed[first - 1].pos_ == "ADJ":
            word = view.parsed[first - 1].text
            state = demonym(word) if demonym else _demonym_country(view, first - 1)
            if state:
                return state
    return None


# --- 1. role frames -----------------------------------------------------------------------------

def _role_frames(view: DocView, cues: Cues) -> list[Found]:
    keys = view.keys
    out, inside = [], 0
    for t in view.tokens:
        if t.i < inside or view.entity_at(t.i) or not (t.pos_ in ("NOUN", "PROPN", "ADJ") or (
                t.pos_ == "VERB" and t.dep_ == "appos")):    # 'le Mali, allié de Moscou': tagged a verb
            continue             # a word inside a role already read: 'ministre' of 'Premier ministre'
        bare, past = _strip_past(keys[t.i], cues)
        # the word, else its lemma: 'deux officiers de la DGSE'
        hit = cues.roles.at([bare] + keys[t.i + 1:t.i + 4], 0) or \
            cues.roles.at([_strip_past(view.lemmas[t.i], cues)[0]] + keys[t.i + 1:t.i + 4], 0)
        if not hit:
            continue
        kind, size = hit
        for k in range(t.i + 1, t.i + size):      # 'chef d'état-major de l'ANP': the role ends where a
            if view.entity_at(k):                 # name begins ('état-major de l'ANP'), its 'de' with it
                size = k - t.i
                while size > 1 and keys[t.i + size - 1] in arguments.OF:
                    size -= 1
                break
        inside = t.i + size
        out += _frame(view, keys, t.i, t.i + size, kind, past, cues)
    return out


def _strip_past(word_key: str, cues: Cues) -> tuple[str, bool]:
    for marker in ("ex-", "ex"):
        if word_key.startswith(marker) and len(word_key) > len(marker) + 2 and word_key[len(marker)] != " ":
            return word_key[len(marker):].lstrip("-"), True
    return word_key, False


def _frame(view: DocView, keys, r_start: int, r_end: int, kind: str, past: bool, cues: Cues) -> list[Found]:
    """One role noun: its object after 'de', its holder in apposition on either side or as the
    subject of a copula ('X est considéré comme l'interlocuteur de Paris')."""
    parsed = view.parsed
    np_start = r_start
    plural = "Plur" in parsed[r_start].morph.get("Number")
    while np_start > 0 and (keys[np_start - 1] in cues.past_markers or parsed[np_start - 1].pos_ == "DET"
                            or keys[np_start - 1] in cues.role_modifiers or
                            (plural and (keys[np_start - 1] in cues.partitives or parsed[np_start - 1].pos_ == "NUM"))):
        np_start -= 1            # 'X, l'un des cinq membres de la junte': X is one of them
        past = past or keys[np_start] in cues.past_markers
    if np_start and keys[np_start - 1] in ("dont", "parmi"):
        return []                # 'deux Russes dont un ancien agent du KGB, X …': one of them, not X
    end = r_end
    while end < len(parsed) and keys[end] in cues.role_modifiers:
        end += 1
    role = parsed[r_start:end].text
    target, after = arguments.object_of(view, keys, end)
    guessed = False
    office = keys[r_start] in cues.state_offices or " ".join(keys[r_start:r_end]) in cues.state_offices
    if office and end < len(keys) and view.parsed[end].pos_ == "ADJ" and (state := _demonym_country(view, end)):
        # 'le ministre espagnol de l'Intérieur, X': the state its demonym names, when the text names it
        target = next((e.id for e in view.doc.entities if e.type == "LOC" and e.kind == "country"
                       and e.country == state), None)
        after = end + 1
    elif target is not None and view.type_of(target) == "PER" and (
            _state_office(view, keys, r_start, end, cues) or (kind == "head_of" and _leader_title(keys, np_start, end, cues))):
        target, after = None, end    # 'le ministre de la Défense X', 'le président de la République X': X holds it
    if target is None and kind == "head_of":
        target, after = _state_of(view, keys, np_start, end, cues) or _led_state(view, keys, np_start, end, cues), end
    elif target is None and _state_office(view, keys, r_start, end, cues):
        target, guessed = _state_of_document(view, keys, np_start, end), True
    if target is None:
        target = _possessor_of_tie(view, keys, np_start, r_start, r_end, cues)
    if target is None:
        return _mutual(view, parsed[r_start], kind, cues) if plural else []
    office_holder, left = _office_holder(view, keys, np_start, cues)
    holder = _name_at(view, after) or arguments.holder_before(view, keys, np_start) or _holder_after(view, keys, after, target) \
        or _copula_subject(view, parsed[r_start]) or office_holder
    past = past or (holder is not None and left)   # 'X a été démis de ses fonctions de directeur de la DGSI'
    if holder is not None and holder != target and view.type_of(holder) != "PER":
        return _party_tie(view, keys, holder, target, np_start, r_start, r_end, cues)
    if holder is None or view.type_of(holder) != "PER" or holder == target:
        return []
    rtype = _role_type(view, kind, role, target, cues)
    if rtype is None:
        return []
    if rtype == "head_of" and (_sub_unit(view, keys, r_start, end, target) or _branch_at(view, keys, after, target)
                               or any(k in cues.sub_unit_modifiers for k in keys[r_start:end])):
        rtype = "member_of"      # 'le responsable régional du SBU' heads a branch of the SBU
    sentence = view.sent_of[r_start]
    start, stop = _bounds(view, r_start, after)
    found = Found(rtype, holder, target, sentence, [parsed[r_start]],
                  role if RELATION_TYPES[rtype].has_role else None, past or stop is not None, start, stop,
                  apposition=True, guessed=guessed)
    if "Plur" not in parsed[r_start].morph.get("Number"):
        return [found]
    # 'deux officiers de la DGSE, X et Y', 'X et Y sont d'anciens agents de la DGSE': every holder the plural names
    others = [e for e in arguments.coordinated_after(view, holder, parsed[r_start]) + _copula_subjects(view, parsed[r_start])
              if e not in (target, holder)]
    return [found] + [replace(found, subject=e) for e in dict.fromkeys(others) if view.type_of(e) == "PER"]


def _possessor_of_tie(view: DocView, keys, np_start: int, r_start: int, r_end: int, cues: Cues) -> str | None:
    """'X … son bras droit, le colonel Y': a tie between people told with a possessive determiner
    ties the holder to the last person named before it in the paragraph."""
    if " ".join(keys[r_start:r_end]) not in cues.person_ties or not any(
            "Poss=Yes" in str(view.parsed[j].morph) for j in range(np_start, r_start)):
        return None
    return arguments.antecedent(view, np_start)


def _party_tie(view: DocView, keys, holder: str, target: str, np_start: int, r_start: int, r_end: int,
               cues: Cues) -> list[Found]:
    """'le Mali, allié de Moscou', 'l'Iran, ennemi juré d'Israël': a state or an organisation in
    apposition to a noun of ties or rivalry cooperates with, or opposes, what follows it."""
    word = " ".join(keys[r_start:r_end])
    rtype = "cooperates_with" if word in cues.party_ties else "opposes" if word in cues.party_rivals else None
    if rtype is None or not _allowed(view, rtype, holder, target) or \
            arguments.holder_before(view, keys, np_start) != holder:
        return []               # only the apposition names the holder of a party's tie
    return [Found(rtype, holder, target, view.sent_of[r_start], [view.parsed[r_start]], apposition=True)]


def _branch_at(view: DocView, keys, after: int, target: str) -> bool:
    """'le chef du SBU en Crimée', 'le patron de la DGSE à Alger': a service's head in a region or a
    city heads its branch there (not a state's organisation named after the state it heads)."""
    if view.type_of(target) != "ORG" or after + 1 >= len(keys) or keys[after] not in ("en", "a", "au", "dans", "pour"):
        return False
    j = after + 1
    while j < len(keys) and view.parsed[j].pos_ == "DET":
        j += 1
    place = view.entities.get(view.entity_at(j)) if view.entity_at(j) else None
    return place is not None and place.type == "LOC" and place.kind in ("region", "city")


def _sub_unit(view: DocView, keys, r_start: int, end: int, target: str) -> bool:
    """'le directeur du renseignement de la DGSE' heads a unit within the DGSE, not the DGSE;
    'le directeur général de la sécurité intérieure française (DGSI)' spells the service itself
    (its words give the acronym's letters)."""
    entity = view.entities[target]
    forms = (entity.name, *entity.aliases)
    own = {w for form in forms for w in key(form).split()}
    j, others = end, False
    while j < min(len(view.parsed), end + MAX_GAP) and view.entity_at(j) != target:
        if view.parsed[j].text in (".", ";", ":", ","):
            return False         # the target is not named after the title ('le président X … le Mali')
        others = others or (view.parsed[j].pos_ == "NOUN" and keys[j] not in own)
        j += 1
    if not others or view.entity_at(j) != target or view.parsed[j - 1].text == "(":
        return False             # 'le chef des services de sécurité (SBU)': the words name it
    words = [t.text for t in view.parsed[r_start:j] if t.is_alpha]
    return not any(is_acronym(f) and (spells(words, f) or spells(words[:-1], f)) for f in forms)


def _role_type(view: DocView, kind: str, role: str, target: str, cues: Cues) -> str | None:
    """head_of / member_of toward an organisation or a state; cooperates_with toward a person
    ('conseiller du président X') or with whoever a tie noun names ('l'interlocuteur de Paris')."""
    if kind == "ties":
        return "cooperates_with"
    if kind == "rivals":                # 'X, l'ennemi juré de Y'
        return "opposes"
    if view.type_of(target) == "PER":
        return "cooperates_with" if kind == "person_ties" or \
            key(role.split()[0]).removeprefix("ex-") in cues.person_ties else None
    if kind == "person_ties":
        return "member_of" if key(role.split()[0]) in cues.person_ties else None
    return kind


def _state_of(view: DocView, keys, np_start: int, end: int, cues: Cues) -> str | None:
    """'le président algérien X', 'le gouvernement algérien du président X': a head of state
    heads the state his nationality names, when the text names that state."""
    if not _leader_title(keys, np_start, end, cues):
        return None
    countries = {e.country: e.id for e in view.doc.entities if e.type == "LOC" and e.kind == "country"}
    if end < len(keys):
        state = _demonym_country(view, end)
        if state:
            return countries.get(state)
    for j in range(np_start - 1, max(-1, np_start - 3), -1):
        eid = view.entity_at(j)
        if eid:
            state = view.entities[eid].stated_country
            return countries.get(state) if state else None
    return None


def _leader_title(keys, np_start: int, end: int, cues: Cues) -> bool:
    """'le président', 'le Premier ministre roumain' (a title of several words), 'le chef de l'État'."""
    words = " ".join(keys[np_start:end])
    return any(k in cues.heads_of_state for k in keys[np_start:end]) or \
        any(f" {title} " in f" {words} " for title in cues.heads_of_state)


def _led_state(view: DocView, keys, np_start: int, end: int, cues: Cues) -> str | None:
    """'le président Assimi Goïta' in an article that names Mali elsewhere: the state a known head
    of state or government leads (leaders.json), when the text names that state; no guess for a
    name not listed."""
    if not _leader_title(keys, np_start, end, cues) or _names_its_body(view, keys, end):
        return None
    holder = _name_at(view, end) or arguments.holder_before(view, keys, np_start) or _holder_after(view, keys, end, None)
    if holder is None or view.type_of(holder) != "PER":
        return None
    person = view.entities[holder]
    state = next((cues.leaders[k] for k in map(key, [person.name, *person.aliases]) if k in cues.leaders), None)
    return next((e.id for e in view.doc.entities if e.type == "LOC" and e.kind == "country" and e.country == state),
                None) if state else None


#: what a leader's title may name after 'de' and still be the state: 'le président de la République'
THE_STATE = WORDS.set("the_state")


def _names_its_body(view: DocView, keys, end: int) -> bool:
    """'le Premier ministre du Gouvernement d'entente nationale': the title names what it heads."""
    if end >= len(keys) or keys[end] not in arguments.OF:
        return False
    j = end + 1
    while j < len(keys) and view.parsed[j].pos_ == "DET":
        j += 1
    return j < len(keys) and view.parsed[j].pos_ in ("NOUN", "PROPN") and keys[j] not in THE_STATE


def _state_office(view: DocView, keys, r_start: int, end: int, cues: Cues) -> bool:
    """'le ministre de la Défense', 'la ministre des Affaires étrangères': a government office,
    whose holder serves the state (member_of) when no organisation is named after it."""
    if end - r_start > 1 and " ".join(keys[r_start:end]) in cues.state_offices:
        return True                  # 'le chef de la diplomatie X': the portfolio inside the title
    if keys[r_start] not in cues.state_offices or end >= len(keys) or keys[end] not in arguments.OF:
        return False
    j = end + 1
    while j < len(keys) and view.parsed[j].pos_ == "DET":
        j += 1
    return j < len(keys) and view.parsed[j].pos_ in ("NOUN", "PROPN") and view.entity_at(j) is None


def _state_of_document(view: DocView, keys, np_start: int, end: int) -> str | None:
    """The state a minister serves when the title names none ('le ministre de la Défense X'): the
    one state the document is about, when its countries and demonyms name one clearly more than
    any other and the title's sentence names no other state. A head of state is not guessed so:
    articles name foreign presidents by their title alone ('le président X' in an article about
    another country)."""
    state = _main_state(view)
    if state is None:
        return None
    sent = view.sents[view.sent_of[np_start]]
    for j in range(sent.start, sent.end):
        eid = view.entity_at(j)
        other = view.entities[eid] if eid else None
        if other is not None and other.type == "LOC" and other.kind == "country" and other.id != state:
            return None
        named = _demonym_country(view, j) if view.parsed[j].pos_ == "ADJ" else None
        if named and named != view.entities[state].country:
            return None
    return state


def _main_state(view: DocView) -> str | None:
    """The country entity a document speaks of clearly most (twice as often as any other, twice
    at least), counting its mentions and the demonyms of its text; computed once per document."""
    if hasattr(view, "main_state"):
        return view.main_state
    countries = {e.country: e for e in view.doc.entities if e.type == "LOC" and e.kind == "country" and e.country}
    counts = {c: len(e.mentions) for c, e in countries.items()}
    for j, t in enumerate(view.tokens):
        if t.pos_ == "ADJ" and view.entity_at(j) is None:
            state = _demonym_country(view, j)
            if state in counts:
                counts[state] += 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    best = ranked[0] if ranked else None
    clear = best and best[1] >= 2 and (len(ranked) == 1 or best[1] >= 2 * ranked[1][1])
    view.main_state = countries[best[0]].id if clear else None
    return view.main_state


#: what introduces the one a new holder replaces: 'nommé à la tête de X en remplacement du général Y'
PREDECESSOR_CUES = WORDS.phrases("predecessor_cues")


def _predecessors(view: DocView, found: list[Found]) -> list[Found]:
    """'X, nommé à la tête de la DCSA en remplacement du général Y', 'X succède à Y à la tête de
    …': the person X replaces held the same office before (head_of, past)."""
    out = []
    for f in [f for f in found if f.type == "head_of" and not f.past and view.type_of(f.object) == "ORG"]:
        sent = view.sents[f.sentence]
        for j in range(sent.start, sent.end):
            cue = next((c for c in PREDECESSOR_CUES if tuple(view.keys[j:j + len(c)]) == c), None)
            if cue is None:
                continue
            k = j + len(cue)
            while k < sent.end and (view.parsed[k].pos_ in ("DET", "NOUN", "ADJ") and not view.entity_at(k)):
                k += 1                # 'du général', 'de l'ancien directeur'
            before = view.entity_at(k)
            if before and before != f.subject and view.type_of(before) == "PER":
                out.append(Found("head_of", before, f.object, f.sentence, [view.parsed[j]], past=True,
                                 apposition=f.apposition))
    return out


def _unless_stated(view: DocView, found: list[Found]) -> list[Found]:
    """A guessed state gives way to a state the text gives the same person elsewhere: a role
    toward a state, or a demonym before one of their mentions ('le président français X')."""
    stated = {f.subject for f in found if not f.guessed and f.type in ("head_of", "member_of")
              and view.entities[f.object].type == "LOC"}

    def other_state(f: Found) -> bool:
        person = view.entities[f.subject]
        own = person.country or _title_demonym(view, person, view.demonym)
        return f.subject in stated or (own is not None and own != view.entities[f.object].country)
    return [f for f in found if not (f.guessed and other_state(f))]


def _demonym_country(view: DocView, i: int) -> str | None:
    """The state a demonym adjective names, read from the entities whose stated country it is."""
    word = key(view.parsed[i].text)
    for e in view.doc.entities:
        if e.stated_country and any(key(form).split()[-1:] == [word] for form in (e.name, *e.aliases)):
            return e.stated_country
    demonym = getattr(view, "demonym", None)       # the gazetteer's demonyms ('roumain' → RO)
    return demonym(view.parsed[i].text) if demonym and view.parsed[i].pos_ == "ADJ" else None


def _mutual(view: DocView, role, kind: str, cues: Cues) -> list[Found]:
    """'X et Y sont des alliés', 'X et Y sont devenus des ennemis': a plural tie predicated of
    several parties ties each to each."""
    if kind not in ("person_ties", "ties", "rivals") or not (
            any(c.dep_ == "cop" for c in role.children) or (role.dep_ in ("xcomp", "obl:arg", "obj")
                                                          and role.head.lemma_ in COPULAS)):
        return []
    verb = role if any(c.dep_.startswith("nsubj") for c in role.children) else role.head
    parties = list(dict.fromkeys(arguments.subject_entities(view, verb)))
    rtype = "opposes" if kind == "rivals" else "cooperates_with"
    sentence = view.sent_of[role.i]
    return [Found(rtype, a, b, sentence, arguments.clause(verb)) for a, b in combinations(parties, 2)
            if _allowed(view, rtype, a, b) and (kind != "person_ties" or view.type_of(a) == view.type_of(b) == "PER"
                                                or view.lemmas[role.i] in cues.party_ties)]


def _copula_subjects(view: DocView, role) -> list[str]:
    """Every subject of the copula a plural role is the predicate of ('X et Y sont des agents de …')."""
    if not any(c.dep_ == "cop" for c in role.children):
        return []
    return arguments.subject_entities(view, role)


def _copula_subject(view: DocView, role) -> str | None:
    """'X est le patron de …', 'X est considéré comme l'interlocuteur de …', 'X, devenu chef de …'."""
    if any(c.dep_ == "cop" for c in role.children) or \
            (role.dep_ in ("xcomp", "obl:arg", "obl:mod", "obj") and role.head.pos_ in ("VERB", "AUX")
             and role.head.lemma_ in COPULAS):
        return arguments.subject_entity(view, role if any(c.dep_ == "nsubj" for c in role.children) else role.head)
    return None


#: nouns of an office whose 'de' names the role held: 'ses fonctions de directeur de X', 'son poste de chef de Y'
OFFICE_NOUNS = WORDS.set("office_nouns")


def _office_holder(view: DocView, keys, np_start: int, cues: Cues) -> tuple[str | None, bool]:
    """'X a été démis de ses fonctions de directeur de …', 'Y a démis X de ses fonctions de …', 'X a pris
    son poste de chef de …': the one whose office it is (the verb's object, else its subject), and
    whether they were removed from it."""
    if np_start < 2 or keys[np_start - 1] not in arguments.OF or view.lemmas[np_start - 2] not in OFFICE_NOUNS:
        return None, False
    verb = arguments.governing_verb(view.parsed[np_start - 2])
    if verb is None:
        return None, False
    left = verb.lemma_ in cues.dismissal or view.lemmas[verb.i] in cues.ending
    objects = [e for c in verb.children if c.dep_ == "obj" for e in arguments.named_by(view, c)]
    found = objects or ([] if not arguments.passive(verb) and verb.lemma_ in cues.dismissal else
                        arguments.subject_entities(view, verb))
    people = [e for e in found if view.type_of(e) == "PER"]
    return (people[0] if people else None), left


def _name_at(view: DocView, i: int) -> str | None:
    """'X, le président Y et …': the person named right after the title holds it, not X before it."""
    eid = view.entity_at(i) if i < len(view.parsed) else None
    return eid if eid and view.type_of(eid) == "PER" and view.span_at[i].start == i else None


def _rank_ends(view: DocView, i: int) -> bool:
    """A rank or a title ends at token i: 'colonel', 'colonel-major' (split 'colonel - major')."""
    ranks = arguments.PERSON_NOUNS | arguments.PERSON_TITLES
    return view.lemmas[i] in ranks or (i >= 2 and view.keys[i - 1] == "-" and view.lemmas[i - 2] in ranks)


def _holder_after(view: DocView, keys, i: int, target: str) -> str | None:
    """'le patron de la DGSE, Bernard Martin' — skipping the target's own appositions and titles."""
    parsed = view.parsed
    for j in range(i, min(len(parsed), i + 2 * MAX_GAP)):
        if "\n" in parsed[j].text or (j > i and "\n" in parsed[j - 1].whitespace_):
            return None              # a headline's title holds no name of the next paragraph
        eid = view.entity_at(j)
        if eid is not None and eid == target:
            continue
        if eid and view.type_of(eid) == "LOC" and keys[j - 1] in arguments.PLACE_CASES:
            continue                 # 'l'ambassadeur de France à Rabat, X': the post's place
        if eid and parsed[j - 1].text == "(" and view.span_at[j].end < len(parsed) and parsed[view.span_at[j].end].text == ")":
            continue                 # '… de l'Armée nationale populaire (ANP), le général X': a gloss
        if eid and view.type_of(eid) != "PER" and j >= 2 and keys[j - 1] in arguments.OF and _rank_ends(view, j - 2):
            continue                 # '…, le colonel-major de Gendarmerie X': the rank's corps
        if eid:
            return eid if view.type_of(eid) == "PER" else None
        t = parsed[j]
        if t.pos_ in BOUNDARY_POS and t.dep_ != "amod" and not (
                t.dep_ == "acl" and j + 1 < len(parsed) and view.entity_at(j + 1)):   # 'le président déchu X'
            return None
        if t.text in (".", ";", ":") or keys[j] in ("qui", "dont", "que"):
            return None
    return None


def _bounds(view: DocView, start: int, end: int) -> tuple[str | None, str | None]:
    """'de 2014 jusqu'à 2017' within the role phrase (up to the end of the apposition): the
    relation's start and end."""
    sent = view.sents[view.sent_of[start]]
    stop = end
    while stop < sent.end and view.parsed[stop].text not in (",", ";", ".", ")") and \
            view.parsed[stop].pos_ not in ("VERB", "AUX"):
        stop += 1
    last = view.parsed[stop - 1]
    window = view.doc.text[view.parsed[start].idx:last.idx + len(last.text)]
    for mention in dates.find_dates(window, view.doc.published):
        if mention.kind == "range":
            return mention.value, mention.range_end
        if mention.kind == "until":
            return None, mention.value
    return None, None


# --- 2. leaders by participle or phrase ---------------------------------------------------------

def _leaders(view: DocView, cues: Cues) -> list[Found]:
    keys = view.keys
    out = []
    for t in view.tokens:
        if t.lemma_ in cues.head_verbs and "Part" in t.morph.get("VerbForm") and not _active(t):
            found = _led_by(view, keys, t)
            if found:
                out.append(found)
        elif t.lemma_ in cues.head_verbs and t.pos_ == "VERB" and not arguments.planned(t, cues):
            found = _leads(view, t)
            if found:
                out.append(found)
        hit = cues.head_phrases.at(keys, t.i)
        if hit:
            found = _at_head_of(view, t.i, t.i + hit[1], cues)
            if found:
                out.append(found)
        hit = cues.membership.at(keys, t.i)
        if hit:
            out += _within(view, t.i, t.i + hit[1])
    return out


def _within(view: DocView, start: int, end: int) -> list[Found]:
    """'X … au sein du pouvoir algérien', 'X et Y ont fait carrière au sein de la Garde nationale':
    the people the clause's subject names belong to the organisation."""
    organisation = arguments.next_entity(view, end, ("ORG",), limit=3)
    if organisation is None:
        return []
    t = view.parsed[start]
    while t.head is not t and t.pos_ not in ("VERB", "AUX") and not any(c.dep_ == "cop" for c in t.children):
        t = t.head
    members = [m for m in arguments.subject_entities(view, t) if view.type_of(m) == "PER"]
    return [Found("member_of", m, organisation, view.sent_of[start], [t], apposition=True) for m in members]


def _active(verb) -> bool:
    """'a dirigé' (an auxiliary of tense, no passive): the participle of an active verb."""
    return any(c.dep_ == "aux:tense" for c in verb.children) and not any(c.dep_ == "aux:pass" for c in verb.children)


def _leads(view: DocView, verb) -> Found | None:
    """'X dirige la DGSE', 'X a dirigé la DSS de 2016 à 2019', 'X dirigeait la DGSE depuis 2016':
    head_of(X, organisation); a role told in the past (passé composé, imperfect, or with an end)
    is past; its dates from the clause."""
    leader = arguments.subject_entity(view, verb)
    organisations = [e for e in arguments.complements(view, verb, "obj") if view.type_of(e) == "ORG"]
    if leader is None or view.type_of(leader) != "PER" or not organisations:
        return None
    start, end, start_text = _role_span(view, verb)
    past = _active(verb) or "Imp" in verb.morph.get("Tense") or end is not None
    return Found("head_of", leader, organisations[0], view.sent_of[verb.i], arguments.clause(verb), None, past,
                 start, end, start_text=start_text)


def _role_span(view: DocView, verb) -> tuple[str | None, str | None, str | None]:
    """When a role held: 'de 2016 à 2019' (start, end), 'depuis 2016' (start), in the verb's clause."""
    sent = view.sents[view.sent_of[verb.i]]
    window = view.doc.text[verb.idx:sent.end_char]
    for mention in dates.find_dates(window, view.doc.published)[:1]:
        if mention.kind == "range":
            return mention.value, mention.range_end, mention.text
        if mention.kind == "since":
            return mention.value, None, mention.text
    return None, None, None


def _led_by(view: DocView, keys, participle) -> Found | None:
    """'la DGSE, dirigée depuis mars par Bernard Martin' → head_of(Martin, DGSE)."""
    i = participle.i
    organisation = view.entity_at(participle.head.i) if participle.dep_ == "acl" else None
    if organisation is None:
        organisation = arguments.nearest_before(view, i, ("ORG",))
    leader = None
    for j in range(i + 1, min(len(view.parsed), i + 2 * MAX_GAP)):
        if keys[j] == "par":
            leader = arguments.next_entity(view, j + 1, ("PER",))
            break
        if view.parsed[j].pos_ in ("VERB", "AUX") or view.parsed[j].text in (";", "."):
            break
    if organisation is None or leader is None or view.type_of(organisation) != "ORG":
        return None
    since = _since(view, i)
    return Found("head_of", leader, organisation, view.sent_of[i], [participle], None, False,
                 since.value if since else None, None, apposition=True, start_text=since.text if since else None)


def _since(view: DocView, i: int) -> dates.DateMention | None:
    """'dirigée depuis début septembre par X': when the leadership began."""
    sent = view.sents[view.sent_of[i]]
    window = view.doc.text[view.parsed[i].idx:sent.end_char]
    for mention in dates.find_dates(window, view.doc.published)[:1]:
        if mention.kind == "since":
            return mention
    return None


def _at_head_of(view: DocView, start: int, end: int, cues: Cues) -> Found | None:
    """'X, à la tête de la DGSI depuis 2020' / 'X est à la tête de la DGSI' / 'le décret nomme X à
    la tête de la DDSE' (the one appointed is the verb's object)."""
    organisation = arguments.next_entity(view, end, ("ORG", "LOC"), limit=3)
    if organisation is None:
        return None
    leader = arguments.holder_before(view, None, start)
    verb = arguments.governing_verb(view.parsed[start], itself=True)
    if leader is None and verb is not None and verb.lemma_ in cues.appointing:
        # the one appointed follows the verb, whatever the parser called it ('nomme le général X')
        leader = next((e for c in verb.children if c.dep_ in ("obj", "nsubj") and c.i > verb.i
                       for e in arguments.named_by(view, c) if view.type_of(e) == "PER"), None)
    if leader is None and verb is not None:      # 'X a été nommé à la tête de', 'Nommé à la tête de …, X a'
        leader = arguments.subject_entity(view, verb)
    if leader is None:
        leader = arguments.subject_entity(view, view.parsed[start].head)
    if leader is None:
        leader = _fronted_holder(view, start, cues)
    if leader is None or view.type_of(leader) != "PER":
        leader = _appointed_by_noun(view, start, cues)
    if leader is None or view.type_of(leader) != "PER":
        return None
    # 'limogé de la tête de', 'écarté de la tête de': a role that ended
    ended = view.keys[start] in arguments.OF or (verb is not None and verb.lemma_ in cues.dismissal)
    began = _appointed_on(view, verb) if verb is not None and verb.lemma_ in cues.appointing else None
    return Found("head_of", leader, organisation, view.sent_of[start], [view.parsed[start].head],
                 past=ended, start=began.value if began else None, apposition=True,
                 start_text=began.text if began else None)


def _appointed_by_noun(view: DocView, start: int, cues: Cues) -> str | None:
    """'la nomination de X à la tête de Y', 'son limogeage de la tête de Y': the one a noun of
    appointment the phrase hangs on is of."""
    noun = view.parsed[start].head.head
    if noun.pos_ != "NOUN" or (cues.event_nouns.at([view.lemmas[noun.i]], 0) or (None,))[0] != "APPOINTMENT":
        return None
    return arguments.of_complement(view, noun) or arguments.possessive_owner(view, noun)


def _fronted_holder(view: DocView, start: int, cues: Cues) -> str | None:
    """'Nommé en 2021 à la tête de la DGSE, X a …': a sentence opened by a participle (which the
    tagger, misled by its capital, may call a noun); the holder is the name right after its comma."""
    sent = view.sents[view.sent_of[start]]
    first = view.parsed[sent.start]
    if cues.participles.get(first.lower_) is None and "Part" not in first.morph.get("VerbForm"):
        return None
    comma = next((j for j in range(start, sent.end) if view.parsed[j].text == ","), None)
    if comma is None or comma + 1 >= sent.end:
        return None
    eid = view.entity_at(comma + 1)
    return eid if eid and view.type_of(eid) == "PER" else None


def _appointed_on(view: DocView, verb) -> dates.DateMention | None:
    """'nommé en 2017 à la tête de …': an appointment's date is the role's start."""
    sent = view.sents[view.sent_of[verb.i]]
    window = view.doc.text[sent.start_char:sent.end_char]
    near = sorted(dates.find_dates(window, view.doc.published),
                  key=lambda m: abs(sent.start_char + m.start - verb.idx))
    return next((m for m in near if m.kind in ("point", "since") and m.value), None)


# --- 3. part_of ---------------------------------------------------------------------------------

def _part_of(view: DocView, cues: Cues) -> list[Found]:
    return [*_part_by_apposition(view, cues), *_part_by_nationality(view), *_part_by_described_state(view),
            *_staff_of_army(view),
            *_part_by_enumeration(view), *_part_named_first(view, cues), *_part_of_whole(view, cues)]


def _part_named_first(view: DocView, cues: Cues) -> list[Found]:
    """'La branche sahélienne d'Al-Qaïda, le JNIM': a part noun before the name of the part."""
    keys = view.keys
    out = []
    for t in view.tokens:
        hit = cues.part_nouns.at(keys, t.i)
        if view.entity_at(t.i) or not hit or (t.i and view.parsed[t.i - 1].pos_ not in ("DET", "ADJ")):
            continue
        whole, after = arguments.object_of(view, keys, t.i + hit[1])
        if whole is None or view.type_of(whole) != "ORG" or after >= len(view.parsed) or view.parsed[after].text != ",":
            continue
        part = arguments.next_entity(view, after + 1, ("ORG",), limit=3)
        if part and part != whole:
            out.append(Found("part_of", part, whole, view.sent_of[t.i], [t], apposition=True))
    return out


def _part_of_whole(view: DocView, cues: Cues) -> list[Found]:
    """'le Conseil de sécurité de l'ONU', 'la Ligne N du KGB': an organisation named by a part noun
    or a body noun and followed by 'de' and another organisation is part of it."""
    keys = view.keys
    out = []
    for span in {s for s in view.span_at if s}:
        head = keys[span.start]
        if view.type_of(span.entity) != "ORG" or not (cues.part_nouns.at(keys, span.start) or head in BODIES):
            continue
        j = span.end
        if j + 1 < len(keys) and keys[j] in arguments.OF:
            whole = view.entity_at(j + 1) or (view.entity_at(j + 2) if view.parsed[j + 1].pos_ == "DET" else None)
            if whole and whole != span.entity and view.type_of(whole) == "ORG":
                out.append(Found("part_of", span.entity, whole, view.sent_of[span.start],
                                 [view.parsed[span.start]], apposition=True))
    return out


#: bodies that belong to the organisation named after them: 'le Conseil de sécurité de l'ONU'
BODIES = WORDS.set("bodies")


#: words that introduce members of a whole just named ('les services algériens, notamment la DDSE')
ENUMERATORS = WORDS.set("enumerators")


def _part_by_enumeration(view: DocView) -> list[Found]:
    """'les services secrets algériens notamment la DDSE': a named service is part of the
    collective services of its state when the text lists it among them."""
    out = []
    for t in view.tokens:
        if view.keys[t.i] not in ENUMERATORS:
            continue
        whole = arguments.nearest_before(view, t.i, ("ORG",), limit=3)
        part = arguments.next_entity(view, t.i + 1, ("ORG",), limit=3)
        if whole and part and whole != part:
            w, p = view.entities[whole], view.entities[part]
            if w.kind == p.kind and w.function is None and p.function and (w.country == p.country):
                out.append(Found("part_of", part, whole, view.sent_of[t.i], [t], apposition=True))
    return out


def _part_by_apposition(view: DocView, cues: Cues) -> list[Found]:
    """'la DDSE, département du DRS' / '(DGSI), la plus puissante branche du renseignement algérien'."""
    keys = view.keys
    out = []
    for t in view.tokens:
        if view.entity_at(t.i) or not cues.part_nouns.at(keys, t.i):
            continue
        j = t.i - 1
        while j > 0 and (view.parsed[j].pos_ in ("DET", "ADJ", "ADV")):
            j -= 1
        if view.parsed[j].text not in (",", "("):
            continue
        whole = view.entity_at(j + 1) if view.parsed[j].text == "(" else None
        part = arguments.nearest_before(view, j, ("ORG",), limit=3)
        target, _ = arguments.object_of(view, keys, t.i + cues.part_nouns.at(keys, t.i)[1])
        if part and target and target != part and whole is None and (
                view.type_of(target) == "ORG" or view.entities[target].kind == "country"):
            out.append(Found("part_of", part, target, view.sent_of[t.i], [t], apposition=True))
    return out


def _part_by_nationality(view: DocView) -> list[Found]:
    """An organisation whose state the text gives, when the text names that state."""
    countries = {e.country: e.id for e in view.doc.entities if e.type == "LOC" and e.kind == "country"}
    out = []
    for e in view.doc.entities:
        if e.type != "ORG" or not e.stated_country or e.stated_country not in countries or e.function == "staff":
            continue
        sentence = view.sent_of[_first_token(view, e)]
        out.append(Found("part_of", e.id, countries[e.stated_country], sentence,
                         [view.parsed[_first_token(view, e)]], apposition=True))
    return out


def _part_by_described_state(view: DocView) -> list[Found]:
    """'la DGSE, le service d'espionnage français, …': an apposition that describes an organisation
    by a noun and a demonym gives its state, when the text names that state."""
    countries = {e.country: e.id for e in view.doc.entities if e.type == "LOC" and e.kind == "country"}
    parsed, out = view.parsed, []
    for e in view.doc.entities:
        if e.type != "ORG" or e.stated_country or e.function == "staff":
            continue
        for m in e.mentions:
            first = view.token_at_char.get(m.start)
            j = view.span_at[first].end if first is not None and view.span_at[first] else len(parsed)
            if j < len(parsed) and parsed[j].text == ")":
                j += 1
            if j + 2 >= len(parsed) or parsed[j].text != "," or parsed[j + 1].pos_ != "DET":
                continue
            state = None
            for k in range(j + 2, min(len(parsed), j + 2 + MAX_GAP)):
                if parsed[k].text in (",", ".", ";", ":", "(") or view.entity_at(k) or parsed[k].pos_ in BOUNDARY_POS:
                    break
                state = state or (_demonym_country(view, k) if parsed[k].pos_ == "ADJ" else None)
            if state in countries and (k == len(parsed) or parsed[k].text in (",", ".", ";", ":")):
                out.append(Found("part_of", e.id, countries[state], view.sent_of[j], [parsed[j + 1]], apposition=True))
                break
    return out


def _staff_of_army(view: DocView) -> list[Found]:
    armies = {(e.country, e.kind): e.id for e in view.doc.entities
              if e.type == "ORG" and e.kind == "military" and e.function != "staff" and e.country}
    out = []
    for e in view.doc.entities:
        army = armies.get((e.country, "military")) if e.function == "staff" else None
        if army:
            first = _first_token(view, e)
            out.append(Found("part_of", e.id, army, view.sent_of[first], [view.parsed[first]], apposition=True))
    return out


def _first_token(view: DocView, entity) -> int:
    return view.token_at_char.get(entity.mentions[0].start, 0)


# --- 4. relations evoked by a frame -------------------------------------------------------------

def _framed(view: DocView, cues: Cues) -> list[Found]:
    """Every frame match that evokes a relation: its subject slot's parties with its object
    slot's; a symmetric relation told of several parties with no other side pairs them ('X et Y
    se sont rencontrés', 'la coopération entre X et Y')."""
    out = []
    for match in frames.matches(view, cues):
        if not match.frame.relation or not match.a:
            continue
        sentence = view.sent_of[match.trigger.i]
        clause = arguments.clause(match.carrier)
        if match.b:
            pairs = [(s, o) for s in match.a for o in match.b if s != o]
        elif any(RELATION_TYPES[r].symmetric for r in match.frame.relations):
            pairs = list(combinations(match.a, 2))
        else:
            pairs = []
        for s, o in pairs:
            rtype = next((r for r in match.frame.relations if _allowed(view, r, s, o)), None)
            if rtype:
                out.append(Found(rtype, s, o, sentence, clause, apposition=match.aside, told=match.frame.told,
                                 judge=_judge(view, match, cues), past=arguments.ended(view, match.trigger, cues)))
    return out


def _qualified_ties(view: DocView, cues: Cues) -> list[Found]:
    """'Les relations entre Alger et Paris restent tendues', 'la dégradation des relations entre X
    et Y', 'Madrid et Rabat ont normalisé leurs relations', 'ses excellentes relations avec Y': a
    noun of ties says which relation by its qualifier (relation_cues.json qualified_ties)."""
    out = []
    for t in view.tokens:
        if t.pos_ != "NOUN" or view.keys[t.i] not in cues.tie_nouns or view.entity_at(t.i):
            continue
        rtype, verb = _tie_qualifier(view, t, cues)
        if rtype is None:
            continue
        parties = arguments.between(view, view.keys, t.i + 1)
        held = verb is not None and t.dep_ in ("obj", "obl:arg")     # 'X entretient des relations avec Y'
        if not parties:
            owner = arguments.of_complement(view, t) or arguments.possessive_owner(view, t) or \
                (arguments.subject_entity(view, verb) if held else None)
            others = arguments.complements(view, t, "avec")
            parties = [owner, *others] if owner and others else []
        if not parties and held:       # 'Madrid et Rabat ont normalisé leurs relations'
            parties = arguments.subject_entities(view, verb)
            parties = parties if len(parties) > 1 else arguments.names_opening(view, verb)
        pairs = [(a, b) for a, b in combinations(dict.fromkeys(parties), 2)] if len(parties) >= 2 else []
        clause = arguments.clause(verb) if verb is not None else arguments.clause(t)
        out += [Found(rtype, a, b, view.sent_of[t.i], clause) for a, b in pairs if _allowed(view, rtype, a, b)]
    return out


def _tie_qualifier(view: DocView, noun, cues: Cues) -> tuple[str | None, object]:
    """The relation the qualifiers of a tie noun give, and the verb it hangs on: its adjectives,
    the predicate it is the subject of, the noun or the verb that governs it; none when they disagree."""
    said, verb = [], None
    q = cues.tie_qualifiers
    said += [q[view.keys[c.i]] for c in noun.children if c.dep_ in ("amod", "acl") and view.keys[c.i] in q]
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubj:pass") and head is not noun:
        verb = head
        # 'restent tendues', 'se sont détériorées', 'traversent une crise'
        predicate = [head] + [c for c in head.children if (c.dep_ in ("xcomp", "acomp") and c.pos_ in ("ADJ", "VERB"))
                              or (c.dep_ == "obj" and c.pos_ == "NOUN")]
        said += [q[k] for p in predicate for k in (view.keys[p.i], view.lemmas[p.i]) if k in q][:1]
    elif noun.dep_ == "nmod" and head.pos_ == "NOUN":
        said += [q[k] for k in (view.keys[head.i], view.lemmas[head.i]) if k in q][:1]
        verb = arguments.governing_verb(head)
    elif noun.dep_ in ("obj", "obl:arg") and head.pos_ == "VERB":
        verb = head
        said += [q[view.lemmas[head.i]]] if view.lemmas[head.i] in q else []
    kinds = set(said)
    return (kinds.pop() if len(kinds) == 1 else None), verb


def _judge(view: DocView, match, cues: Cues) -> str | None:
    """'X a salué la coopération entre A et B': the subject of a verb of judgement over the trigger noun."""
    verb = match.trigger.head
    if match.trigger.pos_ != "NOUN" or match.trigger.dep_ != "obj" or verb.lemma_ not in cues.evaluating:
        return None
    return arguments.subject_entity(view, verb)


def _allowed(view: DocView, rtype: str, subject: str, obj: str) -> bool:
    spec = RELATION_TYPES[rtype]
    return view.type_of(subject) in spec.subjects and view.type_of(obj) in spec.objects


# --- finishing ----------------------------------------------------------------------------------

def _finish(view: DocView, found: list[Found]) -> list[Relation]:
    """Attribution, hedging and negation per relation; one relation per (type, pair), the first;
    no member_of beside a head_of of the same pair ('le général X, chef d'état-major de l'ANP')."""
    out, seen = [], set()
    heads = {(f.subject, f.object) for f in found if f.type == "head_of"}
    found = [f for f in found if not (f.type == "member_of" and (f.subject, f.object) in heads)]
    for f in sorted(found, key=lambda f: f.sentence):
        pair = tuple(sorted((f.subject, f.object))) if RELATION_TYPES[f.type].symmetric else (f.subject, f.object)
        if (f.type, pair) in seen:
            continue
        seen.add((f.type, pair))
        said = _said(view, f)
        out.append(Relation(f.type, f.subject, f.object, view.evidence(f.sentence), said, f.role, f.start, f.end,
                            negated=is_negated(f.clause), past=f.past, start_text=f.start_text))
    return out


def _within_quote(view: DocView, sentence, char: int) -> bool:
    """Whether ``char`` lies inside a quotation: a sentence partly quoted ('X, porte-parole du SVR,
    l'a affirmé : « … »') leaves what stands outside its quotation marks to the author."""
    if not sentence.quoted:
        return False
    spans = quote_spans(view.doc.text, sentence.start, sentence.end)
    return not spans or any(a <= char < b for a, b in spans)


def _said(view: DocView, f: Found) -> Attribution:
    sentence = sentence_at(view.doc.sentences, f.clause[0].idx)
    if (f.told or f.judge) and not (sentence and sentence.quoted and _within_quote(view, sentence, f.clause[0].idx)):
        # 'X a indiqué à l'agence Y', 'X a salué la coopération …': X is the innermost source
        speaker = view.entities[f.judge or f.subject]
        sent = view.sents[f.sentence]
        mention = next((t for t in view.parsed[sent.start:sent.end] if view.entity_at(t.i) == speaker.id),
                       view.parsed[sent.start])
        return Attribution(entity_source(mention, speaker), [], speaker.name, is_hedged(f.clause))
    if sentence is None or (f.apposition and not _within_quote(view, sentence, f.clause[0].idx)):
        return Attribution("none", [], None, is_hedged(f.clause))
    base = sentence.attribution
    return Attribution(base.kind, list(base.via), base.text, base.hedged or is_hedged(f.clause))
