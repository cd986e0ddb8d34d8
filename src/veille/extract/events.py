"""The events stage: meetings, visits, agreements, attacks, kidnappings… with who, where and when.

Needs ``doc.parsed``, ``doc.entities``, ``doc.sentences`` and ``doc.relations``; adds
``doc.events``.

1. Find trigger words (``data/relation_cues.json``, section ``events``): verbs by lemma,
   nouns and phrases by their words; an intention ("cherchent à rencontrer") is no event.
2. Read each trigger's participants (subject, object, "avec", "entre X et Y", "de X", "par X"),
   its place (a place after à/au/en/dans, or "de" for attacks and kidnappings) and its date
   (the date expression of its sentence nearest to it, resolved against ``published``).
3. A leader "dirigé depuis <date> par X" is an appointment at that date.
4. One real event told several times is one event: same type and same participants, the
   first telling kept and completed by the others.
"""

from dataclasses import dataclass, field

from . import arguments, dates, frames
from .attribution import is_hedged, is_negated, load_rules, sentence_at
from ..knowledge.cues import Cues
from ..knowledge.words import ARGUMENT_WORDS as WORDS
from ..model import Attribution, Document, Event
from ..ontology import EVENT_TYPES
from ..text import key
from .view import DocView

#: kinds of place an event can happen at; countries are places too ("une visite au Maroc")
VISITORS = ("PER", "ORG")
ACTOR_TYPES = ("PER", "ORG", "LOC")
#: events between parties by nature: one party named is not enough to tell one
BILATERAL = frozenset({"AGREEMENT", "COOPERATION"})
MESSAGES = WORDS.set("messages")


@dataclass
class Told:
    """One telling of an event, before merging."""

    type: str
    participants: list[str]
    sentence: int
    trigger: object
    place: str | None = None
    subtype: str | None = None
    date: dates.DateMention | None = None
    clause: list = field(default_factory=list)
    said: str | None = None            # who says so, where the telling fixes it (a statement's source)


def events(doc: Document, cues: Cues, view: DocView | None = None) -> Document:
    """Fill ``doc.events``: compute every telling, merge the ones of one event, then set."""
    view = view or DocView(doc)
    found = [*_triggered(view, view.keys, view.lemmas, cues), *_appointments(view), *_statements(view)]
    found += _likewise(view, found)
    doc.events = _merge(view, found)
    return doc


#: what opens a sentence that tells the same of others: 'Il en est de même du directeur de l'ANR, X'
LIKEWISE = WORDS.phrases("likewise")


def _likewise(view: DocView, found: list[Told]) -> list[Told]:
    """'X a été démis de ses fonctions. Il en est de même du directeur de l'ANR, Y.': the events
    of the sentence before, told again of the people and organisations this one names."""
    out = []
    for n, sent in enumerate(view.sents[1:], 1):
        opening = tuple(view.keys[sent.start:sent.start + 6])
        if not any(opening[:len(cue)] == cue for cue in LIKEWISE):
            continue
        named = [e for e in view.entities_in(range(sent.start, sent.end)) if view.type_of(e) in ("PER", "ORG")]
        if not any(view.type_of(e) == "PER" for e in named):
            continue
        for told in (t for t in found if t.sentence == n - 1 and t.type != "PUBLICATION"):
            out.append(Told(told.type, named, n, view.parsed[sent.start], told.place, told.subtype, told.date,
                            [view.parsed[sent.start]]))
    return out


# --- 1, 2. triggers and their arguments ---------------------------------------------------------

