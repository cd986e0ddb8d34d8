"""Who and what a trigger word is about: subjects, complements and groups in the parse.

Shared by the relation and event stages. Each function reads the dependency parse of spaCy's
French model through a :class:`DocView`, with surface fallbacks where that parse is known to
stumble (coordination after "entre", hyphenated chains of names).
"""

from functools import lru_cache

from ..knowledge.cues import Cues
from ..knowledge.read import load_json
from ..knowledge.words import ARGUMENT_WORDS as WORDS
from ..text import key
from .view import DocView

BOUNDARY_POS = frozenset({"VERB", "AUX", "SCONJ"})
#: prepositions of place, as matching keys (accents removed: 'à' is 'a')
PLACE_CASES = frozenset({"a", "au", "aux", "en", "dans"})
OF = frozenset({"de", "du", "des", "d'"})
#: the prepositions a frame's slot may name, as matching keys of the words that introduce them
PREPOSITIONS = {"avec": frozenset({"avec"}), "contre": frozenset({"contre"}), "a": PLACE_CASES,
                "aupres": frozenset({"aupres"}), "vers": frozenset({"vers"}), "de": OF, "par": frozenset({"par"}),
                "pour": frozenset({"pour"}), "sur": frozenset({"sur"}), "dans": frozenset({"dans"}),
                "envers": frozenset({"envers"}),
                "to": frozenset({"a", "au", "aux"})}     # an addressee: 'à', never a place's 'en' / 'dans'
#: prepositional locutions ending in 'de', as the slots they fill: 'ses critiques à l'égard du
#: FSB' (envers), 'un mandat d'arrêt à l'encontre de X' (contre), 'travailler pour le compte de X' (pour)
COMPOUND_PREPOSITIONS = WORDS.phrase_slots("compound_prepositions")
MAX_GAP = 8
QUOTES = frozenset({"«", "»", "“", "”", '"'})
#: verbs whose object does what their infinitive says ('accuse X d'avoir …', 'invite X à …')
OBJECT_CONTROL = WORDS.set("object_control")
#: verbs whose 'il' is impersonal ('il faut', 'il s'agit de', 'il semble que')
IMPERSONAL = WORDS.set("impersonal")
#: verbs whose passive subject is an act and whose 'à' / 'par' complement did it: 'ces attaques sont
#: imputées au groupe X', 'l'attentat a été revendiqué par Y'
CLAIMED = WORDS.set("claimed")
#: nouns that stand for the entity they are followed by: 'le site Wikileaks', 'le chef du FSB'
STAND_INS = WORDS.set("stand_ins")
#: the fighters of a group or a force, who stand for it as subjects too: 'des combattants du JNIM ont
#: attaqué …' (not its chief: 'le chef du FSB a rencontré X' is the chief's meeting)
FIGHTERS = WORDS.set("fighters")
#: an organisation's people who stand for it as a party: 'un agent du FSB a été interpellé par la DGSI'
OPERATIVES = WORDS.set("operatives")
#: nouns of a number of people or things, which stand for their 'de' complement: 'une vingtaine de
#: jihadistes de l'EIGS', 'une partie des forces de X'
QUANTITIES = WORDS.set("quantities")
#: what an actor plans or runs, which stands for the actor when it is thwarted or targeted: 'a
#: déjoué le plan de X', 'le plan de X, déjoué par Y'
PLANS = WORDS.set("plans")
#: titles whose holder may be named after the title's complement: 'le ministre de l'Intérieur X'
PERSON_TITLES = WORDS.set("person_titles")
#: verbs whose object noun carries the event: 'a eu des entretiens avec', 'a tenu une séance de travail'
LIGHT_VERBS = WORDS.set("light_verbs")


def ended(view: DocView, noun, cues: Cues, words: frozenset[str] | None = None) -> bool:
    """'a suspendu sa coopération avec X', 'a mis fin à l'alliance', 'la rupture de l'accord': a
    noun that a verb or a noun of ending governs names what held until then (not 'à la fin de
    cette semaine, en concertation': a time). ``words``: other verbs and nouns than the ending
    ones ('cancelling': 'a annulé sa visite')."""
    words = cues.ending if words is None else words
    head = noun.head
    if head is noun or noun.pos_ != "NOUN":
        return False
    if noun.dep_ in ("obj", "obl:arg", "obl", "nsubj:pass") and head.pos_ == "VERB":
        return view.lemmas[head.i] in words or (
            words is cues.ending and head.lemma_ == "mettre" and any(view.keys[c.i] == "fin" for c in head.children))
    return noun.dep_ == "nmod" and head.pos_ == "NOUN" and view.keys[head.i] in words and \
        not any(c.dep_ == "case" and view.keys[c.i] in ("a", "au", "vers", "depuis", "des", "jusqu'a") for c in head.children)


def cancelled(view: DocView, noun, cues: Cues) -> bool:
    """'a annulé la rencontre avec X', 'le report de sa visite à Alger': an episode that did not take place."""
    return ended(view, noun, cues, cues.cancelling)


def pronominal(verb) -> bool:
    return any(c.dep_.startswith("expl") or (c.pos_ == "PRON" and "Reflex=Yes" in str(c.morph))
               for c in verb.children)


def causative(verb) -> bool:
    """'faire tomber le gouvernement': the verb governed by a causative 'faire'."""
    return any(c.lemma_ == "faire" and c.i < verb.i for c in verb.children if c.dep_ in ("aux:caus", "dep", "aux"))


def planned(verb, cues: Cues) -> bool:
    """'cherchent à rencontrer', 'prévoyait de rencontrer', 's'entretiendra avec': an intention
    or a plan, not a fact."""
    bare = "Inf" in verb.morph.get("VerbForm")
    head = verb.head
    for _ in range(2):          # 'ont menacé à plusieurs reprises de frapper': the parse hangs it on a noun
        if head.pos_ in ("VERB", "AUX") or head.head is head:
            break
        head = head.head
    return (bare and head is not verb and _is_one_of(head, cues.planned)) or \
        any(c.dep_ == "aux" and _is_one_of(c, cues.planned) for c in verb.children) or \
        ("Fut" in verb.morph.get("Tense") and "Ind" in verb.morph.get("Mood"))


def _is_one_of(verb, lemmas: frozenset[str]) -> bool:
    """The lemma, or failing the lemmatizer ('cherche' for chercher), the stem of a -er/-ir verb."""
    if verb.lemma_ in lemmas:
        return True
    word = verb.lower_
    return any(len(v) > 6 and v[-2:] in ("er", "ir") and word.startswith(v[:-2]) for v in lemmas)


def clause(verb) -> list:
    return [verb, *verb.children]


