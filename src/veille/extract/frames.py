"""Frame matching: every trigger of the frame lexicon (``data/frames.json``) in a parsed document,
with the arguments of its slots.

One generic pass serves the relation and the event stages: a match says which frame a token
evokes, the token that carries it (a light verb for "a eu des entretiens avec"), and the entities
that fill the frame's two slots, found by :func:`veille.extract.arguments.fill` over the dependency parse.

1. Find triggers: verbs by lemma (pronominal ones only in their pronominal form), nouns by lemma
   or word, multiword phrases by their words; a plan or an intention ("cherche à rencontrer") is
   no match.
2. Fill the slots of the frame, each a list of grammatical functions tried in order. A passive
   verb swaps its parties once for all frames: the agent fills the subject's slot and the
   grammatical subject the object's ("X a été reçu par Y").
"""

from dataclasses import dataclass, field

from . import arguments
from ..knowledge.cues import Cues, Frame
from .view import DocView


#: relations told by a single episode: a cancelled one, or one that is only the aim of another act, did not take place
EPISODES = frozenset({"meets", "visits", "communicates"})

#: the slots of an active verb as they stand around its passive
PASSIVE = {"subject": "agent", "object": "subject"}


@dataclass
class Match:
    """One trigger of one frame in the text, with the parties of its slots."""

    frame: Frame
    trigger: object                  # the spaCy token of the trigger
    size: int                        # its length in tokens
    carrier: object                  # the verb that carries it (itself for a verb)
    a: list[str] = field(default_factory=list)
    b: list[str] = field(default_factory=list)
    aside: bool = False              # its subject is the noun it describes: the author's aside


def matches(view: DocView, cues: Cues) -> list[Match]:
    """Every frame match of the document, in text order (computed once per view)."""
    cached = getattr(view, "_frame_matches", None)
    if cached is not None:
        return cached
    out, used = [], set()
    for t in view.tokens:
        if t.i in used or view.entity_at(t.i):
            continue
        found = _trigger_at(view, cues, t)                                              # 1
        if found is None:
            continue
        frame, size = found
        used.update(range(t.i, t.i + size))
        trigger = t
        if frame.pos == "phrase" and t.pos_ not in ("VERB", "NOUN"):   # 'se rendre aux': its verb carries it
            trigger = next((u for u in view.parsed[t.i:t.i + size] if u.pos_ in ("VERB", "NOUN")), t)
        carrier = trigger if trigger.pos_ == "VERB" else (arguments.carrier(view, trigger) or trigger)
        if arguments.planned(trigger if trigger.pos_ == "VERB" else trigger.head, cues):
            continue
        if set(frame.relations) & EPISODES and (arguments.cancelled(view, trigger, cues) or (
                trigger.pos_ == "VERB" and arguments.purpose(trigger))):
            continue                 # 'a annulé la rencontre avec X', 'est à Ankara pour rencontrer X': none took place
        match = Match(frame, trigger, size, carrier)
        if frame.relation and not _yields(view, cues, match):                             # 2
            match.a, match.b = _parties(view, match)
        out.append(match)
    view._frame_matches = out
    return out


def _trigger_at(view: DocView, cues: Cues, t) -> tuple[Frame, int] | None:
    hit = cues.phrase_frames.at(view.keys, t.i)
    if hit:
        return cues.frames[hit[0]], hit[1]
    if t.pos_ == "NOUN":     # the longer of the matches by lemmas and by words ('échange de prisonniers')
        hits = [h for h in (cues.noun_frames.at(view.lemmas, t.i), cues.noun_frames.at(view.keys, t.i)) if h]
        if hits:
            hit = max(hits, key=lambda h: h[1])
            return cues.frames[hit[0]], hit[1]
    if t.pos_ in ("ADJ", "VERB") and cues.adjective_frames:      # 'une milice hostile au gouvernement'
        frame = cues.adjective_frames.get(view.keys[t.i]) or cues.adjective_frames.get(view.lemmas[t.i])
        if frame is not None:
            return frame, 1
    lemma = t.lemma_ if t.pos_ == "VERB" else cues.participles.get(t.lower_) if t.pos_ == "ADJ" else None
    if t.pos_ == "VERB" and lemma == t.lower_ and lemma not in cues.verb_frames:
        lemma = _first_group(t.lower_)           # 'reproche' left as its own lemma: 'reprocher'
    if lemma in cues.verb_frames:
        frame = cues.verb_frames[lemma]
        if frame.pronominal and not arguments.pronominal(t) or frame.causative and not arguments.causative(t):
            return None
        return frame, 1
    return None


def _first_group(word: str) -> str | None:
    """The infinitive of a present form of a first-group verb ('reproche', 'reprochent' → 'reprocher'),
    for a form the lemmatizer returned unchanged."""
    for ending in ("ent", "es", "e"):
        if word.endswith(ending) and len(word) > len(ending) + 3:
            return word[:-len(ending)] + "er"
    return None


def _yields(view: DocView, cues: Cues, match: Match) -> bool:
    """A light verb whose object is itself a trigger leaves the relation to that noun's frame:
    'X a reçu un message de Y' is a message from Y, not a meeting."""
    if match.frame.pos != "verb":
        return False
    for c in match.trigger.children:
        found = _trigger_at(view, cues, c) if c.dep_ == "obj" and c.pos_ == "NOUN" else None
        if found and found[0].relation and arguments.carried(c):
            return True
    return False


def _parties(view: DocView, match: Match) -> tuple[list[str], list[str]]:
    frame, trigger = match.frame, match.trigger
    swapped = frame.swap and trigger.pos_ == "VERB" and arguments.passive(trigger)
    if "entre" in frame.a + frame.b:          # 'la coopération entre X et Y', 'l'axe X-Y': all parties
        group = arguments.fill(view, match, "entre")
        if group:
            return group, []
    a_slots, b_slots = frame.a, frame.b
    if swapped:           # the logical subject is the agent, the logical object the subject
        a_slots, b_slots = (tuple("+".join(PASSIVE.get(p, p) for p in s.split("+")) for s in slots)
                            for slots in (a_slots, b_slots))
    a = _first_filled(view, match, a_slots)
    if not a and trigger.pos_ == "NOUN" and "subject" not in a_slots:
        a = arguments.fill(view, match, "subject")    # a predicate noun: 'X est en visite à Y', 'X est en guerre contre Y'
    match.aside = "head" in a_slots and match.trigger.dep_ in ("acl", "amod", "appos")
    return a, _first_filled(view, match, b_slots)


def _first_filled(view: DocView, match: Match, slots: tuple[str, ...]) -> list[str]:
    """The parties of the first slot that names any; 'subject+companions' unites two."""
    for slot in slots:
        found = [e for part in slot.split("+") for e in arguments.fill(view, match, part)]
        if found:
            return list(dict.fromkeys(found))
    return []