def _triggered(view: DocView, keys, lemmas, cues: Cues) -> list[Told]:
    out, used = [], set()
    for t in view.tokens:
        if t.i in used or view.entity_at(t.i):
            continue
        hit = cues.event_phrases.at(keys, t.i) or (
            cues.event_nouns.at(lemmas, t.i) or cues.event_nouns.at(keys, t.i) if t.pos_ == "NOUN" else None)
        etype = hit[0] if hit else None
        if etype is None and t.pos_ == "VERB" and t.lemma_ in cues.event_verbs:
            if t.lemma_ in cues.pronominal and not arguments.pronominal(t):
                continue
            etype = cues.event_verbs[t.lemma_]
        if etype is None or arguments.planned(t if t.pos_ == "VERB" else t.head, cues):
            continue
        if t.pos_ == "VERB" and t.lemma_ in cues.transitive and not arguments.passive(t) and \
                not any(c.dep_ == "obj" for c in t.children):
            continue                      # 'le BCIJ, relevant de la DGST': depending, no dismissal
        if t.pos_ == "VERB" and arguments.purpose(t):
            continue                      # 'pour assassiner un responsable': an aim, no event yet
        if etype == "ATTACK" and t.pos_ == "VERB" and t.lemma_ in arguments.HARMED and _act_told_in(view, cues, t):
            continue                      # 'l'attaque … qui a tué dix soldats': the harm of the act told
        if etype in ("COOPERATION", "AGREEMENT") and arguments.ended(view, t, cues):
            continue                      # 'a suspendu sa coopération avec X': no cooperating told
        if etype in ("MEETING", "VISIT") and t.pos_ == "NOUN" and arguments.cancelled(view, t, cues):
            continue                      # 'a annulé sa visite à Alger': it did not take place
        used.update(range(t.i, t.i + (hit[1] if hit else 1)))
        if hit and t.pos_ not in ("VERB", "NOUN"):     # 'se rendre aux': the verb carries it
            t = next((u for u in view.parsed[t.i:t.i + hit[1]] if u.pos_ in ("VERB", "NOUN")), t)
        out.extend(_read(view, keys, t, etype, cues))
    return out


def _act_told_in(view: DocView, cues: Cues, verb) -> bool:
    """Whether the sentence of a verb of harm names an act of attack by a noun ('l'attaque d'un
    convoi qui a tué …', 'tué dans une frappe'): the harm is that act's, not another attack."""
    sent = view.sents[view.sent_of[verb.i]]
    return any(view.parsed[j].pos_ == "NOUN" and (cues.event_nouns.at(view.lemmas, j) or (None,))[0] == "ATTACK"
               for j in range(sent.start, sent.end))


def _read(view: DocView, keys, trigger, etype: str, cues: Cues) -> list[Told]:
    """One trigger's tellings: usually one; one per date for 'deux séances, hier et ce vendredi'."""
    is_verb = trigger.pos_ == "VERB"
    verb = trigger if is_verb else (arguments.carrier(view, trigger) or trigger)
    if etype == "MEETING" and trigger.lemma_ == "recevoir" and \
            any(c.dep_ == "obj" and c.lemma_.lower() in MESSAGES for c in trigger.children):
        return []                         # receiving an e-mail is no meeting
    people = _participants(view, keys, trigger, verb, cues, etype)
    place = _place(view, trigger, verb, etype)
    if place in people:                   # 'entre le Maroc et la France': parties, not a place
        place = None
    if etype in ("VISIT", "DEFECTION") and trigger.lemma_ == "rendre":
        services = [e for e in arguments.complements(view, trigger, "a") if view.type_of(e) == "ORG"]
        if services:                      # 'se rendre aux services français': giving oneself up
            etype, people = "DEFECTION", _doer(view, verb) + services
            place = _place_in(view, trigger)
    people = [p for p in dict.fromkeys(people) if p != place]
    others = []
    if etype == "VISIT":
        # 'la visite de X intervient après celle de Y': Y's visit is another one
        others = arguments.ellipsis_owners(view, trigger) if trigger.pos_ == "NOUN" else []
        people = [p for p in people if view.type_of(p) in VISITORS and p not in others]
        if not people or place is None:
            return []
    elif (etype in BILATERAL or (etype == "MEETING" and trigger.pos_ == "VERB" and not _met_someone(trigger))) \
            and len(people) < 2:
        return []                         # 'réunis au sein de l'AES' is no meeting of one party
    elif not people and not (place and etype in ("ATTACK", "KIDNAPPING")
                             and view.entities[place].kind in ("site", "city")):
        return []
    subtype = "dismissal" if (trigger.lemma_ in cues.dismissal or keys[trigger.i] in cues.dismissal) else None
    days = _dates_near(view, trigger) or _dates_of_antecedent(view, trigger) or _told_back_on(view, trigger) \
        or _news_time(view, verb)
    plural = "Number=Plur" in str(trigger.morph)
    return [Told(etype, people, view.sent_of[trigger.i], trigger, place, subtype, day, arguments.clause(verb))
            for day in (days if plural and len(days) > 1 else days[:1] or [None])] + \
        [Told(etype, [other], view.sent_of[trigger.i], trigger, place, subtype, None, arguments.clause(verb))
         for other in others]