def subject_entity(view: DocView, verb, depth: int = 4) -> str | None:
    """The entity that does what ``verb`` says: its subject, a relative's antecedent, the subject
    of the verb it depends on ('pour contrer …, l'Algérie va …'), a pronoun's recent antecedent."""
    t = verb
    for _ in range(depth):
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubj:pass")
                    and not (c.i > t.i and (infinitive(t) or _continued(t)))] \
            or [c for c in t.children if c.dep_ == "expl:subj" and c.lower_ in ("il", "elle") and c.i < t.i
                and t.lemma_ not in IMPERSONAL]   # 'Il était le chef du COS': the parser's expletive is a subject
        for c in subjects:
            if any(g.dep_ == "case" for g in c.children):
                # 'Selon Jeune Afrique, X s'entretiendra': a subject has no preposition; the
                # parser took the source for it and hung the subject on it, last ('Selon le
                # porte-parole, Y, X a rencontré': Y names the source, X is the subject)
                named = [view.entity_at(g.i) for g in c.children if g.dep_ == "appos" and g.i < t.i]
                return next((e for e in reversed(named) if e), None)
            # 'Le chef d'état-major, le général X, a été démis': the parser made the apposition
            # a second subject; the first that names an entity
            eid = entity_of_subject(view, c, t)
            if eid or c is subjects[-1]:
                return eid
        if t is verb and (speaker := _inverted(view, verb)):
            return speaker                  # '…, a confié au Monde le ministre X': the speaker after the verb
        if t is verb and purpose(verb) and _main_subject_after(view, verb):
            return _main_subject_after(view, verb)
        if t.dep_ == "acl" and "Inf" in t.morph.get("VerbForm") and t.head.pos_ == "NOUN":
            # 'la volonté de la France de soutenir le Mali': the one whose will, decision or attempt it is
            return entity_of_noun(view, t.head) or of_party(view, t.head)
        if t.dep_ == "acl" or (t.dep_ in ("nmod", "appos") and "Part" in t.morph.get("VerbForm")):
            # 'X, arrêté mardi par la DGSI': the noun it describes; 'le numéro deux du renseignement
            # libyen, Y, enlevé la veille': the person in apposition right before it
            named = [view.entity_at(c.i) for c in t.head.children if c.dep_ == "appos" and c.i < t.i]
            people = [e for e in named if view.type_of(e) == "PER"]
            if people and view.parsed[t.i - 1].text == ",":
                return people[-1]
            return entity_of_noun(view, t.head)
        if t.dep_ in ("xcomp", "ccomp") and infinitive(t) and t.head.lemma_ in OBJECT_CONTROL and not passive(t.head):
            # 'Tobrouk les accuse d'être financés par Tripoli': the accused does it, not the accuser
            # (the subject of a passive, 'X est accusé d'avoir …', is the accused)
            objects = [c for c in t.head.children if c.dep_ in ("obj", "iobj") and c.i != t.i]
            return next((e for c in objects for e in named_by(view, c)), None)
        if t.dep_ in ("conj", "advcl") and _finite(t) and (inner := _inner_clause(view, t)) is not None:
            return entity_of_subject(view, *inner)   # 'a confirmé que X, …, avait servi': X's clause goes on
        if t.dep_ == "conj" and _finite(t) and not _finite(t.head):
            return None                     # '…, après avoir été condamné …, avait servi': not the infinitive's subject
        if t.dep_ in ("xcomp", "advcl", "conj", "acl", "acl:relcl", "ccomp") and t.head is not t:
            t = t.head
        elif t.dep_ == "ROOT" or (t.dep_ == "parataxis" and t.head.i < t.i and t.head.lemma_ == "dire"):
            return _bare_subject_before(view, t)        # 'X, dit Bachir, a dirigé': a broken parse
        elif t.dep_ == "parataxis":
            return _name_right_before(view, t)          # '…, le général X est rentré …': the parse lost X
        else:
            return None
    return None


def _inverted(view: DocView, verb) -> str | None:
    """The subject of an incise that follows what it reports ('« … », a affirmé X', '…, a confié au
    Monde le ministre X'): a finite verb opened by a comma or a closing quotation mark, with no
    subject before it and a noun phrase without preposition after it."""
    if infinitive(verb) or verb.dep_ not in ("advcl", "parataxis", "conj", "ccomp", "ROOT") or \
            verb.lemma_ not in INCISE_VERBS:
        return None             # '…, a rencontré X et …': a coordinated verb shares the subject
    first = min([verb.i] + [c.i for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i])
    if first == 0 or view.parsed[first - 1].text not in (",", "»", "”", '"'):
        return None
    for c in verb.children:
        if c.i > verb.i and c.dep_ in ("obj", "nsubj") and not any(g.dep_ == "case" for g in c.children):
            eid = entity_of_noun(view, c)
            return eid if eid and view.type_of(eid) in ("PER", "ORG") else None
        if c.i > verb.i and any(g.dep_ == "case" and view.keys[g.i] in ("a", "au", "aux") for g in c.children):
            for g in c.children:          # '…, a déclaré à l'AFP X': the parser hangs X on the addressee
                if g.dep_ == "appos" and g.i > c.i:
                    eid = entity_of_noun(view, g)
                    if eid and view.type_of(eid) in ("PER", "ORG"):
                        return eid
    return None


#: verbs of saying that follow, in an incise, what they report ('« … », a affirmé X')
INCISE_VERBS = WORDS.set("incise_verbs")