#: nouns of people one may meet unnamed: 'a rencontré deux Russes', 'a reçu un émissaire'
PEOPLE = WORDS.set("people")


def _met_someone(verb) -> bool:
    """A meeting verb whose object is people the text leaves unnamed ('a rencontré deux Russes',
    'un Italien'), not a thing ('a rencontré des difficultés')."""
    return any(c.dep_ == "obj" and (c.lemma_ in PEOPLE or (c.text[:1].isupper() and c.pos_ in ("NOUN", "PROPN")
                                                          and any(g.dep_ in ("det", "nummod") for g in c.children)))
               for c in verb.children)


def _participants(view: DocView, keys, trigger, verb, cues: Cues, etype: str) -> list[str]:
    group = arguments.between(view, keys, trigger.i + 1) or arguments.hyphen_chain(view, trigger.i + 1)
    if group:
        return group
    found = []
    owner = (arguments.of_complement(view, trigger) or arguments.possessive_owner(view, trigger)) \
        if trigger.pos_ == "NOUN" else None
    subjects = arguments.subject_entities(view, verb) if verb is trigger and trigger.pos_ == "VERB" or \
        verb is not trigger else []
    if etype == "PUBLICATION" and verb.pos_ == "VERB" and arguments.passive(verb):
        subjects = []           # 'l'attaque a été revendiquée par X': what is claimed, not who claims
    for eid in (owner, *subjects, arguments.agent(view, verb), *_agents(view, trigger)):
        if eid and eid not in found:
            found.append(eid)
    if not found and etype in BILATERAL:
        return []       # 'il suit la coopération avec l'Espagne et la Belgique': not Spain with Belgium
    for how in ("avec", "obj"):
        for head in dict.fromkeys((trigger, verb)):
            for eid in arguments.complements(view, head, how):
                if eid not in found and view.type_of(eid) in ACTOR_TYPES:
                    found.append(eid)
    if etype in ("ATTACK", "KIDNAPPING", "MEETING"):   # 'l'invasion de l'Ukraine par la Russie': the frame's parties
        found += [e for e in _frame_parties(view, cues, trigger) if e not in found]
    if etype == "VISIT":                # the visitors the frame found ('X est en visite à Y'), not the place
        found += [e for e in _frame_parties(view, cues, trigger, sides="a") if e not in found]
    if etype == "MEETING":
        found += [e for e in _gathered(view, keys, trigger, cues) if e not in found]
    if etype == "APPOINTMENT":          # 'nomme X à la tête de la DDSE'
        found += [e for e in _post_of(view, keys, trigger, cues) + _office_of_title(view, verb)
                  + _office_named_after(view, keys, trigger, cues) if e not in found]
    if etype == "VISIT":
        found += [e for e in arguments.companions(view, verb) if e not in found]
    if etype in ("ATTACK", "KIDNAPPING"):
        found += [e for e in _assailants_and_targets(view, trigger, verb) if e not in found]
        # 'menée par le groupe X, dirigé par Y': Y too
        found += [e for e in _leaders_of(view, found, view.sent_of[trigger.i]) if e not in found]
    return [e for e in found if view.type_of(e) != "LOC" or view.entities[e].kind == "country"]


def _frame_parties(view: DocView, cues: Cues, trigger, sides: str = "ab") -> list[str]:
    """The parties the frame matcher gave the same trigger, for the relation it also evokes (of
    its subject's side ``a``, its object's ``b`` or both)."""
    for match in frames.matches(view, cues):
        if match.trigger.i == trigger.i:
            parties = (match.a if "a" in sides else []) + (match.b if "b" in sides else [])
            return [e for e in parties if view.type_of(e) in ACTOR_TYPES]
    return []


def _assailants_and_targets(view: DocView, trigger, verb) -> list[str]:
    """Who attacks and who is attacked where the parse hides them in noun phrases: an organisation
    in the subject ('des hommes armés du JNIM ont enlevé'), the claimant of an attack ('l'attaque
    … a été revendiquée par X'), the organisation or person the object or 'contre …' phrase
    belongs to ('un convoi de l'armée malienne', 'l'attaque contre une patrouille de l'armée')."""
    found = []
    if trigger.pos_ == "VERB" and not arguments.subject_entity(view, trigger):
        found += _doer(view, trigger)
    if trigger.pos_ == "NOUN" and trigger.dep_ == "nsubj:pass" and trigger.head.lemma_ in arguments.LIGHT_VERBS:
        found += [a for a in [arguments.agent(view, trigger.head)] if a]
    for c in trigger.children:
        against = trigger.pos_ == "NOUN" and any(key(g.text) == "contre" for g in c.children if g.dep_ == "case")
        if c.dep_ == "obj" or against:
            found += [e for e in view.entities_in(c.subtree) if view.type_of(e) in ("ORG", "PER")][:1]
    return found


def _leaders_of(view: DocView, groups: list[str], sentence: int) -> list[str]:
    """The heads the same sentence gives to the groups that carried out an attack."""
    sent = view.sents[sentence]
    return [r.subject for r in view.doc.relations if r.type == "head_of" and r.object in groups
            and sent.start_char <= r.evidence.start < sent.end_char]