def subject_entities(view: DocView, verb) -> list[str]:
    """The subject and the names coordinated with it by 'et' ('le Maroc et Israël ont signé …',
    'Moscou et Pyongyang coopèrent')."""
    first = subject_entity(view, verb)
    if first is None:
        two = [e for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") for e in the_two(view, c)]
        return two                  # 'Les deux hommes se sont rencontrés'
    opening = names_opening(view, verb)
    found = [first] + [e for e in opening if first in opening and e != first]
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < verb.i]
    for before, noun in zip(subjects, subjects[1:]):
        # 'La DGSE et la DGED coopèrent': two subjects, the 'et' between them hung on the verb
        eid = entity_of_noun(view, noun)
        if eid and eid not in found and "et" in view.keys[before.i + 1:noun.i]:
            found.append(eid)
    for noun in (c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")):
        # the parser makes the second of 'la DGSE et la DGST' a conjunct, or a second subject
        joined = [c for c in noun.children if c.dep_ == "conj"] + ([noun] if noun.i < verb.i else [])
        for c in joined:
            if any(g.dep_ == "cc" and key(g.text) == "et" for g in c.children):
                eid = entity_of_noun(view, c)
                if eid and eid not in found:
                    found.append(eid)
    return found


def names_opening(view: DocView, verb) -> list[str]:
    """'Madrid et Rabat ont normalisé …', 'La DGSE et la DGED ont renforcé …' when the parse sets a
    name apart: the names joined by 'et' or a comma that open the verb's sentence, with nothing but
    auxiliaries, pronouns, adverbs and determiners between them and the verb (or the predicate
    noun: 'X, Y et Z sont des promotionnaires')."""
    sent = view.sents[view.sent_of[verb.i]]
    group, j = [], sent.start
    while j < verb.i:
        span = view.span_at[j]
        if span is not None:
            group.append(span.entity)
            j = span.end
            continue
        if view.parsed[j].pos_ == "DET" or (group and view.keys[j] in ("et", ",")):
            j += 1
            continue
        break
    if len(group) < 2 or any(t.pos_ not in ("AUX", "PRON", "ADV", "DET") for t in view.parsed[j:verb.i]):
        return []
    return list(dict.fromkeys(group))


def _inner_clause(view: DocView, verb):
    """The subject and verb of a clause of its own between a continuing verb and the one the parse
    hangs it on ('a confirmé que X, libéré jeudi, avait servi …': X's), if there is one."""
    for j in range(verb.i - 1, verb.head.i, -1):
        t = view.parsed[j]
        if t.pos_ in ("VERB", "AUX") and t.head.i == verb.head.i and t.dep_ in ("ccomp", "advcl", "conj"):
            subject = next((c for c in t.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < t.i), None)
            if subject is not None and any(c.dep_ == "mark" for c in t.children):
                return subject, t
    return None


def _finite(verb) -> bool:
    """A verb conjugated, itself or by its auxiliary ('avait servi'), not an infinitive or a participle alone."""
    return "Fin" in verb.morph.get("VerbForm") or any(
        c.dep_.startswith("aux") and "Fin" in c.morph.get("VerbForm") for c in verb.children)


def _name_right_before(view: DocView, verb) -> str | None:
    """The person or organisation named right before a verb and its auxiliaries, clitics and adverbs."""
    j = verb.i - 1
    while j >= 0 and (view.parsed[j].pos_ in ("AUX", "ADV") or view.keys[j] in ("se", "s'", "ne", "n'")):
        j -= 1
    eid = view.entity_at(j) if j >= 0 else None
    return eid if eid and view.type_of(eid) in ("PER", "ORG") else None


def _bare_subject_before(view: DocView, verb) -> str | None:
    """A main verb the parser left without a subject ('Un lieutenant-colonel du FSB, X, aurait
    fait défection'): the last person, else organisation, named before it outside any
    prepositional phrase."""
    sent = view.sents[view.sent_of[verb.i]]
    found, quoted = {}, False
    for j in range(sent.start, verb.i):
        text = view.parsed[j].text
        if text in ("«", "“", "»", "”", '"'):   # '« … Y prend le relais », a indiqué une source': not Y
            closing = text in ("»", "”") or (text == '"' and j > sent.start and not view.parsed[j - 1].whitespace_)
            quoted = not closing
            if not quoted:                       # what a closing mark ends was quoted
                found = {}
            continue
        eid = view.entity_at(j)
        if eid and not quoted and not any(c.dep_ == "case" for c in view.parsed[j].children) and \
                view.parsed[j].dep_ != "case":
            found[view.type_of(eid)] = eid
    return found.get("PER") or found.get("ORG")


def purpose(verb) -> bool:
    """'Pour contrer …, X va …': an infinitive of purpose, whose subject is the main clause's."""
    return "Inf" in verb.morph.get("VerbForm") and any(c.dep_ == "mark" and key(c.text) in ("pour", "afin")
                                                        for c in verb.children)


def _main_subject_after(view: DocView, verb) -> str | None:
    sent = view.sents[view.sent_of[verb.i]]
    comma = next((j for j in range(verb.i + 1, sent.end) if view.parsed[j].text == ","), None)
    if comma is None:
        return None
    for j in range(comma + 1, sent.end):
        if view.parsed[j].dep_ in ("nsubj", "nsubj:pass"):
            return view.entity_at(j)
    return None


def entity_of_subject(view: DocView, subject, verb) -> str | None:
    eid = view.entity_at(subject.i)
    if eid:
        return eid
    if "PronType=Rel" in str(subject.morph) and verb.dep_ == "acl:relcl":
        return view.entity_at(verb.head.i)
    if subject.pos_ == "PRON" and subject.lower_ in ("il", "elle"):
        return subject_antecedent(view, subject)
    return entity_of_noun(view, subject) or described(view, subject)


def entity_of_noun(view: DocView, noun, depth: int = 3) -> str | None:
    """The entity a noun phrase names: itself, or through its appositions ('le patron de la DDSE, …,
    le général X'), or the name a stand-in noun introduces ('le site Wikileaks')."""
    eid = view.entity_at(noun.i)
    if eid or depth == 0:
        return eid
    found = []
    for c in noun.children:
        if c.dep_ in ("appos", "flat:name") or (c.dep_ == "nmod" and c.pos_ == "PROPN" and noun.lemma_ in STAND_INS
                                                 and not any(g.dep_ == "case" for g in c.children)) or \
                (c.dep_ == "nmod" and noun.lemma_ in PLANS and any(key(g.text) in OF for g in c.children)):
            eid = entity_of_noun(view, c, depth - 1)
            if eid:
                found.append(eid)
        elif _comma_apposition(noun, c):
            eid = view.entity_at(c.i)
            if eid and view.type_of(eid) == "PER":
                found.append(eid)
        elif c.dep_ == "nmod" and noun.lemma_ in FIGHTERS | QUANTITIES | OPERATIVES and any(key(g.text) in OF for g in c.children):
            eid = entity_of_noun(view, c, depth - 1)      # 'des combattants du JNIM', 'une centaine de soldats maliens'
            if eid and view.type_of(eid) == "ORG":
                found.append(eid)
        elif c.dep_ == "nmod" and noun.lemma_ in PERSON_TITLES:
            # 'le ministre de l'Intérieur Gérald Darmanin': the parser hangs the name on the
            # ministry; a title's holder is the person named right after its complement
            found += [e for g in c.children if g.dep_ == "appos" and g.i > c.i
                      for e in [view.entity_at(g.i)] if e and view.type_of(e) == "PER"]
    if not found and noun.lemma_ in STAND_INS:
        found = [e for e in [_name_after_comma(view, noun)] if e]
    if not found and noun.lemma_ in STAND_INS | PERSON_TITLES | PERSON_NOUNS:
        found = [e for e in [_name_right_after(view, noun)] if e]      # 'le président Tebboune', tagged an adjective
    people = [e for e in found if view.type_of(e) == "PER"]
    return (people or found or [None])[0]


def _name_after_comma(view: DocView, noun) -> str | None:
    """'X et son homologue russe, Y, se sont rencontrés': a person named between commas right after
    a stand-in noun, which the parser hung elsewhere, is the one the noun stands for."""
    j = noun.right_edge.i + 1
    if j + 1 >= len(view.parsed) or view.parsed[j].text != ",":
        return None
    eid = view.entity_at(j + 1)
    span = view.span_at[j + 1]
    if eid is None or view.type_of(eid) != "PER" or span.end >= len(view.parsed):
        return None
    return eid if view.parsed[span.end].text in (",", ")") else None


def _comma_apposition(noun, child) -> bool:
    """'Le patron de la DGSE, Nicolas Lerner, …': a name after a comma that the parser attached to
    a common noun as a conjunct, with no 'et' / 'ou' to coordinate them: an apposition."""
    return child.dep_ == "conj" and noun.pos_ == "NOUN" and child.i > noun.i \
        and noun.doc[child.left_edge.i].text == "," and not any(g.dep_ == "cc" for g in child.children)


def antecedent(view: DocView, i: int) -> str | None:
    """The last person named before a pronoun, in its sentence or the three before it within its
    paragraph."""
    return next((span.entity for span in spans_before(view, i, 3, paragraph=True)
                 if view.type_of(span.entity) == "PER"), None)


PRONOUN_GENDER = {"il": "Masc", "elle": "Fem"}


def spans_before(view: DocView, i: int, sentences: int, paragraph: bool = False):
    """The entity mentions before token i, nearest first, in its sentence and the ``sentences``
    before it (within its paragraph when ``paragraph``)."""
    first = view.sents[max(0, view.sent_of[i] - sentences)].start
    j = i - 1
    while j >= first:
        if paragraph and "\n" in view.parsed[j].text:
            return
        span = view.span_at[j]
        if span is None:
            j -= 1
            continue
        yield span
        j = span.start - 1


def subject_antecedent(view: DocView, pronoun) -> str | None:
    """What a subject 'il' / 'elle' stands for: the last person named before it (as
    :func:`antecedent`), or an organisation that was the subject of a clause since, when its
    grammatical gender is the pronoun's ('La DGSI a été créée en 2014. Elle a arrêté …'; 'le
    Mossad … il')."""
    gender = PRONOUN_GENDER.get(pronoun.lower_)
    for span in spans_before(view, pronoun.i, 3, paragraph=True):
        kind = view.type_of(span.entity)
        if kind == "PER":
            return span.entity
        if kind == "ORG" and gender and _subject_span(view, span) and _gender_of(view, span) == gender:
            return span.entity
    return None


def _subject_span(view: DocView, span) -> bool:
    return any(view.parsed[k].dep_ in ("nsubj", "nsubj:pass") for k in range(span.start, span.end))


def _gender_of(view: DocView, span) -> str | None:
    """The grammatical gender of a mention: its determiner's ('la DGSI', 'du Mossad'), else its
    first noun's."""
    before = view.parsed[span.start - 1] if span.start else None
    if before is not None and before.pos_ == "DET":
        if view.keys[before.i] in ("le", "du", "au", "ce", "cet"):
            return "Masc"
        if view.keys[before.i] in ("la", "cette"):
            return "Fem"
    for k in range(span.start, span.end):
        t = view.parsed[k]
        if t.pos_ in ("NOUN", "PROPN") and t.morph.get("Gender"):
            return t.morph.get("Gender")[0]
    return None


def _typed_nouns(section: str) -> dict[str, tuple[str, frozenset[str]]]:
    """A section of entity_lexicon.json that maps nouns to 'TYPE kind kind …': noun -> (type, kinds)."""
    raw = load_json("entity_lexicon.json")[section]
    return {key(noun): (spec.split()[0], frozenset(spec.split()[1:])) for noun, spec in raw.items() if noun != "_about"}


@lru_cache(maxsize=1)
def anaphoric_heads() -> dict[str, tuple[str, frozenset[str]]]:
    """The nouns that take up an entity named before them ('le service', 'l'officier')."""
    return _typed_nouns("anaphoric_heads")


def described(view: DocView, noun, sentences: int = 3) -> str | None:
    """What a definite description stands for: 'le service', 'ce pays', alone after a definite or
    demonstrative determiner, take up the last organisation (or state) of the kind the noun
    names, or whose name holds the noun, in the sentence or the ``sentences`` before it."""
    head = anaphoric_heads().get(view.lemmas[noun.i]) or anaphoric_heads().get(view.keys[noun.i])
    if head is None or noun.pos_ != "NOUN" or "Plur" in noun.morph.get("Number") and view.keys[noun.i] != "services":
        return None
    dets = [c for c in noun.children if c.dep_ == "det"]
    if not dets or view.keys[dets[0].i] not in ("le", "la", "l'", "les", "ce", "cet", "cette", "ces") or \
            any(c.dep_ not in ("det", "case", "punct", "cc") and not (c.dep_ == "amod" and c.pos_ == "ADJ")
                for c in noun.children):
        return None         # 'le service de presse', 'un service': not the one named before
    etype, kinds = head
    word = view.lemmas[noun.i]
    people: list = []
    for span in spans_before(view, noun.i, sentences):
        entity = view.entities[span.entity]
        if etype == "PER" and entity.type == "PER":
            people.append(span)
        elif entity.type == etype and (entity.kind in kinds or word in key(
                " ".join([entity.name, *entity.aliases])).split()):
            return span.entity
    if not people:
        return None
    # 'Un lieutenant-colonel du FSB, X, a fui. L'officier …': the one person named before, or
    # the last named when it was the subject of its clause
    if len({p.entity for p in people}) == 1 or _subject_span(view, people[0]):
        return people[0].entity
    return None


@lru_cache(maxsize=1)
def anaphoric_pairs() -> dict[str, tuple[str, frozenset[str]]]:
    """The plural nouns that take up two entities named together ('les deux hommes')."""
    return _typed_nouns("anaphoric_pairs")


def the_two(view: DocView, noun, sentences: int = 2) -> list[str]:
    """'les deux hommes', 'ces deux pays': the two entities of the noun's type (and kind) that the
    last sentence naming such entities before it named, when it named exactly two. Two cities of
    two states stand for their states ('entre Paris et Alger … entre les deux pays')."""
    spec = anaphoric_pairs().get(view.keys[noun.i])
    if spec is None or noun.pos_ not in ("NOUN", "PROPN") or view.entity_at(noun.i):
        return []
    words = [view.keys[c.i] for c in noun.children if c.i < noun.i]
    if "deux" not in words or not {"les", "ces"} & set(words):
        return []
    etype, kinds = spec
    found, sentence = [], None
    for span in spans_before(view, noun.i, sentences):
        entity = view.entities[span.entity]
        if entity.type == etype and (not kinds or entity.kind in kinds or ("country" in kinds and entity.kind == "city")):
            if sentence is None:
                sentence = view.sent_of[span.start]
            if view.sent_of[span.start] != sentence:
                break
            if span.entity not in found:
                found.append(span.entity)
    if len(found) != 2 or (etype == "LOC" and len({view.entities[e].country for e in found}) < 2):
        return []
    return found[::-1]


def complements(view: DocView, head, how: str) -> list[str]:
    """The second party: the direct object, or what an 'avec' / 'à' phrase names; when the parse
    attached that phrase elsewhere, the first such phrase after ``head`` in its clause."""
    found = []
    for c in head.children:
        cases = {key(g.text) for g in c.children if g.dep_ == "case"}
        if how == "obj" and (c.dep_ in ("obj", "obl:arg") or _second_subject(head, c)) and not cases:
            found += named_by(view, c)
        elif how in _compound_slots(view, c):          # 'à l'égard du FSB': what the locution's 'de' names
            found += [e for g in c.children if g.dep_ == "nmod" for e in named_by(view, g)]
        elif how in PREPOSITIONS and cases & PREPOSITIONS[how] and not _compound_slots(view, c):
            found += named_by(view, c)     # not the 'au' of 'au profit du Mossad': a locution
    if not found and how in PREPOSITIONS and how not in ("de", "par"):
        found = _phrase_after(view, head.i, PREPOSITIONS[how], how)
    if not found and how == "de":
        # 'l'empoisonnement présumé d'Alexandre X': the parse hangs the 'de' on the adjective after the noun
        found = [e for c in head.children if c.dep_ in ("acl", "amod") and c.i == head.i + 1
                 for g in c.children if g.i > c.i and any(view.keys[k.i] in OF for k in g.children if k.dep_ == "case")
                 for e in named_by(view, g)]
    if not found and how == "obj" and head.pos_ == "VERB" and not passive(head) and \
            not any(c.dep_ in ("obj", "iobj") for c in head.children):
        found = _object_after_place(view, head)
    return list(dict.fromkeys(found + [e for f in found for e in coordinated_after(view, f, head)]))


def _continued(verb) -> bool:
    """'X a quitté Alger, a rencontré Y et …': a verb that continues a clause after a comma, with
    no subject before it, shares that clause's subject; the name after it is its object (not in
    an incise of saying: '…, a affirmé Y')."""
    return verb.dep_ in ("advcl", "conj") and verb.lemma_ not in INCISE_VERBS and verb.head.i < verb.i and \
        not any(c.dep_ in ("nsubj", "nsubj:pass") and c.i < verb.i for c in verb.children)


def _second_subject(head, child) -> bool:
    """'X a rencontré Bernard Dupont', 'X a démenti avoir rencontré Bernard Dupont': a name right
    after the verb that the parser took for a subject while the verb has one before it, or is an
    infinitive, is its object (a French verb has one subject; an inverted one — 'a dit Dupont' —
    follows a finite verb that has none before it)."""
    return child.dep_ == "nsubj" and child.i > head.i and \
        (infinitive(head) or _continued(head) or any(c.dep_ in ("nsubj", "nsubj:pass") and c.i < head.i
                                                     for c in head.children)) and \
        not any(t.text in (",", "«", "»", '"', ":", ";") for t in head.doc[head.i + 1:child.i])


def infinitive(verb) -> bool:
    """'rencontrer', and 'avoir rencontré' (the infinitive is its auxiliary): a verb with no
    subject of its own, whatever name the parser gives one after it."""
    return "Inf" in verb.morph.get("VerbForm") or any(
        c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm") for c in verb.children)


def _object_after_place(view: DocView, verb) -> list[str]:
    """'a reçu à Rabat le directeur du Mossad, David Barnea': with a place (or a time) before
    the object the parser loses the object; it is the first bare noun phrase after the verb,
    the person it names rather than the organisation of their title."""
    parsed = view.parsed
    j = verb.i + 1
    while j < min(len(parsed), verb.i + 3 * MAX_GAP):
        t = parsed[j]
        if t.text in (".", ";", ":", "«", "»", ",") or t.pos_ in ("VERB", "SCONJ") or key(t.text) in ("qui", "que"):
            return []
        if t.pos_ == "ADP":                 # a prepositional phrase ('à Rabat'): skip it to its noun
            j += 1
            while j < len(parsed) and parsed[j].pos_ in ("DET", "ADJ"):
                j += 1
            noun = j
            while j < len(parsed) and parsed[j].pos_ in ("NOUN", "PROPN") and (j == noun or parsed[j].pos_ == "PROPN"):
                j += 1                      # the noun, and the other words of a name ('Abou Dhabi')
            continue
        if t.pos_ in ("NOUN", "PROPN"):
            found = [e for e in named_by(view, t) if view.type_of(e) in ("PER", "ORG")]
            people = [e for e in found if view.type_of(e) == "PER"]
            return people or found
        j += 1
    return []


def coordinated_after(view: DocView, entity_id: str, head) -> list[str]:
    """'à Alger et Oran': the entities of the same type joined to a complement by 'et' or a comma,
    where the parser attached them elsewhere (in the head's sentence, after it)."""
    out = []
    sent = view.sents[view.sent_of[head.i]]
    for span in {s for s in view.span_at[head.i:sent.end] if s and s.entity == entity_id}:
        j = span.end
        while j + 1 < len(view.parsed) and view.parsed[j].text in (",", "et") and view.entity_at(j + 1) \
                and view.type_of(view.entity_at(j + 1)) == view.type_of(entity_id):
            out.append(view.entity_at(j + 1))
            j = view.span_at[j + 1].end
    return out


def _compound_slots(view: DocView, noun) -> tuple[str, ...]:
    """The slots of the locution a noun heads in the parse ('égard' of 'à l'égard de X', with its
    'de' complement), else none."""
    words = tuple([view.keys[g.i] for g in noun.children if g.dep_ in ("case", "det") and g.i < noun.i]
                  + [view.keys[noun.i]])
    if words not in COMPOUND_PREPOSITIONS or not any(
            g.dep_ == "nmod" and any(view.keys[c.i] in OF for c in g.children if c.dep_ == "case") for g in noun.children):
        return ()
    return COMPOUND_PREPOSITIONS[words]


def _compound_at(view: DocView, j: int) -> tuple[tuple[str, ...], int] | None:
    """'à l'égard de' / 'pour le compte de' at token j: the slots it fills and the index after its 'de'."""
    for words, slots in COMPOUND_PREPOSITIONS.items():
        end = j + len(words)
        if tuple(view.keys[j:end]) == words and end < len(view.keys) and view.keys[end] in OF:
            return slots, end + 1
    return None


def _phrase_after(view: DocView, i: int, preps, how: str = "") -> list[str]:
    """Entities of the first 'avec …' / 'à …' phrase after token i, before the clause ends; a
    locution such as 'à l'égard de' for the slots it fills ('envers', 'contre')."""
    parsed = view.parsed
    for j in range(i + 1, min(len(parsed), i + 3 * MAX_GAP)):
        t = parsed[j]
        if t.text in (".", ";", ":", "»") or (t.pos_ == "VERB" and t.dep_ not in ("amod",)) or key(t.text) in ("qui", "que", "dont", "où"):
            return []
        compound = _compound_at(view, j)
        if compound and how not in compound[0]:
            return []                                 # 'au profit du Mossad' is no 'à' phrase
        if compound and how in compound[0]:
            j = compound[1] - 1                       # the locution's 'de': its group follows
        if (compound and how in compound[0]) or (t.pos_ in ("ADP", "ADV") and key(t.text) in preps):
            group = []
            for k in range(j + 1, min(len(parsed), j + MAX_GAP)):
                eid = view.entity_at(k)
                if eid and eid not in group:
                    group.append(eid)
                elif not eid and parsed[k].pos_ not in ("DET", "ADJ", "CCONJ", "PUNCT", "ADV") and group and \
                        not (view.keys[k] in OF and view.keys[k - 1] == "et"):     # '… et du FSB'
                    break
                elif not group and (parsed[k].pos_ in BOUNDARY_POS or (parsed[k].pos_ == "ADP" and view.keys[k] not in OF)):
                    break        # 'à des mercenaires pour faire tomber X': the phrase named no one
                elif parsed[k].text in (",", ";", ".") and group:
                    break
            return group
    return []


def named_by(view: DocView, token) -> list[str]:
    """The entities a complement names: itself and its coordinated or appositive parts, what a
    stand-in noun introduces ('le chef du FSB', 'le groupe X'), or the counterpart a demonym
    gives ('leurs homologues français')."""
    found = [view.entity_at(token.i)] if view.entity_at(token.i) else the_two(view, token)
    if found and not view.entity_at(token.i):
        return found                # 'avec les deux hommes'
    if not found and token.lemma_ in ("homologue", "homologues", "pendant", "équivalent"):
        found += [t for c in token.children if c.dep_ == "amod" for t in [_counterpart(view, token, key(c.text))] if t]
    named = bool(found)
    for c in token.children:      # the apposition of a name describes it: 'X, directeur de la DGSI'
        if c.dep_ == "conj" or (c.dep_ == "appos" and not named) or (
                not found and c.dep_ in ("nmod", "flat:name") and token.lemma_ in STAND_INS | PLANS | QUANTITIES
                and not any(g.dep_ == "case" and key(g.text) not in OF for g in c.children)):   # not 'à Bamako'
            found += named_by(view, c)      # 'le patron de la DDSE, Karim Ouali': both
    if not found and (token.lemma_ in STAND_INS | PERSON_NOUNS or token.text.casefold() in PERSON_NOUNS):
        found = [e for e in [_name_right_after(view, token)] if e]   # 'l'opposant' parsed as a verb
    if not found and token.lemma_ in STAND_INS:
        # 'une cellule affiliée à l'État islamique', 'un réseau lié au Hezbollah': who it belongs to
        found = [e for c in token.children if c.dep_ in ("acl", "amod") and view.lemmas[c.i] in AFFILIATED
                 for e in complements(view, c, "a") if view.type_of(e) == "ORG"][:1]
    if not found and token.lemma_ in LED:
        # 'une délégation conduite par X': the one who leads it
        found = [e for c in token.children if c.dep_ == "acl" and c.lemma_ in LEADING for e in [agent(view, c)] if e]
    found = [f for f in found if f]
    if token.lemma_ in PERSON_TITLES | PERSON_STAND_INS and not view.entity_at(token.i):
        people = [f for f in found if view.type_of(f) == "PER"]
        # 'a reçu le directeur de la DGSE, Nicolas Lerner': the director, not the DGSE
        return people or found
    return found


#: stand-ins for a person: the person they introduce is the party, not the body of their title
PERSON_STAND_INS = WORDS.set("person_stand_ins")
#: participles that tie a cell or a network to the organisation it belongs to (matching keys)
AFFILIATED = WORDS.set("affiliated")
#: groups named by who leads them: 'une délégation conduite par X', 'une mission dirigée par X'
LED = WORDS.set("led")
LEADING = WORDS.set("leading")


#: nouns of a person that the parse may leave apart from the name they introduce: 'l'opposant X'
PERSON_NOUNS = WORDS.set("person_nouns")


def _name_right_after(view: DocView, noun) -> str | None:
    """'l'assassinat de l'opposant X', the name hung elsewhere: the person named right after the noun."""
    j = noun.i + 1
    eid = view.entity_at(j) if j < len(view.parsed) else None
    return eid if eid and view.type_of(eid) == "PER" and view.span_at[j].start == j else None


def of_complement(view: DocView, noun) -> str | None:
    """'la visite de X', 'les entretiens de X avec Y'."""
    for c in noun.children:
        if c.dep_ == "nmod" and any(key(g.text) in OF for g in c.children if g.dep_ == "case"):
            eid = view.entity_at(c.i)
            if eid and view.type_of(eid) in ("PER", "ORG"):
                return eid
    return None


def of_party(view: DocView, noun) -> str | None:
    """'le soutien de la Russie', 'des armes des Émirats': the party after 'de', a state included."""
    for c in noun.children:
        if c.dep_ == "nmod" and any(key(g.text) in OF for g in c.children if g.dep_ == "case"):
            eid = view.entity_at(c.i)
            if eid and (view.type_of(eid) in ("PER", "ORG") or view.entities[eid].kind == "country"):
                return eid
    return None


def between(view: DocView, keys, i: int) -> list[str]:
    """'entre Rabat et Paris', 'entre les services secrets algériens et français' (the second
    service named by its demonym alone, when the text names it elsewhere)."""
    j = i   # 'la coopération sécuritaire et en matière de renseignement entre …'
    while j < len(view.parsed) and j < i + MAX_GAP and keys[j] != "entre":
        if (view.parsed[j].pos_ not in ("ADJ", "ADV", "ADP", "DET", "NOUN", "CCONJ")
                and view.parsed[j].text not in QUOTES) or view.entity_at(j):
            return []         # '« la coopération militaire » entre X et Y': a quotation ends before 'entre'
        j += 1
    if j >= len(view.parsed) or keys[j] != "entre":
        return []
    group, saw_and, k = [], False, j + 1
    while k < min(len(view.parsed), j + 4 * MAX_GAP):
        t = view.parsed[k]
        eid = view.entity_at(k)
        if eid:
            if eid not in group:
                group.append(eid)
            k = view.span_at[k].end
            continue
        if keys[k] == "et":
            saw_and = True
        elif saw_and and group and t.pos_ == "ADJ" and _twin(view, group[-1], keys[k]):
            group.append(_twin(view, group[-1], keys[k]))
            break
        elif keys[k] in OF and (not group or keys[k - 1] == "et"):
            pass         # 'entre groupes armés de X et de Y', 'entre les services du Maroc et de la Roumanie'
        elif t.pos_ == "NUM" and not group:
            pass         # 'entre les deux pays'
        elif t.pos_ == "NOUN" and not group and (two := the_two(view, t)):
            return two                      # 'entre les deux pays'
        elif t.pos_ == "NOUN" and not group:
            pass
        elif t.pos_ not in ("DET", "PUNCT", "ADJ") or t.text in (".", ";", ":", ")"):
            break
        elif t.text == "," and saw_and:
            break
        k += 1
    return group if saw_and and len(group) >= 2 else []


def _counterpart(view: DocView, token, adjective: str) -> str | None:
    """'les services algériens … leurs homologues français': the entity of the same kind as the
    clause's subject that the demonym names."""
    t = token
    while t.head is not t and t.pos_ not in ("VERB", "AUX"):
        t = t.head
    subject = subject_entity(view, t) if t.pos_ in ("VERB", "AUX") else None
    return _twin(view, subject, adjective) if subject else None


def _twin(view: DocView, entity_id: str, adjective: str) -> str | None:
    """'les services secrets algériens et français': the other entity of the same kind whose
    name ends with the same adjective ('services secrets français')."""
    kind = view.entities[entity_id].kind
    return next((e.id for e in view.doc.entities if e.id != entity_id and e.kind == kind and e.stated_country
                 and any(key(form).split()[-1:] == [adjective] for form in (e.name, *e.aliases))), None)


def hyphen_chain(view: DocView, i: int) -> list[str]:
    """'l'alliance Etats-Unis-Israël-Maroc', 'l'axe Rabat-Tel-Aviv'."""
    j = i
    while j < len(view.parsed) and view.parsed[j].pos_ == "ADJ":
        j += 1
    group = []
    while j < len(view.parsed) and view.entity_at(j):
        group.append(view.entity_at(j))
        j = view.span_at[j].end
        if j < len(view.parsed) and view.parsed[j].text in ("-", "–") and not view.parsed[j].whitespace_:
            j += 1
        else:
            break
    return list(dict.fromkeys(group)) if len(group) >= 2 else []


def nearest_before(view: DocView, i: int, types, limit: int = 2 * MAX_GAP) -> str | None:
    for j in range(i - 1, max(-1, i - limit), -1):
        eid = view.entity_at(j)
        if eid and view.type_of(eid) in types:
            return eid
        if view.parsed[j].pos_ in ("VERB", "AUX") or view.parsed[j].text in (".", ";"):
            return None
    return None


def next_entity(view: DocView, i: int, types, limit: int = MAX_GAP) -> str | None:
    for j in range(i, min(len(view.parsed), i + limit)):
        eid = view.entity_at(j)
        if eid:
            return eid if view.type_of(eid) in types else None
        if view.parsed[j].pos_ in ("VERB", "AUX") or view.parsed[j].text in (".", ";", ","):
            return None
    return None


def object_of(view: DocView, keys, i: int) -> tuple[str | None, int]:
    """The entity a role applies to: 'de la DGSE', 'du président X', '(DGSI'."""
    parsed, seen_of = view.parsed, False
    for j in range(i, min(len(parsed), i + MAX_GAP)):
        t = parsed[j]
        eid = view.entity_at(j)
        if eid:
            return (eid, view.span_at[j].end) if seen_of else (None, j)
        if keys[j] in OF or t.text == "(":
            seen_of = True
        elif t.pos_ in BOUNDARY_POS or t.is_punct or keys[j] in ("qui", "et", "ou", "dont"):
            return None, j
    return None, i


def holder_before(view: DocView, keys, np_start: int) -> str | None:
    """'Bernard Martin, le patron de …' or 'Bernard Martin (patron de …)'."""
    j = np_start - 1
    if j >= 1 and view.parsed[j].text in (",", "("):
        return view.entity_at(j - 1)
    return None


def carrier(view: DocView, noun):
    """The light verb that carries a noun: its head in the parse ('a eu des entretiens'), or, when
    the parser lost the link over commas ('a tenu à Rabat, hier, deux séances de travail'), the
    nearest such verb before it in its sentence; None when there is none."""
    if carried(noun):
        return noun.head
    sent = view.sents[view.sent_of[noun.i]]
    for j in range(noun.i - 1, max(sent.start, noun.i - 3 * MAX_GAP) - 1, -1):
        t = view.parsed[j]
        if t.text in (";", ":", "«", "»") or key(t.text) in ("qui", "que", "dont"):
            return None
        if t.pos_ == "VERB":
            return t if t.lemma_ in LIGHT_VERBS and not any(c.dep_ == "obj" for c in t.children) else None
    return None


def carried(noun) -> bool:
    """'a eu des entretiens avec', 'a tenu deux séances de travail': a light verb carries the noun,
    and its subject is the noun's agent. Not so for 'après le kidnapping du consul'."""
    return noun.head.pos_ in ("VERB", "AUX") and noun.head.lemma_ in LIGHT_VERBS and \
        noun.dep_ in ("obj", "obl:mod", "obl:arg", "obl") and \
        not any(key(c.text) not in ("en", "a", "au", "aux") for c in noun.children if c.dep_ == "case")


def passive(verb) -> bool:
    """'a été reçu', and a past participle with no auxiliary whose 'par' phrase is its agent ('l'armée,
    soutenue par l'Égypte'): the parser marks the agent but not the voice."""
    return any(c.dep_ == "aux:pass" for c in verb.children) or "Voice=Pass" in str(verb.morph) or (
        "Part" in verb.morph.get("VerbForm") and not any(c.dep_.startswith("aux") for c in verb.children)
        and any(c.dep_ == "obl:agent" or (c.dep_ in ("obl", "obl:mod") and any(
            g.dep_ == "case" and g.lower_ == "par" for g in c.children)) for c in verb.children))


def agent(view: DocView, verb) -> str | None:
    """The 'par X' agent of a passive verb or participle."""
    for c in verb.children:
        if c.dep_ in ("obl:agent", "obl", "obl:mod") and any(key(g.text) == "par" for g in c.children if g.dep_ == "case"):
            found = named_by(view, c)
            if found:
                return found[0]
    return None


def companions(view: DocView, verb) -> list[str]:
    """'X s'est déplacé à Paris accompagné par une délégation d'officiers de la DDSE': who goes
    along, named in an 'accompagné de / par' phrase on the verb."""
    out = []
    for c in verb.children:
        if c.lemma_ == "accompagner" and c.pos_ == "VERB":
            for g in c.children:
                if g.dep_.startswith("obl") or g.dep_ == "obj":
                    out += [e for e in view.entities_in(g.subtree) if view.type_of(e) in ("PER", "ORG")]
    return list(dict.fromkeys(out))


# --- the slots of a frame -----------------------------------------------------------------------

def fill(view: DocView, match, slot: str) -> list[str]:
    """The entities that fill one slot of a frame match (``veille.extract.frames.Match``): its trigger,
    and the verb that carries it when the trigger is a noun ("a eu des entretiens avec")."""
    trigger, carrier_verb = match.trigger, match.carrier
    if trigger.pos_ == "ADJ" and trigger.head.lemma_ == "avoir" and trigger.head.pos_ == "AUX":
        trigger = trigger.head   # 'd'avoir espionné X', the participle tagged an adjective: 'avoir' holds its arguments
    is_verb = trigger.pos_ in ("VERB", "AUX") if trigger is not match.trigger else trigger.pos_ == "VERB"
    if slot == "subject":          # a verb's, or a predicate's ('X est hostile à Y', 'X et Y sont en route pour Z')
        predicate = trigger.pos_ == "ADJ" or any(c.dep_ == "cop" for c in trigger.children)
        return subject_entities(view, trigger) if is_verb or predicate else []
    if slot == "carrier":
        return subject_entities(view, carrier_verb) if carrier_verb is not trigger else []
    if slot == "governor":
        verb = governing_verb(trigger)
        return subject_entities(view, verb) if verb is not None else []
    if slot == "object":
        return _objects(view, trigger) if is_verb else []
    if slot == "agent":
        return [a for a in [agent(view, trigger)] if a]
    if slot == "possessor":
        owner = (of_complement(view, trigger) or possessive_owner(view, trigger)) if not is_verb else None
        owners = [owner] if owner else []
        if owner and not of_complement(view, trigger) and any(
                c.dep_ == "det" and view.keys[c.i] in ("leur", "leurs") for c in trigger.children):
            # 'La DGSE et la DGED ont renforcé leur coopération': every owner 'leur' stands for
            verb = governing_verb(trigger)
            owners = list(dict.fromkeys(owners + (subject_entities(view, verb) if verb is not None else [])))
        return list(dict.fromkeys(owners + ellipsis_owners(view, trigger)))
    if slot == "claimant":
        if is_verb:
            return []
        # 'ces attaques sont imputées au groupe X', 'une frappe attribuée à Israël'
        verbs = [trigger.head] if trigger.dep_ == "nsubj:pass" else []
        verbs += [c for c in trigger.children if c.dep_ == "acl" and c.lemma_ in CLAIMED]
        for verb in verbs:
            if verb.lemma_ in CLAIMED:
                found = complements(view, verb, "to") or [a for a in [agent(view, verb)] if a]
                if found:
                    return found
        return []
    if slot == "struck":
        return struck(view, trigger) if not is_verb else []
    if slot == "of":
        return [e for e in [of_party(view, trigger)] if e] if not is_verb else []
    if slot == "involved":
        return involved(view, trigger) if not is_verb else []
    if slot == "helped":
        return helped(view, trigger) if not is_verb else []
    if slot == "targeted":
        return targeted(view, trigger) if not is_verb else []
    if slot == "head":
        return _modified(view, trigger)
    if slot == "entre":
        end = trigger.i + match.size
        return between(view, view.keys, end) or hyphen_chain(view, end)
    if slot == "recipient":
        return _recipient(view, trigger)
    if slot == "companions":
        return companions(view, trigger)
    found = complements(view, trigger, slot)
    if not found and carrier_verb is not trigger:
        found = complements(view, carrier_verb, slot)
    return found


def _objects(view: DocView, verb) -> list[str]:
    """The direct object; 'contrer l'alliance X-Y-Z': the chain the object noun introduces."""
    found = complements(view, verb, "obj")
    if not found:
        for c in verb.children:
            if c.dep_ == "obj":
                found = hyphen_chain(view, c.i + 1)
    return found


def _modified(view: DocView, word) -> list[str]:
    """The entity a participle or a noun phrase describes: 'la DDSE, rattachée à la Présidence',
    'le groupe X, affilié à Al-Qaïda', 'X, en visite à Alger' (its head in the parse, else the
    nearest organisation or person before it in its clause)."""
    if word.dep_ in ("acl", "amod", "appos", "nmod") and word.head is not word:
        eid = entity_of_noun(view, word.head)
        if eid:
            return [eid]
    if word.dep_ in ("acl", "amod", "appos", "advcl", "nmod", "obl:mod", "ROOT") or word.pos_ == "ADJ":
        eid = nearest_before(view, word.i, ("ORG", "PER"), limit=MAX_GAP)
        return [eid] if eid else []
    return []


def governing_verb(word, steps: int = 3, itself: bool = False):
    """The verb a phrase hangs on, at most ``steps`` heads up the parse ('travaillait pour le
    compte de', 'selon le ministère, X a rencontré Y'), ``word`` itself first when ``itself``; a
    participle the tagger took for an adjective is a verb."""
    t = word
    if itself and _verbal(t):
        return t
    for _ in range(steps):
        if t.head is t:
            return None
        t = t.head
        if _verbal(t):
            return t
    return None


def _verbal(t) -> bool:
    return t.pos_ == "VERB" or (t.pos_ == "ADJ" and "Part" in t.morph.get("VerbForm"))


def _recipient(view: DocView, verb) -> list[str]:
    """Whom a message goes to: the one 'lui' / 'leur' stands for, or an 'à' complement ('a indiqué
    à l'agence X', 'une déclaration à l'agence X')."""
    for c in verb.children:
        if c.dep_ in ("iobj", "obl:arg") and c.pos_ == "PRON" and c.lower_ in ("lui", "leur"):
            found = antecedent(view, c.i)
            if found:
                return [found]
    return complements(view, verb, "to")


#: nouns of a part taken in an act: 'l'implication de X dans l'assassinat de Y'
INVOLVEMENT = frozenset(key(w) for w in WORDS.set("involvement"))
#: verbs of judging or pursuing someone for an act, whose object (or passive subject) did it
JUDGED = WORDS.set("judged")
#: verbs of ordering or planning an act, whose subject (or agent) is behind it
ORDERING = WORDS.set("ordering")


def involved(view: DocView, act) -> list[str]:
    """Who took part in an act: 'l'implication de X dans l'assassinat de Y', 'son rôle dans
    l'attentat', 'X a démenti toute implication dans l'empoisonnement de Y' (the owner of the
    noun of involvement the act hangs on by 'dans', else the subject of the verb it hangs on);
    'X a commandité l'assassinat de Y', 'le complot ourdi par X' (who ordered or planned it), 'X est
    derrière l'attentat'."""
    head = act.head
    if any(c.dep_ == "case" and view.keys[c.i] == "derriere" for c in act.children):
        # 'le FSB serait derrière la cyberattaque': the subject of the copula the act is predicated by
        subject = next((c for c in act.children if c.dep_ == "nsubj"), None)
        owner = entity_of_subject(view, subject, act) if subject is not None else None
        return [owner] if owner else []
    if head is not act and head.pos_ == "VERB" and head.lemma_ in ORDERING and act.dep_ in ("obj", "nsubj:pass"):
        owner = agent(view, head) if passive(head) else subject_entity(view, head)
        return [owner] if owner else []
    if head is not act and head.pos_ == "VERB" and head.lemma_ in JUDGED and \
            any(c.dep_ == "case" and view.keys[c.i] in ("pour", "de", "d'") for c in act.children):
        # 'X a été condamné pour le meurtre de Y', 'la justice accuse X de l'assassinat de Y'
        return subject_entities(view, head) if passive(head) else _objects(view, head)
    if head is act or view.lemmas[head.i] not in INVOLVEMENT or \
            not any(c.dep_ == "case" and view.keys[c.i] in ("dans", "a", "au") for c in act.children):
        return []
    owner = of_complement(view, head) or possessive_owner(view, head)
    if owner is None and head.head is not head and head.head.pos_ in ("VERB", "AUX") and \
            head.dep_ in ("obj", "obl:arg", "obl:mod", "nsubj:pass"):
        owner = subject_entity(view, head.head)
    return [owner] if owner else []


#: verbs whose object an act is aimed at: 'l'attaque qui a visé l'armée', 'l'attentat visant X'
AIMING = WORDS.set("aiming")


#: verbs of a harm that an act causes: 'X a été tué dans une frappe', 'X est mort lors de l'attaque'
HARMED = WORDS.set("harmed")


def struck(view: DocView, act) -> list[str]:
    """Who an act struck, told by the verb of harm it hangs on: 'X a été tué dans une frappe', 'X
    a péri lors de l'attentat' (the one who died or was hurt)."""
    verb = act.head
    cases = {view.keys[c.i] for c in act.children if c.dep_ == "case"}
    if verb.lemma_ not in HARMED or not cases & {"dans", "lors", "pendant", "durant", "par"}:
        return []
    return subject_entities(view, verb)


def targeted(view: DocView, act) -> list[str]:
    """What an act aims at, told by a relative clause or a participle on its noun: 'l'attaque qui
    a visé un détachement de l'armée', 'l'attentat visant l'ambassade'; 'X a été visé par une
    attaque' (the subject of the passive whose agent the act is)."""
    head = act.head
    if act.dep_ == "obl:agent" and head.lemma_ in AIMING and passive(head):
        found = subject_entities(view, head)
        if found:
            return found
    for c in act.children:
        if c.dep_ in ("acl:relcl", "acl") and c.lemma_ in AIMING:
            found = complements(view, c, "obj")
            if found:
                return found
            for j in range(c.i + 1, view.sents[view.sent_of[c.i]].end):   # the parse lost the object
                t = view.parsed[j]
                if t.pos_ in ("VERB", "AUX") or t.text in (",", ";", ":", "."):
                    break
                if t.pos_ in ("NOUN", "PROPN") and (view.entity_at(j) or t.lemma_ in STAND_INS | PLANS):
                    named = named_by(view, t)
                    if named:
                        return named
    return []


def helped(view: DocView, noun) -> list[str]:
    """Who a help noun helps: 'X a fui avec l'aide des services estoniens', 'a été exfiltré grâce au
    soutien de Y' (the subject of the verb the 'avec' / 'grâce à' phrase hangs on)."""
    cases = [view.keys[c.i] for c in noun.children if c.dep_ in ("case", "fixed")]
    verb = noun.head
    if noun.dep_ not in ("obl", "obl:mod", "obl:arg", "nmod") or verb.pos_ not in ("VERB", "ADJ") or \
            not {"avec", "grace"} & set(cases):
        return []
    return subject_entities(view, verb)


def possessive_owner(view: DocView, noun) -> str | None:
    """'X était connu pour ses critiques à l'égard de Y': the owner a possessive determiner stands
    for is the subject of the clause the noun belongs to (a reflexive reading: 'X a annoncé sa visite')."""
    if not any(c.dep_ == "det" and "Poss=Yes" in str(c.morph) for c in noun.children):
        return None
    t = noun
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or any(c.dep_ == "cop" for c in t.children if t is not noun):
            return subject_entity(view, t)
        if t.head is t:
            return None
        t = t.head
    return None


def ellipsis_owners(view: DocView, noun) -> list[str]:
    """'la visite au Maroc de X intervient après celle de Y': Y made the same kind of visit."""
    sent = view.sents[view.sent_of[noun.i]]
    keys = view.keys
    out = []
    for j in range(noun.i + 1, sent.end - 2):
        if keys[j] in ("celle", "celui", "celles", "ceux") and keys[j + 1] in OF:
            eid = next_entity(view, j + 2, ("PER", "ORG"), limit=3)
            if eid:
                out.append(eid)
    return out