def _office_of_title(view: DocView, verb) -> list[str]:
    """'Le directeur des services spéciaux a été révoqué': the organisation a title names, for the
    holder it leaves unnamed (the parties of an appointment include the office)."""
    out = []
    for noun in (c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass", "obj")):
        titles = [noun] + [c for c in noun.children if c.dep_ == "conj"]
        for title in titles:
            if title.lemma_ in arguments.PERSON_TITLES and not view.entity_at(title.i):
                office, _ = arguments.object_of(view, view.keys, title.i + 1)
                if office and view.type_of(office) == "ORG":
                    out.append(office)
    return out


def _office_named_after(view: DocView, keys, trigger, cues: Cues) -> list[str]:
    """'nommé directeur de la DGSI', 'démis de ses fonctions de chef de la DGSE': the organisation of
    the title that follows an appointment in its clause."""
    sent = view.sents[view.sent_of[trigger.i]]
    for j in range(trigger.i + 1, min(sent.end - 1, trigger.i + 2 * arguments.MAX_GAP)):
        if view.type_of(view.entity_at(j)) == "PER" or (view.parsed[j].text == "," and view.type_of(view.entity_at(j - 1)) == "PER"):
            continue                      # 'a limogé X, chef de la DGSE': the one removed, then the title
        if view.parsed[j].text in (".", ";", ",", ":") or view.entity_at(j):
            return []
        role = cues.roles.at(keys, j)
        if role and role[0] == "head_of":
            end = j + role[1]
            while end < len(keys) and keys[end] in cues.role_modifiers:
                end += 1
            office, _ = arguments.object_of(view, keys, end)
            return [office] if office and view.type_of(office) == "ORG" else []
    return []


def _post_of(view: DocView, keys, trigger, cues: Cues) -> list[str]:
    """The organisation an appointment puts someone at the head of, later in its clause."""
    sent = view.sents[view.sent_of[trigger.i]]
    for j in range(trigger.i + 1, min(sent.end, trigger.i + 4 * arguments.MAX_GAP)):
        hit = cues.head_phrases.at(keys, j)
        if hit:
            found = arguments.next_entity(view, j + hit[1], ("ORG",), limit=3)
            return [found] if found else []
        if view.parsed[j].text in (".", ";"):
            break
    return []


def _doer(view: DocView, verb) -> list[str]:
    """Who does it: the subject, else an organisation the subject noun belongs to ('un espion
    occupant des fonctions au sein du groupe X')."""
    subject = arguments.subject_entity(view, verb)
    if subject:
        return [subject]
    t = verb
    for _ in range(6):
        for noun in (c for c in t.children if c.dep_ in ("nsubj", "nsubj:pass")):
            found = [e for e in view.entities_in(noun.subtree) if view.type_of(e) == "ORG"][:1]
            if found:
                return found
        if t.head is t:
            break
        t = t.head
    sent = view.sents[view.sent_of[verb.i]]      # the subject phrase the parser broke up
    before = [e for e in view.entities_in(range(sent.start, verb.i)) if view.type_of(e) == "ORG"]
    return before[-1:]


def _gathered(view: DocView, keys, trigger, cues: Cues) -> list[str]:
    """'des réunions au niveau de l'état-major …', 'des conciliabules au sein de la DGSI, ainsi
    que la DDSE': the bodies where a meeting is held take part in it."""
    sent = view.sents[view.sent_of[trigger.i]]
    for j in range(trigger.i + 1, sent.end):
        hit = cues.gathering.at(keys, j)
        if hit:
            group = []
            for k in range(j + hit[1], sent.end):
                eid = view.entity_at(k)
                if eid:
                    if eid not in group and view.type_of(eid) == "ORG":
                        group.append(eid)
                elif view.parsed[k].pos_ in ("VERB", "AUX") or view.parsed[k].text in (".", ";"):
                    break
            return group
    return []


def _agents(view: DocView, trigger) -> list[str]:
    """'une prise d'otages menée par le groupe X': the 'par' complement of a participle on it."""
    return [eid for c in trigger.children if c.dep_ == "acl" for eid in [arguments.agent(view, c)] if eid] + \
        ([arguments.agent(view, trigger)] if trigger.pos_ == "NOUN" and arguments.agent(view, trigger) else [])


def _place_in(view: DocView, trigger) -> str | None:
    """The first place named in the rest of the trigger's sentence ('… qui l'ont accueilli à X')."""
    sent = view.sents[view.sent_of[trigger.i]]
    for j in range(trigger.i + 1, sent.end):
        eid = view.entity_at(j)
        if eid and view.type_of(eid) == "LOC" and view.entities[eid].kind in ("site", "city"):
            return eid
    return None


def _place(view: DocView, trigger, verb, etype: str) -> str | None:
    """A place after à/au/en/dans on the trigger or its verb ('de' too for attacks and
    kidnappings: 'la prise d'otages de X'); else the first such phrase of the clause."""
    cases = arguments.PLACE_CASES | ({"de", "d'"} if etype in ("ATTACK", "KIDNAPPING") else set())
    for head in dict.fromkeys((trigger, verb)):
        for c in head.children:
            if any(key(g.text) in cases for g in c.children if g.dep_ == "case"):
                for eid in arguments.named_by(view, c):
                    if view.type_of(eid) == "LOC":
                        return eid
    if etype in ("ATTACK", "KIDNAPPING"):    # 'un convoi … près de Kidal', 'contre la base de Tessalit'
        for c in trigger.children:
            if c.dep_ in ("obj", "nmod", "obl", "obl:mod"):
                place = next((e for e in view.entities_in(c.subtree) if view.type_of(e) == "LOC"), None)
                if place:
                    return place
    if trigger.pos_ != "VERB":
        return None
    return next((e for e in arguments.complements(view, trigger, "a") if view.type_of(e) == "LOC"), None)


#: how far back a date may lie that 'vingt ans plus tôt' counts from (about a paragraph or two)
ANCHOR_CHARS = 1500


def _dates_near(view: DocView, trigger) -> list[dates.DateMention]:
    """The point dates of the trigger's sentence, the nearest to it first; a range or a bound
    ('de 2014 à 2017') dates a role, not an event. Dates joined by 'et' come together."""
    sent = view.sents[view.sent_of[trigger.i]]
    text = view.doc.text[sent.start_char:sent.end_char]
    found = dates.find_dates(text, view.doc.published)
    if any(m.anchored for m in found):      # 'vingt ans plus tôt': from the last date told before
        before = view.doc.text[max(0, sent.start_char - ANCHOR_CHARS):sent.start_char]
        found = dates.find_dates(text, view.doc.published, dates.anchor_before(before, view.doc.published))
    found = [m for m in found if m.kind in ("point", "since")]
    if not found:
        return []
    at = trigger.idx - sent.start_char
    found.sort(key=lambda m: min(abs(m.start - at), abs(m.end - at)))
    nearest = found[0]
    joined = [m for m in found[1:] if _joined(text, nearest, m)]
    return sorted([nearest, *joined], key=lambda m: m.start)


#: demonstratives that take an event noun back to its first telling ('ces attaques', 'cet enlèvement')
DEMONSTRATIVES = frozenset({"ce", "cet", "cette", "ces"})


def _dates_of_antecedent(view: DocView, trigger) -> list[dates.DateMention]:
    """'La Tunisie a connu depuis mai 2011 plusieurs attaques. Ces attaques sont imputées à X': an
    event noun with a demonstrative takes the date of the same noun in the three sentences before."""
    if trigger.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in trigger.children):
        return []
    sent = view.sent_of[trigger.i]
    for j in range(trigger.i - 1, view.sents[max(0, sent - 3)].start - 1, -1):
        if view.lemmas[j] == view.lemmas[trigger.i] and view.sent_of[j] != sent:
            found = _dates_near(view, view.parsed[j])
            if found:                     # else a telling in between ('Ces attaques avaient fait …')
                return found
    return []


def _told_back_on(view: DocView, trigger, itself: bool = False) -> list[dates.DateMention]:
    """'X a été démis de ses fonctions. … L'information a été livrée … ce lundi 31 janvier 2022': the
    date a sentence that tells back the news gives (attribution_fr.json told_back), for the events of
    the three sentences before it (``itself``: for the telling in that very sentence)."""
    sent = view.sent_of[trigger.i]
    pattern = load_rules().told_back
    for n in ([sent] if itself else range(sent + 1, min(len(view.sents), sent + 4))):
        span = view.sents[n]
        text = view.doc.text[span.start_char:span.end_char]
        if pattern.search(text):
            return [m for m in dates.find_dates(text, view.doc.published) if m.kind == "point"][:1]
    return []


def _news_time(view: DocView, verb) -> list[dates.DateMention]:
    """An event told in the present or the passé composé with no date of its own ('X a eu des
    entretiens avec Y') happened around publication: the month of ``published``, when known.
    Not so for the imperfect, the pluperfect, the future or the conditional. An infinitive takes
    the tense of the verb it depends on ('a annoncé avoir décidé de limoger X'). The date has the
    precision of ``published``: a month, or a year when the text gives only that."""
    published = view.doc.published
    if not published or len(published) < 4 or verb.pos_ not in ("VERB", "AUX"):
        return []
    for _ in range(4):
        if not arguments.infinitive(verb) or verb.head is verb or verb.dep_ not in INFINITIVE_LINKS:
            break
        verb = verb.head
        while verb.pos_ == "NOUN" and verb.head is not verb and verb.dep_ in ("obj", "nmod", "obl"):
            verb = verb.head            # 'prendre la décision de limoger': the noun's verb
    if verb.pos_ not in ("VERB", "AUX") or arguments.infinitive(verb):
        return []
    finite = [verb, *(c for c in verb.children if c.dep_.startswith("aux"))]
    tenses = {t for tok in finite for t in tok.morph.get("Tense")}
    moods = {m for tok in finite for m in tok.morph.get("Mood")}
    if moods - {"Ind"} or tenses - {"Pres", "Past"} or not any(tok.morph.get("Tense") == ["Pres"] for tok in finite):
        return []
    return [dates.DateMention(0, 0, "", published[:7], None, None, "point")]


#: how an infinitive hangs on the verb or noun it completes ('a décidé de limoger', 'la décision de limoger')
INFINITIVE_LINKS = ("xcomp", "ccomp", "acl", "obj", "obl:arg", "advcl")


def _joined(text: str, a: dates.DateMention, b: dates.DateMention) -> bool:
    first, second = (a, b) if a.start < b.start else (b, a)
    return text[first.end:second.start].strip(" ,") in ("et", "puis")


# --- 3. public statements read from their source cues ---------------------------------------

#: sources that make a statement public: a communiqué, an outlet's report, a named speaker; and
#: who says the statement was made: the body itself, the author (who read the outlet), the speaker
SAID_BY = {"official": "official", "media": "none", "named_person": "named_person"}
STATING = tuple(SAID_BY)


def _statements(view: DocView) -> list[Told]:
    """A named body, outlet or person stating in public ('a affirmé le ministère', 'rapporte Le
    Monde', 'a indiqué le procureur X') is a PUBLICATION by the speakers its cue names, with the
    outlets that relay it in the same sentence."""
    out = []
    for sentence in view.doc.sentences:
        spans = [(start, end, kind) for start, end, kind in sentence.cues if kind in STATING]
        relays = [(start, end) for start, end, kind in sentence.cues if kind == "media"]
        for start, end, kind in spans:
            speakers = _speaker_within(view, start, end)     # the speaker, not who it tells of
            if not speakers:
                continue
            first = view.token_at_char.get(start)
            if first is None:
                continue
            trigger = view.parsed[first]
            others = [e for s, t in relays if (s, t) != (start, end) for e in _named_within(view, s, t)[:1]]
            verb = next((u for u in view.parsed[first:view.token_at_char.get(end - 1, first) + 1]
                         if u.pos_ == "VERB"), None) or arguments.governing_verb(trigger, steps=4) or trigger
            days = _stated_on(view, start, end) or _told_back_on(view, trigger, itself=True) or _news_time(view, verb)
            out.append(Told("PUBLICATION", list(dict.fromkeys(speakers + others)), view.sent_of[first], trigger,
                            date=days[0] if days else None, clause=[verb], said=SAID_BY[kind]))
    return out


def _stated_on(view: DocView, start: int, end: int) -> list[dates.DateMention]:
    """The date a statement was made: one inside its cue or right after its verb ('a affirmé
    mardi'), not the dates of what it reports."""
    window = view.doc.text[start:min(len(view.doc.text), end + 25)]
    return [m for m in dates.find_dates(window, view.doc.published)
            if m.kind == "point" and m.start <= end - start + 3]


def _speaker_within(view: DocView, start: int, end: int) -> list[str]:
    """The one who speaks in a cue: its first person or organisation not introduced by 'à' (the
    addressee of 'a déclaré à l'AFP X'), else its first."""
    named = sorted((m.start, e.id) for e in view.doc.entities if e.type in ("PER", "ORG")
                   for m in e.mentions if start <= m.start and m.end <= end)
    for at, eid in named:         # a passive's agent speaks: 'a été revendiquée par le JNIM'
        first = view.token_at_char.get(at)
        if first is not None and "par" in view.keys[max(0, first - 2):first]:
            return [eid]
    addressed = []
    for at, eid in named:
        first = view.token_at_char.get(at)
        before = [view.keys[j] for j in range(max(0, (first or 0) - 2), first or 0)]
        if first is not None and not {"a", "au", "aux"} & set(before):
            # the outlet it spoke to relays it: 'a confié au Monde le ministre X'
            return [eid] + [a for a in addressed if view.entities[a].kind == "media"]
        addressed.append(eid)
    return [eid for _, eid in named[:1]]


def _named_within(view: DocView, start: int, end: int) -> list[str]:
    """The people and organisations named between two offsets of the text, in text order."""
    found = sorted((m.start, e.id) for e in view.doc.entities if e.type in ("PER", "ORG")
                   for m in e.mentions if start <= m.start and m.end <= end)
    return list(dict.fromkeys(eid for _, eid in found))


# --- 4. appointments read from leaders ----------------------------------------------------------

def _appointments(view: DocView) -> list[Told]:
    out = []
    for r in view.doc.relations:
        if r.type == "head_of" and r.start_text and not r.past and not r.negated:
            sentence = next(i for i, s in enumerate(view.sents) if s.start_char <= r.evidence.start < s.end_char)
            mention = dates.DateMention(0, 0, r.start_text, r.start, None, None, "since")
            # its mood and negation are the leadership's, read already, not the sentence's main verb's
            out.append(Told("APPOINTMENT", [r.subject, r.object], sentence, view.sents[sentence].root,
                            date=mention, clause=[]))
    return out


# --- 4. one event per real event ----------------------------------------------------------------

def _merge(view: DocView, found: list[Told]) -> list[Event]:
    kept: list[Told] = []
    for told in sorted(found, key=lambda t: t.sentence):
        same = next((k for k in kept if k.type == told.type and _same_parties(k, told) and _compatible(k, told)),
                    None)
        if same is None:
            kept.append(told)
            continue
        same.participants = list(dict.fromkeys(same.participants + told.participants))
        same.place = same.place or told.place
        same.date = told.date if same.date is None or (_by_convention(same.date) and told.date) else same.date
    return [_event(view, n, told) for n, told in enumerate(kept, 1)]


def _same_parties(a: Told, b: Told) -> bool:
    """The same parties, or, for a visit to one place, one telling naming a part of the other's
    ('X séjourne à Paris' and 'X s'est déplacé à Paris accompagné d'officiers de la DDSE')."""
    first, second = set(a.participants), set(b.participants)
    return first == second or (a.type == "VISIT" and bool(first & second) and (first <= second or second <= first)
                               and a.place is not None and a.place == b.place)


def _compatible(a: Told, b: Told) -> bool:
    """Two tellings may be one event unless their dates or places differ ('hier jeudi' and 'ce
    vendredi' are two days even when no year lets us write them down)."""
    if a.date and b.date and _day(a.date) != _day(b.date) and not _within(a.date, b.date) and not _within(b.date, a.date):
        return False
    return not (a.place and b.place and a.place != b.place)


def _by_convention(mention: dates.DateMention) -> bool:
    """A date no words of the text give: the news convention's month of publication."""
    return not mention.text


def _within(convention: dates.DateMention, told: dates.DateMention) -> bool:
    """'samedi' (2024-05-04) falls within the month the news convention gave another telling."""
    return _by_convention(convention) and bool(convention.value) and bool(told.value) and \
        str(told.value).startswith(str(convention.value))


def _day(mention: dates.DateMention) -> str:
    return mention.value or mention.partial or key(mention.text)


def _event(view: DocView, n: int, told: Told) -> Event:
    sentence = sentence_at(view.doc.sentences, told.trigger.idx)
    hedged = is_hedged(told.clause)
    said = Attribution("none", [], None, hedged) if sentence is None else \
        Attribution(sentence.attribution.kind, list(sentence.attribution.via), sentence.attribution.text,
                    sentence.attribution.hedged or hedged)
    if told.said is not None:
        said = Attribution(told.said, [], said.text if told.said != "none" else None, said.hedged)
    date = told.date
    return Event(id=f"v{n}", type=told.type, cameo=EVENT_TYPES[told.type].cameo,
                 participants=told.participants, evidence=view.evidence(told.sentence),
                 place=told.place, date=date.value if date else None,
                 date_text=date.text if date and date.text else None, subtype=told.subtype,
                 attribution=said, negated=is_negated(told.clause))

